"""행사: events with seats, offered here and signed up for at the kiosks. Each event shows
its seats taken and left and who holds them; the attendance sheet prints or saves as PDF."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession, MessageBar
from kiosk.admin.printing import Paper, attendance_sheet, choose_printer, print_on, write_pdf
from kiosk.admin.text import in_language, tr, when
from kiosk.domain.clock import SEOUL, to_local
from kiosk.domain.events import (
    FEE_MAX,
    PLACE_MAX,
    SEATS_MAX,
    TITLE_MAX,
    Event,
    EventInvalid,
    EventProblem,
    EventSeats,
    Signup,
    SignupRefusal,
    SignupRefused,
)

TIME_FORMAT = "yyyy-MM-dd HH:mm"


def problem_text(problem: EventProblem) -> str:
    return {
        EventProblem.NO_TITLE: tr("행사 이름을 적어 주세요."),
        EventProblem.TITLE_TOO_LONG: tr("행사 이름은 {n}자까지입니다.").format(n=TITLE_MAX),
        EventProblem.PLACE_TOO_LONG: tr("장소는 {n}자까지입니다.").format(n=PLACE_MAX),
        EventProblem.NO_SEATS: tr("자리는 한 자리 이상이어야 합니다."),
        EventProblem.TOO_MANY_SEATS: tr("자리는 {n}자리까지입니다.").format(n=SEATS_MAX),
        EventProblem.ENDS_BEFORE_START: tr("끝나는 시간이 시작보다 앞섭니다."),
        EventProblem.DEADLINE_AFTER_START: tr("신청 마감이 시작보다 늦습니다."),
        EventProblem.BAD_FEE: tr("참가비를 확인하세요."),
        EventProblem.NO_TIME_ZONE: tr("시간을 확인하세요."),
    }[problem]


def signup_text(exc: SignupRefused) -> str:
    return {
        SignupRefusal.NO_EVENT: tr("없는 행사입니다."),
        SignupRefusal.NO_HOUSEHOLD: tr("등록되지 않은 세대입니다. 101-1203처럼 적어 주세요."),
        SignupRefusal.HOUSEHOLD_INACTIVE: tr("사용이 중지된 세대입니다."),
        SignupRefusal.NOT_OPEN_TO: tr("이 행사에 신청할 수 없는 세대입니다."),
        SignupRefusal.FULL: tr("자리가 모두 찼습니다."),
        SignupRefusal.CLOSED: tr("신청 마감이 지났습니다."),
        SignupRefusal.ALREADY: tr("이미 신청한 세대입니다."),
        SignupRefusal.NOT_SIGNED_UP: tr("신청하지 않은 세대입니다."),
        SignupRefusal.OVER: tr("이미 끝난 행사입니다."),
        SignupRefusal.NOT_ALLOWED: tr("관리사무소만 할 수 있습니다."),
        SignupRefusal.BUSY: tr("잠시 처리가 밀렸습니다. 다시 눌러 주세요."),
    }[exc.reason]


def fee_label(event: Event) -> str:
    return tr("무료") if event.free else tr("{n}원").format(n=f"{event.fee_won:,}")


def _qt(moment: datetime) -> QDateTime:
    local = to_local(moment)
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)


def _moment(field: QDateTimeEdit) -> datetime:
    value = field.dateTime()
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                    tzinfo=SEOUL)


def _time_field(moment: datetime) -> QDateTimeEdit:
    field = QDateTimeEdit(_qt(moment))
    field.setDisplayFormat(TIME_FORMAT)
    field.setCalendarPopup(True)
    return field


class EventsTab(QWidget):
    """Left: the events with seats taken and left; the chosen one's households, a sign-up
    on a household's behalf and the attendance sheet. Right: a new event."""

    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.message = MessageBar()
        self.events: list[EventSeats] = []
        self.attendees: list[Signup] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([tr("시작"), tr("행사 이름"), tr("장소"), tr("신청"),
                                              tr("남은 자리"), tr("참가비")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.chosen_label = QLabel(tr("행사를 고르면 신청한 세대가 보입니다."))
        self.chosen_label.setWordWrap(True)
        self.attendee_list = QListWidget()
        self.attendee_list.itemSelectionChanged.connect(self._buttons)
        self.household = QLineEdit()
        self.household.setPlaceholderText(tr("동-호 (예: 101-1203)"))
        self.household.returnPressed.connect(self.sign_up)
        self.sign_up_button = QPushButton(tr("세대 신청"))
        self.sign_up_button.clicked.connect(lambda: self.sign_up())
        self.withdraw_button = QPushButton(tr("신청 취소"))
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        self.print_button = QPushButton(tr("출석부 인쇄…"))
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.save_button = QPushButton(tr("출석부 PDF 저장…"))
        self.save_button.clicked.connect(lambda: self.save_sheet())
        on_behalf = QHBoxLayout()
        on_behalf.addWidget(self.household, 1)
        on_behalf.addWidget(self.sign_up_button)
        on_behalf.addWidget(self.withdraw_button)
        sheet = QHBoxLayout()
        sheet.addWidget(self.print_button)
        sheet.addWidget(self.save_button)
        sheet.addStretch(1)

        now = self._now()
        start = (to_local(now) + timedelta(days=7)).replace(hour=10, minute=0, second=0,
                                                            microsecond=0)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(tr("예: 옥상 텃밭 모종 나눔"))
        self.title_en = QLineEdit()
        self.title_en.setMaxLength(TITLE_MAX)
        self.title_en.setPlaceholderText(tr("영어 이름 (없으면 한국어로 보입니다)"))
        self.place = QLineEdit()
        self.place.setMaxLength(PLACE_MAX)
        self.place.setPlaceholderText(tr("예: 102동 옥상"))
        self.start = _time_field(start)
        self.end = _time_field(start + timedelta(hours=2))
        self.no_end = QCheckBox(tr("끝나는 시간 없음"))
        self.no_end.toggled.connect(self.end.setDisabled)
        self.seats = QSpinBox()
        self.seats.setRange(1, SEATS_MAX)
        self.seats.setValue(20)
        self.seats.setSuffix(tr(" 세대"))
        self.fee = QSpinBox()
        self.fee.setRange(0, FEE_MAX)
        self.fee.setSingleStep(1000)
        self.fee.setSuffix(tr(" 원"))
        self.fee.setSpecialValueText(tr("무료"))
        self.until = _time_field(start - timedelta(days=1))
        self.until_start = QCheckBox(tr("시작할 때까지 받기"))
        self.until_start.setChecked(True)
        self.until.setEnabled(False)
        self.until_start.toggled.connect(self.until.setDisabled)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start)
        start_row.addStretch(1)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end)
        end_row.addWidget(self.no_end)
        end_row.addStretch(1)
        until_row = QHBoxLayout()
        until_row.addWidget(self.until)
        until_row.addWidget(self.until_start)
        until_row.addStretch(1)
        self.add_button = QPushButton(tr("행사 올리기"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(lambda: self.add())
        form = QFormLayout()
        form.addRow(tr("행사 이름"), self.title)
        form.addRow(tr("행사 이름 (영어)"), self.title_en)
        form.addRow(tr("장소"), self.place)
        form.addRow(tr("시작"), start_row)
        form.addRow(tr("끝"), end_row)
        form.addRow(tr("자리"), self.seats)
        form.addRow(tr("참가비"), self.fee)
        form.addRow(tr("신청 마감"), until_row)
        new_box = QGroupBox(tr("새 행사"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        hint = QLabel(tr("한 세대에 한 자리입니다. 주민은 키오스크의 마을 소식에서 "
                         "동·호와 비밀번호로 신청합니다."))
        hint.setWordWrap(True)
        new_layout.addWidget(hint)
        new_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        new_layout.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        left.addWidget(self.chosen_label)
        left.addWidget(self.attendee_list, 2)
        left.addLayout(on_behalf)
        left.addLayout(sheet)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(new_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)
        self.refresh()

    def _now(self) -> datetime:
        return self.session.desk.bookings.clock()

    # ------------------------------------------------------------------ the list
    def reload(self) -> None:
        """Opening the tab shows the seats as the kiosks left them."""
        self.refresh()

    def refresh(self) -> None:
        chosen = self.chosen()
        self.events = self.session.desk.events.upcoming()
        self.table.setRowCount(len(self.events))
        for row, seats in enumerate(self.events):
            event = seats.event
            cells = [when(event.start), in_language(event.title_ko, event.title_en),
                     event.place, f"{seats.taken}/{event.seats}",
                     tr("마감") if seats.full else str(seats.left), fee_label(event)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tr("신청 마감 {t}").format(t=when(event.deadline)))
                self.table.setItem(row, column, item)
        ids = [s.event.id for s in self.events]
        if chosen is not None and chosen.event.id in ids:
            self.table.selectRow(ids.index(chosen.event.id))
        self._selection_changed()

    def chosen(self) -> EventSeats | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.events[rows.pop()] if rows and self.events else None

    def _selection_changed(self) -> None:
        seats = self.chosen()
        self.attendee_list.clear()
        self.attendees = []
        if seats is None or seats.event.id is None:
            self.chosen_label.setText(tr("행사를 고르면 신청한 세대가 보입니다."))
        else:
            self.attendees = self.session.desk.events.attendees(seats.event.id)
            self.attendee_list.addItems([s.household for s in self.attendees])
            self.chosen_label.setText(tr("{t}: {n}세대 신청, 남은 자리 {left}").format(
                t=in_language(seats.event.title_ko, seats.event.title_en), n=seats.taken,
                left=seats.left))
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.chosen() is not None
        for widget in (self.sign_up_button, self.household, self.print_button,
                       self.save_button):
            widget.setEnabled(chosen)
        self.withdraw_button.setEnabled(chosen and bool(self.attendee_list.selectedItems()))

    # ------------------------------------------------------------ on their behalf
    def sign_up(self) -> None:
        seats = self.chosen()
        if seats is None or seats.event.id is None:
            return
        label = self.household.text().strip()
        try:
            household = self.session.desk.events.find_household(label)
            assert household.id is not None
            self.session.desk.events.sign_up(seats.event.id, household.id, self.session.actor)
        except SignupRefused as exc:
            self.message.show_message(f"{label}: {signup_text(exc)}", True)
            return
        self.message.show_message(tr("{h} 세대를 신청했습니다: {t}").format(
            h=household.label, t=seats.event.title_ko), False)
        self.household.clear()
        self.refresh()

    def withdraw(self) -> None:
        seats = self.chosen()
        items = self.attendee_list.selectedItems()
        if seats is None or seats.event.id is None or not items:
            return
        signup = self.attendees[self.attendee_list.row(items[0])]
        try:
            self.session.desk.events.withdraw(seats.event.id, signup.household_id,
                                              self.session.actor)
        except SignupRefused as exc:
            self.message.show_message(f"{signup.household}: {signup_text(exc)}", True)
        else:
            self.message.show_message(tr("{h} 세대의 신청을 취소했습니다.").format(
                h=signup.household), False)
        self.refresh()

    # ------------------------------------------------------------- the sheet
    def sheet(self) -> Paper | None:
        seats = self.chosen()
        if seats is None or seats.event.id is None:
            return None
        settings = self.session.desk.services.settings
        return attendance_sheet(in_language(settings.village_name, settings.village_name_en),
                                seats.event, self.session.desk.events.attendees(seats.event.id),
                                self._now())

    def save_sheet(self, path: Path | None = None) -> Path | None:
        paper, seats = self.sheet(), self.chosen()
        if paper is None or seats is None:
            return None
        if path is None:
            day = to_local(seats.event.start).date()
            suggested = Path.home() / f"attendance-{day}-{seats.event.id}.pdf"
            name, _ = QFileDialog.getSaveFileName(self, tr("출석부 저장"), str(suggested),
                                                  "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        try:
            write_pdf(path, paper)
        except OSError as exc:
            self.message.show_message(tr("저장하지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc), True)
            return None
        self.message.show_message(tr("출석부를 저장했습니다: {p}").format(p=path.name), False)
        return path

    def print_sheet(self, printer: QPrinter | None = None) -> bool:
        paper = self.sheet()
        if paper is None:
            return False
        if printer is None:
            printer = choose_printer(self, tr("출석부 인쇄"))
            if printer is None:
                return False
        print_on(printer, paper)
        if printer.printerState() == QPrinter.PrinterState.Error:
            self.message.show_message(tr("인쇄하지 못했습니다. 프린터를 확인하거나 PDF로 "
                                         "저장하세요."), True)
            return False
        self.message.show_message(tr("출석부를 인쇄했습니다."), False)
        return True

    # ------------------------------------------------------------------ the form
    def add(self) -> None:
        try:
            event = Event(
                title_ko=self.title.text().strip(), title_en=self.title_en.text().strip(),
                place=self.place.text().strip(), start=_moment(self.start),
                end=None if self.no_end.isChecked() else _moment(self.end),
                seats=self.seats.value(), fee_won=self.fee.value(),
                signup_until=None if self.until_start.isChecked() else _moment(self.until))
        except EventInvalid as exc:
            self.message.show_message(problem_text(exc.problem), True)
            return
        if event.start <= self._now():
            self.message.show_message(tr("이미 지난 시간입니다. 시작 시간을 확인하세요."), True)
            return
        try:
            stored = self.session.desk.events.add(event, self.session.actor)
        except SignupRefused as exc:
            self.message.show_message(signup_text(exc), True)
            return
        self.message.show_message(tr("행사를 올렸습니다: {t}").format(t=stored.title_ko), False)
        for field in (self.title, self.title_en, self.place):
            field.clear()
        self.refresh()
        ids = [s.event.id for s in self.events]
        if stored.id in ids:
            self.table.selectRow(ids.index(stored.id))
