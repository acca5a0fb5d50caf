"""이용료 (managers): the month's fee statement for the 관리비 bill, its exports, and the
office's corrections.

The statement is read on a worker thread when the tab opens and whenever the month
changes. A correction is one or more signed amounts on households' or neighbours' lines
with one reason; they are written all together or not at all, and each goes to the
audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.bookings_model import IN_FLIGHT
from kiosk.admin.common import DeskSession, Job
from kiosk.admin.dialogs import _Form
from kiosk.admin.text import LANGUAGE, in_language, tr
from kiosk.domain.clock import to_local
from kiosk.domain.fees import MAX_WON
from kiosk.domain.neighbours import member_id
from kiosk.services.fees import (
    CorrectionRequest,
    FeeRefused,
    Statement,
    StatementLine,
    charge_rows,
    export_statement,
    resource_rows,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def money(amount: int) -> str:
    """``7,500`` in a table whose header says 원."""
    return f"{amount:,}"


def month_title(month: str) -> str:
    year, number = month.split("-")
    return tr("{y}년 {m}월").format(y=year, m=int(number))


def next_month(month: str, step: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + (number - 1) + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def refusal_words(exc: FeeRefused) -> str:
    """A refused correction in the desk's language, naming the line to fix."""
    text = {
        "not_manager": tr("관리자만 이용료를 조정할 수 있습니다."),
        "bad_month": tr("달을 2026-11처럼 적어 주세요."),
        "no_reason": tr("조정 사유를 적어 주세요. 감사 기록에 남습니다."),
        "long_reason": tr("사유는 300자까지 적을 수 있습니다."),
        "nothing": tr("조정할 줄이 없습니다."),
        "no_party": tr("세대(101-1203) 또는 이웃 회원 번호(N-0003)를 적어 주세요."),
        "no_household": tr("{v} 세대가 없습니다.").format(v=exc.value),
        "no_neighbour": tr("{v} 이웃 회원이 없습니다.").format(v=exc.value),
        "bad_amount": tr("금액은 0이 아닌 원 단위로, {m}원까지입니다.").format(m=f"{MAX_WON:,}"),
    }.get(exc.problem, str(exc))
    if exc.line is not None:
        text = tr("{n}번째 줄: {t}").format(n=exc.line, t=text)
    return text + " " + tr("아무것도 기록하지 않았습니다.")


class CorrectionDialog(_Form):
    """Lines of a month's correction (whose line, signed amount) and one reason. OK asks
    ``apply`` to write them all; a refusal keeps the dialog open, saying which line to
    fix, and nothing is written."""

    def __init__(self, month: str, party: str,
                 apply: Callable[[list[CorrectionRequest], str], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("이용료 조정: {m}").format(m=month_title(month)), parent)
        self.setMinimumWidth(600)
        self.apply = apply
        intro = QLabel(tr("세대 또는 이웃 회원의 이달 청구에 더하거나(+) 빼는(-) 금액입니다. "
                          "모든 줄이 한꺼번에 기록되거나, 하나라도 틀리면 아무것도 기록되지 "
                          "않습니다."))
        intro.setWordWrap(True)
        self.outer.insertWidget(0, intro)
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel(tr("세대 / 이웃 회원")), 0, 0)
        self.grid.addWidget(QLabel(tr("금액 (빼려면 -)")), 0, 1)
        self.rows: list[tuple[QLineEdit, QSpinBox]] = []
        self.form.addRow(self.grid)
        self.add_row_button = QPushButton(tr("+ 줄 추가"))
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.form.addRow("", self.add_row_button)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("예: 10월 커뮤니티룸 중복 청구 환불"))
        self.form.addRow(tr("사유 (필수)"), self.reason)
        self.add_row(party)
        self.finish_layout()

    def add_row(self, party: str = "") -> tuple[QLineEdit, QSpinBox]:
        who = QLineEdit(party)
        who.setPlaceholderText(tr("101-1203 또는 N-0003"))
        amount = QSpinBox()
        amount.setRange(-MAX_WON, MAX_WON)
        amount.setSingleStep(500)
        amount.setSuffix(tr(" 원"))
        amount.setGroupSeparatorShown(True)
        row = len(self.rows) + 1
        self.grid.addWidget(who, row, 0)
        self.grid.addWidget(amount, row, 1)
        self.rows.append((who, amount))
        return who, amount

    def items(self) -> list[CorrectionRequest]:
        """Lines with something typed; a line left empty with 0 is ignored."""
        return [CorrectionRequest(who.text().strip(), amount.value())
                for who, amount in self.rows if who.text().strip() or amount.value()]

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(tr("조정 사유를 적어 주세요. 감사 기록에 남습니다."))
            return
        problem = self.apply(self.items(), reason)
        if problem:
            self.error.setText(problem)
            return
        self.accept()


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[object]], money_from: int) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            text = money(value) if isinstance(value, int) and c >= money_from else str(value)
            item = QTableWidgetItem(text)
            if isinstance(value, int):
                item.setTextAlignment(RIGHT)
                if value < 0:
                    item.setForeground(QBrush(QColor("#b3261e")))
            table.setItem(r, c, item)


class FeesTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.statement: Statement | None = None
        self.pool = QThreadPool.globalInstance()
        self.generation = 0
        self.shown = 0
        self.month = to_local(session.desk.bookings.clock()).strftime("%Y-%m")
        self.previous_button = QPushButton(tr("◀ 지난달"))
        self.next_button = QPushButton(tr("다음 달 ▶"))
        self.this_month_button = QPushButton(tr("이번 달"))
        self.title = QLabel("")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold; padding: 0 12px;")
        self.state = QLabel("")
        self.correct_button = QPushButton(tr("조정 입력…"))
        self.csv_button = QPushButton(tr("CSV로 내보내기…"))
        self.xlsx_button = QPushButton(tr("엑셀(XLSX)로 내보내기…"))
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.title, self.next_button,
                       self.this_month_button):
            bar.addWidget(widget)
        bar.addWidget(self.state, 1)
        for widget in (self.correct_button, self.csv_button, self.xlsx_button):
            bar.addWidget(widget)
        self.summary = QLabel("")
        self.summary.setStyleSheet("background: #e3f2fd; padding: 8px; font-size: 15px;")
        self.summary.setWordWrap(True)
        self.lines = _table(self.line_headers())
        self.resources = _table(self.resource_headers())
        self.charges = _table(self.charge_headers())
        self.charges.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.charges_title = QLabel(tr("청구 내역 (줄을 고르면 그 세대만)"))
        left = QVBoxLayout()
        left.addWidget(QLabel(tr("세대별 청구 (관리비에 더할 금액, 원)")))
        left.addWidget(self.lines, 3)
        left.addWidget(self.charges_title)
        left.addWidget(self.charges, 2)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("자원별 합계 (원)")))
        right.addWidget(self.resources, 1)
        note = QLabel(tr("예약의 이용료는 예약할 때의 요금으로 정해져 예약과 함께 저장됩니다. "
                         "시작일이 이 달인 예약 중 확정·이용·노쇼는 이용료를, 취소는 취소 "
                         "수수료를 청구합니다. 승인 대기와 거절은 청구하지 않습니다."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        right.addWidget(note)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addLayout(columns, 1)

        self.previous_button.clicked.connect(lambda: self.go(next_month(self.month, -1)))
        self.next_button.clicked.connect(lambda: self.go(next_month(self.month, 1)))
        self.this_month_button.clicked.connect(lambda: self.go(
            to_local(session.desk.bookings.clock()).strftime("%Y-%m")))
        self.correct_button.clicked.connect(lambda: self.ask_correction())
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.lines.itemSelectionChanged.connect(self._show_charges)
        self._buttons(False)
        self.title.setText(month_title(self.month))

    @staticmethod
    def line_headers() -> list[str]:
        return [tr("세대"), tr("동"), tr("호"), tr("이용 건수"), tr("이용료"),
                tr("취소 수수료"), tr("조정"), tr("청구액")]

    @staticmethod
    def resource_headers() -> list[str]:
        return [tr("자원"), tr("이용 건수"), tr("이용료"), tr("취소 수수료"), tr("합계")]

    @staticmethod
    def charge_headers() -> list[str]:
        return [tr("세대"), tr("종류"), tr("자원"), tr("예약 코드"), tr("시작"), tr("금액"),
                tr("메모")]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.statement is None and not self.generation:
            self.reload()

    def _buttons(self, ready: bool) -> None:
        for button in (self.correct_button, self.csv_button, self.xlsx_button):
            button.setEnabled(ready)

    def go(self, month: str) -> None:
        self.month = month
        self.title.setText(month_title(month))
        self.reload()

    def reload(self) -> Job:
        """Read the month's statement on the thread pool; only the latest answer shows."""
        month = self.month
        fees = self.session.desk.fees
        self.generation += 1
        generation = self.generation
        job = Job(lambda: fees.statement(month))
        job.signals.finished.connect(lambda found: self._done(generation, job, found))
        job.signals.failed.connect(lambda text: self._failed(generation, job, text))
        if self.statement is None or self.statement.month != month:
            # A new month: say so until it arrives. The same month again (a kiosk may
            # have booked meanwhile) keeps what is shown, and its buttons, until then.
            self.state.setText(tr("계산 중…"))
            self._buttons(False)
        IN_FLIGHT.add(job)
        self.pool.start(job)
        return job

    def _done(self, generation: int, job: Job, statement: Statement) -> None:
        IN_FLIGHT.discard(job)
        if generation == self.generation:
            self.shown = generation
            self.show_statement(statement)

    def _failed(self, generation: int, job: Job, text: str) -> None:
        IN_FLIGHT.discard(job)
        if generation == self.generation:
            self.state.setText("")
            self.session.notify(text, True)

    @property
    def ready(self) -> bool:
        """The statement on screen is the latest one asked for."""
        return self.statement is not None and self.shown == self.generation

    def show_statement(self, statement: Statement) -> None:
        self.statement = statement
        self.state.setText("")
        self._buttons(True)
        english = LANGUAGE["current"] == "en"
        _fill(self.lines, [[line.party, line.building, line.unit, line.uses, line.use_won,
                            line.penalty_won, line.correction_won, line.total_won]
                           for line in statement.lines], 4)
        _fill(self.resources, resource_rows(statement, english), 2)
        uses = sum(line.uses for line in statement.lines)
        penalties = sum(line.penalty_won for line in statement.lines)
        if statement.lines:
            self.summary.setText(tr(
                "{m} 청구 합계 {t}원 · 세대·이웃 회원 {n}곳 · 이용 {u}건 · 취소 수수료 {p}원 · "
                "조정 {c}원"
            ).format(m=month_title(statement.month), t=money(statement.total_won),
                     n=len(statement.lines), u=uses, p=money(penalties),
                     c=money(statement.correction_won)))
        else:
            self.summary.setText(tr("{m}에는 청구할 이용료가 없습니다.").format(
                m=month_title(statement.month)))
        self._show_charges()

    def selected_line(self) -> StatementLine | None:
        rows = self.lines.selectionModel().selectedRows()
        if not rows or self.statement is None:
            return None
        return self.statement.lines[rows[0].row()]

    def _show_charges(self) -> None:
        if self.statement is None:
            return
        line = self.selected_line()
        english = LANGUAGE["current"] == "en"
        rows = charge_rows(self.statement, english)
        if line is not None:
            rows = [row for row in rows if row[0] == line.party]
        _fill(self.charges, rows, 5)

    # ----------------------------------------------------------- corrections
    def ask_correction(self) -> bool:
        """The 조정 입력… button: lines and a reason, written all or nothing."""
        line = self.selected_line()
        party = ""
        if line is not None:
            if line.key.neighbour_id is not None:
                party = member_id(line.key.neighbour_id)
            else:
                party = f"{line.building}-{line.unit}"
        month = self.month
        written: list[int] = []

        def apply(items: list[CorrectionRequest], reason: str) -> str | None:
            try:
                done = self.session.desk.fees.correct(month, items, reason,
                                                      self.session.actor)
            except FeeRefused as exc:
                return refusal_words(exc)
            written.extend(c.amount for c in done)
            return None

        dialog = CorrectionDialog(month, party, apply, self)
        if not dialog.exec() or not written:
            return False
        self.session.notify(tr("{m} 이용료 조정 {n}건을 기록했습니다 (합계 {t}원).").format(
            m=month_title(month), n=len(written), t=money(sum(written))), False)
        self.reload()
        return True

    # --------------------------------------------------------------- exports
    def file_name(self, kind: str) -> str:
        """"길음 나눔마을 이용료 2026-11.xlsx": which village and which month."""
        settings = self.session.desk.services.settings
        village = in_language(settings.village_name, settings.village_name_en)
        name = tr("{v} 이용료 {m}").format(v=village, m=self.month)
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + f".{kind}"

    def _ask_export(self, kind: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("이용료 청구서 저장"), str(Path.home() / self.file_name(kind)),
            "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")
        if name:
            self.export(Path(name), kind)

    def export(self, path: Path, kind: str) -> bool:
        if self.statement is None:
            return False
        try:
            export_statement(self.statement, path, kind,
                             (self.line_headers(), self.resource_headers(),
                              self.charge_headers()),
                             (tr("세대별 청구"), tr("자원별 합계"), tr("청구 내역")),
                             english=LANGUAGE["current"] == "en")
        except OSError as exc:
            self.session.notify(tr("저장하지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc), True)
            return False
        self.session.notify(tr("저장했습니다: {p}").format(p=path.name), False)
        return True
