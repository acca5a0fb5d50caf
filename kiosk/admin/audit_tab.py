"""The audit log (managers): who changed what, when and why, newest first."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.text import tr, when

LIMIT = 500


def _plain(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class AuditTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("누가, 무엇을: 예 admin:kim, booking.cancel, 101-1203"))
        self.refresh_button = QPushButton(tr("새로 고침"))
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.refresh_button)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("시각"), tr("누가"), tr("한 일"), tr("대상"),
                                              tr("내용")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel(tr("최근 {n}건까지 보입니다.").format(n=LIMIT))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.search.textChanged.connect(self.fill)
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        with self.session.desk.bookings.uow() as uow:
            self.entries = uow.audit.recent(LIMIT)
        self.fill()

    def fill(self) -> None:
        text = self.search.text().strip().lower()
        rows = []
        for entry in self.entries:
            details = ", ".join(f"{key}: {_plain(value)}"
                                for key, value in sorted(entry.details.items()))
            values = (when(entry.at), entry.actor, entry.action,
                      f"{entry.entity} {entry.entity_id}", details)
            if text and not any(text in v.lower() for v in values):
                continue
            rows.append(values)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
