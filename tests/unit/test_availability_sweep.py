"""The slot grid's sorted-edges computation against the straightforward one it replaced.

The oracle below is the grid as first written: for every slot, ``peak_units`` over every
booking held in the window. Random bookings, buffers, capacities, opening hours, closed
dates and blackouts must give exactly the same slots.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.availability import (
    Occupancy,
    Slot,
    UsageProfile,
    day_slots,
    last_bookable_day,
    occupancy,
    peak_units,
    starts_in_time,
)
from kiosk.domain.blackouts import Blackout
from kiosk.domain.clock import SEOUL, local_midnight
from kiosk.domain.errors import Refusal
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import BookingRules, OpeningHours, TimeWindow

DAY = date(2026, 11, 23)
MIDNIGHT = datetime(2026, 11, 23, tzinfo=SEOUL)


def oracle_day_slots(resource: Resource, day: date, now: datetime, held: list[Occupancy],
                     blackouts: list[Blackout], holidays: frozenset[date]) -> list[Slot]:
    """The grid computed slot by slot over every booking (the original algorithm)."""
    rules = resource.rules
    step = timedelta(minutes=rules.slot_minutes)
    buffer = timedelta(minutes=rules.buffer_minutes)
    midnight = local_midnight(day)
    too_far = day > last_bookable_day(now, rules)
    slots: list[Slot] = []
    for window in rules.hours.windows_on(day, holidays):
        minute = -(-window.start // rules.slot_minutes) * rules.slot_minutes
        while minute + rules.slot_minutes <= window.end:
            start = midnight + timedelta(minutes=minute)
            end = start + step
            units_left = resource.capacity - peak_units(held, start, end + buffer)
            blocked: Refusal | None
            if not resource.bookable:
                blocked = Refusal.NOT_BOOKABLE
            elif not resource.in_service:
                blocked = Refusal.OUT_OF_SERVICE
            elif (timing := starts_in_time(start, now, rules)) is not None:
                blocked = timing
            elif too_far:
                blocked = Refusal.TOO_FAR_AHEAD
            elif any(b.overlaps(start, end) for b in blackouts):
                blocked = Refusal.BLACKOUT
            elif units_left <= 0:
                blocked = Refusal.TAKEN
            else:
                blocked = None
            slots.append(Slot(start.astimezone(now.tzinfo), end.astimezone(now.tzinfo),
                              max(units_left, 0), blocked))
            minute += rules.slot_minutes
    return slots


# Bookings on a 5-minute grid from the day before to the day after, so they cross
# midnight, touch slot edges exactly and start or end inside slots.
moments = st.integers(min_value=-24 * 12, max_value=48 * 12).map(
    lambda k: MIDNIGHT + timedelta(minutes=5 * k))
bookings = st.lists(
    st.tuples(moments, st.integers(min_value=1, max_value=60), st.integers(1, 4)),
    max_size=40,
)
windows = st.sampled_from([
    (TimeWindow(0, 1440),), (TimeWindow(540, 1320),), (TimeWindow(420, 720), TimeWindow(780, 1410)),
    (TimeWindow(605, 1000),),
])


@settings(max_examples=300, deadline=None)
@given(
    raw=bookings,
    buffer=st.sampled_from([0, 5, 10, 15, 30, 60]),
    capacity=st.integers(min_value=1, max_value=6),
    slot_minutes=st.sampled_from([5, 15, 30, 60]),
    hours=windows,
    closed=st.booleans(),
    blackout=st.one_of(st.none(), st.tuples(moments, st.integers(1, 48))),
    now_offset=st.integers(min_value=-48, max_value=48),
    days_ahead=st.integers(min_value=0, max_value=2),
)
def test_grid_matches_the_slot_by_slot_oracle(
    raw: list[tuple[datetime, int, int]], buffer: int, capacity: int, slot_minutes: int,
    hours: tuple[TimeWindow, ...], closed: bool, blackout: tuple[datetime, int] | None,
    now_offset: int, days_ahead: int,
) -> None:
    rules = BookingRules(
        hours=OpeningHours(weekly=(hours,) * 7, closed_dates=frozenset({DAY}) if closed
                           else frozenset()),
        slot_minutes=slot_minutes, min_duration=slot_minutes, max_duration=slot_minutes * 8,
        buffer_minutes=buffer, max_days_ahead=days_ahead,
    )
    res = Resource("r1", ResourceKind.SPACE, "방", "Room", Location(37.6, 127.02),
                   capacity=capacity, rules=rules)
    held = [occupancy(start, start + timedelta(minutes=5 * length), units, buffer)
            for start, length, units in raw]
    blackouts = [] if blackout is None else [Blackout(
        frozenset({"r1"}), blackout[0], blackout[0] + timedelta(minutes=15 * blackout[1]),
        "청소")]
    now = (MIDNIGHT + timedelta(minutes=30 * now_offset)).astimezone(UTC)
    expected = oracle_day_slots(res, DAY, now, held, blackouts, frozenset())
    assert day_slots(res, DAY, now, held, blackouts) == expected
    # A profile built once for a longer window answers the same for this day.
    assert day_slots(res, DAY, now, UsageProfile(held), blackouts) == expected


@settings(max_examples=300, deadline=None)
@given(raw=bookings, start=moments, length=st.integers(min_value=-2, max_value=200))
def test_profile_peak_equals_peak_units(
    raw: list[tuple[datetime, int, int]], start: datetime, length: int,
) -> None:
    held = [Occupancy(s, s + timedelta(minutes=5 * n), units) for s, n, units in raw]
    end = start + timedelta(minutes=5 * length)
    assert UsageProfile(held).peak(start, end) == peak_units(held, start, end)


def test_profile_counts_touching_bookings_apart_and_overlapping_ones_together() -> None:
    at = MIDNIGHT + timedelta(hours=10)
    held = [Occupancy(at, at + timedelta(hours=1), 2),
            Occupancy(at + timedelta(hours=1), at + timedelta(hours=2), 3),
            Occupancy(at + timedelta(minutes=30), at + timedelta(minutes=90), 1)]
    profile = UsageProfile(held)
    assert profile.peak(at, at + timedelta(minutes=30)) == 2
    assert profile.peak(at, at + timedelta(hours=2)) == 4
    assert profile.peak(at + timedelta(minutes=90), at + timedelta(hours=3)) == 3
    assert profile.peak(at + timedelta(hours=2), at + timedelta(hours=3)) == 0
    assert profile.peak(at - timedelta(hours=1), at) == 0
