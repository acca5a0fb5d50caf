"""Seoul Open API sources (bikeList, GetParkInfo + GetParkingInfo) on a loopback server."""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from kiosk.sync.errors import BadResponse, ConfigError, RetryLater, SyncError
from kiosk.sync.http import HttpFetcher, HttpLimits
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.seoul_openapi import SeoulBikeSource, SeoulParkingSource, classify_code
from kiosk.sync.validate import KST
from tests.sync.conftest import KIOSK, fixture_bytes, fixture_json, json_reply, make_config

KEY = "SECRETKEY9876"
PATH = re.compile(r"^/api/(?P<key>[^/]+)/json/(?P<service>[^/]+)/(?P<start>\d+)/(?P<end>\d+)/")

Responder = Callable[[int, int], Reply]


class SeoulServer:
    """Routes `/api/{KEY}/json/{SERVICE}/{START}/{END}/` to per-service responders."""

    def __init__(self, serve: Callable[[Callable[[Request], Reply]], LoopbackServer]) -> None:
        self.services: dict[str, Responder] = {}
        self.windows: list[tuple[str, int, int]] = []
        self.paths: list[str] = []
        self.server = serve(self.handle)
        self.base = f"{self.server.base_url}/api"

    def handle(self, request: Request) -> Reply:
        self.paths.append(request.path)
        match = PATH.match(request.path)
        if not match:
            return Reply(404, b"{}")
        if match["key"] != KEY:
            return Reply(200, fixture_bytes("seoul/error_INFO-100.json"))
        start, end = int(match["start"]), int(match["end"])
        service = match["service"]
        self.windows.append((service, start, end))
        if end - start + 1 > 1000:
            return json_reply({"RESULT": {"CODE": "ERROR-336", "MESSAGE": "최대 1000건"}})
        return self.services[service](start, end)

    def fixture(self, service: str, name: str) -> None:
        self.services[service] = lambda _s, _e: Reply(200, fixture_bytes(name))


@pytest.fixture
def seoul(serve: Any) -> SeoulServer:
    return SeoulServer(serve)


def bikes(server: SeoulServer, fetcher: HttpFetcher, **cfg: Any) -> SeoulBikeSource:
    cfg.setdefault("key", KEY)
    return SeoulBikeSource(make_config("seoul_bike", server.base, **cfg), fetcher)


def parking(server: SeoulServer, fetcher: HttpFetcher, **cfg: Any) -> SeoulParkingSource:
    cfg.setdefault("key", KEY)
    return SeoulParkingSource(make_config("seoul_parking", server.base, **cfg), fetcher)


def wrapped(root: str, code: str, message: str = "메시지") -> dict[str, object]:
    return {root: {"list_total_count": 0, "RESULT": {"CODE": code, "MESSAGE": message}}}


# -- result codes ---------------------------------------------------------------------------

CONFIG_CODES = ["INFO-100", "INFO-300", "INFO-400", "ERROR-300", "ERROR-301", "ERROR-310"] + [
    f"ERROR-{n}" for n in range(331, 337)
]
RETRY_CODES = ["ERROR-500", "ERROR-600", "ERROR-601"]


@pytest.mark.parametrize("code", CONFIG_CODES)
@pytest.mark.parametrize("form", ["wrapped", "top-level"])
def test_configuration_codes_stop(
    seoul: SeoulServer, fetcher: HttpFetcher, code: str, form: str
) -> None:
    doc = (
        wrapped("rentBikeStatus", code)
        if form == "wrapped"
        else {"RESULT": {"CODE": code, "MESSAGE": "요청 오류"}}
    )
    seoul.services["bikeList"] = lambda _s, _e: json_reply(doc)
    with pytest.raises(ConfigError) as caught:
        bikes(seoul, fetcher).fetch()
    assert caught.value.code == code
    assert not caught.value.retryable
    assert caught.value.source_id == "test-seoul-bike"


@pytest.mark.parametrize("code", RETRY_CODES)
@pytest.mark.parametrize("form", ["wrapped", "top-level"])
def test_server_codes_retry_later(
    seoul: SeoulServer, fetcher: HttpFetcher, code: str, form: str
) -> None:
    doc = (
        wrapped("rentBikeStatus", code)
        if form == "wrapped"
        else {"RESULT": {"CODE": code, "MESSAGE": "서버 오류"}}
    )
    seoul.services["bikeList"] = lambda _s, _e: json_reply(doc)
    with pytest.raises(RetryLater) as caught:
        bikes(seoul, fetcher).fetch()
    assert caught.value.code == code and caught.value.retryable


def test_info_000_is_data(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("bikeList", "seoul/bikeList.json")
    result = bikes(seoul, fetcher).fetch()
    assert result.complete and len(result.listings) == 5


@pytest.mark.parametrize(
    "doc",
    [
        fixture_json("seoul/info200_wrapped.json"),
        {"RESULT": {"CODE": "INFO-200", "MESSAGE": "해당하는 데이터가 없습니다."}},
    ],
)
def test_info_200_is_an_empty_result(seoul: SeoulServer, fetcher: HttpFetcher, doc: object) -> None:
    seoul.services["bikeList"] = lambda _s, _e: json_reply(doc)
    result = bikes(seoul, fetcher).fetch()
    assert result.listings == () and result.quarantined == () and result.complete


def test_xml_error_is_understood(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = lambda _s, _e: Reply(
        200, fixture_bytes("seoul/error_INFO-100.xml"), content_type="text/xml;charset=UTF-8"
    )
    with pytest.raises(ConfigError) as caught:
        bikes(seoul, fetcher).fetch()
    assert caught.value.code == "INFO-100"
    assert "인증키가 유효하지 않습니다" in str(caught.value)


def test_xml_server_error_retries(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    xml = b"<RESULT><CODE>ERROR-500</CODE><MESSAGE>server</MESSAGE></RESULT>"
    seoul.services["bikeList"] = lambda _s, _e: Reply(200, xml, content_type="text/xml")
    with pytest.raises(RetryLater):
        bikes(seoul, fetcher).fetch()


def test_xml_with_entities_is_not_expanded(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<r>&b;&b;&b;</r>"
    )
    seoul.services["bikeList"] = lambda _s, _e: Reply(200, xml, content_type="text/xml")
    with pytest.raises(BadResponse, match="without a result code"):
        bikes(seoul, fetcher).fetch()


def test_unknown_code_and_missing_code(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = lambda _s, _e: json_reply(wrapped("rentBikeStatus", "WARN-777"))
    with pytest.raises(BadResponse):
        bikes(seoul, fetcher).fetch()
    seoul.services["bikeList"] = lambda _s, _e: json_reply({"rentBikeStatus": {"row": []}})
    with pytest.raises(BadResponse, match="no result code"):
        bikes(seoul, fetcher).fetch()


def test_classify_code() -> None:
    assert classify_code("info-000") == "ok"
    assert classify_code("INFO-200") == "empty"
    assert classify_code("ERROR-336") == "config"
    assert classify_code("ERROR-601") == "retry"
    assert classify_code("???") == "unknown"


# -- the key never leaks --------------------------------------------------------------------


def test_key_is_redacted_everywhere(
    seoul: SeoulServer, fetcher: HttpFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk")
    echo = {"RESULT": {"CODE": "INFO-100", "MESSAGE": f"인증키 {KEY} 가 유효하지 않습니다"}}
    seoul.services["bikeList"] = lambda _s, _e: json_reply(echo)
    errors: list[SyncError] = []
    for service in ("bikeList", "GetParkInfo"):
        seoul.services.setdefault(service, lambda _s, _e: Reply(503, b"busy"))
        src = bikes(seoul, fetcher) if service == "bikeList" else parking(seoul, fetcher)
        with pytest.raises(SyncError) as caught:
            src.fetch()
        errors.append(caught.value)
    # A wrong key is also answered without echoing it back into anything we keep.
    with pytest.raises(ConfigError) as caught:
        bikes(seoul, fetcher, key="WRONGKEY5555").fetch()
    errors.append(caught.value)
    for error in errors:
        for text in (str(error), repr(error), error.message, error.url or ""):
            assert KEY not in text and "WRONGKEY5555" not in text
        assert "***" in (error.url or "")
    # Everything the kiosk itself logged (the loopback server stands in for the city).
    ours = [r.getMessage() for r in caplog.records if r.name != "kiosk.sync.loopback"]
    assert not any(KEY in line for line in ours)
    assert "***" in str(errors[0])
    cfg = make_config("seoul_bike", seoul.base, key=KEY)
    assert KEY not in repr(cfg)


def test_key_is_redacted_from_timeouts(serve: Any) -> None:
    def slow(request: Request) -> Reply:
        request.stopping.wait(1.0)
        return Reply(200, b"{}")

    server = serve(slow)
    fast = HttpFetcher(HttpLimits(read_timeout_s=0.1))
    src = SeoulBikeSource(make_config("seoul_bike", f"{server.base_url}/api", key=KEY), fast)
    with pytest.raises(SyncError) as caught:
        src.fetch()
    assert KEY not in str(caught.value)


# -- paging ---------------------------------------------------------------------------------


def generated_rows(count: int) -> list[dict[str, str]]:
    return [
        {
            "rackTotCnt": "10",
            "stationName": f"{n}. 테스트 대여소 {n}",
            "parkingBikeTotCnt": str(n % 11),
            "shared": "50",
            "stationLatitude": f"{37.55 + (n % 100) * 0.001:.8f}",
            "stationLongitude": f"{126.95 + (n // 100) * 0.002:.8f}",
            "stationId": f"ST-{n}",
        }
        for n in range(1, count + 1)
    ]


def paged(rows: list[dict[str, str]], root: str = "rentBikeStatus") -> Responder:
    """Pages like the live services: `list_total_count` is the number of rows in *that*
    window (1000, 1000, 736), and a window past the end answers INFO-200."""

    def respond(start: int, end: int) -> Reply:
        window = rows[start - 1 : end]
        if not window:
            return json_reply(wrapped(root, "INFO-200", "해당하는 데이터가 없습니다."))
        return json_reply(
            {
                root: {
                    "list_total_count": len(window),
                    "RESULT": {"CODE": "INFO-000", "MESSAGE": "정상 처리되었습니다."},
                    "row": window,
                }
            }
        )

    return respond


def test_paging_in_windows_of_1000(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = paged(generated_rows(2345))
    result = bikes(seoul, fetcher).fetch()
    assert seoul.windows == [
        ("bikeList", 1, 1000),
        ("bikeList", 1001, 2000),
        ("bikeList", 2001, 3000),
    ]
    assert len(result.listings) == 2345 and result.pages == 3
    assert len({x.external_id for x in result.listings}) == 2345


def gangnam_rows(count: int) -> list[dict[str, str]]:
    """Stations spread over Seoul in the live order: the last 300 are around Gangnam
    station (37.4979, 127.0276), the rest far north-west of it."""
    rows = generated_rows(count)
    for n, row in enumerate(rows[-300:]):
        row["stationLatitude"] = f"{37.4979 + (n % 20 - 10) * 0.0004:.8f}"
        row["stationLongitude"] = f"{127.0276 + (n // 20 - 7) * 0.0005:.8f}"
        row["stationName"] = f"{2300 + n}. 강남역 {n}번 대여소"
    return rows


def test_live_paging_reaches_stations_beyond_row_1000(
    seoul: SeoulServer, fetcher: HttpFetcher
) -> None:
    """The live count is per window (1000, 1000, 736): a kiosk in Gangnam, whose
    stations come in the last window, must still get them."""
    rows = gangnam_rows(2736)
    seoul.services["bikeList"] = paged(rows)
    result = bikes(seoul, fetcher, center=[37.4979, 127.0276], radius_m=500).fetch()
    assert seoul.windows == [
        ("bikeList", 1, 1000),
        ("bikeList", 1001, 2000),
        ("bikeList", 2001, 3000),
    ]
    near = {x.external_id for x in result.listings}
    assert len(near) > 100 and near <= {r["stationId"] for r in rows[-300:]}
    assert result.out_of_area == 2736 - len(near)


def test_a_full_last_window_asks_once_more(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = paged(generated_rows(2000))
    assert len(bikes(seoul, fetcher).fetch().listings) == 2000
    assert [w[1:] for w in seoul.windows] == [(1, 1000), (1001, 2000), (2001, 3000)]


def test_a_grand_total_does_not_stop_paging_early(
    seoul: SeoulServer, fetcher: HttpFetcher
) -> None:
    """Whatever list_total_count says (here a total smaller than the rows that keep
    coming), windows continue until one comes back short."""
    rows = generated_rows(1500)

    def says_1000(start: int, end: int) -> Reply:
        window = rows[start - 1 : end]
        if not window:
            return json_reply(wrapped("rentBikeStatus", "INFO-200"))
        result = {"CODE": "INFO-000", "MESSAGE": "ok"}
        return json_reply(
            {"rentBikeStatus": {"list_total_count": 1000, "RESULT": result, "row": window}}
        )

    seoul.services["bikeList"] = says_1000
    assert len(bikes(seoul, fetcher).fetch().listings) == 1500


def test_exactly_one_window(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = paged(generated_rows(1000))
    assert len(bikes(seoul, fetcher).fetch().listings) == 1000
    assert seoul.windows == [("bikeList", 1, 1000), ("bikeList", 1001, 2000)]


def test_smaller_windows_for_the_sample_key(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = paged(generated_rows(12))
    result = bikes(seoul, fetcher, options={"page_size": 5}).fetch()
    assert [w[1:] for w in seoul.windows] == [(1, 5), (6, 10), (11, 15)]
    assert len(result.listings) == 12


def test_a_failing_window_fails_the_whole_fetch(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    ok = paged(generated_rows(2500))

    def second_fails(start: int, end: int) -> Reply:
        if start > 1000:
            return json_reply(wrapped("rentBikeStatus", "ERROR-600"))
        return ok(start, end)

    seoul.services["bikeList"] = second_fails
    with pytest.raises(RetryLater):
        bikes(seoul, fetcher).fetch()


def test_too_many_rows_is_refused(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.services["bikeList"] = paged(generated_rows(1200))
    with pytest.raises(BadResponse, match="max_rows"):
        bikes(seoul, fetcher, options={"max_rows": 1000}).fetch()


def test_radius_filter(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("bikeList", "seoul/bikeList.json")
    result = bikes(seoul, fetcher, center=list(KIOSK), radius_m=3000).fetch()
    assert "ST-4" not in {x.external_id for x in result.listings}  # Mangwon, 11 km away
    assert result.out_of_area == 1 and len(result.listings) == 4


# -- bikeList rows --------------------------------------------------------------------------


def test_bike_rows(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("bikeList", "seoul/bikeList.json")
    result = bikes(seoul, fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    s = by_id["ST-3501"]
    assert (s.name_ko, s.extra["station_no"], s.units_total, s.units_free) == (
        "길음역 1번출구",
        "3501",
        15,
        9,
    )
    assert s.lat == pytest.approx(37.60350037) and s.kind == "bike" and s.name_en == ""
    assert s.as_of is None  # no source time: the read side uses when it was last seen
    assert by_id["ST-3504"].name_ko == "길음시장 입구"
    assert (
        by_id["ST-3509"].name_ko == "월곡역 3번출구" and "station_no" not in by_id["ST-3509"].extra
    )
    assert by_id["ST-4"].name_ko == "망원역 1번출구 앞"
    # More bikes than racks is real in Seoul: clamped, the figure kept.
    over = by_id["ST-3503"]
    assert (over.units_total, over.units_free, over.extra["reported_free"]) == (10, 10, "13")
    assert over.extra["occupancy_pct"] == "130"
    # Free racks, counted from the reported bikes (none when bikes outnumber racks).
    assert (s.extra["docks_available"], over.extra["docks_available"]) == ("6", "0")
    # The city's service: its owner, how to rent and the help line go with each station.
    assert (s.extra["owner_kind"], s.extra["owner_name"]) == ("city", "서울특별시")
    assert s.extra["rent_how_ko"] == "따릉이 앱 또는 대여소 단말기에서 대여"
    assert s.extra["phone"] == "1599-0120"


def test_hostile_bike_rows(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    rows = fixture_json("seoul/bikeList.json")["rentBikeStatus"]["row"]
    rows[0]["stationLatitude"] = "NaN"
    rows[1]["rackTotCnt"] = "-1"
    rows[2]["parkingBikeTotCnt"] = "99999999999999999999"
    rows[3]["stationName"] = "12. <img src=x onerror=alert(1)>\u202e\u200d"
    rows.append(dict(rows[4]))  # duplicate stationId
    rows.append(
        {
            "stationId": "ST-9",
            "stationName": 7,
            "stationLatitude": "37.6",
            "stationLongitude": "127.0",
        }
    )
    rows.append(["not", "a", "row"])
    rows.append(
        {
            **rows[4],
            "stationId": "ST-10",
            "stationLatitude": 37.6,
            "stationLongitude": 127.02,
            "rackTotCnt": 5,
            "parkingBikeTotCnt": 2.0,
        }
    )  # numbers instead of text: fine
    doc = {
        "rentBikeStatus": {
            "list_total_count": len(rows),
            "RESULT": {"CODE": "INFO-000", "MESSAGE": "ok"},
            "row": rows,
        }
    }
    seoul.services["bikeList"] = lambda _s, _e: json_reply(doc)
    result = bikes(seoul, fetcher).fetch()
    reasons = {(q.external_id, q.reason) for q in result.quarantined}
    assert reasons == {
        ("ST-3501", "lat is not a number"),
        ("ST-3503", "rackTotCnt is negative"),
        ("ST-3504", "parkingBikeTotCnt is not a whole number"),
        ("ST-4", "duplicate id in this fetch"),
        ("ST-9", "stationName must be text"),
        (None, "row is not an object"),
    }
    by_id = {x.external_id: x for x in result.listings}
    assert by_id["ST-3509"].name_ko == "<img src=x onerror=alert(1)>"
    assert by_id["ST-10"].units_free == 2
    assert all("\u202e" not in q.raw for q in result.quarantined)


def test_truncated_window_fails(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    body = fixture_bytes("seoul/bikeList.json")
    seoul.services["bikeList"] = lambda _s, _e: Reply(200, body[:300])
    with pytest.raises(BadResponse, match="not valid JSON"):
        bikes(seoul, fetcher).fetch()


# -- parking --------------------------------------------------------------------------------


def test_parking_join_and_merge(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo.json")
    seoul.fixture("GetParkingInfo", "seoul/GetParkingInfo.json")
    result = parking(seoul, fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    assert set(by_id) == {"1040011", "1040018", "1040015", "1040020"}
    lot = by_id["1040011"]
    assert (lot.kind, lot.name_ko, lot.units_total, lot.units_free) == (
        "parking",
        "길음1동 공영주차장",
        42,
        12,
    )
    assert lot.address == "서울특별시 성북구 길음동 1283"
    assert (lot.extra["owner_kind"], lot.extra["owner_name"]) == ("city", "서울특별시")
    assert lot.as_of == datetime(2025, 5, 17, 9, 5, 12, tzinfo=KST)
    assert lot.extra["hours_weekday"] == "00:00-24:00"
    assert lot.extra["hours_weekend"] == "09:00-21:00"
    assert lot.extra["hours_holiday"] == "09:00-18:00"  # from the repeated row
    assert (lot.extra["fee_base_krw"], lot.extra["fee_base_min"]) == ("150", "5")
    assert lot.extra["fee_month_krw"] == "176000"
    assert lot.extra["phone"] == "02-2241-3111" and "shared_lot" not in lot.extra
    shared = by_id["1040018"]
    assert shared.extra["shared_lot"] == "Y"
    assert (shared.units_total, shared.units_free, shared.extra["reported_occupied"]) == (
        25,
        0,
        "27",
    )
    assert "hours_weekend" not in shared.extra  # "2500"-"9999" is not a time
    assert by_id["1040015"].units_free is None  # the lot reports no live figures
    assert by_id["1040015"].as_of is None
    live_only = by_id["1040020"]
    assert (live_only.name_ko, live_only.units_free) == ("정릉동 공영주차장", 46)
    assert [(q.external_id, q.reason) for q in result.quarantined] == [
        ("1040099", "coordinates are outside Korea")
    ]


def test_parking_older_field_names(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo_old_names.json")
    seoul.fixture("GetParkingInfo", "seoul/GetParkingInfo_old_names.json")
    (lot,) = parking(seoul, fetcher).fetch().listings
    assert (lot.external_id, lot.name_ko, lot.units_total, lot.units_free) == (
        "171721",
        "세종로 공영주차장(시)",
        1260,
        562,
    )
    assert lot.lon == pytest.approx(126.9769)
    assert lot.extra["fee_base_krw"] == "430" and lot.extra["phone"] == "02-2290-6566"
    assert lot.as_of == datetime(2025, 5, 17, 11, 24, 53, tzinfo=KST)


def test_lot_list_is_read_once_a_day(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo.json")
    seoul.fixture("GetParkingInfo", "seoul/GetParkingInfo.json")
    src = parking(seoul, fetcher)
    src.fetch()
    src.fetch()
    services = [w[0] for w in seoul.windows]
    assert services.count("GetParkInfo") == 1 and services.count("GetParkingInfo") == 2


def test_district_narrows_both_services(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo.json")
    seoul.fixture("GetParkingInfo", "seoul/GetParkingInfo.json")
    parking(seoul, fetcher, options={"district": "성북구"}).fetch()
    assert all(p.endswith("/%EC%84%B1%EB%B6%81%EA%B5%AC/") for p in seoul.paths)


def test_parking_without_live_service(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo.json")
    result = parking(seoul, fetcher, options={"live": False}).fetch()
    assert {x.units_free for x in result.listings} == {None}
    assert [w[0] for w in seoul.windows] == ["GetParkInfo"]


def test_parking_paging_over_repeated_rows(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    rows: list[dict[str, Any]] = []
    for n in range(1200):  # 1,200 rows, 600 lots, each row twice across window edges
        rows.append(
            {
                "PKLT_CD": f"L{n // 2}",
                "PKLT_NM": f"주차장 {n // 2}",
                "TPKCT": 10,
                "LAT": 37.6,
                "LOT": 127.0,
            }
        )
    seoul.services["GetParkInfo"] = paged(rows, "GetParkInfo")
    seoul.services["GetParkingInfo"] = lambda _s, _e: json_reply(
        wrapped("GetParkingInfo", "INFO-200")
    )
    result = parking(seoul, fetcher).fetch()
    assert len(result.listings) == 600 and result.quarantined == ()
    assert result.pages == 3


def test_config_requires_a_key() -> None:
    from kiosk.sync.config import SourceConfig, SourceConfigError

    with pytest.raises(SourceConfigError, match="key"):
        SourceConfig.from_mapping({"id": "s", "kind": "seoul_bike"})
    cfg = SourceConfig.from_mapping({"id": "s", "kind": "seoul_bike", "key": "abcdef"})
    assert cfg.url == "http://openapi.seoul.go.kr:8088"
    assert json.dumps(cfg.options) == "{}"


def test_windows_continue_when_the_total_is_missing(
    seoul: SeoulServer, fetcher: HttpFetcher
) -> None:
    rows = generated_rows(12)

    def no_total(start: int, end: int) -> Reply:
        window = rows[start - 1 : end]
        if not window:
            return json_reply(wrapped("rentBikeStatus", "INFO-200"))
        result = {"CODE": "INFO-000", "MESSAGE": "ok"}
        return json_reply({"rentBikeStatus": {"RESULT": result, "row": window}})

    seoul.services["bikeList"] = no_total
    result = bikes(seoul, fetcher, options={"page_size": 5}).fetch()
    assert len(result.listings) == 12
    assert [w[1:] for w in seoul.windows] == [(1, 5), (6, 10), (11, 15)]


def test_parking_lower_case_keys_and_every_current_field(
    seoul: SeoulServer, fetcher: HttpFetcher, clock: Any
) -> None:
    seoul.fixture("GetParkInfo", "seoul/GetParkInfo_lowercase.json")
    seoul.fixture("GetParkingInfo", "seoul/GetParkingInfo_lowercase.json")
    source = SeoulParkingSource(make_config("seoul_parking", seoul.base, key=KEY), fetcher,
                                clock=clock)  # the figures' time is a minute before "now"
    result = source.fetch()
    assert result.quarantined == ()
    by_id = {x.external_id: x for x in result.listings}
    lot = by_id["1040031"]
    assert (lot.name_ko, lot.units_total, lot.units_free) == ("종암동 공영주차장", 64, 13)
    assert (lot.lat, lot.lon, lot.address) == (37.5998, 127.0322, "성북구 종암동 3-1347")
    assert lot.as_of == datetime(2026, 11, 23, 8, 59, 41, tzinfo=KST)
    facts = lot.extra
    # Fees: basic and additional time and price, the day pass, monthly, buses.
    assert {k: v for k, v in facts.items() if k.startswith("fee_")} == {
        "fee_base_krw": "300", "fee_base_min": "5", "fee_add_krw": "300", "fee_add_min": "5",
        "fee_day_max_krw": "20000", "fee_month_krw": "100000",
        "fee_bus_base_krw": "0", "fee_bus_base_min": "0", "fee_bus_add_krw": "0",
        "fee_bus_add_min": "0",
    }
    # The first row's values win over the repeated row's ("무료", 0 won).
    assert (facts["paid"], facts["paid_saturday"], facts["paid_holiday"]) == (
        "유료", "무료", "무료")
    assert (facts["lot_type"], facts["lot_type_code"], facts["operation"]) == (
        "노외 주차장", "NW", "시간제 주차장")
    assert (facts["hours_weekday"], facts["hours_weekend"]) == ("09:00-21:00", "09:00-18:00")
    assert facts["night_open"] == "야간 미개방" and facts["phone"] == "02-2241-4417"
    assert facts["live_info"].startswith("현재~20분이내")
    # Only codes, no names: the codes are read (Y paid, N free); empty text is left out.
    street = by_id["1040032"]
    assert (street.units_total, street.units_free) == (12, None)
    assert (street.extra["paid"], street.extra["paid_saturday"],
            street.extra["paid_holiday"], street.extra["night_open"]) == (
        "유료", "유료", "무료", "야간 개방")
    assert street.extra["lot_type"] == "노상 주차장" and "phone" not in street.extra
    assert (street.extra["shared_lot"], street.extra["shared_manager"],
            street.extra["shared_note"]) == ("Y", "성북구도시관리공단", "평일 09~18시 공유")
    assert street.extra["street_group"] == "1040032"
    assert street.extra["hours_weekday"] == "07:00-19:00"


def test_upper_and_lower_case_answers_read_alike(seoul: SeoulServer, fetcher: HttpFetcher) -> None:
    upper = fixture_json("seoul/GetParkInfo.json")
    lower = copy.deepcopy(upper)
    lower["GetParkInfo"]["row"] = [{k.lower(): v for k, v in row.items()}
                                   for row in upper["GetParkInfo"]["row"]]
    live = fixture_json("seoul/GetParkingInfo.json")
    seoul.services["GetParkingInfo"] = lambda _s, _e: json_reply(live)
    seoul.services["GetParkInfo"] = lambda _s, _e: json_reply(upper)
    expected = parking(seoul, fetcher).fetch().listings
    seoul.services["GetParkInfo"] = lambda _s, _e: json_reply(lower)
    assert parking(seoul, fetcher).fetch().listings == expected
    bikes_doc = fixture_json("seoul/bikeList.json")
    seoul.services["bikeList"] = lambda _s, _e: json_reply(bikes_doc)
    expected_bikes = bikes(seoul, fetcher).fetch().listings
    lower_bikes = copy.deepcopy(bikes_doc)
    lower_bikes["rentBikeStatus"]["row"] = [
        {k.lower(): v for k, v in row.items()} for row in bikes_doc["rentBikeStatus"]["row"]]
    seoul.services["bikeList"] = lambda _s, _e: json_reply(lower_bikes)
    assert bikes(seoul, fetcher).fetch().listings == expected_bikes
    assert len(expected_bikes) >= 4
