"""Confirm everything in one place (with the fee), then the receipt with the code and a QR
code that adds the booking to the phone's calendar."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import to_local
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.fees import fee_summary, penalty_text
from kiosk.domain.policy import BookingRequest, checkin_window, rules_for
from kiosk.domain.resources import Resource
from kiosk.domain.rules import Audience
from kiosk.services.handoff import booking_ics
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.qr import qr_pixmap
from kiosk.ui.screens.detail import range_text
from kiosk.ui.text import clock_text, day_text, tr, when_text
from kiosk.ui.widgets import button, label
from kiosk.ui.wording import refusal_text, unexpected_text

QR_PX = 360
"""The receipt's QR code (a whole calendar event, so many small squares): big enough for
a phone at arm's length, small enough that the receipt with its 다 봤습니다 button fits
the glass in landscape."""


def booking_lines(ctx: UiContext, resource: Resource, start: Any, end: Any,
                  plate: str | None) -> list[tuple[str, str]]:
    """(what, value) rows stating everything about a booking."""
    language = ctx.language()
    today = ctx.today()
    where = resource.location.where_en if language == "en" and resource.location.where_en \
        else resource.location.where_ko
    rows = [
        (tr("무엇"), resource.name(language)),
        (tr("어디"), where),
        (tr("언제"), f"{day_text(to_local(start).date(), today)} {range_text(start, end)}"),
    ]
    if ctx.session.household is not None:
        rows.append((tr("세대"), ctx.session.party_name(language)))
    elif ctx.session.neighbour is not None:
        rows.append((tr("이웃 회원"), ctx.session.party_name(language)))
    if plate:
        rows.append((tr("차량"), plate))
    return rows


def fill_rows(box: QVBoxLayout, rows: list[tuple[str, str]]) -> list[QHBoxLayout]:
    from kiosk.ui.widgets import clear_layout

    clear_layout(box)
    made = []
    for what, value in rows:
        row = QHBoxLayout()
        row.setSpacing(24)
        key = label(what, "summaryKey", wrap=False)
        key.setMinimumWidth(140)
        row.addWidget(key, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label(value, "summaryValue"), 1)
        box.addLayout(row)
        made.append(row)
    return made


class ConfirmScreen(Screen):
    name = "confirm"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.busy = False
        self.plate_button: QPushButton | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(m.spacing(20))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        panel = QWidget()
        panel.setObjectName("panel")
        self.rows = QVBoxLayout(panel)
        self.rows.setContentsMargins(32, 24, 32, 24)
        self.rows.setSpacing(m.spacing(14))
        # The booking, and beside it (under it in portrait) what it costs, said before it
        # is confirmed (nothing for free ones), over the rules: the buttons stay on the glass.
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.setSpacing(m.spacing(32))
        self.middle.addWidget(panel, 3, Qt.AlignmentFlag.AlignTop)
        terms = QVBoxLayout()
        terms.setSpacing(0)
        self.fee = label(name="sectionHeading")
        terms.addWidget(self.fee)
        self.notes = label(name="detailRules")
        terms.addWidget(self.notes)
        terms.addStretch(1)
        self.middle.addLayout(terms, 2)
        outer.addLayout(self.middle)
        outer.addStretch(1)
        self.buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons.setSpacing(m.spacing(24))
        self.change_button = button(m, "", "secondaryButton", self._change, 360, 110)
        self.confirm_button = button(m, "", "primaryButton", self._confirm, 480, 110)
        self.buttons.addWidget(self.change_button, 1)
        self.buttons.addWidget(self.confirm_button, 2)
        outer.addLayout(self.buttons)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.buttons.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)
        self.retranslate()  # the plate row's button beside or under the plate

    def enter(self, **params: Any) -> None:
        self.busy = False
        self.retranslate()

    def retranslate(self) -> None:
        s = self.ctx.session
        # The fee and rules beside the booking only where normal text leaves the room.
        self.middle.setDirection(QBoxLayout.Direction.TopToBottom
                                 if self.portrait or self.ctx.text_scale > 1
                                 else QBoxLayout.Direction.LeftToRight)
        approval = s.resource is not None and s.resource.rules.approval_required
        self.title.setText(tr("이대로 신청할까요?") if approval else tr("이대로 예약할까요?"))
        self.change_button.setText(tr("시간 바꾸기"))
        self.confirm_button.setText(tr("확인 중…") if self.busy
                                    else tr("예약 신청") if approval else tr("예약 확정"))
        self.confirm_button.setEnabled(not self.busy)
        if s.resource is None or s.start is None or s.end is None:
            fill_rows(self.rows, [])
            self.fee.setText("")
            self.fee.hide()
            self.notes.setText("")
            return
        rows = fill_rows(self.rows, booking_lines(self.ctx, s.resource, s.start, s.end, s.plate))
        self.plate_button = None
        if s.resource.rules.plate_required and s.plate and rows:
            # The car was chosen for the resident (their one registered car) or typed: it
            # is said here, and one tap changes it: beside the plate, or on a line of its
            # own under it where the width is short (portrait, large text).
            self.plate_button = button(self.ctx.metrics, tr("차량 바꾸기"), "secondaryButton",
                                       self._change_plate, 240, 88)
            if self.portrait:
                under = QHBoxLayout()
                under.addWidget(self.plate_button)
                under.addStretch(1)
                self.rows.addLayout(under)
            else:
                rows[-1].addWidget(self.plate_button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.ctx.nav.refit()
        rules = s.resource.rules
        notes = []
        fees = rules.fees
        language = self.ctx.language()
        if fees.charges:
            minutes = int((s.end - s.start).total_seconds() // 60)
            self.fee.setText(fee_summary(fees, minutes, 1, s.neighbour is not None, language))
            notes.append(penalty_text(fees, language))
        else:
            self.fee.setText("")
        self.fee.setVisible(fees.charges)
        if rules.cancel_cutoff:
            notes.append(tr("취소는 {time}까지 '내 예약'에서 할 수 있습니다.").format(
                time=when_text(s.start - timedelta(minutes=rules.cancel_cutoff),
                               self.ctx.today())))
        if rules.checkin_required:
            notes.append(tr("시작 후 {minutes}분 안에 체크인하지 않으면 예약이 풀립니다.").format(
                minutes=rules.auto_release_after))
        if rules.approval_required:
            notes.append(tr("관리사무소가 승인하면 확정됩니다."))
        self.notes.setText("\n".join(f"• {n}" for n in notes))

    def _change(self) -> None:
        s = self.ctx.session
        self.ctx.nav.go("detail", resource_id=s.resource.id if s.resource else "", keep=True)

    def _change_plate(self) -> None:
        """The plate screen; the car shown stays chosen until another one is."""
        self.ctx.nav.go("plate")

    def _confirm(self) -> None:
        s = self.ctx.session
        if self.busy or s.resource is None or s.start is None or s.end is None \
                or not s.verified:
            return
        request = BookingRequest(s.resource.id, s.start, s.end, 1, s.plate)
        self.busy = True
        self.ctx.nav.clear_notice()
        self.retranslate()
        if s.neighbour is not None:
            neighbour_id = s.neighbour.id
            self.ctx.background.run(
                lambda: self.ctx.bookings.book_neighbour(request, neighbour_id,
                                                         self.ctx.actor),
                self._booked, self._refused)
            return
        assert s.household is not None
        household_id = s.household.id
        self.ctx.background.run(
            lambda: self.ctx.bookings.book(request, household_id, self.ctx.actor),
            self._booked, self._refused)

    def _booked(self, booking: Booking) -> None:
        self.busy = False
        self.ctx.nav.go("receipt", booking=booking)

    def _refused(self, exc: BaseException) -> None:
        self.busy = False
        s = self.ctx.session
        self.retranslate()
        if not isinstance(exc, BookingRefused):
            self.ctx.nav.notify(unexpected_text())
            return
        message = refusal_text(exc, self.ctx.today(), neighbour=s.neighbour is not None)
        if exc.reason in (Refusal.TAKEN, Refusal.CLOSED, Refusal.BLACKOUT, Refusal.IN_PAST,
                          Refusal.NOTICE, Refusal.OUT_OF_SERVICE) and s.resource is not None:
            # Back to the grid with fresh availability; household and plate are kept.
            self.ctx.nav.go("detail", resource_id=s.resource.id, keep=True)
        elif exc.reason in (Refusal.PLATE_INVALID, Refusal.PLATE_REQUIRED):
            s.plate = None
            self.ctx.nav.go("plate")
        elif exc.reason is Refusal.RESIDENTS_ONLY and s.resource is not None:
            self.ctx.nav.go("detail", resource_id=s.resource.id, keep=True)
        self.ctx.nav.notify(message)


class ReceiptScreen(Screen):
    """The code in big letters for the desk, the booking as a calendar event in a QR code,
    what to do next; returns home by itself."""

    name = "receipt"
    shows_back = False

    def __init__(self, ctx: UiContext, return_after_s: int = 30) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.booking: Booking | None = None
        self.resource: Resource | None = None
        self.return_after_s = return_after_s
        self.remaining = return_after_s
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        # Left: what was booked. Right: the QR code, what to do next, and the way out with
        # its countdown, which stay on the glass in either orientation.
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(m.spacing(40))
        left = QVBoxLayout()
        left.setSpacing(m.spacing(12))
        self.title = label(name="receiptTitle")
        left.addWidget(self.title)
        self.code_caption = label(name="sectionHeading")
        left.addWidget(self.code_caption)
        self.code = label(name="bookingCode", wrap=False)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        left.addWidget(self.code)
        panel = QWidget()
        panel.setObjectName("panel")
        self.rows = QVBoxLayout(panel)
        self.rows.setContentsMargins(28, 20, 28, 20)
        left.addWidget(panel)
        left.addStretch(1)
        self.box.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(m.spacing(12))
        # The caption beside the code, or under it where the width is short.
        self.qr_row = qr_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        qr_row.setSpacing(m.spacing(16))
        self.qr = label(name="qrCode", wrap=False)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        qr_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self.qr_caption = label(name="detailText")
        qr_row.addWidget(self.qr_caption, 1)
        right.addLayout(qr_row)
        self.next_steps = label(name="detailRules")
        right.addWidget(self.next_steps)
        right.addStretch(1)
        self.countdown = label(name="detailText")
        right.addWidget(self.countdown)
        self.done_button = button(m, "", "primaryButton", self._finish, 360, 110)
        right.addWidget(self.done_button)
        self.box.addLayout(right, 1)  # room for the calendar QR and its steps

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                              else QBoxLayout.Direction.LeftToRight)

    def enter(self, **params: Any) -> None:
        self.booking = params.get("booking", self.booking)
        self.resource = self.ctx.session.resource
        self.remaining = self.return_after_s
        self.timer.start()
        if self.booking is not None and self.resource is not None:
            # The booking as a calendar event: the phone's camera offers to add it.
            audience = Audience.NEIGHBOURS if self.booking.neighbour_id is not None \
                else Audience.RESIDENTS
            event = booking_ics(self.booking, rules_for(self.resource, audience),
                                now=self.ctx.now(), village=self.ctx.settings.village_name)
            self.qr.setPixmap(qr_pixmap(event, QR_PX))
        self.retranslate()

    def retranslate(self) -> None:
        booking, resource = self.booking, self.resource
        pending = booking is not None and booking.status is BookingStatus.PENDING
        self.qr_row.setDirection(QBoxLayout.Direction.TopToBottom
                                 if self.portrait and self.ctx.text_scale > 1
                                 else QBoxLayout.Direction.LeftToRight)
        self.title.setText(tr("예약 신청을 받았습니다") if pending else tr("예약되었습니다"))
        self.code_caption.setText(tr("예약 번호"))
        self.code.setText(booking.code if booking else "")
        self.qr_caption.setText(tr("휴대폰 카메라로 찍으면 달력에 추가됩니다"))
        self.done_button.setText(tr("다 봤습니다"))
        self.countdown.setText(tr("{n}초 뒤 처음 화면으로 돌아갑니다").format(n=self.remaining))
        if booking is None or resource is None:
            return
        fill_rows(self.rows, booking_lines(self.ctx, resource, booking.start, booking.end,
                                           booking.plate))
        today = self.ctx.today()
        steps = []
        if pending:
            # Not booked yet: nothing here may read as "go ahead and use it".
            steps.append(tr("승인 대기 — 관리사무소가 승인하면 확정됩니다. '내 예약'에서 "
                            "확인하세요."))
        elif resource.rules.checkin_required:
            opens, closes = checkin_window(booking, resource)
            steps.append(tr("{opens}부터 {closes} 사이에 이 화면의 '내 예약'에서 체크인하세요.")
                         .format(opens=when_text(opens, today), closes=clock_text(closes)))
        else:
            steps.append(tr("시간에 맞춰 바로 이용하시면 됩니다."))
        if resource.rules.plate_required and booking.plate:
            steps.append(tr("차단기가 차량 번호를 알아봅니다."))
        steps.append(tr("바꾸거나 취소하려면 '내 예약'을 누르세요."))
        self.next_steps.setText("\n".join(f"• {s}" for s in steps))

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._finish()
        else:
            self.countdown.setText(tr("{n}초 뒤 처음 화면으로 돌아갑니다").format(n=self.remaining))

    def _finish(self) -> None:
        self.timer.stop()
        self.ctx.nav.end_session()

    def clear(self) -> None:
        self.timer.stop()
        self.booking = None
        self.resource = None
        self.code.setText("")
        self.qr.clear()
