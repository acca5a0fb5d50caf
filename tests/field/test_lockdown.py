"""Lockdown: every escape key and a close request leave the kiosk window up; the
installer leaves only through the corner gesture and the PIN."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.domain.households import PinHasher
from kiosk.ui.lockdown import AdminGate, CornerTaps, GateOutcome, KioskLockdown
from tests.processes import child_env

HASH = PinHasher(n=2**4).hash("2580")
ESCAPES = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
]

MODIFIER_KEYS = (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
        self.mono = 100.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono


class StandIn(QWidget):
    """Plays the kiosk window: closes on Ctrl+Q/W and F11 toggles full screen, as a
    normal app would, so the test proves the filter is what stops them."""

    def __init__(self) -> None:
        super().__init__()
        self.fired: list[str] = []
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(QLabel("키오스크"))
        for name, sequence in (("quit", QKeySequence("Ctrl+Q")),
                               ("close", QKeySequence("Ctrl+W")),
                               ("fullscreen", QKeySequence("F11"))):
            action = QAction(name, self)
            action.setShortcut(sequence)
            action.triggered.connect(lambda _=False, n=name: self._fire(n))
            self.addAction(action)

    def _fire(self, name: str) -> None:
        self.fired.append(name)
        if name in ("quit", "close"):
            self.close()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in MODIFIER_KEYS:
            return
        self.fired.append(f"key:{event.key()}")
        if event.key() == Qt.Key.Key_Escape:
            self.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kiosk(qtbot, clock: FakeClock) -> Iterator[tuple[StandIn, KioskLockdown]]:  # type: ignore[no-untyped-def]
    window = StandIn()
    qtbot.addWidget(window)
    lockdown = KioskLockdown(window, AdminGate(HASH, 3, 15, clock), taps=5, window_s=3.0,
                             monotonic=clock.monotonic)
    lockdown.install()
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window, lockdown
    lockdown.uninstall()


def tap_corner(qtbot, window: QWidget, clock: FakeClock, times: int,  # type: ignore[no-untyped-def]
               step: float = 0.4, at: QPoint | None = None) -> None:
    for _ in range(times):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=at or QPoint(20, 20))
        clock.mono += step


@pytest.mark.parametrize("key,modifiers", ESCAPES)
def test_escape_keys_are_swallowed(qtbot, kiosk, key, modifiers) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    qtbot.keyClick(window, key, modifiers)
    QApplication.processEvents()
    assert window.isVisible()
    assert window.fired == []
    assert lockdown.swallowed >= 1


def test_without_lockdown_the_stand_in_really_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = StandIn()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.fired == ["quit"] and not window.isVisible()


def test_close_event_and_context_menu_are_swallowed(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    assert window.close() is False
    assert window.isVisible() and lockdown.swallowed == 1
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                              window.mapToGlobal(QPoint(5, 5)))
    assert QApplication.sendEvent(window, event) is True
    assert lockdown.swallowed == 2
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_ordinary_keys_still_reach_the_kiosk(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, _ = kiosk
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert window.fired == [f"key:{int(Qt.Key.Key_A)}"]


def test_corner_gesture_then_wrong_pins_lock_then_right_pin_opens(qtbot, kiosk, clock) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    tap_corner(qtbot, window, clock, 4)
    assert lockdown.pin_dialog is None  # four taps are not enough
    tap_corner(qtbot, window, clock, 1)
    dialog = lockdown.pin_dialog
    assert dialog is not None and dialog.isVisible()
    assert "관리자 PIN" in dialog.findChildren(QLabel)[0].text()
    for attempt in (1, 2):
        dialog.enter("1111")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and not lockdown.maintenance
        assert f"{3 - attempt}번 더" in dialog.message.text()
    dialog.enter("1111")
    dialog.ok.click()
    assert "잠겼습니다" in dialog.message.text()
    dialog.enter("2580")  # the right PIN is refused while locked
    dialog.ok.click()
    assert not lockdown.maintenance and "잠겼습니다" in dialog.message.text()
    clock.now += timedelta(minutes=16)
    dialog.enter("2580")
    dialog.ok.click()
    assert lockdown.maintenance and not dialog.isVisible()
    banner = lockdown.banner
    assert banner is not None and banner.isVisible()
    assert "유지보수 모드" in banner.text.text()
    assert banner.geometry().top() == 0 and banner.width() == window.width()


def test_slow_or_misplaced_taps_do_not_open_the_pin_pad(qtbot, kiosk, clock) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    tap_corner(qtbot, window, clock, 5, step=1.0)  # 5 taps over 4 s: too slow
    assert lockdown.pin_dialog is None
    tap_corner(qtbot, window, clock, 5, at=QPoint(600, 400))  # the middle of the screen
    assert lockdown.pin_dialog is None


def test_maintenance_mode_lets_keys_through_then_returns(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    lockdown.enter_maintenance()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.fired == ["fullscreen"]
    assert lockdown.banner is not None
    qtbot.mouseClick(lockdown.banner.back, Qt.MouseButton.LeftButton)
    assert not lockdown.maintenance and not lockdown.banner.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible() and window.fired == ["fullscreen"]


def test_quit_only_from_maintenance_mode(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, lockdown = kiosk
    lockdown.quit_program()
    assert window.isVisible()
    lockdown.enter_maintenance()
    assert lockdown.banner is not None
    qtbot.mouseClick(lockdown.banner.quit, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_gate_without_a_pin_never_opens(clock) -> None:  # type: ignore[no-untyped-def]
    gate = AdminGate("", clock=clock)
    assert gate.try_pin("0000").outcome is GateOutcome.NOT_SET


def test_corner_taps_counts_only_the_corner(clock) -> None:  # type: ignore[no-untyped-def]
    taps = CornerTaps(3, 2.0, corner_px=100, monotonic=clock.monotonic)
    assert not taps.press(QPoint(10, 10))
    assert not taps.press(QPoint(99, 99))
    assert not taps.press(QPoint(150, 10))  # outside: starts over
    assert not taps.press(QPoint(1, 1)) and not taps.press(QPoint(1, 1))
    assert taps.press(QPoint(1, 1))


def test_maintenance_mode_ends_by_itself(qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    window = StandIn()
    qtbot.addWidget(window)
    lockdown = KioskLockdown(window, AdminGate(HASH, clock=clock), maintenance_minutes=0)
    lockdown.install()
    try:
        window.show()
        lockdown.enter_maintenance()
        qtbot.waitUntil(lambda: not lockdown.maintenance, timeout=2000)
    finally:
        lockdown.uninstall()



def test_the_program_itself_can_still_quit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """app.quit() (SIGTERM, nightly restart) asks windows to close; the lock must not veto
    it. In its own process, because quitting ends the application."""
    import subprocess
    import sys

    script = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from kiosk.ui.lockdown import AdminGate, KioskLockdown
app = QApplication([])
window = QWidget()
lock = KioskLockdown(window, AdminGate(""))
lock.install()
window.show()
QTimer.singleShot(50, lambda: print("refused", window.close(), flush=True))
QTimer.singleShot(100, lock.quit_application)
QTimer.singleShot(3000, lambda: app.exit(3))
print("exit", app.exec(), "visible", window.isVisible(), flush=True)
"""
    env = child_env(QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.stdout.split() == ["refused", "False", "exit", "0", "visible", "False"], (
        done.stdout + done.stderr)
