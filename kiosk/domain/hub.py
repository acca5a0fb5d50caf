"""Hub listings as the kiosk keeps them: stored listings, per-source sync state, and the
freshness rule for live figures. Plain Python so services and the UI share one meaning
of "stale".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from kiosk.domain.listing_facts import Fact, listing_facts, provider_link
from kiosk.domain.owners import Owner, owner_from_facts

EARTH_RADIUS_M: Final = 6_371_008.8  # mean radius (IUGG)
STALE_FACTOR: Final = 3.0
MIN_STALE_S: Final = 120.0
AVAILABLE: Final = "available"
OUT_OF_SERVICE: Final = "out_of_service"


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres; accurate to well under 1% at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def stale_after_s(interval_s: float, ttl_s: int | None, factor: float = STALE_FACTOR) -> float:
    """How old a live figure may be before the UI greys it out.

    A few missed refreshes are normal (a slow feed, a busy network); after `factor`
    times the refresh period the figure no longer says much about "right now".
    """
    period = max(float(interval_s), float(ttl_s or 0))
    return max(MIN_STALE_S, period * factor)


class LeaseLost(Exception):
    """Another kiosk took over a source (this one's claim expired); nothing was applied."""


@dataclass(frozen=True, slots=True)
class StoredListing:
    """A listing as stored: the feed's facts plus when the kiosk first and last saw it."""

    id: int
    source_id: str
    external_id: str
    kind: str
    name_ko: str
    name_en: str
    description_ko: str
    description_en: str
    lat: float
    lon: float
    address: str
    units_total: int | None
    units_free: int | None
    as_of: datetime | None
    bookable: bool
    status: str
    extra: Mapping[str, str]
    first_seen: datetime
    last_seen: datetime
    retired: bool = False

    @property
    def map_id(self) -> str:
        """A short opaque id for the map page (unique within one database)."""
        return f"hub-{self.id}"

    def display_name(self, language: str = "ko") -> str:
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_ko or self.name_en

    @property
    def owner(self) -> Owner | None:
        """Who provides it, as the source said (None for a listing stored before
        owners were kept, until its source syncs again)."""
        return owner_from_facts(self.extra)

    @property
    def link(self) -> str | None:
        """The provider's http(s) link for this listing, or None."""
        return provider_link(self.extra)

    def facts(self) -> list[Fact]:
        """The feed's facts as labelled lines for the detail screen."""
        return listing_facts(self.extra)


@dataclass(frozen=True, slots=True)
class NearbyListing:
    """A listing near a point, with its distance and whether its live figure is stale.

    `as_of` is the source's time for the live counts when it gave one, else the time the
    kiosk last received the listing. `stale` turns true when that is older than the
    source's freshness limit: the UI greys the figure out but keeps the listing.
    `held` is the reason the feed's latest row for this listing was rejected: the
    listing is its last good version, and its figures are stale.
    """

    listing: StoredListing
    distance_m: float
    as_of: datetime | None
    stale: bool
    held: str | None = None


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the kiosk remembers about one source between syncs."""

    source_id: str
    kind: str = ""
    interval_s: int = 60
    ttl_s: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_label: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0
    next_attempt_at: datetime | None = None
    needs_attention: bool = False
    listing_count: int = 0
    quarantined_count: int = 0
    last_summary: Mapping[str, object] = field(default_factory=dict)

    def stale_after(self, factor: float = STALE_FACTOR) -> timedelta:
        return timedelta(seconds=stale_after_s(self.interval_s, self.ttl_s, factor))

    def is_stale(self, now: datetime, factor: float = STALE_FACTOR) -> bool:
        """True when the last good data is older than the freshness limit (or absent)."""
        if self.last_success_at is None:
            return True
        return now - self.last_success_at > self.stale_after(factor)


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One line of `kiosk sync status` and of the association's sync screen.

    `health`: "ok", "never" (not synced yet), "offline" (network or timeouts; the last
    data stays in use), "refused" (a suspicious snapshot was not applied), "error"
    (the source answered badly) or "attention" (a settings problem to fix).
    """

    state: SyncState
    configured: bool
    stale: bool
    health: str


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    """A feed row kept off the map, with the reason, as the association sees it."""

    source_id: str
    external_id: str | None
    reason: str
    raw: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ListingMark:
    """What the apply step needs to know about a stored listing to decide what changed."""

    id: int
    fingerprint: str
    retired: bool


@dataclass(frozen=True, slots=True)
class HubSummary:
    """One line for the kiosk's status bar: online or not, and the last good sync.

    `online` is None before any source was configured or tried; False when the latest
    attempt of every source failed for network reasons; True otherwise.
    """

    online: bool | None
    last_success_at: datetime | None
    sources: int
    failing: int
    needs_attention: int
