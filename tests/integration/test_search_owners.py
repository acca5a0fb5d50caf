"""Owners stored with the village's resources, and search over the village's resources
and the hub's listings through the services (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.app import read_resource_file
from kiosk.domain.owners import Owner, OwnerKind
from kiosk.services.hub_sync import HubSyncService
from kiosk.services.ports import FeedBatch
from kiosk.services.search import SearchService
from kiosk.sync.records import FeedListing, FetchResult
from kiosk.sync.seoul_openapi import BIKE_SERVICE
from tests.builders import MANAGER

KIOSK = (37.6063, 127.0256)
AT = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def demo_village(services) -> None:  # type: ignore[no-untyped-def]
    from kiosk.app import DEMO_DIR

    services.village.import_resources(read_resource_file(DEMO_DIR / "village.toml"), MANAGER)


def sync_bikes(hub: HubSyncService) -> None:
    rows = (
        FeedListing("seoul-bikes", "ST-3504", "bike", "길음시장 입구", "", "", "", 37.6055,
                    127.0232, "", 8, 3, None, extra=dict(BIKE_SERVICE) | {"station_no": "3504"}),
        FeedListing("seoul-bikes", "ST-3501", "bike", "길음역 1번출구", "", "", "", 37.6035,
                    127.0253, "", 15, 9, None, extra=dict(BIKE_SERVICE)),
        FeedListing("hub", "room-1", "space", "길음1동 주민센터 나눔공간",
                    "Gireum 1-dong Community Sharing Room", "", "", 37.6069, 127.0262,
                    "서울특별시 성북구 길음로 25", 1, 1, None,
                    extra={"provider": "성북구청", "url": "https://hub.example/room-1",
                           "owner_kind": "district", "owner_name": "성북구청"}),
    )
    for source in ("seoul-bikes", "hub"):
        batch: FeedBatch = FetchResult(
            tuple(r for r in rows if r.source_id == source), (), (), complete=True,
            not_modified=False, etag=None, cursor=None, ttl_s=None, fetched_at=AT,
            source_id=source)
        assert hub.claim(source, "test").acquired
        hub.apply(batch, owner="test", next_attempt_at=AT, retry_at=AT)


def test_village_resources_carry_their_owner(services) -> None:  # type: ignore[no-untyped-def]
    demo_village(services)
    tool = services.bookings.resource("tool-drill")
    assert tool.owner == Owner(OwnerKind.GROUP, "길음 공구도서관 모임",
                               "Gireum Tool Library Circle")
    assert services.bookings.resource("room-community").owner is None  # the village's own
    overview = {o.resource.id: o for o in services.bookings.overview()}
    assert overview["tool-drill"].owner == tool.owner
    assert overview["seongbuk-sharing-center"].owner.kind is OwnerKind.DISTRICT
    village = overview["room-community"].owner
    assert (village.kind, village.name) == (OwnerKind.VILLAGE, "길음 나눔마을")
    exported = {r["id"]: r for r in services.village.export_resources()}
    assert exported["tool-drill"]["owner"] == {"kind": "group", "name": "길음 공구도서관 모임",
                                               "name_en": "Gireum Tool Library Circle"}
    assert "owner" not in exported["room-community"]


def test_search_over_resources_and_listings(services) -> None:  # type: ignore[no-untyped-def]
    demo_village(services)
    hub = HubSyncService(uow=services.hub.uow, clock=lambda: AT)
    sync_bikes(hub)
    search = SearchService(services.bookings, hub)
    found = search.search("ㄷㄹㅇ", *KIOSK)
    assert [r.id for r in found] == [f"hub-{n.listing.id}" for n in hub.nearby(*KIOSK)
                                     if n.listing.source_id == "seoul-bikes"]
    assert [r.name_ko for r in found] == ["길음시장 입구", "길음역 1번출구"]
    assert found[0].owner == Owner(OwnerKind.CITY, "서울특별시", "Seoul Metropolitan Government")
    assert found[0].listing is not None and found[0].resource is None
    parking = search.search("주차", *KIOSK)
    assert {r.source for r in parking} == {"local"}
    assert [r.distance_m for r in parking] == sorted(r.distance_m for r in parking)
    assert {r.id for r in parking} == {"parking-b2-north", "parking-visitor-b1", "parking-ev"}
    tools = search.search("", *KIOSK, owner_kinds=["group"])
    assert {r.id for r in tools} == {"tool-drill", "tool-ladder"}
    assert tools[0].resource is not None and tools[0].resource.units_free is not None
    district = search.search("", *KIOSK, owner_kinds=[OwnerKind.DISTRICT])
    assert [r.source for r in district] == ["hub", "local"]  # the room, then the centre
    room = district[0]
    assert room.listing is not None
    assert room.listing.listing.link == "https://hub.example/room-1"
    assert [f.label_en for f in room.listing.listing.facts()] == ["Provided by"]
    assert search.search("ㄷㄹㅇ", *KIOSK, source="local") == []
    # The village's own bikes are found by the village's name (their owner) too.
    assert [r.id for r in search.search("ㄱㅇ", *KIOSK, source="local", kinds=["bike"])] == [
        "bike-village"]
    assert [r.id for r in search.search("마을자전거", *KIOSK)] == ["bike-village"]
    row = found[0].as_dict()
    assert set(row) >= {"id", "name", "kind", "distance_m", "owner", "source"}
    assert row["owner"] == {"kind": "city", "name": "서울특별시",
                            "name_en": "Seoul Metropolitan Government"}
