"""Qt application set-up for the kiosk, and the three ways to run it: live, smoke, screenshots."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.ui.hub import HubListings, SyncedHub
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.text import tr
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.app import Services
    from kiosk.map.listing import MapListing
    from kiosk.map.view import MapView

log = logging.getLogger(__name__)
SMOKE_TIMEOUT_S = 60.0
ListingsLoader = Callable[[], "Sequence[MapListing]"]
MapViewFactory = Callable[[float, ListingsLoader], "MapView"]
"""Builds the map view; the listings loader runs on the view's worker thread."""


def prepare_environment(headless: bool) -> None:
    """Before the QApplication: offscreen without a display, Chromium's sandbox as root."""
    if headless or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            log.warning("running as root: the map's renderer runs without its sandbox")
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Sharing Village Kiosk")
    app.setFont(QFont(["Noto Sans CJK KR", "Noto Sans KR", "sans-serif"], 18))
    return app


def screen_pixels() -> tuple[int, int]:
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return (1920, 1080)
    size = screen.size()
    return (size.width(), size.height())


def build_window(services: Services, app: QApplication, hub: HubListings,
                 map_view: MapViewFactory | None, screen_px: tuple[int, int],
                 speak: bool = False) -> KioskWindow:
    """``speak``: start the speech engine (the live kiosk; smoke runs and screenshots stay
    silent, and voice guidance then shows that no engine is present)."""
    languages = LanguageSwitcher(app)
    languages.set_language(services.settings.language)
    factory = None
    if map_view is not None:
        from kiosk.ui.screens.entries import map_listings

        def listings() -> Sequence[MapListing]:
            return map_listings(services.bookings.overview(), list(hub.nearby()))

        def factory(px_per_mm: float) -> MapView:
            # The view reads the listings on its worker: the GUI thread never waits for them.
            return map_view(px_per_mm, listings)

    speech = None
    if speak:
        from kiosk.ui.accessibility.speech import create_engine

        speech = create_engine  # opened on the voice guide's speech thread, never here
    window = KioskWindow(services.settings, services.bookings, languages, hub=hub,
                         screen_px=screen_px, map_factory=factory, speech=speech,
                         notices=services.notices, events=services.events)
    if isinstance(hub, SyncedHub):
        hub.changed.connect(window.hub_changed)
    return window


def process_age_s() -> float:
    """Seconds since this process started, from /proc and the boot clock (the smoke
    figures count from the start; the wall clock may be set to any date)."""
    with open("/proc/self/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22 overall: starttime in clock ticks after boot
    return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")


def tree_rss_mb(root: int | None = None) -> float:
    """Resident memory of this process and its children (the map's renderer processes)."""
    root = os.getpid() if root is None else root
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                changed = True
    total_kb = 0
    for pid in family:
        try:
            status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


class FirstPaint(QObject):
    """Records when a widget has painted for the first time."""

    def __init__(self, on_paint: Callable[[], None]) -> None:
        super().__init__()
        self.on_paint = on_paint
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.on_paint)
        return False


OnShown = Callable[[QApplication, QWidget], Callable[[], None]]
PAINT_FALLBACK_MS = 10_000
"""Start-up work waiting for the first frame starts anyway after this long (a window
that is never painted, e.g. with the panel switched off, still syncs and beats)."""


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` once the kiosk window's first frame is painted (at once for other
    windows or one already painted), or after ``PAINT_FALLBACK_MS`` at the latest."""
    if not isinstance(window, KioskWindow) or window.painted:
        work()
        return
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            work()

    window.firstPainted.connect(once)
    QTimer.singleShot(PAINT_FALLBACK_MS, window, once)


def run(services: Services, hub: HubListings, map_view: MapViewFactory | None,
        fullscreen: bool = True, argv: list[str] | None = None, smoke: bool = False,
        screenshots: Path | None = None, on_shown: OnShown | None = None) -> int:
    """Run the kiosk window. ``on_shown`` starts what surrounds a shown window (lockdown,
    heartbeat, watchdog) and returns how to stop it."""
    prepare_environment(headless=smoke or screenshots is not None)
    app = make_application(argv or [])
    if screenshots is not None:
        from kiosk.ui.screenshots import render_all

        def make(size: tuple[int, int]) -> KioskWindow:
            return build_window(services, app, hub, map_view, size)

        from kiosk.ui.screenshots import MODES

        written = render_all(make, screenshots, modes=tuple(MODES))
        print(f"{len(written)} screenshots written to {screenshots}")
        return 0
    px = (1920, 1080) if smoke else screen_pixels()
    window = build_window(services, app, hub, map_view, px, speak=not smoke)
    if smoke:
        return _smoke(app, window)
    if fullscreen:
        # A touch kiosk shows no mouse pointer; the desk and windowed runs keep it.
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    else:
        window.resize(*px)
        window.show()
    stop = on_shown(app, window) if on_shown is not None else None
    try:
        return app.exec()
    finally:
        if stop is not None:
            stop()
        dispose(window)


def run_out_of_order(detail: str, fullscreen: bool = True, argv: list[str] | None = None,
                     on_shown: OnShown | None = None) -> int:
    """A full-screen notice instead of the booking screens (a damaged database):
    residents are told to ask the office, installers what to do."""
    prepare_environment(headless=False)
    app = make_application(argv or [])
    notice = QLabel()
    notice.setObjectName("outOfOrder")
    notice.setWordWrap(True)
    notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
    notice.setTextFormat(Qt.TextFormat.PlainText)
    notice.setStyleSheet("QLabel#outOfOrder { background: #f4f3ef; color: #0f2a44;"
                         " font-size: 40px; padding: 80px; }")
    notice.setText(tr("이 키오스크는 지금 점검 중입니다.\n관리사무소에 알려 주세요.") + "\n\n"
                   + tr("설치 담당자께:") + " " + detail)
    if fullscreen:
        notice.showFullScreen()
    else:
        notice.resize(*screen_pixels())
        notice.show()
    stop = on_shown(app, notice) if on_shown is not None else None
    try:
        return app.exec()
    finally:
        if stop is not None:
            stop()


def dispose(window: KioskWindow) -> None:
    """Delete the window now, so the map page goes before its browser profile."""
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _smoke(app: QApplication, window: KioskWindow) -> int:
    """Start, wait for the painted home screen and a ready map, print one JSON line."""
    marks: dict[str, float] = {}
    home = window.screens["home"]
    painter = FirstPaint(lambda: marks.setdefault("home_painted_s", process_age_s()))
    home.installEventFilter(painter)
    def ready() -> None:
        marks.setdefault("map_ready_s", process_age_s())

    def hook_map() -> None:
        view = window.map_view
        if view is None:
            QTimer.singleShot(10, hook_map)
            return
        view.ready.connect(ready)
        if view.is_ready:
            ready()

    hook_map()
    window.resize(1920, 1080)
    window.show()
    # QtWebEngine needs a running event loop (processEvents alone is not enough).
    poll = QTimer()
    poll.timeout.connect(lambda: app.quit() if {"home_painted_s", "map_ready_s"} <= set(marks)
                         else None)
    poll.start(10)
    QTimer.singleShot(int(SMOKE_TIMEOUT_S * 1000), app.quit)
    app.exec()
    poll.stop()
    missing = {"home_painted_s", "map_ready_s"} - set(marks)
    if missing:
        what = ", ".join(sorted(missing))
        print(f"kiosk run --smoke: not ready within {SMOKE_TIMEOUT_S:.0f} s ({what})",
              file=sys.stderr)
        dispose(window)
        return 1
    print(json.dumps({"home_painted_s": round(marks["home_painted_s"], 3),
                      "map_ready_s": round(marks["map_ready_s"], 3),
                      "rss_mb": round(tree_rss_mb(), 1)}), flush=True)
    dispose(window)
    return 0
