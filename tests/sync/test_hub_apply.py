"""Applying fetches to storage: one transaction, retirement, quarantine, the shrink
guard, leases, and the read side (nearby listings, freshness, status). Every test runs
on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from kiosk.domain.hub import LeaseLost
from kiosk.services.hub_sync import HubSyncService
from kiosk.storage.hub_repositories import SqlHubListingRepository
from tests.sync.hub_helpers import KIOSK, hub_service, listing, result, snapshot


@pytest.fixture
def service(database_url: str, clock: Any):  # type: ignore[no-untyped-def]
    with hub_service(database_url, clock) as svc:
        yield svc


def sync(svc: HubSyncService, batch: Any, owner: str = "k1", **kw: Any) -> Any:
    claim = svc.claim(batch.source_id, owner, kind="sharehub", interval_s=60, if_due=False)
    assert claim.acquired
    now = svc.clock()
    return svc.apply(batch, owner=owner, next_attempt_at=now + timedelta(seconds=60),
                     retry_at=now + timedelta(seconds=5), **kw)


def test_snapshot_inserts_updates_retires_and_revives(service: HubSyncService, clock) -> None:
    first = sync(service, result([listing(n) for n in range(30)], fetched_at=clock(),
                                 etag='"a"'))
    assert (first.inserted, first.updated, first.retired, first.active) == (30, 0, 0, 30)
    ids = {x.external_id: x.id for x in service.listings_of("src")}
    first_seen = service.listings_of("src")[0].first_seen

    clock.advance(minutes=1)
    changed = [listing(n) for n in range(1, 30)]  # x00000 gone
    changed[0] = listing(1, units_free=9, name_ko="새 이름")
    second = sync(service, result([*changed, listing(30)], fetched_at=clock()))
    assert (second.inserted, second.updated, second.unchanged, second.retired) == (1, 1, 28, 1)
    active = {x.external_id: x for x in service.listings_of("src")}
    assert "x00000" not in active and "x00030" in active
    assert (active["x00001"].units_free, active["x00001"].name_ko) == (9, "새 이름")
    assert active["x00001"].id == ids["x00001"]  # same row: the map marker keeps its id
    assert active["x00002"].first_seen == first_seen and active["x00002"].last_seen == clock()
    retired = [x for x in service.listings_of("src", include_retired=True) if x.retired]
    assert [x.external_id for x in retired] == ["x00000"]

    clock.advance(minutes=1)
    third = sync(service, result([listing(n) for n in range(31)], fetched_at=clock()))
    assert third.updated == 2 and third.retired == 0 and third.active == 31  # revived + x00001
    back = {x.external_id: x for x in service.listings_of("src")}["x00000"]
    assert back.id == ids["x00000"] and back.first_seen == first_seen and not back.retired
    state = service.states()["src"]
    assert state.listing_count == 31 and state.last_success_at == clock()
    assert state.etag is None and state.failures == 0


def test_bulk_writes_keep_each_listings_own_facts(service: HubSyncService, clock) -> None:
    """Writes encode shared values once; every row must still get exactly its own."""
    from datetime import UTC, datetime, timezone

    kst = timezone(timedelta(hours=9))
    times = [None, datetime(2026, 11, 23, 8, 55, tzinfo=kst),
             datetime(2026, 11, 22, 23, 55, tzinfo=UTC),  # the same instant, in UTC
             datetime(2026, 11, 23, 8, 56, tzinfo=kst)]
    extras = [{}, {"fee": "무료"}, {"fee": "무료", "hours": "09:00-18:00"},
              {"hours": "09:00-18:00", "fee": "무료"}, {"fee": "1,000원"}]

    def make(n: int, shift: int = 0) -> Any:
        return listing(n, as_of=times[(n + shift) % len(times)],
                       extra=dict(extras[(n * 3 + shift) % len(extras)]),
                       bookable=(n + shift) % 3 == 0)

    def stored() -> dict[str, tuple[object, ...]]:
        return {x.external_id: (x.as_of, dict(x.extra), x.bookable, x.retired)
                for x in service.listings_of("src")}

    def expected(shift: int) -> dict[str, tuple[object, ...]]:
        return {f"x{n:05d}": (make(n, shift).as_of, make(n, shift).extra,
                              make(n, shift).bookable, False) for n in range(40)}

    sync(service, result([make(n) for n in range(40)], fetched_at=clock()))
    assert stored() == expected(0)
    assert all(x.last_seen == clock() == x.first_seen for x in service.listings_of("src"))
    clock.advance(minutes=1)  # every row changes: the update path
    report = sync(service, result([make(n, 1) for n in range(40)], fetched_at=clock()))
    assert report.updated == 40
    assert stored() == expected(1)
    assert all(x.last_seen == clock() for x in service.listings_of("src"))


def test_incremental_change_set_upserts_and_tombstones(service: HubSyncService, clock) -> None:
    sync(service, result([listing(n) for n in range(5)], fetched_at=clock(), cursor="v5"))
    delta = result([listing(5), listing(2, units_free=0)], complete=False,
                   tombstones=("x00001", "never-seen"), fetched_at=clock(), cursor="v8")
    report = sync(service, delta)
    assert (report.inserted, report.updated, report.retired) == (1, 1, 1)
    active = {x.external_id: x.units_free for x in service.listings_of("src")}
    assert active == {"x00000": 0, "x00002": 0, "x00003": 3, "x00004": 4, "x00005": 5}
    assert service.states()["src"].cursor == "v8"


def test_bad_rows_are_quarantined_and_the_rest_applies(service: HubSyncService, clock) -> None:
    bad = result([listing(n) for n in range(3)], fetched_at=clock(),
                 quarantined=(("x9", "coordinates are outside Korea"), (None, "id is missing")))
    report = sync(service, bad)
    assert report.inserted == 3 and report.quarantined == 2
    rows = service.quarantined("src")
    assert {(q.external_id, q.reason) for q in rows} == {
        ("x9", "coordinates are outside Korea"), (None, "id is missing")}
    assert service.states()["src"].quarantined_count == 2
    # An incremental fetch adds to the list; the next complete snapshot replaces it.
    sync(service, result([], complete=False, quarantined=(("x7", "units_free is negative"),),
                         fetched_at=clock()))
    assert len(service.quarantined("src")) == 3
    sync(service, result([listing(n) for n in range(3)], fetched_at=clock()))
    assert service.quarantined("src") == [] and service.states()["src"].quarantined_count == 0


def test_empty_snapshot_of_a_large_source_is_refused(service: HubSyncService, clock) -> None:
    sync(service, result([listing(n) for n in range(40)], fetched_at=clock(), etag='"v1"'))
    before = snapshot(service, "src")
    clock.advance(minutes=1)
    report = sync(service, result([], fetched_at=clock(), etag='"v2"'))  # e.g. INFO-200
    assert not report.applied and "retire 40 of 40" in (report.refused or "")
    assert snapshot(service, "src") == before
    state = service.states()["src"]
    assert state.last_error_label == "refused" and state.etag == '"v1"' and state.failures == 1
    [status] = service.status([("src", "sharehub", 60)])
    assert status.health == "refused"
    # Dropping most (not all) is refused too; a modest shrink is not.
    assert not sync(service, result([listing(n) for n in range(10)], fetched_at=clock())).applied
    assert sync(service, result([listing(n) for n in range(25)], fetched_at=clock())).applied
    # The association can accept a real shrink explicitly.
    report = sync(service, result([], fetched_at=clock()), accept_shrink=True)
    assert report.applied and report.retired == 25 and service.listings_of("src") == []


def test_no_data_never_empties_a_small_source(service: HubSyncService, clock) -> None:
    """Five stations within 500 m: one INFO-200 must not empty the map."""
    sync(service, result([listing(n) for n in range(5)], fetched_at=clock(), etag='"v1"'))
    before = snapshot(service, "src")
    clock.advance(minutes=1)
    empty = replace(result([], fetched_at=clock()),
                    note="the service answered no data (INFO-200)")
    report = sync(service, empty)
    assert not report.applied and report.retired == 0 and not report.attention
    assert "the service answered no data (INFO-200)" in (report.refused or "")
    assert "retire 5 of 5" in (report.refused or "")
    assert snapshot(service, "src") == before
    [status] = service.status([("src", "seoul_bike", 60)])
    assert status.health == "refused" and status.state.listing_count == 5
    assert status.state.next_attempt_at == clock() + timedelta(seconds=5)  # retried
    # Even one listing of one is guarded; losing a minority of a small source is not.
    assert not sync(service, result([listing(0)], fetched_at=clock())).applied
    assert sync(service, result([listing(n) for n in range(3)], fetched_at=clock())).applied
    assert not sync(service, result([listing(0)], fetched_at=clock())).applied
    report = sync(service, result([], fetched_at=clock()), accept_shrink=True)
    assert report.applied and report.retired == 3 and service.listings_of("src") == []
    assert service.status([("src", "seoul_bike", 60)])[0].health == "ok"


def test_a_rejected_row_keeps_its_last_good_version(service: HubSyncService, clock) -> None:
    """NaN coordinates for one station: the station stays where it was, its figures
    stale, the row counted as quarantined; a later good row brings it back to fresh."""
    sync(service, result([listing(n, units_free=n) for n in range(6)], fetched_at=clock()))
    good = {x.external_id: x for x in service.listings_of("src")}["x00002"]
    clock.advance(seconds=60)
    batch = result([listing(n, units_free=n) for n in range(6) if n != 2], fetched_at=clock(),
                   quarantined=(("x00002", "lat is not a number"),))
    report = sync(service, batch)
    assert report.applied and (report.retired, report.quarantined, report.held) == (0, 1, 1)
    assert report.updated == 0 and report.inserted == 0
    kept = {x.external_id: x for x in service.listings_of("src")}["x00002"]
    assert (kept.lat, kept.units_free, kept.last_seen) == (good.lat, 2, good.last_seen)
    found = {n.listing.external_id: n for n in service.nearby(*KIOSK)}
    assert found["x00002"].stale and found["x00002"].held == "lat is not a number"
    assert not found["x00003"].stale and found["x00003"].held is None
    assert service.states()["src"].quarantined_count == 1
    clock.advance(seconds=60)
    sync(service, result([listing(n, units_free=n) for n in range(6)], fetched_at=clock()))
    back = {n.listing.external_id: n for n in service.nearby(*KIOSK)}["x00002"]
    assert not back.stale and back.held is None


def test_an_unchanged_answer_changes_nothing(service: HubSyncService, clock) -> None:
    """The same 53 stations again: 0 changed, no row rewritten, only "last seen" moves."""
    rows = [listing(n, as_of=None, extra={"station_no": str(3500 + n)}) for n in range(53)]
    sync(service, result(rows, fetched_at=clock()))
    before = snapshot(service, "src")
    clock.advance(minutes=2)
    report = sync(service, result(list(rows), fetched_at=clock()))
    assert (report.inserted, report.updated, report.retired, report.unchanged) == (0, 0, 0, 53)
    assert not report.changed
    assert snapshot(service, "src") == before
    assert {x.last_seen for x in service.listings_of("src")} == {clock()}
    assert {n.as_of for n in service.nearby(*KIOSK)} == {clock()}


@pytest.mark.parametrize(
    ("rejected", "outside", "expected"),
    [
        ((("9", "PKLT_CD is missing"),) * 9, 0, "all 9 rows: PKLT_CD is missing"),
        ((), 2736, "all 2736 rows are outside the kiosk's area"),
        ((("a", "lat is not a number"), ("b", "lat is not a number"),
          ("c", "rackTotCnt is negative")), 4,
         "all 7 rows: 3 rejected (lat is not a number (2); rackTotCnt is negative (1)), "
         "4 outside"),
    ],
)
def test_nothing_usable_needs_attention_and_keeps_listings(
    service: HubSyncService, clock, rejected: tuple[tuple[str, str], ...], outside: int,
    expected: str,
) -> None:
    sync(service, result([listing(n) for n in range(4)], fetched_at=clock()))
    before = snapshot(service, "src")
    clock.advance(minutes=1)
    batch = replace(result([], fetched_at=clock(), quarantined=rejected), out_of_area=outside)
    report = sync(service, batch)
    assert report.attention and not report.applied and expected in (report.refused or "")
    assert snapshot(service, "src") == before
    [status] = service.status([("src", "seoul_parking", 60)])
    assert status.health == "attention" and expected in (status.state.last_error or "")
    assert status.state.listing_count == 4
    assert status.state.quarantined_count == len(rejected)
    # Rows arrive again: healthy, attention cleared.
    assert sync(service, result([listing(n) for n in range(4)], fetched_at=clock())).applied
    assert service.status([("src", "seoul_parking", 60)])[0].health == "ok"


def test_every_row_rejected_on_a_new_source_is_not_ok(service: HubSyncService, clock) -> None:
    report = sync(service, result([], fetched_at=clock(),
                                  quarantined=(("1", "coordinates are outside Korea"),)))
    assert report.attention
    [status] = service.status([("src", "gbfs", 60)])
    assert status.health == "attention"
    assert status.state.last_error == "no usable rows: all 1 rows: coordinates are outside Korea"


def test_failure_inside_apply_changes_nothing(
    service: HubSyncService, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(service, result([listing(n) for n in range(30)], fetched_at=clock(), etag='"v1"'))
    before, state_before = snapshot(service, "src"), service.states()["src"]

    def broken(self: Any, items: Any, now: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(SqlHubListingRepository, "update_many", broken)
    clock.advance(minutes=1)
    batch = result([listing(n, units_free=0) for n in range(1, 32)], fetched_at=clock(),
                   etag='"v2"')
    with pytest.raises(RuntimeError, match="disk full"):
        sync(service, batch)  # inserts ran before the failure, then everything rolled back
    assert snapshot(service, "src") == before
    state = service.states()["src"]
    assert state.etag == state_before.etag == '"v1"'
    assert state.last_success_at == state_before.last_success_at


def test_not_modified_keeps_listings_and_refreshes_state(service: HubSyncService, clock) -> None:
    sync(service, result([listing(n) for n in range(3)], fetched_at=clock(), etag='"e"'))
    clock.advance(minutes=5)
    report = sync(service, result([], not_modified=True, fetched_at=clock(), etag='"e"'))
    assert report.not_modified and report.active == 3
    assert all(x.last_seen == clock() for x in service.listings_of("src"))
    assert service.states()["src"].last_success_at == clock()


def test_lease_admits_one_kiosk_per_source(service: HubSyncService, clock) -> None:
    a = service.claim("src", "kiosk-a", if_due=False)
    b = service.claim("src", "kiosk-b", if_due=False)
    assert a.acquired and not b.acquired and b.reason == "busy"
    assert service.claim("other", "kiosk-b", if_due=False).acquired  # other sources are free
    # kiosk-a hangs; after the lease time kiosk-b takes over, and kiosk-a's late apply
    # is refused as a whole.
    clock.advance(seconds=service.lease_s + 1)
    assert service.claim("src", "kiosk-b", if_due=False).acquired
    with pytest.raises(LeaseLost):
        service.apply(result([listing(1)], fetched_at=clock()), owner="kiosk-a",
                      next_attempt_at=clock(), retry_at=clock())
    assert service.listings_of("src") == []
    report = service.apply(result([listing(1)], fetched_at=clock()), owner="kiosk-b",
                           next_attempt_at=clock() + timedelta(minutes=1), retry_at=clock())
    assert report.inserted == 1
    # Applying released the lease; the schedule now says "not yet" to everyone.
    assert service.claim("src", "kiosk-a").reason == "not_due"
    assert service.claim("src", "kiosk-a", if_due=False).acquired


def test_concurrent_claims_from_many_kiosks(database_url: str, clock) -> None:
    """Threads with their own connections race for one source: exactly one wins."""
    with hub_service(database_url, clock) as svc:
        svc.claim("warm", "x", if_due=False)  # create tables' first rows outside the race
        barrier = threading.Barrier(6)
        wins: list[str] = []
        errors: list[BaseException] = []

        def race(owner: str) -> None:
            try:
                barrier.wait()
                if svc.claim("src", owner, if_due=False).acquired:
                    wins.append(owner)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=race, args=(f"k{i}",)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert errors == [] and len(wins) == 1


def test_nearby_orders_by_distance_and_filters(service: HubSyncService, clock) -> None:
    rows = [listing(n, lat=KIOSK[0] + 0.001 * (10 - n)) for n in range(8)]
    sync(service, result(rows, fetched_at=clock()))
    found = service.nearby(*KIOSK)
    assert [n.listing.external_id for n in found] == [f"x{n:05d}" for n in range(7, -1, -1)]
    assert found[0].distance_m == pytest.approx(333.6, abs=1.0)
    assert [n.distance_m for n in found] == sorted(n.distance_m for n in found)
    bikes = service.nearby(*KIOSK, kinds=["bike"])
    assert {n.listing.kind for n in bikes} == {"bike"} and len(bikes) == 2
    close = service.nearby(*KIOSK, radius_m=600)
    assert all(n.distance_m <= 600 for n in close) and len(close) == 3
    assert len(service.nearby(*KIOSK, limit=2)) == 2


def test_live_figures_turn_stale_when_sync_stops(service: HubSyncService, clock) -> None:
    sync(service, result([listing(1, as_of=clock() - timedelta(seconds=30)), listing(2)],
                         fetched_at=clock(), ttl_s=60))
    fresh = {n.listing.external_id: n for n in service.nearby(*KIOSK)}
    assert not fresh["x00001"].stale and fresh["x00001"].as_of == clock() - timedelta(seconds=30)
    assert fresh["x00002"].as_of == clock()  # no source time: when the kiosk received it
    # The building goes offline: a failure is recorded, the listings stay, and after
    # three refresh periods (>= 2 minutes) their figures are marked stale.
    service.claim("src", "k1", if_due=False)
    service.record_failure("src", owner="k1", label="offline", message="cannot connect",
                           next_attempt_at=clock() + timedelta(seconds=10))
    clock.advance(seconds=200)
    later = service.nearby(*KIOSK)
    assert len(later) == 2 and all(n.stale for n in later)
    [status] = service.status([("src", "sharehub", 60)])
    assert (status.health, status.stale, status.state.failures) == ("offline", True, 1)
    assert status.state.listing_count == 2


def test_status_lists_configured_and_leftover_sources(service: HubSyncService, clock) -> None:
    sync(service, result([listing(1, source="old")], source="old", fetched_at=clock()))
    service.claim("cfg", "k1", if_due=False)
    service.record_failure("cfg", owner="k1", label="configuration", message="bad key [INFO-100]",
                           next_attempt_at=clock() + timedelta(hours=1), needs_attention=True)
    statuses = {s.state.source_id: s for s in service.status(
        [("cfg", "seoul_bike", 120), ("new", "gbfs", 30)])}
    assert statuses["cfg"].health == "attention" and statuses["cfg"].configured
    assert statuses["new"].health == "never" and statuses["new"].stale
    assert statuses["old"].configured is False and statuses["old"].state.listing_count == 1


def test_summary_for_the_status_line(service: HubSyncService, clock) -> None:
    configured = [("a", "sharehub", 60), ("b", "gbfs", 60)]
    assert service.summary(configured).online is None  # nothing tried yet
    sync(service, result([listing(1, source="a")], source="a", fetched_at=clock()))
    synced_at = clock()
    clock.advance(minutes=1)
    for sid in ("a", "b"):
        service.claim(sid, "k1", if_due=False)
        service.record_failure(sid, owner="k1", label="offline", message="cannot connect",
                               next_attempt_at=clock())
    summary = service.summary(configured)
    assert (summary.online, summary.last_success_at) == (False, synced_at)
    assert (summary.sources, summary.failing, summary.needs_attention) == (2, 2, 0)
    sync(service, result([listing(1, source="a")], source="a", fetched_at=clock()))
    summary = service.summary(configured)
    assert (summary.online, summary.last_success_at, summary.failing) == (True, clock(), 1)
