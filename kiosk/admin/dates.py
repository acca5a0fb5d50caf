"""Dates at the desk: typed the way people write them, picked on a Korean calendar that
knows which day it is in Seoul (not on the PC's clock or time zone)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidgetAction

from kiosk.admin.text import LANGUAGE, tr

_NUMBERS = re.compile(r"\d+")


def parse_day(text: str, today: date) -> date | None:
    """A day from what a volunteer types: 2026-11-24, 2026.11.24, 2026/11/24, 20261124,
    2026년 11월 24일, or without the year (11-24, 11/24, 1124) for this year.
    None when it is not a day."""
    parts = _NUMBERS.findall(text)
    if len(parts) == 1 and len(parts[0]) == 8:
        parts = [parts[0][:4], parts[0][4:6], parts[0][6:]]
    elif len(parts) == 1 and len(parts[0]) in (3, 4):
        parts = [parts[0][:-2], parts[0][-2:]]
    if len(parts) == 2:
        parts = [str(today.year), *parts]
    if len(parts) != 3 or len(parts[0]) not in (2, 4):
        return None
    year, month, day = (int(p) for p in parts)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _calendar_icon() -> QIcon:
    """A small drawn calendar (no icon theme or font is needed on the desk PC)."""
    pixmap = QPixmap(20, 20)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#455a64"))
    painter.setBrush(QColor("white"))
    painter.drawRect(2, 4, 15, 13)
    painter.fillRect(2, 4, 16, 4, QColor("#1e88e5"))
    for x in (5, 9, 13):
        for y in (10, 13):
            painter.fillRect(x, y, 2, 2, QColor("#455a64"))
    painter.end()
    return QIcon(pixmap)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def desk_locale() -> QLocale:
    if LANGUAGE["current"] == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea)


class DeskCalendar(QCalendarWidget):
    """Month view in the desk's language, weeks from Sunday as Korean calendars print
    them, and "today" marked by the village's date (Seoul), whatever the PC's zone."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.setLocale(desk_locale())
        self.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(False)
        # The PC's own date may differ (a UTC clock before 09:00 Seoul): never mark it.
        pc_today = QDate.currentDate()
        if pc_today != qdate(today):
            self.setDateTextFormat(pc_today, QTextCharFormat())
        mark = QTextCharFormat()
        mark.setFontWeight(QFont.Weight.Bold)
        mark.setFontUnderline(True)
        mark.setBackground(QBrush(QColor("#fff3c4")))
        self.setDateTextFormat(qdate(today), mark)


class DateField(QLineEdit):
    """One day, typed or picked. ``dateChanged`` fires when a typed day is accepted
    (Enter or leaving the field) or one is picked; a wrong day is refused with a
    message and the last good day is kept."""

    dateChanged = Signal(QDate)
    refused = Signal(str)

    def __init__(self, day: date, today: date) -> None:
        super().__init__()
        self.today = today
        self._day = day
        self.setText(day.isoformat())
        self.setPlaceholderText(tr("예: 2026-11-24"))
        self.setToolTip(tr("2026-11-24, 20261124, 11/24처럼 적거나 달력에서 고르세요."))
        self.setMinimumWidth(130)
        self.calendar = DeskCalendar(today)
        self.calendar.clicked.connect(self._picked)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.pick_action = QAction(_calendar_icon(), tr("달력에서 고르기"), self)
        self.pick_action.setToolTip(tr("달력에서 고르기"))
        self.pick_action.triggered.connect(self.open_calendar)
        self.addAction(self.pick_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._typed)

    # The QDateEdit names, so the field drops in where a QDateEdit was.
    def date(self) -> QDate:
        return qdate(self._day)

    def day(self) -> date:
        return self._day

    def setDate(self, value: QDate | date) -> None:
        day = value.toPython() if isinstance(value, QDate) else value
        assert isinstance(day, date)
        self._show_ok()
        self.setText(day.isoformat())
        if day != self._day:
            self._day = day
            self.dateChanged.emit(qdate(day))

    def calendarWidget(self) -> DeskCalendar:
        return self.calendar

    def open_calendar(self, _checked: bool = False) -> None:
        self.calendar.setSelectedDate(qdate(self._day))
        self.popup.popup(self.mapToGlobal(QPoint(0, self.height())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter confirms the typed day; it does not also press the form's OK button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._typed()
            event.accept()
            return
        super().keyPressEvent(event)

    def _picked(self, picked: QDate) -> None:
        self.popup.hide()
        self.setDate(picked)

    def _typed(self) -> None:
        text = self.text().strip()
        day = parse_day(text, self.today)
        if day is None:
            self.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }")
            self.refused.emit(tr("날짜가 아닙니다: '{t}'. 2026-11-24처럼 적어 주세요.")
                              .format(t=text))
            return
        self.setDate(day)

    def _show_ok(self) -> None:
        self.setStyleSheet("")


def this_week(today: date) -> tuple[date, date]:
    """Monday to Sunday around ``today``."""
    first = today - timedelta(days=today.weekday())
    return first, first + timedelta(days=6)


def this_month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
