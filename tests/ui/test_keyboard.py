"""Every flow works without touching the glass: Tab, arrows, Enter, digits and the
numeric keypad's Enter, with the focused control always fully on screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.domain.bookings import BookingStatus
from kiosk.domain.policy import BookingRequest
from kiosk.ui.window import KioskWindow
from tests.builders import KIOSK
from tests.ui.conftest import PORTRAIT, RESIDENT, RESIDENT_PLATE, settle
from tests.ui.test_flows import household_id


def focused(window: KioskWindow) -> QWidget:
    widget = QApplication.focusWidget()
    return widget if widget is not None else window


def fully_shown(widget: QWidget, window: KioskWindow) -> bool:
    """Not clipped by a scroll area or the window: the resident sees the whole control."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    shown = QRect(rect)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown = shown.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return shown == rect and window.rect().contains(rect)


def key(qtbot: Any, window: KioskWindow, code: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(window), code, modifier)


def tab_to(qtbot: Any, window: KioskWindow, target: QWidget, limit: int = 120,
           forward_key: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Press Tab (or an arrow) until ``target`` has the focus; every stop must be shown."""
    qtbot.waitUntil(target.isVisible, timeout=2000)
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        key(qtbot, window, forward_key)
        QApplication.processEvents()  # the focus ring may re-lay the row out
        now = QApplication.focusWidget()
        if now is not None and now is not window:
            assert fully_shown(now, window), \
                f"focus on a hidden {now.objectName()} at {now.mapTo(window, QPoint(0, 0))}"
    raise AssertionError(f"Tab never reached {target.objectName()}")


def enter(qtbot: Any, window: KioskWindow) -> None:
    """The main Enter key on the focused control (activates like a tap, once the button
    has shown its press)."""
    control = focused(window)
    assert isinstance(control, QAbstractButton), f"Enter on {control.objectName()}"
    with qtbot.waitSignal(control.clicked, timeout=2000):
        key(qtbot, window, Qt.Key.Key_Return)
    settle(qtbot, window)


def type_on_keypad(qtbot: Any, window: KioskWindow, digits: str) -> None:
    """Digits on the keyboard; the 호 moves on to the PIN and the PIN checks itself."""
    for digit in digits:
        key(qtbot, window, getattr(Qt.Key, f"Key_{digit}"))
    settle(qtbot, window)


def test_a_whole_booking_with_key_events_only(qtbot: Any, make_window: Any,
                                              demo_services: Any) -> None:
    window = make_window()
    window.activateWindow()
    home = window.screens["home"]
    tab_to(qtbot, window, home.tiles["parking"])  # type: ignore[attr-defined]
    enter(qtbot, window)
    browse = window.screens["browse"]
    assert window.current is browse
    tab_to(qtbot, window, browse.rows["parking-b2-north"])  # type: ignore[attr-defined]
    enter(qtbot, window)
    detail = window.screens["detail"]
    assert window.current is detail
    free = [s for s, cell in detail.slot_buttons.items() if cell.isEnabled()]  # type: ignore[attr-defined]
    # Arrow keys walk the slot grid like Tab does.
    tab_to(qtbot, window, detail.slot_buttons[free[1]], forward_key=Qt.Key.Key_Right)  # type: ignore[attr-defined]
    enter(qtbot, window)
    tab_to(qtbot, window, detail.book_button)  # type: ignore[attr-defined]
    enter(qtbot, window)
    identify = window.screens["identify"]
    assert window.current is identify
    building, unit, pin = RESIDENT
    assert identify.values["building"] == building  # type: ignore[attr-defined]  # the kiosk's own
    type_on_keypad(qtbot, window, unit)
    type_on_keypad(qtbot, window, pin)
    confirm = window.screens["confirm"]
    assert window.current is confirm, (identify.values, identify.active,  # type: ignore[attr-defined]
                                       window.banner.text(), QApplication.focusWidget())
    # The one registered car was chosen; changing it works from the keyboard too.
    tab_to(qtbot, window, confirm.plate_button)  # type: ignore[attr-defined]
    enter(qtbot, window)
    plate = window.screens["plate"]
    assert window.current is plate
    tab_to(qtbot, window, plate.registered[RESIDENT_PLATE])  # type: ignore[attr-defined]
    enter(qtbot, window)
    assert window.current is confirm
    tab_to(qtbot, window, confirm.confirm_button)  # type: ignore[attr-defined]
    enter(qtbot, window)
    assert window.current is window.screens["receipt"]
    booked = demo_services.bookings.bookings_of(household_id(demo_services, "101", "1304"))
    assert [(b.start, b.plate, b.status) for b in booked] == [
        (free[1], RESIDENT_PLATE, BookingStatus.CONFIRMED)]


def test_cancel_from_my_bookings_with_key_events_only(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    hid = household_id(demo_services, "101", "1304")
    later = demo_services.bookings.book(
        BookingRequest("bike-village", clock.now + timedelta(days=1),
                       clock.now + timedelta(days=1, hours=1), 1), hid, KIOSK)
    window = make_window(PORTRAIT)
    window.accessibility.update(text_scale=200)  # the focus follows into scrolled content
    window.activateWindow()
    tab_to(qtbot, window, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    enter(qtbot, window)
    _building, unit, pin = RESIDENT
    type_on_keypad(qtbot, window, unit)
    type_on_keypad(qtbot, window, pin)
    mine = window.screens["mine"]
    assert window.current is mine
    tab_to(qtbot, window, mine.cancel_buttons[later.code])  # type: ignore[attr-defined]
    enter(qtbot, window)
    tab_to(qtbot, window, mine.cancel_yes)  # type: ignore[attr-defined]
    enter(qtbot, window)
    assert demo_services.bookings.get(later.code).status is BookingStatus.CANCELLED


def test_backspace_erases_and_the_main_enter_does_not_confirm_the_keypad(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    window.go("identify", purpose="mine")
    screen = window.screens["identify"]
    settle(qtbot, window)
    for code in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_9, Qt.Key.Key_Backspace, Qt.Key.Key_0):
        key(qtbot, window, code)
    assert screen.values == {"building": "101", "unit": "130", "pin": ""}  # type: ignore[attr-defined]
    assert screen.active == "unit"  # type: ignore[attr-defined]
    # Backspace on the emptied 호 goes on into the 동 the kiosk filled in.
    for _ in range(4):
        key(qtbot, window, Qt.Key.Key_Backspace)
    assert screen.values == {"building": "10", "unit": "", "pin": ""}  # type: ignore[attr-defined]
    assert screen.active == "building"  # type: ignore[attr-defined]
