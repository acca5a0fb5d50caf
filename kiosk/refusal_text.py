"""Refusals in plain English for the command line and logs (Korean for the newer ones
that the kiosk's own wording does not cover yet, in ``MESSAGES_KO``)."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain.clock import to_local
from kiosk.domain.errors import BookingRefused, Refusal

MESSAGES: dict[Refusal, str] = {
    Refusal.NOT_FOUND: "not found",
    Refusal.NOT_BOOKABLE: "this listing is information only and cannot be booked",
    Refusal.OUT_OF_SERVICE: "out of service ({why})",
    Refusal.HOUSEHOLD_INACTIVE: "this household is not active",
    Refusal.HOUSEHOLD_LOCKED: "locked after wrong PINs until {until}",
    Refusal.WRONG_PIN: "wrong PIN; {attempts_left} attempt(s) left",
    Refusal.BAD_TIME: "times must fall on the {slot_minutes}-minute grid and end after the start",
    Refusal.IN_PAST: "that time has already passed",
    Refusal.TOO_SHORT: "shorter than the minimum of {minutes} minutes",
    Refusal.TOO_LONG: "longer than the maximum of {minutes} minutes",
    Refusal.NOTICE: "must be booked at least {minutes} minutes ahead",
    Refusal.TOO_FAR_AHEAD: "can be booked at most {days} days ahead",
    Refusal.CLOSED: "closed at that time",
    Refusal.BLACKOUT: "closed: {why}",
    Refusal.QUOTA_BOOKINGS: "household limit reached: {limit} booking(s) per {period}",
    Refusal.QUOTA_MINUTES: "household limit reached: {limit} minutes per {period} "
                           "({used} already booked)",
    Refusal.MAX_UPCOMING: "household already has {limit} upcoming booking(s)",
    Refusal.TOO_MANY_UNITS: "at most {limit} unit(s) per booking",
    Refusal.PLATE_REQUIRED: "a vehicle plate is required",
    Refusal.PLATE_INVALID: "not a Korean vehicle plate (e.g. 12가3456 or 123가4567)",
    Refusal.TAKEN: "just taken: {units_left} unit(s) left at that time",
    Refusal.CANCEL_CLOSED: "cancellation closed at {cutoff}",
    Refusal.CHECKIN_NOT_OPEN: "check-in opens at {opens}",
    Refusal.CHECKIN_CLOSED: "check-in closed at {closed}; the booking was released",
    Refusal.BAD_STATE: "not possible in this state",
    Refusal.BUSY: "the database is busy; please try again",
    Refusal.PIN_KEY_UNAVAILABLE: "PINs cannot be checked here now: ask the management office",
    Refusal.RESIDENTS_ONLY: "this is for residents of the complex only; neighbour members "
                            "may book the spaces open to neighbours",
    Refusal.NEIGHBOUR_AMBIGUOUS: "several members' phones end in these digits: "
                                 "use the member id (N-0000) instead",
}

MESSAGES_KO: dict[Refusal, str] = {
    Refusal.RESIDENTS_ONLY: "단지 주민만 이용할 수 있습니다. 이웃 회원은 이웃에게 열린 "
                            "공간을 예약할 수 있습니다.",
    Refusal.NEIGHBOUR_AMBIGUOUS: "같은 전화번호 끝자리를 가진 회원이 여럿입니다. "
                                 "회원번호(N-0000)로 다시 입력해 주세요.",
}


def explain(refusal: BookingRefused, language: str = "en") -> str:
    """One line a person can act on (Korean where ``MESSAGES_KO`` has the reason)."""
    details = {
        key: (f"{to_local(value):%Y-%m-%d %H:%M}" if isinstance(value, datetime) else value)
        for key, value in refusal.details.items()
    }
    template = MESSAGES.get(refusal.reason, refusal.reason.value)
    if language == "ko":
        template = MESSAGES_KO.get(refusal.reason, template)
    try:
        text = template.format(**details)
    except (KeyError, IndexError):
        text = template.split("(")[0].split("{")[0].strip()
    message = str(refusal)
    if message and message != refusal.reason.value and message not in text:
        text = f"{text} — {message}"
    return text
