"""Boundary tests of every booking rule, on plain domain objects."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.domain.availability import Occupancy, day_slots, occupancy, peak_units
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.errors import Refusal
from kiosk.domain.households import Household
from kiosk.domain.policy import (
    BookingRequest,
    check_booking,
    check_cancel,
    check_checkin,
    next_status_on_sweep,
    period_bounds,
)
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import BookingRules, OpeningHours, Quota, QuotaPeriod, TimeWindow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=SEOUL)  # a Monday
HOUSEHOLD = Household("101", "1203", "x", id=1)


def seoul(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


def resource(capacity: int = 1, **rules: object) -> Resource:
    return Resource("r1", ResourceKind.SPACE, "방", "Room", Location(37.6, 127.02),
                    capacity=capacity, rules=BookingRules(**rules))  # type: ignore[arg-type]


def booking(start: datetime, end: datetime, units: int = 1,
            status: BookingStatus = BookingStatus.CONFIRMED, household_id: int = 1) -> Booking:
    return Booking("ABCDEF", "r1", household_id, start, end, units, status, "kiosk:t", NOW, NOW)


def reasons(res: Resource, start: datetime, end: datetime, *, now: datetime = NOW,
            held: list[Occupancy] | None = None, mine: list[Booking] | None = None,
            units: int = 1, plate: str | None = None, **kwargs: object) -> set[Refusal]:
    found = check_booking(BookingRequest("r1", start, end, units, plate), res, HOUSEHOLD, now,
                          held or [], mine or [], **kwargs)  # type: ignore[arg-type]
    return {r.reason for r in found}


def test_a_plain_booking_is_allowed() -> None:
    assert reasons(resource(), seoul(23, 10), seoul(23, 11)) == set()


def test_notice_is_allowed_exactly_at_the_limit_and_refused_one_slot_earlier() -> None:
    res = resource(min_notice=60)
    assert reasons(res, seoul(23, 10), seoul(23, 11)) == set()
    assert reasons(res, seoul(23, 9, 30), seoul(23, 10, 30)) == {Refusal.NOTICE}


def test_without_notice_the_slot_under_way_can_still_be_taken_but_not_the_one_before() -> None:
    res = resource()
    now = seoul(23, 9, 10)
    assert reasons(res, seoul(23, 9), seoul(23, 10), now=now) == set()
    assert reasons(res, seoul(23, 8, 30), seoul(23, 9, 30), now=now) == {Refusal.IN_PAST}


def test_a_booking_may_end_exactly_at_closing_time_but_not_after() -> None:
    res = resource(hours=OpeningHours.daily("09:00-22:00"))
    assert reasons(res, seoul(23, 21), seoul(23, 22)) == set()
    assert reasons(res, seoul(23, 21, 30), seoul(23, 22, 30)) == {Refusal.CLOSED}
    assert reasons(res, seoul(24, 8, 30), seoul(24, 9, 30)) == {Refusal.CLOSED}


def test_across_midnight_needs_both_days_open() -> None:
    always = resource()
    assert reasons(always, seoul(23, 23), seoul(24, 1)) == set()
    evening_only = resource(hours=OpeningHours(weekly=((TimeWindow.parse("18:00-24:00"),),) * 7))
    assert reasons(evening_only, seoul(23, 23), seoul(24, 0)) == set()
    assert reasons(evening_only, seoul(23, 23), seoul(24, 1)) == {Refusal.CLOSED}


def test_closed_dates_and_public_holidays() -> None:
    closed = resource(hours=OpeningHours(closed_dates=frozenset({date(2026, 11, 24)})))
    assert reasons(closed, seoul(24, 10), seoul(24, 11)) == {Refusal.CLOSED}
    holiday_rule = resource(hours=OpeningHours(closed_on_public_holidays=True))
    holidays = frozenset({date(2026, 11, 25)})
    assert reasons(holiday_rule, seoul(25, 10), seoul(25, 11), holidays=holidays) == {
        Refusal.CLOSED}
    assert reasons(holiday_rule, seoul(26, 10), seoul(26, 11), holidays=holidays) == set()


def test_duration_limits_and_slot_grid() -> None:
    res = resource(min_duration=60, max_duration=120)
    assert reasons(res, seoul(23, 10), seoul(23, 10, 30)) == {Refusal.TOO_SHORT}
    assert reasons(res, seoul(23, 10), seoul(23, 12)) == set()
    assert reasons(res, seoul(23, 10), seoul(23, 12, 30)) == {Refusal.TOO_LONG}
    assert reasons(res, seoul(23, 10, 15), seoul(23, 11, 15)) == {Refusal.BAD_TIME}


def test_max_days_ahead_counts_local_days() -> None:
    res = resource(max_days_ahead=7)
    assert reasons(res, seoul(30, 23), seoul(30, 23, 30)) == set()
    assert reasons(res, seoul(1, 0, month=12), seoul(1, 1, month=12)) == {Refusal.TOO_FAR_AHEAD}


def test_day_quota_reached_by_the_last_minute() -> None:
    res = resource(capacity=5, quotas=(Quota(QuotaPeriod.DAY, max_minutes=120),))
    mine = [booking(seoul(23, 10), seoul(23, 11, 30))]  # 90 minutes used
    assert reasons(res, seoul(23, 14), seoul(23, 14, 30), mine=mine) == set()
    assert reasons(res, seoul(23, 14), seoul(23, 15), mine=mine) == {Refusal.QUOTA_MINUTES}
    # The next local day starts a new count.
    assert reasons(res, seoul(24, 14), seoul(24, 16), mine=mine) == set()


def test_quota_counts_per_week_and_ignores_cancelled_bookings() -> None:
    res = resource(capacity=5, quotas=(Quota(QuotaPeriod.WEEK, max_bookings=2),))
    mine = [booking(seoul(23, 10), seoul(23, 11)),
            booking(seoul(24, 10), seoul(24, 11), status=BookingStatus.CANCELLED)]
    assert reasons(res, seoul(25, 10), seoul(25, 11), mine=mine) == set()
    mine.append(booking(seoul(26, 10), seoul(26, 11), status=BookingStatus.COMPLETED))
    assert reasons(res, seoul(27, 10), seoul(27, 11), mine=mine) == {Refusal.QUOTA_BOOKINGS}
    # Monday 30 November is a new ISO week.
    assert reasons(res, seoul(30, 10), seoul(30, 11), mine=mine) == set()


def test_period_bounds() -> None:
    assert period_bounds(date(2026, 11, 26), QuotaPeriod.WEEK) == (date(2026, 11, 23),
                                                                   date(2026, 11, 30))
    assert period_bounds(date(2026, 12, 31), QuotaPeriod.MONTH) == (date(2026, 12, 1),
                                                                    date(2027, 1, 1))


def test_max_upcoming_per_household() -> None:
    res = resource(capacity=5, max_upcoming_per_household=1)
    mine = [booking(seoul(24, 10), seoul(24, 11))]
    assert reasons(res, seoul(25, 10), seoul(25, 11), mine=mine) == {Refusal.MAX_UPCOMING}
    past = [booking(seoul(22, 10), seoul(22, 11), status=BookingStatus.COMPLETED)]
    assert reasons(res, seoul(25, 10), seoul(25, 11), mine=past) == set()


def test_capacity_counts_overlaps_and_respects_the_buffer() -> None:
    res = resource(capacity=2, buffer_minutes=30)
    held = [occupancy(seoul(23, 10), seoul(23, 11), 1, 30),
            occupancy(seoul(23, 10), seoul(23, 11), 1, 30)]
    assert reasons(res, seoul(23, 11), seoul(23, 12), held=held) == {Refusal.TAKEN}
    assert reasons(res, seoul(23, 11, 30), seoul(23, 12, 30), held=held) == set()


def test_peak_units_treats_intervals_as_half_open() -> None:
    a = Occupancy(seoul(23, 10), seoul(23, 11), 2)
    b = Occupancy(seoul(23, 11), seoul(23, 12), 3)
    assert peak_units([a, b], seoul(23, 9), seoul(23, 13)) == 3
    assert peak_units([a, b, Occupancy(seoul(23, 10, 30), seoul(23, 11, 30), 1)],
                      seoul(23, 9), seoul(23, 13)) == 4


def test_plate_rules() -> None:
    res = resource(plate_required=True)
    assert reasons(res, seoul(23, 10), seoul(23, 11)) == {Refusal.PLATE_REQUIRED}
    assert reasons(res, seoul(23, 10), seoul(23, 11), plate="12가3456") == set()
    assert reasons(res, seoul(23, 10), seoul(23, 11), plate="123가4567") == set()
    assert reasons(res, seoul(23, 10), seoul(23, 11), plate="ABC123") == {Refusal.PLATE_INVALID}


def test_blackout_refuses_overlap_only() -> None:
    blackout = Blackout(frozenset({"r1"}), seoul(23, 12), seoul(23, 14), "청소")
    assert reasons(resource(), seoul(23, 13), seoul(23, 14), blackouts=[blackout]) == {
        Refusal.BLACKOUT}
    assert reasons(resource(), seoul(23, 14), seoul(23, 15), blackouts=[blackout]) == set()


def test_out_of_service_info_only_and_inactive_household() -> None:
    assert reasons(resource().take_out_of_service("고장"), seoul(23, 10), seoul(23, 11)) == {
        Refusal.OUT_OF_SERVICE}
    info = Resource("r1", ResourceKind.OTHER, "안내", "Info", Location(37.6, 127.0), capacity=0,
                    bookable=False)
    assert reasons(info, seoul(23, 10), seoul(23, 11)) == {Refusal.NOT_BOOKABLE}
    found = check_booking(BookingRequest("r1", seoul(23, 10), seoul(23, 11)), resource(),
                          replace(HOUSEHOLD, active=False), NOW, [], [])
    assert [r.reason for r in found] == [Refusal.HOUSEHOLD_INACTIVE]


def test_cancellation_cutoff_boundary() -> None:
    res = resource(cancel_cutoff=180)
    b = booking(seoul(23, 15), seoul(23, 16))
    assert check_cancel(b, res, seoul(23, 12)) == []
    assert [r.reason for r in check_cancel(b, res, seoul(23, 12, 1))] == [Refusal.CANCEL_CLOSED]


def test_checkin_window_and_auto_release() -> None:
    res = resource(checkin_required=True, checkin_opens_before=15, auto_release_after=30)
    b = booking(seoul(23, 10), seoul(23, 12))
    assert [r.reason for r in check_checkin(b, res, seoul(23, 9, 44))] == [
        Refusal.CHECKIN_NOT_OPEN]
    assert check_checkin(b, res, seoul(23, 9, 45)) == []
    assert check_checkin(b, res, seoul(23, 10, 29)) == []
    assert [r.reason for r in check_checkin(b, res, seoul(23, 10, 30))] == [
        Refusal.CHECKIN_CLOSED]
    assert next_status_on_sweep(b, res, seoul(23, 10, 29)) is None
    assert next_status_on_sweep(b, res, seoul(23, 10, 30)) is BookingStatus.NO_SHOW


def test_sweep_completes_finished_and_expires_unapproved() -> None:
    res = resource()
    done = booking(seoul(23, 10), seoul(23, 11))
    assert next_status_on_sweep(done, res, seoul(23, 11)) is BookingStatus.COMPLETED
    pending = booking(seoul(23, 10), seoul(23, 11), status=BookingStatus.PENDING)
    assert next_status_on_sweep(pending, res, seoul(23, 9, 59)) is None
    assert next_status_on_sweep(pending, res, seoul(23, 10)) is BookingStatus.REJECTED


def test_day_slots_show_units_left_and_reasons() -> None:
    res = resource(capacity=2, hours=OpeningHours.daily("09:00-12:00"), slot_minutes=60,
                   min_duration=60, min_notice=60)
    held = [occupancy(seoul(23, 11), seoul(23, 12), 2, 0)]
    slots = day_slots(res, date(2026, 11, 23), NOW.astimezone(UTC), held)
    assert [(s.start.astimezone(SEOUL).hour, s.units_left, s.blocked_by) for s in slots] == [
        (9, 2, Refusal.NOTICE), (10, 2, None), (11, 0, Refusal.TAKEN)]


def test_lifecycle_refuses_impossible_steps() -> None:
    b = booking(seoul(23, 10), seoul(23, 11), status=BookingStatus.CANCELLED)
    with pytest.raises(Exception) as excinfo:
        b.moved_to(BookingStatus.CONFIRMED, NOW)
    assert "cannot go from cancelled to confirmed" in str(excinfo.value)
    assert booking(seoul(23, 10), seoul(23, 11)).moved_to(
        BookingStatus.CHECKED_IN, NOW).checked_in_at == NOW


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        BookingRules(slot_minutes=7)
    with pytest.raises(ValueError):
        BookingRules(min_duration=60, max_duration=30)
    with pytest.raises(ValueError):
        TimeWindow.parse("22:00-09:00")
    assert timedelta(minutes=BookingRules().slot_minutes) == timedelta(minutes=30)
