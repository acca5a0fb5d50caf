"""Reports: usage per resource and week or month, peak hours, households' share.

Figures are computed on a worker thread as soon as the tab is opened and again when the
period changes, so there is always something to see and export; the charts (QtCharts)
and tables show the same numbers, and both can be exported to CSV and XLSX.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.bookings_model import IN_FLIGHT
from kiosk.admin.common import DeskSession, Job
from kiosk.admin.dates import DateField, this_month
from kiosk.admin.printing import Paper, choose_printer, daily_sheet, print_on, write_pdf
from kiosk.admin.text import in_language, tr
from kiosk.domain.clock import to_local
from kiosk.services.reports import Period, Report, write_csv
from kiosk.services.spreadsheet import write_xlsx

WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReportsTab(QWidget):
    ready = Signal(object)

    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.report: Report | None = None
        self.pool = QThreadPool.globalInstance()
        today = to_local(session.desk.bookings.clock()).date()
        first, last = this_month(today)
        self.first = DateField(first, today)
        self.last = DateField(last, today)
        self.period = QComboBox()
        self.period.addItem(tr("주별"), Period.WEEK.value)
        self.period.addItem(tr("월별"), Period.MONTH.value)
        self.run_button = QPushButton(tr("다시 계산"))
        self.generation = 0
        self.generation_shown = 0
        self.csv_button = QPushButton(tr("CSV로 내보내기…"))
        self.xlsx_button = QPushButton(tr("엑셀(XLSX)로 내보내기…"))
        self.sheet_button = QPushButton(tr("오늘의 예약표 PDF…"))
        self.print_button = QPushButton(tr("오늘의 예약표 인쇄…"))
        self.state = QLabel("")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("기간")))
        bar.addWidget(self.first)
        bar.addWidget(QLabel("~"))
        bar.addWidget(self.last)
        bar.addWidget(self.period)
        bar.addWidget(self.run_button)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.sheet_button)
        bar.addWidget(self.print_button)

        self.usage = _table(self.usage_headers())
        self.usage.horizontalHeader().setStretchLastSection(False)
        self.usage.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.usage_chart = QChartView()
        self.usage_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.heat = QTableWidget(7, 24)
        self.heat.setHorizontalHeaderLabels([f"{h}" for h in range(24)])
        self.heat.setVerticalHeaderLabels([tr(d) for d in WEEKDAYS])
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.shares = _table(self.share_headers())
        self.share_chart = QChartView()
        self.share_chart.setRenderHint(QPainter.RenderHint.Antialiasing)

        usage_page = QWidget()
        usage_layout = QVBoxLayout(usage_page)
        usage_layout.addWidget(self.usage_chart, 1)
        usage_layout.addWidget(self.usage, 1)
        heat_page = QWidget()
        heat_layout = QVBoxLayout(heat_page)
        heat_layout.addWidget(QLabel(tr("요일·시간대별 이용 시간(시간). 진할수록 많이 "
                                        "쓰입니다.")))
        heat_layout.addWidget(self.heat, 1)
        share_page = QWidget()
        share_layout = QGridLayout(share_page)
        share_layout.addWidget(self.share_chart, 0, 0)
        share_layout.addWidget(self.shares, 0, 1)
        self.pages = QTabWidget()
        self.pages.addTab(usage_page, tr("자원별 이용"))
        self.pages.addTab(heat_page, tr("붐비는 시간"))
        self.pages.addTab(share_page, tr("세대별 비율"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)

        self.run_button.clicked.connect(self.start)
        # A changed period is computed again by itself (after typing settles).
        self.again = QTimer(self)
        self.again.setSingleShot(True)
        self.again.setInterval(300)
        self.again.timeout.connect(self.start)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self.again.start)
            edit.refused.connect(lambda text: self.session.notify(text, True))
        self.period.currentIndexChanged.connect(self.again.start)
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.sheet_button.clicked.connect(lambda: self.daily_sheet())
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.ready.connect(self.show_report)
        for button in (self.csv_button, self.xlsx_button):
            button.setEnabled(False)

    @staticmethod
    def usage_headers() -> list[str]:
        return [tr("자원"), tr("시작일"), tr("예약 수"), tr("이용 시간 (시간)"),
                tr("이용률 %"), tr("노쇼 수"), tr("취소 수")]

    @staticmethod
    def share_headers() -> list[str]:
        return [tr("세대"), tr("예약 수"), tr("이용 시간 (시간)"), tr("비율 %")]

    def showEvent(self, event: QShowEvent) -> None:
        """The first look at the tab already shows this month's figures."""
        super().showEvent(event)
        if self.report is None and not self.generation:
            self.start()

    def start(self) -> Job:
        """Compute on the thread pool; the GUI stays responsive meanwhile. Only the
        latest request's answer is shown, whichever finishes first."""
        self.again.stop()
        first = self.first.day()
        last = self.last.day()
        period = Period(self.period.currentData())
        reports = self.session.desk.reports
        self.generation += 1
        generation = self.generation
        job = Job(lambda: reports.report(first, last, period))
        job.signals.finished.connect(lambda report: self._done(generation, job, report))
        job.signals.failed.connect(lambda text: self._failed(generation, job, text))
        self.state.setText(tr("계산 중…"))
        IN_FLIGHT.add(job)
        self.pool.start(job)
        return job

    def _done(self, generation: int, job: Job, report: Report) -> None:
        IN_FLIGHT.discard(job)
        if generation == self.generation:
            self.generation_shown = generation
            self.show_report(report)

    def _failed(self, generation: int, job: Job, text: str) -> None:
        IN_FLIGHT.discard(job)
        if generation != self.generation:
            return
        self.state.setText("")
        self.session.notify(text, True)

    def show_report(self, report: Report) -> None:
        self.report = report
        self.state.setText(tr("{a} ~ {b} 계산함").format(a=report.first, b=report.last))
        for button in (self.csv_button, self.xlsx_button):
            button.setEnabled(True)
        rows = self.usage_rows()
        self.usage.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.usage.setItem(r, c, item)
        self._usage_chart(report)
        peak = max((v for row in report.heat for v in row), default=0.0) or 1.0
        for day in range(7):
            for hour in range(24):
                value = report.heat[day][hour]
                item = QTableWidgetItem(f"{value:g}" if value else "")
                strength = value / peak
                item.setBackground(QBrush(QColor.fromRgbF(1 - 0.8 * strength,
                                                          1 - 0.5 * strength, 1.0)))
                if strength > 0.6:
                    item.setForeground(QBrush(QColor("white")))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.heat.setItem(day, hour, item)
        self.shares.setRowCount(len(report.shares))
        for r, share in enumerate(report.shares):
            for c, value in enumerate((share.household, share.bookings, share.hours,
                                       share.share)):
                self.shares.setItem(r, c, QTableWidgetItem(str(value)))
        self._share_chart(report)

    def usage_rows(self) -> list[tuple[object, ...]]:
        assert self.report is not None
        return [(in_language(u.resource_name, u.resource_name_en),
                 u.period_start.isoformat(), u.bookings, u.hours,
                 u.utilisation, u.no_shows, u.cancellations) for u in self.report.usage]

    def _usage_chart(self, report: Report) -> None:
        totals: dict[str, tuple[float, float]] = {}
        for u in report.usage:
            name = in_language(u.resource_name, u.resource_name_en)
            hours, open_hours = totals.get(name, (0.0, 0.0))
            totals[name] = (hours + u.hours, open_hours + u.open_hours)
        chart = QChart()
        used = any(hours for hours, _ in totals.values())
        # Hours, not percent: a village's few bookings are a visible bar in hours where
        # they would be a fraction of a percent of the opening hours.
        chart.setTitle(tr("자원별 이용 시간 (시간)") if used else
                       tr("자원별 이용 시간 (시간) — 이 기간에는 이용한 예약이 없습니다"))
        bars = QBarSet(tr("이용 시간 (시간)"))
        bars.setColor(QColor("#1e88e5"))
        names = [name for name in totals if totals[name][0]] or list(totals)
        for name in names:
            bars.append(round(totals[name][0], 1))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(names)
        axis_x.setLabelsAngle(-30)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([0.0, *(bars.at(i) for i in range(bars.count()))])
        axis_y.setRange(0, max(1.0, top * 1.15))
        axis_y.setLabelFormat("%.1f" if top < 5 else "%d")
        axis_y.setTitleText(tr("이용 시간 (시간)"))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(False)
        self.usage_chart.setChart(chart)

    def _share_chart(self, report: Report) -> None:
        chart = QChart()
        chart.setTitle(tr("세대별 이용 시간 비율 (상위 8세대)"))
        pie = QPieSeries()
        top = report.shares[:8]
        for share in top:
            pie.append(f"{share.household} {share.share}%", share.hours)
        rest = sum(s.hours for s in report.shares[8:])
        if rest:
            pie.append(tr("그 밖의 세대"), rest)
        chart.addSeries(pie)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.share_chart.setChart(chart)

    # ------------------------------------------------------------------ exports
    def file_name(self, kind: str) -> str:
        """"길음 나눔마을 이용 보고서 2026-11-01~2026-11-30.xlsx": which village and
        which days, read from the name alone."""
        settings = self.session.desk.services.settings
        village = in_language(settings.village_name, settings.village_name_en)
        first, last = (self.report.first, self.report.last) if self.report else \
            (self.first.day(), self.last.day())
        name = tr("{v} 이용 보고서 {a}~{b}").format(v=village, a=first, b=last)
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + f".{kind}"

    def _ask_export(self, kind: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("보고서 저장"), str(Path.home() / self.file_name(kind)),
            "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")
        if name:
            self.export(Path(name), kind)

    def export(self, path: Path, kind: str) -> bool:
        if self.report is None:
            return False
        report = self.report
        usage = (tr("자원별 이용"), self.usage_headers(), self.usage_rows())
        heat = (tr("붐비는 시간"), [tr("요일"), *[str(h) for h in range(24)]],
                [[tr(WEEKDAYS[d]), *report.heat[d]] for d in range(7)])
        shares = (tr("세대별 비율"), self.share_headers(),
                  [[s.household, s.bookings, s.hours, s.share] for s in report.shares])
        try:
            if kind == "xlsx":
                write_xlsx(path, [usage, heat, shares])
            else:
                write_csv(path, usage[1], usage[2])
        except OSError as exc:
            self.session.notify(tr("저장하지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc), True)
            return False
        self.session.notify(tr("저장했습니다: {p}").format(p=path.name), False)
        return True

    def daily_sheet(self, path: Path | None = None) -> Path | None:
        """Today's sheet as a PDF file."""
        desk = self.session.desk
        today = to_local(desk.bookings.clock()).date()
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, tr("오늘의 예약표"), str(Path.home() / f"bookings-{today}.pdf"),
                "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        try:
            write_pdf(path, self._sheet())
        except OSError as exc:
            self.session.notify(tr("저장하지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc), True)
            return None
        self.session.notify(tr("오늘의 예약표를 저장했습니다: {p}").format(p=path.name), False)
        return path

    def print_sheet(self, printer: QPrinter | None = None) -> bool:
        """Today's sheet straight to a printer chosen in the print dialog."""
        if printer is None:
            printer = choose_printer(self, tr("오늘의 예약표 인쇄"))
            if printer is None:
                return False
        print_on(printer, self._sheet())
        if printer.printerState() == QPrinter.PrinterState.Error:
            self.session.notify(tr("인쇄하지 못했습니다. 프린터를 확인하거나 PDF로 "
                                   "저장하세요."), True)
            return False
        self.session.notify(tr("오늘의 예약표를 인쇄했습니다."), False)
        return True

    def _sheet(self) -> Paper:
        desk = self.session.desk
        now = desk.bookings.clock()
        today = to_local(now).date()
        settings = desk.services.settings
        return daily_sheet(in_language(settings.village_name, settings.village_name_en),
                           today, desk.reports.daily_sheet(today), now)
