"""Settings (managers): the village, this PC's kiosk values, idle times, languages,
security, holidays, tile packs and the office on the kiosk's help, written back to the
config file after validation. Hub sources are shown with their keys masked; the database
is shown, not edited here."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.config_file import EDITABLE, current_value, save_changes
from kiosk.admin.text import tr
from kiosk.config import ConfigError, Settings, default_config_path, describe


def _label(section: str, key: str) -> str:
    return {
        ("village", "name"): tr("마을 이름"),
        ("village", "name_en"): tr("마을 영문 이름"),
        ("kiosk", "label"): tr("키오스크 위치 이름"),
        ("kiosk", "label_en"): tr("키오스크 위치 영문 이름"),
        ("kiosk", "lat"): tr("키오스크 위도"),
        ("kiosk", "lon"): tr("키오스크 경도"),
        ("kiosk", "language"): tr("처음 언어"),
        ("kiosk", "idle_timeout_s"): tr("화면 초기화까지 (초)"),
        ("kiosk", "home_idle_timeout_s"): tr("첫 화면 안내까지 (초)"),
        ("security", "pin_max_attempts"): tr("PIN 잠금까지 틀린 횟수"),
        ("security", "pin_lock_minutes"): tr("PIN 잠금 시간 (분)"),
        ("hub", "radius_km"): tr("허브 정보 반경 (km)"),
        ("tiles", "packs"): tr("지도 타일 팩 (쉼표로 구분)"),
        ("holidays", "public"): tr("공휴일 반영"),
        ("holidays", "extra"): tr("마을 휴무일 (쉼표로 구분, 예 2026-12-31)"),
        ("office", "name"): tr("관리사무소 이름 (키오스크 도움말)"),
        ("office", "name_en"): tr("관리사무소 영문 이름"),
        ("office", "phone"): tr("관리사무소 전화 (예 02-1234-5678)"),
        ("office", "hours"): tr("관리사무소 운영 시간"),
        ("office", "hours_en"): tr("관리사무소 운영 시간 (영문)"),
        ("office", "url"): tr("도움말 QR 코드 주소 (비우면 전화 걸기)"),
    }[section, key]


class SettingsTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        settings = session.desk.services.settings
        self.path = settings.config_path or default_config_path()
        self.original = settings
        self.fields: dict[tuple[str, str], QWidget] = {}
        box = QGroupBox(tr("설정 파일: {p}").format(p=self.path))
        form = QFormLayout(box)
        for section, key in EDITABLE:
            widget = self._editor(section, key, current_value(settings, section, key))
            self.fields[section, key] = widget
            form.addRow(_label(section, key), widget)
        self.save_button = QPushButton(tr("설정 저장"))
        self.save_button.setStyleSheet("font-weight: bold; padding: 8px;")
        note = QLabel(tr("저장한 설정은 키오스크와 이 프로그램을 다시 시작하면 적용됩니다. "
                         "틀린 값은 저장하지 않고 무엇이 틀렸는지 알려 줍니다."))
        note.setWordWrap(True)
        self.sources = QListWidget()
        self.sources.setMaximumHeight(160)
        for key, value, _origin in describe(settings):
            if key.startswith("hub.sources[") or key == "database.url":
                self.sources.addItem(f"{key}: {value}")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(QLabel(tr("데이터베이스와 허브 출처 (키는 가려서 보입니다)")))
        layout.addWidget(self.sources)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)

    @staticmethod
    def _editor(section: str, key: str, value: Any) -> QWidget:
        if isinstance(value, bool):
            check = QCheckBox()
            check.setChecked(value)
            return check
        if key == "language":
            combo = QComboBox()
            combo.addItem("한국어", "ko")
            combo.addItem("English", "en")
            combo.setCurrentIndex(combo.findData(value))
            return combo
        if isinstance(value, int):
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setValue(value)
            return spin
        if isinstance(value, float):
            number = QDoubleSpinBox()
            number.setDecimals(6 if key in ("lat", "lon") else 1)
            number.setRange(-1000, 1000)
            number.setValue(value)
            return number
        if isinstance(value, tuple):
            return QLineEdit(", ".join(str(v) for v in value))
        return QLineEdit(str(value))

    def values(self) -> dict[tuple[str, str], Any]:
        found: dict[tuple[str, str], Any] = {}
        for (section, key), widget in self.fields.items():
            if isinstance(widget, QCheckBox):
                found[section, key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                found[section, key] = widget.currentData()
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                found[section, key] = widget.value()
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip()
                if isinstance(current_value(self.original, section, key), tuple):
                    found[section, key] = [p.strip() for p in text.split(",") if p.strip()]
                else:
                    found[section, key] = text
        return found

    def changes(self) -> dict[tuple[str, str], Any]:
        changed = {}
        for (section, key), value in self.values().items():
            before = current_value(self.original, section, key)
            if isinstance(before, tuple):
                before = [str(v) for v in before]
            if value != before:
                changed[section, key] = value
        return changed

    def save(self) -> Settings | None:
        changes = self.changes()
        if not changes:
            self.session.notify(tr("바뀐 설정이 없습니다."), False)
            return None
        try:
            saved = save_changes(self.path, changes)
        except (ConfigError, OSError) as exc:
            self.session.notify(tr("저장하지 않았습니다: {e}").format(e=exc), True)
            return None
        self.original = saved
        names = ", ".join(f"{s}.{k}" for s, k in changes)
        self.session.notify(tr("설정을 저장했습니다 ({n}). 다시 시작하면 적용됩니다.").format(
            n=names), False)
        return saved


