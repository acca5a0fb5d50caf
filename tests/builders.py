"""Small helpers that put a resource or a household into a test database."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.domain.bookings import Actor
from kiosk.domain.households import Household
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import BookingRules

KIOSK = Actor("kiosk", "lobby-1")
MANAGER = Actor("admin", "kim", is_manager=True)
STAFF = Actor("admin", "lee")


def add_resource(services: Any, resource_id: str = "room", capacity: int = 1,
                 kind: ResourceKind = ResourceKind.SPACE, **rules: Any) -> Resource:
    resource = Resource(resource_id, kind, "커뮤니티룸", "Community room",
                        Location(37.6066, 127.0237), capacity=capacity,
                        rules=BookingRules(**rules))
    with services.bookings.uow(write=True) as uow:
        uow.resources.save(resource, services.bookings.clock())
        uow.commit()
    return resource


def cheap_hash(services: Any, pin: str) -> str:
    """A PIN hash the services accept (their key), at a cost that keeps tests fast."""
    hashed: str = replace(services.bookings.hasher, n=2**4).hash(pin)
    return hashed


def add_household(services: Any, building: str = "101", unit: str = "1203",
                  pin: str = "1234", plates: tuple[str, ...] = ()) -> int:
    with services.bookings.uow(write=True) as uow:
        household = Household(building, unit, cheap_hash(services, pin), plates=plates)
        stored = uow.households.add(household, services.bookings.clock())
        uow.commit()
    assert stored.id is not None
    return stored.id
