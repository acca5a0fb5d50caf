"""Small forms of the desk: a reason, a booking on a household's behalf, a choice about
upcoming bookings. Each checks its input before it lets the action run.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import partial

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dates import DateField
from kiosk.admin.slots import SlotGrid
from kiosk.admin.text import name_of, refusal_text, rules_preview, tr
from kiosk.domain.bookings import Booking
from kiosk.domain.clock import SEOUL, to_local
from kiosk.domain.errors import OVERRIDABLE, BookingRefused
from kiosk.domain.policy import BookingRequest
from kiosk.domain.resources import Resource
from kiosk.services.resource_admin import UpcomingChoice

# A normal framed window with a title and a close button, never a bare panel: the
# volunteer can see it is a window, move it, and close it like any other.
DIALOG_FLAGS = (Qt.WindowType.Dialog | Qt.WindowType.WindowTitleHint
                | Qt.WindowType.WindowSystemMenuHint | Qt.WindowType.WindowCloseButtonHint)


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, DIALOG_FLAGS)
        self.setModal(True)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("확인"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("닫기"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.outer.addWidget(self.error)
        self.outer.addWidget(self.buttons)

    def submit(self) -> None:
        self.accept()


class ReasonDialog(_Form):
    """Asks why; ``required`` refuses an empty reason (rejections, cancellations).

    The usual reasons are one click each (``presets``); free text stays open for the rest.
    """

    def __init__(self, title: str, prompt: str, required: bool = True,
                 parent: QWidget | None = None, presets: list[str] | None = None) -> None:
        super().__init__(title, parent)
        self.required = required
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.outer.insertWidget(0, label)
        self.presets: list[QPushButton] = []
        if presets:
            grid = QGridLayout()
            self.preset_group = QButtonGroup(self)
            for index, text in enumerate(presets):
                button = QPushButton(text)
                button.setCheckable(True)
                button.setMinimumHeight(36)
                self.preset_group.addButton(button)
                button.clicked.connect(partial(self._preset, text))
                grid.addWidget(button, index // 3, index % 3)
                self.presets.append(button)
            self.form.addRow(tr("자주 쓰는 사유"), grid)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(90)
        self.reason.setPlaceholderText(tr("위에서 고르거나 직접 적으세요."))
        self.form.addRow(tr("사유"), self.reason)
        self.finish_layout()

    def _preset(self, text: str, _checked: bool = False) -> None:
        self.reason.setPlainText(text)
        self.error.setText("")

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def submit(self) -> None:
        if self.required and not self.text():
            self.error.setText(tr("사유를 적어 주세요. 감사 기록에 남습니다."))
            return
        self.accept()


class CreateBookingDialog(_Form):
    """A booking on a household's behalf: the rules apply; a manager may override some."""

    def __init__(self, session: DeskSession, resources: list[Resource],
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("세대 대신 예약하기"), parent)
        self.session = session
        self.made: Booking | None = None
        self.resources = [r for r in resources if r.bookable and not r.retired]
        self.setMinimumWidth(780)
        self.resource = QComboBox()
        for index, r in enumerate(self.resources):
            self.resource.addItem(name_of(r), r.id)
            self.resource.setItemData(index, r.id, Qt.ItemDataRole.ToolTipRole)
        self.household = QLineEdit()
        self.household.setPlaceholderText(tr("예: 101-1203"))
        today = to_local(session.desk.bookings.clock()).date()
        self.day = DateField(today, today)
        self.day.refused.connect(self.error.setText)
        self.slots = SlotGrid()
        self.slots.picked.connect(self._slot_picked)
        self.start = QTimeEdit(QTime(10, 0))
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSingleStep(30)
        self.minutes.setValue(60)
        self.minutes.setSuffix(tr(" 분"))
        self.units = QSpinBox()
        self.units.setRange(1, 99)
        self.plate = QLineEdit()
        self.plate.setPlaceholderText(tr("주차만: 예 12가3456"))
        self.note = QLineEdit()
        self.rules = QLabel("")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #555;")
        self.form.addRow(tr("자원"), self.resource)
        self.form.addRow("", self.rules)
        self.form.addRow(tr("세대 (동-호)"), self.household)
        self.form.addRow(tr("날짜"), self.day)
        self.form.addRow(tr("빈 시간"), self.slots)
        self.form.addRow(tr("시작 시각"), self.start)
        self.form.addRow(tr("이용 시간"), self.minutes)
        self.form.addRow(tr("수량"), self.units)
        self.form.addRow(tr("차량번호"), self.plate)
        self.form.addRow(tr("메모"), self.note)
        self.override = QCheckBox(tr("규칙 예외 허용 (관리자, 사유 기록)"))
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(tr("예외 사유"))
        self.override.setVisible(session.is_manager)
        self.override_reason.setVisible(session.is_manager)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.override_reason.setEnabled(False)
        if session.is_manager:
            self.form.addRow("", self.override)
            self.form.addRow(tr("예외 사유"), self.override_reason)
        self.resource.currentIndexChanged.connect(self._show_rules)
        self.day.dateChanged.connect(self._show_slots)
        self.start.timeChanged.connect(self._mark_slot)
        self._show_rules()
        self.finish_layout()
        self.ok_button.setText(tr("예약하기"))

    def _show_rules(self) -> None:
        index = self.resource.currentIndex()
        if 0 <= index < len(self.resources):
            resource = self.resources[index]
            self.rules.setText(rules_preview(resource.rules))
            self.resource.setToolTip(resource.id)
            self.minutes.setSingleStep(resource.rules.slot_minutes)
        self._show_slots()

    def _show_slots(self, _day: object = None) -> None:
        """The chosen day's slots as the kiosk shows them, read afresh each time."""
        resource_id = self.resource.currentData()
        if resource_id is None:
            self.slots.show_problem(tr("예약할 수 있는 자원이 없습니다."))
            return
        try:
            slots = self.session.desk.bookings.availability(str(resource_id), self.day.day())
        except BookingRefused as exc:
            self.slots.show_problem(refusal_text(exc))
            return
        self.slots.show_slots(slots)
        starts = [s.start for s in slots if s.bookable]
        if starts and self._start_at() not in starts:
            self._slot_picked(starts[0])
        self._mark_slot()

    def _start_at(self) -> datetime:
        chosen = self.start.time().toPython()
        return datetime.combine(self.day.day(), time(chosen.hour, chosen.minute),
                                tzinfo=SEOUL)

    def _slot_picked(self, start: datetime) -> None:
        local = to_local(start)
        self.start.setTime(QTime(local.hour, local.minute))
        self._mark_slot()

    def _mark_slot(self, _time: object = None) -> None:
        self.slots.mark(self._start_at())

    def request(self) -> BookingRequest:
        day = self.day.day()
        start_time = self.start.time().toPython()
        start = datetime.combine(day, time(start_time.hour, start_time.minute), tzinfo=SEOUL)
        return BookingRequest(str(self.resource.currentData()), start,
                              start + timedelta(minutes=self.minutes.value()),
                              self.units.value(), self.plate.text().strip() or None)

    def submit(self) -> None:
        desk = self.session.desk
        try:
            household = desk.search.household(self.household.text())
        except ValueError:
            self.error.setText(tr("세대는 101-1203처럼 적어 주세요."))
            return
        if household is None or household.id is None:
            self.error.setText(tr("등록되지 않은 세대입니다."))
            return
        override = None
        if self.override.isChecked():
            override = self.override_reason.text().strip()
            if not override:
                self.error.setText(tr("규칙 예외에는 사유가 필요합니다."))
                return
        try:
            self.made = desk.bookings.book(self.request(), household.id, self.session.actor,
                                           override_reason=override,
                                           note=self.note.text().strip())
        except BookingRefused as exc:
            hint = ""
            if self.session.is_manager and exc.reason in OVERRIDABLE and override is None:
                hint = " " + tr("필요하면 '규칙 예외 허용'에 사유를 적고 다시 누르세요.")
            self.error.setText(refusal_text(exc) + hint)
            return
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class UpcomingDialog(_Form):
    """Asks, never assumes, what happens to bookings still ahead."""

    def __init__(self, title: str, intro: str, upcoming: list[Booking],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.outer.insertWidget(0, label)
        self.reason = QLineEdit()
        self.form.addRow(tr("사유"), self.reason)
        count = QLabel(tr("앞으로 남은 예약: {n}건").format(n=len(upcoming)))
        count.setStyleSheet("font-weight: bold;")
        self.form.addRow("", count)
        self.cancel_all = QRadioButton(tr("남은 예약을 모두 취소합니다 (사유가 세대에 남습니다)"))
        self.keep_all = QRadioButton(tr("남은 예약은 그대로 둡니다 (새 예약만 막습니다)"))
        if upcoming:
            self.form.addRow("", self.cancel_all)
            self.form.addRow("", self.keep_all)
        else:
            self.keep_all.setChecked(True)
        self.finish_layout()

    def choice(self) -> UpcomingChoice | None:
        if self.cancel_all.isChecked():
            return UpcomingChoice.CANCEL
        if self.keep_all.isChecked():
            return UpcomingChoice.KEEP
        return None

    def submit(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(tr("사유를 적어 주세요."))
            return
        if self.choice() is None:
            self.error.setText(tr("남은 예약을 어떻게 할지 골라 주세요."))
            return
        self.accept()
