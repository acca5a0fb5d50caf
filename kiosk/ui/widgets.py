"""Touch widgets shared by the screens: big buttons, cards, keypads, the slot grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
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


def _least_width(item: QLayoutItem) -> int:
    """An item's minimum width, but never below what its content needs: an explicit minimum
    set for touch size must not let the grid squeeze a tile's words."""
    widget = item.widget()
    hint = widget.minimumSizeHint().width() if widget is not None else 0
    return max(item.minimumSize().width(), hint)


class ReflowGrid(QLayout):
    """Equal columns, as many as the width holds (at most ``max_columns``), and as many rows
    as the items need: chips, cells and tiles wrap to a new row at 200 % instead of pushing
    the screen past the glass. Rows are as tall as their tallest item (wrapped text
    included); items that expand vertically share the spare height. ``fill``: fewer items
    than columns share the whole width; otherwise they keep a column's width."""

    def __init__(self, parent: QWidget | None = None, max_columns: int = 3,
                 spacing: int = 16, fill: bool = True) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.max_columns = max_columns
        self.fill = fill
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # QLayout's item bookkeeping
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def set_max_columns(self, columns: int) -> None:
        if columns != self.max_columns:
            self.max_columns = columns
            self.invalidate()

    # sizes
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _margins(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def columns_for(self, width: int) -> int:
        """The most columns (≤ ``max_columns``) in which every shown item gets its minimum."""
        shown = self._shown()
        if not shown:
            return 1
        need = max(_least_width(item) for item in shown)
        gap = self.spacing()
        most = min(self.max_columns, len(shown)) if self.fill else self.max_columns
        for columns in range(most, 1, -1):
            if columns * need + (columns - 1) * gap <= width:
                return columns
        return 1

    def _rows(self, width: int) -> tuple[int, int, list[int]]:
        shown = self._shown()
        columns = self.columns_for(width)
        gap = self.spacing()
        column_w = max(1, (width - (columns - 1) * gap) // columns)
        heights = []
        for start in range(0, len(shown), columns):
            row = shown[start:start + columns]
            heights.append(max(max(item.heightForWidth(column_w) if item.hasHeightForWidth()
                                   else item.sizeHint().height(), item.minimumSize().height())
                               for item in row))
        return columns, column_w, heights

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        across, down = self._margins()
        _, _, heights = self._rows(width - across)
        return sum(heights) + max(0, len(heights) - 1) * self.spacing() + down

    def minimumSize(self) -> QSize:
        shown = self._shown()
        across, down = self._margins()
        if not shown:
            return QSize(across, down)
        return QSize(max(_least_width(i) for i in shown) + across,
                     max(i.minimumSize().height() for i in shown) + down)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        across, _down = self._margins()
        if not shown:
            return self.minimumSize()
        columns = min(self.max_columns, len(shown)) if self.fill else self.max_columns
        width = columns * max(i.sizeHint().width() for i in shown) \
            + (columns - 1) * self.spacing() + across
        return QSize(width, self.heightForWidth(width))

    def expandingDirections(self) -> Qt.Orientation:
        directions = Qt.Orientation(0)
        for item in self._items:
            directions |= item.expandingDirections()
        return directions

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        area = self.contentsRect()
        columns, column_w, heights = self._rows(area.width())
        shown = self._shown()
        spare = area.height() - sum(heights) - max(0, len(heights) - 1) * self.spacing()
        if spare > 0 and heights and any(
                item.expandingDirections() & Qt.Orientation.Vertical for item in shown):
            heights = [h + spare // len(heights) for h in heights]
        y = area.top()
        for row, height in enumerate(heights):
            for col, item in enumerate(shown[row * columns:(row + 1) * columns]):
                x = area.left() + col * (column_w + self.spacing())
                item.setGeometry(QRect(x, y, column_w, height))
            y += height + self.spacing()


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


class ListArea(QScrollArea):
    """A list inside a screen. It scrolls on its own, or lies flat at its content's full
    height (``set_flat``): with large text the screen's pane then scrolls everything at once,
    instead of a scroll area inside a scroll area showing a few lines of each."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.flat = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; they scroll it
        self.setWidget(content)
        content.installEventFilter(self)
        keep_clear_of_scroll_bar(self, SCROLL_BAR_GAP_PX)
        make_kinetic(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.flat and watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # new rows in the list: the screen makes room for them
        return super().eventFilter(watched, event)

    def set_flat(self, flat: bool) -> None:
        if flat == self.flat:
            return
        self.flat = flat
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if flat
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        keep_clear_of_scroll_bar(self, 0 if flat else SCROLL_BAR_GAP_PX)
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return self.flat or super().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        content = self.widget()
        if not self.flat or content is None:
            return super().heightForWidth(width)
        if content.hasHeightForWidth():
            return max(content.heightForWidth(width), content.minimumSizeHint().height())
        return content.sizeHint().height()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.flat:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint


def scroll_area(content: QWidget) -> ListArea:
    return ListArea(content)


class NumericKeypad(QWidget):
    """0–9, erase and a confirm key, laid out like a phone keypad. Each row is its own
    ``ReflowGrid`` of three equal columns, so the rows line up; when large text makes the
    erase and confirm words wider than a third of the row, that row wraps instead."""

    digit = Signal(str)
    erase = Signal()
    confirm = Signal()

    def __init__(self, metrics: TouchMetrics, key_px: int = 120,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spacing = metrics.spacing(14)
        rows = QVBoxLayout(self)
        rows.setSpacing(spacing)
        rows.setContentsMargins(0, 0, 0, 0)
        self.rows = [ReflowGrid(max_columns=3, spacing=spacing) for _ in range(4)]
        for row in self.rows:
            rows.addLayout(row)
        self.keys: dict[str, QPushButton] = {}
        for index, text in enumerate("123456789"):
            self._key(metrics, self.rows[index // 3], text, key_px)
        self.erase_key = button(metrics, "", "keyErase", self.erase.emit, key_px, key_px * 3 // 4)
        self.rows[3].addWidget(self.erase_key)
        self._key(metrics, self.rows[3], "0", key_px)
        self.confirm_key = button(metrics, "", "keyConfirm", self.confirm.emit, key_px,
                                  key_px * 3 // 4)
        self.rows[3].addWidget(self.confirm_key)

    def _key(self, metrics: TouchMetrics, row: ReflowGrid, text: str, key_px: int) -> None:
        key = button(metrics, text, "keyDigit", lambda t=text: self.digit.emit(t), key_px,
                     key_px * 3 // 4)
        self.keys[text] = key
        row.addWidget(key)


class SyllableKeypad(QWidget):
    """The fixed set of Hangul syllables used on Korean plates."""

    syllable = Signal(str)

    def __init__(self, metrics: TouchMetrics, syllables: Sequence[str], columns: int = 8,
                 key_px: int = 84, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Fewer columns when large text makes the keys wider than the row holds.
        self.grid = ReflowGrid(self, max_columns=columns, spacing=metrics.spacing(10))
        self.keys: dict[str, QPushButton] = {}
        for text in syllables:
            self.keys[text] = button(metrics, text, "keySyllable",
                                     lambda t=text: self.syllable.emit(t), key_px, key_px)
            self.grid.addWidget(self.keys[text])

    def set_columns(self, columns: int) -> None:
        self.grid.set_max_columns(columns)


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
