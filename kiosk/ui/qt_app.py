"""Qt application set-up for the kiosk: fonts, style sheet, translator, timers."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.domain.errors import BookingRefused
from kiosk.ui.home import HomeWindow
from kiosk.ui.i18n import LanguageSwitcher

if TYPE_CHECKING:
    from kiosk.app import Services

STYLE = Path(__file__).resolve().parent.parent.parent / "assets" / "styles" / "kiosk.qss"
log = logging.getLogger(__name__)


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Sharing Village Kiosk")
    app.setFont(QFont(["Noto Sans CJK KR", "Noto Sans KR", "sans-serif"], 18))
    app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    return app


def build_home(services: Services, app: QApplication) -> tuple[HomeWindow, LanguageSwitcher]:
    languages = LanguageSwitcher(app)
    languages.set_language(services.settings.language)
    window = HomeWindow(services.settings, services.bookings, languages)
    return window, languages


def start_sweeper(services: Services, window: HomeWindow) -> QTimer:
    """Release no-shows and complete finished bookings on an in-process timer."""
    timer = QTimer(window)

    def sweep() -> None:
        try:
            result = services.bookings.sweep()
        except BookingRefused as exc:
            log.warning("sweep postponed: %s", exc)
            return
        if result.no_shows or result.completed or result.expired:
            window.refresh()

    timer.timeout.connect(sweep)
    timer.start(services.settings.sweep_interval_s * 1000)
    sweep()
    return timer


def run(services: Services, fullscreen: bool = True, argv: list[str] | None = None) -> int:
    app = make_application(argv or [])
    window, _languages = build_home(services, app)
    _timer = start_sweeper(services, window)
    if fullscreen:
        window.showFullScreen()
    else:
        window.resize(1920, 1080)
        window.show()
    return app.exec()
