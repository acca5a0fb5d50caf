"""Builders for hub sync tests: feed records, fetch results, a migrated service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from kiosk.services.hub_sync import HubSyncService
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine, session_factories
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory
from kiosk.sync.records import FeedListing, FetchResult, Quarantined, Tombstone

KIOSK = (37.6063, 127.0256)
KINDS = ("bike", "parking", "space", "item")


def feed_row(n: int, **over: Any) -> dict[str, object]:
    """A sharing-hub feed row near the kiosk (about 11 m apart per step north)."""
    row: dict[str, object] = {
        "id": f"hub-{n:05d}",
        "kind": ("space", "item")[n % 2],
        "name": {"ko": f"나눔 공간 {n}호", "en": f"Sharing space {n}"},
        "lat": KIOSK[0] + 0.0001 * (n % 50),
        "lon": KIOSK[1] + 0.0001 * (n // 50),
        "units_total": 4,
        "units_free": n % 5,
        "as_of": "2026-11-23T08:55:00+09:00",
    }
    row.update(over)
    return row


def listing(n: int, source: str = "src", **over: Any) -> FeedListing:
    base = FeedListing(
        source_id=source,
        external_id=f"x{n:05d}",
        kind=KINDS[n % 4],  # type: ignore[arg-type]
        name_ko=f"이름 {n}",
        name_en=f"Name {n}",
        description_ko="",
        description_en="",
        lat=KIOSK[0] + 0.0001 * n,
        lon=KIOSK[1],
        address="서울특별시 성북구",
        units_total=10,
        units_free=n % 10,
        as_of=None,
        extra={"fee": "무료"},
    )
    return replace(base, **over)


def result(
    listings: list[FeedListing],
    *,
    source: str = "src",
    complete: bool = True,
    tombstones: tuple[str, ...] = (),
    quarantined: tuple[tuple[str | None, str], ...] = (),
    not_modified: bool = False,
    fetched_at: datetime,
    etag: str | None = None,
    cursor: str | None = None,
    ttl_s: int | None = None,
) -> FetchResult:
    return FetchResult(
        listings=tuple(listings),
        quarantined=tuple(Quarantined(source, e, r, "{...}") for e, r in quarantined),
        tombstones=tuple(Tombstone(source, t) for t in tombstones),
        complete=complete,
        not_modified=not_modified,
        etag=etag,
        cursor=cursor,
        ttl_s=ttl_s,
        fetched_at=fetched_at,
        source_id=source,
    )


@contextmanager
def hub_service(database_url: str, clock: Any, **options: Any) -> Iterator[HubSyncService]:
    engine = create_db_engine(database_url)
    try:
        migrate.upgrade(engine)
        reader, writer = session_factories(engine)
        yield HubSyncService(uow=SqlUnitOfWorkFactory(reader, writer), clock=clock, **options)
    finally:
        engine.dispose()


def snapshot(service: HubSyncService, source: str) -> list[tuple[object, ...]]:
    """Every stored fact of a source's listings (retired ones too), for before/after checks."""
    return [
        (x.id, x.external_id, x.kind, x.name_ko, x.lat, x.lon, x.units_free, x.units_total,
         x.as_of, x.status, dict(x.extra), x.first_seen, x.retired)
        for x in service.listings_of(source, include_retired=True)
    ]
