"""Usage reports: per resource and week or month, peak hours, households' share; exports.

Pure reads and arithmetic over one period's bookings, so the desk runs them on a
worker thread and tests can check every figure against bookings they made.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import local_day_bounds, to_local
from kiosk.domain.resources import Resource
from kiosk.services.parties import PartyLabels, party_labels
from kiosk.services.ports import Clock, UnitOfWorkFactory
from kiosk.services.spreadsheet import csv_row

# Bookings that used (or still hold) the resource: they count as hours of use.
USED = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN,
                  BookingStatus.COMPLETED})


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


def period_start(day: date, period: Period) -> date:
    """The Monday of an ISO week, or the first of a month."""
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


@dataclass(frozen=True)
class UsageRow:
    resource_id: str
    resource_name: str
    period_start: date
    bookings: int        # made and not cancelled or rejected (no-shows included)
    hours: float         # unit-hours of USED bookings
    open_hours: float    # capacity × opening hours in the period
    no_shows: int
    cancellations: int
    resource_name_en: str = ""  # empty when the resource has no English name

    @property
    def utilisation(self) -> float:
        """Percent of the capacity-hours the resource was open that were booked."""
        return 0.0 if self.open_hours <= 0 else round(100.0 * self.hours / self.open_hours, 1)


@dataclass(frozen=True)
class HouseholdShare:
    household: str
    bookings: int
    hours: float
    share: float  # percent of all USED unit-hours in the period


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    period: Period
    usage: list[UsageRow]
    heat: list[list[float]]  # [weekday Mon=0][hour 0-23] unit-hours of use
    shares: list[HouseholdShare]


@dataclass(frozen=True)
class SheetLine:
    """One line of the management office's printed daily sheet."""

    start: datetime
    end: datetime
    resource: str
    household: str
    code: str
    status: BookingStatus
    plate: str | None
    units: int
    resource_en: str = ""  # empty when the resource has no English name


@dataclass
class ReportService:
    uow: UnitOfWorkFactory
    clock: Clock

    def report(self, first: date, last: date, period: Period) -> Report:
        """Figures for the local days ``first``..``last`` (inclusive)."""
        if last < first:
            raise ValueError("the report ends before it starts")
        start, _ = local_day_bounds(first)
        _, end = local_day_bounds(last)
        with self.uow() as uow:
            resources = {r.id: r for r in uow.resources.list(include_retired=True)
                         if r.bookable}
            found = uow.bookings.search(start_from=start, start_before=end)
            labels = party_labels(uow)
        return Report(first, last, period,
                      usage_rows(resources, found, first, last, period),
                      heat_map(found), household_shares(found, labels))

    def daily_sheet(self, day: date) -> list[SheetLine]:
        """Everything starting on a local day except cancelled and rejected bookings."""
        start, end = local_day_bounds(day)
        with self.uow() as uow:
            listed = uow.resources.list(include_retired=True)
            names = {r.id: r.name_ko for r in listed}
            names_en = {r.id: r.name_en for r in listed}
            labels = party_labels(uow)
            found = uow.bookings.search(start_from=start, start_before=end)
        return [
            SheetLine(b.start, b.end, names.get(b.resource_id, b.resource_id),
                      labels.of(b), b.code, b.status, b.plate, b.units,
                      names_en.get(b.resource_id, ""))
            for b in found
            if b.status not in (BookingStatus.CANCELLED, BookingStatus.REJECTED)
        ]


def _unit_hours(booking: Booking) -> float:
    return booking.units * (booking.end - booking.start).total_seconds() / 3600


def open_hours(resource: Resource, first: date, last: date) -> float:
    """Capacity × opening hours over the days (closed dates excluded; not holidays)."""
    total = 0
    day = first
    while day <= last:
        total += sum(w.end - w.start for w in resource.rules.hours.windows_on(day))
        day += timedelta(days=1)
    return resource.capacity * total / 60


def usage_rows(resources: dict[str, Resource], bookings: Sequence[Booking], first: date,
               last: date, period: Period) -> list[UsageRow]:
    buckets: dict[tuple[str, date], list[Booking]] = defaultdict(list)
    for booking in bookings:
        key = (booking.resource_id, period_start(to_local(booking.start).date(), period))
        buckets[key].append(booking)
    periods: list[date] = []
    day = period_start(first, period)
    while day <= last:
        periods.append(day)
        day = day + timedelta(days=7) if period is Period.WEEK else \
            (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    rows = []
    for resource in sorted(resources.values(), key=lambda r: r.id):
        for begins in periods:
            if period is Period.WEEK:
                ends = begins + timedelta(days=6)
            else:
                ends = (begins.replace(day=28) + timedelta(days=4)).replace(day=1) \
                    - timedelta(days=1)
            items = buckets.get((resource.id, begins), [])
            rows.append(UsageRow(
                resource.id, resource.name_ko, begins,
                bookings=sum(1 for b in items if b.status in USED
                             or b.status is BookingStatus.NO_SHOW),
                hours=round(sum(_unit_hours(b) for b in items if b.status in USED), 2),
                open_hours=open_hours(resource, max(begins, first), min(ends, last)),
                no_shows=sum(1 for b in items if b.status is BookingStatus.NO_SHOW),
                cancellations=sum(1 for b in items if b.status is BookingStatus.CANCELLED),
                resource_name_en=resource.name_en,
            ))
    return rows


def heat_map(bookings: Sequence[Booking]) -> list[list[float]]:
    """Unit-hours in use for each weekday and hour of the local day."""
    heat = [[0.0] * 24 for _ in range(7)]
    for booking in bookings:
        if booking.status not in USED:
            continue
        moment = to_local(booking.start)
        end = to_local(booking.end)
        while moment < end:
            hour_end = moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            step = min(hour_end, end) - moment
            heat[moment.weekday()][moment.hour] += booking.units * step.total_seconds() / 3600
            moment = hour_end
    return [[round(v, 2) for v in row] for row in heat]


def household_shares(bookings: Sequence[Booking], labels: PartyLabels
                     ) -> list[HouseholdShare]:
    """Each party's share of the hours used (neighbour members by their masked label)."""
    counts: dict[str, int] = defaultdict(int)
    hours: dict[str, float] = defaultdict(float)
    for booking in bookings:
        if booking.status not in USED:
            continue
        label = labels.of(booking)
        counts[label] += 1
        hours[label] += _unit_hours(booking)
    total = sum(hours.values())
    shares = [HouseholdShare(label, counts[label], round(hours[label], 2),
                             round(100.0 * hours[label] / total, 1) if total else 0.0)
              for label in counts]
    return sorted(shares, key=lambda s: (-s.hours, s.household))


# ------------------------------------------------------------------- exports
def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """UTF-8 with a BOM, so Excel opens Korean text correctly; written all at once;
    no cell starts a formula."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_row(header))
        writer.writerows(csv_row(row) for row in rows)
    tmp.replace(path)
