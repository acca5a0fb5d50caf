"""The one place where booking rules are enforced.

Each check returns the refusals it finds rather than stopping at the first, so an
admin override can be limited to exactly the rules it names, and the audit log can
record which ones were bypassed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from kiosk.domain.availability import (
    Occupancy,
    is_within_opening_hours,
    last_bookable_day,
    peak_units,
    starts_in_time,
)
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import ACTIVE_STATUSES, QUOTA_STATUSES, Booking, BookingStatus
from kiosk.domain.clock import local_midnight, to_local
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.households import Household
from kiosk.domain.neighbours import Neighbour
from kiosk.domain.plates import is_valid_plate
from kiosk.domain.resources import Resource
from kiosk.domain.rules import Audience, BookingRules, QuotaPeriod


@dataclass(frozen=True)
class BookingRequest:
    """What a resident (or an admin on their behalf) asks for."""

    resource_id: str
    start: datetime
    end: datetime
    units: int = 1
    plate: str | None = None


def period_bounds(day: date, period: QuotaPeriod) -> tuple[date, date]:
    """The local calendar period containing ``day``, as ``[first, after_last)``."""
    if period is QuotaPeriod.DAY:
        return day, day + timedelta(days=1)
    if period is QuotaPeriod.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after


def quota_span(start: datetime, rules: BookingRules) -> tuple[datetime, datetime] | None:
    """The times in which a household's bookings can count against the quotas of a booking
    starting at ``start``: the widest quota period around it. None without quotas.

    Bookings outside it (the household's whole history) never change the answer, so the
    caller need not load them.
    """
    if not rules.quotas:
        return None
    day = to_local(start).date()
    bounds = [period_bounds(day, quota.period) for quota in rules.quotas]
    return (local_midnight(min(first for first, _ in bounds)),
            local_midnight(max(after for _, after in bounds)))


def audience_of(party: Household | Neighbour) -> Audience:
    return Audience.NEIGHBOURS if isinstance(party, Neighbour) else Audience.RESIDENTS


def rules_for(resource: Resource, audience: Audience) -> Resource:
    """The resource as a party of ``audience`` sees it: with that group's rules."""
    if audience is Audience.RESIDENTS:
        return resource
    return replace(resource, rules=resource.rules.for_audience(audience))


def check_booking(
    request: BookingRequest,
    resource: Resource,
    household: Household | Neighbour,
    now: datetime,
    held: Sequence[Occupancy],
    household_bookings: Sequence[Booking],
    blackouts: Sequence[Blackout] = (),
    holidays: frozenset[date] = frozenset(),
) -> list[BookingRefused]:
    """Every rule the request breaks; empty when it may be booked.

    ``household`` is the party: a household, or a neighbour member, who may book only
    what is open to neighbours and under the neighbours' rules of it.
    ``held`` is what active bookings of the resource hold around the request;
    ``household_bookings`` are this party's bookings of the same resource — at
    least those starting within ``quota_span`` (of the party's rules) and, when the
    resource limits upcoming bookings, the active ones not yet ended.
    """
    audience = audience_of(household)
    found: list[BookingRefused] = []
    if not resource.bookable:
        return [BookingRefused(Refusal.NOT_BOOKABLE)]
    if not resource.rules.admits(audience):
        return [BookingRefused(Refusal.RESIDENTS_ONLY)]
    resource = rules_for(resource, audience)
    rules = resource.rules
    if not resource.in_service:
        return [BookingRefused(Refusal.OUT_OF_SERVICE, why=resource.out_of_service_reason)]
    if isinstance(household, Neighbour):
        if not household.is_current(to_local(request.start).date()):
            return [BookingRefused(Refusal.HOUSEHOLD_INACTIVE, party="neighbour",
                                   expires_on=household.expires_on)]
    elif not household.active:
        return [BookingRefused(Refusal.HOUSEHOLD_INACTIVE)]

    start_local = to_local(request.start)
    minutes = int((request.end - request.start).total_seconds() // 60)
    aligned = all(
        moment.second == 0
        and moment.microsecond == 0
        and (moment.hour * 60 + moment.minute) % rules.slot_minutes == 0
        for moment in (start_local, to_local(request.end))
    )
    if request.end <= request.start or not aligned:
        return [BookingRefused(Refusal.BAD_TIME, slot_minutes=rules.slot_minutes)]
    if request.units < 1:
        return [BookingRefused(Refusal.BAD_TIME, units=request.units)]

    timing = starts_in_time(request.start, now, rules)
    if timing is Refusal.IN_PAST:
        return [BookingRefused(Refusal.IN_PAST)]
    if timing is Refusal.NOTICE:
        found.append(BookingRefused(Refusal.NOTICE, minutes=rules.min_notice))
    if minutes < rules.min_duration:
        found.append(BookingRefused(Refusal.TOO_SHORT, minutes=rules.min_duration))
    if minutes > rules.max_duration:
        found.append(BookingRefused(Refusal.TOO_LONG, minutes=rules.max_duration))
    if start_local.date() > last_bookable_day(now, rules):
        found.append(BookingRefused(Refusal.TOO_FAR_AHEAD, days=rules.max_days_ahead))
    if not is_within_opening_hours(request.start, request.end, rules.hours, holidays):
        found.append(BookingRefused(Refusal.CLOSED))
    for blackout in blackouts:
        if request.resource_id in blackout.resource_ids and blackout.overlaps(
            request.start, request.end
        ):
            found.append(BookingRefused(Refusal.BLACKOUT, why=blackout.reason,
                                        until=blackout.end))
            break
    if request.units > min(rules.max_units_per_booking, resource.capacity):
        found.append(BookingRefused(Refusal.TOO_MANY_UNITS,
                                    limit=min(rules.max_units_per_booking, resource.capacity)))
    if request.plate:
        if not is_valid_plate(request.plate):
            found.append(BookingRefused(Refusal.PLATE_INVALID))
    elif rules.plate_required:
        found.append(BookingRefused(Refusal.PLATE_REQUIRED))

    found.extend(_quota_refusals(request, resource, household_bookings, now))

    buffer = timedelta(minutes=rules.buffer_minutes)
    in_use = peak_units(held, request.start, request.end + buffer)
    if in_use + request.units > resource.capacity:
        found.append(BookingRefused(Refusal.TAKEN, units_left=max(resource.capacity - in_use, 0)))
    return found


def _quota_refusals(
    request: BookingRequest,
    resource: Resource,
    household_bookings: Sequence[Booking],
    now: datetime,
) -> list[BookingRefused]:
    rules = resource.rules
    found: list[BookingRefused] = []
    minutes = int((request.end - request.start).total_seconds() // 60)
    day = to_local(request.start).date()
    counted = [b for b in household_bookings if b.status in QUOTA_STATUSES]
    for quota in rules.quotas:
        first, after = period_bounds(day, quota.period)
        in_period = [b for b in counted if first <= to_local(b.start).date() < after]
        if quota.max_bookings is not None and len(in_period) + 1 > quota.max_bookings:
            found.append(BookingRefused(Refusal.QUOTA_BOOKINGS, period=quota.period.value,
                                        limit=quota.max_bookings, used=len(in_period)))
        used_minutes = sum(b.minutes for b in in_period)
        if quota.max_minutes is not None and used_minutes + minutes > quota.max_minutes:
            found.append(BookingRefused(Refusal.QUOTA_MINUTES, period=quota.period.value,
                                        limit=quota.max_minutes, used=used_minutes))
    if rules.max_upcoming_per_household is not None:
        upcoming = [b for b in household_bookings if b.status in ACTIVE_STATUSES and b.end > now]
        if len(upcoming) + 1 > rules.max_upcoming_per_household:
            found.append(BookingRefused(Refusal.MAX_UPCOMING,
                                        limit=rules.max_upcoming_per_household))
    return found


def check_cancel(booking: Booking, resource: Resource, now: datetime) -> list[BookingRefused]:
    """A household may cancel a pending or confirmed booking until the cut-off."""
    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        return [BookingRefused(Refusal.BAD_STATE, current=booking.status.value)]
    cutoff = booking.start - timedelta(minutes=resource.rules.cancel_cutoff)
    if now > cutoff:
        return [BookingRefused(Refusal.CANCEL_CLOSED, cutoff=cutoff)]
    return []


def checkin_window(booking: Booking, resource: Resource) -> tuple[datetime, datetime]:
    """When check-in is accepted: shortly before the start until release (or the end)."""
    rules = resource.rules
    opens = booking.start - timedelta(minutes=rules.checkin_opens_before)
    if rules.checkin_required:
        closes = min(booking.start + timedelta(minutes=rules.auto_release_after), booking.end)
    else:
        closes = booking.end
    return opens, closes


def check_checkin(booking: Booking, resource: Resource, now: datetime) -> list[BookingRefused]:
    """Check-in is for confirmed bookings inside the check-in window."""
    if booking.status is not BookingStatus.CONFIRMED:
        return [BookingRefused(Refusal.BAD_STATE, current=booking.status.value)]
    opens, closes = checkin_window(booking, resource)
    if now < opens:
        return [BookingRefused(Refusal.CHECKIN_NOT_OPEN, opens=opens)]
    if now >= closes:
        return [BookingRefused(Refusal.CHECKIN_CLOSED, closed=closes)]
    return []


def next_status_on_sweep(
    booking: Booking, resource: Resource, now: datetime
) -> BookingStatus | None:
    """What time alone does to a booking: release no-shows, complete finished ones."""
    rules = resource.rules
    if booking.status is BookingStatus.CONFIRMED:
        if rules.checkin_required and now >= checkin_window(booking, resource)[1]:
            return BookingStatus.NO_SHOW
        if now >= booking.end:
            return BookingStatus.COMPLETED
    elif booking.status is BookingStatus.CHECKED_IN and now >= booking.end:
        return BookingStatus.COMPLETED
    elif booking.status is BookingStatus.PENDING and now >= booking.start:
        return BookingStatus.REJECTED
    return None
