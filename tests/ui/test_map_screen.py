"""The map screen embeds the real map; tapping a marker opens the Qt detail screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from kiosk.map.listing import MapListing
from tests.map.conftest import HEADLESS_GPU_NOISE, page_js
from tests.ui.conftest import settle, tap

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)


def test_marker_tap_opens_the_resource_detail(qtbot: Any, make_window: Any,
                                              demo_services: Any) -> None:
    from kiosk.map.view import MapView

    made: list[MapView] = []

    def factory(px_per_mm: float, listings: Sequence[MapListing] = ()) -> MapView:
        view = MapView(center=(37.6066, 127.0237), center_label="101동 로비",
                       listings=listings, px_per_mm=px_per_mm, include_dongs=False)
        made.append(view)
        return view

    window = make_window(map_factory=factory)
    tap(qtbot, window.screens["home"].tiles["map"], window)  # type: ignore[attr-defined]
    assert window.current is window.screens["map"] and made
    view = made[0]
    qtbot.waitUntil(lambda: view.is_ready, timeout=20000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: {item.id for item in view.listings} >= {"parking-b2-north"},
                    timeout=5000)
    # The page draws the listings Python set (a later version than the first page load).
    qtbot.waitUntil(lambda: page_js(view, "Boolean(KioskMap.markerFor('parking-b2-north'))"),
                    timeout=10000)
    # A resident taps the marker: show it, then click its icon in the page.
    assert page_js(view, "window.KioskMap.invoke('showListing', ['parking-b2-north'])") is True
    qtbot.waitUntil(lambda: page_js(
        view, "Boolean(document.querySelector('.leaflet-marker-icon.is-selected'))"),
        timeout=5000)
    page_js(view, "document.querySelector('.leaflet-marker-icon.is-selected').click()")
    qtbot.waitUntil(lambda: window.current is window.screens["detail"], timeout=5000)
    settle(qtbot, window)
    detail = window.screens["detail"]
    assert detail.resource.id == "parking-b2-north"  # type: ignore[attr-defined]
    tap(qtbot, window.language_buttons["en"])
    window.go("map")
    qtbot.waitUntil(lambda: view.language == "en", timeout=2000)
    # Exploring the map counts as activity, so nobody is reset while panning around;
    # the page moving by itself (a zoom the kiosk asked for, a reload) does not.
    pokes: list[int] = []
    window.poke = lambda: pokes.append(1)  # type: ignore[method-assign]
    moved: list[int] = []
    view.visibleListingsChanged.connect(lambda _items: moved.append(1))
    view.zoom_out()
    qtbot.waitUntil(lambda: bool(moved), timeout=5000)
    assert pokes == []
    page = [w for w in view.findChildren(QWidget) if w.isVisible() and not w.findChildren(QWidget)]
    qtbot.mousePress(page[-1], Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseRelease(page[-1], Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert pokes
