"""Resources: create and edit them with every rule, see the rules in plain words,
take them out of service, and close them for a period (blackouts).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dialogs import UpcomingDialog, _Form
from kiosk.admin.text import (
    kind_label,
    name_of,
    particles,
    rules_preview,
    tr,
    weekday_label,
    when,
)
from kiosk.domain.blackouts import Blackout
from kiosk.domain.clock import SEOUL, to_local, utc_now
from kiosk.domain.fees import MAX_WON, FeeAmounts, FeeRule, NeighbourFees, PenaltyTier
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import (
    MINUTES_PER_DAY,
    Audience,
    BookingRules,
    NeighbourRules,
    OpeningHours,
    Quota,
    QuotaPeriod,
    TimeWindow,
)
from kiosk.services.resource_admin import UpcomingChoice


def _spin(low: int, high: int, value: int, suffix: str = "", step: int = 1,
          none: bool = False) -> QSpinBox:
    """A number box; with ``none`` the lowest value reads "제한 없음" (no limit)."""
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSingleStep(step)
    if suffix:
        box.setSuffix(suffix)
    if none:
        box.setSpecialValueText(tr("제한 없음"))
    return box


def parse_week(texts: list[str]) -> tuple[tuple[TimeWindow, ...], ...]:
    """Seven typed days into opening windows; raises ValueError naming the weekday.

    An empty day is closed. A window whose end is before its start ("22:00-02:00")
    runs past midnight: it is split into 22:00-24:00 that day and 00:00-02:00 the next,
    the form ``OpeningHours`` books across midnight with.
    """
    days: list[list[TimeWindow]] = [[] for _ in range(7)]
    for index, text in enumerate(texts):
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            try:
                start_text, end_text = part.split("-")
                start = TimeWindow.parse(f"{start_text}-24:00").start
                end = TimeWindow.parse(f"00:00-{end_text}").end if end_text.strip() not in (
                    "0:00", "00:00") else 0
            except ValueError as exc:
                raise ValueError(tr("{d}요일: 운영 시간을 09:00-22:00처럼 적어 주세요.").format(
                    d=weekday_label(index))) from exc
            if end > start:
                days[index].append(TimeWindow(start, end))
            elif end == start:
                raise ValueError(tr("{d}요일: 시작과 끝이 같습니다.").format(
                    d=weekday_label(index)))
            else:
                days[index].append(TimeWindow(start, MINUTES_PER_DAY))
                if end:
                    days[(index + 1) % 7].append(TimeWindow(0, end))
    for index, windows in enumerate(days):
        ordered = sorted(windows, key=lambda w: w.start)
        for first, second in pairwise(ordered):
            if second.start < first.end:
                raise ValueError(tr("{d}요일: 운영 시간이 서로 겹칩니다.").format(
                    d=weekday_label(index)))
    return tuple(tuple(sorted(d, key=lambda w: w.start)) for d in days)


def week_texts(weekly: tuple[tuple[TimeWindow, ...], ...]) -> list[str]:
    """The stored windows as the seven lines of the editor."""
    return [", ".join(w.format() for w in day) for day in weekly]


class ResourceDialog(_Form):
    """Every field and rule; the preview and the error line update as you type.

    Nothing is stored until the dialog is accepted and the caller saves the whole
    resource at once, so a half-edited rule never reaches the kiosk.
    """

    def __init__(self, resource: Resource | None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(tr("자원 만들기") if resource is None else tr("자원 고치기"), parent)
        self.setMinimumWidth(820)
        self.original = resource
        self.result_resource: Resource | None = None
        r = resource or Resource("new", ResourceKind.SPACE, "", "", Location(37.6066, 127.0237))
        rules = r.rules
        minutes = tr(" 분")
        self.id = QLineEdit(r.id if resource is not None else "")
        self.id.setPlaceholderText(tr("영문 id, 예: room-2f"))
        self.id.setEnabled(resource is None)
        self.name_ko = QLineEdit(r.name_ko)
        self.name_en = QLineEdit(r.name_en)
        self.kind = QComboBox()
        for kind in ResourceKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.kind.setCurrentIndex(list(ResourceKind).index(r.kind))
        self.capacity = _spin(0, 999, r.capacity)
        self.bookable = QCheckBox(tr("예약 받기"))
        self.bookable.setChecked(r.bookable)
        self.where = QLineEdit(r.location.where_ko)
        self.where_en = QLineEdit(r.location.where_en)
        self.lat = QDoubleSpinBox()
        self.lat.setDecimals(6)
        self.lat.setRange(-90, 90)
        self.lat.setValue(r.location.lat)
        self.lon = QDoubleSpinBox()
        self.lon.setDecimals(6)
        self.lon.setRange(-180, 180)
        self.lon.setValue(r.location.lon)
        self.outer.removeItem(self.form)
        self.tabs = QTabWidget()
        self.outer.addWidget(self.tabs)
        basics = QWidget()
        basics.setLayout(self.form)
        self.tabs.addTab(basics, tr("기본 정보"))
        self.form.addRow(tr("id"), self.id)
        self.form.addRow(tr("이름"), self.name_ko)
        self.form.addRow(tr("영문 이름"), self.name_en)
        self.form.addRow(tr("종류"), self.kind)
        self.form.addRow(tr("동시에 쓸 수 있는 수량"), self.capacity)
        self.form.addRow("", self.bookable)
        self.form.addRow(tr("위치 안내"), self.where)
        self.form.addRow(tr("영문 위치 안내"), self.where_en)
        position = QHBoxLayout()
        position.addWidget(self.lat)
        position.addWidget(self.lon)
        self.form.addRow(tr("위도 / 경도"), position)

        box = QWidget()
        grid = QHBoxLayout(box)
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left)
        grid.addLayout(right)
        self.tabs.addTab(box, tr("예약 규칙"))
        self.slot = QComboBox()
        for value in (5, 10, 15, 20, 30, 60):
            self.slot.addItem(f"{value}{minutes}", value)
        found = self.slot.findData(rules.slot_minutes)
        if found < 0:
            self.slot.addItem(f"{rules.slot_minutes}{minutes}", rules.slot_minutes)
            found = self.slot.count() - 1
        self.slot.setCurrentIndex(found)
        self.min_duration = _spin(5, 24 * 60, rules.min_duration, minutes, 5)
        self.max_duration = _spin(5, 7 * 24 * 60, rules.max_duration, minutes, 5)
        self.days_ahead = _spin(0, 365, rules.max_days_ahead, tr(" 일"))
        self.notice = _spin(0, 7 * 24 * 60, rules.min_notice, minutes, 5)
        self.cutoff = _spin(0, 7 * 24 * 60, rules.cancel_cutoff, minutes, 5)
        self.buffer = _spin(0, 240, rules.buffer_minutes, minutes, 5)
        quotas = {q.period: q for q in rules.quotas}

        def quota_boxes(period: QuotaPeriod, most: int) -> tuple[QSpinBox, QSpinBox]:
            quota = quotas.get(period)
            count = _spin(0, most, (quota.max_bookings or 0) if quota else 0, tr(" 회"),
                          none=True)
            total = _spin(0, 31 * 24 * 60, (quota.max_minutes or 0) if quota else 0,
                          minutes, 30, none=True)
            return count, total

        self.per_day, self.minutes_day = quota_boxes(QuotaPeriod.DAY, 99)
        self.per_week, self.minutes_week = quota_boxes(QuotaPeriod.WEEK, 99)
        self.per_month, self.minutes_month = quota_boxes(QuotaPeriod.MONTH, 999)
        self.upcoming = _spin(0, 99, rules.max_upcoming_per_household or 0, tr(" 건"), none=True)
        self.open_to = QComboBox()
        self.open_to.addItem(tr("단지 주민만"), Audience.RESIDENTS.value)
        self.open_to.addItem(tr("주민과 이웃 회원"), Audience.NEIGHBOURS.value)
        self.open_to.setCurrentIndex(self.open_to.findData(rules.open_to.value))
        extra = rules.neighbours
        # -1 reads "주민과 같음": the neighbours' value follows the residents'.
        self.nb_days_ahead = _spin(-1, 365, -1 if extra.max_days_ahead is None
                                   else extra.max_days_ahead, tr(" 일"))
        self.nb_days_ahead.setSpecialValueText(tr("주민과 같음"))
        nb_quotas = {q.period: q for q in extra.quotas or ()}
        self.nb_counts = {
            period: _spin(0, 999, (nb_quotas[period].max_bookings or 0)
                          if period in nb_quotas else 0, tr(" 회"))
            for period in (QuotaPeriod.DAY, QuotaPeriod.WEEK, QuotaPeriod.MONTH)}
        for box in self.nb_counts.values():
            box.setSpecialValueText(tr("주민과 같음") if extra.quotas is None else tr("제한 없음"))
        self.units = _spin(1, 99, rules.max_units_per_booking)
        self.approval = QCheckBox(tr("승인 필요"))
        self.approval.setChecked(rules.approval_required)
        self.checkin = QCheckBox(tr("체크인 필요"))
        self.checkin.setChecked(rules.checkin_required)
        self.checkin_opens = _spin(0, 240, rules.checkin_opens_before, minutes, 5)
        self.release = _spin(1, 240, rules.auto_release_after, minutes, 5)
        self.plate = QCheckBox(tr("차량번호 필요"))
        self.plate.setChecked(rules.plate_required)
        left.addRow(tr("예약 단위"), self.slot)
        left.addRow(tr("최소 이용"), self.min_duration)
        left.addRow(tr("최대 이용"), self.max_duration)
        left.addRow(tr("며칠 앞까지"), self.days_ahead)
        left.addRow(tr("최소 사전 예약"), self.notice)
        left.addRow(tr("취소 마감 (시작 전)"), self.cutoff)
        left.addRow(tr("예약 사이 정리 시간"), self.buffer)
        left.addRow(tr("한 번에 수량"), self.units)
        left.addRow("", self.approval)
        left.addRow("", self.plate)
        heads = QHBoxLayout()
        heads.addWidget(QLabel(tr("예약 횟수")))
        heads.addWidget(QLabel(tr("이용 시간 합계")))
        right.addRow(tr("세대당 한도"), heads)
        for label, count, total in ((tr("하루에"), self.per_day, self.minutes_day),
                                    (tr("한 주에"), self.per_week, self.minutes_week),
                                    (tr("한 달에"), self.per_month, self.minutes_month)):
            pair = QHBoxLayout()
            pair.addWidget(count)
            pair.addWidget(total)
            right.addRow(label, pair)
        right.addRow(tr("세대당 예정 예약"), self.upcoming)
        right.addRow("", self.checkin)
        right.addRow(tr("체크인 시작 (이용 전)"), self.checkin_opens)
        right.addRow(tr("체크인 없으면 자동 취소"), self.release)
        right.addRow(tr("이용 대상"), self.open_to)
        right.addRow(tr("이웃: 며칠 앞까지"), self.nb_days_ahead)
        counts = QHBoxLayout()
        for period in (QuotaPeriod.DAY, QuotaPeriod.WEEK, QuotaPeriod.MONTH):
            counts.addWidget(self.nb_counts[period])
        right.addRow(tr("이웃 1명당 (일·주·월)"), counts)
        self.open_to.currentIndexChanged.connect(self._neighbour_fields)
        self._neighbour_fields()

        hours_page = QWidget()
        hours_layout = QHBoxLayout(hours_page)
        week_box = QGroupBox(tr("운영 시간 (요일별)"))
        week_form = QFormLayout(week_box)
        self.day_hours: list[QLineEdit] = []
        for index, text in enumerate(week_texts(rules.hours.weekly)):
            edit = QLineEdit(text)
            edit.setPlaceholderText(tr("휴무"))
            self.day_hours.append(edit)
            week_form.addRow(weekday_label(index), edit)
        self.copy_monday = QPushButton(tr("월요일 시간을 모든 요일에"))
        self.copy_monday.clicked.connect(self.same_as_monday)
        week_form.addRow("", self.copy_monday)
        hint = QLabel(tr("비워 두면 그 요일은 쉽니다. 여러 구간은 쉼표로 "
                         "(09:00-12:00, 13:00-18:00), 자정을 넘기면 22:00-02:00처럼 "
                         "적습니다. 하루 종일은 00:00-24:00."))
        hint.setWordWrap(True)
        week_form.addRow(hint)
        hours_layout.addWidget(week_box, 3)
        closed_box = QGroupBox(tr("쉬는 날"))
        closed_layout = QVBoxLayout(closed_box)
        self.holidays = QCheckBox(tr("공휴일에 쉼"))
        self.holidays.setChecked(rules.hours.closed_on_public_holidays)
        closed_layout.addWidget(self.holidays)
        closed_layout.addWidget(QLabel(tr("정한 날짜에 쉼:")))
        self.closed_list = QListWidget()
        self.closed_dates: set[date] = set(rules.hours.closed_dates)
        closed_layout.addWidget(self.closed_list, 1)
        pick = QHBoxLayout()
        first = today or to_local(utc_now()).date()
        self.closed_pick = QDateEdit(QDate(first.year, first.month, first.day))
        self.closed_pick.setCalendarPopup(True)
        self.closed_pick.setDisplayFormat("yyyy-MM-dd")
        self.add_closed_button = QPushButton(tr("추가"))
        self.remove_closed_button = QPushButton(tr("빼기"))
        pick.addWidget(self.closed_pick, 1)
        pick.addWidget(self.add_closed_button)
        pick.addWidget(self.remove_closed_button)
        closed_layout.addLayout(pick)
        self.add_closed_button.clicked.connect(self.add_closed_date)
        self.remove_closed_button.clicked.connect(self.remove_closed_date)
        hours_layout.addWidget(closed_box, 2)
        self.tabs.addTab(hours_page, tr("운영 시간 · 쉬는 날"))
        self._show_closed_dates()
        self._fee_page(rules.fees)

        self.preview = QLabel("")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #e3f2fd; padding: 8px; font-size: 15px;")
        self.outer.addWidget(QLabel(tr("주민에게 보이는 규칙:")))
        self.outer.addWidget(self.preview)
        for widget in self.findChildren(QSpinBox) + self.findChildren(QDoubleSpinBox):
            widget.valueChanged.connect(self.update_preview)
        for edit in self.findChildren(QLineEdit):
            if edit.parent() is not self.closed_pick:
                edit.textChanged.connect(self.update_preview)
        for check in self.findChildren(QCheckBox):
            check.toggled.connect(self.update_preview)
        for combo in (self.slot, self.kind):
            combo.currentIndexChanged.connect(self.update_preview)
        self.checkin.toggled.connect(self._checkin_fields)
        self._checkin_fields()
        self.finish_layout()
        self.update_preview()

    def _fee_page(self, fees: FeeRule) -> None:
        """The fourth tab: prices per group, the deposit note and cancellation penalties,
        as the 관리비 bill charges them."""
        page = QWidget()
        page_layout = QVBoxLayout(page)
        columns = QHBoxLayout()
        page_layout.addLayout(columns, 1)
        price_box = QGroupBox(tr("이용료 (관리비에 청구)"))
        prices = QFormLayout(price_box)
        won_suffix = tr(" 원")
        minutes = tr(" 분")
        base = fees.residents
        self.fee_per_booking = _spin(0, MAX_WON, base.per_booking, won_suffix, 500)
        self.fee_per_hour = _spin(0, MAX_WON, base.per_hour, won_suffix, 500)
        self.fee_free = _spin(0, 24 * 60, base.free_minutes, minutes, 10)
        for box in (self.fee_per_booking, self.fee_per_hour):
            box.setGroupSeparatorShown(True)
        prices.addRow(tr("1회 이용료"), self.fee_per_booking)
        prices.addRow(tr("시간당 이용료"), self.fee_per_hour)
        prices.addRow(tr("처음 무료 시간"), self.fee_free)
        extra = fees.neighbours

        def same(value: int | None, high: int, suffix: str, step: int) -> QSpinBox:
            # -1 reads "주민과 같음": the neighbours' price follows the residents'.
            box = _spin(-1, high, -1 if value is None else value, suffix, step)
            box.setSpecialValueText(tr("주민과 같음"))
            box.setGroupSeparatorShown(True)
            return box

        self.nb_per_booking = same(extra.per_booking, MAX_WON, won_suffix, 500)
        self.nb_per_hour = same(extra.per_hour, MAX_WON, won_suffix, 500)
        self.nb_free = same(extra.free_minutes, 24 * 60, minutes, 10)
        prices.addRow(tr("이웃 회원: 1회 이용료"), self.nb_per_booking)
        prices.addRow(tr("이웃 회원: 시간당 이용료"), self.nb_per_hour)
        prices.addRow(tr("이웃 회원: 처음 무료 시간"), self.nb_free)
        self.deposit_note = QLineEdit(fees.deposit_note)
        self.deposit_note.setPlaceholderText(tr("예: 행사 때 보증금 50,000원"))
        self.deposit_note_en = QLineEdit(fees.deposit_note_en)
        deposit = QFormLayout()
        deposit.addRow(tr("보증금 안내"), self.deposit_note)
        deposit.addRow(tr("영문 보증금 안내"), self.deposit_note_en)
        page_layout.addLayout(deposit)
        columns.addWidget(price_box, 2)

        penalty_box = QGroupBox(tr("취소 수수료 (이용료의 %)"))
        penalty_form = QFormLayout(penalty_box)
        any_time = next((t.percent for t in fees.penalties
                         if t.within_minutes is None and not t.same_day), 0)
        same_day = next((t.percent for t in fees.penalties if t.same_day), 0)
        notices = sorted((t for t in fees.penalties if t.within_minutes is not None),
                         key=lambda t: -(t.within_minutes or 0))
        percent = tr(" %")
        self.penalty_any = _spin(0, 100, any_time, percent, 5)
        self.penalty_days = _spin(1, 365, max((notices[0].within_minutes or 0) // (24 * 60), 1)
                                  if notices else 7, tr(" 일"))
        self.penalty_days_percent = _spin(0, 100, notices[0].percent if notices else 0,
                                          percent, 5)
        self.penalty_hours = _spin(1, 72, max((notices[1].within_minutes or 0) // 60, 1)
                                   if len(notices) > 1 else 24, tr(" 시간"))
        self.penalty_hours_percent = _spin(0, 100, notices[1].percent if len(notices) > 1
                                           else 0, percent, 5)
        self.penalty_same_day = _spin(0, 100, same_day, percent, 5)
        self.free_cancel = _spin(0, 24 * 60, fees.free_cancel_minutes, minutes, 5)
        penalty_form.addRow(tr("언제 취소해도"), self.penalty_any)
        days = QHBoxLayout()
        days.addWidget(self.penalty_days)
        days.addWidget(self.penalty_days_percent)
        penalty_form.addRow(tr("시작 전 며칠 안에 취소"), days)
        hours = QHBoxLayout()
        hours.addWidget(self.penalty_hours)
        hours.addWidget(self.penalty_hours_percent)
        penalty_form.addRow(tr("시작 전 몇 시간 안에 취소"), hours)
        penalty_form.addRow(tr("당일 취소"), self.penalty_same_day)
        penalty_form.addRow(tr("예약 후 이 시간 안 취소는 무료"), self.free_cancel)
        hint = QLabel(tr("여러 칸에 해당하면 가장 높은 %를 받습니다. 0 %는 받지 않는다는 "
                         "뜻입니다. 관리자가 마을 사정으로 취소하면 받지 않을 수 있습니다."))
        hint.setWordWrap(True)
        penalty_form.addRow(hint)
        columns.addWidget(penalty_box, 3)
        self.tabs.addTab(page, tr("이용료"))
        self.open_to.currentIndexChanged.connect(self._neighbour_fee_fields)
        self._neighbour_fee_fields()

    def _neighbour_fee_fields(self) -> None:
        opened = self.open_to.currentData() == Audience.NEIGHBOURS.value
        for box in (self.nb_per_booking, self.nb_per_hour, self.nb_free):
            box.setEnabled(opened)

    def fee_rule(self) -> FeeRule:
        """The fee tab as a rule (one tier of each kind; 0 % tiers are left out)."""
        def given(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()

        tiers = [PenaltyTier(self.penalty_any.value())] if self.penalty_any.value() else []
        if self.penalty_days_percent.value():
            tiers.append(PenaltyTier(self.penalty_days_percent.value(),
                                     within_minutes=self.penalty_days.value() * 24 * 60))
        if self.penalty_hours_percent.value():
            tiers.append(PenaltyTier(self.penalty_hours_percent.value(),
                                     within_minutes=self.penalty_hours.value() * 60))
        if self.penalty_same_day.value():
            tiers.append(PenaltyTier(self.penalty_same_day.value(), same_day=True))
        return FeeRule(
            residents=FeeAmounts(self.fee_per_booking.value(), self.fee_per_hour.value(),
                                 self.fee_free.value()),
            neighbours=NeighbourFees(given(self.nb_per_booking), given(self.nb_per_hour),
                                     given(self.nb_free)),
            deposit_note=self.deposit_note.text().strip(),
            deposit_note_en=self.deposit_note_en.text().strip(),
            penalties=tuple(tiers), free_cancel_minutes=self.free_cancel.value())

    def _neighbour_fields(self) -> None:
        """Neighbours' own limits matter only when the resource is open to them."""
        opened = self.open_to.currentData() == Audience.NEIGHBOURS.value
        for box in (self.nb_days_ahead, *self.nb_counts.values()):
            box.setEnabled(opened)

    def neighbour_rules(self) -> NeighbourRules:
        """What differs for neighbours; the per-member counts, when any is set, replace
        the residents' quotas for them (minute limits kept from before)."""
        before = {q.period: q for q in (self.original.rules.neighbours.quotas or ())} \
            if self.original else {}
        counts = {p: box.value() for p, box in self.nb_counts.items()}
        quotas: tuple[Quota, ...] | None = None
        if any(counts.values()) or any(q.max_minutes for q in before.values()):
            quotas = tuple(
                Quota(p, max_bookings=counts[p] or None,
                      max_minutes=before[p].max_minutes if p in before else None)
                for p in (QuotaPeriod.DAY, QuotaPeriod.WEEK, QuotaPeriod.MONTH)
                if counts[p] or (p in before and before[p].max_minutes))
        days = self.nb_days_ahead.value()
        upcoming = self.original.rules.neighbours.max_upcoming if self.original else None
        return NeighbourRules(max_days_ahead=None if days < 0 else days, quotas=quotas,
                              max_upcoming=upcoming)

    def _checkin_fields(self) -> None:
        for box in (self.checkin_opens, self.release):
            box.setEnabled(self.checkin.isChecked())

    def same_as_monday(self) -> None:
        for edit in self.day_hours[1:]:
            edit.setText(self.day_hours[0].text())

    def add_closed_date(self) -> None:
        self.closed_dates.add(_picked(self.closed_pick))
        self._show_closed_dates()
        self.update_preview()

    def remove_closed_date(self) -> None:
        ordered = sorted(self.closed_dates)
        gone = {ordered[i.row()] for i in self.closed_list.selectedIndexes()
                if i.row() < len(ordered)} or {_picked(self.closed_pick)}
        self.closed_dates -= gone
        self._show_closed_dates()
        self.update_preview()

    def _show_closed_dates(self) -> None:
        self.closed_list.clear()
        for day in sorted(self.closed_dates):
            self.closed_list.addItem(f"{day:%Y-%m-%d} ({weekday_label(day.weekday())})")
        if not self.closed_dates:
            item = QListWidgetItem(tr("없음"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.closed_list.addItem(item)

    def build(self) -> Resource:
        """The resource as entered; raises ValueError with what is wrong."""
        quotas = tuple(
            Quota(period, max_bookings=count.value() or None, max_minutes=total.value() or None)
            for period, count, total in (
                (QuotaPeriod.DAY, self.per_day, self.minutes_day),
                (QuotaPeriod.WEEK, self.per_week, self.minutes_week),
                (QuotaPeriod.MONTH, self.per_month, self.minutes_month))
            if count.value() or total.value())
        weekly = parse_week([edit.text() for edit in self.day_hours])
        if self.bookable.isChecked() and not any(weekly):
            raise ValueError(tr("운영 시간이 하루도 없습니다. 적어도 한 요일은 적어 주세요."))
        base = self.original.rules if self.original else BookingRules()
        rules = replace(
            base,
            hours=OpeningHours(weekly, frozenset(self.closed_dates),
                               self.holidays.isChecked()),
            slot_minutes=int(self.slot.currentData()),
            min_duration=self.min_duration.value(), max_duration=self.max_duration.value(),
            min_notice=self.notice.value(), cancel_cutoff=self.cutoff.value(),
            max_days_ahead=self.days_ahead.value(), buffer_minutes=self.buffer.value(),
            quotas=quotas, max_upcoming_per_household=self.upcoming.value() or None,
            max_units_per_booking=self.units.value(),
            approval_required=self.approval.isChecked(),
            checkin_required=self.checkin.isChecked(),
            checkin_opens_before=self.checkin_opens.value(),
            auto_release_after=self.release.value(), plate_required=self.plate.isChecked(),
            open_to=Audience(self.open_to.currentData()), neighbours=self.neighbour_rules(),
            fees=self.fee_rule(),
        )
        if not self.id.text().strip():
            raise ValueError(tr("id를 적어 주세요."))
        if not self.name_ko.text().strip():
            raise ValueError(tr("이름을 적어 주세요."))
        if self.units.value() > self.capacity.value() and self.bookable.isChecked():
            raise ValueError(tr("한 번에 예약할 수량이 전체 수량보다 많습니다."))
        old = self.original
        return Resource(
            id=self.id.text().strip(), kind=ResourceKind(self.kind.currentData()),
            name_ko=self.name_ko.text().strip(), name_en=self.name_en.text().strip(),
            location=Location(self.lat.value(), self.lon.value(),
                              old.location.address if old else "", self.where.text().strip(),
                              self.where_en.text().strip()),
            capacity=self.capacity.value(), bookable=self.bookable.isChecked(),
            description_ko=old.description_ko if old else "",
            description_en=old.description_en if old else "",
            rules=rules,
        )

    def update_preview(self) -> None:
        ok = self.ok_button
        try:
            resource = self.build()
        except ValueError as exc:
            self.error.setText(_explain(str(exc)))
            self.preview.setText("")
            ok.setEnabled(False)
            return
        self.error.setText("")
        self.preview.setText(rules_preview(resource.rules))
        ok.setEnabled(True)

    def submit(self) -> None:
        try:
            self.result_resource = self.build()
        except ValueError as exc:
            self.error.setText(_explain(str(exc)))
            return
        self.accept()


def _explain(message: str) -> str:
    """The domain's validation messages in the desk's language."""
    known = {
        "slot length must divide a day and be at least 5 minutes":
            tr("예약 단위는 5분 이상이고 하루를 나누어떨어지게 해야 합니다."),
        "minimum duration must be a whole number of slots":
            tr("최소 이용 시간은 예약 단위의 배수여야 합니다."),
        "maximum duration must be a whole number of slots ≥ the minimum":
            tr("최대 이용 시간은 예약 단위의 배수이고 최소 이상이어야 합니다."),
        "a bookable resource needs a capacity of at least 1":
            tr("예약을 받으려면 수량이 1 이상이어야 합니다."),
        "opening windows of one day overlap": tr("운영 시간이 서로 겹칩니다."),
    }
    if message in known:
        return known[message]
    if message.startswith("opening window must look like"):
        return tr("운영 시간을 09:00-22:00처럼 적어 주세요.")
    return message


class BlackoutDialog(_Form):
    """Close one or more resources for a period; ask about the bookings inside it."""

    def __init__(self, resources: list[Resource], today: object,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("이용 중단 기간 추가"), parent)
        self.resources = resources
        self.result_blackout: Blackout | None = None
        self.which = QListWidget()
        self.which.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in resources:
            self.which.addItem(f"{name_of(r)} ({r.id})")
        self.which.setFixedHeight(140)
        qday = QDate(today.year, today.month, today.day)  # type: ignore[attr-defined]
        self.from_day = QDateEdit(qday)
        self.to_day = QDateEdit(qday)
        for edit in (self.from_day, self.to_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.from_time = QTimeEdit(QTime(9, 0))
        self.to_time = QTimeEdit(QTime(18, 0))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("예: 바닥 공사"))
        self.cancel_overlapping = QCheckBox(tr("이 기간의 예약을 취소합니다 "
                                               "(끄면 예약은 남고 새 예약만 막힙니다)"))
        self.form.addRow(tr("자원"), self.which)
        start = QHBoxLayout()
        start.addWidget(self.from_day)
        start.addWidget(self.from_time)
        end = QHBoxLayout()
        end.addWidget(self.to_day)
        end.addWidget(self.to_time)
        self.form.addRow(tr("시작"), start)
        self.form.addRow(tr("끝"), end)
        self.form.addRow(tr("사유"), self.reason)
        self.form.addRow("", self.cancel_overlapping)
        self.finish_layout()

    def submit(self) -> None:
        chosen = [self.resources[i.row()].id for i in self.which.selectedIndexes()]
        if not chosen:
            self.error.setText(tr("자원을 하나 이상 고르세요."))
            return
        if not self.reason.text().strip():
            self.error.setText(tr("사유를 적어 주세요."))
            return
        start = datetime.combine(self.from_day.date().toPython(),
                                 _time(self.from_time), tzinfo=SEOUL)
        end = datetime.combine(self.to_day.date().toPython(), _time(self.to_time), tzinfo=SEOUL)
        if end <= start:
            self.error.setText(tr("끝이 시작보다 뒤여야 합니다."))
            return
        self.result_blackout = Blackout(frozenset(chosen), start, end,
                                        self.reason.text().strip(),
                                        self.cancel_overlapping.isChecked())
        self.accept()


def _picked(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _time(edit: QTimeEdit) -> time:
    value = edit.time().toPython()
    return time(value.hour, value.minute)


class ResourcesTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([tr("id"), tr("이름"), tr("종류"), tr("수량"),
                                              tr("상태"), tr("규칙")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)  # the rules in full, not cut off with "…"
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(tr("+ 새 자원"))
        self.edit_button = QPushButton(tr("고치기…"))
        self.out_button = QPushButton(tr("사용 중지…"))
        self.back_button = QPushButton(tr("다시 운영"))
        self.blackout_button = QPushButton(tr("이용 중단 기간 추가…"))
        for button in (self.new_button, self.edit_button, self.out_button, self.back_button,
                       self.blackout_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.blackouts = QListWidget()
        self.blackouts.setMaximumHeight(160)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("예정된 이용 중단 기간")))
        layout.addWidget(self.blackouts)
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.table.doubleClicked.connect(lambda: self.edit(self.selected()))
        self.out_button.clicked.connect(self.take_out)
        self.back_button.clicked.connect(self.put_back)
        self.blackout_button.clicked.connect(self.add_blackout)
        self.reload()

    def reload(self) -> None:
        desk = self.session.desk
        self.items = [r for r in desk.resources.resources() if r.is_local]
        self.table.setRowCount(len(self.items))
        for row, r in enumerate(self.items):
            state = tr("운영 중") if r.in_service else tr("사용 중지: {r}").format(
                r=r.out_of_service_reason)
            if not r.bookable:
                state = tr("안내만")
            values = (r.id, name_of(r), kind_label(r.kind), str(r.capacity), state,
                      rules_preview(r.rules) if r.bookable else "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.blackouts.clear()
        names = {r.id: name_of(r) for r in self.items}
        for b in desk.resources.blackouts(since=desk.bookings.clock()):
            self.blackouts.addItem(
                f"{when(b.start)} ~ {when(b.end)}  "
                f"{', '.join(names.get(i, i) for i in sorted(b.resource_ids))}  — {b.reason}")
        if not self.blackouts.count():
            self.blackouts.addItem(tr("예정된 이용 중단이 없습니다."))

    def selected(self) -> Resource | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def edit(self, resource: Resource | None) -> None:
        dialog = ResourceDialog(resource, self,
                                today=to_local(self.session.desk.bookings.clock()).date())
        if dialog.exec() and dialog.result_resource is not None:
            self.save(dialog.result_resource, new=resource is None)

    def save(self, resource: Resource, new: bool) -> bool:
        done = self.session.attempt(
            lambda: self.session.desk.resources.save(resource, self.session.actor, new),
            particles(tr("{n}을(를) 저장했습니다.").format(n=name_of(resource))))
        self.reload()
        return bool(done)

    def take_out(self) -> None:
        resource = self.selected()
        if resource is None:
            self.session.notify(tr("먼저 표에서 자원을 고르세요."), True)
            return
        upcoming = self.session.desk.resources.upcoming(resource.id)
        dialog = UpcomingDialog(tr("사용 중지: {n}").format(n=resource.name_ko),
                                tr("사용 중지하면 새 예약을 받지 않습니다. 이미 받은 예약을 "
                                   "어떻게 할지 정해 주세요."), upcoming, self)
        choice = dialog.choice() if dialog.exec() else None
        if choice is not None:
            self.take_out_with(resource, dialog.reason.text(), choice)

    def take_out_with(self, resource: Resource, reason: str, choice: UpcomingChoice) -> None:
        cancelled = self.session.attempt(
            lambda: self.session.desk.resources.take_out_of_service(
                resource.id, reason, self.session.actor, choice))
        if cancelled is not None:
            count = len(cancelled) if isinstance(cancelled, list) else 0
            self.session.notify(particles(tr("{n}을(를) 사용 중지했습니다. 취소된 예약 "
                                             "{c}건.").format(n=name_of(resource), c=count)),
                                False)
        self.reload()

    def put_back(self) -> None:
        resource = self.selected()
        if resource is None:
            return
        self.session.attempt(
            lambda: self.session.desk.resources.return_to_service(resource.id,
                                                                  self.session.actor),
            particles(tr("{n}을(를) 다시 운영합니다.").format(n=name_of(resource))))
        self.reload()

    def add_blackout(self) -> None:
        desk = self.session.desk
        today = to_local(desk.bookings.clock()).date() + timedelta(days=1)
        dialog = BlackoutDialog([r for r in self.items if r.bookable], today, self)
        if dialog.exec() and dialog.result_blackout is not None:
            blackout = dialog.result_blackout
            result = self.session.attempt(
                lambda: desk.resources.add_blackout(blackout, self.session.actor))
            if isinstance(result, tuple):
                self.session.notify(tr("이용 중단 기간을 추가했습니다. 취소된 예약 {c}건.").format(
                    c=len(result[1])), False)
            self.reload()
