"""Build the right source for a configuration: the single place that maps a
configured `kind` onto an adapter class."""

from __future__ import annotations

import time
from collections.abc import Mapping

from kiosk.domain.clock import utc_now
from kiosk.sync.base import Clock, Monotonic, Source, SourceBase
from kiosk.sync.config import SourceConfig
from kiosk.sync.gbfs import GbfsSource
from kiosk.sync.http import Fetcher
from kiosk.sync.seoul_openapi import SeoulBikeSource, SeoulParkingSource
from kiosk.sync.sharehub import SharehubSource

SOURCE_CLASSES: Mapping[str, type[SourceBase]] = {
    "gbfs": GbfsSource,
    "seoul_bike": SeoulBikeSource,
    "seoul_parking": SeoulParkingSource,
    "sharehub": SharehubSource,
}


def build_source(
    config: SourceConfig | Mapping[str, object],
    fetcher: Fetcher | None = None,
    *,
    clock: Clock = utc_now,
    monotonic: Monotonic = time.monotonic,
) -> Source:
    """An adapter for `config` (a SourceConfig or a settings-file table).

    Raises SourceConfigError for invalid settings. Without a fetcher the adapter
    uses an HttpFetcher with default limits.
    """
    cfg = config if isinstance(config, SourceConfig) else SourceConfig.from_mapping(config)
    cls = SOURCE_CLASSES[cfg.kind]
    return cls(cfg, fetcher, clock=clock, monotonic=monotonic)
