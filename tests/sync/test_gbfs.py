"""GBFS v2.3 and v3.0 adapter against fixture feeds on a loopback server."""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kiosk.sync.errors import BadResponse
from kiosk.sync.gbfs import GbfsSource
from kiosk.sync.http import HttpFetcher
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from tests.sync.conftest import FIXTURES, KIOSK, fixture_bytes, make_config
from tests.sync.gbfs_schemas import schemas


class GbfsFixtureServer:
    """Serves tests/sync/fixtures/gbfs with ETags; documents can be replaced per test."""

    def __init__(self, serve: Callable[[Callable[[Request], Reply]], LoopbackServer]) -> None:
        self.overrides: dict[str, object] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.server = serve(self.handle)
        self.base = self.server.base_url

    def doc(self, path: str) -> Any:
        return json.loads(self.body(path))

    def body(self, path: str) -> bytes:
        if path in self.overrides:
            value = self.overrides[path]
            return value if isinstance(value, bytes) else json.dumps(value).encode()
        version, _, rest = path.lstrip("/").partition("/")
        folder = {"v3": "gbfs/v3.0", "v2": "gbfs/v2.3"}[version]
        return fixture_bytes(f"{folder}/{rest}", base=self.base)

    def handle(self, request: Request) -> Reply:
        self.hits[request.path] += 1
        try:
            body = self.body(request.path)
        except (KeyError, FileNotFoundError):
            return Reply(404, b"{}")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("if-none-match") == etag:
            self.not_modified[request.path] += 1
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, body, {"ETag": etag})


@pytest.fixture
def gbfs(serve: Any) -> GbfsFixtureServer:
    return GbfsFixtureServer(serve)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def source(
    url: str, fetcher: HttpFetcher, clock: FakeClock | None = None, **cfg: Any
) -> GbfsSource:
    return GbfsSource(make_config("gbfs", url, **cfg), fetcher, monotonic=clock or FakeClock())


# -- fixtures are honest GBFS --------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0", "2.3"])
def test_fixture_feeds_follow_the_spec(version: str) -> None:
    checks = schemas(version)
    folder = FIXTURES / "gbfs" / f"v{version}"
    files = sorted(folder.rglob("*.json"))
    assert files
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8").replace("{base}", "http://h"))
        schema = checks[path.stem]
        jsonschema.Draft202012Validator(schema).validate(doc)


def test_focused_schema_catches_a_missing_required_field() -> None:
    doc = json.loads((FIXTURES / "gbfs/v3.0/station_status.json").read_text(encoding="utf-8"))
    del doc["data"]["stations"][0]["is_renting"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schemas("3.0")["station_status"])
    v2 = json.loads((FIXTURES / "gbfs/v2.3/ko/station_status.json").read_text(encoding="utf-8"))
    v2["last_updated"] = "2025-05-17T09:00:00Z"  # v3 time format in a v2 file
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(v2, schemas("2.3")["station_status"])


# -- v3.0 -----------------------------------------------------------------------------------


def test_v3_stations_and_vehicles(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    result = source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    assert result.complete and not result.not_modified
    assert result.quarantined == ()
    # 3599 is not installed; b-202 is docked, k-102 reserved, b-203 disabled.
    assert set(by_id) == {
        "station:3501",
        "station:3503",
        "station:3507",
        "station:3509",
        "station:4210",
        "vehicle:k-101",
        "vehicle:b-201",
    }
    s = by_id["station:3501"]
    assert (s.kind, s.name_ko, s.name_en) == ("bike", "길음역 1번출구", "Gireum Stn. Exit 1")
    assert (s.units_total, s.units_free) == (15, 6)
    assert s.address == "서울특별시 성북구 동소문로 지하 248"
    assert s.as_of == datetime(2025, 5, 17, 0, 9, 30, tzinfo=UTC)
    assert s.extra["docks_available"] == "9"
    assert s.extra["system"] == "성북 마을자전거"
    # ko-KR counts as Korean; free above capacity is clamped and remembered.
    s = by_id["station:3503"]
    assert s.name_ko == "길음뉴타운 래미안 정문"
    assert (s.units_total, s.units_free, s.extra["reported_free"]) == (10, 10, "14")
    assert s.extra["returning"] == "false"
    # Only English given: it stands in for Korean too.
    s = by_id["station:3507"]
    assert s.name_ko == s.name_en == "Sungshin Women's Univ. Stn. Exit 7"
    assert s.units_free == 0 and s.extra["renting"] == "false"
    # No capacity: bikes + free docks.
    assert by_id["station:3509"].units_total == 10
    assert by_id["station:3509"].name_en == ""
    k = by_id["vehicle:k-101"]
    assert (k.kind, k.name_ko, k.name_en) == ("other", "전동 킥보드", "E-scooter")
    assert (k.units_total, k.units_free, k.extra["battery_pct"]) == (1, 1, "48")
    assert by_id["vehicle:b-201"].kind == "bike"
    assert result.ttl_s == 0


def test_v3_operator_phone_hours_and_rental_links(
        gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    by_id = {x.external_id: x for x in source(f"{gbfs.base}/v3/gbfs.json", fetcher)
             .fetch().listings}
    s = by_id["station:3501"].extra
    # system_information: the operator owns every listing (a cooperative: a group).
    assert (s["owner_kind"], s["owner_name"], s["owner_name_en"]) == (
        "group", "성북 마을자전거 협동조합", "Seongbuk Village Bike Cooperative")
    assert (s["phone"], s["hours"]) == ("02-1234-5678", "Mo-Su 05:00-24:00")
    assert s["station_no"] == "3501"
    assert s["rental_uri_web"] == "https://bikes.example.org/station/3501"
    assert s["rental_uri_ios"].endswith("platform=ios")
    assert s["rent_how_ko"] == "교통카드, 휴대전화 앱(으)로 대여"
    assert s["rent_how_en"] == "Rent with transit card, phone app"
    other = by_id["station:3503"].extra
    assert other["owner_name"] == "성북 마을자전거 협동조합"
    assert not {"rental_uri_web", "station_no", "rent_how_ko"} & set(other)
    assert by_id["vehicle:k-101"].extra["owner_kind"] == "group"


def test_operator_falls_back_to_the_system_name_and_links_must_be_web(
        gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    system = gbfs.doc("/v3/system_information.json")
    del system["data"]["operator"]
    gbfs.overrides["/v3/system_information.json"] = system
    info = gbfs.doc("/v3/station_information.json")
    info["data"]["stations"][0]["rental_uris"] = {
        "web": "javascript:alert(1)", "android": "bikeapp://station/3501"}
    gbfs.overrides["/v3/station_information.json"] = info
    by_id = {x.external_id: x for x in source(f"{gbfs.base}/v3/gbfs.json", fetcher)
             .fetch().listings}
    s = by_id["station:3501"].extra
    # Kind guessed from the name: a 마을 (village) system is a sharing group's.
    assert (s["owner_kind"], s["owner_name"], s["owner_name_en"]) == (
        "group", "성북 마을자전거", "Seongbuk Village Bikes")
    assert not [k for k in s if k.startswith("rental_uri")]


def test_v3_radius_filter(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    src = source(f"{gbfs.base}/v3/gbfs.json", fetcher, center=list(KIOSK), radius_m=1500)
    result = src.fetch()
    ids = {x.external_id for x in result.listings}
    assert "station:4210" not in ids  # Jamsil, 10 km away
    assert "station:3501" in ids
    assert result.out_of_area == 2  # Jamsil and Sungshin Women's Univ. (1.6 km)


def test_ttl_is_respected_and_unchanged_feeds_are_not_modified(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    clock = FakeClock()
    src = source(f"{gbfs.base}/v3/gbfs.json", fetcher, clock)
    first = src.fetch()
    assert len(first.listings) == 7
    assert gbfs.hits["/v3/station_information.json"] == 1
    clock.t += 5  # station_status ttl 0: asked again, conditionally; information ttl 3600
    second = src.fetch()
    assert second.not_modified and second.listings == ()
    assert gbfs.hits["/v3/station_information.json"] == 1
    assert gbfs.hits["/v3/gbfs.json"] == 1
    assert gbfs.not_modified["/v3/station_status.json"] == 1
    # A new status document: a full snapshot again, information still from cache.
    status = gbfs.doc("/v3/station_status.json")
    status["data"]["stations"][0]["num_vehicles_available"] = 1
    gbfs.overrides["/v3/station_status.json"] = status
    clock.t += 5
    third = src.fetch()
    assert not third.not_modified
    assert {x.external_id: x.units_free for x in third.listings}["station:3501"] == 1
    assert gbfs.hits["/v3/station_information.json"] == 1
    clock.t += 3600  # information ttl over: asked again (304)
    src.fetch()
    assert gbfs.hits["/v3/station_information.json"] == 2
    assert gbfs.not_modified["/v3/station_information.json"] == 1


def test_hostile_station_names_are_text(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    info = gbfs.doc("/v3/station_information.json")
    stations = info["data"]["stations"]
    stations[0]["name"] = [{"text": "<script>alert(1)</script>\u202e역\u200b 앞", "language": "ko"}]
    stations[1]["name"] = [{"text": '<img src=x onerror="alert(1)">', "language": "ko"}]
    stations[2]["name"] = [{"text": "\u200b\u2066\u2069", "language": "ko"}]
    gbfs.overrides["/v3/station_information.json"] = info
    result = source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    assert by_id["station:3501"].name_ko == "<script>alert(1)</script>역 앞"
    assert by_id["station:3503"].name_ko == '<img src=x onerror="alert(1)">'
    assert [(q.external_id, q.reason) for q in result.quarantined] == [
        ("station:3507", "name is empty")
    ]


def test_bad_rows_are_quarantined_and_the_rest_kept(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    info = gbfs.doc("/v3/station_information.json")
    stations = info["data"]["stations"]
    stations[1]["lat"] = "NaN"
    stations[2]["capacity"] = -3
    stations[3]["lon"] = 1e308
    stations.append(copy.deepcopy(stations[0]))  # duplicated id
    stations.append("not a station")
    stations.append({"station_id": "x", "name": "plain text in v3", "lat": 37.6, "lon": 127.0})
    body = json.dumps(info).replace('"NaN"', "NaN").encode()
    gbfs.overrides["/v3/station_information.json"] = body
    result = source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()
    reasons = {(q.external_id, q.reason) for q in result.quarantined}
    assert reasons == {
        ("station:3503", "lat is not a finite number"),
        ("station:3507", "capacity is negative"),
        ("station:3509", "coordinates are outside Korea"),
        ("station:3501", "duplicate id in this fetch"),
        (None, "station is not an object"),
        ("station:x", "name must be a list of localized strings"),
    }
    assert {x.external_id for x in result.listings} >= {"station:3501", "station:4210"}


def test_truncated_document_fails_the_whole_fetch(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    body = gbfs.body("/v3/station_status.json")
    gbfs.overrides["/v3/station_status.json"] = body[: len(body) // 2]
    with pytest.raises(BadResponse, match="not valid JSON"):
        source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()


def test_discovery_without_stations_or_vehicles(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    doc = gbfs.doc("/v3/gbfs.json")
    doc["data"]["feeds"] = [f for f in doc["data"]["feeds"] if f["name"] == "system_information"]
    gbfs.overrides["/v3/gbfs.json"] = doc
    with pytest.raises(BadResponse, match="neither"):
        source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()


def test_feed_urls_on_other_hosts_are_ignored(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    doc = gbfs.doc("/v3/gbfs.json")
    for feed in doc["data"]["feeds"]:
        feed["url"] = feed["url"].replace("127.0.0.1", "evil.example")
    gbfs.overrides["/v3/gbfs.json"] = doc
    with pytest.raises(BadResponse, match="no usable feeds") as caught:
        source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()
    # The message says which host and which option lets it in.
    assert "another host (evil.example)" in str(caught.value)
    assert "allow_other_hosts = true" in str(caught.value)


def test_status_on_another_host_names_the_option(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the live feeds moved to a CDN host: the error says how to allow it."""
    doc = gbfs.doc("/v3/gbfs.json")
    for feed in doc["data"]["feeds"]:
        if feed["name"] in ("station_status", "vehicle_status"):
            feed["url"] = feed["url"].replace("127.0.0.1", "cdn.example")
    gbfs.overrides["/v3/gbfs.json"] = doc
    with pytest.raises(BadResponse, match="neither") as caught:
        source(f"{gbfs.base}/v3/gbfs.json", fetcher).fetch()
    assert "another host (cdn.example)" in str(caught.value)
    assert "allow_other_hosts" in str(caught.value)
    assert any("allow_other_hosts" in r.getMessage() for r in caplog.records
               if r.name == "kiosk.sync.gbfs")


def test_vehicles_can_be_switched_off(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    src = source(f"{gbfs.base}/v3/gbfs.json", fetcher, options={"include_vehicles": False})
    result = src.fetch()
    assert all(x.external_id.startswith("station:") for x in result.listings)
    assert gbfs.hits["/v3/vehicle_status.json"] == 0


# -- v2.3 -----------------------------------------------------------------------------------


def test_v2_per_language_discovery(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    result = source(f"{gbfs.base}/v2/gbfs.json", fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    assert set(by_id) == {"station:3501", "station:3504", "station:3512", "vehicle:fb-1"}
    s = by_id["station:3501"]
    assert (s.name_ko, s.name_en, s.units_total, s.units_free) == (
        "길음역 1번출구",
        "Gireum Stn. Exit 1",
        15,
        4,
    )
    assert s.as_of == datetime.fromtimestamp(1747440570, UTC)
    assert by_id["station:3512"].name_en == ""  # missing from the English file
    assert by_id["station:3512"].address == "서울특별시 성북구 돈암동 609-1"
    assert by_id["vehicle:fb-1"].name_ko == "마을자전거"
    # v2.3 writes the operator as text and rental methods in capitals.
    assert (s.extra["owner_kind"], s.extra["owner_name"]) == ("group", "성북 마을자전거 협동조합")
    assert s.extra["rent_how_en"] == "Rent with member card, credit card"
    assert "rental_uri_web" not in s.extra and s.extra["rental_uri_ios"].endswith("ios")
    assert result.ttl_s == 10
    assert gbfs.hits["/v2/en/station_information.json"] == 1


def test_v2_english_preference(gbfs: GbfsFixtureServer, fetcher: HttpFetcher) -> None:
    src = source(f"{gbfs.base}/v2/gbfs.json", fetcher, options={"language": "en"})
    by_id = {x.external_id: x for x in src.fetch().listings}
    # The English file only: its names serve both languages; no Korean file was read.
    assert by_id["station:3501"].name_ko == "Gireum Stn. Exit 1"
    assert gbfs.hits["/v2/ko/station_information.json"] == 0


def test_v2_integer_times_and_v3_text_times_are_not_mixed_up(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    status = gbfs.doc("/v2/ko/station_status.json")
    status["data"]["stations"][0]["last_reported"] = "yesterday"
    del status["data"]["stations"][1]["last_reported"]
    gbfs.overrides["/v2/ko/station_status.json"] = status
    by_id = {
        x.external_id: x for x in source(f"{gbfs.base}/v2/gbfs.json", fetcher).fetch().listings
    }
    # Unusable station time → the document's last_updated.
    assert by_id["station:3501"].as_of == datetime.fromtimestamp(1747440600, UTC)
    assert by_id["station:3504"].as_of == datetime.fromtimestamp(1747440600, UTC)


def test_cache_forgets_feeds_no_longer_listed(
    gbfs: GbfsFixtureServer, fetcher: HttpFetcher
) -> None:
    clock = FakeClock()
    src = source(f"{gbfs.base}/v3/gbfs.json", fetcher, clock)
    src.fetch()
    assert len(src._docs) == 6  # discovery, system, stations, status, vehicles, types
    doc = gbfs.doc("/v3/gbfs.json")
    doc["data"]["feeds"] = [f for f in doc["data"]["feeds"] if "vehicle" not in f["name"]]
    gbfs.overrides["/v3/gbfs.json"] = doc
    clock.t += 4000
    src.fetch()
    assert len(src._docs) == 4
    assert gbfs.hits["/v3/system_information.json"] == 1


def test_fixture_paths_exist() -> None:
    assert Path(FIXTURES / "gbfs/v3.0/gbfs.json").is_file()
