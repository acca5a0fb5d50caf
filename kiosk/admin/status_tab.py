"""Hub sync and kiosk heartbeats, read through ``kiosk.services.status`` protocols."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.text import in_language, tr, when


def source_kind_label(kind: str) -> str:
    return {"gbfs": tr("공유 자전거 정보 (GBFS)"), "seoul_bike": tr("서울 따릉이 현황"),
            "seoul_parking": tr("서울 공영주차장 현황"),
            "sharehub": tr("공유허브 공유 공간·물품")}.get(kind, tr("허브 정보"))


def source_names(sources: list[tuple[str, str]]) -> dict[str, str]:
    """Each source (id, kind) as a volunteer would name it; a second source of the same
    kind gets a number. The id stays in the row's tooltip for the technician."""
    counts: dict[str, int] = {}
    for _, kind in sources:
        counts[kind] = counts.get(kind, 0) + 1
    seen: dict[str, int] = {}
    names: dict[str, str] = {}
    for source_id, kind in sources:
        seen[kind] = seen.get(kind, 0) + 1
        label = source_kind_label(kind)
        names[source_id] = f"{label} {seen[kind]}" if counts[kind] > 1 else label
    return names


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class StatusTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        desk = session.desk
        connected = getattr(desk.sync, "connected", True)
        layout = QVBoxLayout(self)
        self.banner = QLabel(tr(
            "허브 동기화와 키오스크 상태 정보가 이 PC에 아직 연결되지 않았습니다. "
            "예약과 관리는 그대로 쓸 수 있습니다.") if not connected else "")
        self.banner.setWordWrap(True)
        self.banner.setVisible(not connected)
        self.banner.setStyleSheet("background: #fff8e1; padding: 10px; font-size: 15px;")
        layout.addWidget(self.banner)
        hub = QGroupBox(tr("허브 동기화 (도시 공유 정보)"))
        hub_layout = QVBoxLayout(hub)
        self.sources = _table([tr("출처"), tr("마지막 성공"), tr("마지막 오류"),
                               tr("격리된 행")])
        self.sync_button = QPushButton(tr("선택한 출처 지금 동기화"))
        self.sync_button.setEnabled(connected)
        hub_layout.addWidget(self.sources)
        hub_layout.addWidget(self.sync_button)
        kiosks = QGroupBox(tr("키오스크 (같은 데이터베이스를 쓰는 기기)"))
        kiosk_layout = QVBoxLayout(kiosks)
        self.heartbeats = _table([tr("키오스크"), tr("위치"), tr("마지막 신호"), tr("버전"),
                                  tr("가동 시간")])
        kiosk_layout.addWidget(self.heartbeats)
        self.refresh_button = QPushButton(tr("새로 고침"))
        layout.addWidget(hub, 1)
        layout.addWidget(kiosks, 1)
        layout.addWidget(self.refresh_button)
        self.sync_button.clicked.connect(self.sync_now)
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        desk = self.session.desk
        sources = desk.sync.sources()
        self.items = sources
        self.names = self.source_names()
        self.sources.setRowCount(len(sources))
        for row, s in enumerate(sources):
            error = f"{when(s.last_error_at)} {s.last_error}" if s.last_error else ""
            for column, value in enumerate((self.names.get(s.name, s.name),
                                            when(s.last_success) or tr("없음"), error,
                                            str(s.quarantined_rows))):
                item = QTableWidgetItem(value)
                item.setToolTip(s.name)
                self.sources.setItem(row, column, item)
        beats = desk.heartbeats.heartbeats()
        self.heartbeats.setRowCount(len(beats))
        for row, b in enumerate(beats):
            hours, rest = divmod(b.uptime_s, 3600)
            for column, value in enumerate((self.kiosk_name(b.kiosk_id, b.label), b.label,
                                            when(b.last_seen), b.version,
                                            tr("{h}시간 {m}분").format(h=hours,
                                                                    m=rest // 60))):
                item = QTableWidgetItem(value)
                item.setToolTip(b.kiosk_id)
                self.heartbeats.setItem(row, column, item)

    def source_names(self) -> dict[str, str]:
        configured = [(c.id, c.kind) for c in self.session.desk.services.settings.hub_sources]
        known = {source_id for source_id, _ in configured}
        extra = [(s.name, "") for s in self.items if s.name not in known]
        return source_names(configured + extra)

    def kiosk_name(self, kiosk_id: str, label: str) -> str:
        """The kiosk by where it stands; its id only in the tooltip."""
        settings = self.session.desk.services.settings
        if kiosk_id == settings.kiosk_id:
            return in_language(settings.kiosk_label, settings.kiosk_label_en) or label
        return tr("{w} 키오스크").format(w=label) if label else tr("키오스크")

    def sync_now(self) -> None:
        rows = self.sources.selectionModel().selectedRows()
        if not rows:
            self.session.notify(tr("먼저 출처를 고르세요."), True)
            return
        name = self.items[rows[0].row()].name
        self.session.attempt(lambda: self.session.desk.sync.sync_now(name),
                             tr("{n} 동기화를 시작했습니다.").format(
                                 n=self.names.get(name, name)))
        self.reload()
