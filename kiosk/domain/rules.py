"""Booking rules of one resource, as plain values.

Rules only describe; ``kiosk.domain.policy`` applies them, so there is one place
where every rule is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from itertools import pairwise

from kiosk.domain.fees import FeeRule

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class TimeWindow:
    """An opening window within one local day, in minutes after midnight (end ≤ 1440).

    A window ending at 1440 followed by one starting at 0 the next day lets a
    booking run across midnight.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= MINUTES_PER_DAY):
            raise ValueError(f"bad opening window {self.start}-{self.end}")

    @classmethod
    def parse(cls, text: str) -> TimeWindow:
        """Read ``"09:00-22:00"``; ``24:00`` is allowed as an end."""
        try:
            start_text, end_text = text.split("-")
            return cls(_parse_hhmm(start_text), _parse_hhmm(end_text))
        except ValueError as exc:
            raise ValueError(f"opening window must look like 09:00-22:00, got {text!r}") from exc

    def format(self) -> str:
        """The ``"09:00-22:00"`` form used in files and previews."""
        return f"{_format_hhmm(self.start)}-{_format_hhmm(self.end)}"


def _parse_hhmm(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not (0 <= int(minutes) < 60) or not (0 <= value <= MINUTES_PER_DAY):
        raise ValueError(text)
    return value


def _format_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


ALWAYS_OPEN: tuple[TimeWindow, ...] = (TimeWindow(0, MINUTES_PER_DAY),)


@dataclass(frozen=True)
class OpeningHours:
    """Opening windows for each weekday (Monday = 0) and dates the resource is closed."""

    weekly: tuple[tuple[TimeWindow, ...], ...] = (ALWAYS_OPEN,) * 7
    closed_dates: frozenset[date] = frozenset()
    closed_on_public_holidays: bool = False

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError("opening hours need seven weekdays")
        for windows in self.weekly:
            ordered = sorted(windows, key=lambda w: w.start)
            for first, second in pairwise(ordered):
                if second.start < first.end:
                    raise ValueError("opening windows of one day overlap")

    @classmethod
    def daily(cls, window: str) -> OpeningHours:
        """The same window every day, e.g. ``OpeningHours.daily("09:00-22:00")``."""
        return cls(weekly=((TimeWindow.parse(window),),) * 7)

    def windows_on(
        self, day: date, holidays: frozenset[date] = frozenset()
    ) -> tuple[TimeWindow, ...]:
        """The windows open on a local date, or none if it is closed."""
        if day in self.closed_dates:
            return ()
        if self.closed_on_public_holidays and day in holidays:
            return ()
        return tuple(sorted(self.weekly[day.weekday()], key=lambda w: w.start))


class QuotaPeriod(StrEnum):
    """Calendar periods in Seoul time: a day, an ISO week (Mon-Sun), a month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Quota:
    """A household's limit per period: number of bookings and/or minutes booked."""

    period: QuotaPeriod
    max_bookings: int | None = None
    max_minutes: int | None = None

    def __post_init__(self) -> None:
        if self.max_bookings is None and self.max_minutes is None:
            raise ValueError("a quota needs max_bookings or max_minutes")
        for value in (self.max_bookings, self.max_minutes):
            if value is not None and value < 1:
                raise ValueError("quota limits must be at least 1")


class Audience(StrEnum):
    """Who may book a resource, and which group a booking party belongs to.

    A resource open to ``NEIGHBOURS`` is open to residents too: the village opens its
    spaces outward, never closes them to its own households.
    """

    RESIDENTS = "residents"
    NEIGHBOURS = "neighbours"


@dataclass(frozen=True)
class NeighbourRules:
    """Where neighbours' rules differ from the residents'; ``None`` keeps the residents'
    value. Quotas count per neighbour member, as residents' count per household."""

    max_days_ahead: int | None = None
    quotas: tuple[Quota, ...] | None = None
    max_upcoming: int | None = None

    def __post_init__(self) -> None:
        if self.max_days_ahead is not None and self.max_days_ahead < 0:
            raise ValueError("neighbours' max_days_ahead cannot be negative")
        if self.max_upcoming is not None and self.max_upcoming < 1:
            raise ValueError("neighbours' max_upcoming must be at least 1")
        if self.quotas is not None:
            periods = [q.period for q in self.quotas]
            if len(set(periods)) != len(periods):
                raise ValueError("one neighbours' quota per period")


@dataclass(frozen=True)
class BookingRules:
    """Every rule of one resource. Durations and notices are in minutes."""

    hours: OpeningHours = field(default_factory=OpeningHours)
    slot_minutes: int = 30
    min_duration: int = 30
    max_duration: int = 240
    min_notice: int = 0
    cancel_cutoff: int = 0
    max_days_ahead: int = 14
    buffer_minutes: int = 0
    quotas: tuple[Quota, ...] = ()
    max_upcoming_per_household: int | None = None
    max_units_per_booking: int = 1
    approval_required: bool = False
    checkin_required: bool = False
    checkin_opens_before: int = 15
    auto_release_after: int = 15
    plate_required: bool = False
    open_to: Audience = Audience.RESIDENTS
    neighbours: NeighbourRules = field(default_factory=NeighbourRules)
    fees: FeeRule = field(default_factory=FeeRule)

    def __post_init__(self) -> None:
        if self.slot_minutes < 5 or MINUTES_PER_DAY % self.slot_minutes:
            raise ValueError("slot length must divide a day and be at least 5 minutes")
        if self.min_duration < self.slot_minutes or self.min_duration % self.slot_minutes:
            raise ValueError("minimum duration must be a whole number of slots")
        if self.max_duration < self.min_duration or self.max_duration % self.slot_minutes:
            raise ValueError("maximum duration must be a whole number of slots ≥ the minimum")
        for name in ("min_notice", "cancel_cutoff", "buffer_minutes", "checkin_opens_before"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        if self.max_days_ahead < 0:
            raise ValueError("max_days_ahead cannot be negative")
        if self.auto_release_after < 1:
            raise ValueError("auto_release_after must be at least 1 minute")
        if self.max_units_per_booking < 1:
            raise ValueError("max_units_per_booking must be at least 1")
        if self.max_upcoming_per_household is not None and self.max_upcoming_per_household < 1:
            raise ValueError("max_upcoming_per_household must be at least 1")
        periods = [q.period for q in self.quotas]
        if len(set(periods)) != len(periods):
            raise ValueError("one quota per period")

    def for_audience(self, audience: Audience) -> BookingRules:
        """The rules a party of ``audience`` books under: the residents' own, or theirs
        with the neighbours' differences applied."""
        if audience is Audience.RESIDENTS:
            return self
        extra = self.neighbours
        return replace(
            self,
            max_days_ahead=(self.max_days_ahead if extra.max_days_ahead is None
                            else extra.max_days_ahead),
            quotas=self.quotas if extra.quotas is None else extra.quotas,
            max_upcoming_per_household=(self.max_upcoming_per_household
                                        if extra.max_upcoming is None else extra.max_upcoming),
        )

    def admits(self, audience: Audience) -> bool:
        """True when a party of ``audience`` may book at all."""
        return audience is Audience.RESIDENTS or self.open_to is Audience.NEIGHBOURS
