"""Benchmark of hub-feed sync: 100,000 listings served on 127.0.0.1.

Measures, for the sharing-hub client (`kiosk.sync.sharehub.SharehubSource`):

* a full snapshot fetched over loopback (wall time, pages);
* parse + validate alone (the recorded pages replayed without a network), with the
  peak of traced Python memory;
* an unchanged fetch (If-None-Match → 304);
* an incremental fetch after 1% of the listings changed (plus a few deletions).

The server runs in a child process so its JSON encoding does not share the client's
interpreter lock. Applying results to the database is not measured yet.

    .venv/bin/python bench/sync_bench.py [--count 100000] [--page-size 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
import tracemalloc
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_hub import HUB_PATH, HubFeedModel
from kiosk.sync.http import HttpFetcher, HttpResponse
from kiosk.sync.loopback import LoopbackServer
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
        "as_of": "2025-05-17T09:00:00+09:00",
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
        while True:
            command, arg = conn.recv()
            if command == "stop":
                break
            if command == "change":  # arg: percent of listings to change
                step = max(1, 100 // arg)
                for n in range(0, count, step):
                    model.upsert(listing(n, version=1))
                for n in range(1, 51):
                    model.delete(f"hub-{(n * 7919) % count:06d}")
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


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


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
        cfg = SourceConfig.from_mapping(
            {
                "id": "bench-hub",
                "kind": "sharehub",
                "url": f"http://127.0.0.1:{port}{HUB_PATH}",
                "center": list(CENTER),
                "radius_m": 5000,
                "options": {"page_size": page_size, "max_pages": 10_000},
            }
        )
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
