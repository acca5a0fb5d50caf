"""Capacity maths and the slot grid a resident picks from."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.domain.blackouts import Blackout
from kiosk.domain.clock import local_midnight, to_local
from kiosk.domain.errors import Refusal
from kiosk.domain.resources import Resource
from kiosk.domain.rules import BookingRules, OpeningHours


@dataclass(frozen=True)
class Occupancy:
    """Units held over ``[start, end)``; ``end`` already includes the resource's buffer."""

    start: datetime
    end: datetime
    units: int


def occupancy(start: datetime, end: datetime, units: int, buffer_minutes: int) -> Occupancy:
    """What a booking holds: its own time plus the cleaning/turnover buffer after it."""
    return Occupancy(start, end + timedelta(minutes=buffer_minutes), units)


def peak_units(occupancies: Iterable[Occupancy], start: datetime, end: datetime) -> int:
    """The most units in use at any instant of ``[start, end)`` (a sweep over edges)."""
    edges: list[tuple[datetime, int]] = []
    for held in occupancies:
        lo, hi = max(held.start, start), min(held.end, end)
        if lo < hi:
            edges.append((lo, held.units))
            edges.append((hi, -held.units))
    # At equal times releases come first: intervals are half-open.
    edges.sort(key=lambda edge: (edge[0], edge[1]))
    running = peak = 0
    for _, delta in edges:
        running += delta
        peak = max(peak, running)
    return peak


class UsageProfile:
    """Units in use over time as a step function, built once to answer many peak queries.

    ``peak_units`` sweeps every booking for each question; a slot grid asks one question
    per slot, so the grid builds this once (sorted edges) and each slot then looks only
    at the steps inside its own interval (a bisect and a short scan).
    """

    __slots__ = ("_levels", "_times")

    def __init__(self, occupancies: Iterable[Occupancy]) -> None:
        deltas: dict[datetime, int] = {}
        for held in occupancies:
            if held.start < held.end:
                deltas[held.start] = deltas.get(held.start, 0) + held.units
                deltas[held.end] = deltas.get(held.end, 0) - held.units
        self._times = sorted(deltas)
        self._levels: list[int] = []
        running = 0
        for moment in self._times:
            running += deltas[moment]
            self._levels.append(running)

    def peak(self, start: datetime, end: datetime) -> int:
        """The most units in use at any instant of ``[start, end)``; same as ``peak_units``."""
        if not start < end:
            return 0
        times, levels = self._times, self._levels
        index = bisect_right(times, start) - 1  # the step in force at ``start``
        peak = levels[index] if index >= 0 else 0
        index += 1
        while index < len(times) and times[index] < end:
            if levels[index] > peak:
                peak = levels[index]
            index += 1
        return max(peak, 0)


NEXT_OPENING_DAYS = 14
"""How far ahead a closed resource's next opening is looked for (a closure longer than
this says only that it is closed)."""


def next_opening(hours: OpeningHours, after: datetime,
                 holidays: frozenset[date] = frozenset()) -> datetime | None:
    """The first opening window starting after ``after`` (Seoul days), or None."""
    local = to_local(after)
    for offset in range(NEXT_OPENING_DAYS + 1):
        day = local.date() + timedelta(days=offset)
        for window in hours.windows_on(day, holidays):
            start = local_midnight(day) + timedelta(minutes=window.start)
            if start > after:
                return start
    return None


def is_within_opening_hours(
    start: datetime, end: datetime, hours: OpeningHours, holidays: frozenset[date]
) -> bool:
    """True if every minute of ``[start, end)`` falls inside an opening window.

    Walks the local days the interval touches, so a booking can cross midnight when
    one day's window ends at 24:00 and the next day's starts at 00:00.
    """
    cursor = to_local(start)
    finish = to_local(end)
    while cursor < finish:
        day = cursor.date()
        day_end = local_midnight(day + timedelta(days=1))
        piece_end = min(finish, day_end)
        first = cursor.hour * 60 + cursor.minute
        last = 24 * 60 if piece_end == day_end else piece_end.hour * 60 + piece_end.minute
        if not any(w.start <= first and last <= w.end for w in hours.windows_on(day, holidays)):
            return False
        cursor = piece_end
    return True


@dataclass(frozen=True)
class Slot:
    """One cell of the slot grid. ``blocked_by`` is None when it can be booked."""

    start: datetime
    end: datetime
    units_left: int
    blocked_by: Refusal | None

    @property
    def bookable(self) -> bool:
        """True when a resident could start a booking in this slot now."""
        return self.blocked_by is None


def starts_in_time(start: datetime, now: datetime, rules: BookingRules) -> Refusal | None:
    """The notice rule. With no notice required, the slot under way may still be taken."""
    if rules.min_notice == 0:
        return None if now < start + timedelta(minutes=rules.slot_minutes) else Refusal.IN_PAST
    if start + timedelta(minutes=rules.slot_minutes) <= now:
        return Refusal.IN_PAST
    return None if start >= now + timedelta(minutes=rules.min_notice) else Refusal.NOTICE


def last_bookable_day(now: datetime, rules: BookingRules) -> date:
    """Bookings may start up to ``max_days_ahead`` local days after today."""
    return to_local(now).date() + timedelta(days=rules.max_days_ahead)


def day_slots(
    resource: Resource,
    day: date,
    now: datetime,
    held: Sequence[Occupancy] | UsageProfile,
    blackouts: Sequence[Blackout] = (),
    holidays: frozenset[date] = frozenset(),
) -> list[Slot]:
    """The slots of one local day with units left and why any is not bookable.

    ``held`` may be a ``UsageProfile`` built once for several days of the same resource.
    """
    usage = held if isinstance(held, UsageProfile) else UsageProfile(held)
    rules = resource.rules
    step = timedelta(minutes=rules.slot_minutes)
    buffer = timedelta(minutes=rules.buffer_minutes)
    midnight = local_midnight(day)
    too_far = day > last_bookable_day(now, rules)
    slots: list[Slot] = []
    for window in resource.rules.hours.windows_on(day, holidays):
        first = -(-window.start // rules.slot_minutes) * rules.slot_minutes
        minute = first
        while minute + rules.slot_minutes <= window.end:
            start = midnight + timedelta(minutes=minute)
            end = start + step
            units_left = resource.capacity - usage.peak(start, end + buffer)
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


def units_free_now(resource: Resource, now: datetime, held: Sequence[Occupancy]) -> int:
    """Units not held at this instant (for "3 of 4 free now" on tiles)."""
    return max(resource.capacity - peak_units(held, now, now + timedelta(seconds=1)), 0)
