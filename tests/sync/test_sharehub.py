"""Sharing-hub feed client: paging, cursors, tombstones, 304s and hostile content."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.sync.demo_hub import HubFeedModel
from kiosk.sync.errors import BadResponse, ConfigError
from kiosk.sync.http import HttpFetcher
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.sharehub import SharehubSource, with_query
from kiosk.sync.validate import NAME_MAX
from tests.sync.conftest import KIOSK, fixture_bytes, fixture_json, json_reply, make_config

PATH = "/hub/v1/listings"


class HubFixtureServer:
    """Serves the fixture pages: full snapshot in two pages, or the change set."""

    def __init__(self, serve: Callable[[Callable[[Request], Reply]], LoopbackServer]) -> None:
        self.requests: list[Request] = []
        self.etag = '"v100"'
        self.pages: dict[str, object] = {}
        self.server = serve(self.handle)
        self.url = f"{self.server.base_url}{PATH}"

    def handle(self, request: Request) -> Reply:
        self.requests.append(request)
        page = request.param("page")
        if page is None and request.headers.get("if-none-match") == self.etag:
            return Reply(304, b"", {"ETag": self.etag})
        if request.param("updated_since") == "v100":
            key = "changes"
        else:
            key = "page2" if page == "2" else "page1"
        body = self.pages.get(key)
        if body is None:
            name = {"page1": "full_page1", "page2": "full_page2", "changes": "changes"}[key]
            body = fixture_bytes(f"hub/{name}.json")
        if not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode()
        return Reply(200, body, {"ETag": self.etag})


@pytest.fixture
def hub(serve: Any) -> HubFixtureServer:
    return HubFixtureServer(serve)


def client(url: str, fetcher: HttpFetcher, **cfg: Any) -> SharehubSource:
    return SharehubSource(make_config("sharehub", url, **cfg), fetcher)


def test_full_snapshot_over_pages(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    result = client(hub.url, fetcher).fetch()
    assert result.complete and not result.not_modified
    assert (result.cursor, result.etag, result.ttl_s, result.pages) == ("v100", '"v100"', 120, 2)
    assert hub.requests[0].param("page_size") == "500"
    assert hub.requests[0].param("updated_since") is None
    assert hub.requests[1].param("page") == "2"
    by_id = {x.external_id: x for x in result.listings}
    assert list(by_id) == ["gireum-room-1", "tool-drill", "carshare-gireum", "repair-cafe"]
    room = by_id["gireum-room-1"]
    assert (room.kind, room.bookable, room.units_total, room.units_free) == ("space", True, 1, 1)
    assert room.name_en == "Gireum 1-dong Community Sharing Room"
    assert room.description_ko == "20명까지 쓸 수 있는 회의실입니다.\n빔프로젝터가 있습니다."
    assert room.extra == {
        "category": "community_room",
        "provider": "성북구청",
        "hours": "09:00-21:00",
        "fee": "무료",
        # No `owner`: it falls back to the provider, a district office by its name.
        "owner_kind": "district",
        "owner_name": "성북구청",
    }
    # An `owner` wins over the provider text; its kind is the feed's, not a guess.
    car = by_id["carshare-gireum"]
    assert car.extra["provider"] == "나눔카 (서울시)"
    assert (car.extra["owner_kind"], car.extra["owner_name"], car.extra["owner_name_en"]) == (
        "company", "그린카", "Green Car")
    assert car.extra["url"] == "https://www.greencar.co.kr/"
    repair = by_id["repair-cafe"]
    assert (repair.extra["owner_kind"], repair.extra["owner_name"]) == (
        "group", "길음 수리 협동조합")
    assert "owner_name_en" not in repair.extra
    drill = by_id["tool-drill"]
    assert drill.extra["deposit"] == "10,000원" and drill.extra["loan_days"] == "3"
    assert drill.extra["needs_id"] == "true"
    car = by_id["carshare-gireum"]
    assert (car.kind, car.units_free, car.as_of) == ("other", None, None)
    repair = by_id["repair-cafe"]  # an unknown kind is kept as "other"
    assert (repair.kind, repair.extra["kind"], repair.name_en) == ("other", "service", "")
    assert result.quarantined == () and result.tombstones == ()


def test_incremental_with_tombstones(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    result = client(hub.url, fetcher).fetch(cursor="v100")
    assert hub.requests[0].param("updated_since") == "v100"
    assert not result.complete and result.cursor == "v104"
    assert [x.external_id for x in result.listings] == ["tool-drill"]
    assert result.listings[0].units_free == 0
    assert [t.external_id for t in result.tombstones] == ["carshare-gireum"]


def test_not_modified(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    src = client(hub.url, fetcher)
    result = src.fetch(etag='"v100"', cursor="v100")
    assert result.not_modified and not result.complete
    assert (result.etag, result.cursor, result.listings) == ('"v100"', "v100", ())
    assert hub.requests[0].headers["if-none-match"] == '"v100"'
    assert len(hub.requests) == 1


def test_bearer_key(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    client(hub.url, fetcher, key="hub-token-123").fetch()
    assert all(r.headers["authorization"] == "Bearer hub-token-123" for r in hub.requests)


def test_truncated_second_page_fails_everything(
    hub: HubFixtureServer, fetcher: HttpFetcher
) -> None:
    hub.pages["page2"] = fixture_bytes("hub/full_page2.json")[:-40]
    with pytest.raises(BadResponse, match="not valid JSON"):
        client(hub.url, fetcher).fetch()


@pytest.mark.parametrize(
    ("next_link", "message"),
    [
        ("http://localhost:1/hub/v1/listings?page=2", "another host"),
        ("/hub/v1/listings", "loop"),
        (17, "must be a link"),
    ],
)
def test_bad_next_links(
    hub: HubFixtureServer, fetcher: HttpFetcher, next_link: object, message: str
) -> None:
    page = fixture_json("hub/full_page1.json")
    page["next"] = next_link
    hub.pages["page1"] = page
    url = hub.url if message != "loop" else with_query(hub.url, page_size="500")
    with pytest.raises(BadResponse, match=message):
        client(url, fetcher).fetch()


def test_page_limit(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    with pytest.raises(BadResponse, match="more than 1 pages"):
        client(hub.url, fetcher, options={"max_pages": 1}).fetch()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": "2.0"}, "unsupported"),
        ({"version": None}, "unsupported"),
        ({"complete": "yes"}, "lacks 'complete'"),
        ({"listings": {"a": 1}}, "must be lists"),
        ({"cursor": "", "next": None}, "cursor is malformed"),
    ],
)
def test_malformed_pages(
    hub: HubFixtureServer, fetcher: HttpFetcher, change: dict[str, object], message: str
) -> None:
    page = fixture_json("hub/full_page1.json")
    page.update(change)
    hub.pages["page1"] = page
    with pytest.raises(BadResponse, match=message):
        client(hub.url, fetcher).fetch()


def test_pages_must_agree(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    page = fixture_json("hub/full_page2.json")
    page["complete"] = False
    hub.pages["page2"] = page
    with pytest.raises(BadResponse, match="disagree"):
        client(hub.url, fetcher).fetch()


def test_top_level_array_is_refused(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    hub.pages["page1"] = b"[]"
    with pytest.raises(BadResponse, match="JSON object"):
        client(hub.url, fetcher).fetch()


def test_hostile_listings(hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    base = {"kind": "space", "lat": 37.606, "lon": 127.025}
    rows: list[object] = [
        {
            **base,
            "id": "xss",
            "name": {"ko": "<script>alert('x')</script>", "en": "<b>bold</b>"},
            "description": {"ko": '<img src=x onerror="steal()">\x00\x07설명\r\n둘째 줄'},
        },
        {
            **base,
            "id": "bidi",
            "name": {"ko": "나눔\u202e\u2066공간\u200b\u200d\ufeff", "en": "Room\u061c"},
        },
        {**base, "id": "nan", "name": {"ko": "a"}, "lat": "NaN-marker"},
        {**base, "id": "inf", "name": {"ko": "a"}, "lon": "INF-marker"},
        {**base, "id": "huge", "name": {"ko": "a"}, "units_total": "HUGE-marker"},
        {**base, "id": "neg", "name": {"ko": "a"}, "units_total": 3, "units_free": -1},
        {**base, "id": "frac", "name": {"ko": "a"}, "units_total": 2.5},
        {**base, "id": "bool", "name": {"ko": "a"}, "units_total": True},
        {**base, "id": "over", "name": {"ko": "a"}, "units_total": 3, "units_free": 9},
        {**base, "id": "xss", "name": {"ko": "duplicate"}},
        {**base, "id": "far", "name": {"ko": "a"}, "lat": 48.85, "lon": 2.35},
        {**base, "id": "strlat", "name": {"ko": "a"}, "lat": "37.6"},
        {**base, "id": "noname", "name": {"ko": "\u200b \u200b"}},
        {**base, "id": "listname", "name": ["a"]},
        {**base, "id": "bookable", "name": {"ko": "a"}, "bookable": "yes"},
        {**base, "id": "long", "name": {"ko": "가" * 5000}},
        {**base, "id": "surrogate", "name": {"ko": "깨진\ud800글자"}},
        {**base, "id": ["x"], "name": {"ko": "a"}},
        {**base, "id": "", "name": {"ko": "a"}},
        {**base, "id": "i" * 500, "name": {"ko": "a"}},
        42,
    ]
    page = {
        "version": "1.0",
        "complete": True,
        "listings": rows,
        "deleted": [["x"], {"id": None}],
        "next": None,
        "cursor": "v1",
    }
    body = (
        json.dumps(page)
        .replace('"NaN-marker"', "NaN")
        .replace('"INF-marker"', "1e999")
        .replace('"HUGE-marker"', "1" + "0" * 5000)
        .encode()
    )
    hub.pages["page1"] = body
    result = client(hub.url, fetcher).fetch()
    by_id = {x.external_id: x for x in result.listings}
    assert set(by_id) == {"xss", "bidi", "over", "long", "surrogate"}
    xss = by_id["xss"]
    assert xss.name_ko == "<script>alert('x')</script>" and xss.name_en == "<b>bold</b>"
    assert xss.description_ko == '<img src=x onerror="steal()"> 설명\n둘째 줄'
    assert (by_id["bidi"].name_ko, by_id["bidi"].name_en) == ("나눔공간", "Room")
    assert (by_id["over"].units_free, by_id["over"].extra["reported_free"]) == (3, "9")
    assert len(by_id["long"].name_ko) == NAME_MAX and by_id["long"].name_ko.endswith("…")
    assert by_id["surrogate"].name_ko == "깨진글자"
    reasons = {(q.external_id, q.reason) for q in result.quarantined}
    assert reasons == {
        ("nan", "lat is not a finite number"),
        ("inf", "lon is not a finite number"),
        ("huge", "units_total is not a finite number"),
        ("neg", "units_free is negative"),
        ("frac", "units_total is not a whole number"),
        ("bool", "units_total must be a number"),
        ("xss", "duplicate id in this fetch"),
        ("far", "coordinates are outside Korea"),
        ("strlat", "lat must be a number"),
        ("noname", "name is missing"),
        ("listname", "name must be an object with ko/en text"),
        ("bookable", "bookable must be true or false"),
        (None, "id must be text"),
        (None, "id is empty"),
        (None, "id is longer than 128 characters"),
        (None, "listing is not an object"),
        (None, "deleted: id must be text"),
        (None, "deleted: id is missing"),
    }
    for q in result.quarantined:
        assert len(q.raw) <= 300
        assert "\u202e" not in q.raw and "\x00" not in q.raw


def test_deleted_wins_over_an_update_in_the_same_fetch(
    hub: HubFixtureServer, fetcher: HttpFetcher
) -> None:
    page = fixture_json("hub/changes.json")
    page["deleted"].append({"id": "tool-drill"})
    hub.pages["changes"] = page
    result = client(hub.url, fetcher).fetch(cursor="v100")
    assert result.listings == ()
    assert {t.external_id for t in result.tombstones} == {"tool-drill", "carshare-gireum"}


def test_moving_out_of_the_area_retires_in_incremental_fetches(
    hub: HubFixtureServer, fetcher: HttpFetcher
) -> None:
    page = fixture_json("hub/changes.json")
    page["listings"][0]["lat"], page["listings"][0]["lon"] = 37.5133, 127.1001  # to Jamsil
    hub.pages["changes"] = page
    src = client(hub.url, fetcher, center=list(KIOSK), radius_m=2000)
    result = src.fetch(cursor="v100")
    assert result.listings == ()
    assert {t.external_id for t in result.tombstones} == {"tool-drill", "carshare-gireum"}
    assert result.out_of_area == 1
    full = src.fetch()  # in a full snapshot it simply is not there
    assert full.tombstones == () and full.out_of_area == 0


def test_unauthorised_is_a_configuration_error(serve: Any, fetcher: HttpFetcher) -> None:
    server = serve(lambda _r: json_reply({"error": "bad token"}, 401))
    with pytest.raises(ConfigError) as caught:
        client(f"{server.base_url}{PATH}", fetcher, key="hub-token-123").fetch()
    assert "hub-token-123" not in str(caught.value)


def test_later_page_answering_304_is_refused(serve: Any, fetcher: HttpFetcher) -> None:
    def handler(request: Request) -> Reply:
        if request.param("page"):
            return Reply(304, b"")
        return Reply(200, fixture_bytes("hub/full_page1.json"))

    server = serve(handler)
    with pytest.raises(BadResponse, match="304"):
        client(f"{server.base_url}{PATH}", fetcher).fetch()


# -- against the reference server ---------------------------------------------------------


def row(n: int, free: int = 1) -> dict[str, object]:
    return {
        "id": f"item-{n:05d}",
        "kind": "item",
        "name": {"ko": f"나눔 물품 {n}", "en": f"Shared item {n}"},
        "lat": 37.60 + (n % 100) * 0.0001,
        "lon": 127.02 + (n // 100) * 0.0001,
        "units_total": 2,
        "units_free": free,
        "bookable": False,
    }


@pytest.fixture
def model(serve: Any) -> tuple[HubFeedModel, str]:
    feed = HubFeedModel()
    for n in range(250):
        feed.upsert(row(n))
    server = serve(feed.respond)
    return feed, f"{server.base_url}{PATH}"


def test_reference_server_round_trip(model: tuple[HubFeedModel, str], fetcher: HttpFetcher) -> None:
    feed, url = model
    src = client(url, fetcher, options={"page_size": 100})
    full = src.fetch()
    assert (len(full.listings), full.pages, full.complete) == (250, 3, True)
    assert full.cursor == "v250" and full.etag == '"v250"'
    same = src.fetch(etag=full.etag, cursor=full.cursor)
    assert same.not_modified
    feed.upsert(row(7, free=0))
    feed.delete("item-00008")
    feed.upsert(row(999))
    changes = src.fetch(etag=full.etag, cursor=full.cursor)
    assert not changes.complete and changes.cursor == "v253"
    assert {x.external_id for x in changes.listings} == {"item-00007", "item-00999"}
    assert [t.external_id for t in changes.tombstones] == ["item-00008"]
    again = src.fetch(etag=changes.etag, cursor=changes.cursor)
    assert again.not_modified


def test_reference_server_pages_consistently_while_data_changes(
    model: tuple[HubFeedModel, str], fetcher: HttpFetcher
) -> None:
    feed, url = model
    state: dict[str, dict[str, object]] = {}
    original = feed.respond

    def meddling(request: Request) -> Reply:
        reply = original(request)
        if request.param("page"):  # change data between pages
            feed.upsert(row(0, free=0))  # already served
            feed.upsert(row(240, free=0))  # not yet served
            feed.delete("item-00001")
            feed.upsert(row(5000))
        return reply

    server_url = url
    feed.respond = meddling  # type: ignore[method-assign]
    src = client(server_url, fetcher, options={"page_size": 100})
    full = src.fetch()
    for x in full.listings:
        state[x.external_id] = {"free": x.units_free}
    feed.respond = original  # type: ignore[method-assign]
    changes = src.fetch(cursor=full.cursor)
    for x in changes.listings:
        state[x.external_id] = {"free": x.units_free}
    for t in changes.tombstones:
        state.pop(t.external_id, None)
    truth = {i: feed.get(i) for i in feed.ids()}
    assert set(state) == set(truth)
    assert all(state[i]["free"] == truth[i]["units_free"] for i in truth)  # type: ignore[index]


def test_unknown_cursor_gets_a_full_snapshot(
    model: tuple[HubFeedModel, str], fetcher: HttpFetcher
) -> None:
    _feed, url = model
    result = client(url, fetcher).fetch(cursor="v999999")
    assert result.complete and len(result.listings) == 250


def test_owner_field_is_checked_and_falls_back_to_the_provider(
        hub: HubFixtureServer, fetcher: HttpFetcher) -> None:
    base = {"kind": "space", "lat": 37.606, "lon": 127.025, "name": {"ko": "공간"}}
    rows: list[object] = [
        {**base, "id": "city", "owner": {"kind": "city", "name": "서울특별시"}},
        {**base, "id": "future", "owner": {"kind": "cooperative", "name": "길음 협동조합"}},
        {**base, "id": "guessed", "provider": "서울특별시"},
        {**base, "id": "company", "provider": "(주)나눔공유"},
        {**base, "id": "none"},
        {**base, "id": "spoof", "extra": {"owner_kind": "city", "owner_name": "서울특별시",
                                          "rental_uri_web": "https://evil.example/"}},
        {**base, "id": "text", "owner": "서울시"},
        {**base, "id": "noname", "owner": {"kind": "city", "name": " "}},
        {**base, "id": "numkind", "owner": {"kind": 3, "name": "x"}},
    ]
    hub.pages["page1"] = json.dumps({"version": "1.0", "complete": True, "listings": rows,
                                     "next": None, "cursor": "v1"}).encode()
    result = client(hub.url, fetcher).fetch()
    owners = {x.external_id: (x.extra.get("owner_kind"), x.extra.get("owner_name"))
              for x in result.listings}
    assert owners == {
        "city": ("city", "서울특별시"),
        "future": ("group", "길음 협동조합"),  # a kind not known yet: guessed from the name
        "guessed": ("city", "서울특별시"),
        "company": ("company", "(주)나눔공유"),
        "none": (None, None),
        "spoof": (None, None),  # free-form extra cannot pose as the owner or a link
    }
    assert "rental_uri_web" not in next(x for x in result.listings
                                        if x.external_id == "spoof").extra
    assert {(q.external_id, q.reason) for q in result.quarantined} == {
        ("text", "owner must be an object with kind and name"),
        ("noname", "owner.name is empty"),
        ("numkind", "owner.kind must be text"),
    }
