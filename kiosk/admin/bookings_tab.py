"""The bookings screen: filter, sort and scroll any number of bookings; act on one."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.bookings_model import BookingTableModel, listed_name
from kiosk.admin.common import DeskSession
from kiosk.admin.dates import DateField, this_month, this_week
from kiosk.admin.dialogs import CreateBookingDialog, ReasonDialog
from kiosk.admin.text import (
    action_label,
    cancel_reasons,
    in_language,
    name_of,
    plain_actor,
    reject_reasons,
    status_label,
    tr,
    when,
)
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import local_midnight, to_local
from kiosk.services.ports import BookingListRow, BookingQuery

PENDING_STYLE = {True: "color: #b71c1c; font-weight: bold;", False: "color: #555;"}


class BookingsTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        desk = session.desk
        self.model = BookingTableModel(desk.search)
        today = to_local(desk.bookings.clock()).date()

        filters = QGroupBox(tr("찾기"))
        grid = QGridLayout(filters)
        # Today first: the desk opens on today's bookings, one click away from the week.
        self.date_from = DateField(today, today)
        self.date_to = DateField(today, today)
        self.today_button = QPushButton(tr("오늘"))
        self.week_button = QPushButton(tr("이번 주"))
        self.month_button = QPushButton(tr("이번 달"))
        self.presets = QButtonGroup(self)
        presets = QHBoxLayout()
        for button in (self.today_button, self.week_button, self.month_button):
            button.setCheckable(True)
            self.presets.addButton(button)
            presets.addWidget(button)
        self.today_button.setChecked(True)
        self.resource = QComboBox()
        self.resource.addItem(tr("모든 자원"), None)
        for r in desk.resources.resources():
            if r.bookable:
                self.resource.addItem(name_of(r), r.id)
        self.household = QLineEdit()
        self.household.setPlaceholderText(tr("101 또는 101-1203"))
        self.status = QComboBox()
        self.status.addItem(tr("모든 상태"), None)
        for status in BookingStatus:
            self.status.addItem(status_label(status), status.value)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("예약 코드"))
        self.clear_button = QPushButton(tr("조건 지우기"))
        self.pending_button = QPushButton("")
        self.pending_button.setStyleSheet(PENDING_STYLE[False])
        grid.addWidget(QLabel(tr("기간")), 0, 0)
        grid.addWidget(self.date_from, 0, 1)
        grid.addWidget(QLabel("~"), 0, 2)
        grid.addWidget(self.date_to, 0, 3)
        grid.addLayout(presets, 0, 4, 1, 2)
        grid.addWidget(self.pending_button, 0, 6)
        grid.addWidget(QLabel(tr("세대")), 1, 0)
        grid.addWidget(self.household, 1, 1)
        grid.addWidget(QLabel(tr("상태")), 1, 2)
        grid.addWidget(self.status, 1, 3)
        grid.addWidget(QLabel(tr("자원")), 1, 4)
        grid.addWidget(self.resource, 1, 5)
        grid.addWidget(QLabel(tr("코드")), 2, 0)
        grid.addWidget(self.code, 2, 1, 1, 3)
        grid.addWidget(self.clear_button, 1, 6)
        grid.setColumnStretch(5, 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 220, 100, 140, 140, 50, 90, 110)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.count = QLabel("")

        # Detail and actions on the right.
        side = QWidget()
        side_layout = QVBoxLayout(side)
        self.new_button = QPushButton(tr("+ 세대 대신 예약"))
        self.new_button.setStyleSheet("font-weight: bold; padding: 8px;")
        side_layout.addWidget(self.new_button)
        self.detail = QLabel(tr("표에서 예약을 고르세요."))
        self.detail.setWordWrap(True)
        # A fixed height: choosing another booking never moves the action buttons.
        self.detail.setFixedHeight(210)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setStyleSheet("background: white; border: 1px solid #ddd; padding: 8px;")
        side_layout.addWidget(self.detail)
        actions = QGridLayout()
        self.approve_button = QPushButton(tr("승인"))
        self.reject_button = QPushButton(tr("거절…"))
        self.cancel_button = QPushButton(tr("취소…"))
        self.checkin_button = QPushButton(tr("체크인"))
        self.noshow_button = QPushButton(tr("노쇼 처리"))
        for i, button in enumerate((self.approve_button, self.reject_button, self.checkin_button,
                                    self.noshow_button, self.cancel_button)):
            actions.addWidget(button, i // 2, i % 2)
        side_layout.addLayout(actions)
        side_layout.addWidget(QLabel(tr("이력")))
        self.history = QListWidget()
        self.history.setWordWrap(True)
        side_layout.addWidget(self.history, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1150, 400])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.apply_filters)
        for edit in (self.household, self.code):
            edit.textChanged.connect(self.debounce.start)
        self.date_from.dateChanged.connect(self._from_changed)
        self.date_to.dateChanged.connect(self._to_changed)
        for date_edit in (self.date_from, self.date_to):
            date_edit.refused.connect(lambda text: self.session.notify(text, True))
        self.today_button.clicked.connect(self.show_today)
        self.week_button.clicked.connect(self.show_week)
        self.month_button.clicked.connect(self.show_month)
        for combo in (self.resource, self.status):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.pending_button.clicked.connect(self.show_pending)
        self.table.selectionModel().selectionChanged.connect(self.show_selected)
        self.reselect: int | None = None
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.new_button.clicked.connect(self.create_booking)
        self.approve_button.clicked.connect(self.approve)
        # Buttons go to slots without parameters: ``clicked`` carries a ``checked`` flag
        # that a slot with a parameter would receive in place of its own argument.
        self.reject_button.clicked.connect(self.ask_reject)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.checkin_button.clicked.connect(self.check_in)
        self.noshow_button.clicked.connect(self.no_show)
        self.apply_filters()

    # ----------------------------------------------------------------- filtering
    def current_query(self) -> BookingQuery:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        status = self.status.currentData()
        return BookingQuery(
            start_from=local_midnight(first),
            start_before=local_midnight(last + timedelta(days=1)),
            resource_id=self.resource.currentData(),
            household=self.household.text().strip() or None,
            statuses=frozenset({BookingStatus(status)}) if status else None,
            code=self.code.text().strip() or None,
            sort=self.model.query.sort, descending=self.model.query.descending,
        )

    def _today(self) -> date:
        return to_local(self.session.desk.bookings.clock()).date()

    def show_days(self, first: date, last: date) -> None:
        self._setting = True
        try:
            self.date_from.setDate(first)
            self.date_to.setDate(last)
        finally:
            self._setting = False
        self.apply_filters()

    def show_today(self) -> None:
        today = self._today()
        self.show_days(today, today)

    def show_week(self) -> None:
        self.show_days(*this_week(self._today()))

    def show_month(self) -> None:
        self.show_days(*this_month(self._today()))

    def _from_changed(self, _day: object = None) -> None:
        """A typed or picked start after the end moves the end along: one day shown."""
        if getattr(self, "_setting", False):
            return
        if self.date_to.day() < self.date_from.day():
            self._setting = True
            self.date_to.setDate(self.date_from.day())
            self._setting = False
        self._mark_preset()
        self.debounce.start()

    def _to_changed(self, _day: object = None) -> None:
        if getattr(self, "_setting", False):
            return
        if self.date_to.day() < self.date_from.day():
            self._setting = True
            self.date_from.setDate(self.date_to.day())
            self._setting = False
        self._mark_preset()
        self.debounce.start()

    def _mark_preset(self) -> None:
        """The preset button stays pressed only while its days are the ones shown."""
        today = self._today()
        shown = (self.date_from.day(), self.date_to.day())
        for button, days in ((self.today_button, (today, today)),
                             (self.week_button, this_week(today)),
                             (self.month_button, this_month(today))):
            if shown == days:
                button.setChecked(True)
                return
        self.presets.setExclusive(False)
        for button in self.presets.buttons():
            button.setChecked(False)
        self.presets.setExclusive(True)

    def apply_filters(self) -> None:
        self.count.setText(tr("찾는 중…"))
        self.model.set_query(self.current_query())

    def show_pending(self) -> None:
        """Everything still waiting for approval, from today on."""
        today = self._today()
        self.status.setCurrentIndex(self.status.findData(BookingStatus.PENDING.value))
        self.show_days(today, today + timedelta(days=365))
        self._mark_preset()

    def _loaded(self) -> None:
        """A query's first page arrived: update the counts, keep the chosen row chosen."""
        self.count.setText(tr("{n}건").format(n=f"{self.model.total:,}"))
        now = self.session.desk.bookings.clock()
        waiting = self.session.desk.search.count(BookingQuery(
            start_from=local_midnight(to_local(now).date()),
            statuses=frozenset({BookingStatus.PENDING})))
        self.pending_button.setText(tr("승인 대기 {n}건").format(n=waiting))
        self.pending_button.setEnabled(bool(waiting))
        self.pending_button.setStyleSheet(PENDING_STYLE[bool(waiting)])
        if self.reselect is not None and 0 <= self.reselect < self.model.total:
            self.select_row(self.reselect)
        self.reselect = None
        self.show_selected()

    def _failed(self, text: str) -> None:
        self.count.setText("")
        self.session.notify(text, True)

    def clear_filters(self) -> None:
        for edit in (self.household, self.code):
            edit.clear()
        self.resource.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.apply_filters()

    # ------------------------------------------------------------------ selection
    def selected(self) -> BookingListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def show_selected(self) -> None:
        item = self.selected()
        buttons = (self.approve_button, self.reject_button, self.cancel_button,
                   self.checkin_button, self.noshow_button)
        if item is None:
            self.detail.setText(tr("표에서 예약을 고르세요."))
            self.history.clear()
            for button in buttons:
                button.setEnabled(False)
            return
        status = item.status
        self.approve_button.setEnabled(status is BookingStatus.PENDING)
        self.reject_button.setEnabled(status is BookingStatus.PENDING)
        self.cancel_button.setEnabled(status in (BookingStatus.PENDING,
                                                 BookingStatus.CONFIRMED))
        self.checkin_button.setEnabled(status is BookingStatus.CONFIRMED)
        self.noshow_button.setEnabled(status is BookingStatus.CONFIRMED)
        lines = [
            f"<b>{item.code}</b> · {status_label(status)}",
            listed_name(item),
            tr("세대 {h}").format(h=item.household),
            f"{when(item.start)} ~ {to_local(item.end):%H:%M}",
            tr("수량 {n}").format(n=item.units),
        ]
        if item.plate:
            lines.append(tr("차량 {p}").format(p=item.plate))
        if item.reason:
            lines.append(tr("사유: {r}").format(r=item.reason))
        kiosks = self.kiosks()
        lines.append(tr("만든 곳: {c}").format(c=plain_actor(item.created_by, kiosks)))
        self.detail.setText("<br>".join(lines))
        self.history.clear()
        for entry in self.session.desk.search.history(item.code):
            reason = entry.details.get("reason") or entry.details.get("override_reason")
            who = plain_actor(entry.actor, kiosks)
            text = f"{when(entry.at)}  {action_label(entry.action)}  {who}"
            if entry.details.get("overridden"):
                text += "  " + tr("(규칙 예외)")
            if reason:
                text += f"\n  {tr('사유')}: {reason}"
            self.history.addItem(text)

    def kiosks(self) -> dict[str, str]:
        """Where each kiosk stands, to name it instead of its id."""
        settings = self.session.desk.services.settings
        names = {settings.kiosk_id: in_language(settings.kiosk_label, settings.kiosk_label_en)}
        try:
            beats = self.session.desk.heartbeats.heartbeats()
        except Exception:  # the names are a nicety: never a reason to fail the detail
            beats = []
        names |= {b.kiosk_id: b.label for b in beats if b.label}
        return names

    # -------------------------------------------------------------------- actions
    def _after(self, result: object) -> None:
        if result is None:
            return
        selected = self.table.selectionModel().selectedRows()
        self.reselect = selected[0].row() if selected else None
        self.model.refresh()

    def approve(self) -> Booking | None:
        item = self.selected()
        if item is None:
            return None
        result = self.session.attempt(
            lambda: self.session.desk.bookings.decide(item.code, self.session.actor, True),
            tr("{c} 예약을 승인했습니다.").format(c=item.code))
        self._after(result)
        return result if isinstance(result, Booking) else None

    def ask_reject(self) -> Booking | None:
        """The 거절… button: ask why, then reject the chosen booking with that reason."""
        item = self.selected()
        if item is None:
            return None
        dialog = ReasonDialog(tr("예약 거절"), tr("{c} 예약을 거절합니다. 세대가 알 수 있게 "
                                               "사유를 적어 주세요.").format(c=item.code),
                              parent=self, presets=reject_reasons())
        if not dialog.exec():
            return None
        return self._reject(item, dialog.text())

    def reject(self, reason: str) -> Booking | None:
        """Reject the chosen booking with ``reason``."""
        item = self.selected()
        return None if item is None else self._reject(item, reason)

    def _reject(self, item: BookingListRow, reason: str) -> Booking | None:
        result = self.session.attempt(
            lambda: self.session.desk.bookings.decide(item.code, self.session.actor, False,
                                                      reason),
            tr("{c} 예약을 거절했습니다.").format(c=item.code))
        self._after(result)
        return result if isinstance(result, Booking) else None

    def ask_cancel(self) -> Booking | None:
        """The 취소… button: ask why, then cancel the chosen booking with that reason."""
        item = self.selected()
        if item is None:
            return None
        dialog = ReasonDialog(tr("예약 취소"), tr("{c} 예약을 취소합니다. 사유를 적어 "
                                               "주세요.").format(c=item.code), parent=self,
                              presets=cancel_reasons())
        fee = self.session.desk.fees.fee_of(item.code)
        waive: QCheckBox | None = None
        if fee is not None and fee.amount:
            # The penalty is the household's when it asked; the village's own reasons
            # (repairs, events) should not cost the household anything.
            waive = QCheckBox(tr("취소 수수료 받지 않음 (마을 사정으로 취소할 때)"))
            dialog.form.addRow(tr("이용료 {f}원").format(f=f"{fee.amount:,}"), waive)
        if not dialog.exec():
            return None
        return self._cancel(item, dialog.text(), waive is not None and waive.isChecked())

    def cancel(self, reason: str) -> Booking | None:
        """Cancel the chosen booking with ``reason``; an empty reason is refused."""
        item = self.selected()
        return None if item is None else self._cancel(item, reason)

    def _cancel(self, item: BookingListRow, reason: str,
                waive_penalty: bool = False) -> Booking | None:
        if not reason.strip():
            self.session.notify(tr("취소에는 사유가 필요합니다."), True)
            return None
        result = self.session.attempt(
            lambda: self.session.desk.bookings.cancel(item.code, self.session.actor,
                                                      reason=reason,
                                                      waive_penalty=waive_penalty),
            tr("{c} 예약을 취소했습니다.").format(c=item.code))
        self._after(result)
        return result if isinstance(result, Booking) else None

    def check_in(self) -> Booking | None:
        item = self.selected()
        if item is None:
            return None
        result = self.session.attempt(
            lambda: self.session.desk.bookings.check_in(item.code, self.session.actor),
            tr("{c} 체크인했습니다.").format(c=item.code))
        self._after(result)
        return result if isinstance(result, Booking) else None

    def no_show(self) -> Booking | None:
        item = self.selected()
        if item is None:
            return None
        result = self.session.attempt(
            lambda: self.session.desk.bookings.mark_no_show(item.code, self.session.actor),
            tr("{c} 노쇼로 기록했습니다.").format(c=item.code))
        self._after(result)
        return result if isinstance(result, Booking) else None

    def create_booking(self) -> None:
        dialog = CreateBookingDialog(self.session, self.session.desk.resources.resources(),
                                     self)
        if dialog.exec() and dialog.made is not None:
            self.session.notify(tr("예약했습니다. 예약 코드 {c}").format(c=dialog.made.code),
                                False)
            # Show the new booking where it is: its day, found by its code.
            day = to_local(dialog.made.start).date()
            self.code.setText(dialog.made.code)
            self.show_days(day, day)
            self._mark_preset()
