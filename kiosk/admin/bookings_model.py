"""A table model over paged queries: it knows the row count and loads only the pages
the view asks for, keeping a bounded number of them; sorting and filtering re-query.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from kiosk.admin.text import status_label, tr, when
from kiosk.domain.bookings import BookingStatus
from kiosk.services.ports import BookingListRow, BookingQuery

SORT_KEYS = ("code", "resource", "household", "start", "end", None, "status", None)


class PagedBookings(Protocol):
    def count(self, query: BookingQuery) -> int: ...
    def page(self, query: BookingQuery, offset: int, limit: int) -> list[BookingListRow]: ...


Index = QModelIndex | QPersistentModelIndex


class BookingTableModel(QAbstractTableModel):
    """``page_size`` rows per query, at most ``max_pages`` kept in memory."""

    def __init__(self, source: PagedBookings, page_size: int = 200, max_pages: int = 8) -> None:
        super().__init__()
        self.source = source
        self.page_size = page_size
        self.max_pages = max_pages
        self.query = BookingQuery()
        self.total = 0
        self.pages: OrderedDict[int, list[BookingListRow]] = OrderedDict()
        self.fetches = 0  # pages read from storage so far (tests and the bench watch it)

    def headers(self) -> list[str]:
        return [tr("코드"), tr("자원"), tr("세대"), tr("시작"), tr("끝"), tr("수량"),
                tr("상태"), tr("차량번호")]

    def set_query(self, query: BookingQuery) -> None:
        self.beginResetModel()
        self.query = query
        self.pages.clear()
        self.total = self.source.count(query)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    # ----------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SORT_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def row_at(self, row: int) -> BookingListRow | None:
        if not 0 <= row < self.total:
            return None
        number = row // self.page_size
        page = self.pages.get(number)
        if page is None:
            page = self.source.page(self.query, number * self.page_size, self.page_size)
            self.fetches += 1
            self.pages[number] = page
            while len(self.pages) > self.max_pages:
                self.pages.popitem(last=False)
        else:
            self.pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.status is BookingStatus.PENDING:
                return QBrush(QColor("#b71c1c"))
            if item.status in (BookingStatus.CANCELLED, BookingStatus.REJECTED):
                return QBrush(QColor("#8a8a8a"))
            return None
        return (item.code, item.resource_name, item.household, when(item.start),
                when(item.end), str(item.units), status_label(item.status),
                item.plate or "")[index.column()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column]
        if key is None:
            return
        self.set_query(replace(self.query, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder))
