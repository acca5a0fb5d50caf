"""Fees stored with bookings, penalties on cancelling, the month's statement and the
office's corrections, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.fees import FeeAmounts, FeeRule
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import Audience
from kiosk.services.fees import CorrectionRequest, FeeRefused
from tests.builders import KIOSK, MANAGER, STAFF, add_household, add_resource
from tests.unit.test_fees import KITCHEN, ROOM


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=SEOUL)


def _rooms(services: Any) -> None:
    for resource_id, fees in (("room", ROOM), ("kitchen", KITCHEN)):
        add_resource(services, resource_id, slot_minutes=60, min_duration=60, fees=fees,
                     open_to=Audience.NEIGHBOURS)
    add_resource(services, "drill")  # free of charge


def _neighbour(services: Any) -> int:
    member = services.neighbours.add("홍길동", "010-0000-1234", "1234", MANAGER)
    assert member.id is not None
    return int(member.id)


def test_the_fee_is_computed_when_booked_and_kept_when_prices_change(
        services: Any, clock: Any) -> None:
    _rooms(services)
    household = add_household(services)
    neighbour = _neighbour(services)
    book = services.bookings.book
    mine = book(BookingRequest("room", at(25, 10), at(25, 12)), household, KIOSK)
    theirs = services.bookings.book_neighbour(
        BookingRequest("room", at(26, 10), at(26, 12)), neighbour, KIOSK)
    free = book(BookingRequest("drill", at(25, 10), at(25, 12)), household, KIOSK)
    with services.bookings.uow() as uow:
        assert uow.fees.get(mine.id).amount == 7500
        assert uow.fees.get(theirs.id).amount == 15000 and uow.fees.get(theirs.id).neighbour
        assert uow.fees.get(free.id) is None  # nothing to charge, nothing stored
    assert services.bookings.get(mine.code) == mine
    assert [e.details["fee"] for e in _history(services, mine.code)] == [7500]
    # The room doubles its price and drops its penalties: what was booked stays as booked.
    room = services.bookings.resource("room")
    dearer = FeeRule(FeeAmounts(per_hour=10000))
    with services.bookings.uow(write=True) as uow:
        uow.resources.save(replace(room, rules=replace(room.rules, fees=dearer)), clock())
        uow.commit()
    clock.advance(minutes=30)  # past the ten free minutes
    services.bookings.cancel(mine.code, KIOSK, household)
    with services.bookings.uow() as uow:
        kept = uow.fees.get(mine.id)
    assert (kept.amount, kept.penalty_percent, kept.penalty) == (7500, 30, 2250)
    assert kept.rule == ROOM
    later = book(BookingRequest("room", at(27, 10), at(27, 12)), household, KIOSK)
    with services.bookings.uow() as uow:
        assert uow.fees.get(later.id).amount == 20000  # the new price for new bookings


def _history(services: Any, code: str) -> list[Any]:
    with services.bookings.uow() as uow:
        return [e for e in uow.audit.for_entity("booking", code)]


def test_cancelling_costs_the_penalty_unless_quick_waived_or_the_village_cancels(
        services: Any, clock: Any) -> None:
    _rooms(services)
    household = add_household(services)
    book = services.bookings.book
    quick = book(BookingRequest("kitchen", at(23, 14), at(23, 15)), household, KIOSK)
    clock.advance(minutes=10)
    services.bookings.cancel(quick.code, KIOSK, household)  # changed their mind at once
    same_day = book(BookingRequest("kitchen", at(23, 16), at(23, 17)), household, KIOSK)
    waived = book(BookingRequest("room", at(24, 10), at(24, 11)), household, KIOSK)
    closed = book(BookingRequest("room", at(30, 10), at(30, 12)), household, KIOSK)
    clock.advance(minutes=11)
    services.bookings.cancel(same_day.code, KIOSK, household, reason="일정 변경")
    with pytest.raises(Exception, match="only the association waives"):
        services.bookings.cancel(waived.code, KIOSK, household, waive_penalty=True)
    services.bookings.cancel(waived.code, STAFF, reason="시설 점검", waive_penalty=True)
    services.bookings.add_blackout(Blackout(frozenset({"room"}), at(30, 0), at(30, 23),
                                            "바닥 공사", cancel_overlapping=True), MANAGER)
    with services.bookings.uow() as uow:
        found = {b.code: uow.fees.get(b.id) for b in (quick, same_day, waived, closed)}
    assert (found[quick.code].penalty_percent, found[quick.code].penalty) == (0, 0)
    assert (found[same_day.code].penalty_percent, found[same_day.code].penalty) == (50, 1500)
    assert (found[waived.code].penalty_percent, found[waived.code].penalty) == (0, 0)
    assert found[closed.code].penalty is None  # the village closed the room: no penalty
    cancel_entry = _history(services, same_day.code)[-1]
    assert (cancel_entry.details["penalty"], cancel_entry.details["penalty_percent"]) == (
        1500, 50)
    assert _history(services, waived.code)[-1].details["penalty_waived"] is True
    statement = services.fees.statement("2026-11")
    assert [(c.kind, c.code, c.amount) for c in statement.charges] == [
        ("penalty", same_day.code, 1500)]


def test_the_statement_has_a_line_per_party_and_totals_per_resource(
        services: Any, clock: Any) -> None:
    _rooms(services)
    first = add_household(services, "101", "1203")
    second = add_household(services, "102", "302")
    neighbour = _neighbour(services)
    book = services.bookings.book
    book(BookingRequest("room", at(24, 10), at(24, 12)), first, KIOSK)        # 7,500
    book(BookingRequest("kitchen", at(25, 10), at(25, 11)), first, KIOSK)     # 3,000
    used = book(BookingRequest("room", at(23, 10), at(23, 11)), second, KIOSK)  # 2,500
    gone = book(BookingRequest("room", at(28, 10), at(28, 13)), second, KIOSK)  # 12,500
    services.bookings.book_neighbour(BookingRequest("kitchen", at(26, 10), at(26, 11)),
                                     neighbour, KIOSK)                       # 3,000
    december = datetime(2026, 12, 2, 10, tzinfo=SEOUL)
    book(BookingRequest("room", december, december + timedelta(hours=2)), first, KIOSK)
    clock.advance(hours=1)
    services.bookings.cancel(gone.code, KIOSK, second)                        # 30 % → 3,750
    clock.advance(hours=2)
    services.bookings.sweep()  # the 10:00-11:00 room use is completed, still charged
    assert services.bookings.get(used.code).status is BookingStatus.COMPLETED
    statement = services.fees.statement("2026-11")
    assert [(x.party, x.building, x.unit, x.uses, x.use_won, x.penalty_won, x.total_won)
            for x in statement.lines] == [
        ("101-1203", "101", "1203", 2, 10500, 0, 10500),
        ("102-302", "102", "302", 1, 2500, 3750, 6250),
        ("이웃 N-0001 홍*동", "", "", 1, 3000, 0, 3000)]
    assert [(t.resource_id, t.uses, t.use_won, t.penalty_won) for t in statement.resources] == [
        ("kitchen", 2, 6000, 0), ("room", 2, 10000, 3750)]
    assert statement.total_won == 19750 == sum(t.total_won for t in statement.resources)
    assert services.fees.statement("2026-12").total_won == 7500


def test_corrections_are_all_or_nothing_with_a_reason_in_the_audit_log(
        services: Any) -> None:
    _rooms(services)
    household = add_household(services, "101", "1203")
    add_household(services, "102", "302")
    _neighbour(services)
    services.bookings.book(BookingRequest("room", at(24, 10), at(24, 12)), household, KIOSK)
    fees = services.fees
    good = [CorrectionRequest("101-1203", -2500), CorrectionRequest("N-0001", 1000)]
    for items, reason, actor, message in (
            ([*good, CorrectionRequest("109-999", 500)], "환불", MANAGER, "line 3: no household"),
            ([*good, CorrectionRequest("N-0009", 500)], "환불", MANAGER, "line 3: no neighbour"),
            ([*good, CorrectionRequest("101-1203", 0)], "환불", MANAGER, "line 3: the amount"),
            (good, "  ", MANAGER, "needs a reason"),
            (good, "환불", STAFF, "only a manager"),
            ([], "환불", MANAGER, "no correction")):
        with pytest.raises(FeeRefused, match=message):
            fees.correct("2026-11", items, reason, actor)
        assert fees.statement("2026-11").correction_won == 0  # nothing of the batch
    written = fees.correct("2026-11", [*good, CorrectionRequest("102 302", 700)],
                           "10월 과다 청구 환불", MANAGER)
    assert [c.amount for c in written] == [-2500, 1000, 700]
    statement = fees.statement("2026-11")
    assert [(x.party, x.use_won, x.correction_won, x.total_won) for x in statement.lines] == [
        ("101-1203", 7500, -2500, 5000), ("102-302", 0, 700, 700),
        ("이웃 N-0001 홍*동", 0, 1000, 1000)]
    assert statement.total_won == 6700
    with services.bookings.uow() as uow:
        entries = [e for e in uow.audit.recent(10) if e.action == "fee.correct"]
    assert sorted((e.actor, e.details["party"], e.details["amount"], e.details["reason"],
                   e.details["month"]) for e in entries) == [
        ("admin:kim", "101-1203", -2500, "10월 과다 청구 환불", "2026-11"),
        ("admin:kim", "102-302", 700, "10월 과다 청구 환불", "2026-11"),
        ("admin:kim", "이웃 N-0001 홍*동", 1000, "10월 과다 청구 환불", "2026-11")]
    assert fees.statement("2026-10").lines == []
