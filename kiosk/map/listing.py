"""What the map shows about one resource, and its compact wire form for the page.

Plain Python with no Qt, so services and the CLI can build listings without a display.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain.hub import NearbyListing
from kiosk.domain.listing_facts import Fact, listing_facts
from kiosk.domain.owners import Owner

KINDS: tuple[str, ...] = ("parking", "bike", "space", "item", "other")
STATUSES: tuple[str, ...] = ("available", "out_of_service")

# Column order of one row in listings.json; the page script reads the same order.
ROW_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "name_ko",
    "name_en",
    "lat",
    "lon",
    "units_free",
    "units_total",
    "as_of",
    "status",
)

MAX_ID_LENGTH = 128
# Figures' times travel in Seoul time, so the page shows the hour residents read on the
# sign and on their phones whatever the viewing browser's time zone is.
SEOUL = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True)
class MapListing:
    """One marker's worth of data; ids are opaque strings chosen by the services layer."""

    id: str
    kind: str
    name_ko: str
    name_en: str
    lat: float
    lon: float
    units_free: int | None
    units_total: int | None
    as_of: datetime | None
    status: str  # "available" | "out_of_service"
    stale: bool = False  # the live figure is older than its source's freshness limit
    # What the feed said beyond the counts (station number, docks, fees, hours, phone…),
    # for the detail screen; never sent to the page, never part of equality.
    facts: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Who provides it (None when the source did not say) and the provider's link for a
    # phone (GBFS rental_uris, the hub feed's url; None when there is none).
    owner: Owner | None = field(default=None, compare=False, hash=False)
    link: str | None = field(default=None, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.id or len(self.id) > MAX_ID_LENGTH:
            raise ValueError(f"listing id must be 1..{MAX_ID_LENGTH} characters: {self.id!r}")
        if not (math.isfinite(self.lat) and -90.0 <= self.lat <= 90.0):
            raise ValueError(f"latitude out of range for {self.id!r}: {self.lat}")
        if not (math.isfinite(self.lon) and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"longitude out of range for {self.id!r}: {self.lon}")

    @property
    def map_kind(self) -> str:
        """The kind drawn on the map: unknown kinds fall back to "other" rather than vanish."""
        return self.kind if self.kind in KINDS else "other"

    def name(self, language: str) -> str:
        """Name in the requested language, falling back to the other one."""
        if language == "en":
            return self.name_en or self.name_ko
        return self.name_ko or self.name_en

    def fact_lines(self) -> list[Fact]:
        """The feed's facts as ordered (label_ko, label_en, value) lines."""
        return listing_facts(self.facts)


Counts = tuple[int | None, int | None]


def _count(value: int | None) -> int | None:
    if value is None:
        return None
    return max(0, int(value))


def _seoul_iso(when: datetime | None) -> str | None:
    """ISO time in Seoul (+09:00); a naive time is taken as UTC, as the services store it."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return when.astimezone(SEOUL).isoformat(timespec="seconds")


def listing_row(listing: MapListing, counts: Counts | None = None) -> list[object]:
    """One listing as a positional row (about half the bytes of an object per listing)."""
    free, total = counts if counts is not None else (listing.units_free, listing.units_total)
    return [
        listing.id,
        listing.map_kind,
        listing.name_ko,
        listing.name_en,
        round(listing.lat, 7),
        round(listing.lon, 7),
        _count(free),
        _count(total),
        _seoul_iso(listing.as_of),
        listing.status if listing.status in STATUSES else "available",
    ]


def listings_json(
    listings: Iterable[MapListing],
    counts: Mapping[str, Counts] | None = None,
    version: int = 0,
) -> bytes:
    """Serialise all listings as one JSON document; the page builds markers from it.

    ``counts`` overrides free/total per id, so live updates survive a page reload
    without rebuilding the listing objects.
    """
    overrides = counts or {}
    rows = [listing_row(item, overrides.get(item.id)) for item in listings]
    doc = {"version": version, "fields": list(ROW_FIELDS), "rows": rows}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def listing_from_dict(data: Mapping[str, object]) -> MapListing:
    """Build a listing from plain JSON data (used by `map export --listings FILE`)."""

    def opt_int(key: str) -> int | None:
        value = data.get(key)
        return None if value is None else int(value)  # type: ignore[call-overload]

    as_of_raw = data.get("as_of")
    as_of = datetime.fromisoformat(str(as_of_raw)) if as_of_raw else None
    return MapListing(
        id=str(data["id"]),
        kind=str(data.get("kind", "other")),
        name_ko=str(data.get("name_ko", "")),
        name_en=str(data.get("name_en", "")),
        lat=float(data["lat"]),  # type: ignore[arg-type]
        lon=float(data["lon"]),  # type: ignore[arg-type]
        units_free=opt_int("units_free"),
        units_total=opt_int("units_total"),
        as_of=as_of,
        status=str(data.get("status", "available")),
    )


def from_nearby(found: NearbyListing) -> MapListing:
    """A stored listing as the map and the detail screen take it, with the feed's facts
    (the counts stay as stored; `real_free` reads the reported figure from the facts)."""
    stored = found.listing
    return MapListing(
        id=stored.map_id, kind=stored.kind, name_ko=stored.name_ko, name_en=stored.name_en,
        lat=stored.lat, lon=stored.lon, units_free=stored.units_free,
        units_total=stored.units_total, as_of=found.as_of,
        status=stored.status, stale=found.stale, facts=dict(stored.extra),
        owner=stored.owner, link=stored.link,
    )
