"""Benchmark of hub-feed sync: 100,000 listings served on 127.0.0.1.

Measures, for the sharing-hub client (`kiosk.sync.sharehub.SharehubSource`):

* a full snapshot fetched over loopback (wall time, pages);
* parse + validate alone (the recorded pages replayed without a network), with the
  peak of traced Python memory;
* an unchanged fetch (If-None-Match → 304);
* an incremental fetch after 1% of the listings changed (plus a few deletions).

and for the apply path (`kiosk.services.hub_sync.HubSyncService`, one transaction per
fetch) into fresh SQLite files, as a single kiosk keeps them:

* applying the initial snapshot, the 304, and the 1% change set (time; then, on a
  second database, the peak traced Python memory of the apply alone);
* re-applying an unchanged complete snapshot (what GBFS and Seoul sources send);
* end to end through `SyncRunner.run_once` (fetch + apply): initial, 304, 1% changes.

The server runs in a child process so its JSON encoding does not share the client's
interpreter lock.

    .venv/bin/python bench/sync_bench.py [--count 100000] [--page-size 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.domain.clock import utc_now
from kiosk.services.hub_sync import HubSyncService
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine, session_factories
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory
from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_hub import HUB_PATH, HubFeedModel
from kiosk.sync.http import HttpFetcher, HttpResponse
from kiosk.sync.loopback import LoopbackServer
from kiosk.sync.records import FetchResult
from kiosk.sync.runner import SyncRunner
from kiosk.sync.sharehub import SharehubSource

CENTER = (37.6063, 127.0256)
KINDS = ("space", "item", "other", "parking")


def listing(n: int, version: int = 0) -> dict[str, object]:
    """A plausible hub listing, spread over about 4 x 4 km around the kiosk."""
    return {
        "id": f"hub-{n:06d}",
        "kind": KINDS[n % len(KINDS)],
        "category": "tool" if n % 4 == 1 else "community_room",
        "name": {"ko": f"나눔 공간 {n}호", "en": f"Sharing space no. {n}"},
        "description": {
            "ko": "이웃과 함께 쓰는 공간입니다. 예약 후 이용하세요.",
            "en": "A space shared with neighbours. Please book first.",
        },
        "lat": CENTER[0] - 0.018 + (n % 317) * 0.000113,
        "lon": CENTER[1] - 0.022 + (n // 317) * 0.000139,
        "address": f"서울특별시 성북구 길음동 {1000 + n % 900}",
        "units_total": 1 + n % 5,
        "units_free": (n + version) % (1 + n % 5),
        "as_of": f"2025-05-17T09:{version:02d}:00+09:00",
        "bookable": n % 3 == 0,
        "provider": "성북구청",
        "hours": "09:00-21:00",
        "fee": "무료",
    }


def _serve(count: int, conn: Connection) -> None:
    """Child process: hold the feed, serve it, obey simple commands."""
    model = HubFeedModel(max_page_size=5000)
    for n in range(count):
        model.upsert(listing(n))
    with LoopbackServer(model.respond) as server:
        conn.send(server.port)
        rounds = 0
        while True:
            command, arg = conn.recv()
            if command == "stop":
                break
            if command == "change":  # arg: percent of listings to change
                rounds += 1
                step = max(1, 100 // arg)
                for n in range(0, count, step):
                    model.upsert(listing(n, version=rounds))
                for n in range(1, 51):
                    model.delete(f"hub-{(n * 7919 + rounds) % count:06d}")
                conn.send(model.version)


class Recorder:
    """A fetcher that keeps every response, for replaying without the network."""

    def __init__(self, inner: HttpFetcher) -> None:
        self.inner = inner
        self.responses: list[HttpResponse] = []

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        secrets: Sequence[str] = (),
    ) -> HttpResponse:
        resp = self.inner.get(
            url, headers=headers, etag=etag, last_modified=last_modified, secrets=secrets
        )
        self.responses.append(resp)
        return resp


class Replayer:
    """Answers with recorded responses in order."""

    def __init__(self, responses: list[HttpResponse]) -> None:
        self._responses = iter(responses)

    def get(self, url: str, **_kwargs: Any) -> HttpResponse:
        return next(self._responses)


def _cfg_table(port: int, page_size: int) -> dict[str, object]:
    return {
        "id": "bench-hub",
        "kind": "sharehub",
        "url": f"http://127.0.0.1:{port}{HUB_PATH}",
        "center": list(CENTER),
        "radius_m": 5000,
        "options": {"page_size": page_size, "max_pages": 10_000},
    }


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _service(url: str) -> tuple[Engine, HubSyncService]:
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    reader, writer = session_factories(engine)
    return engine, HubSyncService(uow=SqlUnitOfWorkFactory(reader, writer), clock=utc_now)


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - t0


def _peak_mb(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Peak traced Python memory of one call (tracing slows it: time it separately)."""
    tracemalloc.start()
    value = fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return value, peak / 2**20


def _apply(service: HubSyncService, result: FetchResult) -> Any:
    claim = service.claim(result.source_id, "bench", kind="sharehub", if_due=False)
    assert claim.acquired
    now = utc_now()
    return service.apply(result, owner="bench", next_attempt_at=now + timedelta(minutes=1),
                         retry_at=now + timedelta(seconds=5))


def measure_apply(
    urls: tuple[str, str], full: FetchResult, same: FetchResult, delta: FetchResult,
    figures: dict[str, float | int],
) -> None:
    """Times on one database, then peak memory of the same steps on a second one."""
    for pass_no, url in enumerate(urls):
        measure: Callable[..., tuple[Any, float]] = (
            _timed if pass_no == 0 else _peak_mb
        )
        unit = "s" if pass_no == 0 else "peak_mb"
        engine, service = _service(url)
        try:
            report, value = measure(_apply, service, full)
            assert report.inserted == len(full.listings), report
            figures[f"apply_initial_{unit}"] = value
            report, value = measure(_apply, service, same)
            assert report.not_modified
            figures[f"apply_not_modified_{unit}"] = value
            report, value = measure(_apply, service, full)
            assert report.unchanged == len(full.listings), report
            figures[f"apply_unchanged_snapshot_{unit}"] = value
            report, value = measure(_apply, service, delta)
            assert report.updated + report.inserted == len(delta.listings), report
            figures[f"apply_incremental_{unit}"] = value
            figures["apply_incremental_updated"] = report.updated
            figures["apply_incremental_retired"] = report.retired
        finally:
            engine.dispose()


def measure_runner(
    url: str, cfg: SourceConfig, parent: Connection, figures: dict[str, float | int]
) -> None:
    engine, service = _service(url)
    try:
        runner = SyncRunner([SharehubSource(cfg, HttpFetcher())], service, owner="bench")
        for name in ("initial", "not_modified"):
            t0 = time.perf_counter()
            [outcome] = runner.run_once()
            figures[f"e2e_{name}_s"] = time.perf_counter() - t0
            assert outcome.outcome == ("applied" if name == "initial" else "not_modified")
        parent.send(("change", 1))
        parent.recv()
        t0 = time.perf_counter()
        [outcome] = runner.run_once()
        figures["e2e_incremental_s"] = time.perf_counter() - t0
        assert outcome.outcome == "applied", outcome
    finally:
        engine.dispose()


def run(count: int, page_size: int) -> dict[str, float | int]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(count, child), daemon=True)
    t0 = time.perf_counter()
    server.start()
    port = parent.recv()
    figures: dict[str, float | int] = {"listings": count, "page_size": page_size}
    figures["server_ready_s"] = time.perf_counter() - t0
    try:
        cfg = SourceConfig.from_mapping(_cfg_table(port, page_size))
        rss_before = _max_rss_mb()
        t0 = time.perf_counter()
        full = SharehubSource(cfg, HttpFetcher()).fetch()
        figures["full_fetch_s"] = time.perf_counter() - t0
        figures["full_fetch_max_rss_mb"] = _max_rss_mb()
        figures["max_rss_before_fetch_mb"] = rss_before
        figures["full_pages"] = full.pages
        figures["full_listings_kept"] = len(full.listings)
        figures["full_quarantined"] = len(full.quarantined)

        recorder = Recorder(HttpFetcher())
        SharehubSource(cfg, recorder).fetch()
        figures["bytes_on_wire"] = sum(len(r.body) for r in recorder.responses)

        t0 = time.perf_counter()
        SharehubSource(cfg, Replayer(recorder.responses)).fetch()
        figures["parse_validate_s"] = time.perf_counter() - t0
        figures["parse_validate_per_listing_us"] = figures["parse_validate_s"] / count * 1e6

        tracemalloc.start()
        replayed = SharehubSource(cfg, Replayer(recorder.responses)).fetch()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["parse_validate_peak_mb"] = peak / 2**20
        figures["result_listings"] = len(replayed.listings)
        del replayed
        recorder.responses.clear()

        src = SharehubSource(cfg, HttpFetcher())
        t0 = time.perf_counter()
        same = src.fetch(etag=full.etag, cursor=full.cursor)
        figures["not_modified_fetch_ms"] = (time.perf_counter() - t0) * 1000
        assert same.not_modified, "expected a 304"

        parent.send(("change", 1))
        parent.recv()
        t0 = time.perf_counter()
        delta = src.fetch(etag=full.etag, cursor=full.cursor)
        figures["incremental_fetch_ms"] = (time.perf_counter() - t0) * 1000
        figures["incremental_listings"] = len(delta.listings)
        figures["incremental_tombstones"] = len(delta.tombstones)
        figures["incremental_pages"] = delta.pages

        with tempfile.TemporaryDirectory() as tmp:
            a, b, c = (f"sqlite:///{Path(tmp) / name}" for name in ("a.db", "b.db", "c.db"))
            measure_apply((a, b), full, same, delta, figures)
            del full, same, delta
            measure_runner(c, cfg, parent, figures)
    finally:
        parent.send(("stop", 0))
        server.join(timeout=30)
        if server.is_alive():
            server.terminate()
            server.join()
        parent.close()
        child.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.count, args.page_size)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        print(f"{key:<{width}}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
