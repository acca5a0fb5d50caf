"""What the screens need from hub sync: nearby listings and whether they are fresh.

The composition root passes an implementation in; the screens never talk to the
network. Both methods must return at once (they read what sync already stored).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.domain.hub import HubSummary, NearbyListing
from kiosk.map.listing import MapListing, from_nearby


@dataclass(frozen=True)
class HubStatus:
    """``online``: the last sync reached the hub; None when there is nothing to sync (no
    source configured) or nothing tried yet. ``listings_as_of``: time of that data."""

    online: bool | None
    listings_as_of: datetime | None = None


class HubListings(Protocol):
    """Hub listings near the kiosk (Ttareungyi stations, public parking…) and sync status."""

    def nearby(self) -> Sequence[MapListing]: ...

    def status(self) -> HubStatus: ...


class NoHub:
    """No hub configured or not synced yet: the village's own resources only."""

    def nearby(self) -> Sequence[MapListing]:
        return ()

    def status(self) -> HubStatus:
        return HubStatus(online=None, listings_as_of=None)


class HubReader(Protocol):
    """The part of the hub sync service the kiosk screens read (see HubSyncService)."""

    def nearby(self, lat: float, lon: float, *, radius_m: float | None = None,
               limit: int | None = None) -> Sequence[NearbyListing]: ...

    def summary(self, configured: Iterable[tuple[str, str, int]] = ()) -> HubSummary: ...


class SyncedHub(QObject):
    """Listings stored by hub sync, kept in memory so the screens never wait on a query.

    ``refresh()`` reads the database; the sync thread calls it after each applied fetch,
    and ``changed`` then reaches the GUI thread as a queued signal.
    """

    changed = Signal()

    def __init__(self, reader: HubReader, centre: tuple[float, float], radius_m: float,
                 configured: Sequence[tuple[str, str, int]], limit: int = 2000) -> None:
        super().__init__()
        self._reader = reader
        self._centre = centre
        self._radius_m = radius_m
        self._configured = tuple(configured)
        self._limit = limit
        self._lock = threading.Lock()
        self._listings: tuple[MapListing, ...] = ()
        self._status = HubStatus(online=None, listings_as_of=None)

    def refresh(self) -> None:
        found = self._reader.nearby(*self._centre, radius_m=self._radius_m, limit=self._limit)
        summary = self._reader.summary(self._configured)
        listings = tuple(from_nearby(n) for n in found)
        # Sources no longer configured say nothing about this kiosk's connection.
        online = summary.online if self._configured else None
        status = HubStatus(online=online, listings_as_of=summary.last_success_at)
        with self._lock:
            self._listings, self._status = listings, status
        self.changed.emit()

    def nearby(self) -> Sequence[MapListing]:
        with self._lock:
            return self._listings

    def status(self) -> HubStatus:
        with self._lock:
            return self._status


