"""Voice guidance in the kiosk window: what each screen says, tap-to-hear, and that no PIN
or plate digit ever reaches the speech engine."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kiosk.ui.accessibility.speech import Status
from kiosk.ui.window import KioskWindow, Timeouts
from tests.ui.a11y.test_speech import FakeEngine
from tests.ui.conftest import LANDSCAPE, RESIDENT, RESIDENT_PLATE, settle, tap


def voice_window(qtbot: Any, demo_services: Any, engine: FakeEngine | None,
                 status: Status = Status.READY) -> KioskWindow:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.i18n import LanguageSwitcher

    window = KioskWindow(demo_services.settings, demo_services.bookings,
                         LanguageSwitcher(QApplication.instance()), screen_px=LANDSCAPE,
                         timeouts=Timeouts(idle_s=600, home_idle_s=600, receipt_s=600),
                         speech=(engine, status, ""))
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def double_tap(qtbot: Any, window: KioskWindow, widget: Any) -> None:
    """In voice mode the first tap says what a control is, the second one uses it."""
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def test_a_booking_in_voice_mode_announces_each_screen_and_never_a_digit(
        qtbot: Any, demo_services: Any) -> None:
    engine = FakeEngine()
    window = voice_window(qtbot, demo_services, engine)
    try:
        window.accessibility.update(voice=True)
        assert engine.said == ["음성 안내를 켰습니다."]
        double_tap(qtbot, window, window.screens["home"].tiles["parking"])  # type: ignore[attr-defined]
        assert engine.said[1].startswith("주차 ")
        assert engine.said[1].endswith("버튼. 한 번 더 누르면 선택됩니다.")
        assert engine.said[2] == "목록 화면입니다."
        browse = window.screens["browse"]
        double_tap(qtbot, window, browse.rows["parking-b2-north"])  # type: ignore[attr-defined]
        assert engine.said[-1] == "자세히 보기 화면입니다."
        detail = window.screens["detail"]
        free = [s for s, c in detail.slot_buttons.items() if c.isEnabled()]  # type: ignore[attr-defined]
        double_tap(qtbot, window, detail.slot_buttons[free[0]])  # type: ignore[attr-defined]
        double_tap(qtbot, window, detail.book_button)  # type: ignore[attr-defined]
        assert engine.said[-1] == "세대 확인 화면입니다."
        before_pin = len(engine.said)
        identify = window.screens["identify"]
        _building, unit, pin = RESIDENT  # the 동 is the kiosk's own, already filled in
        for value in (unit, pin):
            for digit in value:
                double_tap(qtbot, window, identify.keypad.keys[digit])  # type: ignore[attr-defined]
        # The fourth PIN digit checks it; the one registered car is chosen.
        confirm = window.screens["confirm"]
        assert window.current is confirm
        typed = engine.said[before_pin:]
        assert not any(ch.isdigit() for line in typed for ch in line)  # no digit at all
        assert "숫자 키. 한 번 더 누르면 입력됩니다." in typed
        assert typed.count("숫자 입력됨") == len(unit + pin)
        assert engine.said[-1] == "예약 확인 화면입니다."
        double_tap(qtbot, window, confirm.plate_button)  # type: ignore[attr-defined]
        assert engine.said[-1] == "차량 번호 화면입니다."
        plate = window.screens["plate"]
        double_tap(qtbot, window, plate.registered[RESIDENT_PLATE])  # type: ignore[attr-defined]
        assert engine.said[-1] == "예약 확인 화면입니다."
        double_tap(qtbot, window, window.screens["confirm"].confirm_button)  # type: ignore[attr-defined]
        assert engine.said[-1] == "예약 완료 화면입니다."
        spoken = " ".join(engine.said)
        # Neither the PIN, the unit nor the plate's digits were ever handed to the engine.
        for secret in (pin, RESIDENT_PLATE, "5987", "132"):
            assert secret not in spoken
        window.screens["receipt"].timer.stop()  # type: ignore[attr-defined]
    finally:
        window.background.shutdown()


def test_english_voice_and_replay(qtbot: Any, demo_services: Any) -> None:
    engine = FakeEngine()
    window = voice_window(qtbot, demo_services, engine)
    try:
        window.accessibility.update(voice=True, language="en")
        tap(qtbot, window.a11y_button)  # first tap in voice mode: announced, not opened
        assert not window.a11y.isVisible()
        assert "button" in engine.said[-1].lower()
        tap(qtbot, window.a11y_button)
        assert window.a11y.isVisible()
        assert engine.said[-1] == "Accessibility settings screen."
        count = len(engine.said)
        window.a11y.content.replay.click()
        assert engine.said[count:] == ["Accessibility settings screen."]
    finally:
        window.languages.set_language("ko")
        window.background.shutdown()


def test_without_a_speech_engine_the_panel_and_banner_say_so(
        qtbot: Any, demo_services: Any) -> None:
    window = voice_window(qtbot, demo_services, None, Status.NO_ENGINE)
    try:
        window.open_accessibility()
        status = window.a11y.content.status
        assert status.isVisible() and "음성 엔진이 설치되지 않았습니다" in status.text()
        window.a11y.content.voice.click()
        assert window.accessibility.voice
        assert "음성 엔진이 설치되지 않았습니다" in window.banner.text()
    finally:
        window.background.shutdown()


def test_voice_mode_doubles_the_time_before_the_warning(qtbot: Any, demo_services: Any) -> None:
    window = voice_window(qtbot, demo_services, FakeEngine())
    try:
        window.go("browse", kind="parking")
        assert window.idle_timer.interval() == 600_000
        window.accessibility.update(voice=True)
        window.poke()
        assert window.idle_timer.interval() == 1_200_000
    finally:
        window.background.shutdown()
