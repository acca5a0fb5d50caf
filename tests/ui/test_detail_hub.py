"""A hub listing's detail screen says what the feed says: the service (따릉이), the
number on the station's sign, the real bike count, free docks and e-bikes, parking fees,
hours and phone — on the demo hub's data, synced as the kiosk syncs it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.map.listing import MapListing
from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_data import LOTS
from kiosk.sync.demo_hub import DemoHub
from kiosk.sync.registry import build_source
from kiosk.sync.runner import SyncRunner
from kiosk.ui.hub import SyncedHub
from kiosk.ui.screens.detail import reported_free
from tests.ui.conftest import settle

KIOSK = (37.6066, 127.0237)


@pytest.fixture
def synced(demo_services: Any, clock: Any) -> Iterator[SyncedHub]:
    server = DemoHub(hub_tick_s=0).start()
    try:
        configs = [SourceConfig.from_mapping(c) for c in server.source_configs()]
        runner = SyncRunner([build_source(c) for c in configs], demo_services.hub,
                            owner="lobby-1")
        assert {o.outcome for o in runner.run_once()} == {"applied"}
    finally:
        server.stop()
    hub = SyncedHub(demo_services.hub, KIOSK, 3000,
                    [(c.id, c.kind, c.interval_s) for c in configs])
    hub.refresh()
    yield hub


def open_detail(qtbot: Any, window: Any, listing: MapListing) -> Any:
    window.go("detail", resource_id=listing.id)
    settle(qtbot, window)
    detail = window.screens["detail"]
    qtbot.waitUntil(lambda: detail.listing is not None, timeout=5000)
    return detail


def test_a_ttareungyi_station_shows_service_number_and_real_count(
        qtbot: Any, make_window: Any, synced: SyncedHub) -> None:
    stations = [i for i in synced.nearby() if i.facts.get("service_ko") == "따릉이"]
    assert stations, "the demo hub's Seoul bike stations were synced"
    station = next(i for i in stations if i.facts.get("station_no") == "3503")
    window = make_window(hub=synced)
    detail = open_detail(qtbot, window, station)
    assert detail.title.text() == f"3503번 {station.name_ko}"
    assert detail.where.text().startswith("따릉이 · ")
    free = reported_free(station)
    assert f"지금 {free} / {station.units_total} 이용 가능" in detail.free.text()
    window.set_language("en")
    settle(qtbot, window)
    assert detail.title.text().startswith("No. 3503 ")
    assert detail.where.text().startswith("Ttareungyi (Seoul Bike) · ")


def test_a_parking_lot_shows_fees_hours_and_phone(
        qtbot: Any, make_window: Any, synced: SyncedHub) -> None:
    demo = LOTS[0]
    lot = next(i for i in synced.nearby() if i.kind == "parking"
               and i.name_ko == demo.name)
    window = make_window(hub=synced)
    detail = open_detail(qtbot, window, lot)
    assert detail.facts.isVisible()
    facts = dict(detail.fact_texts())
    assert facts["기본 요금"] == f"{demo.base_fee:,}원 / 5분"
    assert facts["평일 운영"].startswith(f"{demo.weekday[0][:2]}:{demo.weekday[0][2:]}")
    assert facts["전화"] == demo.phone
    assert detail.where.text().startswith("서울시 공영주차장 · ")


def test_gbfs_docks_and_e_bikes_are_shown(
        qtbot: Any, make_window: Any, synced: SyncedHub) -> None:
    with_docks = [i for i in synced.nearby() if "docks_available" in i.facts]
    assert with_docks, "the demo GBFS feeds report docks"
    electric = [i for i in with_docks if "electric_available" in i.facts] or with_docks
    listing = electric[0]
    window = make_window(hub=synced)
    detail = open_detail(qtbot, window, listing)
    facts = dict(detail.fact_texts())
    assert facts["빈 거치대"] == f"{listing.facts['docks_available']}개"
    if "electric_available" in listing.facts:
        assert facts["전기자전거"] == f"{listing.facts['electric_available']}대"


class OneLot:
    """A hub with one public parking lot whose feed says everything it can."""

    def __init__(self) -> None:
        facts = {"paid": "유료", "fee_base_krw": "150", "fee_base_min": "5",
                 "fee_add_krw": "150", "fee_add_min": "5", "fee_day_max_krw": "9000",
                 "fee_month_krw": "176000", "hours_weekday": "00:00-24:00",
                 "hours_weekend": "09:00-21:00", "night_open": "야간 미개방",
                 "lot_type": "노외 주차장", "phone": "02-2241-3111"}
        self.lot = MapListing(id="hub-1", kind="parking", name_ko="길음 공영주차장",
                              name_en="Gireum public parking", lat=37.6060, lon=127.0240,
                              units_free=3, units_total=42, as_of=None, status="available",
                              facts=facts)

    def nearby(self) -> list[MapListing]:
        return [self.lot]

    def status(self) -> Any:
        from kiosk.ui.hub import HubStatus

        return HubStatus(online=True, listings_as_of=None)


def test_a_parking_lots_facts_read_as_label_and_value_in_both_languages(
        qtbot: Any, make_window: Any) -> None:
    hub = OneLot()
    window = make_window(hub=hub)
    detail = open_detail(qtbot, window, hub.lot)
    assert detail.fact_texts() == [
        ("요금 구분", "유료"), ("기본 요금", "150원 / 5분"), ("추가 요금", "150원 / 5분"),
        ("일 최대 요금", "9,000원"), ("월 정기권", "176,000원"),
        ("평일 운영", "00:00-24:00"), ("주말 운영", "09:00-21:00"),
        ("야간 개방", "야간 미개방"), ("전화", "02-2241-3111"), ("주차장 종류", "노외 주차장"),
    ]
    window.set_language("en")
    settle(qtbot, window)
    facts = dict(detail.fact_texts())
    assert facts["Charged"] == "Paid"
    assert facts["Base fee"] == "KRW 150 per 5 min"
    # The feed's Korean words the kiosk knows are said in English too.
    assert facts["Lot type"] == "Off-street car park"
    assert facts["Open at night"] == "Not free at night"
