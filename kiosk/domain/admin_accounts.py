"""Association desk accounts: who may sign in to the desk app, and with which role."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from kiosk.domain.credentials import after_wrong_try, scrypt_hash, scrypt_verify

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD_LENGTH = 8


class Role(StrEnum):
    """Managers run everything; staff handle bookings only."""

    MANAGER = "manager"
    STAFF = "staff"


def check_username(username: str) -> str:
    """Lower-case letters, digits, dot, dash, underscore: it is written into the audit log."""
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise ValueError("username must be 2-40 letters, digits, '.', '-' or '_'")
    return name


def check_password(password: str) -> None:
    """Long enough to resist guessing at the desk; no other composition rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")


@dataclass(frozen=True)
class PasswordHasher:
    """scrypt with a per-account salt; the cost parameters travel with the hash."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    def hash(self, password: str) -> str:
        return scrypt_hash(password, self.n, self.r, self.p)

    @staticmethod
    def verify(password: str, stored: str) -> bool:
        """Constant-time comparison; a malformed stored hash never matches."""
        return scrypt_verify(password, stored)


@dataclass(frozen=True)
class SignInPolicy:
    """Wrong passwords allowed before a lockout, and how long it lasts."""

    max_attempts: int = 5
    lock_minutes: int = 15


@dataclass(frozen=True)
class AdminAccount:
    """One person at the desk. Never holds the password, only its hash."""

    username: str
    display_name: str
    role: Role
    password_hash: str
    id: int | None = None
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_sign_in: datetime | None = None

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failed(self, now: datetime, policy: SignInPolicy,
                     earlier_locks: int = 0) -> AdminAccount:
        """Count a wrong password; the last allowed one starts a lockout (escalating)."""
        attempts, locked_until = after_wrong_try(self.failed_attempts, now,
                                                 policy.max_attempts, policy.lock_minutes,
                                                 earlier_locks)
        return replace(self, failed_attempts=attempts,
                       locked_until=locked_until or self._running_lock(now))

    def _running_lock(self, now: datetime) -> datetime | None:
        """An expired lock is not carried into the next count: it would read as a new
        lockout (audited, escalated, and told to the resident with a past time)."""
        return self.locked_until if self.is_locked(now) else None

    def after_success(self, now: datetime) -> AdminAccount:
        return replace(self, failed_attempts=0, locked_until=None, last_sign_in=now)
