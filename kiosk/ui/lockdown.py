"""Kiosk lockdown: nothing a passer-by presses leaves the kiosk screen.

An application-wide event filter swallows Esc, Alt+F4, Ctrl+Q/W, F11, the developer
tools keys, close requests and context menus. Installers leave through a hidden
gesture (taps in the top-left corner) and the installer PIN, which puts the kiosk in a
visibly bannered maintenance mode that ends by itself after a while.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.clock import to_local, utc_now
from kiosk.domain.credentials import after_wrong_try
from kiosk.domain.households import PinHasher
from kiosk.services.lockouts import GateOutcome, GateResult, InstallerGate
from kiosk.ui.widget_tree import WidgetTreeFilter

log = logging.getLogger(__name__)

CONTEXT = "lockdown"
MAINTENANCE_MINUTES = 15


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# ------------------------------------------------------------------ the installer PIN
@dataclass
class AdminGate:
    """Checks the installer PIN against its scrypt hash; locks after repeated failures.

    With ``stored`` (the kiosk's ``InstallerGate`` on the database) the count and lock
    survive a restart and escalate like every other secret; without it (development
    windows) they live in memory."""

    pin_hash: str
    max_attempts: int = 3
    lock_minutes: int = 15
    clock: Callable[[], datetime] = utc_now
    failures: int = 0
    locked_until: datetime | None = field(default=None)
    stored: InstallerGate | None = None

    def try_pin(self, pin: str) -> GateResult:
        if self.stored is not None:
            return self.stored.try_pin(pin)
        now = self.clock()
        if not self.pin_hash:
            return GateResult(GateOutcome.NOT_SET)
        if self.locked_until is not None and now < self.locked_until:
            return GateResult(GateOutcome.LOCKED, locked_until=self.locked_until)
        if PinHasher.verify(pin, self.pin_hash):
            self.failures, self.locked_until = 0, None
            log.warning("kiosk mode left with the installer PIN", extra={"event": "unlock"})
            return GateResult(GateOutcome.OPEN)
        self.failures, locked = after_wrong_try(self.failures, now, self.max_attempts,
                                                self.lock_minutes)
        if locked is not None:
            self.locked_until = locked
            log.warning("installer PIN locked after wrong tries",
                        extra={"event": "unlock_locked"})
            return GateResult(GateOutcome.LOCKED, locked_until=self.locked_until)
        return GateResult(GateOutcome.WRONG, remaining=self.max_attempts - self.failures)


# --------------------------------------------------------------------- hidden gesture
class CornerTaps:
    """``taps`` presses in the top-left ``corner_px`` square within ``window_s`` seconds."""

    def __init__(self, taps: int = 5, window_s: float = 3.0, corner_px: int = 120,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.taps = taps
        self.window_s = window_s
        self.corner_px = corner_px
        self.monotonic = monotonic
        self._times: list[float] = []

    def press(self, pos: QPoint) -> bool:
        """Record a press at ``pos`` (window coordinates); True when the gesture completes."""
        if not (0 <= pos.x() < self.corner_px and 0 <= pos.y() < self.corner_px):
            self._times.clear()
            return False
        now = self.monotonic()
        self._times = [t for t in self._times if now - t <= self.window_s] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            return True
        return False


# ------------------------------------------------------------------------ the filter
BLOCKED_KEYS: tuple[tuple[Qt.KeyboardModifier, Qt.Key], ...] = (
    (Qt.KeyboardModifier.NoModifier, Qt.Key.Key_Escape),
    (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_F4),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Q),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_W),
    (Qt.KeyboardModifier.NoModifier, Qt.Key.Key_F11),
    (Qt.KeyboardModifier.NoModifier, Qt.Key.Key_F12),
    (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_I),
    (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_J),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_R),
    (Qt.KeyboardModifier.NoModifier, Qt.Key.Key_F5),
)
_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)


def is_blocked_key(event: QKeyEvent) -> bool:
    """Escape keys, with any extra modifier (Ctrl+Alt+Esc is still Esc)."""
    key = Qt.Key(event.key())
    mods = event.modifiers() & _MODIFIERS
    for needed, blocked in BLOCKED_KEYS:
        if key == blocked and (mods & needed) == needed:
            return True
    return key in (Qt.Key.Key_Escape, Qt.Key.Key_F4) and bool(mods)


class KioskLockdown(WidgetTreeFilter):
    """Installed on the QApplication; guards one kiosk window."""

    maintenanceChanged = Signal(bool)
    exitRequested = Signal()

    def __init__(self, window: QWidget, gate: AdminGate, taps: int = 5, window_s: float = 3.0,
                 maintenance_minutes: int = MAINTENANCE_MINUTES,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.gate = gate
        self.gesture = CornerTaps(taps, window_s, monotonic=monotonic)
        self.maintenance = False
        self.swallowed = 0
        self._quitting = False
        self._last_press: tuple[int, int, int] | None = None
        self._dialog: AdminPinDialog | None = None
        self._banner: MaintenanceBanner | None = None
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.setInterval(maintenance_minutes * 60_000)
        self._expiry.timeout.connect(self.leave_maintenance)
        self.exitRequested.connect(self.ask_pin)

    def install(self) -> None:
        """Frameless, no context menus, filter on; the caller shows the window full screen."""
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"
        shown, state = self.window.isVisible(), self.window.windowState()
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if shown:  # changing window flags hides a window: put it back as it was
            self.window.setWindowState(state)
            self.window.show()
        self.window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.watch(self.window)

    def uninstall(self) -> None:
        self.unwatch(self.window)

    def quit_application(self) -> None:
        """The program itself is ending (SIGTERM from systemd, nightly restart): Qt asks
        every window to close first, and the lock must not refuse that."""
        self._quitting = True  # for good: the program is ending
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # The filter sees every event of every widget of the window.
    def on_event(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._count_press(event)
            return False
        if self.maintenance:
            return False
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            if isinstance(event, QKeyEvent) and is_blocked_key(event):
                # Accepting the override stops QShortcut/QAction from firing; then the
                # key press itself is dropped.
                event.accept()
                self.swallowed += 1
                return True
            return False
        if kind == QEvent.Type.Close and watched is self.window and not self._quitting:
            assert isinstance(event, QCloseEvent)
            event.ignore()
            self.swallowed += 1
            return True
        if kind == QEvent.Type.ContextMenu:
            self.swallowed += 1
            return True
        return False

    def _count_press(self, event: QEvent) -> None:
        if isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return
            where = event.globalPosition().toPoint()
            stamp = event.timestamp()
        elif isinstance(event, QTouchEvent) and event.points():
            where = event.points()[0].globalPosition().toPoint()
            stamp = event.timestamp()
        else:
            return
        # A press travels window → widget → parents; count it once.
        key = (stamp, where.x(), where.y())
        if key == self._last_press:
            return
        self._last_press = key
        if self.window.isVisible() and self.gesture.press(self.window.mapFromGlobal(where)):
            self.exitRequested.emit()

    # ------------------------------------------------------------ maintenance mode
    def ask_pin(self) -> None:
        if self.maintenance or (self._dialog is not None and self._dialog.isVisible()):
            return
        self._dialog = AdminPinDialog(self.gate, self.window)
        self._dialog.opened.connect(self.enter_maintenance)
        self._dialog.open()

    @property
    def pin_dialog(self) -> AdminPinDialog | None:
        return self._dialog

    @property
    def banner(self) -> MaintenanceBanner | None:
        return self._banner

    def enter_maintenance(self) -> None:
        self.maintenance = True
        if self._banner is None:
            self._banner = MaintenanceBanner(self.window)
            self._banner.back.clicked.connect(self.leave_maintenance)
            self._banner.quit.clicked.connect(self.quit_program)
        self._banner.show_on_top()
        self._expiry.start()
        self.maintenanceChanged.emit(True)

    def leave_maintenance(self) -> None:
        self._expiry.stop()
        self.maintenance = False
        if self._banner is not None:
            self._banner.hide()
        self.maintenanceChanged.emit(False)

    def quit_program(self) -> None:
        """Only from maintenance mode: the window may close, and the program ends."""
        if not self.maintenance:
            return
        log.warning("kiosk program closed from maintenance mode", extra={"event": "quit"})
        self.uninstall()
        self.window.close()


# -------------------------------------------------------------------------- widgets
BANNER_STYLE = """
QFrame#maintenanceBanner { background: #FFD23F; border-bottom: 4px solid #1A1A1A; }
QLabel#maintenanceText { font-size: 28px; font-weight: 700; color: #1A1A1A;
                         background: transparent; }
QPushButton { font-size: 22px; font-weight: 600; min-height: 64px; padding: 4px 24px;
              background: #1A1A1A; color: #FFFFFF; border-radius: 10px; }
"""


class MaintenanceBanner(QFrame):
    """A yellow band across the top of the kiosk window while maintenance mode is on."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("maintenanceBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel(tr("유지보수 모드 — 키오스크 잠금이 풀려 있습니다"))
        self.text.setObjectName("maintenanceText")
        self.text.setWordWrap(True)
        self.back = QPushButton(tr("키오스크 모드로 돌아가기"))
        self.quit = QPushButton(tr("프로그램 종료"))
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.back)
        row.addWidget(self.quit)
        window.installEventFilter(self)

    def show_on_top(self) -> None:
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(0, 0, parent.width(), max(96, self.sizeHint().height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
            self.raise_()
        return False


DIALOG_STYLE = """
QDialog { background: #FFFFFF; border: 3px solid #10324A; border-radius: 16px; }
QLabel { font-size: 26px; color: #1A1A1A; background: transparent; }
QLabel#pinMessage { font-size: 22px; color: #8A1C1C; }
QLineEdit { font-size: 40px; min-height: 72px; padding: 0 16px; border: 2px solid #B8C2C8;
            border-radius: 10px; }
QPushButton { font-size: 32px; font-weight: 600; min-width: 120px; min-height: 88px;
              background: #E8EDF0; color: #10324A; border-radius: 12px; }
QPushButton#pinOk { background: #10324A; color: #FFFFFF; }
"""


PAD_WIDTH, PAD_HEIGHT = 560, 860


class AdminPinDialog(QDialog):
    """A touch keypad for the installer PIN; ``opened`` fires on the right PIN."""

    opened = Signal()

    def __init__(self, gate: AdminGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.setObjectName("adminPinDialog")
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setStyleSheet(DIALOG_STYLE)
        layout = QVBoxLayout(self)
        # A fixed-size pad: no size constraints pushed to the window system.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        title = QLabel(tr("키오스크 모드를 끝내려면 관리자 PIN을 입력하세요."))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setMaxLength(4)
        self.entry.setReadOnly(True)
        self.entry.setAccessibleName(tr("관리자 PIN"))
        layout.addWidget(self.entry)
        self.message = QLabel("")
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._key(digit), index // 3, index % 3)
        erase = QPushButton(tr("지우기"))
        erase.clicked.connect(self.entry.backspace)
        grid.addWidget(erase, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.ok = QPushButton(tr("확인"))
        self.ok.setObjectName("pinOk")
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.ok, 3, 2)
        layout.addLayout(grid)
        self.cancel = QPushButton(tr("취소"))
        self.cancel.clicked.connect(self.reject)
        layout.addWidget(self.cancel)
        if not gate.pin_hash:
            self.message.setText(tr("관리자 PIN이 설정되지 않았습니다. 설치 안내서를 보세요."))
        self.resize(PAD_WIDTH, PAD_HEIGHT)
        if parent is not None:
            centre = parent.mapToGlobal(parent.rect().center())
            self.move(centre.x() - PAD_WIDTH // 2, centre.y() - PAD_HEIGHT // 2)

    def _key(self, digit: str) -> QPushButton:
        button = QPushButton(digit)
        button.clicked.connect(lambda: self.entry.setText(self.entry.text() + digit))
        self.keys[digit] = button
        return button

    def enter(self, pin: str) -> None:
        """Type a PIN as taps on the keypad would."""
        self.entry.clear()
        for digit in pin:
            self.keys[digit].click()

    def submit(self) -> None:
        result = self.gate.try_pin(self.entry.text())
        self.entry.clear()
        if result.outcome is GateOutcome.OPEN:
            self.accept()
            self.opened.emit()
        elif result.outcome is GateOutcome.WRONG:
            self.message.setText(tr("PIN이 맞지 않습니다. {n}번 더 틀리면 잠깁니다.").format(
                n=result.remaining))
        elif result.outcome is GateOutcome.LOCKED and result.locked_until is not None:
            until = to_local(result.locked_until)
            # A day-long (escalated) lock names the day too: "09:00" alone would mislead.
            shown = until.strftime("%H:%M") if until.date() == to_local(
                self.gate.clock()).date() else until.strftime("%m-%d %H:%M")
            self.message.setText(tr("너무 많이 틀렸습니다. {time}까지 잠겼습니다.").format(
                time=shown))
        else:
            self.message.setText(tr("관리자 PIN이 설정되지 않았습니다. 설치 안내서를 보세요."))
