"""Time limits: the idle warning comes at least 20 s before the reset, one tap extends it,
and a resident can extend again and again (at least ten times) without losing anything."""

from __future__ import annotations

from typing import Any

from kiosk.config import Settings
from kiosk.ui.window import VOICE_TIME_FACTOR, Timeouts
from tests.ui.conftest import tap, type_digits


def test_the_warning_gives_twenty_seconds_in_production() -> None:
    timeouts = Timeouts.from_settings(Settings())
    assert timeouts.warning_s >= 20
    assert timeouts.idle_s > timeouts.warning_s


def test_a_resident_can_extend_more_than_ten_times_and_keeps_what_was_entered(
        qtbot: Any, make_window: Any) -> None:
    window = make_window(timeouts=Timeouts(idle_s=0.15, home_idle_s=600, warning_s=20))
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    identify = window.screens["identify"]
    type_digits(qtbot, window, "101")
    for round_ in range(12):
        qtbot.waitUntil(window.warning.isVisible, timeout=3000)
        assert window.warning_left == 20, round_  # the full 20 s, every time
        tap(qtbot, window.warning.extend_button)
        assert not window.warning.isVisible()
        assert window.current is identify
        assert identify.values["building"] == "101"  # type: ignore[attr-defined]


def test_voice_mode_doubles_the_warning(qtbot: Any, make_window: Any) -> None:
    window = make_window(timeouts=Timeouts(idle_s=0.15, home_idle_s=600, warning_s=20))
    window.accessibility.update(voice=True)
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    qtbot.waitUntil(window.warning.isVisible, timeout=3000)
    assert window.warning_left == 20 * VOICE_TIME_FACTOR
