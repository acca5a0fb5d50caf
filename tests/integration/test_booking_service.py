"""Booking use cases on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import Quota, QuotaPeriod
from tests.builders import KIOSK, MANAGER, STAFF, add_household, add_resource


def at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


def test_book_then_capacity_is_exhausted(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=2)
    ids = [add_household(services, "101", str(1201 + i)) for i in range(3)]
    for household_id in ids[:2]:
        b = services.bookings.book(BookingRequest("room", at(10), at(11)), household_id, KIOSK)
        assert b.status is BookingStatus.CONFIRMED and b.created_by == "kiosk:lobby-1"
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.book(BookingRequest("room", at(10, 30), at(11, 30)), ids[2], KIOSK)
    assert excinfo.value.reason is Refusal.TAKEN
    assert excinfo.value.details["units_left"] == 0
    slots = services.bookings.availability("room", at(10).date())
    by_hour = {s.start.astimezone(SEOUL).strftime("%H:%M"): s for s in slots}
    assert by_hour["10:30"].units_left == 0 and by_hour["10:30"].blocked_by is Refusal.TAKEN
    assert by_hour["11:00"].units_left == 2 and by_hour["11:00"].bookable


def test_times_round_trip_in_utc(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services)
    household = add_household(services)
    made = services.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    again = services.bookings.get(made.code.lower())
    assert again.start == at(10) and again.start.utcoffset() == timedelta(0)


def test_wrong_pins_lock_the_household_and_say_until_when(services, clock) -> None:  # type: ignore[no-untyped-def]
    add_household(services, pin="4321")
    for left in (4, 3, 2, 1):
        with pytest.raises(BookingRefused) as excinfo:
            services.bookings.verify_household("101", "1203", "0000")
        assert excinfo.value.reason is Refusal.WRONG_PIN
        assert excinfo.value.details["attempts_left"] == left
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.verify_household("101", "1203", "0000")
    assert excinfo.value.reason is Refusal.HOUSEHOLD_LOCKED
    until = excinfo.value.details["until"]
    assert until == clock.now + timedelta(minutes=10)
    # Even the right PIN is refused while locked.
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.verify_household("101", "1203", "4321")
    assert excinfo.value.reason is Refusal.HOUSEHOLD_LOCKED
    clock.advance(minutes=10)
    verified = services.bookings.verify_household("101", "1203", "4321")
    assert verified.masked_ko == "101동 12**호"
    with services.bookings.uow() as uow:
        actions = [e.action for e in uow.audit.recent()]
    assert "household.locked" in actions


def test_unknown_household_is_not_found(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.verify_household("999", "101", "1234")
    assert excinfo.value.reason is Refusal.NOT_FOUND


def test_quota_per_household_counts_every_kiosk(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=5, quotas=(Quota(QuotaPeriod.DAY, max_bookings=1),))
    household = add_household(services)
    services.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.book(BookingRequest("room", at(14), at(15)), household, KIOSK)
    assert excinfo.value.reason is Refusal.QUOTA_BOOKINGS


def test_quotas_count_the_period_and_upcoming_limit_counts_active_ones(services, clock) -> None:  # type: ignore[no-untyped-def]
    """Only bookings the rules can count are read: history outside the period and
    finished or cancelled bookings must not count, those inside must."""
    add_resource(services, capacity=5, max_days_ahead=60, max_upcoming_per_household=2,
                 quotas=(Quota(QuotaPeriod.WEEK, max_minutes=120),))
    household = add_household(services)
    # Last week (Tue 17th): an hour, made when it was still upcoming, then done.
    clock.now = at(8, day=16)
    old = services.bookings.book(BookingRequest("room", at(10, day=17), at(11, day=17)),
                                 household, KIOSK)
    clock.now = at(12, day=17)
    assert services.bookings.sweep().completed == 1
    clock.now = at(9)  # Monday 23rd
    # This week (Mon 23 - Sun 29): 90 minutes, then a 30-minute booking fills the quota.
    services.bookings.book(BookingRequest("room", at(10), at(11, 30)), household, KIOSK)
    services.bookings.book(BookingRequest("room", at(10, day=29), at(10, 30, day=29)),
                           household, KIOSK)
    with pytest.raises(BookingRefused) as excinfo:  # the third upcoming one
        services.bookings.book(BookingRequest("room", at(10, day=30), at(10, 30, day=30)),
                               household, KIOSK)
    assert excinfo.value.reason is Refusal.MAX_UPCOMING
    assert services.bookings.get(old.code).status is BookingStatus.COMPLETED  # history
    # Cancel the Sunday one: the week has 30 minutes left, and one upcoming slot is free.
    sunday = next(b for b in services.bookings.bookings_of(household) if b.start.day == 29)
    services.bookings.cancel(sunday.code, KIOSK, household_id=household)
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.book(BookingRequest("room", at(12), at(13)), household, KIOSK)
    assert excinfo.value.reason is Refusal.QUOTA_MINUTES
    assert excinfo.value.details["used"] == 90
    # Next Monday is another week: last week's and this week's minutes do not count.
    made = services.bookings.book(BookingRequest("room", at(10, day=30), at(12, day=30)),
                                  household, KIOSK)
    assert made.id is not None and services.bookings.get(made.code).id == made.id


def test_manager_override_is_limited_and_audited(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=1, quotas=(Quota(QuotaPeriod.DAY, max_bookings=1),))
    household = add_household(services)
    other = add_household(services, unit="1204")
    services.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    with pytest.raises(BookingRefused):
        services.bookings.book(BookingRequest("room", at(14), at(15)), household, STAFF,
                               override_reason="staff cannot")
    made = services.bookings.book(BookingRequest("room", at(14), at(15)), household, MANAGER,
                                  override_reason="village event")
    assert made.status is BookingStatus.CONFIRMED
    with services.bookings.uow() as uow:
        entry = uow.audit.for_entity("booking", made.code)[0]
    assert entry.details["overridden"] == ["quota_bookings"]
    assert entry.details["override_reason"] == "village event"
    # Capacity is never overridden.
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.book(BookingRequest("room", at(14), at(15)), other, MANAGER,
                               override_reason="please")
    assert excinfo.value.reason is Refusal.TAKEN


def test_approval_flow(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, approval_required=True)
    household = add_household(services)
    pending = services.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    assert pending.status is BookingStatus.PENDING
    # A pending booking already holds the slot.
    other = add_household(services, unit="1204")
    with pytest.raises(BookingRefused):
        services.bookings.book(BookingRequest("room", at(10), at(11)), other, KIOSK)
    with pytest.raises(BookingRefused):
        services.bookings.decide(pending.code, STAFF, approve=False)  # needs a reason
    with pytest.raises(BookingRefused):
        services.bookings.decide(pending.code, KIOSK, approve=True)
    approved = services.bookings.decide(pending.code, STAFF, approve=True)
    assert approved.status is BookingStatus.CONFIRMED and approved.decided_by == "admin:lee"


def test_cancel_own_booking_before_cutoff_only(services, clock) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, cancel_cutoff=60)
    household = add_household(services)
    other = add_household(services, unit="1204")
    made = services.bookings.book(BookingRequest("room", at(12), at(13)), household, KIOSK)
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.cancel(made.code, KIOSK, household_id=other)
    assert excinfo.value.reason is Refusal.NOT_FOUND
    clock.now = at(11, 1)
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.cancel(made.code, KIOSK, household_id=household)
    assert excinfo.value.reason is Refusal.CANCEL_CLOSED
    cancelled = services.bookings.cancel(made.code, STAFF, reason="phoned the office")
    assert cancelled.status is BookingStatus.CANCELLED
    # The freed slot can be booked again.
    services.bookings.book(BookingRequest("room", at(12), at(13)), other, KIOSK)


def test_check_in_and_auto_release_of_no_shows(services, clock) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=1, checkin_required=True, auto_release_after=15)
    household = add_household(services)
    other = add_household(services, unit="1204")
    late = services.bookings.book(BookingRequest("room", at(10), at(12)), household, KIOSK)
    clock.now = at(10, 15)
    result = services.bookings.sweep()
    assert result.no_shows == 1
    assert services.bookings.get(late.code).status is BookingStatus.NO_SHOW
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.check_in(late.code, KIOSK, household_id=household)
    assert excinfo.value.reason is Refusal.BAD_STATE
    # The released unit is free for someone else right away.
    on_time = services.bookings.book(BookingRequest("room", at(10, 30), at(12)), other, KIOSK)
    checked = services.bookings.check_in(on_time.code, KIOSK, household_id=other)
    assert checked.status is BookingStatus.CHECKED_IN
    clock.now = at(12)
    assert services.bookings.sweep().completed == 1


def test_blackout_cancel_or_keep(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=2)
    a = add_household(services)
    b = add_household(services, unit="1204")
    kept = services.bookings.book(BookingRequest("room", at(10), at(11)), a, KIOSK)
    _, cancelled = services.bookings.add_blackout(
        Blackout(frozenset({"room"}), at(9), at(12), "점검", cancel_overlapping=False), STAFF)
    assert cancelled == []
    assert services.bookings.get(kept.code).status is BookingStatus.CONFIRMED
    with pytest.raises(BookingRefused) as excinfo:
        services.bookings.book(BookingRequest("room", at(11), at(12)), b, KIOSK)
    assert excinfo.value.reason is Refusal.BLACKOUT
    later = services.bookings.book(BookingRequest("room", at(15), at(16)), b, KIOSK)
    _, cancelled = services.bookings.add_blackout(
        Blackout(frozenset({"room"}), at(14), at(18), "행사", cancel_overlapping=True), STAFF)
    assert [c.code for c in cancelled] == [later.code]
    assert services.bookings.get(later.code).status is BookingStatus.CANCELLED


def test_failed_booking_writes_nothing(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, plate_required=True)
    household = add_household(services)
    with pytest.raises(BookingRefused):
        services.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    with services.bookings.uow() as uow:
        assert uow.bookings.search() == []
        assert [e.action for e in uow.audit.recent()] == []


def test_overview_reports_units_free_now(services, clock) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=3)
    household = add_household(services)
    clock.now = at(10, 10)
    services.bookings.book(BookingRequest("room", at(10), at(11), units=1), household, KIOSK)
    (overview,) = services.bookings.overview()
    assert overview.units_free == 2


def test_overview_says_when_a_resource_is_closed_now(services, clock) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.rules import OpeningHours

    add_resource(services, capacity=2, hours=OpeningHours.daily("09:00-22:00"))
    clock.now = at(22, 0)
    assert services.bookings.overview()[0].open_now is False
    clock.now = at(21, 59)
    assert services.bookings.overview()[0].open_now is True
