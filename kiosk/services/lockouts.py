"""Lockouts kept in the database: escalation across restarts, and the installer PIN.

Household PINs, desk passwords and each kiosk's installer PIN all count wrong tries with
``kiosk.domain.credentials.after_wrong_try``; this module gives that rule the memory it
needs (earlier lockouts of the same secret) and records each new lockout as an event.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.credentials import ESCALATION_WINDOW, after_wrong_try
from kiosk.domain.households import PinHasher
from kiosk.domain.lockouts import LockoutEvent, LockoutKind
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


def earlier_locks(uow: UnitOfWork, kind: LockoutKind, subject: str, now: datetime) -> int:
    """Lockouts of this secret within the escalation window (the next one may be long)."""
    return uow.lockouts.count_since(kind, subject, now - ESCALATION_WINDOW)


def record_lockout(uow: UnitOfWork, kind: LockoutKind, subject: str, kiosk_id: str,
                   now: datetime, locked_until: datetime) -> LockoutEvent:
    """Keep the lockout as an event, in the caller's transaction."""
    event = LockoutEvent(kind, subject, kiosk_id, now, locked_until)
    uow.lockouts.add(event)
    return event


class GateOutcome(enum.Enum):
    OPEN = "open"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class GateResult:
    outcome: GateOutcome
    remaining: int = 0
    locked_until: datetime | None = None


@dataclass
class InstallerGate:
    """One kiosk's installer PIN, with its wrong tries and lock in the database, so that
    pulling the plug does not give a guesser three fresh tries."""

    uow: UnitOfWorkFactory
    clock: Clock
    kiosk_id: str
    pin_hash: str
    max_attempts: int = 3
    lock_minutes: int = 15

    def try_pin(self, pin: str) -> GateResult:
        if not self.pin_hash:
            return GateResult(GateOutcome.NOT_SET)
        now = self.clock()
        with self.uow(write=True) as uow:
            failures, locked_until = uow.installer_gates.get(self.kiosk_id, for_update=True)
            if locked_until is not None and now < locked_until:
                return GateResult(GateOutcome.LOCKED, locked_until=locked_until)
            if PinHasher.verify(pin, self.pin_hash):
                if failures or locked_until is not None:
                    uow.installer_gates.save(self.kiosk_id, 0, None)
                    uow.commit()
                log.warning("kiosk mode left with the installer PIN", extra={"event": "unlock"})
                return GateResult(GateOutcome.OPEN)
            earlier = earlier_locks(uow, LockoutKind.INSTALLER, self.kiosk_id, now)
            failures, new_lock = after_wrong_try(failures, now, self.max_attempts,
                                                 self.lock_minutes, earlier)
            uow.installer_gates.save(self.kiosk_id, failures, new_lock or locked_until)
            if new_lock is not None:
                record_lockout(uow, LockoutKind.INSTALLER, self.kiosk_id, self.kiosk_id, now,
                               new_lock)
            uow.commit()
        if new_lock is not None:
            log.warning("installer PIN locked after wrong tries",
                        extra={"event": "unlock_locked", "until": new_lock.isoformat()})
            return GateResult(GateOutcome.LOCKED, locked_until=new_lock)
        return GateResult(GateOutcome.WRONG, remaining=self.max_attempts - failures)
