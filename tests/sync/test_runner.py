"""The sync runner against real HTTP servers on 127.0.0.1 and a real database: the demo
hub end to end, offline behaviour, faults halfway through a fetch, hostile rows, the
lease between kiosks, clean stopping, and keys kept out of every message."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.domain.clock import utc_now
from kiosk.services.hub_sync import HubSyncService
from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_hub import HUB_PATH, DemoHub, HubFeedModel, seoul_error
from kiosk.sync.http import HttpFetcher
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.registry import build_source
from kiosk.sync.runner import SyncOutcome, SyncRunner, build_runner
from tests.sync.conftest import json_reply, make_config
from tests.sync.hub_helpers import KIOSK, feed_row, hub_service, snapshot

Serve = Callable[[Callable[[Request], Reply]], LoopbackServer]


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def hub_runner(
    svc: HubSyncService, url: str, fetcher: HttpFetcher, owner: str = "k1",
    on_applied: Callable[[SyncOutcome], None] | None = None, **cfg: Any,
) -> SyncRunner:
    config = make_config("sharehub", url, id="hub", center=list(KIOSK), radius_m=3000,
                         options={"page_size": 10}, **cfg)
    return SyncRunner([build_source(config, fetcher)], svc, owner=owner, clock=svc.clock,
                      on_applied=on_applied)


def test_demo_hub_end_to_end_then_offline(database_url: str) -> None:
    hub = DemoHub(hub_tick_s=0).start()
    with hub_service(database_url, utc_now) as svc:
        configs = [SourceConfig.from_mapping(c) for c in hub.source_configs()]
        applied: list[SyncOutcome] = []
        runner = build_runner(configs, svc, kiosk_id="lobby-1", on_applied=applied.append)
        runner.start()
        try:
            ids = {c.id for c in configs}
            assert wait_for(lambda: {o.source_id for o in list(applied)} >= ids)
        finally:
            assert runner.stop(timeout=15)
            hub.stop()
        assert not runner.running
        assert {o.source_id for o in applied} == ids
        near = svc.nearby(*KIOSK, radius_m=3000)
        assert {n.listing.kind for n in near} >= {"bike", "parking", "space", "item"}
        assert all(not n.stale for n in near)
        assert all(n.as_of is not None for n in near if n.listing.kind == "bike")
        statuses = {s.state.source_id: s for s in svc.status(
            [(c.id, c.kind, c.interval_s) for c in configs])}
        assert {s.health for s in statuses.values()} == {"ok"}
        assert all(s.state.listing_count > 0 for s in statuses.values())
        before = {c.id: snapshot(svc, c.id) for c in configs}
        # The hub goes away: sources that must ask fail as offline (a GBFS feed still
        # inside its ttl is not asked at all), and nothing stored changes.
        hub.stop()
        outcomes = {o.source_id: (o.outcome, o.error_label) for o in runner.run_once()}
        assert set(outcomes.values()) <= {("failed", "offline"), ("not_modified", None)}
        for sid in ("demo-hub", "demo-seoul-bikes", "demo-seoul-parking"):
            assert outcomes[sid] == ("failed", "offline")
        assert {c.id: snapshot(svc, c.id) for c in configs} == before
        assert svc.status([(c.id, c.kind, 30) for c in configs])[-1].health == "offline"


@pytest.fixture
def feed(serve: Serve) -> Any:
    """A sharing-hub feed whose responses a test can spoil."""

    class Feed:
        def __init__(self) -> None:
            self.model = HubFeedModel(ttl_s=60)
            self.spoil: Callable[[Request, Reply], Reply] | None = None
            self.gate: threading.Event | None = None
            self.entered = threading.Event()
            self.server = serve(self.handle)
            self.url = f"{self.server.base_url}{HUB_PATH}"

        def handle(self, request: Request) -> Reply:
            self.entered.set()
            if self.gate is not None:
                self.gate.wait(20)
            reply = self.model.respond(request)
            return self.spoil(request, reply) if self.spoil else reply

    f = Feed()
    f.model.upsert_many([feed_row(n) for n in range(40)])
    return f


def test_a_fetch_failing_halfway_leaves_listings_intact(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher
) -> None:
    with hub_service(database_url, clock) as svc:
        runner = hub_runner(svc, feed.url, fetcher)
        assert runner.run_once()[0].outcome == "applied"
        before, state = snapshot(svc, "hub"), svc.states()["hub"]
        feed.model.upsert(feed_row(3, units_free=0))
        for n in range(40, 60):
            feed.model.upsert(feed_row(n))
        faults: list[Callable[[Request, Reply], Reply]] = [
            lambda rq, r: Reply(200, r.body[: len(r.body) // 2], r.headers)  # truncated
            if rq.param("page") else r,
            lambda rq, r: Reply(503, b"busy", {"Retry-After": "30"}) if rq.param("page") else r,
            lambda rq, r: Reply(200, b'{"version": "1.0", "complete": true, "listings": 5}',
                                r.headers) if rq.param("page") else r,
            lambda rq, r: Reply(302, b"", {"Location": "http://192.0.2.1/hub/v1/listings"})
            if rq.param("page") else r,  # a redirect to another host
            lambda rq, r: (time.sleep(2.5), r)[1] if rq.param("page") else r,  # read timeout
        ]
        for fault in faults:
            feed.spoil = fault
            outcome = runner.run_once(full=True)[0]
            assert outcome.outcome == "failed", outcome
            assert snapshot(svc, "hub") == before
            after = svc.states()["hub"]
            assert (after.etag, after.cursor) == (state.etag, state.cursor)
        assert svc.states()["hub"].failures == len(faults)
        feed.spoil = None
        outcome = runner.run_once()[0]
        assert outcome.outcome == "applied" and outcome.report is not None
        assert (outcome.report.inserted, outcome.report.updated) == (20, 1)  # type: ignore[attr-defined]
        assert svc.states()["hub"].failures == 0


def test_hostile_rows_are_quarantined_and_the_rest_applies(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher
) -> None:
    hostile = [
        feed_row(100, lat=float("nan")),
        feed_row(101, lat=51.5, lon=-0.12),  # London
        feed_row(102, units_free=-3),
        feed_row(103, units_total=10**30),
        feed_row(104, name={"ko": "<script>alert(1)</script>\u202e\u200b공간"}),
    ]
    feed.model.upsert_many(hostile)
    with hub_service(database_url, clock) as svc:
        outcome = hub_runner(svc, feed.url, fetcher).run_once()[0]
        assert outcome.outcome == "applied"
        stored = {x.external_id: x for x in svc.listings_of("hub")}
        assert len(stored) == 41 and "hub-00104" in stored
        assert stored["hub-00104"].name_ko == "<script>alert(1)</script>공간"  # text, cleaned
        reasons = {q.external_id: q.reason for q in svc.quarantined("hub")}
        assert set(reasons) == {"hub-00100", "hub-00101", "hub-00102", "hub-00103"}
        assert "outside Korea" in reasons["hub-00101"]
        assert svc.states()["hub"].quarantined_count == 4


def test_incremental_sync_uses_cursor_and_tombstones(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher
) -> None:
    with hub_service(database_url, clock) as svc:
        runner = hub_runner(svc, feed.url, fetcher)
        runner.run_once()
        assert runner.run_once()[0].outcome == "not_modified"  # ETag → 304
        feed.model.delete("hub-00007")
        feed.model.upsert(feed_row(8, units_free=1))
        report = runner.run_once()[0].report
        assert report is not None
        assert (report.retired, report.updated, report.inserted) == (1, 1, 0)  # type: ignore[attr-defined]
        assert "hub-00007" not in {x.external_id for x in svc.listings_of("hub")}


def test_two_kiosks_do_not_sync_one_source_at_once(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher
) -> None:
    with hub_service(database_url, clock) as svc_a, hub_service(database_url, clock) as svc_b:
        kiosk_a = hub_runner(svc_a, feed.url, fetcher, owner="kiosk-a")
        kiosk_b = hub_runner(svc_b, feed.url, fetcher, owner="kiosk-b")
        feed.gate = threading.Event()
        done: list[SyncOutcome] = []
        t = threading.Thread(target=lambda: done.extend(kiosk_a.run_once()))
        t.start()
        assert feed.entered.wait(10)  # kiosk A holds the lease and is fetching
        requests_before = feed.model.requests
        second = kiosk_b.run_once()[0]
        assert second.outcome == "busy" and not second.ok
        assert feed.model.requests == requests_before  # B did not even fetch
        feed.gate.set()
        t.join(20)
        assert [o.outcome for o in done] == ["applied"]
        assert len(svc_b.listings_of("hub")) == 40
        # Once A is done, B sees the source is not due yet; forcing is allowed.
        assert kiosk_b.sync_source("hub").outcome == "not_due"
        assert kiosk_b.run_once()[0].outcome == "not_modified"


def test_runner_stops_cleanly_while_offline(database_url: str, clock: Any) -> None:
    dead = LoopbackServer(lambda r: Reply(200, b"{}", {})).start()
    url = f"{dead.base_url}{HUB_PATH}"
    dead.stop()  # nothing listens there any more
    with hub_service(database_url, clock) as svc:
        runner = hub_runner(svc, url, HttpFetcher())
        runner.start()
        assert wait_for(lambda: "hub" in runner.last_outcomes)
        assert runner.last_outcomes["hub"].error_label == "offline"
        started = time.monotonic()
        assert runner.stop(timeout=10) and time.monotonic() - started < 5
        state = svc.states()["hub"]
        assert state.failures >= 1 and state.next_attempt_at is not None
        assert state.next_attempt_at > clock()  # backoff, not a busy loop


def test_sync_now_wakes_the_runner(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher
) -> None:
    with hub_service(database_url, clock) as svc:
        seen: list[str] = []
        runner = hub_runner(svc, feed.url, fetcher, on_applied=lambda o: seen.append(o.outcome))
        runner.start()
        try:
            assert wait_for(lambda: seen == ["applied"])
            feed.model.upsert(feed_row(1, units_free=0))
            runner.sync_now("hub")  # without it the next fetch is a minute away
            assert wait_for(lambda: len(seen) == 2, timeout=10)
        finally:
            assert runner.stop()


def test_keys_never_reach_messages_state_or_logs(
    database_url: str, clock: Any, serve: Serve, fetcher: HttpFetcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = "S3cretKey0123"
    replies = iter([
        json_reply(seoul_error("INFO-100", f"인증키({key})가 유효하지 않습니다.")),
        json_reply(seoul_error("ERROR-500", f"서버 오류 key={key}")),
    ])
    server = serve(lambda request: next(replies))
    config = make_config("seoul_bike", f"{server.base_url}", key=key)
    with hub_service(database_url, clock) as svc:
        runner = SyncRunner([build_source(config, fetcher)], svc, owner="k1")
        with caplog.at_level(logging.INFO, logger="kiosk.sync"):
            bad_key = runner.run_once()[0]
            retry = runner.run_once()[0]
        assert bad_key.config_error and bad_key.error_label == "configuration"
        assert retry.error_label == "retry later" and not retry.config_error
        text = json.dumps([bad_key.message, retry.message, caplog.text,
                           [s.state.last_error for s in svc.status()]], ensure_ascii=False)
        assert key not in text and "INFO-100" in text and "***" in text


@pytest.mark.logs_errors('unexpected failure while fetching')
def test_a_defect_in_a_source_is_recorded_not_raised(
    database_url: str, clock: Any, feed: Any, fetcher: HttpFetcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with hub_service(database_url, clock) as svc:
        runner = hub_runner(svc, feed.url, fetcher)
        runner.run_once()
        before = snapshot(svc, "hub")

        def broken(**_kwargs: Any) -> Any:
            raise ZeroDivisionError("division by zero")

        monkeypatch.setattr(runner._sources["hub"], "fetch", broken)
        outcome = runner.run_once()[0]
        assert (outcome.outcome, outcome.error_label) == ("failed", "unexpected")
        assert snapshot(svc, "hub") == before
        [status] = svc.status([("hub", "sharehub", 60)])
        assert status.health == "error" and "ZeroDivisionError" in (status.state.last_error or "")
        assert svc.claim("hub", "other", if_due=False).acquired  # the lease was given back


def dripping(serve: Serve) -> tuple[LoopbackServer, list[str]]:
    """A GBFS host whose every file drips one byte at a time, forever (until stopped)."""
    seen: list[str] = []

    def drip(request: Request) -> Reply:
        seen.append(request.path)

        def body() -> Any:
            yield b'{"last_updated": 1, "ttl": 0, "data": {"feeds": ['
            while not request.stopping.wait(0.02):
                yield b" "

        return Reply(200, body())

    return serve(drip), seen


def test_one_dripping_source_delays_only_itself(
    database_url: str, clock: Any, feed: Any, serve: Serve, fetcher: HttpFetcher
) -> None:
    """Two dripping GBFS systems and one good hub feed, on the background runner: the
    good feed is applied while both slow ones are still being read."""
    slow, seen = dripping(serve)
    with hub_service(database_url, clock) as svc:
        sources = [build_source(make_config("gbfs", f"{slow.base_url}/{name}/gbfs.json",
                                            id=name), fetcher) for name in ("slow-a", "slow-b")]
        sources.append(build_source(make_config("sharehub", feed.url, id="hub"), fetcher))
        in_flight: list[set[str]] = []

        def applied(outcome: SyncOutcome) -> None:
            in_flight.append({sid for sid in ("slow-a", "slow-b")
                              if sid not in runner.last_outcomes})

        runner = SyncRunner(sources, svc, owner="k1", clock=clock, on_applied=applied,
                            deadline_s=60)
        runner.start()
        try:
            assert wait_for(lambda: bool(in_flight))
            assert in_flight[0] == {"slow-a", "slow-b"}  # neither slow source had finished
            assert len(svc.listings_of("hub")) == 40
            assert wait_for(lambda: len(seen) == 2)  # both slow ones are being read
            assert "slow-a" not in runner.last_outcomes
        finally:
            slow.stop()  # the dripping bodies end (as invalid JSON): the workers finish
            assert runner.stop(timeout=15)
        assert runner.last_outcomes["slow-a"].outcome == "failed"


def test_a_sync_has_one_total_deadline(
    database_url: str, clock: Any, serve: Serve, fetcher: HttpFetcher
) -> None:
    """Each request's own limit is 10 s here; the whole sync still ends at 0.5 s."""
    slow, _seen = dripping(serve)
    with hub_service(database_url, clock) as svc:
        sources = [build_source(make_config("gbfs", f"{slow.base_url}/{name}/gbfs.json",
                                            id=name), fetcher) for name in ("slow-a", "slow-b")]
        runner = SyncRunner(sources, svc, owner="k1", clock=clock, deadline_s=0.5)
        started = time.monotonic()
        outcomes = runner.run_once()
        elapsed = time.monotonic() - started
        assert [(o.outcome, o.error_label) for o in outcomes] == [("failed", "timeout")] * 2
        assert elapsed < 5.0  # neither the 10 s request limit nor their sum
        assert {s.health for s in svc.status([("slow-a", "gbfs", 60), ("slow-b", "gbfs", 60)])} \
            == {"offline"}
