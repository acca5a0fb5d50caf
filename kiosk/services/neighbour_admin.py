"""The office's work with neighbour members: register, list, renew, deactivate, PINs.

Managers register neighbours (as they add households). The full phone is written to the
database and nowhere else: audit details, lists and exports carry the masked form.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import ACTIVE_STATUSES, Actor, Booking, BookingStatus
from kiosk.domain.clock import to_local
from kiosk.domain.households import PinHasher, check_pin_format
from kiosk.domain.neighbours import Neighbour, check_name, normalise_phone
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, require_manager
from kiosk.services.booking import BookingService
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory
from kiosk.services.resource_admin import UpcomingChoice

MEMBERSHIP_DAYS = 365
"""A registration lasts a year unless the office says otherwise: someone who moved away
should not keep booking the village's rooms for ever."""


@dataclass
class NeighbourAdmin:
    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PinHasher
    bookings: BookingService

    def neighbours(self) -> list[Neighbour]:
        with self.uow() as uow:
            return uow.neighbours.list()

    def get(self, neighbour_id: int) -> Neighbour:
        with self.uow() as uow:
            found = uow.neighbours.get(neighbour_id)
        if found is None:
            raise DeskRefused(DeskRefusal.NOT_FOUND, f"no neighbour {neighbour_id}")
        return found

    @staticmethod
    def new_pin() -> str:
        """A random PIN, made before anything is written so its slip can be printed."""
        return f"{secrets.randbelow(10_000):04d}"

    def default_expiry(self) -> date:
        return to_local(self.clock()).date() + timedelta(days=MEMBERSHIP_DAYS)

    def add(self, name: str, phone: str, pin: str, actor: Actor,
            expires_on: date | None = None) -> Neighbour:
        """Register one neighbour; refused whole if a value is wrong or the phone is
        already registered (one membership per phone)."""
        require_manager(actor)
        try:
            cleaned_name = check_name(name)
            digits = normalise_phone(phone)
            check_pin_format(pin)
        except ValueError as exc:
            raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        today = to_local(self.clock()).date()
        if expires_on is not None and expires_on < today:
            raise DeskRefused(DeskRefusal.INVALID, f"expiry {expires_on} is in the past")
        now = self.clock()
        with self.uow(write=True) as uow:
            existing = uow.neighbours.find_phone(digits)
            if existing is not None:
                raise DeskRefused(DeskRefusal.EXISTS,
                                  f"phone {existing.phone_masked} is {existing.member_id}")
            stored = uow.neighbours.add(
                Neighbour(cleaned_name, digits, self.hasher.hash(pin), expires_on=expires_on),
                now)
            uow.audit.add(AuditEntry(now, actor.label, "neighbour.add", "neighbour",
                                     stored.member_id, {
                                         "phone": stored.phone_masked,
                                         "expires_on": _iso(expires_on)}))
            uow.commit()
        return stored

    def renew(self, neighbour_id: int, expires_on: date | None, actor: Actor) -> Neighbour:
        """Active again, until ``expires_on`` (None: until deactivated)."""
        require_manager(actor)
        return self._update(neighbour_id, actor, "neighbour.renew",
                            {"expires_on": _iso(expires_on)},
                            lambda n: replace(n, active=True, expires_on=expires_on))

    def unlock(self, neighbour_id: int, actor: Actor) -> Neighbour:
        require_manager(actor)
        return self._update(neighbour_id, actor, "neighbour.unlock", {},
                            lambda n: replace(n, failed_attempts=0, locked_until=None))

    def reset_pin(self, neighbour_id: int, actor: Actor, pin: str | None = None) -> str:
        """A fresh PIN (random unless given), returned once for the slip; only its hash
        is kept, and any lockout ends."""
        require_manager(actor)
        pin = pin or self.new_pin()
        try:
            check_pin_format(pin)
        except ValueError as exc:
            raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        hashed = self.hasher.hash(pin)
        self._update(neighbour_id, actor, "neighbour.reset_pin", {},
                     lambda n: replace(n, pin_hash=hashed, failed_attempts=0,
                                       locked_until=None))
        return pin

    def future_bookings(self, neighbour_id: int) -> list[Booking]:
        now = self.clock()
        with self.uow() as uow:
            found = uow.bookings.for_neighbour(neighbour_id)
        return [b for b in found if b.status in ACTIVE_STATUSES and b.end > now]

    def deactivate(self, neighbour_id: int, actor: Actor,
                   future: UpcomingChoice = UpcomingChoice.CANCEL,
                   reason: str = "membership ended") -> list[Booking]:
        """No more bookings; bookings ahead cancelled or kept as chosen. Returns the
        bookings cancelled."""
        require_manager(actor)
        now = self.clock()
        cancelled: list[Booking] = []
        with self.uow(write=True) as uow:
            current = self._current(uow, neighbour_id)
            uow.neighbours.save(replace(current, active=False), now)
            if future is UpcomingChoice.CANCEL:
                for booking in uow.bookings.for_neighbour(neighbour_id):
                    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED) \
                            or booking.end <= now:
                        continue
                    updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label, reason)
                    uow.bookings.save(updated)
                    cancelled.append(updated)
                    uow.audit.add(AuditEntry(now, actor.label, "booking.cancel", "booking",
                                             booking.code, {"reason": reason}))
            uow.audit.add(AuditEntry(now, actor.label, "neighbour.deactivate", "neighbour",
                                     current.member_id, {
                                         "reason": reason, "future": future.value,
                                         "cancelled": [b.code for b in cancelled]}))
            uow.commit()
        for resource_id in {b.resource_id for b in cancelled}:
            self.bookings._changed(resource_id)
        return cancelled

    def _current(self, uow: UnitOfWork, neighbour_id: int) -> Neighbour:
        found = uow.neighbours.get(neighbour_id, for_update=True)
        if found is None:
            raise DeskRefused(DeskRefusal.NOT_FOUND, f"no neighbour {neighbour_id}")
        return found

    def _update(self, neighbour_id: int, actor: Actor, action: str,
                details: dict[str, object],
                change: Callable[[Neighbour], Neighbour]) -> Neighbour:
        now = self.clock()
        with self.uow(write=True) as uow:
            changed = change(self._current(uow, neighbour_id))
            uow.neighbours.save(changed, now)
            uow.audit.add(AuditEntry(now, actor.label, action, "neighbour", changed.member_id,
                                     dict(details)))
            uow.commit()
        return changed


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


__all__ = ["MEMBERSHIP_DAYS", "NeighbourAdmin"]
