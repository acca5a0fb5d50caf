"""The resident's booking screens: one scroll on the detail screen, nothing moves under a
finger, keypads that fit, words that match the state, and the parking task in few taps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget

from kiosk.domain.bookings import CODE_ALPHABET, BookingStatus, new_booking_code
from kiosk.domain.clock import to_local
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import (
    LANDSCAPE,
    PORTRAIT,
    RESIDENT,
    RESIDENT_PLATE,
    settle,
    tap,
    type_digits,
)
from tests.ui.test_flows import household_id, open_detail


def on_window(widget: QWidget, window: KioskWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def on_glass(widget: QWidget, window: KioskWindow) -> bool:
    """The whole widget is drawn: not clipped by a scroll area, the window or the footer."""
    rect = on_window(widget, window)
    shown = rect
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown = shown.intersected(on_window(parent, window))
        parent = parent.parentWidget()
    return widget.isVisible() and shown == rect and window.rect().contains(rect)


class Finger:
    """Taps like a resident: only what is on the glass, and every tap is counted."""

    def __init__(self, qtbot: Any, window: KioskWindow) -> None:
        self.qtbot, self.window, self.taps = qtbot, window, 0

    def __call__(self, widget: QWidget) -> None:
        self.qtbot.waitUntil(widget.isVisible, timeout=2000)
        try:  # the layout may still be settling after the screen's content arrived
            self.qtbot.waitUntil(lambda: on_glass(widget, self.window), timeout=5000)
        except Exception:
            raise AssertionError(f"{widget.objectName()} is not on the glass") from None
        tap(self.qtbot, widget, self.window)
        self.taps += 1


def scroll_bars(root: QWidget) -> list[QScrollArea]:
    return [a for a in root.findChildren(QScrollArea) if a.verticalScrollBar().isVisible()]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_detail_has_one_scroll_a_half_day_per_jump_and_the_bar_in_view(
        qtbot: Any, make_window: Any, size: tuple[int, int]) -> None:
    window = make_window(size)
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    finger = Finger(qtbot, window)
    pane = window.panes["detail"]
    assert not pane.verticalScrollBar().isVisible()
    # At most one scroll: the screen's body; the slot grid is no box of its own.
    assert set(scroll_bars(detail)) <= {detail.body}
    cells = {to_local(s): c for s, c in detail.slot_buttons.items()}
    last = max(cells)
    for key, hour in (("evening", 18), ("afternoon", 12), ("morning", 9)):
        finger(detail.jump_buttons[key])
        first = min(t for t in cells if t.hour >= hour)
        seen = sorted(t for t, c in cells.items() if on_glass(c, window))
        # The part of the day starts in the top row in view ...
        assert first in seen and cells[first].y() == cells[seen[0]].y(), key
        # ... and half a day from there is in view with it (or the rest of the day).
        assert max(seen) - first >= min(timedelta(hours=12) - timedelta(minutes=30),
                                         last - first), key
        for control in (detail.book_button, detail.summary, *detail.jump_buttons.values()):
            assert on_glass(control, window), (key, control.objectName())


def test_the_day_picker_offers_every_day_the_rule_allows(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "room-community")  # 30 days ahead
    assert len(detail.days) == 31
    finger = Finger(qtbot, window)
    shown: list[Any] = []
    assert not detail.prev_week.isEnabled()
    while True:
        shown += list(detail.day_buttons)
        if not detail.next_week.isEnabled():
            break
        finger(detail.next_week)
    assert shown == list(detail.days)
    last = shown[-1]
    finger(detail.day_buttons[last])
    assert detail.day == last and detail.day_buttons[last].isChecked()
    assert any(c.isEnabled() for c in detail.slot_buttons.values())


def positions(screen: QWidget, window: KioskWindow) -> dict[int, QRect]:
    return {id(b): on_window(b, window) for b in screen.findChildren(QPushButton)
            if b.isVisible()}


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_refusal_moves_no_key_or_button(qtbot: Any, make_window: Any,
                                          size: tuple[int, int]) -> None:
    window = make_window(size)
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    screen = window.screens["identify"]
    settle(qtbot, window)
    footer = [window.back_button, window.home_button, window.a11y_button]
    before = positions(screen, window)
    bar_before = [on_window(b, window) for b in footer]
    type_digits(qtbot, window, "1304" + "9999")  # in the kiosk's own 101동
    settle(qtbot, window)
    assert window.banner.isVisible() and "번 더 틀리면" in window.banner.text()
    assert screen.values["pin"] == "" and screen.active == "pin"  # type: ignore[attr-defined]
    qtbot.wait(10)
    assert positions(screen, window) == before
    assert [on_window(b, window) for b in footer] == bar_before
    # The message lies over the header, not over a key.
    keys = [on_window(k, window) for k in screen.findChildren(QPushButton) if k.isVisible()]
    banner = on_window(window.banner, window)
    assert not any(banner.intersects(k) for k in keys)
    assert all(on_glass(b, window) for b in window.language_buttons.values())


def test_household_entry_starts_in_the_kiosks_building_and_moves_on_by_itself(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    screen: Any = window.screens["identify"]
    settle(qtbot, window)
    # The kiosk stands in 101동: it is filled in, and the keypad starts at the 호.
    assert screen.values == {"building": "101", "unit": "", "pin": ""}
    assert screen.active == "unit" and screen.fields["unit"].isChecked()
    assert "101" in screen.fields["building"].text() and "바꾸기" in screen.fields[
        "building"].text()
    assert "다른 동이면" in screen.hint.text()
    # One tap on the 동 empties it for another one.
    tap(qtbot, screen.fields["building"], window)
    assert screen.values["building"] == "" and screen.active == "building"
    type_digits(qtbot, window, "10")
    assert screen.active == "building"  # 10 is the start of 101…108
    type_digits(qtbot, window, "1")
    assert screen.active == "unit"
    type_digits(qtbot, window, "130")
    assert screen.active == "unit"  # 130 is the start of 1301…1304
    type_digits(qtbot, window, "4")
    assert screen.active == "pin"
    type_digits(qtbot, window, "130")
    assert window.current is screen and screen.active == "pin"
    type_digits(qtbot, window, "4")  # the fourth digit checks the PIN: no 확인 to press
    settle(qtbot, window)
    assert window.current is window.screens["mine"]


def test_erase_on_an_empty_unit_goes_back_into_the_building(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    screen: Any = window.screens["identify"]
    settle(qtbot, window)
    type_digits(qtbot, window, "1")
    tap(qtbot, screen.keypad.erase_key)
    assert screen.values["unit"] == "" and screen.active == "unit"
    tap(qtbot, screen.keypad.erase_key)
    assert screen.values["building"] == "10" and screen.active == "building"
    type_digits(qtbot, window, "2")
    assert screen.values["building"] == "102" and screen.active == "unit"


def test_a_wrong_pin_is_checked_on_its_fourth_digit_and_says_the_tries_left(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    screen: Any = window.screens["identify"]
    settle(qtbot, window)
    type_digits(qtbot, window, "1304" + "999")
    assert not window.banner.isVisible() and screen.pin_entered == "999"
    type_digits(qtbot, window, "9")
    settle(qtbot, window)
    assert window.current is screen
    assert screen.pin_entered == "" and screen.active == "pin"
    assert "4번 더 틀리면" in window.banner.text(), window.banner.text()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_plate_keypad_fits_and_its_syllables_look_ready(
        qtbot: Any, make_window: Any, size: tuple[int, int]) -> None:
    window = make_window(size)
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    finger = Finger(qtbot, window)
    finger(detail.jump_buttons["morning"])

    def shown_cells() -> list[QPushButton]:
        return [c for c in detail.slot_buttons.values() if c.isEnabled() and on_glass(c, window)]

    qtbot.waitUntil(lambda: bool(shown_cells()), timeout=2000)
    finger(shown_cells()[0])
    finger(detail.book_button)
    from tests.ui.conftest import identify

    identify(qtbot, window, *RESIDENT)
    finger(window.screens["confirm"].plate_button)  # type: ignore[attr-defined]
    plate: Any = window.screens["plate"]
    assert window.current is plate
    keys = [*plate.digits.findChildren(QPushButton), *plate.syllables.keys.values(),
            plate.display, plate.auto_hint]
    qtbot.waitUntil(lambda: all(on_glass(k, window) for k in keys), timeout=1000)
    assert all(k.isEnabled() for k in plate.syllables.keys.values())
    assert not window.panes["plate"].verticalScrollBar().isVisible()


def book_parking_tonight(qtbot: Any, window: KioskWindow, household: tuple[str, str, str],
                         plate: str | None) -> int:
    """Parking tonight 19:00–21:00 from the home screen, as the household in the kiosk's
    own 동 (nothing to type for it); the taps it took, every digit included. ``plate``
    None: the household's one registered car; else that plate typed on the keypad."""
    finger = Finger(qtbot, window)
    finger(window.screens["home"].tiles["parking"])  # type: ignore[attr-defined]
    finger(window.screens["browse"].rows["parking-b2-north"])  # type: ignore[attr-defined]
    detail: Any = window.screens["detail"]
    finger(detail.jump_buttons["evening"])
    tonight = {to_local(s).strftime("%H:%M"): c for s, c in detail.slot_buttons.items()}
    finger(tonight["19:00"])
    finger(tonight["21:00"])
    assert detail.summary.text() == "19:00부터 21:00까지, 2시간"
    finger(detail.book_button)
    identify_screen: Any = window.screens["identify"]
    settle(qtbot, window)
    building, unit, pin = household
    assert identify_screen.values["building"] == building
    for digit in unit + pin:  # the 호 moves on to the PIN, the PIN checks itself
        finger(identify_screen.keypad.keys[digit])
    settle(qtbot, window)
    confirm: Any = window.screens["confirm"]
    registered = window.ctx.session.household.plates  # type: ignore[union-attr]
    if plate is None or registered:
        # The one registered car is chosen, and shown with a way to change it.
        assert window.current is confirm
        assert on_glass(confirm.plate_button, window)
        assert registered[0] in summary_text(confirm)
    if plate is not None:
        if registered:
            finger(confirm.plate_button)
        screen: Any = window.screens["plate"]
        assert window.current is screen
        for sign in plate:
            finger(screen.digits.keys[sign] if sign.isdigit() else screen.syllables.keys[sign])
        # The whole plate moves on by itself, and the confirm screen shows it.
        assert window.current is confirm
        assert plate in summary_text(confirm)
    assert "19:00부터 21:00까지, 2시간" in summary_text(confirm)
    finger(confirm.confirm_button)
    assert window.current is window.screens["receipt"]
    return finger.taps


def summary_text(confirm: Any) -> str:
    """What the confirm screen says (rows just drawn included)."""
    return " ".join(w.text() for w in confirm.findChildren(QLabel) if not w.isHidden()
                    or (w.parentWidget() is not None and w.parentWidget().isVisible()))


NO_CAR = ("101", "1204", "1204")
"""A household of the demo village in the kiosk's 101동 with no registered car."""


@pytest.mark.parametrize(("household", "plate", "most"), [
    (RESIDENT, None, 15),       # the household's one registered car, chosen for it
    (NO_CAR, "12가3456", 22),   # no car registered: the plate typed
    (RESIDENT, "12가3456", 23),  # another car than the one registered: one tap to change
], ids=["registered", "typed", "typed-instead-of-registered"])
def test_parking_tonight_for_two_hours_in_few_taps(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any,
        household: tuple[str, str, str], plate: str | None, most: int) -> None:
    window = make_window()
    taps = book_parking_tonight(qtbot, window, household, plate)
    [booking] = demo_services.bookings.bookings_of(household_id(demo_services, *household[:2]))
    assert (to_local(booking.start).hour, booking.minutes) == (19, 120)
    assert booking.plate == (plate or RESIDENT_PLATE)
    assert taps <= most, taps


def test_a_room_that_needs_approval_says_so_from_the_first_screen_to_the_receipt(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail: Any = open_detail(qtbot, window, "space", "room-community")
    assert detail.approval.isVisible() and "승인" in detail.approval.text()
    assert "승인" not in detail.rules.text()  # said once, first
    assert detail.book_button.text() == "이 시간으로 예약 신청"
    finger = Finger(qtbot, window)
    finger(next(c for c in detail.slot_buttons.values() if c.isEnabled()))
    finger(detail.book_button)
    from tests.ui.conftest import identify

    identify(qtbot, window, "101", "102", "0102")
    confirm: Any = window.screens["confirm"]
    assert confirm.confirm_button.text() == "예약 신청"
    finger(confirm.confirm_button)
    receipt: Any = window.screens["receipt"]
    assert window.current is receipt
    steps = receipt.next_steps.text()
    assert "승인 대기 — 관리사무소가 승인하면 확정됩니다" in steps
    assert "바로 이용하시면 됩니다" not in steps


def test_check_in_opens_with_its_window_and_stands_apart_from_cancel(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    from kiosk.domain.policy import BookingRequest
    from tests.builders import KIOSK

    later = clock.now + timedelta(hours=10)
    hid = household_id(demo_services, "101", "1304")
    booking = demo_services.bookings.book(
        BookingRequest("parking-b2-north", later, later + timedelta(hours=1), 1, "132누5987"),
        hid, KIOSK)
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    from tests.ui.conftest import identify

    identify(qtbot, window, *RESIDENT)
    mine: Any = window.screens["mine"]
    check = mine.checkin_buttons[booking.code]
    cancel = mine.cancel_buttons[booking.code]
    assert not check.isEnabled() and check.text().endswith("18:45부터 체크인")
    qtbot.waitUntil(lambda: check.height() < 400)  # laid out
    a, b = on_window(check, window), on_window(cancel, window)
    assert a.bottom() < b.top()  # rows apart, never side by side
    tap(qtbot, cancel, window)
    question = [w for w in mine.findChildren(QWidget) if w.objectName() == "cardQuestion"]
    assert question and question[0].text() == "이 예약을 취소할까요?"
    assert question[0].palette().windowText().color().green() < 100  # not success green


def test_booking_codes_have_no_look_alike_signs() -> None:
    look_alikes = set("0O1IL2Z5S8BUVDQNPEGT")
    assert not set(CODE_ALPHABET) & look_alikes
    assert all(set(new_booking_code()) <= set(CODE_ALPHABET) for _ in range(200))
    assert BookingStatus.PENDING.value == "pending"


def test_english_mode_leaves_no_korean_message(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    settle(qtbot, window)
    type_digits(qtbot, window, "1304" + "9999")
    settle(qtbot, window)
    assert window.banner.isVisible()
    tap(qtbot, window.language_buttons["en"], window)
    assert not window.banner.isVisible()
    assert Qt.FocusPolicy.TabFocus == window.language_buttons["ko"].focusPolicy()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_receipt_fits_with_its_done_button_and_countdown(
        qtbot: Any, make_window: Any, size: tuple[int, int]) -> None:
    window = make_window(size)
    detail: Any = open_detail(qtbot, window, "parking", "parking-b2-north")
    finger = Finger(qtbot, window)
    finger(next(c for c in detail.slot_buttons.values() if c.isEnabled()))
    finger(detail.book_button)
    from tests.ui.conftest import identify

    identify(qtbot, window, *RESIDENT)
    finger(window.screens["confirm"].confirm_button)  # type: ignore[attr-defined]
    receipt: Any = window.screens["receipt"]
    assert window.current is receipt and window.text_scale == 1
    qtbot.wait(10)
    # Nothing to scroll to: the button, its countdown and the code are on the glass whole.
    assert not window.panes["receipt"].verticalScrollBar().isVisible()
    for part in (receipt.done_button, receipt.countdown, receipt.code, receipt.qr,
                 receipt.next_steps):
        assert on_glass(part, window), part.objectName()
    assert receipt.countdown.text() == "600초 뒤 처음 화면으로 돌아갑니다"
    assert on_window(receipt.countdown, window).bottom() < on_window(
        receipt.done_button, window).top()
    finger(receipt.done_button)
    assert window.current is window.screens["home"]
