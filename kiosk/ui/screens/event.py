"""행사 신청: one event, for the household that just typed its PIN. A seat is taken (or
given back) with one more tap, and the screen ends on a short confirmation."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.domain.clock import to_local
from kiosk.domain.events import Event, EventSeats, SignupRefused
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.text import clock_text, tr, when_text
from kiosk.ui.widgets import button, label
from kiosk.ui.wording import signup_refusal_text, unexpected_text


def event_when_text(event: Event, today: date) -> str:
    """``11월 28일 (토) 10:00–12:00``; an end on another day is written in full."""
    start = when_text(event.start, today)
    if event.end is None:
        return start
    if to_local(event.end).date() == to_local(event.start).date():
        return f"{start}–{clock_text(event.end)}"
    return f"{start} – {when_text(event.end, today)}"


def fee_text(event: Event) -> str:
    return tr("무료") if event.free else tr("참가비 {won}원").format(won=f"{event.fee_won:,}")


def seats_text(seats: EventSeats) -> str:
    if seats.full:
        return tr("자리 없음 ({n}자리 모두 참)").format(n=seats.event.seats)
    return tr("남은 자리 {left} / {seats}").format(left=seats.left, seats=seats.event.seats)


def deadline_text(event: Event, today: date) -> str:
    return tr("신청 마감 {when}").format(when=when_text(event.deadline, today))


class EventScreen(Screen):
    """States: loading → open (신청하기) or signed (신청 취소 → are you sure?) → done."""

    name = "event"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.state = "loading"
        self.seats: EventSeats | None = None
        self.busy = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(m.spacing(16))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        panel = QVBoxLayout()
        panel.setSpacing(m.spacing(10))
        self.event_title = label(name="cardTitle")
        self.when = label(name="cardWhere")
        self.place = label(name="cardWhere")
        self.facts = label(name="cardFree")
        self.message = label(name="detailText")
        for widget in (self.event_title, self.when, self.place, self.facts, self.message):
            panel.addWidget(widget)
        outer.addLayout(panel)
        actions = QHBoxLayout()
        actions.setSpacing(m.spacing(20))
        self.sign_button = button(m, "", "primaryButton", self._sign_up, 320, 100)
        self.cancel_button = button(m, "", "secondaryButton", self._ask_cancel, 320, 100)
        self.yes_button = button(m, "", "dangerButton", self._withdraw, 320, 100)
        self.no_button = button(m, "", "secondaryButton", self._keep, 220, 100)
        self.done_button = button(m, "", "primaryButton", ctx.nav.end_session, 320, 100)
        self.news_button = button(m, "", "secondaryButton", lambda: ctx.nav.go("news"),
                                  320, 100)
        for widget in (self.sign_button, self.cancel_button, self.yes_button, self.no_button,
                       self.done_button, self.news_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        outer.addLayout(actions)
        outer.addStretch(1)

    def enter(self, **params: Any) -> None:
        session = self.ctx.session
        if "event_id" in params:
            session.event_id = int(params["event_id"])
        if session.household is None:
            self.ctx.nav.go("identify", purpose="event")
            return
        if params.get("keep") and self.state in ("done_signed", "done_cancelled"):
            self.retranslate()
            return
        self.state = "loading"
        self.retranslate()
        self._load()

    def _load(self) -> None:
        household, event_id = self.ctx.session.household, self.ctx.session.event_id
        if household is None or event_id is None:
            return
        household_id = household.id

        def load() -> tuple[EventSeats, bool]:
            return (self.ctx.events.seats(event_id),
                    event_id in self.ctx.events.signed_up(household_id))

        self.ctx.background.run(load, self._loaded, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.state = "missing"
        self.seats = None
        self.retranslate()
        self.ctx.nav.notify(signup_refusal_text(exc) if isinstance(exc, SignupRefused)
                            else unexpected_text())

    def _loaded(self, found: tuple[EventSeats, bool]) -> None:
        self.seats, signed = found
        self.state = "signed" if signed else "open"
        self.retranslate()

    def clear(self) -> None:
        self.state = "loading"
        self.seats = None
        self.busy = False

    # ------------------------------------------------------------------ drawing
    def retranslate(self) -> None:
        household = self.ctx.session.household
        language = self.ctx.language()
        name = "" if household is None else (household.masked_en if language == "en"
                                              else household.masked_ko)
        titles = {
            "done_signed": tr("신청했습니다"),
            "done_cancelled": tr("신청을 취소했습니다"),
        }
        self.title.setText(titles.get(self.state, tr("{household} 세대의 행사 신청").format(
            household=name)))
        seats = self.seats
        today = self.ctx.today()
        if seats is None:
            for widget in (self.event_title, self.when, self.place, self.facts):
                widget.setText("")
            self.message.setText(tr("불러오는 중…") if self.state == "loading" else "")
        else:
            event = seats.event
            self.event_title.setText(event.title(language))
            self.when.setText(event_when_text(event, today))
            self.place.setText(event.place)
            self.place.setVisible(bool(event.place))
            self.facts.setText(" · ".join((fee_text(event), seats_text(seats),
                                           deadline_text(event, today))))
            self.message.setText(self._message(seats, name))
        state = self.state
        self.sign_button.setText(tr("신청하기"))
        self.cancel_button.setText(tr("신청 취소"))
        self.yes_button.setText(tr("예, 취소합니다"))
        self.no_button.setText(tr("아니요"))
        self.done_button.setText(tr("처음으로"))
        self.news_button.setText(tr("마을 소식으로"))
        open_now = seats is not None and seats.can_sign_up(self.ctx.now())
        self.sign_button.setVisible(state == "open")
        self.sign_button.setEnabled(open_now and not self.busy)
        self.cancel_button.setVisible(state == "signed")
        self.cancel_button.setEnabled(seats is not None and not self.busy
                                      and seats.event.open_for_signup(self.ctx.now()))
        self.yes_button.setVisible(state == "confirm_cancel")
        self.no_button.setVisible(state == "confirm_cancel")
        self.done_button.setVisible(state in ("done_signed", "done_cancelled"))
        self.news_button.setVisible(state in ("done_signed", "done_cancelled", "open",
                                              "signed", "missing"))
        self.ctx.nav.refit()

    def _message(self, seats: EventSeats, household: str) -> str:
        event, state, now = seats.event, self.state, self.ctx.now()
        today = self.ctx.today()
        if state == "done_signed":
            return tr("{household} 세대 한 자리를 잡았습니다. 시간에 맞춰 와 주세요. "
                      "취소는 {when}까지 마을 소식에서 할 수 있습니다.").format(
                household=household, when=when_text(event.deadline, today))
        if state == "done_cancelled":
            return tr("자리를 돌려 드렸습니다. 마감 전이면 다시 신청할 수 있습니다.")
        if state == "confirm_cancel":
            return tr("이 행사 신청을 취소할까요?")
        if state == "signed":
            if not event.open_for_signup(now):
                return tr("신청되어 있습니다. 신청 마감이 지나 취소는 관리사무소에서 "
                          "합니다.")
            return tr("이 세대는 이미 신청했습니다. 못 오시면 취소해 주세요.")
        if seats.full:
            return tr("자리가 모두 찼습니다. 취소가 생기면 다시 신청할 수 있습니다.")
        if not event.open_for_signup(now):
            return tr("신청 마감이 지났습니다. 바꾸시려면 관리사무소에 문의하세요.")
        return tr("한 세대에 한 자리입니다. 신청하기를 누르면 바로 자리가 잡힙니다.")

    # ------------------------------------------------------------------ actions
    def _ids(self) -> tuple[int, int] | None:
        household, event_id = self.ctx.session.household, self.ctx.session.event_id
        if self.busy or household is None or event_id is None:
            return None
        return event_id, household.id

    def _sign_up(self) -> None:
        ids = self._ids()
        if ids is None:
            return
        self.busy = True
        self.ctx.nav.clear_notice()
        self.retranslate()
        self.ctx.background.run(lambda: self.ctx.events.sign_up(*ids, self.ctx.actor),
                                lambda seats: self._done(seats, "done_signed"), self._failed)

    def _ask_cancel(self) -> None:
        self.ctx.nav.clear_notice()
        self.state = "confirm_cancel"
        self.retranslate()

    def _keep(self) -> None:
        self.state = "signed"
        self.retranslate()

    def _withdraw(self) -> None:
        ids = self._ids()
        if ids is None:
            return
        self.busy = True
        self.retranslate()
        self.ctx.background.run(lambda: self.ctx.events.withdraw(*ids, self.ctx.actor),
                                lambda seats: self._done(seats, "done_cancelled"),
                                self._failed)

    def _done(self, seats: EventSeats, state: str) -> None:
        self.busy = False
        self.seats = seats
        self.state = state
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, SignupRefused):
            self.ctx.nav.notify(signup_refusal_text(exc))
        else:
            self.ctx.nav.notify(unexpected_text())
        self._load()  # show the seats as they are now
