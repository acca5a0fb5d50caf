"""Resources: what can be shown on the map and maybe booked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from kiosk.domain.owners import Owner
from kiosk.domain.rules import BookingRules

LOCAL_SOURCE = "local"
LOCAL_ID = re.compile(r"[a-z0-9-]{1,64}")
"""Ids the village gives its own resources: they reach file names, URLs and exported
cells, so nothing there can start a formula or a path."""


def check_local_id(resource_id: str) -> None:
    """Refuse a village resource id outside ``[a-z0-9-]`` (hub listings keep their own)."""
    if not LOCAL_ID.fullmatch(resource_id):
        raise ValueError(f"resource id {resource_id!r} may use only a-z, 0-9 and -, "
                         "1-64 characters (e.g. room-community)")


class ResourceKind(StrEnum):
    """The categories residents browse by; each has its own tile and map marker."""

    PARKING = "parking"
    BIKE = "bike"
    SPACE = "space"
    ITEM = "item"
    OTHER = "other"


@dataclass(frozen=True)
class Location:
    """Where a resource is, and how to find it once there."""

    lat: float
    lon: float
    address: str = ""
    where_ko: str = ""
    where_en: str = ""

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0) or not (-180.0 <= self.lon <= 180.0):
            raise ValueError(f"coordinates out of range: {self.lat}, {self.lon}")


@dataclass(frozen=True)
class LiveCount:
    """A live figure from the hub (bikes docked, free spaces) with the source's own time."""

    units_free: int | None
    units_total: int | None
    as_of: datetime | None


@dataclass(frozen=True)
class Resource:
    """A parking spot group, a bike pool, a room or an item.

    ``capacity`` is how many units can be in use at the same instant; the booking
    engine never lets active bookings exceed it. ``owner`` is who provides it when that
    is not the village itself (a sharing group lending its tools through the village);
    None means the village.
    """

    id: str
    kind: ResourceKind
    name_ko: str
    name_en: str
    location: Location
    capacity: int = 1
    bookable: bool = True
    description_ko: str = ""
    description_en: str = ""
    source: str = LOCAL_SOURCE
    out_of_service_reason: str | None = None
    rules: BookingRules = field(default_factory=BookingRules)
    live: LiveCount | None = None
    retired: bool = False
    owner: Owner | None = None

    def __post_init__(self) -> None:
        if not self.id or len(self.id) > 64:
            raise ValueError("resource id must be 1-64 characters")
        if self.capacity < 0:
            raise ValueError("capacity cannot be negative")
        if self.bookable and self.capacity < 1:
            raise ValueError("a bookable resource needs a capacity of at least 1")

    @property
    def in_service(self) -> bool:
        """False while the association has taken it out of service."""
        return self.out_of_service_reason is None

    @property
    def is_local(self) -> bool:
        """True for the village's own resources, False for hub listings."""
        return self.source == LOCAL_SOURCE

    def name(self, language: str) -> str:
        """The name in the resident's language, falling back to Korean."""
        return self.name_en if language == "en" and self.name_en else self.name_ko

    def take_out_of_service(self, reason: str) -> Resource:
        """A copy marked out of service; a reason is required so residents learn why."""
        if not reason.strip():
            raise ValueError("a reason is required to take a resource out of service")
        return replace(self, out_of_service_reason=reason.strip())

    def return_to_service(self) -> Resource:
        """A copy back in service."""
        return replace(self, out_of_service_reason=None)
