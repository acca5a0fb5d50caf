"""Render every screen to PNG, in both languages and both orientations, for review.

Nothing is written to the database: screens that need a booking or a household are
shown with example values held in memory only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.services.booking import VerifiedHousehold
from kiosk.ui.screens.confirm import ReceiptScreen
from kiosk.ui.screens.detail import DetailScreen
from kiosk.ui.screens.identify import IdentifyScreen, PlateScreen
from kiosk.ui.screens.mine import MyBookingsScreen
from kiosk.ui.window import KioskWindow
from kiosk.ui.wording import refusal_text

SIZES: dict[str, tuple[int, int]] = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
MODES: dict[str, dict[str, object]] = {
    "normal": {},
    "high-contrast": {"high_contrast": True},
    "200": {"text_scale": 200},
    "low-screen": {"low_screen": True},
}
"""The accessibility modes a screenshot run can show (``normal`` has no file-name suffix)."""
EXAMPLE_HOUSEHOLD = VerifiedHousehold(0, "101-1203", "101동 12**호", "Bldg 101, Unit 12**",
                                      ("12가3456",))


def settle(window: KioskWindow, timeout_s: float = 10.0) -> None:
    """Let background reads finish and the layout catch up."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    while window.background.pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()


def wait_for(condition: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    return condition()


def shoot(window: KioskWindow, path: Path) -> Path:
    settle(window)
    window.grab().save(str(path))
    return path


def walk(window: KioskWindow, out: Path, prefix: str) -> list[Path]:
    """Every screen with plausible content, the error banner, the overlays."""
    shots: list[Path] = []

    def take(name: str) -> None:
        shots.append(shoot(window, out / f"{prefix}-{name}.png"))

    take("01-home")
    window.go("attract")
    take("02-attract")
    window.go_home()
    window.go("browse", kind="parking")
    take("03-browse-parking")
    overviews = window.ctx.bookings.overview()
    bookable = [o.resource for o in overviews if o.resource.bookable and o.resource.in_service
                and o.resource.rules.plate_required]
    info_only = [o.resource for o in overviews if not o.resource.bookable]
    detail = window.screens["detail"]
    assert isinstance(detail, DetailScreen)
    if bookable:
        resource = bookable[0]
        window.go("detail", resource_id=resource.id)
        settle(window)
        if detail.days and detail.day is not None:
            free = [s for s in detail.days[detail.day] if s.bookable and s.units_left > 0]
            if free:
                detail._pick_slot(free[min(2, len(free) - 1)])
                detail._pick_duration(resource.rules.min_duration * 2
                                      if detail._range_ok(free[min(2, len(free) - 1)].start,
                                                          resource.rules.min_duration * 2)
                                      else resource.rules.min_duration)
        take("04-detail")
        if detail.book_button.isEnabled():
            detail._book()
        identify = window.screens["identify"]
        assert isinstance(identify, IdentifyScreen)
        if window.current is identify:
            identify.values.update(building="101", unit="1203", pin="12")
            identify.active = "pin"
            identify.retranslate()
            take("05-identify")
            window.notify(refusal_text(BookingRefused(Refusal.WRONG_PIN, attempts_left=3),
                                       window.ctx.today()))
            take("06-wrong-pin")
        window.ctx.session.household = EXAMPLE_HOUSEHOLD
        window.go("plate")
        plate = window.screens["plate"]
        assert isinstance(plate, PlateScreen)
        plate._digit("1")
        plate._digit("2")
        plate._digit("3")
        take("07-plate")
        window.ctx.session.plate = "123가4567"
        window.go("confirm")
        take("08-confirm")
        session = window.ctx.session
        if session.start is not None and session.end is not None:
            now = window.ctx.now()
            booking = Booking("K7P3XR", resource.id, 0, session.start, session.end, 1,
                              BookingStatus.CONFIRMED, "kiosk:example", now, now,
                              plate="123가4567")
            window.go("receipt", booking=booking)
            receipt = window.screens["receipt"]
            assert isinstance(receipt, ReceiptScreen)
            receipt.timer.stop()
            take("09-receipt")
            window.go("mine")
            mine = window.screens["mine"]
            assert isinstance(mine, MyBookingsScreen)
            settle(window)
            soon = now + timedelta(minutes=10)
            closing = Booking("M4Q8ZT", resource.id, 0, soon, soon + timedelta(hours=1), 1,
                              BookingStatus.CONFIRMED, "kiosk:example", now, now,
                              plate="12가3456")
            mine._loaded([(closing, resource), (booking, resource)])
            take("10-my-bookings")
    if info_only:
        window.go("detail", resource_id=info_only[0].id)
        take("11-detail-info-only")
    window.go("browse", kind="space")
    window._idle()
    take("12-idle-warning")
    window.extend()
    window.open_accessibility()
    take("13-accessibility")
    window.a11y.hide()
    window.open_help()
    take("14-help")
    window.help.close_help()
    window.go("map")
    if window.map_screen.factory is not None:
        # Under the offscreen platform a web view grabs blank; under a display it shows.
        wait_for(lambda: window.map_view is not None and window.map_view.is_ready)
        started = time.monotonic()
        wait_for(lambda: time.monotonic() - started > 1.5)  # the page follows the new size
    take("15-map")
    window.go_home()
    return shots


def render_all(make_window: Callable[[tuple[int, int]], KioskWindow], out: Path,
               languages: tuple[str, ...] = ("ko", "en"), dispose: bool = True,
               modes: tuple[str, ...] = ("normal",)) -> list[Path]:
    """Every screen per language, orientation and accessibility mode (see ``MODES``)."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for language, mode in ((lang, mode) for lang in languages for mode in modes):
        for orientation, size in SIZES.items():
            window = make_window(size)
            window.resize(*size)
            window.show()
            window.set_language(language)
            window.accessibility.update(**MODES[mode])
            suffix = "" if mode == "normal" else f"-{mode}"
            written += walk(window, out, f"{language}-{orientation}{suffix}")
            window.set_language("ko")
            if dispose:
                window.close()
                window.deleteLater()
                # Delete now, map page before its profile, not at interpreter exit.
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return written
