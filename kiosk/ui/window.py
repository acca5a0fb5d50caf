"""The kiosk window: header, message banner, the stack of screens, the low button bar.

Also owns the session's privacy: idle warning, then a full wipe back to home.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.domain.errors import BookingRefused
from kiosk.services.booking import BookingService
from kiosk.ui.a11y import AccessibilityPanel, IdleWarning
from kiosk.ui.background import Background
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.hub import HubListings, NoHub
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.screens.browse import BrowseScreen
from kiosk.ui.screens.confirm import ConfirmScreen, ReceiptScreen
from kiosk.ui.screens.detail import DetailScreen
from kiosk.ui.screens.home import AttractScreen, HomeScreen
from kiosk.ui.screens.identify import IdentifyScreen, PlateScreen
from kiosk.ui.screens.map import MapFactory, MapScreen
from kiosk.ui.screens.mine import MyBookingsScreen
from kiosk.ui.text import clock_text, tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widget_tree import WidgetTreeFilter
from kiosk.ui.widgets import Banner, button, label

if TYPE_CHECKING:
    from kiosk.map.view import MapView

log = logging.getLogger(__name__)
STYLE = Path(__file__).resolve().parent.parent.parent / "assets" / "styles" / "kiosk.qss"
ACTIVITY = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                      QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.KeyPress,
                      QEvent.Type.Wheel})


@dataclass(frozen=True)
class Timeouts:
    """Seconds; tests inject short ones. The warning is at least 20 s in production."""

    idle_s: float = 60
    home_idle_s: float = 30
    warning_s: float = 20
    receipt_s: float = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> Timeouts:
        return cls(idle_s=settings.idle_timeout_s, home_idle_s=settings.home_idle_timeout_s)


def scaled_style(factor: float) -> str:
    """The one style sheet with every font size multiplied (the text-size setting)."""
    text = STYLE.read_text(encoding="utf-8")
    if factor == 1.0:
        return text
    return re.sub(r"font-size:\s*(\d+)px",
                  lambda m: f"font-size: {round(int(m.group(1)) * factor)}px", text)


class ActivityWatcher(WidgetTreeFilter):
    """Watches every widget of the window: touches count as activity; no context menus."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self.window.poke()
        elif kind == QEvent.Type.ContextMenu:
            return True
        return False


class KioskWindow(QWidget):
    """The resident's touchscreen."""

    def __init__(self, settings: Settings, bookings: BookingService,
                 languages: LanguageSwitcher, hub: HubListings | None = None,
                 screen_px: tuple[int, int] = (1920, 1080),
                 map_factory: MapFactory | None = None,
                 timeouts: Timeouts | None = None) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.settings = settings
        self.languages = languages
        self.timeouts = timeouts or Timeouts.from_settings(settings)
        self.metrics = TouchMetrics.for_panel(settings.panel, screen_px)
        self.text_scale = 1.0
        self.setStyleSheet(scaled_style(1.0))
        self.setWindowTitle(settings.village_name)
        self.background = Background(self)
        self.ctx = UiContext(settings=settings, bookings=bookings, hub=hub or NoHub(),
                             metrics=self.metrics, background=self.background, nav=self,
                             language=lambda: self.languages.language)
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.current: Screen | None = None
        self.current_params: dict[str, Any] = {}
        self.portrait = False
        self._painted = False

        central = self
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        # The window keeps the panel's size; screens are checked to fit instead of
        # growing the window past the glass.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setSpacing(self.metrics.spacing(16))
        outer.addLayout(self._header())
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        outer.addLayout(self._footer())

        self.screens: dict[str, Screen] = {}
        self.map_screen = MapScreen(self.ctx, map_factory)
        for screen in (HomeScreen(self.ctx), AttractScreen(self.ctx), BrowseScreen(self.ctx),
                       DetailScreen(self.ctx), IdentifyScreen(self.ctx), PlateScreen(self.ctx),
                       ConfirmScreen(self.ctx),
                       ReceiptScreen(self.ctx, return_after_s=int(self.timeouts.receipt_s)),
                       MyBookingsScreen(self.ctx), self.map_screen):
            self.screens[screen.name] = screen
            self.stack.addWidget(screen)

        self.a11y = AccessibilityPanel(central, self.metrics, self.set_language,
                                       self.set_text_scale)
        self.warning = IdleWarning(central, self.metrics, self.extend)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle)
        self.warning_timer = QTimer(self)
        self.warning_timer.setInterval(1000)
        self.warning_timer.timeout.connect(self._warning_tick)
        self.warning_left = 0
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(1000)
        self.sweep_timer = QTimer(self)
        self.sweep_timer.timeout.connect(self._sweep)
        self.sweep_timer.start(settings.sweep_interval_s * 1000)
        self.watcher = ActivityWatcher(self)
        self.watcher.watch(self)
        self.destroyed.connect(self.background.shutdown)
        self.go_home()

    @property
    def map_view(self) -> MapView | None:
        return self.map_screen.view

    def hub_changed(self) -> None:
        """New hub figures were stored: update the status line and the map in place."""
        self._tick()
        self.map_screen.refresh_listings()
        if self.current is not None and self.current.name == "attract":
            self.current.enter(**self.current_params)

    # ---------------------------------------------------------------- chrome
    def _header(self) -> QBoxLayout:
        """Name and status; clock and languages beside them, or below them in portrait."""
        m = self.metrics
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.setSpacing(m.spacing(12))
        names = QVBoxLayout()
        names.setSpacing(4)
        self.title = label(name="villageName")
        self.status = label(name="statusLine")
        names.addWidget(self.title)
        names.addWidget(self.status)
        self.header.addLayout(names, 1)
        controls = QHBoxLayout()
        controls.setSpacing(m.spacing(24))
        controls.addStretch(1)
        self.clock = label(name="clock", wrap=False)
        controls.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignVCenter)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in (("ko", "한국어"), ("en", "English")):
            choice = button(m, name, "languageButton", lambda c=code: self.set_language(c),
                            150, 72)
            choice.setCheckable(True)
            self.language_buttons[code] = choice
            controls.addWidget(choice, 0, Qt.AlignmentFlag.AlignVCenter)
        self.header.addLayout(controls)
        return self.header

    def _footer(self) -> QHBoxLayout:
        m = self.metrics
        row = QHBoxLayout()
        row.setSpacing(m.spacing(20))
        self.a11y_button = button(m, "", "a11yButton", self.open_accessibility, 220, 96)
        self.back_button = button(m, "", "barButton", self.back, 200, 96)
        self.home_button = button(m, "", "barButton", self.go_home, 200, 96)
        self.mine_button = button(m, "", "barButton", self._mine, 220, 96)
        row.addWidget(self.a11y_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addWidget(self.mine_button)
        return row

    def retranslate(self) -> None:
        language = self.languages.language
        self.title.setText(self.settings.village_name_en if language == "en"
                           else self.settings.village_name)
        for code, choice in self.language_buttons.items():
            choice.setChecked(code == language)
        self.a11y_button.setText(tr("보기 설정"))
        self.back_button.setText(tr("← 뒤로"))
        self.home_button.setText(tr("처음으로"))
        self.mine_button.setText(tr("내 예약"))
        self.a11y.retranslate(language, self.text_scale)
        if self.warning.isVisible():
            self.warning.show_remaining(self.warning_left)
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(clock_text(self.ctx.now()))
        self.status.setText(self.status_text())

    def status_text(self) -> str:
        status = self.ctx.hub.status()
        online = tr("온라인") if status.online else tr("오프라인")
        if status.listings_as_of is None:
            return tr("{online} · 마을 자원은 늘 최신입니다").format(online=online)
        return tr("{online} · 공공 목록 {time} 기준").format(
            online=online, time=clock_text(status.listings_as_of))

    # ------------------------------------------------------------ navigation
    def go(self, name: str, **params: Any) -> None:
        screen = self.screens[name]
        if self.current is not None and self.current is not screen and \
                self.current.name not in ("attract", "receipt"):
            self.history.append((self.current.name, self.current_params))
            del self.history[:-20]
        self._show(screen, params)

    def _show(self, screen: Screen, params: dict[str, Any]) -> None:
        self.banner.clear_message()
        self.current = screen
        self.current_params = params
        self.stack.setCurrentWidget(screen)
        self.back_button.setVisible(screen.shows_back and bool(self.history))
        self.mine_button.setVisible(screen.name not in ("mine", "identify"))
        self.home_button.setVisible(screen.name != "home")
        screen.enter(**params)
        self.retranslate()
        self._restart_idle()

    def back(self) -> None:
        if not self.history:
            self.go_home()
            return
        name, params = self.history.pop()
        if name == "home":
            self.go_home()
            return
        self._show(self.screens[name], {**params, "keep": True})

    def go_home(self) -> None:
        """Home ends a resident's session: nothing they entered stays."""
        self._forget_session()
        self.history.clear()
        self._show(self.screens["home"], {})

    def _mine(self) -> None:
        self.ctx.session.purpose = "mine"
        if self.ctx.session.household is not None:
            self.go("mine")
        else:
            self.go("identify", purpose="mine")

    def notify(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def clear_notice(self) -> None:
        self.banner.clear_message()

    # -------------------------------------------------------------- settings
    def set_language(self, language: str) -> None:
        """Instant, keeps the current screen and everything entered on it."""
        self.languages.set_language(language)
        if self.current is not None:
            self.current.retranslate()
        self.retranslate()

    def set_text_scale(self, scale: float) -> None:
        self.text_scale = scale
        self.ctx.text_scale = scale
        self.setStyleSheet(scaled_style(scale))
        if self.current is not None:
            self.current.retranslate()
        self.retranslate()

    def open_accessibility(self) -> None:
        self.a11y.retranslate(self.languages.language, self.text_scale)
        self.a11y.open()

    # ------------------------------------------------------------ idle/privacy
    def poke(self) -> None:
        if self.warning.isVisible():
            return  # only the extend button (or the countdown) ends the warning
        self._restart_idle()

    def _restart_idle(self) -> None:
        on_home = self.current is not None and self.current.name in ("home", "attract")
        seconds = self.timeouts.home_idle_s if on_home else self.timeouts.idle_s
        if self.current is not None and self.current.name == "attract":
            self.idle_timer.stop()
            return
        self.idle_timer.start(int(seconds * 1000))

    def _idle(self) -> None:
        if self.current is None or self.current.name == "attract":
            return
        if self.current.name == "home":
            if self._has_personal_settings():
                self.reset_session()
            self.go("attract")
            return
        self.warning_left = max(1, round(self.timeouts.warning_s))
        self.warning.show_remaining(self.warning_left)
        self.warning.open()
        self.warning_timer.start()

    def _has_personal_settings(self) -> bool:
        return self.languages.language != self.settings.language or self.text_scale != 1.0

    def _warning_tick(self) -> None:
        self.warning_left -= 1
        if self.warning_left <= 0:
            self.reset_session()
        else:
            self.warning.show_remaining(self.warning_left)

    def extend(self) -> None:
        self.warning_timer.stop()
        self.warning.hide()
        self._restart_idle()

    def reset_session(self) -> None:
        """Wipe everything: entered data, language, text size; back to home."""
        self.warning_timer.stop()
        self.warning.hide()
        self.a11y.hide()
        self.languages.set_language(self.settings.language)
        if self.text_scale != 1.0:
            self.text_scale = 1.0
            self.ctx.text_scale = 1.0
            self.setStyleSheet(scaled_style(1.0))
        self.go_home()

    def _forget_session(self) -> None:
        self.background.forget_pending()
        self.ctx.session.clear()
        for screen in self.screens.values():
            screen.clear()

    # -------------------------------------------------------------- housekeeping
    def _sweep(self) -> None:
        def failed(exc: BaseException) -> None:
            level = logging.WARNING if isinstance(exc, BookingRefused) else logging.ERROR
            log.log(level, "release of no-shows postponed: %s", exc)

        self.background.run(self.ctx.bookings.sweep, lambda _r: None, failed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        if portrait != self.portrait or not hasattr(self, "_oriented"):
            self._oriented = True
            self.portrait = portrait
            self.header.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                     else QBoxLayout.Direction.LeftToRight)
            for screen in self.screens.values():
                screen.set_portrait(portrait)
        for overlay in (self.a11y, self.warning):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The map page loads once the home screen is on the glass, not before.
            self._painted = True
            QTimer.singleShot(0, self.map_screen.ensure_view)

    def closeEvent(self, event: Any) -> None:
        self.clock_timer.stop()
        self.sweep_timer.stop()
        self.idle_timer.stop()
        super().closeEvent(event)
