"""Households: the booking party of an apartment village (building 동 + unit 호)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from kiosk.domain.credentials import (
    KEYED_SCHEME,
    after_wrong_try,
    keyed_scrypt_hash,
    keyed_scrypt_verify,
    scrypt_hash,
    scrypt_verify,
    seal_scrypt_hash,
)
from kiosk.domain.plates import is_valid_plate, normalise_plate

_DIGITS = re.compile(r"^[0-9]{1,5}$")


def check_building_unit(building: str, unit: str) -> None:
    """동 and 호 are 1-5 ASCII digits: the keypad types nothing else, and the database
    column is that wide (a longer value must be refused here, not by the database)."""
    if not _DIGITS.match(building) or not _DIGITS.match(unit):
        raise ValueError(f"동·호는 1~5자리 숫자여야 합니다 / building and unit must be numbers "
                         f"of 1-5 digits: {building[:12]!r}, {unit[:12]!r}")
PIN_LENGTH = 4


class PinKeyUnavailable(RuntimeError):
    """The PIN key is missing or is not the one the database's hashes were made with:
    PINs can be neither checked nor set until the key file is restored."""


@dataclass(frozen=True)
class PinHasher:
    """scrypt with a per-household salt, sealed with the village's secret PIN key.

    A 4-digit PIN falls to an offline search of a plain scrypt hash in seconds, so the
    stored hash is HMAC-SHA256(key, scrypt(pin, salt)) and the key lives outside the
    database: a copied database alone cannot be searched. Without a ``key`` (tests, the
    installer PIN kept in the config file) hashes are plain scrypt. ``key_problem`` says
    why the key could not be loaded; such a hasher refuses every PIN rather than guess.
    """

    n: int = 2**14
    r: int = 8
    p: int = 1
    key: bytes | None = field(default=None, repr=False, compare=False)
    key_problem: str = ""

    def hash(self, pin: str) -> str:
        """A self-describing hash string, so the cost can be raised later."""
        check_pin_format(pin)
        if self.key_problem:
            raise PinKeyUnavailable(self.key_problem)
        if self.key is None:
            return scrypt_hash(pin, self.n, self.r, self.p)
        return keyed_scrypt_hash(pin, self.key, self.n, self.r, self.p)

    def matches(self, pin: str, stored: str) -> bool:
        """Constant-time check of a household's PIN; with a key only the keyed form is
        accepted, so an unsealed hash slipped into the database never opens anything."""
        if self.key_problem:
            raise PinKeyUnavailable(self.key_problem)
        if self.key is None:
            return scrypt_verify(pin, stored)
        return keyed_scrypt_verify(pin, stored, self.key)

    def sealed(self, stored: str) -> str | None:
        """The keyed form of a plain stored hash (no PIN needed), or None if there is
        nothing to upgrade: already keyed, malformed, or no key."""
        if self.key is None or self.key_problem or stored.startswith(KEYED_SCHEME + "$"):
            return None
        return seal_scrypt_hash(stored, self.key)

    @staticmethod
    def verify(pin: str, stored: str) -> bool:
        """Constant-time check against a plain (unkeyed) scrypt hash: the installer PIN,
        which lives in the config file beside the key anyway."""
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
        check_building_unit(self.building, self.unit)
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

    def after_failed_pin(self, now: datetime, policy: LockoutPolicy,
                         earlier_locks: int = 0) -> Household:
        """Count a wrong PIN; the last allowed one starts a lockout (a day long when it
        is the third within a day, see ``after_wrong_try``)."""
        attempts, locked_until = after_wrong_try(self.failed_attempts, now,
                                                 policy.max_attempts, policy.lock_minutes,
                                                 earlier_locks)
        return replace(self, failed_attempts=attempts,
                       locked_until=locked_until or self._running_lock(now))

    def _running_lock(self, now: datetime) -> datetime | None:
        """An expired lock is not carried into the next count: it would read as a new
        lockout (audited, escalated, and told to the resident with a past time)."""
        return self.locked_until if self.is_locked(now) else None

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
