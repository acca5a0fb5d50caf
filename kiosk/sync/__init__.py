"""Hub sync: read listings from the city's feeds and the sharing hub.

Sources (GBFS, Seoul Open API, sharing-hub feed) fetch over HTTP and return
validated plain records (`FetchResult`); they never touch the database. Applying
results, and scheduling fetches, belongs to the sync engine built on top.
"""

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
