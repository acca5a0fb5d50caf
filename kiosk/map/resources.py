"""Answers for every kiosk://app/ path the page asks for. No Qt, so it is unit-testable.

The scheme handler in scheme.py is a thin adapter from Qt's request jobs to this. The
listings and the basemap may still be in the making on a worker thread when the page
asks for them (``pending``); the handler then answers once they are done, so the GUI
thread never waits for the database or the boundary data. The page itself is
``kiosk_page``: folium's document without importing folium.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from kiosk.map.assets import mime_type, static_file
from kiosk.map.listing import Counts, MapListing, listings_json
from kiosk.map.page import PAGE_PATH, PageOptions, kiosk_page
from kiosk.map.tiles import BLANK_PNG, TileSet
from kiosk.map.vector import VectorSet

log = logging.getLogger("kiosk.map")

TILE_PATH = re.compile(r"^tiles/(\d{1,2})/(\d{1,8})/(\d{1,8})(?:\.\w+)?$")
VECTOR_RANGE = re.compile(r"^vpack/(\d{1,15})-(\d{1,10})$")
LISTINGS_PATH = "listings.json"
BASEMAP_PATH = "basemap.json"
EMPTY_BASEMAP = b'{"type":"FeatureCollection","features":[]}'


@dataclass(frozen=True)
class _Loading:
    """Listings being read and encoded on a worker, and what they were started from."""

    generation: int
    replaces: bool  # read by a loader: they become the listings
    job: Future[tuple[list[MapListing], bytes]]


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
        vector: VectorSet | None = None,
    ) -> None:
        self.options = options
        self.tiles = tiles
        self.vector = vector
        self.basemap = basemap
        self._loading: _Loading | None = None
        self._generation = 0  # counts every change to what listings.json holds
        self._listings: list[MapListing] = list(listings)
        self._index: dict[str, MapListing] = {item.id: item for item in self._listings}
        self._counts: dict[str, Counts] = {}
        self._version = 0
        self._listings_cache: bytes | None = None
        self._page_cache: bytes | None = None
        self._basemap_cache: bytes | None = None

    # -- work in the background -------------------------------------------------------

    def load_in(
        self, executor: Executor, loader: Callable[[], Sequence[MapListing]] | None = None
    ) -> None:
        """Read the listings with ``loader`` (or take the current ones) and encode them
        for the page on ``executor``. Until that is done the page's request for them
        waits, and (with a loader) the listings read as empty."""
        counts, version = dict(self._counts), self._version
        current = self._listings

        def work() -> tuple[list[MapListing], bytes]:
            items = list(loader()) if loader is not None else current
            return items, listings_json(items, counts, version)

        self._loading = _Loading(self._generation, loader is not None, executor.submit(work))

    def pending(self, path: str) -> Future[Any] | None:
        """The unfinished work the answer for ``path`` waits on, or None to answer now."""
        path = path.lstrip("/")
        work: Future[Any] | None = None
        if path == LISTINGS_PATH:
            work = self._loading.job if self._loading is not None else None
        elif path == BASEMAP_PATH:
            work = self.basemap
        return work if work is not None and not work.done() else None

    def _settle(self) -> None:
        """Take what the background load made, once it is there: the listings it read
        (unless others were set since) and their encoding (unless anything changed)."""
        loading = self._loading
        if loading is None or not loading.job.done():
            return
        self._loading = None
        try:
            items, document = loading.job.result()
        except Exception:
            log.exception("map listings could not be read; the map shows none")
            items, document = [], None
        current = loading.generation == self._generation
        if loading.replaces and current:
            self._listings = items
            self._index = {item.id: item for item in items}
        self._listings_cache = document if current else None

    # -- data ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self._version

    @property
    def listings(self) -> list[MapListing]:
        self._settle()
        return self._listings

    def listing(self, listing_id: str) -> MapListing | None:
        self._settle()
        return self._index.get(listing_id)

    def has_listing(self, listing_id: str) -> bool:
        self._settle()
        return listing_id in self._index

    def set_listings(self, listings: Iterable[MapListing]) -> int:
        """Replace all listings; returns the new version the page should fetch."""
        self._loading = None  # what is set now wins over a load still running
        self._generation += 1
        self._listings = list(listings)
        self._index = {item.id: item for item in self._listings}
        self._counts.clear()
        self._version += 1
        self._listings_cache = None
        return self._version

    def update_counts(self, counts: Mapping[str, Counts]) -> dict[str, list[int | None]]:
        """Record new counts (kept across page reloads); returns the known ones for the page."""
        self._settle()
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
            self._generation += 1
            self._listings_cache = None
        return accepted

    def counts_of(self, listing_id: str) -> Counts | None:
        self._settle()
        if listing_id in self._counts:
            return self._counts[listing_id]
        item = self._index.get(listing_id)
        return None if item is None else (item.units_free, item.units_total)

    def listings_document(self) -> bytes:
        self._settle()
        if self._listings_cache is None:
            self._listings_cache = listings_json(self._listings, self._counts, self._version)
        return self._listings_cache

    def page_html(self) -> bytes:
        if self._page_cache is None:
            self._page_cache = kiosk_page(self.options).encode("utf-8")
        return self._page_cache

    def basemap_answer(self) -> bytes:
        """The basemap document; an empty one if there is none or making it failed."""
        if self._basemap_cache is None:
            if self.basemap is None:
                return EMPTY_BASEMAP
            if not self.basemap.done():
                raise RuntimeError("the basemap is still being made: wait on pending()")
            try:
                self._basemap_cache = self.basemap_document(self.basemap.result())
            except Exception:
                log.exception("vector basemap failed; the map shows no boundaries")
                self._basemap_cache = EMPTY_BASEMAP
        return self._basemap_cache

    def set_options(self, options: PageOptions) -> None:
        self.options = options
        self._page_cache = None

    # -- serving ------------------------------------------------------------------------

    def resolve(self, path: str) -> Resource | None:
        """The answer for a URL path, or None for 404; ask ``pending`` first."""
        path = path.lstrip("/")
        if path in ("", PAGE_PATH):
            return Resource(self.page_html(), "text/html; charset=utf-8")
        if path == LISTINGS_PATH:
            return Resource(self.listings_document(), "application/json")
        if path == BASEMAP_PATH:
            return Resource(self.basemap_answer(), "application/json")
        match = TILE_PATH.match(path)
        if match:
            return self.tile(*(int(g) for g in match.groups()))
        match = VECTOR_RANGE.match(path)
        if match:
            data = self.vector.read(int(match[1]), int(match[2])) if self.vector else None
            return Resource(data, "application/octet-stream") if data is not None else None
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
