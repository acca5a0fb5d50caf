"""What the screens need from hub sync: nearby listings and whether they are fresh.

The composition root passes an implementation in; the screens never talk to the
network. Both methods must return at once (they read what sync already stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.map.listing import MapListing


@dataclass(frozen=True)
class HubStatus:
    """``online``: the last sync reached the hub; ``listings_as_of``: time of that data."""

    online: bool
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
        return HubStatus(online=False, listings_as_of=None)
