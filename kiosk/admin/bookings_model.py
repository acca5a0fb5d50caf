"""A table model over paged queries: it knows the row count and loads only the pages
the view asks for, keeping a bounded number of them; sorting and filtering re-query.

Every query runs on the thread pool, so the window never waits on the database;
rows not read yet show "…" for the moment it takes.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from kiosk.admin.text import LANGUAGE, refusal_text, status_label, tr, when
from kiosk.domain.bookings import BookingStatus
from kiosk.services.ports import BookingListRow, BookingQuery

SORT_KEYS = ("code", "resource", "household", "start", "end", None, "status", None)


class PagedBookings(Protocol):
    def count(self, query: BookingQuery) -> int: ...
    def page(self, query: BookingQuery, offset: int, limit: int) -> list[BookingListRow]: ...


Index = QModelIndex | QPersistentModelIndex

# Jobs whose result has not been delivered. Held here, not by the model, so a job that
# outlives its model (the window was rebuilt) still has a live object to report to.
IN_FLIGHT: set[object] = set()


class _KeyedSignals(QObject):
    done = Signal(object, object)
    error = Signal(object, str)


class _KeyedJob(QRunnable):
    """One query on the thread pool; its result comes back with the key it was asked by."""

    def __init__(self, key: object, work: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.key = key
        self.work = work
        self.signals = _KeyedSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # shown to the user, never lost in a thread
            result, failed = refusal_text(exc), True
        else:
            failed = False
        try:
            if failed:
                self.signals.error.emit(self.key, result)
            else:
                self.signals.done.emit(self.key, result)
        except RuntimeError:
            pass  # the program is closing: nobody is left to show the rows to


def listed_name(item: BookingListRow) -> str:
    """The resource's name in the desk's language."""
    if LANGUAGE["current"] == "en" and item.resource_name_en:
        return item.resource_name_en
    return item.resource_name


class BookingTableModel(QAbstractTableModel):
    """``page_size`` rows per query, at most ``max_pages`` kept in memory."""

    loaded = Signal()  # a new query's count and first page have arrived
    failed = Signal(str)

    def __init__(self, source: PagedBookings, page_size: int = 200, max_pages: int = 8,
                 pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.source = source
        self.page_size = page_size
        self.max_pages = max_pages
        self.pool = pool or QThreadPool.globalInstance()
        self.query = BookingQuery()
        self.total = 0
        self.pages: OrderedDict[int, list[BookingListRow]] = OrderedDict()
        self.loading: set[int] = set()
        self.generation = 0
        self.busy = False
        # Jobs in flight and what to do with their result; kept until it arrives.
        self.jobs: dict[object, tuple[_KeyedJob, Any]] = {}
        self.fetches = 0  # pages read from storage so far (tests and the bench watch it)

    def headers(self) -> list[str]:
        return [tr("코드"), tr("자원"), tr("세대"), tr("시작"), tr("끝"), tr("수량"),
                tr("상태"), tr("차량번호")]

    # ------------------------------------------------------------------ loading
    def set_query(self, query: BookingQuery) -> None:
        """Count and read the first page in the background; ``loaded`` says when."""
        self.generation += 1
        generation = self.generation
        self.query = query
        self.busy = True
        self.loading.clear()
        source, size = self.source, self.page_size

        def work() -> tuple[int, list[BookingListRow]]:
            return source.count(query), source.page(query, 0, size)

        self._start(("query", generation), work,
                    lambda result: self._query_done(generation, result))

    def refresh(self) -> None:
        self.set_query(self.query)

    def _start(self, key: object, work: Any, done: Any) -> None:
        job = _KeyedJob(key, work)
        self.jobs[key] = (job, done)
        IN_FLIGHT.add(job)
        # Bound methods of this model: Qt queues the result to the GUI thread.
        job.signals.done.connect(self._job_done)
        job.signals.error.connect(self._job_failed)
        self.pool.start(job)

    def _job_done(self, key: object, result: object) -> None:
        entry = self.jobs.pop(key, None)
        if entry is not None:
            IN_FLIGHT.discard(entry[0])
            entry[1](result)

    def _job_failed(self, key: object, text: str) -> None:
        entry = self.jobs.pop(key, None)
        if entry is not None:
            IN_FLIGHT.discard(entry[0])
        if isinstance(key, tuple) and key[0] == "page":
            self.loading.discard(key[2])
        self.busy = False
        self.failed.emit(text)

    def _query_done(self, generation: int, result: object) -> None:
        if generation != self.generation:
            return  # a newer filter or sort replaced this one
        total, first = result  # type: ignore[misc]
        self.fetches += 1
        self.beginResetModel()
        self.total = total
        self.pages.clear()
        self.pages[0] = first
        self.endResetModel()
        self.busy = False
        self.loaded.emit()

    def _fetch(self, number: int) -> None:
        if number in self.loading:
            return
        self.loading.add(number)
        generation, query, source = self.generation, self.query, self.source
        offset, size = number * self.page_size, self.page_size
        self._start(("page", generation, number), lambda: source.page(query, offset, size),
                    lambda rows: self._page_done(generation, number, rows))

    def _page_done(self, generation: int, number: int, rows: object) -> None:
        if generation != self.generation:
            return
        self.loading.discard(number)
        self.fetches += 1
        assert isinstance(rows, list)
        self.pages[number] = rows
        while len(self.pages) > self.max_pages:
            self.pages.popitem(last=False)
        first = number * self.page_size
        last = min(first + self.page_size, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(SORT_KEYS) - 1))

    @property
    def idle(self) -> bool:
        """No query or page still on its way."""
        return not self.busy and not self.loading

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
        """The row if its page is in memory; otherwise asks for the page and says None."""
        if not 0 <= row < self.total:
            return None
        number = row // self.page_size
        page = self.pages.get(number)
        if page is None:
            self._fetch(number)
            return None
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
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.status is BookingStatus.PENDING:
                return QBrush(QColor("#b71c1c"))
            if item.status in (BookingStatus.CANCELLED, BookingStatus.REJECTED):
                return QBrush(QColor("#8a8a8a"))
            return None
        return (item.code, listed_name(item), item.household, when(item.start),
                when(item.end), str(item.units), status_label(item.status),
                item.plate or "")[index.column()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column]
        if key is None:
            return
        self.set_query(replace(self.query, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder))
