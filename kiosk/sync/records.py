"""Plain records that hub sources hand to the sync engine.

Sources never touch the database: they turn untrusted feed documents into these
immutable, already-validated values, so the engine that applies them (and its tests)
can trust every field without re-checking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Literal, get_args

ListingKind = Literal["bike", "parking", "space", "item", "other"]
LISTING_KINDS: Final[frozenset[str]] = frozenset(get_args(ListingKind))


@dataclass(frozen=True, slots=True)
class FeedListing:
    """One shared resource as a feed describes it, after validation.

    `name_en` / `description_en` are "" when the feed has no English text; the UI then
    shows the Korean text. `units_free` never exceeds `units_total` (a larger reported
    figure is clamped and the original kept in `extra["reported_free"]`). `as_of` is the
    source's own time for the live figure, always timezone-aware. `extra` holds short
    display facts (fees, hours, phone) as text; treat it as read-only.
    """

    source_id: str
    external_id: str
    kind: ListingKind
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
    bookable: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Cheap invariants: a record that breaks them is a programming error in an
        # adapter, never a feed problem (feed problems become Quarantined rows).
        if self.kind not in LISTING_KINDS:
            raise ValueError(f"unknown listing kind {self.kind!r}")
        if not self.source_id or not self.external_id:
            raise ValueError("source_id and external_id must not be empty")
        if not (math.isfinite(self.lat) and math.isfinite(self.lon)):
            raise ValueError("coordinates must be finite")
        for count in (self.units_total, self.units_free):
            if count is not None and count < 0:
                raise ValueError("unit counts must not be negative")
        if (
            self.units_total is not None
            and self.units_free is not None
            and self.units_free > self.units_total
        ):
            raise ValueError("units_free must not exceed units_total")
        if self.as_of is not None and self.as_of.utcoffset() is None:
            raise ValueError("as_of must be timezone-aware")

    @property
    def key(self) -> tuple[str, str]:
        """Identity of the listing across fetches."""
        return (self.source_id, self.external_id)

    def display_name(self, language: str = "ko") -> str:
        """The name in `language`, falling back to Korean."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name_ko


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A row that failed validation: kept out of the map, shown to the association.

    `raw` is a short, printable excerpt of the offending row (never the whole row).
    """

    source_id: str
    external_id: str | None
    reason: str
    raw: str


@dataclass(frozen=True, slots=True)
class Tombstone:
    """The source says this listing no longer exists."""

    source_id: str
    external_id: str


@dataclass(frozen=True, slots=True)
class FeedNews:
    """One news item of a hub feed (the sharing newsletter): shown on the kiosk's
    news screen with its source and date; ``link`` becomes a QR code for a phone."""

    source_id: str
    external_id: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    published: date
    link: str = ""
    provider: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    """Everything one fetch of one source produced.

    complete=True: a full snapshot, so listings of this source missing from it retire.
    complete=False: an incremental change set; only `listings` (upserts) and
    `tombstones` (deletions) apply. not_modified=True: the source said nothing changed
    (HTTP 304 or unchanged documents); the lists are empty and nothing should change.
    `etag`, `last_modified` and `cursor` are to be stored and handed back on the next
    fetch. `note` says in words why a fetch brought nothing (e.g. "the service answered
    no data (INFO-200)"), for the association's status screen. `ttl_s` is the source's
    hint of how long the data stays fresh (0 = refresh every time, None = no hint).
    """

    listings: tuple[FeedListing, ...]
    quarantined: tuple[Quarantined, ...]
    tombstones: tuple[Tombstone, ...]
    complete: bool
    not_modified: bool
    etag: str | None
    cursor: str | None
    ttl_s: int | None
    fetched_at: datetime
    source_id: str = ""
    last_modified: str | None = None
    out_of_area: int = 0
    pages: int = 1
    rejected: int = -1
    note: str = ""
    news: tuple[FeedNews, ...] = ()
    news_deleted: tuple[str, ...] = ()
    """Hub feeds only: news items (all of them when ``complete``) and removed news ids."""

    def __post_init__(self) -> None:
        # `rejected` counts every quarantined row, also those beyond the detail kept in
        # `quarantined`; -1 (not given) means "as many as are listed".
        if self.rejected < 0:
            object.__setattr__(self, "rejected", len(self.quarantined))

    def summary(self) -> Mapping[str, object]:
        """Counts for logs and the association's sync status screen."""
        return {
            "source_id": self.source_id,
            "listings": len(self.listings),
            "quarantined": len(self.quarantined),
            "tombstones": len(self.tombstones),
            "complete": self.complete,
            "not_modified": self.not_modified,
            "out_of_area": self.out_of_area,
            "rejected": self.rejected,
            "pages": self.pages,
            "news": len(self.news),
        }
