"""The desk's use cases on SQLite and PostgreSQL: roles, booking actions with reasons in
the audit log, resources and households, the paged search."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import BookingRules, Quota, QuotaPeriod
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, actor_of
from kiosk.services.ports import BookingQuery
from kiosk.services.resource_admin import UpcomingChoice
from tests.builders import KIOSK, add_household, add_resource


def at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


def _entries(desk: Any, code: str) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.details.get("reason")) for e in desk.search.history(code)]


def test_approve_reject_cancel_are_recorded_with_actor_and_reason(
        desk: Any, manager: AdminAccount, staff: AdminAccount) -> None:
    add_resource(desk.services, capacity=3, approval_required=True)
    household = add_household(desk.services)
    made = [desk.bookings.book(BookingRequest("room", at(10 + i * 2), at(11 + i * 2)),
                               household, KIOSK) for i in range(3)]
    assert {b.status for b in made} == {BookingStatus.PENDING}
    who = actor_of(staff)
    approved = desk.bookings.decide(made[0].code, who, True)
    assert approved.status is BookingStatus.CONFIRMED
    with pytest.raises(BookingRefused):
        desk.bookings.decide(made[1].code, who, False, "  ")
    rejected = desk.bookings.decide(made[1].code, who, False, "행사 준비로 사용 불가")
    assert rejected.status is BookingStatus.REJECTED and rejected.reason == "행사 준비로 사용 불가"
    cancelled = desk.bookings.cancel(made[2].code, who, reason="세대 요청 전화")
    assert cancelled.status is BookingStatus.CANCELLED
    assert _entries(desk, made[0].code)[-1] == ("admin:lee", "booking.approve", "")
    assert _entries(desk, made[1].code)[-1] == ("admin:lee", "booking.reject",
                                                "행사 준비로 사용 불가")
    assert _entries(desk, made[2].code)[-1] == ("admin:lee", "booking.cancel", "세대 요청 전화")


def test_check_in_and_no_show_from_the_desk(desk: Any, staff: AdminAccount,
                                            clock: Any) -> None:
    add_resource(desk.services, capacity=2, checkin_required=True, auto_release_after=60)
    household = add_household(desk.services)
    first = desk.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    second = desk.bookings.book(BookingRequest("room", at(12), at(13)), household, KIOSK)
    clock.now = at(9, 50)
    who = actor_of(staff)
    assert desk.bookings.check_in(first.code, who).status is BookingStatus.CHECKED_IN
    clock.now = at(12, 20)
    assert desk.bookings.mark_no_show(second.code, who).status is BookingStatus.NO_SHOW
    assert _entries(desk, first.code)[-1][:2] == ("admin:lee", "booking.check_in")
    assert _entries(desk, second.code)[-1][:2] == ("admin:lee", "booking.no_show")


def test_booking_on_behalf_follows_rules_unless_a_manager_overrides(
        desk: Any, manager: AdminAccount, staff: AdminAccount) -> None:
    add_resource(desk.services, capacity=2,
                 quotas=(Quota(QuotaPeriod.DAY, max_bookings=1),))
    household = add_household(desk.services)
    desk.bookings.book(BookingRequest("room", at(10), at(11)), household, actor_of(staff))
    with pytest.raises(BookingRefused) as refused:
        desk.bookings.book(BookingRequest("room", at(12), at(13)), household, actor_of(staff))
    assert refused.value.reason is Refusal.QUOTA_BOOKINGS
    with pytest.raises(BookingRefused):  # staff may not override
        desk.bookings.book(BookingRequest("room", at(12), at(13)), household, actor_of(staff),
                           override_reason="어르신 요청")
    made = desk.bookings.book(BookingRequest("room", at(12), at(13)), household,
                              actor_of(manager), override_reason="어르신 요청")
    entry = desk.search.history(made.code)[0]
    assert entry.actor == "admin:kim"
    assert entry.details["override_reason"] == "어르신 요청"
    assert entry.details["overridden"] == ["quota_bookings"]


def test_staff_cannot_manage_resources_or_households(desk: Any, staff: AdminAccount) -> None:
    resource = add_resource(desk.services)
    who = actor_of(staff)
    attempts = [
        lambda: desk.resources.save(replace(resource, capacity=5), who, new=False),
        lambda: desk.resources.take_out_of_service("room", "고장", who, UpcomingChoice.KEEP),
        lambda: desk.households.reset_pin(desk.households.households()[0], who),
    ]
    add_household(desk.services)
    for attempt in attempts:
        with pytest.raises(DeskRefused) as refused:
            attempt()
        assert refused.value.reason is DeskRefusal.NOT_MANAGER
    assert desk.bookings.resource("room").capacity == 1


def test_resource_edit_is_audited_field_by_field(desk: Any, manager: AdminAccount) -> None:
    resource = add_resource(desk.services)
    changed = replace(resource, capacity=3,
                      rules=replace(resource.rules, max_duration=120, approval_required=True))
    desk.resources.save(changed, actor_of(manager), new=False)
    assert desk.bookings.resource("room").rules.max_duration == 120
    with desk.bookings.uow() as uow:
        entry = uow.audit.for_entity("resource", "room")[-1]
    assert entry.actor == "admin:kim" and entry.action == "resource.update"
    assert entry.details["changed"]["capacity"] == [1, 3]
    assert entry.details["changed"]["rules.max_duration"] == [240, 120]
    with pytest.raises(DeskRefused):
        desk.resources.save(changed, actor_of(manager), new=True)  # the id is taken
    with pytest.raises(ValueError):
        BookingRules(slot_minutes=30, min_duration=45)  # what the editor relies on


def test_out_of_service_cancels_or_keeps_upcoming_as_chosen(
        desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=2)
    add_resource(desk.services, "bike", capacity=2)
    household = add_household(desk.services)
    room = desk.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    bike = desk.bookings.book(BookingRequest("bike", at(10), at(11)), household, KIOSK)
    who = actor_of(manager)
    assert [b.code for b in desk.resources.upcoming("room")] == [room.code]
    with pytest.raises(DeskRefused):
        desk.resources.take_out_of_service("room", " ", who, UpcomingChoice.CANCEL)
    cancelled = desk.resources.take_out_of_service("room", "누수 수리", who,
                                                   UpcomingChoice.CANCEL)
    assert [b.code for b in cancelled] == [room.code]
    assert desk.bookings.get(room.code).status is BookingStatus.CANCELLED
    assert desk.resources.take_out_of_service("bike", "점검", who, UpcomingChoice.KEEP) == []
    assert desk.bookings.get(bike.code).status is BookingStatus.CONFIRMED
    with pytest.raises(BookingRefused) as refused:
        desk.bookings.book(BookingRequest("bike", at(12), at(13)), household, KIOSK)
    assert refused.value.reason is Refusal.OUT_OF_SERVICE
    desk.resources.return_to_service("bike", who)
    assert desk.bookings.resource("bike").in_service


def test_move_out_handles_future_bookings_explicitly(desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=3)
    leaving = add_household(desk.services, "101", "1203")
    staying = add_household(desk.services, "101", "1204")
    mine = desk.bookings.book(BookingRequest("room", at(10), at(11)), leaving, KIOSK)
    theirs = desk.bookings.book(BookingRequest("room", at(10), at(11)), staying, KIOSK)
    household = next(h for h in desk.households.households() if h.id == leaving)
    assert [b.code for b in desk.households.future_bookings(household)] == [mine.code]
    cancelled = desk.households.deactivate(household, actor_of(manager), UpcomingChoice.CANCEL,
                                           "전출")
    assert [b.code for b in cancelled] == [mine.code]
    assert desk.bookings.get(theirs.code).status is BookingStatus.CONFIRMED
    with pytest.raises(BookingRefused) as refused:
        desk.bookings.book(BookingRequest("room", at(12), at(13)), leaving, KIOSK)
    assert refused.value.reason is Refusal.HOUSEHOLD_INACTIVE


def test_reset_pin_unlock_and_plates(desk: Any, manager: AdminAccount) -> None:
    add_household(desk.services, pin="1111")
    desk.services.village = replace(desk.services.village,
                                    hasher=replace(desk.services.village.hasher, n=2**4))
    desk.households.village = desk.services.village
    for _ in range(5):
        with pytest.raises(BookingRefused):
            desk.bookings.verify_household("101", "1203", "0000")
    household = desk.households.households()[0]
    assert household.locked_until is not None
    who = actor_of(manager)
    desk.households.unlock(household, who)
    assert desk.households.households()[0].locked_until is None
    pin = desk.households.reset_pin(household, who)
    assert len(pin) == 4 and pin.isdigit()
    assert desk.bookings.verify_household("101", "1203", pin).label == "101-1203"
    if pin != "1111":
        with pytest.raises(BookingRefused):
            desk.bookings.verify_household("101", "1203", "1111")
    with pytest.raises(DeskRefused):
        desk.households.set_plates(household, ["not a plate"], who)
    desk.households.set_plates(household, ["12가 3456", "12가3456", "34나5678"], who)
    assert desk.households.households()[0].plates == ("12가3456", "34나5678")
    with desk.bookings.uow() as uow:
        actions = [e.action for e in uow.audit.for_entity("household", "101-1203")]
    assert actions[-3:] == ["household.unlock", "household.reset_pin", "household.plates"]


def test_search_counts_sorts_filters_and_pages(desk: Any) -> None:
    add_resource(desk.services, capacity=5)
    a = add_household(desk.services, "101", "1203")
    b = add_household(desk.services, "102", "302")
    made = []
    for i in range(6):
        made.append(desk.bookings.book(BookingRequest("room", at(9 + i), at(10 + i)),
                                       a if i % 2 else b, KIOSK))
    everything = BookingQuery()
    assert desk.search.count(everything) == 6
    page = desk.search.page(everything, 2, 2)
    assert [r.code for r in page] == [made[2].code, made[3].code]
    assert page[0].resource_name == "커뮤니티룸" and page[0].household == "102-302"
    latest = desk.search.page(replace(everything, descending=True), 0, 1)
    assert latest[0].code == made[5].code
    assert desk.search.count(BookingQuery(household="101")) == 3
    assert desk.search.count(BookingQuery(household="101-1203")) == 3
    assert desk.search.count(BookingQuery(household="101동 1203호")) == 3
    assert desk.search.count(BookingQuery(household="101-999")) == 0
    assert desk.search.count(BookingQuery(code=made[0].code[:4].lower())) >= 1
    assert desk.search.count(BookingQuery(start_from=at(12), start_before=at(14))) == 2
    desk.bookings.cancel(made[0].code, KIOSK, household_id=b)
    assert desk.search.count(BookingQuery(statuses=frozenset({BookingStatus.CANCELLED}))) == 1
    by_household = desk.search.page(BookingQuery(sort="household"), 0, 6)
    assert [r.household for r in by_household] == ["101-1203"] * 3 + ["102-302"] * 3
    with pytest.raises(ValueError):
        BookingQuery(sort="pin")
