"""The detail screen says who provides a thing, what the feed knows about a hub listing
(with its provider's page as a QR code), and what a village resource costs — without
pushing the slot grid or the booking bar off the glass."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from kiosk.domain.owners import Owner, OwnerKind
from kiosk.map.listing import MapListing
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import LANDSCAPE, PORTRAIT, settle, tap
from tests.ui.test_flows import open_detail

LINK = "https://www.bikeseoul.com/app/station/rent?station=3503"


def station(as_of: datetime, link: str | None = LINK, **extra: str) -> MapListing:
    """A Ttareungyi station as the Seoul feed describes it, provided by the city."""
    facts = {"service_ko": "따릉이", "service_en": "Ttareungyi (Seoul Bike)",
             "station_no": "3503", "docks_available": "4", "electric_available": "2",
             "battery_pct": "80", "range_m": "23500", "vehicle_types": "일반 · 새싹 · 전기",
             "price_ko": "1시간 1,000원", "price_en": "KRW 1,000 per hour",
             "hours": "00:00-24:00", "rent_how_ko": "따릉이 앱에서 QR 대여",
             "rent_how_en": "Rent with the Ttareungyi app's QR", "phone": "1599-0120",
             "owner_kind": "city", "owner_name": "서울시설공단",
             "owner_name_en": "Seoul Facilities Corporation", **extra}
    return MapListing(
        id="seoul-bike-ST-3503" if link else "seoul-bike-ST-3504", kind="bike",
        name_ko="길음역 3번 출구", name_en="Gireum Stn exit 3", lat=37.6035, lon=127.0251,
        units_free=7, units_total=15, as_of=as_of, status="available", facts=facts,
        owner=Owner(OwnerKind.CITY, "서울시설공단", "Seoul Facilities Corporation"),
        link=link)


class StationHub:
    """A hub with two stations: one whose feed gives a rental page, one without."""

    def __init__(self, as_of: datetime) -> None:
        self.as_of = as_of
        self.station = station(as_of)
        self.no_link = station(as_of, link=None)

    def nearby(self) -> list[MapListing]:
        return [self.station, self.no_link]

    def status(self) -> Any:
        from kiosk.ui.hub import HubStatus

        return HubStatus(online=True, listings_as_of=self.as_of)


def open_listing(qtbot: Any, window: KioskWindow, listing_id: str) -> Any:
    """A resident taps the station in the bike list."""
    window.go_home()
    settle(qtbot, window)
    tap(qtbot, window.screens["home"].tiles["bike"], window)  # type: ignore[attr-defined]
    browse = window.screens["browse"]
    tap(qtbot, browse.rows[listing_id], window)  # type: ignore[attr-defined]
    detail = window.screens["detail"]
    assert window.current is detail
    qtbot.waitUntil(lambda: detail.listing is not None  # type: ignore[attr-defined]
                    and detail.listing.id == listing_id, timeout=5000)  # type: ignore[attr-defined]
    return detail


def test_a_village_resource_says_the_village_provides_it(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    assert detail.owner.isVisible()
    assert detail.owner.text() == "제공: 길음 나눔마을 (우리 마을)"
    window.set_language("en")
    settle(qtbot, window)
    assert detail.owner.text() == "Provided by: Gireum Sharing Village (Our village)"


def test_a_district_resource_names_the_district_office(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    window.go("detail", resource_id="seongbuk-sharing-center")
    settle(qtbot, window)
    detail = window.screens["detail"]
    assert detail.owner.text() == "제공: 성북구청 (자치구)"
    window.set_language("en")
    settle(qtbot, window)
    assert detail.owner.text() == (
        "Provided by: Seongbuk-gu Office (District)")


def test_a_hub_listing_names_its_provider_once(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    hub = StationHub(clock.now)
    window = make_window(hub=hub)
    detail = open_listing(qtbot, window, hub.station.id)
    assert detail.owner.isVisible()
    assert detail.owner.text() == "제공: 서울시설공단 (서울시)"
    # The provider is said on its own line, not again among the facts.
    assert "제공" not in [name for name, _value in detail.fact_texts()]
    window.set_language("en")
    settle(qtbot, window)
    assert detail.owner.text() == "Provided by: Seoul Facilities Corporation (City)"


def test_a_listing_without_an_owner_says_nothing_about_one(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    hub = StationHub(clock.now)
    bare = MapListing(id="bike-bare", kind="bike", name_ko="무명 대여소", name_en="",
                      lat=37.6036, lon=127.0252, units_free=1, units_total=5, as_of=None,
                      status="available")
    hub.station = bare
    window = make_window(hub=hub)
    detail = open_listing(qtbot, window, "bike-bare")
    assert not detail.owner.isVisible()
    assert not detail.facts.isVisible()


def test_a_hub_listing_shows_its_facts_and_a_qr_code_for_its_page(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    hub = StationHub(clock.now)
    window = make_window(hub=hub)
    detail = open_listing(qtbot, window, hub.station.id)
    facts = dict(detail.fact_texts())
    assert facts["빈 거치대"] == "4개"
    assert facts["빈 거치대"] == "4개"
    assert facts["전기자전거"] == "2대"
    assert facts["자전거 종류"] == "일반 · 새싹 · 전기"
    assert facts["배터리"] == "80%"
    assert facts["주행 가능 거리"] == "23.5 km"
    assert facts["요금"] == "1시간 1,000원"
    assert facts["운영 시간"] == "00:00-24:00"
    assert facts["대여 방법"] == "따릉이 앱에서 QR 대여"
    assert facts["전화"] == "1599-0120"
    assert all(name.isVisible() and value.isVisible() for name, value in detail.fact_rows)
    assert detail.qr.isVisible() and not detail.qr.pixmap().isNull()
    assert detail.qr_caption.isVisible()
    assert detail.qr_caption.text() == "휴대폰으로 대여·안내 페이지 열기"
    assert detail.link == LINK
    window.set_language("en")
    settle(qtbot, window)
    facts = dict(detail.fact_texts())
    assert facts["Free docks"] == "4"
    assert facts["Price"] == "KRW 1,000 per hour"
    assert facts["How to rent"] == "Rent with the Ttareungyi app's QR"
    assert detail.qr_caption.text() == "Open the rental and info page on your phone"


def test_a_hub_listing_without_a_link_has_no_qr_code(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    hub = StationHub(clock.now)
    window = make_window(hub=hub)
    detail = open_listing(qtbot, window, hub.no_link.id)
    assert dict(detail.fact_texts())["빈 거치대"] == "4개"
    assert not detail.qr.isVisible() and not detail.qr_caption.isVisible()
    assert detail.link is None
    # Then a station with a page: its code appears; back to one without: gone again.
    detail = open_listing(qtbot, window, hub.station.id)
    assert detail.qr.isVisible()
    detail = open_listing(qtbot, window, hub.no_link.id)
    assert not detail.qr.isVisible()


def test_a_village_resource_shows_no_feed_facts(qtbot: Any, make_window: Any,
                                                clock: Any) -> None:
    hub = StationHub(clock.now)
    window = make_window(hub=hub)
    open_listing(qtbot, window, hub.station.id)
    window.go_home()
    settle(qtbot, window)
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    assert not detail.facts.isVisible() and not detail.qr.isVisible()
    assert detail.fact_texts() == []


def test_the_community_room_says_what_it_costs_before_booking(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "room-community")
    assert detail.fees_heading.isVisible() and detail.fees.isVisible()
    assert detail.fees_heading.text() == "이용료"
    assert detail.fees.text().split("\n") == [
        "• 이용료 (주민): 시간당 5,000원 (처음 30분 무료)",
        "• 이용료 (이웃 회원): 시간당 10,000원 (처음 30분 무료)",
        "• 보증금: 행사로 쓸 때는 보증금 50,000원을 관리사무소에 맡기고, 정리를 확인한 뒤 "
        "돌려받습니다.",
        "• 취소 수수료: 언제 취소해도 10%, 7일 안 30%, 당일 50% · 예약 후 10분 안에는 무료",
        "• 월 관리비에 함께 청구됩니다",
    ]
    window.set_language("en")
    settle(qtbot, window)
    assert detail.fees_heading.text() == "Fees"
    lines = detail.fees.text().split("\n")
    assert lines[0] == "• Fee for residents: ₩5,000 per hour (first 30 min free)"
    assert lines[-1] == "• Charged on the monthly maintenance bill"


def test_the_parking_is_free_and_says_nothing_about_fees(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    open_detail(qtbot, window, "space", "room-community")
    window.go_home()
    settle(qtbot, window)
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    assert detail.rules.isVisible()
    assert not detail.fees_heading.isVisible() and not detail.fees.isVisible()
    assert detail.fees.text() == ""


def on_window(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def fully_seen(window: KioskWindow, detail: Any, widget: QWidget) -> bool:
    """On the glass and not hidden under the scroll's edge."""
    seen = on_window(window, detail.body.viewport())
    if detail.body.isAncestorOf(widget):
        return seen.contains(on_window(window, widget))
    return window.rect().contains(on_window(window, widget))


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_first_slots_and_the_booking_bar_stay_in_view(
        qtbot: Any, make_window: Any, size: tuple[int, int], language: str) -> None:
    window = make_window(size)
    window.set_language(language)
    settle(qtbot, window)
    detail = open_detail(qtbot, window, "space", "room-community")
    assert detail.owner.isVisible() and detail.fees.isVisible()
    cells = list(detail.slot_buttons.values())
    assert cells
    # Cells added to a shown layout appear, and the layout settles, on the next turns.
    qtbot.waitUntil(lambda: all(cell.isVisible() for cell in cells), timeout=2000)
    qtbot.wait(100)
    top = min(on_window(window, cell).top() for cell in cells)
    first_row = [cell for cell in cells if on_window(window, cell).top() == top]
    for widget in [*first_row, detail.summary, detail.book_button, detail.bar]:
        assert fully_seen(window, detail, widget), (widget.objectName(),
                                                    on_window(window, widget))
    assert detail.body.verticalScrollBar().value() == 0


@pytest.mark.parametrize("mode", [{}, {"text_scale": 200}, {"high_contrast": True}],
                         ids=["normal", "200", "high-contrast"])
@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_fees_facts_and_qr_code_pass_the_audit(
        qtbot: Any, make_window: Any, clock: Any, size: tuple[int, int], language: str,
        mode: dict[str, Any]) -> None:
    from kiosk.ui.accessibility.audit import AuditMode, audit

    hub = StationHub(clock.now)
    window = make_window(size, hub=hub)
    window.set_language(language)
    window.accessibility.update(**mode)
    settle(qtbot, window)
    audit_mode = AuditMode.from_settings(window.accessibility, window.geometry_)
    detail = open_detail(qtbot, window, "space", "room-community")
    qtbot.waitUntil(lambda: all(c.isVisible() for c in detail.slot_buttons.values()),
                    timeout=2000)
    qtbot.wait(1)
    assert [str(f) for f in audit(window, audit_mode)] == []
    detail = open_listing(qtbot, window, hub.station.id)
    assert detail.qr.isVisible() and detail.fact_rows
    qtbot.wait(1)
    assert [str(f) for f in audit(window, audit_mode)] == []
