"""Event filters that follow a window's widget tree instead of the whole application.

An application-wide Python event filter also sees the objects QtWebEngine is still
constructing, and crashes the process (seen as a segfault while the map page loads).
So filters are installed on a window, on each of its widgets, and on every new child
as it is polished.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WidgetTreeFilter(QObject):
    """Base class: override ``on_event``; ``watch(window)`` covers the window's tree."""

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def unwatch(self, widget: QWidget) -> None:
        widget.removeEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                # A child can arrive with children of its own (a card with its buttons).
                self.adopt(child)
        return self.on_event(watched, event)

    def adopt(self, widget: QWidget) -> None:
        """A widget joined the tree after ``watch``; subclasses may add to this."""
        widget.installEventFilter(self)

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        """Return True to stop the event; the default lets everything through."""
        return False
