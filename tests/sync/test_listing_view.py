"""What `kiosk listings list` shows of synced listings: the service's name, the station
number, real counts above the rack count, same-name stations told apart, parking fees,
hours and phone, GBFS docks and electric vehicles, and times in Seoul time."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.sync.gbfs import GbfsSource
from kiosk.sync.listing_view import local_time_text
from kiosk.sync.registry import build_source
from kiosk.sync.runner import SyncRunner
from tests.sync.conftest import fixture_json, json_reply, make_config
from tests.sync.hub_helpers import KIOSK, hub_service, listing, result
from tests.sync.test_seoul import KEY, SeoulServer
from tests.sync.test_sync_cli import write_config


def market_rows() -> dict[str, Any]:
    """The bikeList fixture plus two more "길음시장 입구" stations within 130 m."""
    doc = copy.deepcopy(fixture_json("seoul/bikeList.json"))
    rows = doc["rentBikeStatus"]["row"]
    base = next(r for r in rows if r["stationId"] == "ST-3504")
    rows.append({**base, "stationId": "ST-3505", "stationName": "3505. 길음시장 입구",
                 "stationLatitude": "37.60630000", "stationLongitude": "127.02400000"})
    rows.append({**base, "stationId": "ST-3506", "stationName": "3506.길음시장 입구",
                 "stationLatitude": "37.60480000", "stationLongitude": "127.02410000"})
    return doc


def listings_json(tmp_path: Path, database_url: str, clock: Any,
                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                  *extra: str) -> tuple[int, str]:
    for name, value in clock.environ().items():
        monkeypatch.setenv(name, value)
    cfg = str(write_config(tmp_path / "k.toml", database_url, []))
    code = main(["--config", cfg, "listings", "list", "--near", f"{KIOSK[0]},{KIOSK[1]}",
                 *extra])
    return code, capsys.readouterr().out


def test_bike_stations_as_residents_see_them(
    database_url: str, clock: Any, serve: Any, fetcher: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    city = SeoulServer(serve)
    doc = market_rows()
    city.services["bikeList"] = lambda _s, _e: json_reply(doc)
    city.services["GetParkInfo"] = lambda _s, _e: json_reply(fixture_json("seoul/GetParkInfo.json"))
    city.services["GetParkingInfo"] = lambda _s, _e: json_reply(
        fixture_json("seoul/GetParkingInfo.json"))
    with hub_service(database_url, clock) as svc:
        sources = [build_source(make_config(kind, city.base, key=KEY), fetcher)
                   for kind in ("seoul_bike", "seoul_parking")]
        outcomes = SyncRunner(sources, svc, owner="k1", clock=clock).run_once()
        assert [o.outcome for o in outcomes] == ["applied", "applied"]
    code, out = listings_json(tmp_path, database_url, clock, monkeypatch, capsys, "--json")
    assert code == 0
    rows = {r["external_id"]: r for r in json.loads(out)}
    over = rows["ST-3503"]
    assert (over["units_free"], over["units_total"], over["over_capacity"]) == (13, 10, True)
    assert (over["station_no"], over["label_ko"]) == ("3503", "3503번 길음뉴타운 래미안 정문")
    assert (over["service_ko"], over["service_en"]) == ("따릉이", "Ttareungyi (Seoul Bike)")
    assert over["as_of_local"] == "09:00"  # Seoul time of the sync, today
    market = [rows[i]["label_ko"] for i in ("ST-3504", "ST-3505", "ST-3506")]
    assert len(set(market)) == 3 and all("길음시장 입구" in m for m in market)
    assert market[1].startswith("3505번 길음시장 입구 (") and " m)" in market[1]
    assert rows["ST-3509"]["label_ko"] == "월곡역 3번출구"  # no number on its sign
    lot = rows["1040011"]
    assert lot["service_ko"] == "서울시 공영주차장" and lot["phone"] == "02-2241-3111"
    assert lot["fees"] == {"fee_base_krw": 150, "fee_base_min": 5, "fee_add_krw": 150,
                           "fee_add_min": 5, "fee_day_max_krw": 9000,
                           "fee_month_krw": 176000}
    assert lot["hours"]["weekday"] == "00:00-24:00" and lot["paid"] == "유료"
    assert lot["as_of_local"] == "2025-05-17 09:05"  # the lot's own time, another day
    code, text = listings_json(tmp_path, database_url, clock, monkeypatch, capsys)
    assert "3503번 길음뉴타운 래미안 정문  13/10  as of 09:00" in text


def test_times_are_seoul_time_with_a_date_when_not_today(
    database_url: str, clock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = clock()
    assert local_time_text(datetime(2026, 11, 22, 23, 59, tzinfo=UTC), now) == "08:59"
    assert local_time_text(datetime(2026, 11, 22, 14, 59, tzinfo=UTC), now) == "2026-11-22 23:59"
    old = datetime(2020, 3, 14, 7, 17, tzinfo=UTC)
    with hub_service(database_url, clock) as svc:
        svc.claim("src", "k1", if_due=False)
        svc.apply(result([listing(1, as_of=old)], fetched_at=now), owner="k1",
                  next_attempt_at=now + timedelta(minutes=1), retry_at=now)
    code, text = listings_json(tmp_path, database_url, clock, monkeypatch, capsys)
    assert code == 0 and "as of 2020-03-14 16:17 (stale)" in text


def test_gbfs_stations_carry_docks_and_electric_vehicles(serve: Any, fetcher: Any) -> None:
    docs = {name: fixture_json(f"gbfs/v3.0/{name}.json") for name in (
        "gbfs", "system_information", "station_information", "station_status",
        "vehicle_status", "vehicle_types")}
    docs["station_status"]["data"]["stations"][0]["vehicle_types_available"] = [
        {"vehicle_type_id": "bike", "count": 4}, {"vehicle_type_id": "kick", "count": 2}]

    def handle(request: Any) -> Any:
        name = request.path.rsplit("/", 1)[-1].removesuffix(".json")
        body = json.dumps(docs[name]).replace("{base}", server.base_url)
        return json_reply(json.loads(body))

    server = serve(handle)
    for feed in docs["gbfs"]["data"]["feeds"]:
        feed["url"] = f"{server.base_url}/{feed['name']}.json"
    src = GbfsSource(make_config("gbfs", f"{server.base_url}/gbfs.json"), fetcher)
    by_id = {x.external_id: x for x in src.fetch().listings}
    station = by_id["station:3501"]
    assert station.extra["docks_available"] == "9"
    assert station.extra["vehicle_types"] == "마을자전거 4, 전동 킥보드 2"
    assert station.extra["electric_available"] == "2"
