"""소식: the association's notices, on a screen of their own and turning over on the
attract view. Nothing flashes: a notice changes only after it was up long enough to read.
Below the notices, the coming events with their seats and a 신청 button each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.domain.events import EventSeats
from kiosk.domain.notices import NewsItem, Notice
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.qr import qr_pixmap
from kiosk.ui.screens.event import deadline_text, event_when_text, fee_text, seats_text
from kiosk.ui.text import tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import CardButton, button, clear_layout, label

PICTURE_PX = 220
QR_PX = 180


def period_text(notice: Notice) -> str:
    first = f"{notice.first_day.month}/{notice.first_day.day}"
    if notice.last_day is None:
        return tr("{d}부터").format(d=first)
    last = f"{notice.last_day.month}/{notice.last_day.day}"
    return tr("{a}~{b}").format(a=first, b=last)


def picture(notice: Notice, height: int) -> QPixmap | None:
    if notice.image is None:
        return None
    image = QImage.fromData(notice.image)
    if image.isNull():
        return None
    return QPixmap.fromImage(image).scaledToHeight(
        height, Qt.TransformationMode.SmoothTransformation)


class NoticeCard(CardButton):
    """One notice; a tap in voice mode reads it aloud (its accessible name is the text)."""

    def __init__(self, metrics: TouchMetrics, notice: Notice, language: str) -> None:
        super().__init__(metrics, "resourceCard")
        self.notice = notice
        row = QHBoxLayout()
        row.setSpacing(24)
        lines = QVBoxLayout()
        lines.setSpacing(8)
        marker = tr("중요") + " · " if notice.pinned else ""
        self.title = label(marker + notice.title(language), "cardTitle")
        self.body = label(notice.body(language), "cardWhere")
        self.when = label(period_text(notice), "cardFree")
        for widget in (self.title, self.body, self.when):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lines.addWidget(widget)
        row.addLayout(lines, 1)
        pixmap = picture(notice, PICTURE_PX)
        if pixmap is not None:
            shown = QLabel()
            shown.setPixmap(pixmap)
            shown.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row.addWidget(shown, 0, Qt.AlignmentFlag.AlignTop)
        self.box.addLayout(row)
        self.setAccessibleName(f"{notice.title(language)}. {notice.body(language)}")


class NewsCard(CardButton):
    """A hub newsletter item: title, summary, source and date, and a QR code a phone
    camera opens the full article with (none when the feed gave no usable link)."""

    def __init__(self, metrics: TouchMetrics, item: NewsItem, language: str) -> None:
        super().__init__(metrics, "resourceCard")
        self.item = item
        row = QHBoxLayout()
        row.setSpacing(24)
        lines = QVBoxLayout()
        lines.setSpacing(8)
        self.title = label(item.title(language), "cardTitle")
        self.summary = label(item.summary(language), "cardWhere")
        source = item.provider or tr("공유허브")
        self.source = label(tr("{source} · {day}").format(
            source=source, day=f"{item.published.month}/{item.published.day}"), "cardFree")
        for widget in (self.title, self.summary, self.source):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lines.addWidget(widget)
        row.addLayout(lines, 1)
        self.qr: QLabel | None = None
        if item.link:
            column = QVBoxLayout()
            self.qr = QLabel()
            self.qr.setObjectName("qrCode")
            self.qr.setPixmap(qr_pixmap(item.link, QR_PX))
            hint = label(tr("휴대폰으로 전체 기사"), "cardWhere")
            for widget in (self.qr, hint):
                widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
            row.addLayout(column)
        self.box.addLayout(row)
        self.setAccessibleName(f"{item.title(language)}. {item.summary(language)}")


class EventCard(QFrame):
    """One coming event: what, when, where, fee and seats left, and what the resident can
    do: 신청, 신청 취소 (a household already known to hold a seat), or 마감."""

    def __init__(self, ctx: UiContext, seats: EventSeats, signed: bool) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.seats = seats
        event = seats.event
        language, today, now = ctx.language(), ctx.today(), ctx.now()
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 20, 28, 20)
        row.setSpacing(ctx.metrics.spacing(24))
        lines = QVBoxLayout()
        lines.setSpacing(ctx.metrics.spacing(8))
        self.title = label(event.title(language), "cardTitle")
        where = f" · {event.place}" if event.place else ""
        self.when = label(event_when_text(event, today) + where, "cardWhere")
        facts = [fee_text(event), seats_text(seats)]
        if event.signup_until is not None and event.open_for_signup(now):
            facts.append(deadline_text(event, today))
        self.facts = label(" · ".join(facts), "cardFree")
        for widget in (self.title, self.when, self.facts):
            lines.addWidget(widget)
        row.addLayout(lines, 1)
        event_id = event.id
        self.action: QPushButton
        if signed:
            self.action = button(ctx.metrics, tr("신청 취소"), "secondaryButton",
                                 lambda: ctx.nav.go("event", event_id=event_id), 240, 96)
            self.action.setEnabled(event.open_for_signup(now))
            if not event.open_for_signup(now):
                self.action.setText(tr("신청함"))
        elif seats.can_sign_up(now):
            self.action = button(ctx.metrics, tr("신청"), "primaryButton",
                                 lambda: self._sign_up(ctx), 240, 96)
        else:  # full (마감 / Full), or the deadline has passed (신청 마감 / Sign-up closed)
            self.action = button(ctx.metrics, tr("마감") if seats.full else tr("신청 마감"),
                                 "secondaryButton", None, 240, 96)
            self.action.setEnabled(False)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(". ".join((self.title.text(), self.when.text(),
                                          self.facts.text())))

    def _sign_up(self, ctx: UiContext) -> None:
        ctx.session.event_id = self.seats.event.id
        if ctx.session.household is None:
            ctx.nav.go("identify", purpose="event")
        else:
            ctx.nav.go("event", event_id=self.seats.event.id)


class NewsScreen(Screen):
    """Every current notice, pinned first, newest next; then the coming events; one
    scroll."""

    name = "news"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(ctx.metrics.spacing(16))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        self.cards = QVBoxLayout()
        self.cards.setSpacing(ctx.metrics.spacing(16))
        outer.addLayout(self.cards)
        self.events_heading = label(name="sectionHeading")
        outer.addWidget(self.events_heading)
        self.event_cards = QVBoxLayout()
        self.event_cards.setSpacing(ctx.metrics.spacing(16))
        outer.addLayout(self.event_cards)
        outer.addStretch(1)
        self.notices: list[Notice] = []
        self.news: list[NewsItem] = []
        self.events: list[EventSeats] = []
        self.signed: set[int] = set()

    def enter(self, **params: Any) -> None:
        self.retranslate()
        source = self.ctx.notices
        self.ctx.background.run(lambda: (source.current(), source.news()), self._got,
                                lambda _exc: None)
        household = self.ctx.session.household
        household_id = household.id if household is not None else None

        def events() -> tuple[list[EventSeats], set[int]]:
            signed = set() if household_id is None else self.ctx.events.signed_up(household_id)
            return self.ctx.events.upcoming(), signed

        self.ctx.background.run(events, self._got_events, lambda _exc: None)

    def _got(self, found: tuple[list[Notice], list[NewsItem]]) -> None:
        self.notices, self.news = found
        self.retranslate()
        self.ctx.nav.refit()

    def _got_events(self, found: tuple[list[EventSeats], set[int]]) -> None:
        self.events, self.signed = found
        self.retranslate()
        self.ctx.nav.refit()

    def clear(self) -> None:
        self.signed = set()

    def event_card(self, event_id: int | None) -> EventCard:
        """The card of one event (for tests and voice)."""
        return next(c for c in self.findChildren(EventCard) if c.seats.event.id == event_id)

    def retranslate(self) -> None:
        self.title.setText(tr("마을 소식"))
        clear_layout(self.cards)
        language = self.ctx.language()
        for notice in self.notices:
            self.cards.addWidget(NoticeCard(self.ctx.metrics, notice, language))
        if not self.notices and not self.news:
            self.cards.addWidget(label(tr("지금은 새 소식이 없습니다"), "cardWhere"))
        if self.news:
            self.cards.addWidget(label(tr("나눔 소식"), "sectionHeading"))
            for item in self.news:
                self.cards.addWidget(NewsCard(self.ctx.metrics, item, language))
        clear_layout(self.event_cards)
        self.events_heading.setText(tr("다가오는 행사"))
        self.events_heading.setVisible(bool(self.events))
        for seats in self.events:
            self.event_cards.addWidget(EventCard(self.ctx, seats,
                                                 seats.event.id in self.signed))


class NoticeBoard(QFrame):
    """The attract view's board: one notice at a time, each for its reading time."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.ctx = ctx
        self.notices: Sequence[Notice] = ()
        self.index = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.turn)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(24)
        lines = QVBoxLayout()
        self.heading = label(name="cardFree")
        self.title = label(name="cardTitle")
        self.body = label(name="cardWhere")
        for widget in (self.heading, self.title, self.body):
            lines.addWidget(widget)
        lines.addStretch(1)
        layout.addLayout(lines, 1)
        self.picture = QLabel()
        self.picture.setFixedHeight(PICTURE_PX)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_notices(self, notices: Sequence[Notice]) -> None:
        """New board contents; the notice on screen stays if it is still there."""
        shown = self.current()
        self.notices = tuple(notices)
        ids = [n.id for n in self.notices]
        self.index = ids.index(shown.id) if shown is not None and shown.id in ids else 0
        self.setVisible(bool(self.notices))
        self._show()

    def current(self) -> Notice | None:
        return self.notices[self.index] if self.notices else None

    def turn(self) -> None:
        if self.notices:
            self.index = (self.index + 1) % len(self.notices)
        self._show()

    def stop(self) -> None:
        self.timer.stop()

    def _show(self) -> None:
        self.timer.stop()
        notice = self.current()
        if notice is None:
            return
        language = self.ctx.language()
        count = len(self.notices)
        self.heading.setText(tr("마을 소식 {i}/{n}").format(i=self.index + 1, n=count)
                             if count > 1 else tr("마을 소식"))
        marker = tr("중요") + " · " if notice.pinned else ""
        self.title.setText(marker + notice.title(language))
        self.body.setText(notice.body(language))
        pixmap = picture(notice, PICTURE_PX)
        self.picture.setVisible(pixmap is not None)
        if pixmap is not None:
            self.picture.setPixmap(pixmap)
        if count > 1:
            self.timer.start(round(notice.shown_for_s(language) * 1000))
