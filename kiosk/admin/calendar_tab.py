"""A day or week calendar of one resource: bookings as blocks, blackouts shaded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.text import name_of, status_label, tr
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import local_midnight, to_local, utc_now
from kiosk.services.parties import PartyLabels

COLOURS = {
    BookingStatus.PENDING: "#f9a825",
    BookingStatus.CONFIRMED: "#1e88e5",
    BookingStatus.CHECKED_IN: "#43a047",
    BookingStatus.COMPLETED: "#90a4ae",
    BookingStatus.NO_SHOW: "#e53935",
}
HOUR_PX = 44
GUTTER = 56
HEADER = 6
WEEKDAYS_KO = ("월", "화", "수", "목", "금", "토", "일")


class CalendarCanvas(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.first = to_local(utc_now()).date()
        self.days = 7
        self.bookings: list[Booking] = []
        self.blackouts: list[Blackout] = []
        self.labels = PartyLabels()
        self.capacity = 1
        self.today: date | None = None
        self.setMinimumHeight(HEADER + 24 * HOUR_PX + 4)

    def show_range(self, first: date, days: int, bookings: list[Booking],
                   blackouts: list[Blackout], labels: PartyLabels, capacity: int) -> None:
        self.first, self.days = first, days
        self.bookings = [b for b in bookings
                         if b.status not in (BookingStatus.CANCELLED, BookingStatus.REJECTED)]
        self.blackouts, self.labels, self.capacity = blackouts, labels, max(capacity, 1)
        self.update()

    def _y(self, moment: datetime, day: date) -> float:
        minutes = (moment - local_midnight(day)).total_seconds() / 60
        return HEADER + max(0.0, min(minutes, 24 * 60)) * HOUR_PX / 60

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        width = (self.width() - GUTTER) / self.days
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 8))
        painter.setPen(QPen(QColor("#e0e0e0")))
        for hour in range(25):
            y = HEADER + hour * HOUR_PX
            painter.drawLine(GUTTER, y, self.width(), y)
            if hour < 24:
                painter.setPen(QColor("#666"))
                painter.drawText(QRectF(0, y, GUTTER - 6, 18),
                                 Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00")
                painter.setPen(QPen(QColor("#e0e0e0")))
        for i in range(self.days):
            day = self.first + timedelta(days=i)
            x = GUTTER + i * width
            painter.setPen(QPen(QColor("#bdbdbd")))
            painter.drawLine(int(x), 0, int(x), self.height())
            start, end = local_midnight(day), local_midnight(day + timedelta(days=1))
            if day == self.today:
                painter.fillRect(QRectF(x + 1, HEADER, width - 1, 24 * HOUR_PX),
                                 QColor(255, 249, 196, 120))
            for blackout in self.blackouts:
                if blackout.start < end and blackout.end > start:
                    top = self._y(max(blackout.start, start), day)
                    bottom = self._y(min(blackout.end, end), day)
                    painter.fillRect(QRectF(x + 1, top, width - 2, bottom - top),
                                     QColor(120, 120, 120, 70))
                    painter.setPen(QColor("#424242"))
                    painter.drawText(QRectF(x + 4, top + 2, width - 8, 20),
                                     Qt.AlignmentFlag.AlignLeft,
                                     tr("이용 중단: {r}").format(r=blackout.reason))
            todays = sorted((b for b in self.bookings if b.start < end and b.end > start),
                            key=lambda b: (b.start, b.code))
            lanes: list[datetime] = []
            placed: list[tuple[Booking, int]] = []
            for booking in todays:
                for lane, free_at in enumerate(lanes):
                    if free_at <= booking.start:
                        lanes[lane] = booking.end
                        placed.append((booking, lane))
                        break
                else:
                    lanes.append(booking.end)
                    placed.append((booking, len(lanes) - 1))
            count = max(len(lanes), 1)
            lane_width = (width - 6) / count
            painter.setFont(small)
            for booking, lane in placed:
                top = self._y(max(booking.start, start), day)
                bottom = self._y(min(booking.end, end), day)
                box = QRectF(x + 3 + lane * lane_width, top + 1, lane_width - 2,
                             max(bottom - top - 2, 14))
                painter.fillRect(box, QColor(COLOURS.get(booking.status, "#1e88e5")))
                painter.setPen(QColor("white"))
                text = (f"{to_local(booking.start):%H:%M} "
                        f"{self.labels.of(booking)}\n"
                        f"{booking.code} · {status_label(booking.status)}")
                painter.drawText(box.adjusted(4, 2, -2, -2),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                                 text)
            painter.setFont(self.font())
        painter.end()


class DayHeader(QWidget):
    """The day names above the hours: stays in view while the hours scroll."""

    def __init__(self, canvas: CalendarCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.setFixedHeight(28)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f5f5f5"))
        canvas = self.canvas
        width = (canvas.width() - GUTTER) / canvas.days
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        for i in range(canvas.days):
            day = canvas.first + timedelta(days=i)
            x = GUTTER + i * width
            painter.setPen(QColor("#c62828") if day.weekday() == 6 else QColor("#222"))
            painter.drawText(QRectF(x, 0, width, self.height()), Qt.AlignmentFlag.AlignCenter,
                             f"{day:%m-%d} ({tr(WEEKDAYS_KO[day.weekday()])})")
        painter.end()


class CalendarTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        desk = session.desk
        self.resources = [r for r in desk.resources.resources() if r.bookable]
        self.resource = QComboBox()
        for r in self.resources:
            self.resource.addItem(f"{name_of(r)} ({tr('수량')} {r.capacity})", r.id)
        self.day_mode = QRadioButton(tr("하루 보기"))
        self.week_mode = QRadioButton(tr("한 주 보기"))
        self.week_mode.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.day_mode)
        group.addButton(self.week_mode)
        self.previous = QPushButton(tr("◀ 이전"))
        self.today_button = QPushButton(tr("오늘"))
        self.next = QPushButton(tr("다음 ▶"))
        self.title = QLabel("")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("자원")))
        bar.addWidget(self.resource, 1)
        bar.addWidget(self.day_mode)
        bar.addWidget(self.week_mode)
        bar.addSpacing(20)
        bar.addWidget(self.previous)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next)
        bar.addSpacing(20)
        bar.addWidget(self.title, 1)
        legend = QHBoxLayout()
        for status, colour in COLOURS.items():
            swatch = QLabel(f"  {status_label(status)}  ")
            swatch.setStyleSheet(f"background: {colour}; color: white; border-radius: 3px;")
            legend.addWidget(swatch)
        grey = QLabel(tr("  이용 중단  "))
        grey.setStyleSheet("background: #9e9e9e; color: white; border-radius: 3px;")
        legend.addWidget(grey)
        legend.addStretch(1)
        self.canvas = CalendarCanvas()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.canvas)
        self.header = DayHeader(self.canvas)
        header_row = QHBoxLayout()
        header_row.setContentsMargins(scroll.frameWidth(), 0,
                                      scroll.verticalScrollBar().sizeHint().width()
                                      + scroll.frameWidth(), 0)
        header_row.addWidget(self.header)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(legend)
        layout.addLayout(header_row)
        layout.setSpacing(4)
        layout.addWidget(scroll, 1)
        self.anchor = to_local(desk.bookings.clock()).date()
        self.resource.currentIndexChanged.connect(self.reload)
        self.day_mode.toggled.connect(self.reload)
        self.previous.clicked.connect(lambda: self.move(-1))
        self.next.clicked.connect(lambda: self.move(1))
        self.today_button.clicked.connect(self.go_today)
        self.reload()
        scroll.verticalScrollBar().setValue(HOUR_PX * 7)
        self.scroll = scroll

    def showEvent(self, event: object) -> None:
        """Open at 07:00, where the village's day starts."""
        super().showEvent(event)  # type: ignore[arg-type]
        self.scroll.verticalScrollBar().setValue(HOUR_PX * 7)

    def first_day(self) -> date:
        if self.day_mode.isChecked():
            return self.anchor
        return self.anchor - timedelta(days=self.anchor.weekday())

    def move(self, step: int) -> None:
        self.anchor += timedelta(days=step * (1 if self.day_mode.isChecked() else 7))
        self.reload()

    def go_today(self) -> None:
        self.anchor = to_local(self.session.desk.bookings.clock()).date()
        self.reload()

    def reload(self) -> None:
        index = self.resource.currentIndex()
        if not 0 <= index < len(self.resources):
            return
        resource = self.resources[index]
        days = 1 if self.day_mode.isChecked() else 7
        first = self.first_day()
        bookings, blackouts = self.session.desk.search.calendar(resource.id, first, days)
        labels = self.session.desk.search.party_labels()
        self.canvas.today = to_local(self.session.desk.bookings.clock()).date()
        self.canvas.show_range(first, days, bookings, blackouts, labels, resource.capacity)
        self.header.update()
        last = first + timedelta(days=days - 1)
        self.title.setText(f"{first:%Y-%m-%d}" if days == 1 else
                           f"{first:%Y-%m-%d} ~ {last:%m-%d}")
