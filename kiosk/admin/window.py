"""A first association window: the bookings of the coming two weeks (read-only)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

from kiosk.domain.clock import local_midnight, to_local

if TYPE_CHECKING:
    from kiosk.app import Services
    from kiosk.config import Settings

COLUMNS = ("코드 Code", "자원 Resource", "세대 Household", "시작 Start", "끝 End", "상태 Status")


class BookingsWindow(QMainWindow):
    """Lists upcoming bookings; the full desk app builds on this window."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setWindowTitle(f"{services.settings.village_name} — 예약 Bookings")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.setCentralWidget(self.table)
        self.services = services
        self.refresh()

    def refresh(self) -> None:
        bookings = self.services.bookings
        today = to_local(bookings.clock()).date()
        with bookings.uow() as uow:
            found = uow.bookings.search(start_from=local_midnight(today),
                                        start_before=local_midnight(today + timedelta(days=15)))
            labels = {h.id: h.label for h in uow.households.list()}
        self.table.setRowCount(len(found))
        for row, b in enumerate(found):
            values = (b.code, b.resource_id, labels.get(b.household_id, "?"),
                      f"{to_local(b.start):%m-%d %H:%M}", f"{to_local(b.end):%m-%d %H:%M}",
                      b.status.value)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()


def run_admin(settings: Settings) -> int:
    from kiosk.app import build_services

    services = build_services(settings)
    try:
        app = QApplication.instance() or QApplication([])
        window = BookingsWindow(services)
        window.resize(1200, 800)
        window.show()
        return int(app.exec())  # type: ignore[union-attr]
    finally:
        services.close()
