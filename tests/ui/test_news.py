"""The village board on the kiosk: the 소식 tile and screen, the attract view's rotation
(slow enough to read, never flashing), expiry, both languages and voice guidance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt

from kiosk.domain.bookings import Actor
from kiosk.domain.notices import MIN_SHOWN_S, Notice
from kiosk.ui.screens.news import NoticeCard
from tests.ui.a11y.test_speech import FakeEngine
from tests.ui.conftest import LANDSCAPE, settle, tap

DESK = Actor("admin", "kim", is_manager=True)
TODAY = date(2026, 11, 23)


def post(services: Any, title: str, first: date = TODAY, last: date | None = None,
         body: str = "자세한 내용은 관리사무소에 문의하세요.", **kw: Any) -> Notice:
    notice: Notice = services.notices.post(Notice(title_ko=title, body_ko=body, first_day=first,
                                                  last_day=last, **kw), DESK)
    return notice


def test_the_news_tile_and_screen_show_current_notices_pinned_first(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    post(demo_services, "지난 장터", TODAY - timedelta(days=9), TODAY - timedelta(days=2))
    post(demo_services, "분리수거 요일 변경", TODAY - timedelta(days=1))
    post(demo_services, "엘리베이터 점검", TODAY - timedelta(days=3), TODAY + timedelta(days=2),
         pinned=True, title_en="Lift maintenance", body_en="Building 101, 10:00 to 12:00.")
    post(demo_services, "다음 달 행사", TODAY + timedelta(days=5))
    window = make_window()
    home = window.screens["home"]
    tile = home.tiles["news"]  # type: ignore[attr-defined]
    assert tile.text() == "마을 소식 2건 · 엘리베이터 점검"
    tap(qtbot, tile, window)
    news = window.screens["news"]
    assert window.current is news
    cards = news.findChildren(NoticeCard)
    assert [c.notice.title_ko for c in cards] == ["엘리베이터 점검", "분리수거 요일 변경"]
    assert cards[0].title.text() == "중요 · 엘리베이터 점검"
    assert cards[0].when.text() == "11/20~11/25"
    assert cards[1].when.text() == "11/22부터"
    tap(qtbot, window.language_buttons["en"], window)  # type: ignore[attr-defined]
    cards = news.findChildren(NoticeCard)
    assert cards[0].title.text() == "Important · Lift maintenance"
    assert cards[0].body.text() == "Building 101, 10:00 to 12:00."
    assert cards[1].title.text() == "분리수거 요일 변경"  # no English written: Korean stays


def test_with_no_notice_the_tile_says_so_and_the_attract_board_hides(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    assert window.screens["home"].tiles["news"].text() == "마을 소식 새 소식 없음"  # type: ignore[attr-defined]
    window.go("attract")
    settle(qtbot, window)
    assert not window.screens["attract"].board.isVisible()  # type: ignore[attr-defined]


def test_the_attract_board_turns_over_slowly_and_stops_when_someone_comes(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    post(demo_services, "엘리베이터 점검", pinned=True)
    post(demo_services, "옥상 텃밭 모종 나눔", body="토요일 오전 10시 " * 20)
    window = make_window()
    window.go("attract")
    settle(qtbot, window)
    board = window.screens["attract"].board  # type: ignore[attr-defined]
    assert board.isVisible()
    assert board.heading.text() == "마을 소식 1/2"
    assert board.title.text() == "중요 · 엘리베이터 점검"
    # Up for its whole reading time: at least 8 s, longer for the longer text.
    assert board.timer.isActive() and board.timer.interval() == MIN_SHOWN_S * 1000
    board.timer.timeout.emit()
    assert board.title.text() == "옥상 텃밭 모종 나눔"
    assert board.timer.interval() > MIN_SHOWN_S * 1000
    board.timer.timeout.emit()
    assert board.title.text() == "중요 · 엘리베이터 점검"  # round again
    # New contents (a sync, a post) keep the notice on screen where it is.
    board.timer.timeout.emit()
    window.go("attract")
    settle(qtbot, window)
    assert board.title.text() == "옥상 텃밭 모종 나눔"
    qtbot.mouseClick(window.screens["attract"], Qt.MouseButton.LeftButton)
    assert window.current is window.screens["home"]
    assert not board.timer.isActive()


def test_the_attract_board_in_english(qtbot: Any, make_window: Any,
                                      demo_services: Any) -> None:
    post(demo_services, "엘리베이터 점검", title_en="Lift maintenance",
         body_en="Building 101, 10:00 to 12:00.")
    window = make_window()
    tap(qtbot, window.language_buttons["en"], window)  # type: ignore[attr-defined]
    window.go("attract")
    settle(qtbot, window)
    board = window.screens["attract"].board  # type: ignore[attr-defined]
    assert (board.heading.text(), board.title.text(), board.body.text()) == (
        "Village news", "Lift maintenance", "Building 101, 10:00 to 12:00.")
    assert not board.timer.isActive()  # one notice: nothing to turn to


def test_voice_guidance_reads_a_notice_when_it_is_tapped(qtbot: Any,
                                                         demo_services: Any) -> None:
    post(demo_services, "엘리베이터 점검", body="101동, 10시부터 12시까지.")
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.accessibility.speech import Status
    from kiosk.ui.i18n import LanguageSwitcher
    from kiosk.ui.window import KioskWindow, Timeouts

    engine = FakeEngine()
    window = KioskWindow(demo_services.settings, demo_services.bookings,
                         LanguageSwitcher(QApplication.instance()), screen_px=LANDSCAPE,
                         timeouts=Timeouts(idle_s=600, home_idle_s=600, receipt_s=600),
                         speech=(engine, Status.READY, ""), notices=demo_services.notices)
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    window.accessibility.update(voice=True)
    tile = window.screens["home"].tiles["news"]  # type: ignore[attr-defined]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert engine.said[-1] == "마을 소식 화면입니다."
    [card] = window.screens["news"].findChildren(NoticeCard)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert engine.said[-1].startswith("엘리베이터 점검. 101동, 10시부터 12시까지.")


def test_at_night_closed_kinds_say_when_they_open_instead_of_none(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    from datetime import datetime

    from kiosk.domain.clock import SEOUL

    clock.now = datetime(2026, 11, 23, 23, 30, tzinfo=SEOUL)
    window = make_window()
    tiles = window.screens["home"].tiles  # type: ignore[attr-defined]
    assert tiles["bike"].text() == "자전거 지금은 운영 시간이 아닙니다 · 내일 06:00부터"
    assert tiles["item"].text() == "물품 지금은 운영 시간이 아닙니다 · 내일 08:00부터"
    assert tiles["parking"].text().startswith("주차 지금 ")  # open all night
    assert "0곳" not in " ".join(t.text() for t in tiles.values())
    tap(qtbot, window.language_buttons["en"], window)  # type: ignore[attr-defined]
    assert tiles["bike"].text().endswith("Closed now · opens: Tomorrow 06:00")


def test_the_sharing_newsletter_shows_with_its_source_date_and_a_qr(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    from kiosk.domain.notices import NewsItem
    from kiosk.ui.screens.news import NewsCard

    items = [NewsItem("seoul-hub", "n1", "공구도서관 겨울 운영 시간", "평일 10시~19시",
                      date(2026, 11, 20), title_en="Tool library winter hours",
                      link="https://example.org/news/tools", provider="서울시 공유허브"),
             NewsItem("seoul-hub", "n2", "이달의 공유 소식", "주차장 공유 1년",
                      date(2026, 11, 18))]
    with demo_services.bookings.uow(write=True) as uow:
        uow.hub_news.apply("seoul-hub", items, (), True, clock.now)
        uow.commit()
    window = make_window()
    tile = window.screens["home"].tiles["news"]  # type: ignore[attr-defined]
    assert tile.text() == "마을 소식 2건 · 공구도서관 겨울 운영 시간"
    tap(qtbot, tile, window)
    cards = window.screens["news"].findChildren(NewsCard)
    assert [c.item.external_id for c in cards] == ["n1", "n2"]
    assert cards[0].source.text() == "서울시 공유허브 · 11/20"
    assert cards[1].source.text() == "공유허브 · 11/18"
    assert cards[0].qr is not None and not cards[0].qr.pixmap().isNull()
    assert cards[1].qr is None  # no link, no code to scan
    tap(qtbot, window.language_buttons["en"], window)  # type: ignore[attr-defined]
    cards = window.screens["news"].findChildren(NewsCard)
    assert cards[0].title.text() == "Tool library winter hours"
    assert cards[1].source.text() == "Sharing hub · 11/18"
