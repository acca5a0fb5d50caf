"""Neighbour members: local residents from outside the complex, registered at the office.

Sharing Villages open some spaces to the neighbourhood with the residents' consent. A
neighbour has no 동·호, so the office gives a member id (``N-0003``) and the person keeps
a 4-digit PIN, hashed and locked out exactly like a household's. The phone is how the
office reaches them; it is personal data, so outside storage it is only ever shown
masked (``010-****-5678``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from kiosk.domain.credentials import after_wrong_try
from kiosk.domain.households import LockoutPolicy

MEMBER_PREFIX = "N-"
NAME_MAX = 40
_MEMBER = re.compile(r"^\s*(?:이웃\s*)?(?:N\s*-?\s*)?0*(\d{1,6})\s*$", re.IGNORECASE)


def member_id(neighbour_id: int) -> str:
    """``N-0003``: short enough to read out, distinct from a 동·호 at a glance."""
    return f"{MEMBER_PREFIX}{neighbour_id:04d}"


def parse_member_id(text: str) -> int:
    """Read ``N-0003``, ``n3`` or ``3`` into the stored id."""
    match = _MEMBER.match(text)
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"member id must look like N-0003, got {text[:20]!r}")
    return int(match.group(1))


def normalise_phone(text: str) -> str:
    """Digits only (``010-1234-5678`` → ``01012345678``); a Korean number of 9-11 digits
    starting with 0, or ValueError."""
    digits = re.sub(r"[\s\-().]", "", text.strip())
    if digits.startswith("+82"):
        digits = "0" + digits[3:]
    if not digits.isdigit() or not 9 <= len(digits) <= 11 or not digits.startswith("0"):
        raise ValueError(f"phone must be a Korean number like 010-1234-5678, got {text[:20]!r}")
    return digits


def mask_phone(digits: str) -> str:
    """``010-****-5678``: the area or mobile prefix and the last four digits only."""
    if len(digits) < 8:
        return "***-****"
    prefix = "02" if digits.startswith("02") else digits[:3]
    return f"{prefix}-****-{digits[-4:]}"


def mask_name(name: str) -> str:
    """``홍*동``, ``김*``: the first and last letters, enough for the office to recognise."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def check_name(name: str) -> str:
    """A name as typed, trimmed; empty or longer than the column is refused here."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX:
        raise ValueError(f"name must be 1-{NAME_MAX} characters")
    return cleaned


@dataclass(frozen=True)
class Neighbour:
    """One registered neighbour. ``expires_on`` is the last local day they may book for
    (None: until deactivated)."""

    name: str
    phone: str
    pin_hash: str
    id: int | None = None
    active: bool = True
    expires_on: date | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None

    def __post_init__(self) -> None:
        check_name(self.name)
        if normalise_phone(self.phone) != self.phone:
            raise ValueError("phone must be stored as digits only")

    @property
    def member_id(self) -> str:
        return member_id(self.id) if self.id is not None else f"{MEMBER_PREFIX}new"

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def phone_tail(self) -> str:
        """The last four digits, which a neighbour may type instead of the member id."""
        return self.phone[-4:]

    def label(self, language: str = "ko") -> str:
        """``이웃 N-0003 홍*동``: how bookings, reports and the audit log name them."""
        word = "Neighbour" if language == "en" else "이웃"
        return f"{word} {self.member_id} {mask_name(self.name)}"

    def is_current(self, day: date) -> bool:
        """Active, and the membership covers ``day``."""
        return self.active and (self.expires_on is None or day <= self.expires_on)

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failed_pin(self, now: datetime, policy: LockoutPolicy,
                         earlier_locks: int = 0) -> Neighbour:
        """Count a wrong PIN with the households' rule (``after_wrong_try``)."""
        attempts, locked_until = after_wrong_try(self.failed_attempts, now,
                                                 policy.max_attempts, policy.lock_minutes,
                                                 earlier_locks)
        running = self.locked_until if self.is_locked(now) else None
        return replace(self, failed_attempts=attempts, locked_until=locked_until or running)

    def after_good_pin(self) -> Neighbour:
        return replace(self, failed_attempts=0, locked_until=None)

    def attempts_left(self, policy: LockoutPolicy) -> int:
        return max(policy.max_attempts - self.failed_attempts, 0)
