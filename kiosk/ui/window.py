"""The kiosk window: header, message banner, the stack of screens, the low button bar.

Also owns the session's privacy: idle warning, then a full wipe back to home.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.domain.errors import BookingRefused
from kiosk.services.booking import BookingService
from kiosk.ui.a11y import AccessibilityOverlay, IdleWarning
from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.speech import (
    ACTIVATE_KEYS,
    ALL_CLEARED,
    DIGIT_DELETED,
    DIGIT_ENTERED,
    Status,
    TapToHear,
    VoiceGuide,
    phrase,
)
from kiosk.ui.accessibility.themes import (
    DEFAULT_RATE_STEP,
    DEFAULT_VOLUME_STEP,
    AccessibilitySettings,
    Metrics,
)
from kiosk.ui.background import Background
from kiosk.ui.context import (
    EventSource,
    NoEvents,
    NoNotices,
    NoticeSource,
    Screen,
    UiContext,
)
from kiosk.ui.help import COMPACT_LABEL, QR_MM, HelpOverlay, announcement, button_label
from kiosk.ui.hub import HubListings, NoHub
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.screens.browse import BrowseScreen
from kiosk.ui.screens.confirm import ConfirmScreen, ReceiptScreen
from kiosk.ui.screens.detail import DetailScreen
from kiosk.ui.screens.event import EventScreen
from kiosk.ui.screens.home import AttractScreen, HomeScreen
from kiosk.ui.screens.identify import IdentifyScreen, PlateScreen
from kiosk.ui.screens.map import MapFactory, MapScreen
from kiosk.ui.screens.mine import MyBookingsScreen
from kiosk.ui.screens.news import NewsScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.style import kiosk_style
from kiosk.ui.text import clock_text, tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widget_tree import WidgetTreeFilter
from kiosk.ui.widgets import (
    SCROLL_BAR_GAP_PX,
    Banner,
    CardButton,
    ListArea,
    NumericKeypad,
    SyllableKeypad,
    button,
    fit_text,
    keep_clear_of_scroll_bar,
    label,
)

if TYPE_CHECKING:
    from kiosk.map.view import MapView
    from kiosk.ui.accessibility.speech import EngineFactory, SpeechEngine

log = logging.getLogger(__name__)
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


SECRET_CONTROLS = frozenset({"keyDigit", "keySyllable", "plateChoice"})
"""Keypad keys and registered plates: voice guidance never reads what they type."""
VOICE_TIME_FACTOR = 2
"""In voice mode every time limit is this many times longer."""
NEXT_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Right)
PREVIOUS_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Left)
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in "0123456789"}


def refresh_geometry(root: QWidget) -> None:
    """Layouts drop the sizes they cached for controls built before the window's style
    (and the text scale) reached them, so nothing is squeezed below its text."""
    for control in root.findChildren(QPushButton):
        if not isinstance(control, CardButton):
            control.setMinimumSize(0, 0)
            fit_text(control)
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if area.objectName().startswith("pane_") or content is None:
            continue
        # A list inside a screen is at least as tall as its tallest control, so the focus
        # can always show a whole control (the screen's own pane scrolls instead).
        heights = [c.sizeHint().height() for c in content.findChildren(QPushButton)
                   if not c.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                   or not c.isHidden()]
        area.setMinimumHeight(max(heights, default=0) + 2 * SCROLL_BAR_GAP_PX)
    for layout in root.findChildren(QLayout):
        layout.invalidate()


class ActivityWatcher(WidgetTreeFilter):
    """Watches every widget of the window: touches count as activity; no context menus."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window

    def adopt(self, widget: QWidget) -> None:
        """New controls (a list that arrived, a confirm row) get tap-to-hear too; this
        filter goes in after it so the window's key handling stays in front."""
        if isinstance(widget, QAbstractButton):
            if widget.objectName() in SECRET_CONTROLS:
                widget.setProperty("a11y_secret", True)
            self.window.tap_to_hear.install(widget)
        super().adopt(widget)

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self.window.poke()
        elif kind == QEvent.Type.ContextMenu:
            return True
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QAbstractButton):
            self.window.reveal(watched)
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and isinstance(watched, QWidget):
            return self.window.key(watched, event)
        return False


class KioskWindow(QWidget):
    """The resident's touchscreen."""

    firstPainted = Signal()
    sessionEnded = Signal()  # a resident's data was wiped (idle reset, home after a receipt)
    """Once, after the first frame is on the glass: start-up work that can wait follows it
    (the map page, hub sync, heartbeat and backups)."""

    def __init__(self, settings: Settings, bookings: BookingService,
                 languages: LanguageSwitcher, hub: HubListings | None = None,
                 screen_px: tuple[int, int] = (1920, 1080),
                 map_factory: MapFactory | None = None,
                 timeouts: Timeouts | None = None,
                 speech: tuple[SpeechEngine | None, Status, str] | EngineFactory | None = None,
                 notices: NoticeSource | None = None,
                 events: EventSource | None = None,
                 ) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.settings = settings
        self.languages = languages
        self.timeouts = timeouts or Timeouts.from_settings(settings)
        self.screen_px = screen_px
        self.geometry_ = PanelGeometry.from_panel(settings.panel, screen_px)
        self.metrics = TouchMetrics.for_geometry(self.geometry_)
        self.accessibility = AccessibilitySettings(settings.language, self)
        if callable(speech):  # the live kiosk: the engine opens on the guide's speech thread
            self.guide = VoiceGuide(self.accessibility, None, parent=self, factory=speech)
        else:
            engine, status, detail = speech or (None, Status.NO_ENGINE, "")
            self.guide = VoiceGuide(self.accessibility, engine, status, detail, self)
        self.tap_to_hear = TapToHear(self.guide, self)
        self.text_scale = 1.0
        self.a11y_metrics = self.accessibility.metrics(self.geometry_)
        self.setStyleSheet(kiosk_style(self.accessibility.theme, self.a11y_metrics))
        self.setWindowTitle(settings.village_name)
        self.background = Background(self)
        self.ctx = UiContext(settings=settings, bookings=bookings, hub=hub or NoHub(),
                             metrics=self.metrics, background=self.background, nav=self,
                             language=lambda: self.languages.language,
                             notices=notices or NoNotices(), events=events or NoEvents())
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.current: Screen | None = None
        self.current_params: dict[str, Any] = {}
        self.portrait = False
        self._painted = False

        central = self
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.body = QWidget()
        self.body.setObjectName("body")
        frame.addWidget(self.body)
        self.outer = outer = QVBoxLayout(self.body)
        outer.setContentsMargins(32, 20, 32, 20)
        # The window keeps the panel's size; screens are checked to fit instead of
        # growing the window past the glass.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setSpacing(self.metrics.spacing(16))
        outer.addLayout(self._header())
        # Messages lie over the header's name and status, never in the layout: showing one
        # moves no key or button under a finger.
        self.banner = Banner(self.body)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        outer.addLayout(self._footer())

        self.screens: dict[str, Screen] = {}
        self.panes: dict[str, QScrollArea] = {}
        self.map_screen = MapScreen(self.ctx, map_factory)
        self.map_screen.speak = self.guide.say
        for screen in (HomeScreen(self.ctx), AttractScreen(self.ctx), BrowseScreen(self.ctx),
                       DetailScreen(self.ctx), IdentifyScreen(self.ctx), PlateScreen(self.ctx),
                       ConfirmScreen(self.ctx),
                       ReceiptScreen(self.ctx, return_after_s=int(self.timeouts.receipt_s)),
                       MyBookingsScreen(self.ctx), NewsScreen(self.ctx), SearchScreen(self.ctx),
                       EventScreen(self.ctx),
                       self.map_screen):
            self.screens[screen.name] = screen
            self.stack.addWidget(screen if screen is self.map_screen else self._pane(screen))

        self.a11y = AccessibilityOverlay(central, self.metrics, self.accessibility, self.guide)
        self.help = HelpOverlay(central, self.metrics, settings.office)
        self.guide.silenced.connect(self._silenced)
        self.warning = IdleWarning(central, self.metrics, self.extend)
        for overlay in (self.a11y, self.help, self.warning):
            overlay.toggled = self._covered
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(0)
        self._focus_timer.timeout.connect(self._focus_first)
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
        self.accessibility.changed.connect(self._accessibility_changed)
        self._apply_accessibility()
        self._guard_secrets()
        for part in self._own_parts():
            self._install_voice(part)
        self._install_voice(self.map_screen.search_button)  # the map's only Qt control
        self.destroyed.connect(self.background.shutdown)
        self.go_home()

    def _pane(self, screen: Screen) -> QScrollArea:
        """A screen scrolls up and down when large text makes it taller than the glass;
        it never scrolls sideways (it reflows to the width instead)."""
        pane = QScrollArea()
        pane.setObjectName(f"pane_{screen.name}")
        pane.setWidgetResizable(True)
        pane.setFrameShape(QScrollArea.Shape.NoFrame)
        pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pane.setWidget(screen)
        keep_clear_of_scroll_bar(pane, SCROLL_BAR_GAP_PX)
        self.panes[screen.name] = pane
        return pane

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
        self.header_names = names
        self.header.addLayout(names, 1)
        self.header_controls = controls = QHBoxLayout()
        controls.setSpacing(m.spacing(24))
        self.clock = label(name="clock", wrap=False)
        controls.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignVCenter)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in (("ko", "한국어"), ("en", "English")):
            choice = button(m, name, "languageButton", lambda c=code: self.set_language(c))
            choice.setCheckable(True)
            self.language_buttons[code] = choice
            controls.addWidget(choice, 0, Qt.AlignmentFlag.AlignVCenter)
        # Right-aligned at their own width: the name takes the rest of the row, so it wraps
        # only when it must (a stretch here would halve its room).
        self.header.addLayout(controls)
        self.header.setAlignment(controls, Qt.AlignmentFlag.AlignRight
                                 | Qt.AlignmentFlag.AlignVCenter)
        return self.header

    def _footer(self) -> QVBoxLayout:
        """The low button bar. The accessibility button is always at the bottom left; when
        large text makes the bar wider than the glass the other buttons move up a row."""
        m = self.metrics
        self.footer = QVBoxLayout()
        self.footer.setSpacing(m.spacing(20))
        self.footer_upper = QVBoxLayout()
        self.footer_lower = QHBoxLayout()
        # Rows above the bottom one, each as wide as its own buttons need (not a grid,
        # whose columns would take the widest button of any row).
        self.footer_rows = [QHBoxLayout() for _ in range(4)]
        for row in self.footer_rows:
            self.footer_upper.addLayout(row)
        for box in (self.footer_upper, self.footer_lower, *self.footer_rows):
            box.setSpacing(m.spacing(20))
        self.footer.addLayout(self.footer_upper)
        self.footer.addLayout(self.footer_lower)
        self.a11y_button = button(m, "", "a11yButton", self.open_accessibility)
        self.help_button = button(m, "", "helpButton", self.open_help)
        self.back_button = button(m, "", "barButton", self.back)
        self.home_button = button(m, "", "barButton", self.go_home)
        self.mine_button = button(m, "", "barButton", self._mine)
        self.footer_lower.addWidget(self.a11y_button)
        self.footer_lower.addStretch(1)
        self.footer_arrangement: tuple[object, ...] | None = None
        self.help_compact = False
        self.languages_low = False
        self._arrange_footer()
        return self.footer

    def _arrange_footer(self) -> None:
        """The shown bar buttons and help beside the accessibility button when they all fit
        in one row; otherwise in rows above it, as many a row as fit the glass. When large
        text makes the bottom row too wide, help shrinks to "?" (its name is still spoken)
        where that keeps one row in landscape, or keeps it beside accessibility; only when
        not even "?" fits there does help move up too. At 200 % the language buttons move down
        beside the accessibility button when they fit there, and the header row goes."""
        every = (self.back_button, self.home_button, self.mine_button)
        nav = [b for b in every if not b.isHidden()]
        gap = self.a11y_metrics.gap_px
        available = self.width() - 2 * self.a11y_metrics.margin_px
        languages = list(self.language_buttons.values())
        a11y = self.a11y_button.sizeHint().width() + gap
        full = self._help_width(False)
        compact = self._help_width(True)
        language_width = sum(b.sizeHint().width() + gap for b in languages)
        low = self.a11y_metrics.scale >= 2 and a11y + compact + language_width <= available
        if low != self.languages_low:
            self.languages_low = low
            for index, choice in enumerate(languages):
                (self.header_controls if low else self.footer_lower).removeWidget(choice)
                if low:
                    self.footer_lower.insertWidget(2 + index, choice)
                else:
                    self.header_controls.addWidget(choice, 0, Qt.AlignmentFlag.AlignVCenter)
            self.footer_arrangement = None
        bottom = available - (language_width if low else 0)
        widths = sum(b.sizeHint().width() + gap for b in nav)
        help_low = a11y + full <= bottom
        # Only in landscape, where a second row would take the screen's last room.
        one_row = a11y + full + widths <= bottom or (
            not self.portrait and a11y + compact + widths <= bottom)
        self.help_compact = (one_row and a11y + full + widths > bottom) or (
            not help_low and a11y + compact <= bottom)
        help_low = help_low or self.help_compact
        self._label_help()
        upper = nav if help_low else [*nav, self.help_button]
        rows: list[list[QPushButton]] = []
        if not one_row:
            used = available + 1
            for widget in upper:
                width = widget.sizeHint().width()
                if rows and used + gap + width <= available:
                    rows[-1].append(widget)
                    used += gap + width
                else:
                    rows.append([widget])
                    used = width
        arrangement = (tuple(tuple(id(b) for b in r) for r in rows), help_low or one_row,
                       tuple(id(b) for b in nav), low)
        if arrangement == self.footer_arrangement:
            return
        self.footer_arrangement = arrangement
        for widget in (*every, self.help_button):
            for box in (self.footer_lower, *self.footer_rows):
                box.removeWidget(widget)
        if help_low or one_row:
            self.footer_lower.insertWidget(1, self.help_button)
        if not rows:
            for widget in nav:
                self.footer_lower.addWidget(widget)
        for box, row in zip(self.footer_rows, rows, strict=False):
            for widget in row:
                box.addWidget(widget)
        for widget in every:
            if widget not in nav:  # hidden: held by the bottom row, taking no room
                self.footer_lower.addWidget(widget)
        self.footer.setSpacing(gap if rows else 0)

    def _help_width(self, compact: bool) -> int:
        """The help button's width, full or compact (measured, then put back)."""
        shown = self.help_compact
        self.help_compact = compact
        self._label_help()
        width = self.help_button.sizeHint().width() + self.a11y_metrics.gap_px
        self.help_compact = shown
        self._label_help()
        return width

    def _label_help(self) -> None:
        """The compact "?" is a square of the minimum control size: no side padding."""
        full = button_label()
        text = COMPACT_LABEL if self.help_compact else full
        sheet = "QPushButton { padding-left: 0; padding-right: 0; }" if self.help_compact \
            else ""
        if self.help_button.text() != text:
            self.help_button.setText(text)
        if self.help_button.styleSheet() != sheet:
            self.help_button.setStyleSheet(sheet)
        self.help_button.setAccessibleName(full)
        self.help_button.setMinimumSize(0, 0)
        fit_text(self.help_button)
        side = self.a11y_metrics.control_px
        # As tall as the bar's buttons even where none is shown (home): its focus ring
        # then leaves the label whole.
        bar = self.back_button.sizeHint().height()
        self.help_button.setMinimumSize(max(side, self.help_button.minimumWidth()),
                                        max(side, bar, self.help_button.minimumHeight()))

    def retranslate(self) -> None:
        language = self.languages.language
        self.title.setText(self.settings.village_name_en if language == "en"
                           else self.settings.village_name)
        for code, choice in self.language_buttons.items():
            choice.setChecked(code == language)
        self.a11y_button.setText(tr("접근성 · 음성"))
        self._label_help()
        self.back_button.setText(tr("← 뒤로"))
        self.home_button.setText(tr("처음으로"))
        self.mine_button.setText(tr("내 예약"))
        self.a11y.retranslate()
        self.help.retranslate(language)
        self._arrange_footer()  # the new words may need another row of buttons
        if self.warning.isVisible():
            self.warning.show_remaining(self.warning_left)
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(clock_text(self.ctx.now()))
        self.status.setText(self.status_text())

    def status_text(self) -> str:
        """Online or offline only when hub sources are configured and have been tried;
        with nothing to sync the line speaks of the listings alone."""
        status = self.ctx.hub.status()
        if status.online is None:
            if status.listings_as_of is None:
                return tr("마을 자원은 늘 최신입니다")
            return tr("공공 목록 {time} 기준").format(time=clock_text(status.listings_as_of))
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
        if self.current is not None and self.current is not screen:
            self.current.leave()
        self.current = screen
        self.current_params = params
        self.stack.setCurrentWidget(self.panes.get(screen.name, screen))
        self.back_button.setVisible(screen.shows_back and bool(self.history))
        # Home has its own 내 예약 tile: the button there would say it twice.
        self.mine_button.setVisible(screen.name not in ("home", "mine", "identify"))
        self.home_button.setVisible(screen.name != "home")
        screen.enter(**params)
        self.retranslate()
        self._refresh(screen)
        self._restart_idle()
        if screen is not self.map_screen:
            self._install_voice(screen)
        self.guide.announce_screen(self.screen_title(screen.name))
        self._focus_timer.start()

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
        """Home ends a resident's session: nothing they entered stays; after a receipt the
        accessibility settings go too (the next resident starts from the defaults)."""
        if self.current is not None and self.current.name == "receipt":
            self.a11y.hide()
            self.accessibility.reset()
        self.help.hide()  # a new visit starts on the home screen, not in help
        self._forget_session()
        self.history.clear()
        self._show(self.screens["home"], {})

    def end_session(self) -> None:
        """The resident is done (receipt shown): settings and entries go with them."""
        self.accessibility.reset()
        self.go_home()

    def _mine(self) -> None:
        self.ctx.session.purpose = "mine"
        if self.ctx.session.verified:  # a household or a neighbour member
            self.go("mine")
        else:
            self.go("identify", purpose="mine")

    def _silenced(self, reason: str) -> None:
        self.notify(reason, "error")

    def refit(self) -> None:
        if self.current is not None:
            self._refresh(self.current)
            if self.current is not self.map_screen:
                self._install_voice(self.current)

    def _own_parts(self) -> list[QWidget]:
        """Everything but the map screen, whose web view must never be walked from Python
        (wrapping QtWebEngine's half-built widgets crashes the process)."""
        chrome = [w for w in self.body.children() if isinstance(w, QWidget)
                  and w is not self.stack]
        screens = [s for s in self.screens.values() if s is not self.map_screen]
        return [*chrome, *screens, self.a11y, self.help, self.warning]

    def _refresh(self, root: QWidget | None = None) -> None:
        """``refresh_geometry`` for one screen, or for the whole window but the map."""
        if root is self.map_screen:
            return
        for part in [root] if root is not None else self._own_parts():
            refresh_geometry(part)
            if isinstance(part, QPushButton) and not isinstance(part, CardButton):
                part.setMinimumSize(0, 0)
                fit_text(part)

    def _install_voice(self, root: QWidget) -> None:
        """Tap-to-hear (and Enter to activate) on every control, including new ones. The
        window's own key handling stays in front (filters run newest first), so the numeric
        keypad's Enter confirms the on-screen keypad wherever the focus is."""
        controls = root.findChildren(QAbstractButton)
        if isinstance(root, QAbstractButton):
            controls.append(root)
        for control in controls:
            if control.objectName() in SECRET_CONTROLS:
                control.setProperty("a11y_secret", True)
        self.tap_to_hear.install(*controls)
        for control in controls:
            control.installEventFilter(self.watcher)

    def keypads(self, screen: QWidget | None = None) -> list[NumericKeypad]:
        screen = screen if screen is not None else self.current
        return [pad for pad in (getattr(screen, "keypad", None), getattr(screen, "digits", None))
                if isinstance(pad, NumericKeypad)]

    def _guard_secrets(self) -> None:
        """PIN and plate keys are never spoken: their keys say only "digit entered"."""
        for name in ("identify", "plate"):
            screen = self.screens[name]
            secret = [*screen.findChildren(NumericKeypad), *screen.findChildren(SyllableKeypad)]
            for pad in secret:
                for key in pad.findChildren(QPushButton):
                    if key.objectName() in ("keyDigit", "keySyllable"):
                        key.setProperty("a11y_secret", True)
                if isinstance(pad, NumericKeypad):
                    pad.digit.connect(self._digit_entered)
                    pad.erase.connect(self._digit_deleted)
                else:
                    pad.syllable.connect(self._digit_entered)
        plate = self.screens["plate"]
        plate.digits.confirm.connect(self._all_cleared)  # type: ignore[attr-defined]

    def _digit_entered(self, _key: str) -> None:
        self.guide.say(phrase(DIGIT_ENTERED), remember=False)

    def _digit_deleted(self) -> None:
        self.guide.say(phrase(DIGIT_DELETED), remember=False)

    def _all_cleared(self) -> None:
        self.guide.say(phrase(ALL_CLEARED), remember=False)

    def notify(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)
        self._place_banner()

    def _place_banner(self) -> None:
        """The message's reserved place: over the village name and status line (beside the
        language buttons, which stay reachable), as tall as its words need."""
        if self.banner.isHidden():
            return
        margins = self.outer.contentsMargins()
        left, top = margins.left(), margins.top()
        width = self.body.width() - left - margins.right()
        if not self.portrait and self.header_controls.geometry().width() > 0:
            width = self.header_controls.geometry().left() - left - self.a11y_metrics.gap_px
        width = max(width, self.metrics.target)
        height = max(self.header_names.geometry().height(),
                     self.banner.heightForWidth(width))
        self.banner.setGeometry(left, top, width, height)
        self.banner.raise_()

    def clear_notice(self) -> None:
        self.banner.clear_message()

    # -------------------------------------------------------------- settings
    def set_language(self, language: str) -> None:
        """Instant, keeps the current screen and everything entered on it."""
        self.accessibility.update(language=language)

    def set_text_scale(self, scale: float) -> None:
        """``scale`` 1.0, 1.5 or 2.0 (the panel's 100 / 150 / 200 %)."""
        self.accessibility.update(text_scale=round(scale * 100))

    def _accessibility_changed(self) -> None:
        if self.languages.language != self.accessibility.language:
            # The message was said in the other language; the screen itself now speaks
            # the new one, and a stale Korean line would stay in English mode.
            self.banner.clear_message()
        self._apply_accessibility()
        if self.current is not None:
            self.current.retranslate()
        self.retranslate()
        self._refresh()
        self._arrange_footer()  # the buttons' widths in the new language

    def _apply_accessibility(self) -> None:
        """Language, theme, scale and reach of the whole window for the current settings."""
        a11y = self.accessibility
        if self.languages.language != a11y.language:
            self.languages.set_language(a11y.language)
        metrics = a11y.metrics(self.geometry_)
        changed_look = (metrics, a11y.theme) != (self.a11y_metrics, getattr(self, "_theme", None))
        self.a11y_metrics = metrics
        self._theme = a11y.theme
        self.text_scale = metrics.scale
        self.ctx.text_scale = metrics.scale
        if changed_look:
            self.setStyleSheet(kiosk_style(a11y.theme, metrics))
            self._refresh()
        self._apply_reach(metrics)
        self._stack_screens()
        self.a11y.set_metrics(metrics, self.width() or self.screen_px[0])
        self.map_screen.set_look(metrics, a11y.high_contrast, self.guide.active)
        self._size_help(metrics, self.width() or self.screen_px[0])

    def _stack_screens(self, force: bool = False) -> None:
        """Screens stack their columns in portrait, and at 200 % on any panel: side by side
        the columns would be too narrow for text that large."""
        stacked = self.portrait or self.a11y_metrics.scale >= 2
        for screen in self.screens.values():
            if force or screen.portrait != stacked:
                screen.set_portrait(stacked)
            if screen is not self.map_screen:
                # With large text the lists lie flat and the pane scrolls them all at once.
                for area in screen.findChildren(ListArea):
                    area.set_flat(self.a11y_metrics.scale > 1)

    def reach_band(self) -> QRect:
        """Window rows the controls must stay in (the whole window unless low-screen)."""
        return self.a11y_metrics.reach

    def _apply_reach(self, metrics: Metrics) -> None:
        """Low-screen mode: the whole content moves down into the 400–1,220 mm band."""
        band = metrics.reach
        margin = metrics.margin_px
        height = self.height() or self.screen_px[1]
        top = max(margin, band.top()) if self.accessibility.low_screen else margin
        bottom = max(margin, height - band.bottom() - 1) if self.accessibility.low_screen \
            else margin
        self.outer.setContentsMargins(margin, top, margin, bottom)
        self.outer.setSpacing(metrics.gap_px)
        for row in (self.footer_upper, self.footer_lower, *self.footer_rows, self.header):
            row.setSpacing(metrics.gap_px)
        self._arrange_footer()
        # At 200 % the screen's own content needs the room (a card or a keypad must fit the
        # glass whole): the village name, status line and clock give way; the language
        # buttons stay, and each screen's own title still says where the resident is.
        for decoration in (self.title, self.clock, self.status):
            decoration.setVisible(metrics.scale < 2)
        for overlay in (self.a11y, self.help, self.warning):
            overlay.set_reach(band if self.accessibility.low_screen
                              else QRect(0, 0, self.width(), height), margin)

    def open_accessibility(self) -> None:
        self.a11y.retranslate()
        self.a11y.set_metrics(self.a11y_metrics, self.width())
        self.a11y.open()
        self.guide.announce_screen(tr("접근성 설정"))

    def open_help(self) -> None:
        """Help over the current screen: nothing of the visit is touched, so closing it
        returns to the same screen with everything entered on it."""
        self.help.retranslate(self.languages.language)
        self._size_help(self.a11y_metrics, self.width())
        self.help.open_from(self.help_button)
        self.tap_to_hear.armed = None  # in voice mode, a first tap on Close still says it
        self.guide.say(announcement(self.settings.office, self.guide.english))

    def _size_help(self, metrics: Metrics, width_px: int) -> None:
        self.help.set_metrics(metrics, width_px, self.geometry_.mm_to_px(QR_MM))

    # ------------------------------------------------------------- keyboard
    def key(self, watched: QWidget, event: QKeyEvent) -> bool:
        """Arrows move the focus like Tab; on a keypad screen the digits, Backspace and the
        numeric keypad's Enter work the on-screen keypad (the main Enter activates the
        focused control)."""
        if event.key() in NEXT_KEYS + PREVIOUS_KEYS and (
                isinstance(watched, QAbstractButton) or watched is self):
            # From the window itself too (a new screen starts there): into the screen.
            self.focusNextPrevChild(event.key() in NEXT_KEYS)
            return True
        pads = [] if self._overlay_open() else self.keypads()
        keypad_enter = event.key() == Qt.Key.Key_Enter and \
            bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier)
        if event.key() in ACTIVATE_KEYS and isinstance(watched, QAbstractButton) \
                and not (pads and keypad_enter):
            self.tap_to_hear.armed = None
            watched.animateClick()  # every control, also those built after the screen
            return True
        if not pads:
            return False
        pad = pads[0]
        digit = DIGIT_KEYS.get(Qt.Key(event.key()))
        if digit is not None:
            target: QPushButton | None = pad.keys.get(digit)
        elif event.key() == Qt.Key.Key_Backspace:
            target = pad.erase_key
        elif keypad_enter and pad.confirm_key.objectName() == "keyConfirm":
            target = pad.confirm_key
        else:
            return False
        if target is not None and target.isVisible() and target.isEnabled():
            target.click()
        return True

    def _covered(self) -> None:
        """An open overlay replaces the screen: nothing behind it can be reached or read."""
        self.body.setVisible(not self._overlay_open())

    def _overlay_open(self) -> bool:
        return self.a11y.isVisible() or self.help.isVisible() or self.warning.isVisible()

    def _focus_first(self) -> None:
        """A new screen: the focus leaves the old one, so the next Tab (or arrow) starts at
        the top of the window and walks the new screen in reading order. Also when Qt handed
        it on to the next control as the old screen went (the map page had it): a tile or a
        language button left in its focus colour would look like a warning."""
        if self._overlay_open():
            return
        if QApplication.focusWidget() is not self:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self, widget: QWidget) -> None:
        """The focused control is scrolled into view, never left hidden."""
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget, 8, 8)
            parent = parent.parentWidget()

    def screen_title(self, name: str) -> str:
        """What voice guidance calls each screen."""
        return {
            "home": tr("처음 화면"), "attract": tr("안내 화면"), "browse": tr("목록"),
            "detail": tr("자세히 보기"), "identify": tr("세대 확인"), "plate": tr("차량 번호"),
            "confirm": tr("예약 확인"), "receipt": tr("예약 완료"), "mine": tr("내 예약"),
            "map": tr("지도"), "news": tr("마을 소식"), "event": tr("행사 신청"),
            "search": tr("검색"),
        }.get(name, name)

    # ------------------------------------------------------------ idle/privacy
    def poke(self) -> None:
        if self.warning.isVisible():
            return  # only the extend button (or the countdown) ends the warning
        self._restart_idle()

    def _restart_idle(self) -> None:
        on_home = self.current is not None and self.current.name in ("home", "attract")
        seconds = self.timeouts.home_idle_s if on_home else self.timeouts.idle_s
        if self.accessibility.voice:
            seconds *= VOICE_TIME_FACTOR  # listening takes longer than reading
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
        self.warning_left = max(1, round(self.timeouts.warning_s
                                         * (VOICE_TIME_FACTOR if self.accessibility.voice else 1)))
        self.warning.show_remaining(self.warning_left)
        self.warning.open()
        self.warning_timer.start()

    def _has_personal_settings(self) -> bool:
        a = self.accessibility
        return (a.voice or a.text_scale != 100 or a.high_contrast or a.low_screen
                or a.language != a.default_language or a.speech_rate_step != DEFAULT_RATE_STEP
                or a.speech_volume_step != DEFAULT_VOLUME_STEP)

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
        self.help.hide()
        self.accessibility.reset()
        self.go_home()

    def _forget_session(self) -> None:
        self.background.forget_pending()
        self.ctx.session.clear()
        for screen in self.screens.values():
            screen.clear()
        self.sessionEnded.emit()

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
            self._stack_screens(force=True)
        for overlay in (self.a11y, self.help, self.warning):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())
        self._apply_reach(self.a11y_metrics)
        QTimer.singleShot(0, self, self._place_banner)  # once the header has its new geometry
        self.a11y.set_metrics(self.a11y_metrics, event.size().width())
        self._size_help(self.a11y_metrics, event.size().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The map page loads once the home screen is on the glass, not before: the
            # frame is flushed when this paint pass returns, and what the pass queued
            # runs before the map view is built.
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    @property
    def painted(self) -> bool:
        return self._painted

    def _after_first_paint(self) -> None:
        QTimer.singleShot(0, self.map_screen.ensure_view)
        self.firstPainted.emit()

    def closeEvent(self, event: Any) -> None:
        self.clock_timer.stop()
        self.sweep_timer.stop()
        self.idle_timer.stop()
        self.guide.shutdown()  # bounded: a speech thread stuck in the engine is left behind
        super().closeEvent(event)
