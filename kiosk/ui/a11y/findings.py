"""What the accessibility audit reports: one rule broken by one widget."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit


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
