"""Village events with seats: rooftop sharing days, classes, repair days.

Households sign up, one seat each, until the sign-up deadline (by default the start);
an event never holds more sign-ups than it has seats. Who may join is kept on the event
(``open_to``) so that neighbours can be let in later; today every event is for residents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

TITLE_MAX = 60
PLACE_MAX = 80
SEATS_MAX = 500
FEE_MAX = 1_000_000


class OpenTo(StrEnum):
    RESIDENTS = "residents"


class EventProblem(StrEnum):
    NO_TITLE = "no_title"
    TITLE_TOO_LONG = "title_too_long"
    PLACE_TOO_LONG = "place_too_long"
    NO_SEATS = "no_seats"
    TOO_MANY_SEATS = "too_many_seats"
    ENDS_BEFORE_START = "ends_before_start"
    DEADLINE_AFTER_START = "deadline_after_start"
    BAD_FEE = "bad_fee"
    NO_TIME_ZONE = "no_time_zone"


_PROBLEM_TEXT = {
    EventProblem.NO_TITLE: "an event needs a title",
    EventProblem.TITLE_TOO_LONG: f"a title is at most {TITLE_MAX} characters",
    EventProblem.PLACE_TOO_LONG: f"a place is at most {PLACE_MAX} characters",
    EventProblem.NO_SEATS: "an event needs at least one seat",
    EventProblem.TOO_MANY_SEATS: f"an event has at most {SEATS_MAX} seats",
    EventProblem.ENDS_BEFORE_START: "the end comes before the start",
    EventProblem.DEADLINE_AFTER_START: "the sign-up deadline comes after the start",
    EventProblem.BAD_FEE: f"the fee is between 0 and {FEE_MAX:,} won",
    EventProblem.NO_TIME_ZONE: "times need a time zone",
}


class EventInvalid(ValueError):
    """An event that cannot be offered; ``problem`` lets each screen say it in its words."""

    def __init__(self, problem: EventProblem) -> None:
        self.problem = problem
        super().__init__(_PROBLEM_TEXT[problem])


class SignupRefusal(StrEnum):
    """Every reason a sign-up or its cancellation is refused."""

    NO_EVENT = "no_event"
    NO_HOUSEHOLD = "no_household"
    HOUSEHOLD_INACTIVE = "household_inactive"
    NOT_OPEN_TO = "not_open_to"
    FULL = "full"
    CLOSED = "closed"
    ALREADY = "already"
    NOT_SIGNED_UP = "not_signed_up"
    OVER = "over"
    NOT_ALLOWED = "not_allowed"
    BUSY = "busy"


_REFUSAL_TEXT = {
    SignupRefusal.NO_EVENT: "there is no such event",
    SignupRefusal.NO_HOUSEHOLD: "that household is not registered",
    SignupRefusal.HOUSEHOLD_INACTIVE: "that household is not active",
    SignupRefusal.NOT_OPEN_TO: "this event is not open to that household",
    SignupRefusal.FULL: "the event is full",
    SignupRefusal.CLOSED: "sign-up is closed (the deadline has passed)",
    SignupRefusal.ALREADY: "that household is already signed up",
    SignupRefusal.NOT_SIGNED_UP: "that household is not signed up",
    SignupRefusal.OVER: "the event is over",
    SignupRefusal.NOT_ALLOWED: "only the association's desk may do that",
    SignupRefusal.BUSY: "the database is busy; try again",
}


class SignupRefused(Exception):
    """A sign-up or cancellation that did not happen; ``reason`` says why."""

    def __init__(self, reason: SignupRefusal, detail: str = "") -> None:
        self.reason = reason
        text = _REFUSAL_TEXT[reason]
        super().__init__(f"{text}: {detail}" if detail else text)


@dataclass(frozen=True)
class Event:
    title_ko: str
    start: datetime
    seats: int
    place: str = ""
    end: datetime | None = None
    title_en: str = ""
    open_to: OpenTo = OpenTo.RESIDENTS
    fee_won: int = 0
    signup_until: datetime | None = None
    created_by: str = ""
    created_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title_ko.strip():
            raise EventInvalid(EventProblem.NO_TITLE)
        if max(len(self.title_ko), len(self.title_en)) > TITLE_MAX:
            raise EventInvalid(EventProblem.TITLE_TOO_LONG)
        if len(self.place) > PLACE_MAX:
            raise EventInvalid(EventProblem.PLACE_TOO_LONG)
        if self.seats < 1:
            raise EventInvalid(EventProblem.NO_SEATS)
        if self.seats > SEATS_MAX:
            raise EventInvalid(EventProblem.TOO_MANY_SEATS)
        if not 0 <= self.fee_won <= FEE_MAX:
            raise EventInvalid(EventProblem.BAD_FEE)
        for moment in (self.start, self.end, self.signup_until):
            if moment is not None and moment.tzinfo is None:
                raise EventInvalid(EventProblem.NO_TIME_ZONE)
        if self.end is not None and self.end <= self.start:
            raise EventInvalid(EventProblem.ENDS_BEFORE_START)
        if self.signup_until is not None and self.signup_until > self.start:
            raise EventInvalid(EventProblem.DEADLINE_AFTER_START)

    @property
    def deadline(self) -> datetime:
        """Sign-ups and residents' cancellations are taken before this instant."""
        return self.signup_until if self.signup_until is not None else self.start

    @property
    def over_at(self) -> datetime:
        return self.end if self.end is not None else self.start

    @property
    def free(self) -> bool:
        return self.fee_won == 0

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_ko

    def open_for_signup(self, now: datetime) -> bool:
        return now < self.deadline

    def is_over(self, now: datetime) -> bool:
        return now >= self.over_at


@dataclass(frozen=True)
class Signup:
    """One household's seat at one event."""

    event_id: int
    household_id: int
    household: str
    """The household's 동-호 label, e.g. ``101-1203``."""
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class EventSeats:
    """An event with how many seats are taken: what lists and cards show."""

    event: Event
    taken: int

    @property
    def left(self) -> int:
        return max(0, self.event.seats - self.taken)

    @property
    def full(self) -> bool:
        return self.taken >= self.event.seats

    def can_sign_up(self, now: datetime) -> bool:
        return not self.full and self.event.open_for_signup(now)


def check_signup(event: Event, now: datetime, taken: int, already: bool) -> SignupRefusal | None:
    """Why a household may not take a seat now (counted under the event's lock), or None."""
    if already:
        return SignupRefusal.ALREADY
    if event.is_over(now):
        return SignupRefusal.OVER
    if not event.open_for_signup(now):
        return SignupRefusal.CLOSED
    if taken >= event.seats:
        return SignupRefusal.FULL
    return None


def check_withdraw(event: Event, now: datetime, signed_up: bool, by_desk: bool
                   ) -> SignupRefusal | None:
    """Residents cancel before the deadline; the desk until the event is over."""
    if not signed_up:
        return SignupRefusal.NOT_SIGNED_UP
    if event.is_over(now):
        return SignupRefusal.OVER
    if not by_desk and not event.open_for_signup(now):
        return SignupRefusal.CLOSED
    return None


def upcoming_order(events: list[Event], now: datetime) -> list[Event]:
    """Events not yet over, soonest first."""
    return sorted((e for e in events if not e.is_over(now)),
                  key=lambda e: (e.start, e.id or 0))
