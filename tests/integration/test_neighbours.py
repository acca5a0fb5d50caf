"""Neighbour members against SQLite and PostgreSQL: registration, PIN checks with the
households' lockout, bookings under their own rules, and the phone kept out of every
export and log."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from kiosk.domain.clock import local_midnight, to_local
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.lockouts import LockoutKind
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import Audience, NeighbourRules, Quota, QuotaPeriod
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused
from kiosk.services.ports import BookingQuery
from kiosk.services.resource_admin import UpcomingChoice
from tests.builders import KIOSK, MANAGER, add_household, add_resource

PHONE = "010-0000-1234"


def register(services: Any, name: str = "홍길동", phone: str = PHONE, pin: str = "4821") -> int:
    neighbour = services.neighbours.add(name, phone, pin, MANAGER)
    assert neighbour.id is not None
    return neighbour.id


def at(services: Any, days: int, hour: int) -> Any:
    day = to_local(services.bookings.clock()).date() + timedelta(days=days)
    return local_midnight(day) + timedelta(hours=hour)


def request(services: Any, resource: str, days: int, hour: int = 10) -> BookingRequest:
    start = at(services, days, hour)
    return BookingRequest(resource, start, start + timedelta(hours=1))


def open_room(services: Any, resource_id: str = "room", **rules: Any) -> None:
    add_resource(services, resource_id, capacity=1, slot_minutes=60, min_duration=60,
                 max_days_ahead=14, open_to=Audience.NEIGHBOURS,
                 neighbours=NeighbourRules(max_days_ahead=3), **rules)


def test_register_then_verify_by_member_id_or_phone_digits(services: Any) -> None:
    member = register(services)
    found = services.bookings.verify_neighbour(f"N-{member:04d}", "4821")
    assert found.id == member and found.label_ko.endswith("홍*동")
    assert found.phone_masked == "010-****-1234"
    assert services.bookings.verify_neighbour_by_phone("1234", "4821").id == member
    with pytest.raises(DeskRefused) as twice:
        services.neighbours.add("다른사람", "01000001234", "1111", MANAGER)
    assert twice.value.reason is DeskRefusal.EXISTS
    assert str(twice.value) == f"phone 010-****-1234 is N-{member:04d}"
    with pytest.raises(BookingRefused) as unknown:
        services.bookings.verify_neighbour("N-0999", "4821")
    assert unknown.value.reason is Refusal.NOT_FOUND


def test_wrong_pins_lock_a_neighbour_as_they_lock_a_household(services: Any) -> None:
    member = register(services)
    verify = services.bookings.verify_neighbour
    for left in (4, 3, 2, 1):
        with pytest.raises(BookingRefused) as wrong:
            verify(str(member), "0000")
        assert wrong.value.reason is Refusal.WRONG_PIN
        assert wrong.value.details["attempts_left"] == left
    with pytest.raises(BookingRefused) as locked:
        verify(str(member), "0000")
    assert locked.value.reason is Refusal.HOUSEHOLD_LOCKED
    with pytest.raises(BookingRefused) as still:
        verify(str(member), "4821")  # even the right PIN waits for the lock to end
    assert still.value.reason is Refusal.HOUSEHOLD_LOCKED
    with services.bookings.uow() as uow:
        events = uow.lockouts.relevant(services.bookings.clock() - timedelta(hours=1),
                                       services.bookings.clock())
    assert [(e.kind, e.subject) for e in events] == [(LockoutKind.NEIGHBOUR, f"N-{member:04d}")]
    services.neighbours.unlock(member, MANAGER)
    assert verify(str(member), "4821").id == member


def test_phone_digits_shared_by_two_members_ask_for_the_member_id(services: Any) -> None:
    register(services, "홍길동", "010-0000-1234")
    second = register(services, "김영희", "010-1111-1234", pin="1111")
    with pytest.raises(BookingRefused) as ambiguous:
        services.bookings.verify_neighbour_by_phone("1234", "1111")
    assert ambiguous.value.reason is Refusal.NEIGHBOUR_AMBIGUOUS
    services.neighbours.deactivate(second - 1, MANAGER)
    assert services.bookings.verify_neighbour_by_phone("1234", "1111").id == second


def test_deactivated_or_expired_members_are_refused(services: Any) -> None:
    member = register(services)
    services.neighbours.deactivate(member, MANAGER)
    with pytest.raises(BookingRefused) as off:
        services.bookings.verify_neighbour(str(member), "4821")
    assert off.value.reason is Refusal.HOUSEHOLD_INACTIVE
    today = to_local(services.bookings.clock()).date()
    services.neighbours.renew(member, today, MANAGER)
    assert services.bookings.verify_neighbour(str(member), "4821").id == member
    services.bookings.clock.advance(days=1)
    with pytest.raises(BookingRefused) as expired:
        services.bookings.verify_neighbour(str(member), "4821")
    assert expired.value.reason is Refusal.HOUSEHOLD_INACTIVE
    assert expired.value.details["expires_on"] == today


def test_neighbours_book_only_what_is_open_to_them_under_their_rules(services: Any) -> None:
    member = register(services)
    add_resource(services, "parking", capacity=3, slot_minutes=60, min_duration=60)
    open_room(services, quotas=(Quota(QuotaPeriod.WEEK, max_bookings=5),))
    book = services.bookings.book_neighbour
    with pytest.raises(BookingRefused) as residents_only:
        book(request(services, "parking", 1), member, KIOSK)
    assert residents_only.value.reason is Refusal.RESIDENTS_ONLY
    with pytest.raises(BookingRefused) as far:
        book(request(services, "room", 5), member, KIOSK)
    assert far.value.reason is Refusal.TOO_FAR_AHEAD and far.value.details["days"] == 3
    made = book(request(services, "room", 1), member, KIOSK)
    assert made.neighbour_id == member and made.household_id is None
    household = add_household(services)
    assert services.bookings.book(request(services, "room", 5), household, KIOSK).household_id
    assert [b.code for b in services.bookings.bookings_of_neighbour(member)] == [made.code]
    # A household cannot cancel a neighbour's booking, nor a neighbour a household's.
    with pytest.raises(BookingRefused):
        services.bookings.cancel(made.code, KIOSK, household)
    with pytest.raises(BookingRefused):
        services.bookings.cancel(made.code, KIOSK)
    assert services.bookings.cancel(made.code, KIOSK, neighbour_id=member).status == "cancelled"
    grid = services.bookings.availability("room", at(services, 5, 0).date(), Audience.NEIGHBOURS)
    assert {s.blocked_by for s in grid} == {Refusal.TOO_FAR_AHEAD}
    resident_grid = services.bookings.availability("room", at(services, 5, 0).date())
    assert any(s.bookable for s in resident_grid)
    shown = {o.resource.id for o in services.bookings.overview(audience=Audience.NEIGHBOURS)}
    assert shown == {"room"}


def test_quotas_count_per_neighbour_member(services: Any) -> None:
    first, second = register(services), register(services, "김영희", "010-0000-5678", "1111")
    open_room(services, quotas=(Quota(QuotaPeriod.WEEK, max_bookings=5),))
    with services.bookings.uow(write=True) as uow:
        room = uow.resources.get("room")
        assert room is not None
        from dataclasses import replace
        uow.resources.save(replace(room, rules=replace(room.rules, neighbours=NeighbourRules(
            max_days_ahead=3, quotas=(Quota(QuotaPeriod.WEEK, max_bookings=1),)))),
            services.bookings.clock())
        uow.commit()
    services.bookings.book_neighbour(request(services, "room", 1, 10), first, KIOSK)
    with pytest.raises(BookingRefused) as quota:
        services.bookings.book_neighbour(request(services, "room", 1, 12), first, KIOSK)
    assert quota.value.reason is Refusal.QUOTA_BOOKINGS and quota.value.details["limit"] == 1
    services.bookings.book_neighbour(request(services, "room", 1, 12), second, KIOSK)


def test_the_database_keeps_exactly_one_party_per_booking(services: Any) -> None:
    from kiosk.storage.models import BookingRow

    add_resource(services, "room")
    now = services.bookings.clock()
    row = {"code": "XXXXXX", "resource_id": "room", "household_id": None, "neighbour_id": None,
           "start_at": now, "end_at": now + timedelta(hours=1), "units": 1, "status": "confirmed",
           "note": "", "created_by": "test", "created_at": now, "updated_at": now}
    with services.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(insert(BookingRow), row)


def test_the_phone_never_leaves_the_database(services: Any, capsys: Any) -> None:
    member = register(services)
    open_room(services)
    made = services.bookings.book_neighbour(request(services, "room", 1), member, KIOSK)
    services.neighbours.reset_pin(member, MANAGER)
    services.neighbours.deactivate(member, MANAGER, UpcomingChoice.KEEP)
    with services.bookings.uow() as uow:
        audit = json.dumps([e.details for e in uow.audit.recent(100)], ensure_ascii=False)
        page = uow.booking_search.page(BookingQuery(household=f"이웃 N-{member:04d}"), 0, 10)
    assert "0000-1234" not in audit and "00001234" not in audit and "홍길동" not in audit
    assert "010-****-1234" in audit
    assert [(r.code, r.household) for r in page] == [(made.code, f"이웃 N-{member:04d} 홍*동")]
    from kiosk.services.reports import ReportService
    day = to_local(made.start).date()
    sheet = ReportService(services.bookings.uow, services.bookings.clock).daily_sheet(day)
    assert [s.household for s in sheet] == [f"이웃 N-{member:04d} 홍*동"]
    out = io.StringIO()
    csv.writer(out).writerows([[s.household, s.code] for s in sheet])
    assert "1234" not in out.getvalue().replace(f"N-{member:04d}", "")
