"""My bookings: the household's (or neighbour member's) upcoming bookings with check-in and
cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.errors import BookingRefused
from kiosk.domain.policy import check_cancel, checkin_window
from kiosk.domain.resources import Resource
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.text import clock_text, tr, when_text
from kiosk.ui.widgets import button, clear_layout, label, scroll_area
from kiosk.ui.wording import cancel_rule_text, refusal_text, unexpected_text


def status_text(status: BookingStatus) -> str:
    return {
        BookingStatus.PENDING: tr("승인 기다리는 중"),
        BookingStatus.CONFIRMED: tr("확정"),
        BookingStatus.CHECKED_IN: tr("체크인함"),
    }.get(status, status.value)


class MyBookingsScreen(Screen):
    name = "mine"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.items: list[tuple[Booking, Resource]] | None = None
        self.confirming: str | None = None
        self.busy = False
        self.checkin_buttons: dict[str, QPushButton] = {}
        self.cancel_buttons: dict[str, QPushButton] = {}
        self.cancel_yes: QPushButton | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(m.spacing(16))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        body = QWidget()
        self.list_box = QVBoxLayout(body)
        self.list_box.setContentsMargins(0, 0, 0, 0)
        self.list_box.setSpacing(m.spacing(18))
        outer.addWidget(scroll_area(body), 1)

    def enter(self, **params: Any) -> None:
        self.items = None
        self.confirming = None
        self.retranslate()
        self._load()

    def _load(self) -> None:
        session = self.ctx.session
        if not session.verified:
            self.ctx.nav.go("identify", purpose="mine")
            return
        household_id = session.household.id if session.household is not None else None
        neighbour_id = session.neighbour.id if session.neighbour is not None else None

        def load() -> list[tuple[Booking, Resource]]:
            if neighbour_id is not None:
                found = self.ctx.bookings.bookings_of_neighbour(neighbour_id)
            else:
                assert household_id is not None
                found = self.ctx.bookings.bookings_of(household_id)
            resources: dict[str, Resource] = {}
            for booking in found:
                if booking.resource_id not in resources:
                    resources[booking.resource_id] = self.ctx.bookings.resource(
                        booking.resource_id)
            return [(b, resources[b.resource_id]) for b in found]

        self.ctx.background.run(load, self._loaded, self._failed)

    def _loaded(self, items: list[tuple[Booking, Resource]]) -> None:
        self.items = items
        self.busy = False
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.ctx.nav.notify(refusal_text(exc, self.ctx.today())
                            if isinstance(exc, BookingRefused) else unexpected_text())
        self.retranslate()

    def clear(self) -> None:
        self.items = None
        self.confirming = None
        clear_layout(self.list_box)

    def retranslate(self) -> None:
        session = self.ctx.session
        name = session.party_name(self.ctx.language())
        if session.neighbour is not None:
            self.title.setText(tr("{member} 님의 예약").format(member=name))
        else:
            self.title.setText(tr("{household} 세대의 예약").format(household=name))
        clear_layout(self.list_box)
        self.checkin_buttons = {}
        self.cancel_buttons = {}
        self.cancel_yes = None
        if self.items is None:
            self.list_box.addWidget(label(tr("불러오는 중…"), "cardWhere"))
            return
        if not self.items:
            self.list_box.addWidget(label(tr("다가오는 예약이 없습니다."), "cardTitle"))
            self.list_box.addWidget(button(self.ctx.metrics, tr("예약하러 가기"), "primaryButton",
                                           self.ctx.nav.go_home, 360, 100))
        for booking, resource in self.items:
            self.list_box.addWidget(self._card(booking, resource))
        self.list_box.addStretch(1)
        self.ctx.nav.refit()  # cards arrive with their buttons: keys and voice reach them

    def _card(self, booking: Booking, resource: Resource) -> QWidget:
        m = self.ctx.metrics
        language = self.ctx.language()
        today = self.ctx.today()
        card = QWidget()
        card.setObjectName("panel")
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 20, 28, 20)
        box.setSpacing(m.spacing(10))
        box.addWidget(label(resource.name(language), "cardTitle"))
        box.addWidget(label(tr("{start}–{end} · {status} · 예약 번호 {code}").format(
            start=when_text(booking.start, today), end=clock_text(booking.end),
            status=status_text(booking.status), code=booking.code), "cardWhere"))
        if booking.plate:
            box.addWidget(label(tr("차량 {plate}").format(plate=booking.plate), "cardWhere"))
        actions = QHBoxLayout()
        actions.setSpacing(m.spacing(20))
        if self.confirming == booking.code:
            # A question, not a success: the card's neutral title colour.
            box.addWidget(label(tr("이 예약을 취소할까요?"), "cardQuestion"))
            yes = button(m, tr("예, 취소합니다"), "dangerButton",
                         lambda c=booking.code: self._cancel(c), 300, 96)
            no = button(m, tr("아니요"), "secondaryButton", self._keep, 220, 96)
            self.cancel_yes = yes
            actions.addWidget(yes)
            actions.addWidget(no)
        else:
            if booking.status is BookingStatus.CONFIRMED and resource.rules.checkin_required:
                # Usable only inside its window; before it, the button says from when. It
                # has a row of its own: a tap that misses it never lands on 예약 취소.
                opens, closes = checkin_window(booking, resource)
                now = self.ctx.now()
                text = tr("체크인") if opens <= now < closes else \
                    tr("{time}부터 체크인").format(time=when_text(opens, today))
                check = button(m, text, "primaryButton",
                               lambda c=booking.code: self._check_in(c), 260, 96)
                check.setEnabled(opens <= now < closes)
                self.checkin_buttons[booking.code] = check
                check_row = QHBoxLayout()
                check_row.addWidget(check)
                check_row.addStretch(1)
                box.addLayout(check_row)
            if booking.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
                closed = check_cancel(booking, resource, self.ctx.now())
                if closed:
                    box.addWidget(label(cancel_rule_text(resource.rules.cancel_cutoff) + " "
                                        + tr("바꾸시려면 관리사무소에 문의하세요."),
                                        "cardUnavailable"))
                else:
                    cancel = button(m, tr("예약 취소"), "secondaryButton",
                                    lambda c=booking.code: self._ask_cancel(c), 260, 96)
                    self.cancel_buttons[booking.code] = cancel
                    actions.addWidget(cancel)
        actions.addStretch(1)
        box.addLayout(actions)
        return card

    def _ask_cancel(self, code: str) -> None:
        self.ctx.nav.clear_notice()
        self.confirming = code
        self.retranslate()

    def _keep(self) -> None:
        self.confirming = None
        self.retranslate()

    def _party(self) -> tuple[int | None, int | None]:
        """(household id, neighbour id) of whoever identified; one of them is set."""
        session = self.ctx.session
        return (session.household.id if session.household is not None else None,
                session.neighbour.id if session.neighbour is not None else None)

    def _cancel(self, code: str) -> None:
        household_id, neighbour_id = self._party()
        if self.busy or (household_id is None and neighbour_id is None):
            return
        self.busy = True
        self.confirming = None
        self.ctx.background.run(
            lambda: self.ctx.bookings.cancel(code, self.ctx.actor, household_id,
                                             reason="cancelled at the kiosk",
                                             neighbour_id=neighbour_id),
            lambda _b: self._done(tr("예약을 취소했습니다.")), self._failed)

    def _check_in(self, code: str) -> None:
        household_id, neighbour_id = self._party()
        if self.busy or (household_id is None and neighbour_id is None):
            return
        self.busy = True
        self.ctx.background.run(
            lambda: self.ctx.bookings.check_in(code, self.ctx.actor, household_id,
                                               neighbour_id=neighbour_id),
            lambda _b: self._done(tr("체크인했습니다. 이용하시면 됩니다.")), self._failed)

    def _done(self, message: str) -> None:
        self.ctx.nav.notify(message, "info")
        self._load()
