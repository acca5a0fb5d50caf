"""A second tap on a later slot ends the booking at that slot's start time ("ends at")."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kiosk.domain.clock import local_midnight, to_local
from kiosk.domain.policy import BookingRequest
from kiosk.ui.window import KioskWindow
from tests.builders import KIOSK
from tests.ui.conftest import RESIDENT, identify, tap
from tests.ui.test_flows import household_id, open_detail


def at(clock: Any, hour: int, minute: int = 0) -> datetime:
    """That time today in Seoul, on the test clock (Monday 2026-11-23)."""
    return local_midnight(to_local(clock.now).date()) + timedelta(hours=hour, minutes=minute)


def checked(detail: Any) -> list[str]:
    return [to_local(s).strftime("%H:%M") for s, c in detail.slot_buttons.items()
            if c.isChecked()]


def rows_text(window: KioskWindow, screen: str) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(w.text() for w in window.screens[screen].findChildren(QLabel))


def test_second_tap_ends_at_the_tapped_time(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "bike", "bike-village")  # 30-minute slots
    assert not detail.book_button.isEnabled()
    tap(qtbot, detail.slot_buttons[at(clock, 19)])
    tap(qtbot, detail.slot_buttons[at(clock, 21)])
    # 19:00 to 21:00, not 21:30: the 21:00 slot is where it ends, not a slot it uses.
    assert detail.summary.text() == "19:00부터 21:00까지, 2시간"
    assert checked(detail) == ["19:00", "19:30", "20:00", "20:30"]
    assert detail.duration_buttons[120].isChecked()
    tap(qtbot, detail.book_button)
    identify(qtbot, window, *RESIDENT)
    confirm = window.screens["confirm"]
    assert window.current is confirm
    assert "오늘 19:00부터 21:00까지, 2시간" in rows_text(window, "confirm")
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    assert window.current is window.screens["receipt"]
    assert "19:00부터 21:00까지, 2시간" in rows_text(window, "receipt")
    [booking] = demo_services.bookings.bookings_of(household_id(demo_services, "101", "1304"))
    assert (booking.resource_id, booking.start, booking.end) == (
        "bike-village", at(clock, 19), at(clock, 21))
    assert booking.minutes == 120


def test_a_tap_on_the_start_or_earlier_starts_over_and_lengths_still_work(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "bike", "bike-village")
    tap(qtbot, detail.slot_buttons[at(clock, 19)])
    tap(qtbot, detail.slot_buttons[at(clock, 20, 30)])
    assert detail.summary.text() == "19:00부터 20:30까지, 1시간 30분"
    tap(qtbot, detail.slot_buttons[at(clock, 20)])  # later than the start: a new end
    assert detail.summary.text() == "19:00부터 20:00까지, 1시간"
    tap(qtbot, detail.slot_buttons[at(clock, 19)])  # the start again: from there anew
    assert detail.summary.text() == "19:00부터 19:30까지, 30분"
    assert checked(detail) == ["19:00"]
    tap(qtbot, detail.slot_buttons[at(clock, 18)])  # earlier: starts over from 18:00
    assert detail.summary.text() == "18:00부터 18:30까지, 30분"
    tap(qtbot, detail.duration_buttons[180])  # the length buttons work as before
    assert detail.summary.text() == "18:00부터 21:00까지, 3시간"
    assert len(checked(detail)) == 6


def test_a_range_over_a_taken_slot_is_refused_with_the_reason(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    # The ladder is one item with hourly slots; another household has it 13:00-14:00.
    other = household_id(demo_services, "101", "102")
    demo_services.bookings.book(BookingRequest("tool-ladder", at(clock, 13), at(clock, 14),
                                               1, None), other, KIOSK)
    window = make_window()
    detail = open_detail(qtbot, window, "item", "tool-ladder")
    assert not detail.slot_buttons[at(clock, 13)].isEnabled()
    tap(qtbot, detail.slot_buttons[at(clock, 11)])
    tap(qtbot, detail.slot_buttons[at(clock, 15)])
    reason, chosen = detail.summary.text().split("\n")
    assert reason == "그 사이 13:00에 예약할 수 없어 15:00까지는 고를 수 없습니다."
    assert chosen == "11:00부터 12:00까지, 1시간"  # the choice is left as it was
    assert checked(detail) == ["11:00"]
    assert not detail.duration_buttons[240].isEnabled()
    # Up to the taken slot is fine, and the reason goes away.
    tap(qtbot, detail.slot_buttons[at(clock, 12)])
    tap(qtbot, detail.duration_buttons[120])
    assert detail.summary.text() == "11:00부터 13:00까지, 2시간"


def test_a_range_longer_than_the_rules_is_refused_with_the_reason(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "bike", "bike-village")  # at most 3 hours
    tap(qtbot, detail.slot_buttons[at(clock, 10)])
    tap(qtbot, detail.slot_buttons[at(clock, 13, 30)])
    assert detail.summary.text().split("\n") == [
        "한 번에 최대 3시간까지라 13:30까지는 고를 수 없습니다.", "10:00부터 10:30까지, 30분"]
    assert checked(detail) == ["10:00"]
    tap(qtbot, detail.slot_buttons[at(clock, 13)])  # exactly 3 hours is allowed
    assert detail.summary.text() == "10:00부터 13:00까지, 3시간"


def test_the_range_in_english_words(qtbot: Any, make_window: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "bike", "bike-village")
    tap(qtbot, window.language_buttons["en"])
    tap(qtbot, detail.slot_buttons[at(clock, 19)])
    tap(qtbot, detail.slot_buttons[at(clock, 20, 30)])
    assert detail.summary.text() == "19:00 to 20:30, 1 h 30 min"
    tap(qtbot, detail.slot_buttons[at(clock, 21)])
    assert detail.summary.text() == "19:00 to 21:00, 2 hours"
    tap(qtbot, detail.slot_buttons[at(clock, 20)])
    assert detail.summary.text() == "19:00 to 20:00, 1 hour"
    tap(qtbot, detail.slot_buttons[at(clock, 15)])
    tap(qtbot, detail.slot_buttons[at(clock, 18, 30)])
    assert detail.summary.text().split("\n") == [
        "A booking lasts at most 3 h, so it cannot end at 18:30.", "15:00 to 15:30, 30 min"]
    # A refusal shown in one language is redrawn in the other.
    tap(qtbot, window.language_buttons["ko"])
    assert detail.summary.text().split("\n")[0] == (
        "한 번에 최대 3시간까지라 18:30까지는 고를 수 없습니다.")


def test_a_range_shorter_than_the_rules_is_refused_with_the_reason(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-ev")  # 30-min slots, 1 h at least
    tap(qtbot, detail.slot_buttons[at(clock, 19)])
    assert detail.summary.text() == "19:00부터 20:00까지, 1시간"
    tap(qtbot, detail.slot_buttons[at(clock, 19, 30)])
    assert detail.summary.text().split("\n") == [
        "한 번에 1시간 이상이어야 해서 19:30에 끝낼 수 없습니다.", "19:00부터 20:00까지, 1시간"]
    tap(qtbot, detail.slot_buttons[at(clock, 20, 30)])
    assert detail.summary.text() == "19:00부터 20:30까지, 1시간 30분"
