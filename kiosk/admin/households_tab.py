"""Households: CSV import with a preview, PIN slips, unlocking, move-outs, plates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dialogs import ReasonDialog, UpcomingDialog, _Form
from kiosk.admin.printing import Paper, choose_printer, pin_slip, print_on, write_pdf
from kiosk.admin.text import import_error_text, in_language, tr, when
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
        intro = QLabel(tr("열 이름: building,unit,pin,plates,active (예: 101,1203,4821,"
                          "12가3456,yes). 엑셀에서 'CSV UTF-8'로 저장하세요. 한 줄이라도 "
                          "틀리면 아무것도 바꾸지 않습니다."))
        intro.setWordWrap(True)
        self.outer.insertWidget(0, intro)
        self.choose = QPushButton(tr("파일 고르기…"))
        self.file_label = QLabel(tr("고른 파일 없음"))
        row = QHBoxLayout()
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
        self.finish_layout()
        self.ok_button.setText(tr("가져오기"))
        self.ok_button.setEnabled(False)

    def pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("세대 CSV"), "", "CSV (*.csv)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.file_label.setText(str(path))
        try:
            self.raw = path.read_bytes()
        except OSError as exc:
            self.error.setText(tr("파일을 읽을 수 없습니다: {p} ({e})").format(
                p=path, e=exc.strerror or exc))
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
        self.import_button = QPushButton(tr("CSV 가져오기…"))
        self.pin_button = QPushButton(tr("PIN 새로 만들기 (안내문)"))
        self.unlock_button = QPushButton(tr("잠금 해제"))
        self.plates_button = QPushButton(tr("차량번호…"))
        self.deactivate_button = QPushButton(tr("전출 처리…"))
        self.activate_button = QPushButton(tr("다시 사용"))
        for button in (self.import_button, self.pin_button, self.unlock_button,
                       self.plates_button, self.deactivate_button, self.activate_button):
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
            h=household.label, p=slip), False)
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
            household, self.session.actor), tr("{h}를 다시 사용합니다.").format(
                h=household.label))
        self.reload()


__all__ = ["HouseholdsTab", "ImportDialog", "ReasonDialog"]
