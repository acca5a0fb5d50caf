"""Households: one at a time in a form, or many from a CSV file with a preview; PIN
slips, unlocking, move-outs, plates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dialogs import ReasonDialog, UpcomingDialog, _Form
from kiosk.admin.printing import Paper, choose_printer, pin_slip, print_on, write_pdf
from kiosk.admin.text import (
    import_error_text,
    in_language,
    particles,
    refusal_text,
    tr,
    when,
)
from kiosk.domain.bookings import Booking
from kiosk.domain.households import Household
from kiosk.services.importing import HouseholdPreview
from kiosk.services.resource_admin import UpcomingChoice


class ImportDialog(_Form):
    """Shows what a households file would change; refuses the whole file on any bad line."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("세대 CSV 가져오기"), parent)
        self.setMinimumSize(820, 620)
        self.session = session
        self.raw: bytes | None = None
        self.preview: HouseholdPreview | None = None
        self.result_counts: tuple[int, int] | None = None
        intro = QLabel(tr("열 이름: 동,호,비밀번호,차량번호,사용 (예: 101,1203,4821,12가3456,"
                          "예). 영어 열 이름(building,unit,pin,plates,active)도 됩니다. "
                          "'양식 내려받기'로 받은 파일을 채워 엑셀에서 'CSV UTF-8'로 "
                          "저장하세요. 한 줄이라도 틀리면 아무것도 바꾸지 않습니다."))
        intro.setWordWrap(True)
        self.outer.insertWidget(0, intro)
        self.template_button = QPushButton(tr("양식 내려받기…"))
        self.choose = QPushButton(tr("파일 고르기…"))
        self.file_label = QLabel(tr("고른 파일 없음"))
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addWidget(self.choose)
        row.addWidget(self.file_label, 1)
        self.outer.insertLayout(1, row)
        self.summary = QLabel("")
        self.summary.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([tr("줄"), tr("세대"), tr("할 일"), tr("PIN"),
                                              tr("차량번호"), tr("사용")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.errors = QListWidget()
        self.errors.setMaximumHeight(150)
        self.errors.setStyleSheet("color: #b3261e;")
        self.outer.addWidget(self.summary)
        self.outer.addWidget(self.table, 1)
        self.outer.addWidget(QLabel(tr("고쳐야 할 줄")))
        self.outer.addWidget(self.errors)
        self.choose.clicked.connect(self.pick_file)
        self.template_button.clicked.connect(self.save_template)
        self.finish_layout()
        self.ok_button.setText(tr("가져오기"))
        self.ok_button.setEnabled(False)

    def save_template(self) -> Path | None:
        """The Korean-headed file to fill in; UTF-8 with a BOM so Excel reads Hangul."""
        name, _ = QFileDialog.getSaveFileName(self, tr("세대 양식 저장"),
                                              str(Path.home() / tr("세대-양식.csv")),
                                              "CSV (*.csv)")
        if not name:
            return None
        path = Path(name)
        try:
            path.write_text(self.session.desk.households.template(), encoding="utf-8-sig")
        except OSError as exc:
            self.error.setText(tr("양식을 저장하지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc))
            return None
        self.file_label.setText(tr("양식을 저장했습니다: {p}").format(p=path.name))
        self.file_label.setToolTip(str(path))
        return path

    def pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("세대 CSV"), "", "CSV (*.csv)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        try:
            self.raw = path.read_bytes()
        except OSError as exc:
            self.error.setText(tr("파일을 읽을 수 없습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc))
            return
        preview = self.session.desk.households.preview_import(self.raw)
        self.preview = preview
        self.table.setRowCount(len(preview.lines))
        for row, line in enumerate(preview.lines):
            values = (str(line.line), line.household,
                      tr("새로 추가") if line.action == "add" else tr("고침"),
                      tr("새 PIN") if line.sets_pin else "", " ".join(line.plates),
                      tr("예") if line.active else tr("아니오"))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.errors.clear()
        for err in preview.errors:
            self.errors.addItem(tr("{n}번째 줄: {m}").format(
                n=err.line, m=import_error_text(err.message)))
        adds = sum(1 for line in preview.lines if line.action == "add")
        if preview.errors:
            self.summary.setText(tr("틀린 줄이 {e}개 있어 가져올 수 없습니다. 파일을 고쳐 "
                                    "다시 고르세요.").format(e=len(preview.errors)))
        else:
            self.summary.setText(tr("추가 {a}세대, 고침 {u}세대. 맞으면 '가져오기'를 "
                                    "누르세요.").format(a=adds, u=len(preview.lines) - adds))
        self.ok_button.setEnabled(not preview.errors and bool(preview.lines))

    def submit(self) -> None:
        if self.raw is None or self.preview is None or self.preview.errors:
            return
        raw = self.raw
        result = self.session.attempt(
            lambda: self.session.desk.households.import_csv(raw, self.session.actor))
        if isinstance(result, tuple):
            self.result_counts = result
            self.accept()


class HouseholdDialog(_Form):
    """One household, new or existing: 동, 호, PIN (typed, or made here with its slip),
    plates and use. Nothing is written until every value is right; the slip's printer or
    file is chosen before the PIN changes, so a PIN is never set without its paper."""

    KEEP, MAKE, TYPE = "keep", "make", "type"

    def __init__(self, session: DeskSession, household: Household | None = None,
                 parent: QWidget | None = None, slips_dir: Path | None = None) -> None:
        super().__init__(tr("세대 고치기: {h}").format(h=household.label) if household
                         else tr("세대 추가"), parent)
        self.session = session
        self.household = household
        self.slips_dir = slips_dir
        self.saved: Household | None = None
        self.cancelled: list[Booking] = []
        self.message: tuple[str, bool] = ("", False)
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"))
        self.building = QLineEdit(household.building if household else "")
        self.unit = QLineEdit(household.unit if household else "")
        for edit, hint in ((self.building, tr("예: 101")), (self.unit, tr("예: 1203"))):
            edit.setValidator(digits)
            edit.setPlaceholderText(hint)
            edit.setReadOnly(household is not None)
        where = QHBoxLayout()
        where.addWidget(self.building)
        where.addWidget(QLabel(tr("동")))
        where.addWidget(self.unit)
        where.addWidget(QLabel(tr("호")))
        self.form.addRow(tr("세대"), where)
        self.pin_keep = QRadioButton(tr("바꾸지 않음"))
        self.pin_make = QRadioButton(tr("새로 만들어 안내문으로 주기"))
        self.pin_type = QRadioButton(tr("직접 정하기 (숫자 4자리)"))
        self.pin_group = QButtonGroup(self)
        self.pin = QLineEdit()
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.pin.setPlaceholderText(tr("예: 4821"))
        self.pin.setMaximumWidth(120)
        self.slip = QComboBox()
        self.slip.addItem(tr("PDF로 저장"), "pdf")
        self.slip.addItem(tr("인쇄"), "print")
        pins = QVBoxLayout()
        if household is not None:
            pins.addWidget(self.pin_keep)
            self.pin_group.addButton(self.pin_keep)
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
        for button in (self.pin_make, self.pin_type):
            self.pin_group.addButton(button)
        (self.pin_keep if household is not None else self.pin_make).setChecked(True)
        self.form.addRow(tr("PIN"), pins)
        self.plates = QLineEdit(" ".join(household.plates) if household else "")
        self.plates.setPlaceholderText(tr("여러 대는 띄어 쓰기: 12가3456 34나5678"))
        self.form.addRow(tr("차량번호"), self.plates)
        self.active = QCheckBox(tr("사용 (끄면 전출: 더 예약할 수 없습니다)"))
        self.active.setChecked(household.active if household else True)
        self.form.addRow(tr("사용"), self.active)
        self.future: list[Booking] = (session.desk.households.future_bookings(household)
                                      if household is not None and household.active else [])
        self.cancel_future = QRadioButton(tr("남은 예약 {n}건을 취소합니다").format(
            n=len(self.future)))
        self.keep_future = QRadioButton(tr("남은 예약은 그대로 둡니다"))
        self.move_reason = QLineEdit(tr("전출"))
        self.move_box = QWidget()
        move_layout = QVBoxLayout(self.move_box)
        move_layout.setContentsMargins(0, 0, 0, 0)
        move_layout.addWidget(self.cancel_future)
        move_layout.addWidget(self.keep_future)
        move_layout.addWidget(self.move_reason)
        self.form.addRow("", self.move_box)
        self.move_box.setVisible(False)
        self.active.toggled.connect(self._show_move)
        self.pin.textEdited.connect(lambda _text: self.pin_type.setChecked(True))
        self.finish_layout()
        self.ok_button.setText(tr("저장"))

    def _show_move(self, checked: bool) -> None:
        """``checked`` is 사용's new state: moving out offers what to do with bookings."""
        self.move_box.setVisible(not checked and bool(self.future))

    def pin_choice(self) -> str:
        if self.pin_make.isChecked():
            return self.MAKE
        if self.pin_type.isChecked():
            return self.TYPE
        return self.KEEP

    def plate_list(self) -> list[str]:
        return self.plates.text().replace(",", " ").split()

    def submit(self) -> None:
        """Check what can be checked here, choose the slip's paper, then write once."""
        building, unit = self.building.text().strip(), self.unit.text().strip()
        if not building or not unit:
            self.error.setText(tr("동과 호를 숫자로 적어 주세요."))
            return
        choice = self.pin_choice()
        if choice == self.TYPE and len(self.pin.text()) != 4:
            self.error.setText(tr("PIN은 숫자 4자리여야 합니다"))
            return
        moving_out = self.household is not None and self.household.active \
            and not self.active.isChecked() and bool(self.future)
        if moving_out and not (self.cancel_future.isChecked() or self.keep_future.isChecked()):
            self.error.setText(tr("남은 예약을 어떻게 할지 골라 주세요."))
            return
        label = f"{building}-{unit}"
        target: Path | QPrinter | None = None
        if choice == self.MAKE:
            target = self._slip_target(label)
            if target is None:
                return  # the volunteer closed the picker: nothing written, form kept
        households = self.session.desk.households
        actor = self.session.actor
        pin = households.new_pin() if choice == self.MAKE else \
            self.pin.text() if choice == self.TYPE else None
        try:
            if self.household is None:
                assert pin is not None
                self.saved = households.add(building, unit, pin, self.plate_list(),
                                            self.active.isChecked(), actor)
            else:
                future = UpcomingChoice.CANCEL if self.cancel_future.isChecked() \
                    else UpcomingChoice.KEEP
                self.cancelled = households.edit(
                    self.household, self.plate_list(), self.active.isChecked(), actor,
                    pin=pin, future=future, reason=self.move_reason.text().strip())
                self.saved = self.household
        except Exception as exc:  # refused as a whole: the form keeps what was typed
            self.error.setText(particles(refusal_text(exc)))
            return
        done = tr("{h} 세대를 추가했습니다.") if self.household is None else \
            tr("{h} 세대를 저장했습니다.")
        self.message = (done.format(h=label), False)
        if self.cancelled:
            self.message = (self.message[0] + " " + tr("취소된 예약 {c}건.").format(
                c=len(self.cancelled)), False)
        if choice == self.MAKE and pin is not None and target is not None:
            self._make_slip(label, pin, target)
        self.accept()

    def _slip_target(self, label: str) -> Path | QPrinter | None:
        if self.slip.currentData() == "print":
            return choose_printer(self, tr("PIN 안내문 인쇄"))
        suggested = (self.slips_dir or Path.home()) / f"pin-{label}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, tr("PIN 안내문 저장"), str(suggested),
                                              "PDF (*.pdf)")
        return Path(name) if name else None

    def _make_slip(self, label: str, pin: str, target: Path | QPrinter) -> None:
        desk = self.session.desk
        settings = desk.services.settings
        paper = pin_slip(in_language(settings.village_name, settings.village_name_en),
                         label, pin, desk.bookings.clock(), self.session.account.display_name)
        try:
            if isinstance(target, Path):
                write_pdf(target, paper)
            else:
                print_on(target, paper)
                if target.printerState() == QPrinter.PrinterState.Error:
                    raise OSError(tr("프린터 오류"))
        except OSError as exc:
            self.message = (tr("{h}의 새 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). "
                               "세대에 직접 알려 주세요.").format(
                                   h=label, p=pin, e=exc.strerror or exc), True)
            return
        where = target.name if isinstance(target, Path) else tr("프린터")
        self.message = (self.message[0] + " " + tr("PIN 안내문: {p}").format(p=where), False)


class PlatesDialog(_Form):
    def __init__(self, household: Household, parent: QWidget | None = None) -> None:
        super().__init__(tr("등록 차량: {h}").format(h=household.label), parent)
        self.plates = QLineEdit(" ".join(household.plates))
        self.plates.setPlaceholderText(tr("여러 대는 띄어 쓰기: 12가3456 34나5678"))
        self.form.addRow(tr("차량번호"), self.plates)
        self.finish_layout()

    def values(self) -> list[str]:
        return self.plates.text().replace(",", " ").split()


class HouseholdsTab(QWidget):
    def __init__(self, session: DeskSession, slips_dir: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.slips_dir = slips_dir
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("동 또는 동-호로 찾기, 예: 101 또는 101-1203"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("세대"), tr("상태"), tr("PIN 잠김"),
                                              tr("차량번호"), tr("틀린 PIN")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("+ 세대 추가…"))
        self.add_button.setStyleSheet("font-weight: bold;")
        self.edit_button = QPushButton(tr("고치기…"))
        self.import_button = QPushButton(tr("CSV 가져오기…"))
        self.pin_button = QPushButton(tr("PIN 새로 만들기 (안내문)"))
        self.unlock_button = QPushButton(tr("잠금 해제"))
        self.plates_button = QPushButton(tr("차량번호…"))
        self.deactivate_button = QPushButton(tr("전출 처리…"))
        self.activate_button = QPushButton(tr("다시 사용"))
        for button in (self.add_button, self.edit_button, self.import_button, self.pin_button,
                       self.unlock_button, self.plates_button, self.deactivate_button,
                       self.activate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(self.fill)
        self.import_button.clicked.connect(self.import_csv)
        self.add_button.clicked.connect(self.add_household)
        self.edit_button.clicked.connect(self.edit_household)
        self.table.doubleClicked.connect(self.edit_household)
        pin_menu = QMenu(self.pin_button)
        pin_menu.addAction(tr("인쇄…"), lambda: self.print_pin())
        pin_menu.addAction(tr("PDF로 저장…"), lambda: self.reset_pin())
        self.pin_button.setMenu(pin_menu)
        self.unlock_button.clicked.connect(self.unlock)
        self.plates_button.clicked.connect(self.edit_plates)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.activate_button.clicked.connect(self.activate)
        self.reload()

    def reload(self) -> None:
        self.all = sorted(self.session.desk.households.households(),
                          key=lambda h: (int(h.building), int(h.unit)))
        self.fill()

    def fill(self) -> None:
        now = self.session.desk.bookings.clock()
        text = self.search.text().strip()
        self.items = [h for h in self.all
                      if not text or h.label == text or h.building == text
                      or h.label.startswith(text + "-") or h.label.startswith(text)]
        self.table.setRowCount(len(self.items))
        for row, h in enumerate(self.items):
            values = (h.label, tr("사용") if h.active else tr("사용 중지(전출)"),
                      tr("{t}까지 잠김").format(t=when(h.locked_until))
                      if h.is_locked(now) else "",
                      " ".join(h.plates), str(h.failed_attempts or ""))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.count.setText(tr("{n}세대").format(n=len(self.items)))

    def selected(self) -> Household | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _need_selection(self) -> Household | None:
        household = self.selected()
        if household is None:
            self.session.notify(tr("먼저 표에서 세대를 고르세요."), True)
        return household

    def add_household(self) -> None:
        self._open_form(None)

    def edit_household(self, _index: object = None) -> None:
        """The 고치기… button, or a double click on the household's row."""
        household = self._need_selection()
        if household is not None:
            self._open_form(household)

    def _open_form(self, household: Household | None) -> None:
        dialog = HouseholdDialog(self.session, household, self, self.slips_dir)
        if dialog.exec() and dialog.saved is not None:
            self.session.notify(*dialog.message)
            self.reload()
            self.select_label(dialog.saved.label if household else
                              f"{dialog.saved.building}-{dialog.saved.unit}")

    def select_label(self, label: str) -> None:
        for row, h in enumerate(self.items):
            if h.label == label:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))
                return

    def import_csv(self) -> None:
        dialog = ImportDialog(self.session, self)
        if dialog.exec() and dialog.result_counts is not None:
            added, updated = dialog.result_counts
            self.session.notify(tr("가져왔습니다: 추가 {a}, 고침 {u}").format(a=added, u=updated),
                                False)
            self.reload()

    def reset_pin(self, slip: Path | None = None) -> Path | None:
        """A new PIN with its slip saved as a PDF; the file is chosen before the PIN changes."""
        household = self._need_selection()
        if household is None:
            return None
        if slip is None:
            suggested = (self.slips_dir or Path.home()) / f"pin-{household.label}.pdf"
            name, _ = QFileDialog.getSaveFileName(self, tr("PIN 안내문 저장"), str(suggested),
                                                  "PDF (*.pdf)")
            if not name:
                return None
            slip = Path(name)
        made = self._new_pin(household)
        if made is None:
            return None
        pin, paper = made
        try:
            write_pdf(slip, paper)
        except OSError as exc:
            self._slip_failed(household, pin, str(exc.strerror or exc))
            return None
        self.session.notify(tr("{h}의 PIN을 새로 만들었습니다. 안내문: {p}").format(
            h=household.label, p=slip.name), False)
        return slip

    def print_pin(self, printer: QPrinter | None = None) -> bool:
        """A new PIN with its slip sent to a printer; the printer is chosen first."""
        household = self._need_selection()
        if household is None:
            return False
        if printer is None:
            printer = choose_printer(self, tr("PIN 안내문 인쇄"))
            if printer is None:
                return False
        made = self._new_pin(household)
        if made is None:
            return False
        pin, paper = made
        print_on(printer, paper)
        if printer.printerState() == QPrinter.PrinterState.Error:
            self._slip_failed(household, pin, tr("프린터 오류"))
            return False
        self.session.notify(tr("{h}의 PIN을 새로 만들고 안내문을 인쇄했습니다.").format(
            h=household.label), False)
        return True

    def _new_pin(self, household: Household) -> tuple[str, Paper] | None:
        desk = self.session.desk
        pin = self.session.attempt(lambda: desk.households.reset_pin(household,
                                                                     self.session.actor))
        self.reload()
        if not isinstance(pin, str):
            return None
        settings = desk.services.settings
        return pin, pin_slip(in_language(settings.village_name, settings.village_name_en),
                             household.label, pin, desk.bookings.clock(),
                             self.session.account.display_name)

    def _slip_failed(self, household: Household, pin: str, why: str) -> None:
        """The PIN already changed: say it here so it is not lost with the paper."""
        self.session.notify(tr("{h}의 새 PIN은 {p}입니다. 안내문을 만들지 못했습니다({e}). "
                               "세대에 직접 알려 주세요.").format(
                                   h=household.label, p=pin, e=why), True)

    def unlock(self) -> None:
        household = self._need_selection()
        if household is None:
            return
        self.session.attempt(lambda: self.session.desk.households.unlock(
            household, self.session.actor), tr("{h} 잠금을 풀었습니다.").format(h=household.label))
        self.reload()

    def edit_plates(self) -> None:
        household = self._need_selection()
        if household is None:
            return
        dialog = PlatesDialog(household, self)
        if dialog.exec():
            self.session.attempt(lambda: self.session.desk.households.set_plates(
                household, dialog.values(), self.session.actor),
                tr("{h} 차량번호를 저장했습니다.").format(h=household.label))
            self.reload()

    def deactivate(self) -> None:
        household = self._need_selection()
        if household is None:
            return
        future = self.session.desk.households.future_bookings(household)
        dialog = UpcomingDialog(tr("전출 처리: {h}").format(h=household.label),
                                tr("전출하면 이 세대는 더 예약할 수 없습니다. 남은 예약을 "
                                   "어떻게 할지 정해 주세요."), future, self)
        dialog.reason.setText(tr("전출"))
        choice = dialog.choice() if dialog.exec() else None
        if choice is not None:
            self.deactivate_with(household, choice, dialog.reason.text())

    def deactivate_with(self, household: Household, choice: UpcomingChoice,
                        reason: str) -> None:
        result = self.session.attempt(lambda: self.session.desk.households.deactivate(
            household, self.session.actor, choice, reason))
        if isinstance(result, list):
            self.session.notify(tr("{h} 전출 처리했습니다. 취소된 예약 {c}건.").format(
                h=household.label, c=len(result)), False)
        self.reload()

    def activate(self) -> None:
        household = self._need_selection()
        if household is None:
            return
        self.session.attempt(lambda: self.session.desk.households.reactivate(
            household, self.session.actor), particles(tr("{h}을(를) 다시 사용합니다.").format(
                h=household.label)))
        self.reload()


__all__ = ["HouseholdDialog", "HouseholdsTab", "ImportDialog", "ReasonDialog"]
