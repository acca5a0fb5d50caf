"""Kiosk UI tests: the demo village on SQLite, a fixed clock, short timeouts, helpers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.window import KioskWindow, Timeouts

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
# A resident known to the demo village: 101동 1304호, PIN 1304, plate 132누5987.
RESIDENT = ("101", "1304", "1304")
RESIDENT_PLATE = "132누5987"


def pytest_configure(config: pytest.Config) -> None:
    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo village imported once; each test gets its own copy of the file."""
    from datetime import UTC, datetime

    from kiosk.app import build_services, load_demo
    from kiosk.config import Settings

    path = tmp_path_factory.mktemp("demo") / "template.db"
    svc = build_services(Settings(database_url=f"sqlite:///{path}"))
    fixed = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    svc.village = replace(svc.village, clock=lambda: fixed,
                          hasher=replace(svc.village.hasher, n=2**10))
    # Everything the demo dates (neighbours' memberships run a year from "today") is
    # dated by the suite's calendar, not the machine's.
    svc.bookings = replace(svc.bookings, clock=lambda: fixed,
                           hasher=replace(svc.bookings.hasher, n=2**10))
    load_demo(svc, sample_bookings=False)
    svc.close()
    return path


@pytest.fixture
def demo_services(tmp_path: Path, clock: Any, demo_database: Path) -> Iterator[Any]:
    """The demo village in an SQLite file, Monday 2026-11-23 09:00 in Seoul."""
    import shutil

    from kiosk.app import build_services
    from kiosk.config import Settings

    shutil.copyfile(demo_database, tmp_path / "kiosk.db")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}")
    svc = build_services(settings)
    cheap = replace(svc.bookings.hasher, n=2**10)  # the same key, a cheaper cost
    svc.bookings = replace(svc.bookings, clock=clock, hasher=cheap)
    svc.village = replace(svc.village, clock=clock, hasher=cheap)
    svc.notices = replace(svc.notices, clock=clock)
    svc.events = replace(svc.events, clock=clock)
    yield svc
    svc.close()


@pytest.fixture
def make_window(qtbot: Any, demo_services: Any) -> Iterator[Callable[..., KioskWindow]]:
    made: list[tuple[KioskWindow, LanguageSwitcher]] = []

    def make(size: tuple[int, int] = LANDSCAPE, timeouts: Timeouts | None = None,
             map_factory: Any = None, hub: Any = None) -> KioskWindow:
        app = QApplication.instance()
        languages = LanguageSwitcher(app)
        window = KioskWindow(demo_services.settings, demo_services.bookings, languages,
                             hub=hub, screen_px=size, map_factory=map_factory,
                             notices=demo_services.notices, events=demo_services.events,
                             timeouts=timeouts or Timeouts(idle_s=600, home_idle_s=600,
                                                           warning_s=20, receipt_s=600))
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)
        made.append((window, languages))
        return window

    yield make
    from shiboken6 import isValid

    from kiosk.ui.qt_app import dispose

    for window, languages in made:
        languages.set_language("ko")
        if not isValid(window):  # the test already closed and deleted it
            continue
        window.background.shutdown()
        if window.map_view is not None:
            # Now, not at interpreter exit: a map page must go before its browser profile.
            dispose(window)


def settle(qtbot: Any, window: KioskWindow) -> None:
    """Wait for background reads and writes to come back to the GUI thread."""
    qtbot.waitUntil(lambda: window.background.pending == 0, timeout=10000)


def tap(qtbot: Any, widget: QWidget, window: KioskWindow | None = None) -> None:
    # Widgets added to a shown layout appear on the next turn of the event loop.
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    assert widget.isEnabled(), f"cannot tap the disabled {widget.objectName()}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    if window is not None:
        settle(qtbot, window)


def type_digits(qtbot: Any, window: KioskWindow, digits: str) -> None:
    keypad = window.screens["identify"].keypad  # type: ignore[attr-defined]
    for digit in digits:
        tap(qtbot, keypad.keys[digit])


KIOSK_BUILDING = "101"
"""The 동 the demo kiosk stands in: the keypad starts with it filled in."""


def identify(qtbot: Any, window: KioskWindow, building: str, unit: str, pin: str) -> None:
    """Type 동 (unless it is the kiosk's own, already there), 호 and the PIN on the keypad
    like a resident; the fourth PIN digit checks it."""
    screen: Any = window.screens["identify"]
    assert window.current is screen
    keypad = screen.keypad
    settle(qtbot, window)  # the known addresses, which let the keypad move on by itself
    if screen.values["building"] != building:
        tap(qtbot, screen.fields["building"])  # another 동: one tap empties it
        type_digits(qtbot, window, building)
        if screen.active == "building":  # not complete on its own
            tap(qtbot, keypad.confirm_key)
    assert screen.active == "unit"
    type_digits(qtbot, window, unit)
    if screen.active == "unit":
        tap(qtbot, keypad.confirm_key)
    type_digits(qtbot, window, pin)
    settle(qtbot, window)
