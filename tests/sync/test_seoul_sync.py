"""Seoul Open API sources synced end to end (loopback city server, real database): the
live services' habits (per-window counts, INFO-200 during their own troubles, repeated
unchanged answers, renamed fields) must never empty the map or report a false `ok`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.services.hub_sync import HubSyncService
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.registry import build_source
from kiosk.sync.runner import SyncRunner
from tests.sync.conftest import fixture_json, json_reply, make_config
from tests.sync.hub_helpers import KIOSK, hub_service, snapshot
from tests.sync.test_seoul import KEY, SeoulServer, gangnam_rows, paged, wrapped

Serve = Callable[[Callable[[Request], Reply]], LoopbackServer]
NO_DATA = {"RESULT": {"CODE": "INFO-200", "MESSAGE": "해당하는 데이터가 없습니다."}}


@pytest.fixture
def city(serve: Serve) -> SeoulServer:
    return SeoulServer(serve)


@pytest.fixture
def service(database_url: str, clock: Any):  # type: ignore[no-untyped-def]
    with hub_service(database_url, clock) as svc:
        yield svc


def runner(svc: HubSyncService, city: SeoulServer, fetcher: Any, kind: str,
           **cfg: Any) -> SyncRunner:
    cfg.setdefault("key", KEY)
    cfg.setdefault("center", list(KIOSK))
    cfg.setdefault("radius_m", 3000)
    source = build_source(make_config(kind, city.base, **cfg), fetcher)
    return SyncRunner([source], svc, owner="k1", clock=svc.clock, jitter=lambda: 0.5)


def five_stations() -> dict[str, Any]:
    doc = fixture_json("seoul/bikeList.json")
    rows = doc["rentBikeStatus"]["row"]
    rows[4] = {**rows[0], "stationId": "ST-3510", "stationName": "3510. 길음동 주민센터",
               "stationLatitude": "37.60612183", "stationLongitude": "127.02468109"}
    return doc


def test_a_kiosk_in_gangnam_gets_its_stations(
    service: HubSyncService, city: SeoulServer, fetcher: Any
) -> None:
    city.services["bikeList"] = paged(gangnam_rows(2736))
    run = runner(service, city, fetcher, "seoul_bike", center=[37.4979, 127.0276], radius_m=500)
    [outcome] = run.run_once()
    assert outcome.outcome == "applied"
    near = service.nearby(37.4979, 127.0276, radius_m=500)
    assert len(near) > 100 and all("강남역" in n.listing.name_ko for n in near)
    [status] = service.status([("test-seoul-bike", "seoul_bike", 60)])
    assert status.health == "ok" and status.state.listing_count == len(near)


def test_no_data_keeps_five_stations_and_says_so(
    service: HubSyncService, city: SeoulServer, fetcher: Any, clock: Any
) -> None:
    doc = five_stations()
    city.services["bikeList"] = lambda _s, _e: json_reply(doc)
    run = runner(service, city, fetcher, "seoul_bike", radius_m=2000)
    assert run.run_once()[0].outcome == "applied"
    before = snapshot(service, "test-seoul-bike")
    assert len(service.nearby(*KIOSK, radius_m=2000)) == 5
    for answer in (NO_DATA, wrapped("rentBikeStatus", "INFO-200", "해당하는 데이터가 없습니다.")):
        city.services["bikeList"] = lambda _s, _e, a=answer: json_reply(a)  # type: ignore[misc]
        clock.advance(minutes=2)
        [outcome] = run.run_once()
        assert outcome.outcome == "refused"
        assert "the service answered no data (bikeList: INFO-200)" in outcome.message
        assert "retire 5 of 5" in outcome.message and "--accept-shrink" in outcome.message
        assert snapshot(service, "test-seoul-bike") == before
        [status] = service.status([("test-seoul-bike", "seoul_bike", 60)])
        assert status.health == "refused" and status.state.listing_count == 5
        assert outcome.next_at is not None and outcome.next_at > clock()
    assert len(service.nearby(*KIOSK, radius_m=2000)) == 5
    [accepted] = run.run_once(accept_shrink=True)
    assert accepted.outcome == "applied" and service.nearby(*KIOSK, radius_m=2000) == []


def test_an_unchanged_answer_reports_nothing_changed(
    service: HubSyncService, city: SeoulServer, fetcher: Any, clock: Any
) -> None:
    """bikeList has no time stamp: the same answer twice is no change at all."""
    doc = five_stations()
    city.services["bikeList"] = lambda _s, _e: json_reply(doc)
    run = runner(service, city, fetcher, "seoul_bike")
    first = run.run_once()[0].report
    assert first is not None and getattr(first, "inserted", 0) == 5
    before = snapshot(service, "test-seoul-bike")
    clock.advance(minutes=2)
    [again] = run.run_once()
    report = again.report
    assert again.outcome == "applied" and report is not None and not report.changed
    assert (getattr(report, "inserted", -1), getattr(report, "updated", -1),
            getattr(report, "unchanged", -1)) == (0, 0, 5)
    assert snapshot(service, "test-seoul-bike") == before
    assert {n.as_of for n in service.nearby(*KIOSK)} == {clock()}  # when last received
    # One station's count moves: exactly one row changes.
    changed = copy.deepcopy(doc)
    changed["rentBikeStatus"]["row"][0]["parkingBikeTotCnt"] = "3"
    city.services["bikeList"] = lambda _s, _e: json_reply(changed)
    clock.advance(minutes=2)
    report = run.run_once()[0].report
    assert report is not None and getattr(report, "updated", -1) == 1


def test_parking_rows_with_a_renamed_field_need_attention(
    service: HubSyncService, city: SeoulServer, fetcher: Any, clock: Any
) -> None:
    good = fixture_json("seoul/GetParkInfo.json")
    city.services["GetParkInfo"] = lambda _s, _e: json_reply(good)
    city.services["GetParkingInfo"] = lambda _s, _e: json_reply(NO_DATA)
    run = runner(service, city, fetcher, "seoul_parking", options={"static_interval_s": 0})
    assert run.run_once()[0].outcome == "applied"
    before = snapshot(service, "test-seoul-parking")
    assert before
    # The lot list comes back with its code field renamed, nine rows of it.
    first = good["GetParkInfo"]["row"][0]
    rows = [{("PKLT_CODE_NO" if k == "PKLT_CD" else k): v for k, v in first.items()}
            for _ in range(9)]
    renamed = {"GetParkInfo": {"list_total_count": 9,
                               "RESULT": {"CODE": "INFO-000", "MESSAGE": "정상 처리되었습니다"},
                               "row": rows}}
    city.services["GetParkInfo"] = lambda _s, _e: json_reply(renamed)
    clock.advance(minutes=2)
    [outcome] = run.run_once()
    assert outcome.outcome == "failed" and outcome.error_label == "no usable rows"
    assert "all 9 rows: GetParkInfo: PKLT_CD is missing" in outcome.message
    assert snapshot(service, "test-seoul-parking") == before
    [status] = service.status([("test-seoul-parking", "seoul_parking", 60)])
    assert status.health == "attention" and status.state.quarantined_count == 9
    assert "all 9 rows: GetParkInfo: PKLT_CD is missing" in (status.state.last_error or "")


def test_rejected_station_rows_keep_their_last_good_state(
    service: HubSyncService, city: SeoulServer, fetcher: Any, clock: Any
) -> None:
    doc = five_stations()
    city.services["bikeList"] = lambda _s, _e: json_reply(doc)
    run = runner(service, city, fetcher, "seoul_bike")
    run.run_once()
    good = {n.listing.external_id: n.listing for n in service.nearby(*KIOSK)}
    bad = copy.deepcopy(doc)
    rows = bad["rentBikeStatus"]["row"]
    rows[0]["stationLatitude"] = "NaN"  # ST-3501
    rows[1]["stationLatitude"], rows[1]["stationLongitude"] = (  # ST-3503, swapped
        rows[1]["stationLongitude"], rows[1]["stationLatitude"])
    rows[2]["parkingBikeTotCnt"] = "점검중"  # ST-3504: text where a count goes
    city.services["bikeList"] = lambda _s, _e: json_reply(bad)
    clock.advance(minutes=2)
    [outcome] = run.run_once()
    report = outcome.report
    assert outcome.outcome == "applied" and report is not None
    assert (getattr(report, "retired", -1), getattr(report, "quarantined", -1),
            getattr(report, "held", -1)) == (0, 3, 3)
    found = {n.listing.external_id: n for n in service.nearby(*KIOSK)}
    assert set(found) == set(good)
    held = {sid: found[sid].held for sid in ("ST-3501", "ST-3503", "ST-3504")}
    assert held == {"ST-3501": "lat is not a number",
                    "ST-3503": "coordinates are outside Korea",
                    "ST-3504": "parkingBikeTotCnt is not a whole number"}
    for sid in held:
        assert found[sid].stale and found[sid].listing == good[sid]  # the last good version
    assert not found["ST-3509"].stale and found["ST-3509"].held is None
    [status] = service.status([("test-seoul-bike", "seoul_bike", 60)])
    assert status.health == "ok" and status.state.quarantined_count == 3
