"""Answers for every kiosk://app/ path the page asks for. No Qt, so it is unit-testable.

The scheme handler in scheme.py is a thin adapter from Qt's request jobs to this.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from kiosk.map.assets import mime_type, static_file
from kiosk.map.listing import Counts, MapListing, listings_json
from kiosk.map.page import PAGE_PATH, PageOptions, build_page
from kiosk.map.tiles import BLANK_PNG, TileSet

TILE_PATH = re.compile(r"^tiles/(\d{1,2})/(\d{1,8})/(\d{1,8})(?:\.\w+)?$")
LISTINGS_PATH = "listings.json"
BASEMAP_PATH = "basemap.json"


@dataclass(frozen=True)
class Resource:
    data: bytes
    mime: str


class MapResources:
    """The page, its data and its files, as served to one map view."""

    def __init__(
        self,
        options: PageOptions,
        listings: Iterable[MapListing] = (),
        tiles: TileSet | None = None,
        basemap: Future[dict[str, Any]] | None = None,
    ) -> None:
        self.options = options
        self.tiles = tiles
        self.basemap = basemap
        self._listings: list[MapListing] = list(listings)
        self._index: dict[str, MapListing] = {item.id: item for item in self._listings}
        self._counts: dict[str, Counts] = {}
        self._version = 0
        self._listings_cache: bytes | None = None
        self._page_cache: bytes | None = None

    # -- data ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self._version

    @property
    def listings(self) -> list[MapListing]:
        return self._listings

    def listing(self, listing_id: str) -> MapListing | None:
        return self._index.get(listing_id)

    def has_listing(self, listing_id: str) -> bool:
        return listing_id in self._index

    def set_listings(self, listings: Iterable[MapListing]) -> int:
        """Replace all listings; returns the new version the page should fetch."""
        self._listings = list(listings)
        self._index = {item.id: item for item in self._listings}
        self._counts.clear()
        self._version += 1
        self._listings_cache = None
        return self._version

    def update_counts(self, counts: Mapping[str, Counts]) -> dict[str, list[int | None]]:
        """Record new counts (kept across page reloads); returns the known ones for the page."""
        accepted: dict[str, list[int | None]] = {}
        for listing_id, pair in counts.items():
            if listing_id not in self._index:
                continue
            free, total = pair
            free = None if free is None else max(0, int(free))
            total = None if total is None else max(0, int(total))
            self._counts[listing_id] = (free, total)
            accepted[listing_id] = [free, total]
        if accepted:
            self._listings_cache = None
        return accepted

    def counts_of(self, listing_id: str) -> Counts | None:
        if listing_id in self._counts:
            return self._counts[listing_id]
        item = self._index.get(listing_id)
        return None if item is None else (item.units_free, item.units_total)

    def listings_document(self) -> bytes:
        if self._listings_cache is None:
            self._listings_cache = listings_json(self._listings, self._counts, self._version)
        return self._listings_cache

    def page_html(self) -> bytes:
        if self._page_cache is None:
            self._page_cache = build_page(self.options).encode("utf-8")
        return self._page_cache

    def set_options(self, options: PageOptions) -> None:
        self.options = options
        self._page_cache = None

    # -- serving ------------------------------------------------------------------------

    def resolve(self, path: str) -> Resource | None:
        """The answer for a URL path, or None for 404. basemap.json is handled by caller."""
        path = path.lstrip("/")
        if path in ("", PAGE_PATH):
            return Resource(self.page_html(), "text/html; charset=utf-8")
        if path == LISTINGS_PATH:
            return Resource(self.listings_document(), "application/json")
        match = TILE_PATH.match(path)
        if match:
            return self.tile(*(int(g) for g in match.groups()))
        found = static_file(path)
        if found is not None:
            return Resource(found.read_bytes(), mime_type(found.name))
        return None

    def tile(self, z: int, x: int, y: int) -> Resource:
        """A tile from the packs, or a transparent one so the vector basemap shows through."""
        if self.tiles:
            hit = self.tiles.get(z, x, y)
            if hit is not None:
                return Resource(*hit)
        return Resource(BLANK_PNG, "image/png")

    @staticmethod
    def basemap_document(basemap: dict[str, Any]) -> bytes:
        return json.dumps(basemap, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
