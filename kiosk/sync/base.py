"""The source interface shared by the GBFS, Seoul Open API and sharing-hub adapters."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import ClassVar, Protocol

from kiosk.domain.clock import utc_now
from kiosk.sync.config import SourceConfig
from kiosk.sync.errors import SyncError, redact
from kiosk.sync.http import Fetcher, HttpFetcher, HttpResponse
from kiosk.sync.records import FetchResult
from kiosk.sync.validate import ResultBuilder, load_json

Clock = Callable[[], datetime]
Monotonic = Callable[[], float]


class Source(Protocol):
    """A hub source: fetch once, return validated records, never touch the database.

    `etag`, `last_modified` and `cursor` are what the previous FetchResult returned
    (the engine stores them); sources that keep their own state ignore them.
    Failures raise a `kiosk.sync.errors.SyncError` subclass.
    """

    @property
    def config(self) -> SourceConfig: ...

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult: ...


class SourceBase:
    """Shared plumbing: fetcher, clocks, redaction and JSON loading."""

    source_kind: ClassVar[str] = ""

    def __init__(
        self,
        config: SourceConfig | Mapping[str, object],
        fetcher: Fetcher | None = None,
        *,
        clock: Clock = utc_now,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        if not isinstance(config, SourceConfig):
            config = SourceConfig.from_mapping(config)
        if self.source_kind and config.kind != self.source_kind:
            raise ValueError(f"{type(self).__name__} needs kind {self.source_kind!r}")
        self._config = config
        self._fetcher: Fetcher = fetcher or HttpFetcher()
        self._clock = clock
        self._monotonic = monotonic

    @property
    def config(self) -> SourceConfig:
        return self._config

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult:
        """Fetch once; see `Source.fetch`."""
        raise NotImplementedError

    def _redact(self, text: str) -> str:
        return redact(text, self._config.secrets)

    def _get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> HttpResponse:
        try:
            return self._fetcher.get(
                url,
                headers=headers,
                etag=etag,
                last_modified=last_modified,
                secrets=self._config.secrets,
            )
        except SyncError as exc:
            exc.source_id = self._config.id
            raise

    def _json(self, response: HttpResponse, what: str) -> dict[str, object]:
        try:
            return load_json(response.body, url=self._redact(response.url), what=what)
        except SyncError as exc:
            exc.source_id = self._config.id
            raise

    def _builder(self, *, complete: bool) -> ResultBuilder:
        return ResultBuilder(self._config.id, self._config.area, complete=complete)
