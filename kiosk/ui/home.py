"""The first kiosk window: the village's resources by category with today's availability."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.domain.clock import to_local
from kiosk.domain.resources import ResourceKind
from kiosk.services.booking import BookingService, ResourceOverview
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.text import clock_text, kind_label, tr

KIND_ORDER = (ResourceKind.PARKING, ResourceKind.BIKE, ResourceKind.SPACE, ResourceKind.ITEM,
              ResourceKind.OTHER)


class ResourceCard(QFrame):
    """One resource: name, where, free now, and the next bookable time today."""

    def __init__(self, overview: ResourceOverview, next_free: datetime | None,
                 language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resourceCard")
        self.resource_id = overview.resource.id
        resource = overview.resource
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        name = QLabel(resource.name(language))
        name.setObjectName("cardTitle")
        name.setWordWrap(True)
        name.setTextFormat(Qt.TextFormat.PlainText)
        where = QLabel(resource.location.where_en if language == "en" and
                       resource.location.where_en else resource.location.where_ko)
        where.setObjectName("cardWhere")
        where.setWordWrap(True)
        where.setTextFormat(Qt.TextFormat.PlainText)
        self.free_label = QLabel(self._free_text(overview))
        usable = resource.bookable and resource.in_service and overview.open_now
        # Green only for "free now"; closed or out-of-service reads in plain dark text.
        self.free_label.setObjectName("cardFree" if usable else "cardUnavailable")
        self.next_label = QLabel(self._next_text(overview, next_free))
        self.next_label.setObjectName("cardNext")
        self.next_label.setWordWrap(True)
        for widget in (name, where, self.free_label, self.next_label):
            layout.addWidget(widget)
        layout.addStretch(1)

    @staticmethod
    def _free_text(overview: ResourceOverview) -> str:
        resource = overview.resource
        if not resource.in_service:
            return tr("사용 중지: {reason}").format(reason=resource.out_of_service_reason)
        if not resource.bookable:
            return tr("안내 전용 · 예약 없이 이용")
        if not overview.open_now:
            return tr("지금은 운영 시간이 아닙니다")
        return tr("지금 {free} / {total} 이용 가능").format(
            free=overview.units_free, total=resource.capacity)

    @staticmethod
    def _next_text(overview: ResourceOverview, next_free: datetime | None) -> str:
        resource = overview.resource
        if not resource.bookable or not resource.in_service:
            return ""
        if next_free is None:
            return tr("오늘은 예약이 모두 찼거나 마감되었습니다")
        return tr("오늘 {time}부터 예약 가능").format(time=clock_text(next_free))


class HomeWindow(QMainWindow):
    """Village name, clock, status line, and resource cards grouped by category."""

    def __init__(self, settings: Settings, bookings: BookingService,
                 languages: LanguageSwitcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.bookings = bookings
        self.languages = languages
        self.setObjectName("homeWindow")
        self.setWindowTitle(settings.village_name)
        central = QWidget()
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(16)

        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("villageName")
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.clicked.connect(self.toggle_language)
        header.addWidget(self.title, 1)
        header.addWidget(self.clock)
        header.addWidget(self.language_button)
        outer.addLayout(header)

        self.status = QLabel()
        self.status.setObjectName("statusLine")
        outer.addWidget(self.status)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll, 1)

        self.cards: dict[str, ResourceCard] = {}
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(1000)
        self.refresh()

    def toggle_language(self) -> None:
        """Switch instantly and keep the screen; the new texts come from the translator."""
        self.languages.set_language("en" if self.languages.language == "ko" else "ko")
        self.refresh()

    def _tick(self) -> None:
        self.clock.setText(clock_text(self.bookings.clock()))

    def refresh(self) -> None:
        """Re-read resources and today's availability and rebuild the cards."""
        language = self.languages.language
        now = self.bookings.clock()
        self.title.setText(self.settings.village_name_en if language == "en"
                           else self.settings.village_name)
        self._tick()
        self.language_button.setText("English" if language == "ko" else "한국어")
        self.status.setText(tr("오프라인에서도 작동합니다 · 마을 자료 기준 {time}").format(
            time=clock_text(now)))
        body = QWidget()
        grid = QVBoxLayout(body)
        grid.setSpacing(12)
        self.cards = {}
        overviews = self.bookings.overview()
        today = to_local(now).date()
        for kind in KIND_ORDER:
            items = [o for o in overviews if o.resource.kind is kind]
            if not items:
                continue
            heading = QLabel(kind_label(kind))
            heading.setObjectName("categoryHeading")
            grid.addWidget(heading)
            row = QGridLayout()
            row.setHorizontalSpacing(16)
            row.setVerticalSpacing(16)
            for index, overview in enumerate(items):
                next_free = None
                if overview.resource.bookable and overview.resource.in_service:
                    slots = self.bookings.availability(overview.resource.id, today)
                    next_free = next((s.start for s in slots if s.bookable), None)
                card = ResourceCard(overview, next_free, language)
                self.cards[overview.resource.id] = card
                row.addWidget(card, index // 3, index % 3)
            for column in range(3):
                row.setColumnStretch(column, 1)
            grid.addLayout(row)
        grid.addStretch(1)
        self.scroll.setWidget(body)
