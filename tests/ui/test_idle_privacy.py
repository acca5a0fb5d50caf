"""The privacy wipe comes on time while the hub keeps syncing: background refreshes
(listings reloads, map counts, clock ticks) never count as a resident's touch."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.domain.policy import BookingRequest
from kiosk.map.listing import MapListing
from kiosk.ui.hub import HubStatus
from kiosk.ui.window import KioskWindow, Timeouts
from tests.builders import KIOSK
from tests.map.conftest import HEADLESS_GPU_NOISE
from tests.ui.conftest import RESIDENT, RESIDENT_PLATE, identify, settle, tap, type_digits
from tests.ui.test_flows import household_id, open_detail

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)

IDLE_S = 1.0
WARNING_S = 1
SYNC_EVERY_MS = 200  # five times as often as the demo hub's fastest source


class BusyHub(QObject):
    """A hub whose station counts change on every sync, like a busy bike station."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.syncs = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync)

    def sync(self) -> None:
        self.syncs += 1
        self.changed.emit()

    def nearby(self) -> Sequence[MapListing]:
        return [MapListing(id=f"bike-{i}", kind="bike", name_ko=f"따릉이 {i}",
                           name_en=f"Bike {i}", lat=37.6066 + i / 2000, lon=127.0237,
                           units_free=(self.syncs + i) % 10, units_total=10, as_of=None,
                           status="available") for i in range(5)]

    def status(self) -> HubStatus:
        return HubStatus(online=True, listings_as_of=None)


def _mine(qtbot: Any, window: KioskWindow) -> None:
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    identify(qtbot, window, *RESIDENT)
    mine = window.screens["mine"]
    assert window.current is mine and mine.cancel_buttons  # type: ignore[attr-defined]


def _identify(qtbot: Any, window: KioskWindow) -> None:
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    type_digits(qtbot, window, "101")


def _detail(qtbot: Any, window: KioskWindow) -> None:
    open_detail(qtbot, window, "parking", "parking-b2-north")


def _browse(qtbot: Any, window: KioskWindow) -> None:
    tap(qtbot, window.screens["home"].tiles["bike"], window)  # type: ignore[attr-defined]


def _map(qtbot: Any, window: KioskWindow) -> None:
    tap(qtbot, window.screens["home"].tiles["map"], window)  # type: ignore[attr-defined]


SCREENS: dict[str, Callable[[Any, KioskWindow], None]] = {
    "mine": _mine, "identify": _identify, "detail": _detail, "browse": _browse, "map": _map,
}


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_privacy_wipe_comes_on_time_while_the_hub_syncs(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any, screen: str) -> None:
    from kiosk.map.view import MapView

    hid = household_id(demo_services, "101", "1304")
    demo_services.bookings.book(
        BookingRequest("parking-b2-north", clock.now + timedelta(days=1),
                       clock.now + timedelta(days=1, hours=1), 1, RESIDENT_PLATE), hid, KIOSK)
    views: list[MapView] = []

    def factory(px_per_mm: float) -> MapView:
        view = MapView(center=(37.6066, 127.0237), center_label="101동 로비",
                       listings=(), px_per_mm=px_per_mm, include_dongs=False)
        views.append(view)
        return view

    hub = BusyHub()
    window = make_window(map_factory=factory, hub=hub,
                         timeouts=Timeouts(idle_s=IDLE_S, home_idle_s=600, warning_s=WARNING_S,
                                           receipt_s=600))
    hub.changed.connect(window.hub_changed)
    qtbot.waitUntil(lambda: bool(views) and views[0].is_ready, timeout=20000)
    settle(qtbot, window)
    reloads: list[int] = []
    views[0].visibleListingsChanged.connect(lambda _items: reloads.append(1))
    hub.timer.start(SYNC_EVERY_MS)
    # The syncs really reach the window and the page (they did reset the timer before).
    qtbot.waitUntil(lambda: bool(reloads), timeout=10000)
    wiped: list[float] = []
    window.sessionEnded.connect(lambda: wiped.append(time.monotonic()))
    touches: list[float] = []
    click = qtbot.mouseClick

    def timed_click(*args: Any, **kwargs: Any) -> None:
        click(*args, **kwargs)
        touches.append(time.monotonic())

    qtbot.mouseClick = timed_click
    SCREENS[screen](qtbot, window)
    assert window.current is window.screens[screen]
    # What is left of the countdown after each sync: a sync that counted as a touch
    # would wind it back up (measured on the window's own timer, so a slow machine
    # cannot make a late wipe look like a reset, or a reset look on time).
    left_after_sync: list[int] = []
    hub.changed.connect(lambda: left_after_sync.append(window.idle_timer.remainingTime())
                        if window.idle_timer.isActive() and not wiped else None)
    qtbot.waitUntil(lambda: bool(wiped), timeout=int((IDLE_S + WARNING_S + 10) * 1000))
    hub.timer.stop()
    took = wiped[0] - touches[-1]
    assert took >= IDLE_S + WARNING_S - 0.2
    assert len(left_after_sync) >= 2
    assert left_after_sync == sorted(left_after_sync, reverse=True)
    assert window.current is window.screens["home"]
    assert window.ctx.session.household is None
    assert hub.syncs >= 5  # and kept coming while the resident was away


def test_real_input_on_the_map_page_counts_as_activity_reloads_do_not(
        qtbot: Any, make_window: Any) -> None:
    from kiosk.map.view import MapView

    views: list[MapView] = []

    def factory(px_per_mm: float) -> MapView:
        view = MapView(center=(37.6066, 127.0237), center_label="101동 로비",
                       listings=(), px_per_mm=px_per_mm, include_dongs=False)
        views.append(view)
        return view

    hub = BusyHub()
    window = make_window(map_factory=factory, hub=hub)
    hub.changed.connect(window.hub_changed)
    tap(qtbot, window.screens["home"].tiles["map"], window)  # type: ignore[attr-defined]
    view = views[0]
    qtbot.waitUntil(lambda: view.is_ready, timeout=20000)
    settle(qtbot, window)
    pokes: list[int] = []
    window.poke = lambda: pokes.append(1)  # type: ignore[method-assign]
    reloads: list[int] = []
    view.visibleListingsChanged.connect(lambda _items: reloads.append(1))
    hub.sync()
    qtbot.waitUntil(lambda: bool(reloads), timeout=10000)
    assert pokes == []
    # A finger on the page itself (the widget the page renders into) is a touch.
    page = [w for w in view.findChildren(QWidget)
            if w.isVisible() and not w.findChildren(QWidget)]
    assert page
    qtbot.mousePress(page[-1], Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseRelease(page[-1], Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert pokes
