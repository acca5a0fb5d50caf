"""Managers' household work: PIN resets, unlocking, move-outs, registered plates."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import ACTIVE_STATUSES, Actor, Booking, BookingStatus
from kiosk.domain.households import Household, check_building_unit, check_pin_format
from kiosk.domain.plates import is_valid_plate, normalise_plate
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, require_manager
from kiosk.services.booking import BookingService
from kiosk.services.importing import HouseholdPreview, VillageAdmin, household_template
from kiosk.services.ports import Clock, UnitOfWorkFactory
from kiosk.services.resource_admin import UpcomingChoice


@dataclass
class HouseholdAdmin:
    uow: UnitOfWorkFactory
    clock: Clock
    village: VillageAdmin
    bookings: BookingService

    def households(self) -> list[Household]:
        with self.uow() as uow:
            return uow.households.list()

    def preview_import(self, raw: bytes) -> HouseholdPreview:
        return self.village.preview_households(raw)

    def import_csv(self, raw: bytes, actor: Actor) -> tuple[int, int]:
        require_manager(actor)
        return self.village.import_households(raw, actor)

    @staticmethod
    def new_pin() -> str:
        """A random PIN, made before anything is written so its slip can be printed."""
        return f"{secrets.randbelow(10_000):04d}"

    @staticmethod
    def template() -> str:
        """The households file with Korean headers, to fill in a spreadsheet."""
        return household_template()

    def add(self, building: str, unit: str, pin: str, plates: list[str], active: bool,
            actor: Actor) -> Household:
        """One new household from the desk's form; refused whole if any value is wrong."""
        require_manager(actor)
        building = building.strip().removesuffix("동").strip()
        unit = unit.strip().removesuffix("호").strip()
        try:
            check_building_unit(building, unit)
            check_pin_format(pin)
        except ValueError as exc:
            raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        cleaned = _plates(plates)
        now = self.clock()
        with self.uow(write=True) as uow:
            if uow.households.find(building, unit, for_update=True) is not None:
                raise DeskRefused(DeskRefusal.EXISTS, f"household {building}-{unit}")
            stored = uow.households.add(
                Household(building, unit, self.village.hasher.hash(pin), active=active,
                          plates=cleaned), now)
            uow.audit.add(AuditEntry(now, actor.label, "household.add", "household",
                                     stored.label, {"plates": len(cleaned),
                                                    "active": active}))
            uow.commit()
        return stored

    def edit(self, household: Household, plates: list[str], active: bool, actor: Actor,
             pin: str | None = None, future: UpcomingChoice = UpcomingChoice.KEEP,
             reason: str = "") -> list[Booking]:
        """Plates, use and (if given) a new PIN of one household, in one transaction.

        Stopping a household's use is a move-out: its future bookings are cancelled or
        kept as ``future`` says. Returns the bookings cancelled.
        """
        require_manager(actor)
        assert household.id is not None
        if pin is not None:
            try:
                check_pin_format(pin)
            except ValueError as exc:
                raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        cleaned = _plates(plates)
        now = self.clock()
        cancelled: list[Booking] = []
        with self.uow(write=True) as uow:
            current = uow.households.find(household.building, household.unit, for_update=True)
            if current is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no household {household.label}")
            changed = replace(current, plates=cleaned, active=active)
            if pin is not None:
                changed = replace(changed, pin_hash=self.village.hasher.hash(pin),
                                  failed_attempts=0, locked_until=None)
            uow.households.save(changed, now)
            moving_out = current.active and not active
            if moving_out and future is UpcomingChoice.CANCEL:
                for booking in uow.bookings.for_household(household.id):
                    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED) \
                            or booking.end <= now:
                        continue
                    updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label,
                                               reason or "moved out")
                    uow.bookings.save(updated)
                    cancelled.append(updated)
                    uow.audit.add(AuditEntry(now, actor.label, "booking.cancel", "booking",
                                             booking.code, {"reason": reason}))
            details: dict[str, object] = {"plates": len(cleaned), "active": active,
                                          "new_pin": pin is not None}
            if moving_out:
                details |= {"reason": reason, "future": future.value,
                            "cancelled": [b.code for b in cancelled]}
            uow.audit.add(AuditEntry(now, actor.label, "household.edit", "household",
                                     household.label, details))
            uow.commit()
        for resource_id in {b.resource_id for b in cancelled}:
            self.bookings._changed(resource_id)
        return cancelled

    def reset_pin(self, household: Household, actor: Actor) -> str:
        """A fresh random PIN, returned once to print on the slip; only its hash is kept."""
        require_manager(actor)
        pin = self.new_pin()
        self.village.reset_pin(household.building, household.unit, pin, actor)
        return pin

    def unlock(self, household: Household, actor: Actor) -> None:
        require_manager(actor)
        self._update(household, actor, "household.unlock", {},
                     lambda h: replace(h, failed_attempts=0, locked_until=None))

    def set_plates(self, household: Household, plates: list[str], actor: Actor) -> None:
        require_manager(actor)
        cleaned = _plates(plates)
        self._update(household, actor, "household.plates", {"count": len(cleaned)},
                     lambda h: replace(h, plates=cleaned))

    def future_bookings(self, household: Household) -> list[Booking]:
        assert household.id is not None
        now = self.clock()
        with self.uow() as uow:
            found = uow.bookings.for_household(household.id)
        return [b for b in found if b.status in ACTIVE_STATUSES and b.end > now]

    def deactivate(self, household: Household, actor: Actor, future: UpcomingChoice,
                   reason: str = "moved out") -> list[Booking]:
        """Move-out: no more bookings; future ones cancelled or kept as chosen."""
        require_manager(actor)
        assert household.id is not None
        now = self.clock()
        cancelled: list[Booking] = []
        with self.uow(write=True) as uow:
            current = uow.households.find(household.building, household.unit, for_update=True)
            if current is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no household {household.label}")
            uow.households.save(replace(current, active=False), now)
            if future is UpcomingChoice.CANCEL:
                for booking in uow.bookings.for_household(household.id):
                    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED) \
                            or booking.end <= now:
                        continue
                    updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label,
                                               reason)
                    uow.bookings.save(updated)
                    cancelled.append(updated)
                    uow.audit.add(AuditEntry(now, actor.label, "booking.cancel", "booking",
                                             booking.code, {"reason": reason}))
            uow.audit.add(AuditEntry(now, actor.label, "household.deactivate", "household",
                                     household.label, {"reason": reason,
                                                       "future": future.value,
                                                       "cancelled": [b.code for b in cancelled]}))
            uow.commit()
        for resource_id in {b.resource_id for b in cancelled}:
            self.bookings._changed(resource_id)
        return cancelled

    def reactivate(self, household: Household, actor: Actor) -> None:
        require_manager(actor)
        self._update(household, actor, "household.activate", {},
                     lambda h: replace(h, active=True))

    def _update(self, household: Household, actor: Actor, action: str,
                details: dict[str, object],
                change: Callable[[Household], Household]) -> None:
        now = self.clock()
        with self.uow(write=True) as uow:
            current = uow.households.find(household.building, household.unit, for_update=True)
            if current is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no household {household.label}")
            uow.households.save(change(current), now)
            uow.audit.add(AuditEntry(now, actor.label, action, "household", household.label,
                                     dict(details)))
            uow.commit()


def _plates(plates: list[str]) -> tuple[str, ...]:
    """Typed plates, normalised and without repeats; a wrong one refuses the whole form."""
    cleaned = tuple(dict.fromkeys(normalise_plate(p) for p in plates if p.strip()))
    bad = [p for p in cleaned if not is_valid_plate(p)]
    if bad:
        raise DeskRefused(DeskRefusal.INVALID, f"not a Korean vehicle plate: {bad[0]}")
    return cleaned


__all__ = ["HouseholdAdmin", "UpcomingChoice"]
