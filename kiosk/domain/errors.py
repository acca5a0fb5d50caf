"""Why something was refused, as codes the UI and CLI turn into plain words."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class Refusal(StrEnum):
    """Every reason a booking action can be refused."""

    NOT_FOUND = "not_found"
    NOT_BOOKABLE = "not_bookable"
    OUT_OF_SERVICE = "out_of_service"
    HOUSEHOLD_INACTIVE = "household_inactive"
    HOUSEHOLD_LOCKED = "household_locked"
    WRONG_PIN = "wrong_pin"
    BAD_TIME = "bad_time"
    IN_PAST = "in_past"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NOTICE = "notice"
    TOO_FAR_AHEAD = "too_far_ahead"
    CLOSED = "closed"
    BLACKOUT = "blackout"
    QUOTA_BOOKINGS = "quota_bookings"
    QUOTA_MINUTES = "quota_minutes"
    MAX_UPCOMING = "max_upcoming"
    TOO_MANY_UNITS = "too_many_units"
    PLATE_REQUIRED = "plate_required"
    PLATE_INVALID = "plate_invalid"
    TAKEN = "taken"
    CANCEL_CLOSED = "cancel_closed"
    CHECKIN_NOT_OPEN = "checkin_not_open"
    CHECKIN_CLOSED = "checkin_closed"
    BAD_STATE = "bad_state"
    BUSY = "busy"
    PIN_KEY_UNAVAILABLE = "pin_key_unavailable"
    RESIDENTS_ONLY = "residents_only"
    """A neighbour member asked for a resource the village keeps for its households."""
    NEIGHBOUR_AMBIGUOUS = "neighbour_ambiguous"
    """Several neighbours' phones end in the digits typed: the member id is needed."""


# What an association manager may knowingly override, with a recorded reason.
# Capacity, blackouts, service status and opening hours are never overridden.
OVERRIDABLE: frozenset[Refusal] = frozenset({
    Refusal.NOTICE,
    Refusal.TOO_FAR_AHEAD,
    Refusal.TOO_SHORT,
    Refusal.TOO_LONG,
    Refusal.QUOTA_BOOKINGS,
    Refusal.QUOTA_MINUTES,
    Refusal.MAX_UPCOMING,
    Refusal.TOO_MANY_UNITS,
    Refusal.PLATE_REQUIRED,
    Refusal.CANCEL_CLOSED,
})


class BookingRefused(Exception):
    """A rule said no. ``details`` carries what the message needs (period, limit, time)."""

    def __init__(self, reason: Refusal, message: str = "", **details: Any) -> None:
        self.reason = reason
        self.details: Mapping[str, Any] = details
        super().__init__(message or reason.value)


class InvalidTransition(BookingRefused):
    """A booking cannot move from its current status to the requested one."""

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(
            Refusal.BAD_STATE, f"cannot go from {current} to {wanted}",
            current=current, wanted=wanted,
        )
