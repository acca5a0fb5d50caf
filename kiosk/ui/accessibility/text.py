"""Translation for this package: Korean sources in their own context of the .ts file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "kiosk.ui.accessibility"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
