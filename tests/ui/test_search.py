"""Search on the kiosk: the 두벌식 keypad, results as the resident types, the way to a
detail screen, and the 검색 entries on home and the map — all with real taps."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.domain.owners import Owner, OwnerKind
from kiosk.map.listing import MapListing
from kiosk.ui.accessibility.audit import AuditMode, audit
from kiosk.ui.hub import HubStatus
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import LANDSCAPE, PORTRAIT, settle, tap
from tests.ui.test_screen_audit import MODES


class BikeHub:
    """The hub has synced one Ttareungyi station near the kiosk."""

    def __init__(self) -> None:
        self.listing = MapListing(
            id="hub-3504", kind="bike", name_ko="따릉이 3504 길음역",
            name_en="Ttareungyi 3504 Gireum Stn", lat=37.6035, lon=127.0250, units_free=5,
            units_total=12, as_of=None, status="available",
            owner=Owner(OwnerKind.CITY, "서울시설공단", "Seoul Facilities Corporation"))

    def nearby(self) -> list[MapListing]:
        return [self.listing]

    def status(self) -> HubStatus:
        return HubStatus(online=True, listings_as_of=None)


def open_search(qtbot: Any, window: KioskWindow) -> Any:
    tap(qtbot, window.screens["home"].tiles["search"], window)  # type: ignore[attr-defined]
    screen = window.screens["search"]
    assert window.current is screen
    return screen


def press(qtbot: Any, window: KioskWindow, keys: str) -> None:
    """Each character is one tap on the key showing it."""
    keypad = window.screens["search"].keypad  # type: ignore[attr-defined]
    for key in keys:
        tap(qtbot, keypad.keys[key], window)


def found(screen: Any) -> list[str]:
    return list(screen.rows)


def test_the_keypad_composes_syllables_and_erases_one_key_at_a_time(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    screen = open_search(qtbot, window)
    keypad = screen.keypad
    press(qtbot, window, "ㄱㅏㄴㅏ")
    assert screen.query == "가나"
    assert screen.composer.composing == "나"
    # The syllable still being composed is shown, underlined.
    assert screen.field.text().startswith("가<u>나</u>")
    tap(qtbot, keypad.erase_key, window)  # back across the syllable: the ㄴ returns to 가
    assert screen.query == "간"
    assert screen.field.text().startswith("<u>간</u>")
    tap(qtbot, keypad.erase_key, window)
    assert screen.query == "가"
    # The shift gives one tense consonant, then lets go by itself.
    tap(qtbot, keypad.shift_key, window)
    assert "ㄸ" in keypad.keys and "ㄷ" not in keypad.keys
    press(qtbot, window, "ㄸ")
    assert screen.query == "가ㄸ"
    assert "ㄷ" in keypad.keys and not keypad.shift_key.isChecked()
    tap(qtbot, keypad.space_key, window)
    press(qtbot, window, "ㅁ")
    assert screen.query == "가ㄸ ㅁ"
    tap(qtbot, keypad.clear_key, window)
    assert screen.query == ""
    assert screen.summary.text().startswith("가까운 곳 11곳")  # everything, nearest first


def test_the_keypad_switches_to_english_letters_and_digits_and_back(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    screen = open_search(qtbot, window)
    keypad = screen.keypad
    assert keypad.language_key.text() == "ABC"
    tap(qtbot, keypad.language_key, window)
    assert "P" in keypad.keys and "ㅂ" not in keypad.keys
    assert not keypad.shift_key.isVisible()
    press(qtbot, window, "PARK")
    assert screen.query == "PARK"
    assert found(screen) == ["parking-visitor-b1", "parking-b2-north", "parking-ev"]
    tap(qtbot, keypad.digits_key, window)
    assert sorted(keypad.keys) == list("0123456789")
    assert keypad.digits_key.text() == "ABC"  # back to the letters used before
    press(qtbot, window, "1")
    assert screen.query == "PARK1"
    assert found(screen) == [] and screen.summary.text() == "찾는 곳이 없습니다"
    tap(qtbot, keypad.erase_key, window)
    tap(qtbot, keypad.digits_key, window)
    assert "Q" in keypad.keys
    tap(qtbot, keypad.language_key, window)  # 한글
    assert "ㅂ" in keypad.keys and keypad.shift_key.isVisible()
    press(qtbot, window, "ㄱ")
    assert screen.query == "PARKㄱ"


def test_from_home_through_the_keypad_to_a_resource_and_back(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    screen = open_search(qtbot, window)
    press(qtbot, window, "ㅈㅜㅊㅏ")
    assert screen.query == "주차"
    # Nearest first: the visitor spaces (47 m), then B2 north (50 m), then the EV bays.
    assert found(screen) == ["parking-visitor-b1", "parking-b2-north", "parking-ev"]
    card = screen.rows["parking-b2-north"]
    lines = [line.text() for line in card.findChildren(QLabel)]
    assert lines[0] == "공유주차장 B2 북측"
    assert lines[1] == "주차 · 길음 나눔마을 · 50 m · 걸어서 1분"  # kind, owner, distance
    assert lines[2] == "지금 4 / 4 이용 가능"
    tap(qtbot, card, window)
    detail = window.screens["detail"]
    assert window.current is detail
    assert detail.resource.id == "parking-b2-north"  # type: ignore[attr-defined]
    tap(qtbot, window.back_button, window)
    assert window.current is screen
    assert screen.query == "주차" and found(screen)[0] == "parking-visitor-b1"


def test_initial_consonants_find_a_resource_and_a_hub_listing(
        qtbot: Any, make_window: Any) -> None:
    window = make_window(hub=BikeHub())
    screen = open_search(qtbot, window)
    press(qtbot, window, "ㅇㅅㅌㅂ")
    assert found(screen) == ["rooftop-garden"]  # 옥상 텃밭 정원
    tap(qtbot, screen.keypad.clear_key, window)
    press(qtbot, window, "ㄷㄹㅇ")  # no shift needed for the ㄸ of 따릉이
    assert found(screen) == ["hub-3504"]
    lines = [line.text() for line in screen.rows["hub-3504"].findChildren(QLabel)]
    assert lines[:2] == ["따릉이 3504 길음역",
                         "자전거 · 서울시설공단 · 360 m · 걸어서 5분"]
    tap(qtbot, screen.rows["hub-3504"], window)
    detail: Any = window.screens["detail"]
    assert window.current is detail
    assert detail.title.text() == "따릉이 3504 길음역"


def test_nothing_found_says_so(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    screen = open_search(qtbot, window)
    press(qtbot, window, "ㅋㅋㅋ")
    assert found(screen) == []
    assert screen.summary.text() == "찾는 곳이 없습니다"
    tap(qtbot, screen.keypad.erase_key, window)
    assert screen.query == "ㅋㅋ" and found(screen) == []
    tap(qtbot, screen.keypad.erase_key, window)  # one ㅋ: 커뮤니티룸, 장보기 카트…
    assert "room-community" in found(screen) and "item-cart" in found(screen)
    assert screen.summary.text() != "찾는 곳이 없습니다"


def test_the_map_has_a_search_button_beside_the_page(qtbot: Any, make_window: Any) -> None:
    window = make_window(PORTRAIT)
    tap(qtbot, window.screens["home"].tiles["map"], window)  # type: ignore[attr-defined]
    button = window.map_screen.search_button
    assert button.text() == "검색"
    metrics = window.metrics
    assert button.width() >= metrics.target and button.height() >= metrics.target
    tap(qtbot, button, window)
    assert window.current is window.screens["search"]


def test_english_search_starts_on_english_letters(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.language_buttons["en"], window)
    screen = open_search(qtbot, window)
    assert screen.title.text() == "Search by name"
    assert screen.keypad.language_key.text() == "Korean"
    press(qtbot, window, "KITCHEN")
    assert found(screen) == ["kitchen-shared"]
    assert screen.summary.text() == "Found: 1 · nearest first"
    lines = [line.text() for line in screen.rows["kitchen-shared"].findChildren(QLabel)]
    assert lines[1] == "Spaces · Gireum Sharing Village · 10 m · 1 min walk"
    tap(qtbot, window.language_buttons["ko"], window)
    assert screen.query == "KITCHEN"  # the language changes nothing typed
    assert screen.summary.text() == "1곳 찾음 · 가까운 순"
    settle(qtbot, window)


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("mode", list(MODES))
def test_the_search_screen_passes_the_audit(qtbot: Any, make_window: Any,
                                            size: tuple[int, int], mode: str,
                                            language: str) -> None:
    """Keys, field and cards in every mode: big enough, apart, never cut off, reachable."""
    window = make_window(size, hub=BikeHub())
    window.set_language(language)
    window.accessibility.update(**MODES[mode])
    screen = open_search(qtbot, window)
    press(qtbot, window, "ㄱ" if language == "ko" else "P")
    assert found(screen)
    qtbot.wait(1)
    assert audited(window) == []
    tap(qtbot, screen.keypad.digits_key, window)  # the keypad at its smallest
    qtbot.wait(1)
    assert audited(window) == []


def audited(window: KioskWindow) -> list[str]:
    """The audit's findings, but for the limit the browse list has too: at 200 % in
    low-screen mode upright, a card taller than the reachable band scrolls into view part
    by part (let through only for as many cards as really are that tall)."""
    findings = audit(window, AuditMode.from_settings(window.accessibility, window.geometry_))
    viewport = window.panes["search"].viewport().height()
    rows: Any = window.screens["search"].rows  # type: ignore[attr-defined]
    tall = sum(card.height() > viewport for card in rows.values())
    cards = [f for f in findings
             if f.rule == "focus-clipped" and f.widget == "CardButton#resourceCard"]
    if len(cards) <= tall:
        findings = [f for f in findings if f not in cards]
    return [str(f) for f in findings]


def test_keys_are_spoken_in_voice_mode(qtbot: Any, demo_services: Any) -> None:
    from tests.ui.a11y.test_speech import FakeEngine
    from tests.ui.test_voice import voice_window

    engine = FakeEngine()
    window = voice_window(qtbot, demo_services, engine)
    try:
        window.accessibility.update(voice=True)
        home: Any = window.screens["home"]
        qtbot.mouseClick(home.tiles["search"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(home.tiles["search"], Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        screen: Any = window.screens["search"]
        assert window.current is screen
        assert engine.said[-1] == "검색 화면입니다."
        key = screen.keypad.keys["ㄱ"]
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)  # the first tap says the key
        assert engine.said[-1] == "기역, 버튼. 한 번 더 누르면 선택됩니다."
        assert screen.query == ""
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)  # the second one types it
        settle(qtbot, window)
        assert screen.query == "ㄱ"
        erase = screen.keypad.erase_key
        qtbot.mouseClick(erase, Qt.MouseButton.LeftButton)
        assert engine.said[-1].startswith("지우기, ")
        qtbot.mouseClick(erase, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
        assert screen.query == ""
    finally:
        window.background.shutdown()


def test_what_was_typed_goes_with_the_session(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    screen = open_search(qtbot, window)
    tap(qtbot, screen.keypad.language_key, window)
    press(qtbot, window, "BIKE")
    assert found(screen) == ["bike-village"]
    window.reset_session()  # what the idle warning does when nobody answers
    settle(qtbot, window)
    assert screen.query == "" and screen.keypad.mode == "ko"
    screen = open_search(qtbot, window)
    assert "BIKE" not in screen.field.text()
    assert len(found(screen)) == 11
