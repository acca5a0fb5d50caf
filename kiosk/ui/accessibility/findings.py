"""What the accessibility audit reports: one rule broken by one widget."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget


@dataclass(frozen=True)
class Finding:
    """``rule`` is a short key (size, gap, ink, contrast…); ``detail`` says by how much."""

    rule: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.widget}: {self.detail}"


def describe(obj: QObject) -> str:
    """Class, object name and a little text, enough to find the widget in a screen."""
    name = type(obj).__name__
    if obj.objectName():
        name += f"#{obj.objectName()}"
    text = ""
    if isinstance(obj, QLabel | QAbstractButton):
        text = obj.text()
    elif isinstance(obj, QLineEdit):
        text = obj.placeholderText()
    text = " ".join(text.split())
    if text:
        name += f" '{text[:24]}'"
    return name


def text_of(widget: QWidget) -> str:
    """The visible text a widget shows (plain text even if the label is rich text)."""
    if isinstance(widget, QLabel):
        text = widget.text()
        if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
            document = QTextDocument()
            document.setHtml(text)
            text = document.toPlainText()
        return text.strip()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QLineEdit):
        return (widget.text() or widget.placeholderText()).strip()
    if isinstance(widget, QComboBox):
        return widget.currentText().strip()
    return ""
