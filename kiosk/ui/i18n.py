"""Languages: Korean is the source language of every string; English comes from a .qm file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "assets" / "translations"


class LanguageSwitcher:
    """Installs or removes the English translator; Korean needs none."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._english = QTranslator()
        self.language = "ko"
        if not self._english.load(str(TRANSLATIONS / "kiosk_en.qm")):
            raise FileNotFoundError(f"missing translation {TRANSLATIONS / 'kiosk_en.qm'}")

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        if language == "en":
            self._app.installTranslator(self._english)
        else:
            self._app.removeTranslator(self._english)
        self.language = language
