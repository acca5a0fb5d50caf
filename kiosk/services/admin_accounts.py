"""Desk sign-in: accounts with roles, slow password hashes, lockout, first-run setup.

Every change made here is written to the audit log with the acting account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from kiosk.domain.admin_accounts import (
    AdminAccount,
    PasswordHasher,
    Role,
    SignInPolicy,
    check_password,
    check_username,
)
from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import Actor
from kiosk.domain.lockouts import LockoutKind
from kiosk.services.lockouts import earlier_locks, record_lockout
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

SETUP_ACTOR = "system:setup"


class DeskRefusal(StrEnum):
    WRONG_PASSWORD = "wrong_password"
    LOCKED = "locked"
    INACTIVE = "inactive"
    NOT_MANAGER = "not_manager"
    EXISTS = "exists"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    ALREADY_SET_UP = "already_set_up"


class DeskRefused(Exception):
    """A desk action was refused; ``reason`` says which rule, ``until`` for lockouts."""

    def __init__(self, reason: DeskRefusal, message: str = "",
                 until: datetime | None = None, attempts_left: int | None = None) -> None:
        self.reason = reason
        self.until = until
        self.attempts_left = attempts_left
        super().__init__(message or reason.value)


def actor_of(account: AdminAccount) -> Actor:
    """How an account appears on bookings and in the audit log: ``admin:kim``."""
    return Actor("admin", account.username, is_manager=account.is_manager)


def require_manager(actor: Actor) -> None:
    """Managers run resources, households and accounts; staff only bookings."""
    if not (actor.is_admin and actor.is_manager):
        raise DeskRefused(DeskRefusal.NOT_MANAGER, "only a manager may do this")


@dataclass
class AdminAccountService:
    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    policy: SignInPolicy = field(default_factory=SignInPolicy)
    place: str = "desk"
    """This desk PC, recorded with each account lockout for the alert."""

    def needs_setup(self) -> bool:
        """True until the first manager has been created."""
        with self.uow() as uow:
            return uow.admins.count() == 0

    def create_first_manager(self, username: str, display_name: str,
                             password: str) -> AdminAccount:
        """First run only: refused once any account exists."""
        account = self._new(username, display_name, Role.MANAGER, password)
        now = self.clock()
        with self.uow(write=True) as uow:
            if uow.admins.count():
                raise DeskRefused(DeskRefusal.ALREADY_SET_UP, "accounts already exist")
            stored = uow.admins.add(account, now)
            self._audit(uow, now, SETUP_ACTOR, "admin.create", stored.username,
                        role=stored.role.value, first_run=True)
            uow.commit()
        return stored

    def sign_in(self, username: str, password: str) -> AdminAccount:
        """The account on a correct password; wrong ones count towards a lockout."""
        name = username.strip().lower()
        now = self.clock()
        with self.uow(write=True) as uow:
            account = uow.admins.find(name, for_update=True)
            if account is None:
                # Spend the same time as a real check, so names cannot be probed by timing.
                self.hasher.verify(password, self.hasher.hash("x" * 8))
                raise DeskRefused(DeskRefusal.WRONG_PASSWORD)
            if not account.active:
                raise DeskRefused(DeskRefusal.INACTIVE)
            if account.is_locked(now):
                raise DeskRefused(DeskRefusal.LOCKED, until=account.locked_until)
            if not self.hasher.verify(password, account.password_hash):
                updated = account.after_failed(
                    now, self.policy,
                    earlier_locks(uow, LockoutKind.ACCOUNT, account.username, now))
                uow.admins.save(updated, now)
                if updated.locked_until is not None:
                    self._audit(uow, now, "system:desk", "admin.locked", account.username,
                                until=updated.locked_until.isoformat())
                    record_lockout(uow, LockoutKind.ACCOUNT, account.username, self.place,
                                   now, updated.locked_until)
                uow.commit()
                if updated.locked_until is not None:
                    raise DeskRefused(DeskRefusal.LOCKED, until=updated.locked_until)
                raise DeskRefused(DeskRefusal.WRONG_PASSWORD,
                                  attempts_left=self.policy.max_attempts
                                  - updated.failed_attempts)
            updated = account.after_success(now)
            uow.admins.save(updated, now)
            self._audit(uow, now, actor_of(account).label, "admin.sign_in", account.username)
            uow.commit()
        return updated

    def accounts(self) -> list[AdminAccount]:
        with self.uow() as uow:
            return uow.admins.list()

    def create_account(self, actor: Actor, username: str, display_name: str, role: Role,
                       password: str) -> AdminAccount:
        require_manager(actor)
        account = self._new(username, display_name, role, password)
        now = self.clock()
        with self.uow(write=True) as uow:
            if uow.admins.find(account.username) is not None:
                raise DeskRefused(DeskRefusal.EXISTS, f"{account.username} already exists")
            stored = uow.admins.add(account, now)
            self._audit(uow, now, actor.label, "admin.create", stored.username,
                        role=role.value)
            uow.commit()
        return stored

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        """A manager resets anyone's password; anyone may change their own."""
        if actor.name != username:
            require_manager(actor)
        try:
            check_password(password)
        except ValueError as exc:
            raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        self._change(actor, username, "admin.password",
                     lambda a: replace(a, password_hash=self.hasher.hash(password),
                                       failed_attempts=0, locked_until=None))

    def unlock(self, actor: Actor, username: str) -> None:
        require_manager(actor)
        self._change(actor, username, "admin.unlock",
                     lambda a: replace(a, failed_attempts=0, locked_until=None))

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        require_manager(actor)
        if actor.name == username and not active:
            raise DeskRefused(DeskRefusal.INVALID, "you cannot deactivate your own account")
        self._change(actor, username, "admin.activate" if active else "admin.deactivate",
                     lambda a: replace(a, active=active))

    # ------------------------------------------------------------------ helpers
    def _new(self, username: str, display_name: str, role: Role,
             password: str) -> AdminAccount:
        try:
            name = check_username(username)
            check_password(password)
        except ValueError as exc:
            raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        if not display_name.strip():
            raise DeskRefused(DeskRefusal.INVALID, "a display name is needed")
        return AdminAccount(name, display_name.strip(), role, self.hasher.hash(password))

    def _change(self, actor: Actor, username: str, action: str,
                change: Callable[[AdminAccount], AdminAccount]) -> None:
        now = self.clock()
        with self.uow(write=True) as uow:
            account = uow.admins.find(username, for_update=True)
            if account is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no account {username}")
            updated = change(account)
            uow.admins.save(updated, now)
            self._audit(uow, now, actor.label, action, username)
            uow.commit()

    @staticmethod
    def _audit(uow: UnitOfWork, now: datetime, actor: str, action: str, username: str,
               **details: object) -> None:
        uow.audit.add(AuditEntry(now, actor, action, "admin", username, dict(details)))
