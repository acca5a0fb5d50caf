"""Touch widgets shared by the screens: big buttons, cards, keypads, the slot grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.touch import TouchMetrics, make_kinetic

ICONS = Path(__file__).resolve().parent.parent.parent / "assets" / "map" / "icons"


def icon_for(kind: str) -> QIcon:
    """The project's own marker icons double as category icons (same look on map and tiles)."""
    path = ICONS / f"{kind}.svg"
    return QIcon(str(path if path.exists() else ICONS / "other.svg"))


def label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """Plain text only: names and reasons come from files and must not be read as HTML."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    return widget


def button(metrics: TouchMetrics, text: str = "", name: str = "",
           on_click: Callable[[], None] | None = None, min_w: int = 0,
           min_h: int = 0) -> QPushButton:
    """A push button no smaller than the panel's minimum target; acts on release."""
    widget = QPushButton(text)
    widget.setObjectName(name or "plainButton")
    # Tab and the keypad reach every control; a tap does not leave a focus ring behind.
    widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    widget.setAutoDefault(False)
    widget.setMinimumSize(max(min_w, metrics.target), max(min_h, metrics.target))
    # Layouts may stretch a button but never squeeze it below its text (200 % included).
    widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def fit_text(widget: QWidget) -> None:
    """Once a control sits in the window (and has the window's style), layouts may not
    squeeze it below its text. A style sheet's ``min-width``/``min-height`` set an explicit
    minimum that layouts take instead of the size hint, so the hint is made the minimum."""
    widget.ensurePolished()
    hint = widget.sizeHint()
    widget.setMinimumSize(max(widget.minimumWidth(), hint.width()),
                          max(widget.minimumHeight(), hint.height()))


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class CardButton(QPushButton):
    """A tappable card holding several lines; the whole card is the touch target."""

    def __init__(self, metrics: TouchMetrics, name: str = "card",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(24, 16, 24, 16)
        self.box.setSpacing(6)
        self._min = metrics.target

    def add_line(self, text: str, name: str) -> QLabel:
        line = label(text, name)
        line.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.box.addWidget(line)
        return line

    def sizeHint(self) -> QSize:
        """The labels decide: as narrow as their wrapped text allows, as tall as that needs."""
        width = max(self.box.totalMinimumSize().width(), self._min)
        return QSize(width, self.heightForWidth(max(width, self.width())))

    def minimumSizeHint(self) -> QSize:
        hint = self.box.totalMinimumSize()
        return QSize(max(hint.width(), self._min), max(hint.height(), self._min))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.box.totalHeightForWidth(width), self._min)


SCROLL_BAR_GAP_PX = 16
"""Room between content and scroll bar: above 2.5 mm on panels up to 6.4 px/mm."""


def keep_clear_of_scroll_bar(area: QScrollArea, gap: int) -> None:
    """Controls never touch the scroll bar (the gap rule applies to it as to any control)."""
    area.setViewportMargins(0, 0, gap, 0)


def scroll_area(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; they scroll it
    area.setWidget(content)
    keep_clear_of_scroll_bar(area, SCROLL_BAR_GAP_PX)
    make_kinetic(area)
    return area


class NumericKeypad(QWidget):
    """0–9, erase and a confirm key, laid out like a phone keypad."""

    digit = Signal(str)
    erase = Signal()
    confirm = Signal()

    def __init__(self, metrics: TouchMetrics, key_px: int = 120,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(metrics.spacing(14))
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for index, text in enumerate("123456789"):
            self._key(metrics, grid, text, index // 3, index % 3, key_px)
        self.erase_key = button(metrics, "", "keyErase", self.erase.emit, key_px, key_px * 3 // 4)
        grid.addWidget(self.erase_key, 3, 0)
        self._key(metrics, grid, "0", 3, 1, key_px)
        self.confirm_key = button(metrics, "", "keyConfirm", self.confirm.emit, key_px,
                                  key_px * 3 // 4)
        grid.addWidget(self.confirm_key, 3, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)

    def _key(self, metrics: TouchMetrics, grid: QGridLayout, text: str, row: int, col: int,
             key_px: int) -> None:
        key = button(metrics, text, "keyDigit", lambda t=text: self.digit.emit(t), key_px,
                     key_px * 3 // 4)
        self.keys[text] = key
        grid.addWidget(key, row, col)


class SyllableKeypad(QWidget):
    """The fixed set of Hangul syllables used on Korean plates."""

    syllable = Signal(str)

    def __init__(self, metrics: TouchMetrics, syllables: Sequence[str], columns: int = 8,
                 key_px: int = 84, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(metrics.spacing(10))
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for text in syllables:
            self.keys[text] = button(metrics, text, "keySyllable",
                                     lambda t=text: self.syllable.emit(t), key_px, key_px)
        self.set_columns(columns)

    def set_columns(self, columns: int) -> None:
        for index, key in enumerate(self.keys.values()):
            self.grid.addWidget(key, index // columns, index % columns)


class Banner(QLabel):
    """A message above the screen: errors in plain words with the way forward."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setObjectName("bannerError")
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setObjectName("bannerError" if kind == "error" else "bannerInfo")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def hbox(*widgets: QWidget, spacing: int = 16) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    return row
