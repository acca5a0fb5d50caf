"""Hub sync: read listings from the city's feeds and the sharing hub.

Sources (GBFS, Seoul Open API, sharing-hub feed) fetch over HTTP and return
validated plain records (`FetchResult`); they never touch the database. Applying
results, and scheduling fetches, belongs to the sync engine built on top.

The names below load on first use: the kiosk reads its settings (``kiosk.sync.config``)
before its first paint, and should not pay for the HTTP client and every source then.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.sync.base import Source
    from kiosk.sync.config import SourceConfig, SourceConfigError
    from kiosk.sync.errors import (
        BadResponse,
        ConfigError,
        FetchTimeout,
        OfflineError,
        RedirectRefused,
        ResponseTooLarge,
        RetryLater,
        SyncError,
    )
    from kiosk.sync.gbfs import GbfsSource
    from kiosk.sync.geo import Area, haversine_m
    from kiosk.sync.http import Fetcher, HttpFetcher, HttpLimits, HttpResponse
    from kiosk.sync.records import FeedListing, FetchResult, ListingKind, Quarantined, Tombstone
    from kiosk.sync.registry import build_source
    from kiosk.sync.scheduler import SourceSchedule, backoff_delay, next_attempt
    from kiosk.sync.seoul_openapi import SeoulBikeSource, SeoulParkingSource
    from kiosk.sync.sharehub import SharehubSource

_HOMES = {
    "Area": "kiosk.sync.geo",
    "BadResponse": "kiosk.sync.errors",
    "ConfigError": "kiosk.sync.errors",
    "FeedListing": "kiosk.sync.records",
    "FetchResult": "kiosk.sync.records",
    "FetchTimeout": "kiosk.sync.errors",
    "Fetcher": "kiosk.sync.http",
    "GbfsSource": "kiosk.sync.gbfs",
    "HttpFetcher": "kiosk.sync.http",
    "HttpLimits": "kiosk.sync.http",
    "HttpResponse": "kiosk.sync.http",
    "ListingKind": "kiosk.sync.records",
    "OfflineError": "kiosk.sync.errors",
    "Quarantined": "kiosk.sync.records",
    "RedirectRefused": "kiosk.sync.errors",
    "ResponseTooLarge": "kiosk.sync.errors",
    "RetryLater": "kiosk.sync.errors",
    "SeoulBikeSource": "kiosk.sync.seoul_openapi",
    "SeoulParkingSource": "kiosk.sync.seoul_openapi",
    "SharehubSource": "kiosk.sync.sharehub",
    "Source": "kiosk.sync.base",
    "SourceConfig": "kiosk.sync.config",
    "SourceConfigError": "kiosk.sync.config",
    "SourceSchedule": "kiosk.sync.scheduler",
    "SyncError": "kiosk.sync.errors",
    "Tombstone": "kiosk.sync.records",
    "backoff_delay": "kiosk.sync.scheduler",
    "build_source": "kiosk.sync.registry",
    "haversine_m": "kiosk.sync.geo",
    "next_attempt": "kiosk.sync.scheduler",
}

__all__ = [
    "Area",
    "BadResponse",
    "ConfigError",
    "FeedListing",
    "FetchResult",
    "FetchTimeout",
    "Fetcher",
    "GbfsSource",
    "HttpFetcher",
    "HttpLimits",
    "HttpResponse",
    "ListingKind",
    "OfflineError",
    "Quarantined",
    "RedirectRefused",
    "ResponseTooLarge",
    "RetryLater",
    "SeoulBikeSource",
    "SeoulParkingSource",
    "SharehubSource",
    "Source",
    "SourceConfig",
    "SourceConfigError",
    "SourceSchedule",
    "SyncError",
    "Tombstone",
    "backoff_delay",
    "build_source",
    "haversine_m",
    "next_attempt",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
