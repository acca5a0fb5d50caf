"""Neighbour members: local residents from outside the complex, registered at the office.

The form takes a name, the phone and a PIN (made here and handed over on a slip, or
typed when the person chose one) and how long the membership lasts. Phones are shown
masked everywhere on the desk; only the person's own slip carries the PIN.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dates import parse_day
from kiosk.admin.dialogs import UpcomingDialog, _Form
from kiosk.admin.printing import Paper, choose_printer, neighbour_slip, print_on, write_pdf
from kiosk.admin.text import in_language, particles, refusal_text, tr, when
from kiosk.domain.clock import to_local
from kiosk.domain.neighbours import Neighbour, mask_name
from kiosk.services.neighbour_admin import MEMBERSHIP_DAYS
from kiosk.services.resource_admin import UpcomingChoice


def _slip(session: DeskSession, neighbour: Neighbour, pin: str) -> Paper:
    desk = session.desk
    settings = desk.services.settings
    return neighbour_slip(in_language(settings.village_name, settings.village_name_en),
                          neighbour.member_id, mask_name(neighbour.name), pin,
                          neighbour.expires_on, desk.bookings.clock(),
                          session.account.display_name)


def _write(target: Path | QPrinter, paper: Paper) -> None:
    if isinstance(target, Path):
        write_pdf(target, paper)
        return
    print_on(target, paper)
    if target.printerState() == QPrinter.PrinterState.Error:
        raise OSError(tr("프린터 오류"))


class NeighbourDialog(_Form):
    """Register one neighbour. The slip's printer or file is chosen before anything is
    written, as for a household's PIN."""

    MAKE, TYPE = "make", "type"

    def __init__(self, session: DeskSession, parent: QWidget | None = None,
                 slips_dir: Path | None = None) -> None:
        super().__init__(tr("이웃 회원 등록"), parent)
        self.session = session
        self.slips_dir = slips_dir
        self.saved: Neighbour | None = None
        self.message: tuple[str, bool] = ("", False)
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("예: 홍길동"))
        self.name.setMaxLength(40)
        self.form.addRow(tr("이름"), self.name)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(tr("예: 010-1234-5678"))
        self.phone.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d\- ]{0,16}")))
        self.form.addRow(tr("전화번호"), self.phone)
        self.pin_make = QRadioButton(tr("새로 만들어 안내문으로 주기"))
        self.pin_type = QRadioButton(tr("직접 정하기 (숫자 4자리)"))
        group = QButtonGroup(self)
        group.addButton(self.pin_make)
        group.addButton(self.pin_type)
        self.pin_make.setChecked(True)
        self.pin = QLineEdit()
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.pin.setPlaceholderText(tr("예: 4821"))
        self.pin.setMaximumWidth(120)
        self.slip = QComboBox()
        self.slip.addItem(tr("PDF로 저장"), "pdf")
        self.slip.addItem(tr("인쇄"), "print")
        pins = QVBoxLayout()
        make_row = QHBoxLayout()
        make_row.addWidget(self.pin_make)
        make_row.addWidget(self.slip)
        make_row.addStretch(1)
        type_row = QHBoxLayout()
        type_row.addWidget(self.pin_type)
        type_row.addWidget(self.pin)
        type_row.addStretch(1)
        pins.addLayout(make_row)
        pins.addLayout(type_row)
        self.form.addRow(tr("PIN"), pins)
        self.today = to_local(session.desk.bookings.clock()).date()
        self.until = QLineEdit((self.today + timedelta(days=MEMBERSHIP_DAYS)).isoformat())
        self.until.setToolTip(tr("비우면 사용 중지할 때까지 씁니다."))
        self.form.addRow(tr("유효기간 (이날까지)"), self.until)
        self.form.addRow("", QLabel(tr("전화번호는 목록과 기록에 가려서(010-****-5678) "
                                       "보이고 내보내지 않습니다.")))
        self.pin.textEdited.connect(lambda _text: self.pin_type.setChecked(True))
        self.finish_layout()
        self.ok_button.setText(tr("등록"))

    def submit(self) -> None:
        if not self.name.text().strip() or not self.phone.text().strip():
            self.error.setText(tr("이름과 전화번호를 적어 주세요."))
            return
        typed = self.pin_type.isChecked()
        if typed and len(self.pin.text()) != 4:
            self.error.setText(tr("PIN은 숫자 4자리여야 합니다"))
            return
        until = None
        if self.until.text().strip():
            until = parse_day(self.until.text(), self.today)
            if until is None:
                self.error.setText(tr("유효기간을 2027-11-23처럼 적어 주세요."))
                return
        target: Path | QPrinter | None = None
        if not typed:
            target = self._slip_target()
            if target is None:
                return  # the picker was closed: nothing written, the form is kept
        admin = self.session.desk.neighbours
        pin = self.pin.text() if typed else admin.new_pin()
        try:
            self.saved = admin.add(self.name.text(), self.phone.text(), pin,
                                   self.session.actor, until)
        except Exception as exc:  # refused as a whole: the form keeps what was typed
            self.error.setText(particles(refusal_text(exc)))
            return
        self.message = (tr("{m}을(를) 등록했습니다.").format(m=self.saved.label("ko")), False)
        if target is not None:
            try:
                _write(target, _slip(self.session, self.saved, pin))
            except OSError as exc:
                self.message = (tr("{m}의 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). "
                                   "직접 알려 주세요.").format(
                                       m=self.saved.member_id, p=pin, e=exc.strerror or exc),
                                True)
            else:
                where = target.name if isinstance(target, Path) else tr("프린터")
                self.message = (self.message[0] + " " + tr("PIN 안내문: {p}").format(p=where),
                                False)
        self.message = (particles(self.message[0]), self.message[1])
        self.accept()

    def _slip_target(self) -> Path | QPrinter | None:
        if self.slip.currentData() == "print":
            return choose_printer(self, tr("PIN 안내문 인쇄"))
        suggested = (self.slips_dir or Path.home()) / "pin-neighbour.pdf"
        name, _ = QFileDialog.getSaveFileName(self, tr("PIN 안내문 저장"), str(suggested),
                                              "PDF (*.pdf)")
        return Path(name) if name else None


class NeighboursTab(QWidget):
    """Every neighbour member, with register, PIN slip, unlock, renew and end buttons."""

    def __init__(self, session: DeskSession, slips_dir: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.slips_dir = slips_dir
        intro = QLabel(tr("단지 밖 이웃 주민도 주민 동의로 연 공간(자원 관리의 '이용 대상')을 "
                          "예약할 수 있습니다. 키오스크에서 회원번호 또는 전화번호 끝 "
                          "4자리와 PIN으로 예약합니다."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([tr("회원번호"), tr("이름"), tr("전화번호"),
                                              tr("상태"), tr("유효기간"), tr("PIN 잠김")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("+ 이웃 회원 등록…"))
        self.add_button.setStyleSheet("font-weight: bold;")
        self.pin_button = QPushButton(tr("PIN 새로 만들기 (PDF)…"))
        self.unlock_button = QPushButton(tr("잠금 해제"))
        self.renew_button = QPushButton(tr("1년 연장"))
        self.deactivate_button = QPushButton(tr("회원 해지…"))
        for button in (self.add_button, self.pin_button, self.unlock_button,
                       self.renew_button, self.deactivate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count = QLabel("")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.add_button.clicked.connect(self.add_neighbour)
        self.pin_button.clicked.connect(lambda: self.reset_pin())
        self.unlock_button.clicked.connect(self.unlock)
        self.renew_button.clicked.connect(self.renew)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reload()

    def reload(self) -> None:
        self.items = self.session.desk.neighbours.neighbours()
        now = self.session.desk.bookings.clock()
        today = to_local(now).date()
        self.table.setRowCount(len(self.items))
        for row, n in enumerate(self.items):
            state = (tr("사용") if n.is_current(today) else
                     tr("기간 끝남") if n.active else tr("사용 중지"))
            values = (n.member_id, n.name, n.phone_masked, state,
                      n.expires_on.isoformat() if n.expires_on else tr("사용 중지할 때까지"),
                      tr("{t}까지 잠김").format(t=when(n.locked_until))
                      if n.is_locked(now) else "")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.count.setText(tr("이웃 회원 {n}명").format(n=len(self.items)))

    def selected(self) -> Neighbour | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.session.notify(tr("먼저 표에서 이웃 회원을 고르세요."), True)
            return None
        return self.items[rows[0].row()]

    def select_member(self, member: str) -> None:
        for row, n in enumerate(self.items):
            if n.member_id == member:
                self.table.selectRow(row)
                return

    def add_neighbour(self) -> None:
        dialog = NeighbourDialog(self.session, self, self.slips_dir)
        if dialog.exec() and dialog.saved is not None:
            self.session.notify(*dialog.message)
            self.reload()
            self.select_member(dialog.saved.member_id)

    def reset_pin(self, slip: Path | None = None) -> Path | None:
        """A new PIN with its slip saved as a PDF; the file is chosen before the PIN changes."""
        neighbour = self.selected()
        if neighbour is None or neighbour.id is None:
            return None
        if slip is None:
            suggested = (self.slips_dir or Path.home()) / f"pin-{neighbour.member_id}.pdf"
            name, _ = QFileDialog.getSaveFileName(self, tr("PIN 안내문 저장"), str(suggested),
                                                  "PDF (*.pdf)")
            if not name:
                return None
            slip = Path(name)
        member_id = neighbour.id
        pin = self.session.attempt(lambda: self.session.desk.neighbours.reset_pin(
            member_id, self.session.actor))
        self.reload()
        if not isinstance(pin, str):
            return None
        try:
            write_pdf(slip, _slip(self.session, neighbour, pin))
        except OSError as exc:
            self.session.notify(tr("{m}의 새 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). "
                                   "직접 알려 주세요.").format(
                                       m=neighbour.member_id, p=pin, e=exc.strerror or exc),
                                True)
            return None
        self.session.notify(tr("{m}의 PIN을 새로 만들었습니다. 안내문: {p}").format(
            m=neighbour.member_id, p=slip.name), False)
        return slip

    def unlock(self) -> None:
        neighbour = self.selected()
        if neighbour is None or neighbour.id is None:
            return
        member_id = neighbour.id
        self.session.attempt(lambda: self.session.desk.neighbours.unlock(
            member_id, self.session.actor),
            tr("{m} 잠금을 풀었습니다.").format(m=neighbour.member_id))
        self.reload()

    def renew(self) -> None:
        neighbour = self.selected()
        if neighbour is None or neighbour.id is None:
            return
        admin = self.session.desk.neighbours
        until = admin.default_expiry()
        member_id = neighbour.id
        self.session.attempt(lambda: admin.renew(member_id, until, self.session.actor),
                             tr("{m}: {d}까지 쓸 수 있습니다.").format(
                                 m=neighbour.member_id, d=until.isoformat()))
        self.reload()

    def deactivate(self) -> None:
        neighbour = self.selected()
        if neighbour is None or neighbour.id is None:
            return
        admin = self.session.desk.neighbours
        dialog = UpcomingDialog(tr("사용 중지: {m}").format(m=neighbour.label("ko")),
                                tr("사용 중지하면 이 회원은 더 예약할 수 없습니다. 남은 예약을 "
                                   "어떻게 할지 정해 주세요."),
                                admin.future_bookings(neighbour.id), self)
        dialog.reason.setText(tr("회원 해지"))
        choice = dialog.choice() if dialog.exec() else None
        if choice is not None:
            self.deactivate_with(neighbour, choice, dialog.reason.text())

    def deactivate_with(self, neighbour: Neighbour, choice: UpcomingChoice,
                        reason: str) -> None:
        assert neighbour.id is not None
        member_id = neighbour.id
        result = self.session.attempt(lambda: self.session.desk.neighbours.deactivate(
            member_id, self.session.actor, choice, reason))
        if isinstance(result, list):
            self.session.notify(tr("{m} 사용을 중지했습니다. 취소된 예약 {c}건.").format(
                m=neighbour.member_id, c=len(result)), False)
        self.reload()


__all__ = ["NeighbourDialog", "NeighboursTab"]
