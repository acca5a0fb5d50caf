"""English mode shows no Korean address, and no control keeps a stray focus colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.ui.text import address_text
from tests.map.conftest import HEADLESS_GPU_NOISE
from tests.ui.conftest import settle, tap
from tests.ui.test_flows import open_detail

HANGUL = range(0xAC00, 0xD7A4)


def has_hangul(text: str) -> bool:
    return any(ord(ch) in HANGUL for ch in text)


def test_english_addresses_are_romanised_or_english() -> None:
    address = "서울특별시 성북구 길음동 1287"
    assert address_text(address, "ko") == address
    assert address_text(address, "en") == "Seongbuk-gu, Seoul"
    assert address_text("서울특별시 성북구 보문로 168 (성북구청)", "en") == "Seongbuk-gu, Seoul"
    assert address_text("서울 마포구 월드컵로 1", "en") == "Mapo-gu, Seoul"
    # The data's own English address wins.
    assert address_text(address, "en", "1287 Gireum-dong, Seongbuk-gu, Seoul") == (
        "1287 Gireum-dong, Seongbuk-gu, Seoul")
    # Nothing known: nothing Korean.
    assert address_text("부산광역시 해운대구 우동 1", "en") == ""


def test_the_detail_screen_shows_no_korean_address_in_english(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail: Any = open_detail(qtbot, window, "parking", "parking-b2-north")
    assert "서울특별시 성북구 길음동 1287" in detail.where.text()
    tap(qtbot, window.language_buttons["en"], window)
    where = detail.where.text()
    assert "Basement 2 north" in where and "Seongbuk-gu, Seoul" in where
    assert not has_hangul(where), where
    texts = [w.text() for w in detail.findChildren(QWidget)
             if w.isVisible() and hasattr(w, "text") and isinstance(w.text(), str)]
    assert not [t for t in texts if has_hangul(t)], texts


@pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)
def test_leaving_the_map_leaves_no_control_in_its_focus_colour(
        qtbot: Any, make_window: Any) -> None:
    from kiosk.map.view import MapView

    made: list[MapView] = []

    def factory(px_per_mm: float, listings: Sequence[Any] = ()) -> MapView:
        view = MapView(center=(37.6066, 127.0237), center_label="101동 로비",
                       listings=listings, px_per_mm=px_per_mm, include_dongs=False)
        made.append(view)
        return view

    window = make_window(map_factory=factory)
    tap(qtbot, window.screens["home"].tiles["map"], window)  # type: ignore[attr-defined]
    view = made[0]
    qtbot.waitUntil(lambda: view.is_ready, timeout=20000)
    settle(qtbot, window)
    page = [w for w in view.findChildren(QWidget)
            if w.isVisible() and not w.findChildren(QWidget)]
    qtbot.mouseClick(page[-1], Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    tap(qtbot, window.language_buttons["en"], window)
    tap(qtbot, window.home_button, window)
    qtbot.wait(20)  # the screen's focus pass runs after it is shown
    focused = QApplication.focusWidget()
    assert not isinstance(focused, QAbstractButton), focused.objectName()
    for choice in window.language_buttons.values():
        assert not choice.hasFocus()
    # The keyboard still starts at the top of the new screen.
    assert focused is window
