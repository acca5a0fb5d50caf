"""Bookings and their lifecycle."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from kiosk.domain.clock import require_aware
from kiosk.domain.errors import InvalidTransition

# Nothing that looks like another sign (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V) or sounds
# like another letter read aloud (B/D/P/E/G/T/V/Z, M/N): a code read from the glass or
# over the phone is never ambiguous. 16 signs, 6 long: 16.7 million codes.
CODE_ALPHABET = "34679ACFHJKMRWXY"
CODE_LENGTH = 6


def new_booking_code() -> str:
    """A short random code residents can type or read out at the desk."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """Accept lower case, spaces and dashes in a typed code."""
    return text.strip().upper().replace(" ", "").replace("-", "")


class BookingStatus(StrEnum):
    """pending → confirmed → checked_in → completed; or cancelled, rejected, no_show."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    NO_SHOW = "no_show"


# Statuses that hold capacity.
ACTIVE_STATUSES: frozenset[BookingStatus] = frozenset(
    {BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN}
)
# Statuses that count against a household's quotas: what it used or still holds.
QUOTA_STATUSES: frozenset[BookingStatus] = ACTIVE_STATUSES | {
    BookingStatus.COMPLETED,
    BookingStatus.NO_SHOW,
}

_TRANSITIONS: dict[BookingStatus, frozenset[BookingStatus]] = {
    BookingStatus.PENDING: frozenset(
        {BookingStatus.CONFIRMED, BookingStatus.REJECTED, BookingStatus.CANCELLED}
    ),
    BookingStatus.CONFIRMED: frozenset(
        {
            BookingStatus.CHECKED_IN,
            BookingStatus.CANCELLED,
            BookingStatus.NO_SHOW,
            BookingStatus.COMPLETED,
        }
    ),
    BookingStatus.CHECKED_IN: frozenset({BookingStatus.COMPLETED}),
    BookingStatus.COMPLETED: frozenset(),
    BookingStatus.CANCELLED: frozenset(),
    BookingStatus.REJECTED: frozenset(),
    BookingStatus.NO_SHOW: frozenset(),
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a kiosk (by id), an association admin (by name), the CLI or the system."""

    kind: str
    name: str
    is_manager: bool = False

    @property
    def label(self) -> str:
        """``kiosk:lobby-1``, ``admin:kim``: how it is written in bookings and the audit log."""
        return f"{self.kind}:{self.name}"

    @property
    def is_admin(self) -> bool:
        """Admins may act on any household's bookings."""
        return self.kind == "admin"


SYSTEM = Actor("system", "kiosk")


@dataclass(frozen=True)
class PartyRef:
    """Who a booking is for: a household or a neighbour member, by stored id."""

    household_id: int | None = None
    neighbour_id: int | None = None

    def __post_init__(self) -> None:
        if (self.household_id is None) == (self.neighbour_id is None):
            raise ValueError("a party is exactly one household or neighbour")

    @property
    def is_neighbour(self) -> bool:
        return self.neighbour_id is not None


@dataclass(frozen=True)
class Booking:
    """One party's use of some units of a resource over a half-open interval.

    The party is a household of the complex or a neighbour member: exactly one of
    ``household_id`` and ``neighbour_id`` is set (the database checks it too).
    """

    code: str
    resource_id: str
    household_id: int | None
    start: datetime
    end: datetime
    units: int
    status: BookingStatus
    created_by: str
    created_at: datetime
    updated_at: datetime
    plate: str | None = None
    note: str = ""
    id: int | None = None
    checked_in_at: datetime | None = None
    decided_by: str | None = None
    reason: str | None = None
    neighbour_id: int | None = None

    def __post_init__(self) -> None:
        if (self.household_id is None) == (self.neighbour_id is None):
            raise ValueError("a booking belongs to exactly one household or neighbour")
        require_aware(self.start, "start")
        require_aware(self.end, "end")
        if self.end <= self.start:
            raise ValueError("a booking must end after it starts")
        if self.units < 1:
            raise ValueError("a booking needs at least one unit")

    @property
    def party(self) -> PartyRef:
        return PartyRef(self.household_id, self.neighbour_id)

    @property
    def minutes(self) -> int:
        """Length in whole minutes."""
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def is_active(self) -> bool:
        """True while it holds capacity."""
        return self.status in ACTIVE_STATUSES

    def moved_to(
        self,
        status: BookingStatus,
        now: datetime,
        by: str | None = None,
        reason: str | None = None,
    ) -> Booking:
        """The booking in a new status, if the lifecycle allows that step."""
        if status not in _TRANSITIONS[self.status]:
            raise InvalidTransition(self.status.value, status.value)
        changes: dict[str, object] = {"status": status, "updated_at": now}
        if status is BookingStatus.CHECKED_IN:
            changes["checked_in_at"] = now
        if by is not None:
            changes["decided_by"] = by
        if reason is not None:
            changes["reason"] = reason
        return replace(self, **changes)  # type: ignore[arg-type]
