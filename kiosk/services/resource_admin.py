"""Managers create and edit resources, take them out of service and add blackouts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from kiosk.domain.audit import AuditEntry
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import ACTIVE_STATUSES, Actor, Booking, BookingStatus
from kiosk.domain.resources import Resource, check_local_id
from kiosk.domain.rules_codec import rules_to_dict
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, require_manager
from kiosk.services.booking import BookingService
from kiosk.services.ports import Clock, UnitOfWorkFactory


class UpcomingChoice(StrEnum):
    """What to do with bookings still ahead when a resource stops being usable."""

    CANCEL = "cancel"
    KEEP = "keep"


@dataclass
class ResourceAdmin:
    uow: UnitOfWorkFactory
    clock: Clock
    bookings: BookingService

    def resources(self) -> list[Resource]:
        with self.uow() as uow:
            return uow.resources.list(include_retired=True)

    def save(self, resource: Resource, actor: Actor, new: bool) -> Resource:
        """Create (refused if the id is taken) or update a local resource."""
        require_manager(actor)
        if new:
            try:
                check_local_id(resource.id)
            except ValueError as exc:
                raise DeskRefused(DeskRefusal.INVALID, str(exc)) from None
        now = self.clock()
        with self.uow(write=True) as uow:
            existing = uow.resources.get_for_update(resource.id)
            if new and existing is not None:
                raise DeskRefused(DeskRefusal.EXISTS, f"resource {resource.id} already exists")
            if not new and existing is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no resource {resource.id}")
            if existing is not None:
                resource = replace(resource, live=existing.live,
                                   out_of_service_reason=existing.out_of_service_reason)
            uow.resources.save(resource, now)
            details: dict[str, object] = {}
            if existing is None:
                details["rules"] = rules_to_dict(resource.rules)
            else:
                details["changed"] = _changes(existing, resource)
            uow.audit.add(AuditEntry(now, actor.label,
                                     "resource.create" if new else "resource.update",
                                     "resource", resource.id, details))
            uow.commit()
        self.bookings._changed(resource.id)
        return resource

    def upcoming(self, resource_id: str) -> list[Booking]:
        """Bookings that still hold the resource from now on."""
        now = self.clock()
        with self.uow() as uow:
            found = uow.bookings.search(resource_id=resource_id,
                                        statuses=ACTIVE_STATUSES)
        return [b for b in found if b.end > now]

    def take_out_of_service(self, resource_id: str, reason: str, actor: Actor,
                            upcoming: UpcomingChoice) -> list[Booking]:
        """Stop new bookings; cancel or keep the upcoming ones as the manager chose."""
        require_manager(actor)
        if not reason.strip():
            raise DeskRefused(DeskRefusal.INVALID, "a reason is needed")
        now = self.clock()
        cancelled: list[Booking] = []
        with self.uow(write=True) as uow:
            resource = uow.resources.get_for_update(resource_id)
            if resource is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no resource {resource_id}")
            uow.resources.save(replace(resource, out_of_service_reason=reason.strip()), now)
            if upcoming is UpcomingChoice.CANCEL:
                for booking in uow.bookings.search(resource_id=resource_id,
                                                   statuses=(BookingStatus.PENDING,
                                                             BookingStatus.CONFIRMED)):
                    if booking.end <= now:
                        continue
                    updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label,
                                               f"out of service: {reason.strip()}")
                    uow.bookings.save(updated)
                    cancelled.append(updated)
                    uow.audit.add(AuditEntry(now, actor.label, "booking.cancel", "booking",
                                             booking.code,
                                             {"reason": f"out of service: {reason.strip()}"}))
            uow.audit.add(AuditEntry(now, actor.label, "resource.out_of_service", "resource",
                                     resource_id, {"reason": reason.strip(),
                                                   "upcoming": upcoming.value,
                                                   "cancelled": [b.code for b in cancelled]}))
            uow.commit()
        self.bookings._changed(resource_id)
        return cancelled

    def return_to_service(self, resource_id: str, actor: Actor) -> None:
        require_manager(actor)
        now = self.clock()
        with self.uow(write=True) as uow:
            resource = uow.resources.get_for_update(resource_id)
            if resource is None:
                raise DeskRefused(DeskRefusal.NOT_FOUND, f"no resource {resource_id}")
            uow.resources.save(replace(resource, out_of_service_reason=None), now)
            uow.audit.add(AuditEntry(now, actor.label, "resource.in_service", "resource",
                                     resource_id, {}))
            uow.commit()
        self.bookings._changed(resource_id)

    def add_blackout(self, blackout: Blackout, actor: Actor
                     ) -> tuple[Blackout, list[Booking]]:
        require_manager(actor)
        return self.bookings.add_blackout(blackout, actor)

    def blackouts(self, since: datetime | None = None) -> list[Blackout]:
        with self.uow() as uow:
            found = uow.blackouts.list()
        return [b for b in found if since is None or b.end > since]


def _changes(before: Resource, after: Resource) -> dict[str, list[object]]:
    """Field by field, what an edit changed (rules compared in their stored form)."""
    old = {"name_ko": before.name_ko, "name_en": before.name_en, "kind": before.kind.value,
           "capacity": before.capacity, "bookable": before.bookable,
           "where_ko": before.location.where_ko, "where_en": before.location.where_en,
           "rules": rules_to_dict(before.rules)}
    new = {"name_ko": after.name_ko, "name_en": after.name_en, "kind": after.kind.value,
           "capacity": after.capacity, "bookable": after.bookable,
           "where_ko": after.location.where_ko, "where_en": after.location.where_en,
           "rules": rules_to_dict(after.rules)}
    changed: dict[str, list[object]] = {}
    for key, value in new.items():
        if key == "rules":
            assert isinstance(value, dict)
            old_rules = old["rules"]
            assert isinstance(old_rules, dict)
            for name in sorted(set(value) | set(old_rules)):  # a rule may come or go (fees)
                if old_rules.get(name) != value.get(name):
                    changed[f"rules.{name}"] = [old_rules.get(name), value.get(name)]
        elif old[key] != value:
            changed[key] = [old[key], value]
    return changed
