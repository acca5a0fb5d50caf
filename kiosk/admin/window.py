"""The association's desk window: sign-in (or first-run setup), then one tab per job."""

from __future__ import annotations

import os
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QThreadPool,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.accounts_tab import AccountsTab
from kiosk.admin.alerts import ALERT_REFRESH_MS, AlertBanner
from kiosk.admin.audit_tab import AuditTab
from kiosk.admin.bookings_tab import BookingsTab
from kiosk.admin.calendar_tab import CalendarTab
from kiosk.admin.common import DeskSession, MessageBar
from kiosk.admin.events_tab import EventsTab
from kiosk.admin.fees_tab import FeesTab
from kiosk.admin.households_tab import HouseholdsTab
from kiosk.admin.neighbours_tab import NeighboursTab
from kiosk.admin.notices_tab import NoticesTab
from kiosk.admin.reports_tab import ReportsTab
from kiosk.admin.resources_tab import ResourcesTab
from kiosk.admin.settings_tab import SettingsTab
from kiosk.admin.signin import SetupScreen, SignInScreen
from kiosk.admin.status_tab import StatusTab
from kiosk.admin.text import LANGUAGE, tr
from kiosk.domain.admin_accounts import AdminAccount

if TYPE_CHECKING:
    from kiosk.app import DeskServices

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "assets" / "translations"
STYLE = """
QWidget { font-size: 14px; }
QTabBar::tab { padding: 8px 18px; font-size: 15px; }
QTabBar::tab:selected { font-weight: bold; }
QPushButton { padding: 5px 12px; }
QHeaderView::section { padding: 4px; font-weight: bold; }
"""


class DeskLanguage:
    """Korean is the source language; English is the "admin" context of a .qm file."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.english = QTranslator()
        if not self.english.load(str(TRANSLATIONS / "admin_en.qm")):
            raise FileNotFoundError(f"missing translation {TRANSLATIONS / 'admin_en.qm'}")
        self.language = "ko"

    def set(self, language: str) -> None:
        if language == self.language:
            return
        if language == "en":
            self.app.installTranslator(self.english)
        else:
            self.app.removeTranslator(self.english)
        self.language = language
        LANGUAGE["current"] = language


class MainScreen(QWidget):
    """Tabs by role: staff see bookings, the calendar and status; managers see all."""

    def __init__(self, session: DeskSession, on_sign_out: Callable[[], None],
                 on_language: Callable[[], None], language: str,
                 alert_ms: int = ALERT_REFRESH_MS) -> None:
        super().__init__()
        self.session = session
        account = session.account
        header = QHBoxLayout()
        settings = session.desk.services.settings
        village = settings.village_name_en if language == "en" and settings.village_name_en \
            else settings.village_name
        title = QLabel(village + " · " + tr("관리"))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        role = tr("관리자") if account.is_manager else tr("봉사자")
        who = QLabel(tr("{n} ({u}, {r})님").format(n=account.display_name, u=account.username,
                                                  r=role))
        self.language_button = QPushButton("English" if language == "ko" else "한국어")
        self.sign_out_button = QPushButton(tr("로그아웃"))
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(who)
        header.addWidget(self.language_button)
        header.addWidget(self.sign_out_button)
        self.alerts = AlertBanner(session, alert_ms)
        self.message = MessageBar()
        self.messages: dict[int, tuple[str, bool]] = {}
        session.notify = self.notify
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)
        self.bookings = BookingsTab(session)
        self.calendar = CalendarTab(session)
        self.tabs.addTab(self.bookings, tr("예약 관리"))
        self.tabs.addTab(self.calendar, tr("달력"))
        self.notices = NoticesTab(session)
        self.tabs.addTab(self.notices, tr("소식"))
        self.events = EventsTab(session)
        self.tabs.addTab(self.events, tr("행사"))
        self.resources: ResourcesTab | None = None
        self.households: HouseholdsTab | None = None
        self.neighbours: NeighboursTab | None = None
        self.reports: ReportsTab | None = None
        self.fees: FeesTab | None = None
        self.accounts: AccountsTab | None = None
        if account.is_manager:
            self.resources = ResourcesTab(session)
            self.households = HouseholdsTab(session)
            self.neighbours = NeighboursTab(session)
            self.reports = ReportsTab(session)
            self.fees = FeesTab(session)
            self.tabs.addTab(self.resources, tr("자원 관리"))
            self.tabs.addTab(self.households, tr("세대 관리"))
            self.tabs.addTab(self.neighbours, tr("이웃 회원"))
            self.tabs.addTab(self.reports, tr("보고서"))
            self.tabs.addTab(self.fees, tr("이용료"))
        self.status = StatusTab(session)
        self.tabs.addTab(self.status, tr("동기화·키오스크"))
        self.audit: AuditTab | None = None
        self.settings: SettingsTab | None = None
        if account.is_manager:
            self.accounts = AccountsTab(session)
            self.audit = AuditTab(session)
            self.settings = SettingsTab(session)
            self.tabs.addTab(self.accounts, tr("계정"))
            self.tabs.addTab(self.audit, tr("감사 기록"))
            self.tabs.addTab(self.settings, tr("설정"))
        self.tabs.currentChanged.connect(self._entered)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.alerts)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.sign_out_button.clicked.connect(on_sign_out)
        self.language_button.clicked.connect(on_language)

    def notify(self, text: str, error: bool) -> None:
        """A message belongs to the tab it was said on: it comes back with that tab."""
        self.messages[self.tabs.currentIndex()] = (text, error)
        self.message.show_message(text, error)

    def _entered(self, index: int) -> None:
        """Show fresh data when a tab is opened: kiosks write to the same database."""
        self.message.show_message(*self.messages.get(index, ("", False)))
        widget = self.tabs.widget(index)
        if widget is self.bookings:
            self.bookings.model.refresh()
        elif widget is self.calendar:
            self.calendar.reload()
        elif hasattr(widget, "reload") and widget not in (self.reports, self.settings):
            widget.reload()


IDLE_SIGN_OUT_MS = 15 * 60 * 1000
_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel}


class DeskWindow(QMainWindow):
    """Signs out by itself after ``idle_ms`` without mouse or keyboard: the desk PC is
    shared, and the next person must not act under someone else's name."""

    def __init__(self, desk: DeskServices, language: DeskLanguage | None = None,
                 idle_ms: int | None = IDLE_SIGN_OUT_MS,
                 alert_ms: int = ALERT_REFRESH_MS) -> None:
        super().__init__()
        self.desk = desk
        self.alert_ms = alert_ms
        self.language = language
        self.account: AdminAccount | None = None
        self.main: MainScreen | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setStyleSheet(STYLE)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.idle_sign_out)
        self.idle_ms = idle_ms
        app = QApplication.instance()
        if idle_ms is not None and app is not None:
            app.installEventFilter(self)
        self.rebuild()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.account is not None and self.idle_ms:
            self.idle.start(self.idle_ms)
        return False

    def idle_sign_out(self) -> None:
        if self.account is None:
            return
        self.sign_out()
        screen = self.screen()
        if isinstance(screen, SignInScreen):
            screen.error.setText(tr("한동안 쓰지 않아 로그아웃했습니다. 다시 로그인하세요."))

    @property
    def village(self) -> str:
        settings = self.desk.services.settings
        if LANGUAGE["current"] == "en" and settings.village_name_en:
            return settings.village_name_en
        return settings.village_name

    def rebuild(self) -> None:
        """(Re)build the current screen, e.g. after the language changed."""
        self.setWindowTitle(tr("{v} 관리 프로그램").format(v=self.village))
        while self.stack.count():
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.main = None
        if self.account is not None:
            self.main = MainScreen(DeskSession(self.desk, self.account), self.sign_out,
                                   self.toggle_language,
                                   self.language.language if self.language else "ko",
                                   self.alert_ms)
            self.stack.addWidget(self.main)
        elif self.desk.accounts.needs_setup():
            setup = SetupScreen(self.desk, self.village)
            setup.created.connect(self.signed_in)
            self.stack.addWidget(setup)
        else:
            signin = SignInScreen(self.desk, self.village)
            signin.signed_in.connect(self.signed_in)
            self.stack.addWidget(signin)

    def screen(self) -> QWidget:
        return self.stack.currentWidget()

    def signed_in(self, account: AdminAccount) -> None:
        self.account = account
        self.rebuild()
        if self.idle_ms:
            self.idle.start(self.idle_ms)

    def sign_out(self) -> None:
        self.account = None
        self.idle.stop()
        self.rebuild()

    def toggle_language(self) -> None:
        if self.language is None:
            return
        self.language.set("en" if self.language.language == "ko" else "ko")
        self.rebuild()


def headless_platform(screenshots: Path | None,
                      environ: MutableMapping[str, str] | None = None) -> None:
    """Pictures need no screen: when only rendering, Qt draws offscreen instead of
    aborting for want of a display, as ``kiosk run --screenshots`` does. The live desk
    still needs a display (an invisible window would help nobody)."""
    env = os.environ if environ is None else environ
    if screenshots is not None:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(desk: DeskServices, screenshots: Path | None = None, argv: list[str] | None = None
        ) -> int:
    if QApplication.instance() is None:
        headless_platform(screenshots)
    app = QApplication.instance() or QApplication(["kiosk-admin", *(argv or [])])
    assert isinstance(app, QApplication)
    language = DeskLanguage(app)
    if screenshots is not None:
        from kiosk.admin.screenshots import render_all

        for path in render_all(desk, language, screenshots):
            print(path)
        QThreadPool.globalInstance().waitForDone(10_000)
        return 0
    window = DeskWindow(desk, language)
    window.resize(1600, 1000)
    window.show()
    try:
        return int(app.exec())
    finally:
        # Let background reads finish before the caller closes the database.
        QThreadPool.globalInstance().waitForDone(10_000)
