"""Households: the booking party of an apartment village (building 동 + unit 호)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from kiosk.domain.credentials import after_wrong_try, scrypt_hash, scrypt_verify
from kiosk.domain.plates import is_valid_plate, normalise_plate

_DIGITS = re.compile(r"^\d{1,5}$")
PIN_LENGTH = 4


@dataclass(frozen=True)
class PinHasher:
    """scrypt with a per-household salt: a stolen database does not reveal PINs cheaply."""

    n: int = 2**14
    r: int = 8
    p: int = 1

    def hash(self, pin: str) -> str:
        """A self-describing hash string, so the cost can be raised later."""
        check_pin_format(pin)
        return scrypt_hash(pin, self.n, self.r, self.p)

    @staticmethod
    def verify(pin: str, stored: str) -> bool:
        """Constant-time check of a PIN against a stored hash."""
        return scrypt_verify(pin, stored)


def check_pin_format(pin: str) -> None:
    """PINs are exactly four digits, so the kiosk keypad and the rules agree."""
    if len(pin) != PIN_LENGTH or not pin.isdigit():
        raise ValueError("PIN must be 4 digits")


@dataclass(frozen=True)
class LockoutPolicy:
    """How many wrong PINs lock a household, and for how long."""

    max_attempts: int = 5
    lock_minutes: int = 10


@dataclass(frozen=True)
class Household:
    """A unit of the village. Identified publicly only in masked form."""

    building: str
    unit: str
    pin_hash: str
    id: int | None = None
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    plates: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not _DIGITS.match(self.building) or not _DIGITS.match(self.unit):
            raise ValueError(f"building and unit must be numbers: {self.building}-{self.unit}")
        for plate in self.plates:
            if not is_valid_plate(plate):
                raise ValueError(f"not a Korean vehicle plate: {plate}")

    @property
    def label(self) -> str:
        """The ``101-1203`` form used in files and the association's app."""
        return f"{self.building}-{self.unit}"

    def masked(self, language: str = "ko") -> str:
        """``101동 12**호``: enough for a resident to recognise, not for a passer-by."""
        shown = self.unit[:-2] + "**" if len(self.unit) > 2 else "*" * len(self.unit)
        if language == "en":
            return f"Bldg {self.building}, Unit {shown}"
        return f"{self.building}동 {shown}호"

    def is_locked(self, now: datetime) -> bool:
        """True while a lockout after wrong PINs is running."""
        return self.locked_until is not None and now < self.locked_until

    def after_failed_pin(self, now: datetime, policy: LockoutPolicy) -> Household:
        """Count a wrong PIN; the last allowed one starts a lockout."""
        attempts, locked_until = after_wrong_try(self.failed_attempts, now,
                                                 policy.max_attempts, policy.lock_minutes)
        return replace(self, failed_attempts=attempts,
                       locked_until=locked_until or self.locked_until)

    def after_good_pin(self) -> Household:
        """A correct PIN clears the count."""
        return replace(self, failed_attempts=0, locked_until=None)

    def attempts_left(self, policy: LockoutPolicy) -> int:
        """Wrong PINs still allowed before a lockout."""
        return max(policy.max_attempts - self.failed_attempts, 0)

    def with_plate(self, plate: str) -> Household:
        """Register a plate (normalised, without duplicates)."""
        plate = normalise_plate(plate)
        if not is_valid_plate(plate):
            raise ValueError(f"not a Korean vehicle plate: {plate}")
        if plate in self.plates:
            return self
        return replace(self, plates=(*self.plates, plate))


def parse_household_label(text: str) -> tuple[str, str]:
    """Read ``101-1203`` (or ``101동 1203호``) into building and unit."""
    match = re.match(r"^\s*(\d{1,5})\s*(?:동|-|\s)\s*(\d{1,5})\s*호?\s*$", text)
    if not match:
        raise ValueError(f"household must look like 101-1203, got {text!r}")
    return match.group(1), match.group(2)
