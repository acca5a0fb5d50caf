"""One resource: where it is, its rules in plain words, and a touch slot grid to book."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.availability import Slot
from kiosk.domain.clock import to_local
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.fees import fee_lines
from kiosk.domain.owners import Owner, owner_from_facts
from kiosk.domain.resources import Resource
from kiosk.domain.rules import Audience
from kiosk.map.listing import MapListing
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.qr import qr_pixmap
from kiosk.ui.text import (
    address_text,
    clock_text,
    distance_text,
    duration_text,
    kind_label,
    rules_lines,
    tr,
    weekday_text,
)
from kiosk.ui.touch import make_kinetic
from kiosk.ui.widgets import (
    SCROLL_BAR_GAP_PX,
    ReflowGrid,
    button,
    clear_layout,
    fit_text,
    icon_for,
    keep_clear_of_scroll_bar,
    label,
)
from kiosk.ui.wording import refusal_text, unexpected_text

DAYS_PER_PAGE = 7
"""Day chips shown at once; the arrows page through every day the rule allows."""
PERIODS = (("morning", 0, 12), ("afternoon", 12, 18), ("evening", 18, 24))
"""오전 / 오후 / 저녁: the jumps' names and local hours [from, to)."""
QR_PX = 240
"""The provider's page as a QR code: big enough to scan at arm's length."""


def range_text(start: datetime, end: datetime) -> str:
    """The chosen time in words: ``19:00부터 21:00까지, 2시간`` / ``19:00 to 21:00, 2 hours``."""
    hours, rest = divmod(int((end - start).total_seconds() // 60), 60)
    times = {"start": clock_text(start), "end": clock_text(end)}
    if hours and rest:
        return tr("{start}부터 {end}까지, {h}시간 {m}분").format(h=hours, m=rest, **times)
    if hours == 1:
        return tr("{start}부터 {end}까지, 1시간").format(**times)
    if hours:
        return tr("{start}부터 {end}까지, {h}시간").format(h=hours, **times)
    return tr("{start}부터 {end}까지, {m}분").format(m=rest, **times)


def slot_state_text(slot: Slot, capacity: int) -> str:
    """What a slot cell says under its time."""
    if slot.blocked_by is None and slot.units_left > 0:
        return tr("예약 가능") if capacity == 1 else tr("빈 곳 {n}").format(n=slot.units_left)
    return {
        Refusal.CLOSED: tr("운영 안 함"),
        Refusal.BLACKOUT: tr("휴관"),
        Refusal.NOTICE: tr("예약 마감"),
        Refusal.TOO_FAR_AHEAD: tr("아직 안 됨"),
        Refusal.IN_PAST: tr("지남"),
    }.get(slot.blocked_by, tr("마감")) if slot.blocked_by else tr("마감")


class DetailScreen(Screen):
    name = "detail"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.resource: Resource | None = None
        self.listing: MapListing | None = None
        self.days: dict[date, list[Slot]] | None = None
        self.day: date | None = None
        self.week = 0
        self.start: datetime | None = None
        self.minutes = 0
        # Why the last tap did not set the end (kept as words to redraw in either language).
        self.refused: Callable[[], str] | None = None
        self.slot_buttons: dict[datetime, QPushButton] = {}
        self.day_buttons: dict[date, QPushButton] = {}
        self.duration_buttons: dict[int, QPushButton] = {}
        self.load_error: BookingRefused | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(m.spacing(12))
        # Everything but the booking bar: it scrolls only when large text makes it taller
        # than the glass (then the slot grid lies flat in it; one scroll bar at a time).
        self.body = QScrollArea()
        self.body.setObjectName("pane_detailBody")
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: a jump that makes the day scroll never narrows the grid under it.
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keep_clear_of_scroll_bar(self.body, SCROLL_BAR_GAP_PX)
        make_kinetic(self.body)
        content = QWidget()
        self.box = QGridLayout(content)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(m.spacing(20))
        self.body.setWidget(content)
        outer.addWidget(self.body, 1)

        info = QWidget()
        info.setObjectName("panel")
        info_box = QVBoxLayout(info)
        info_box.setContentsMargins(28, 20, 28, 20)
        info_box.setSpacing(m.spacing(10))
        title_row = QHBoxLayout()
        self.icon = label(name="detailIcon", wrap=False)
        self.title = label(name="detailTitle")
        title_row.addWidget(self.icon)
        title_row.addWidget(self.title, 1)
        info_box.addLayout(title_row)
        # What the resident must know before choosing (approval), above everything else.
        self.approval = label(name="detailApproval")
        info_box.addWidget(self.approval)
        self.where = label(name="detailWhere")
        # Who provides it: "제공: 성북구청 (자치구)".
        self.owner = label(name="detailWhere")
        self.free = label(name="detailFree")
        self.description = label(name="detailText")
        self.fees_heading = label(name="sectionHeading")
        self.fees = label(name="detailRules")
        self.rules_heading = label(name="sectionHeading")
        self.rules = label(name="detailRules")
        for widget in (self.where, self.owner, self.free, self.description):
            info_box.addWidget(widget)
        # A hub listing's own page (rental, guide) as a QR code for the resident's phone,
        # under the place, where the left side has room in landscape.
        self.link_box = QWidget()
        self.link_box.setObjectName("linkBox")
        link_row = QHBoxLayout(self.link_box)
        link_row.setContentsMargins(0, m.spacing(8), 0, 0)
        link_row.setSpacing(m.spacing(20))
        self.qr = label(name="qrCode", wrap=False)
        self.qr_caption = label(name="detailText")
        link_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        link_row.addWidget(self.qr_caption, 1, Qt.AlignmentFlag.AlignVCenter)
        self.link: str | None = None
        info_box.addWidget(self.link_box)
        self.link_box.hide()
        info_box.addStretch(1)
        self.info_box = info_box
        # The rules beside the booking side in landscape (under the place), and after the
        # slot grid in portrait, so the grid starts high on the glass.
        self.rules_panel = QWidget()
        self.rules_panel.setObjectName("panel")
        rules_box = QVBoxLayout(self.rules_panel)
        rules_box.setContentsMargins(28, 16, 28, 20)
        rules_box.setSpacing(m.spacing(10))
        # What it costs, read before booking: beside the slots in landscape, after them
        # in portrait, like the rules under it.
        rules_box.addWidget(self.fees_heading)
        rules_box.addWidget(self.fees)
        rules_box.addWidget(self.rules_heading)
        rules_box.addWidget(self.rules)
        rules_box.addStretch(1)
        self.rules_box = rules_box
        self.info_panel = info

        booking = QWidget()
        book_box = QVBoxLayout(booking)
        book_box.setContentsMargins(0, 0, 0, 0)
        book_box.setSpacing(m.spacing(10))
        self.state = label(name="detailState")
        book_box.addWidget(self.state)
        # What a hub listing's feed says (docks, fees, hours, phone…) as label and value
        # lines: the wide side, so it fits unscrolled in either language.
        self.facts = QWidget()
        self.fact_grid = QGridLayout(self.facts)
        self.fact_grid.setContentsMargins(0, 0, 0, 0)
        self.fact_grid.setHorizontalSpacing(m.spacing(24))
        self.fact_grid.setVerticalSpacing(m.spacing(2))
        self.fact_grid.setColumnStretch(1, 1)
        self.fact_rows: list[tuple[QLabel, QLabel]] = []
        book_box.addWidget(self.facts)
        # A week of day chips at a time; the arrows beside the heading page through every
        # day the rule allows.
        day_head = QHBoxLayout()
        day_head.setSpacing(m.spacing(10))
        self.day_heading = label(name="sectionHeading")
        self.prev_week = button(m, "◀", "dayChip", lambda: self._page(-1), 80)
        self.next_week = button(m, "▶", "dayChip", lambda: self._page(1), 80)
        day_head.addWidget(self.day_heading, 1)
        day_head.addWidget(self.prev_week)
        day_head.addWidget(self.next_week)
        book_box.addLayout(day_head)
        self.day_grid = ReflowGrid(max_columns=DAYS_PER_PAGE, spacing=m.spacing(10))
        book_box.addLayout(self.day_grid)
        self.slot_heading = label(name="sectionHeading")
        book_box.addWidget(self.slot_heading)
        # All the day's slots lie in the screen's one scroll; the bar's 오전 / 오후 / 저녁
        # bring a part of the day into view, never a drag inside a small box.
        self.slot_area = QWidget()
        self.slot_grid = ReflowGrid(self.slot_area, max_columns=8, spacing=m.spacing(10))
        book_box.addWidget(self.slot_area)
        self.duration_heading = label(name="sectionHeading")
        book_box.addWidget(self.duration_heading)
        self.duration_grid = ReflowGrid(max_columns=8, spacing=m.spacing(10))
        book_box.addLayout(self.duration_grid)
        self.filler = QWidget()
        book_box.addWidget(self.filler, 1)
        self.other_button = button(m, "", "secondaryButton", self._others, 320, 88)
        book_box.addWidget(self.other_button)
        self.booking_panel = booking
        self._arrange(False)

        # The jumps, the chosen time and the button: always on the glass under the scroll.
        self.bar = QWidget()
        self.bar.setObjectName("actionBar")
        self.bar_box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.bar)
        self.bar_box.setContentsMargins(0, 0, 0, 0)
        self.bar_box.setSpacing(m.spacing(20))
        self.jump_grid = ReflowGrid(max_columns=len(PERIODS), spacing=m.spacing(10))
        self.jump_buttons: dict[str, QPushButton] = {}
        for key, hour, _end in PERIODS:
            jump = button(m, "", "jumpButton", lambda h=hour: self._jump(h))
            self.jump_buttons[key] = jump
            self.jump_grid.addWidget(jump)
        self.bar_box.addLayout(self.jump_grid, 0)
        self.summary = label(name="detailSummary")
        self.book_button = button(m, "", "primaryButton", self._book, 400, 96)
        # The summary beside the button, or above it when both do not fit side by side.
        action_row = ReflowGrid(max_columns=2, spacing=m.spacing(20))
        action_row.addWidget(self.summary)
        action_row.addWidget(self.book_button)
        self.bar_box.addLayout(action_row, 1)
        outer.addWidget(self.bar)

    # ------------------------------------------------------------------ loading
    def enter(self, **params: Any) -> None:
        resource_id = str(params.get("resource_id", self.resource.id if self.resource else ""))
        keep_day = bool(params.get("keep", False))
        if not keep_day or self.resource is None or self.resource.id != resource_id:
            self.day = None
        self.resource = None
        self.listing = None
        self.days = None
        self.start = None
        self.minutes = 0
        self.refused = None
        self.load_error = None
        self.retranslate()
        today = self.ctx.today()

        def load() -> tuple[Resource, dict[date, list[Slot]] | None]:
            resource = self.ctx.bookings.resource(resource_id)
            if not (resource.bookable and resource.in_service):
                return resource, None
            # Today and every day up to the rule's last one ("30일 뒤까지" is 31 chips).
            count = resource.rules.max_days_ahead + 1
            return resource, self.ctx.bookings.availability_days(resource_id, today, count)

        self.ctx.background.run(load, self._loaded, lambda exc: self._failed(exc, resource_id))

    def _loaded(self, result: tuple[Resource, dict[date, list[Slot]] | None]) -> None:
        self.resource, self.days = result
        if self.days is not None and (self.day is None or self.day not in self.days):
            self.day = next(iter(self.days))
        if self.days is not None and self.day is not None:
            self.week = list(self.days).index(self.day) // DAYS_PER_PAGE
        self.retranslate()
        self.ctx.nav.refit()

    def _failed(self, exc: BaseException, resource_id: str) -> None:
        if isinstance(exc, BookingRefused) and exc.reason is Refusal.NOT_FOUND:
            self.listing = next((i for i in self.ctx.hub.nearby() if i.id == resource_id), None)
            if self.listing is None:
                self.load_error = exc
        else:
            self.ctx.nav.notify(unexpected_text())
        self.retranslate()

    # ------------------------------------------------------------------ drawing
    def _arrange(self, portrait: bool) -> None:
        """Portrait: place, booking, rules one under the other. Landscape: place and rules
        on the left (4/10), booking on the right (6/10)."""
        for widget in (self.info_panel, self.rules_panel, self.booking_panel):
            self.box.removeWidget(widget)
        if portrait:
            self.box.addWidget(self.info_panel, 0, 0)
            self.box.addWidget(self.booking_panel, 1, 0)
            self.box.addWidget(self.rules_panel, 2, 0)
            for column, stretch in ((0, 1), (1, 0)):
                self.box.setColumnStretch(column, stretch)
            for row in range(3):
                self.box.setRowStretch(row, 0)
        else:
            self.box.addWidget(self.info_panel, 0, 0)
            self.box.addWidget(self.rules_panel, 1, 0)
            self.box.addWidget(self.booking_panel, 0, 1, 2, 1)
            self.box.setColumnStretch(0, 4)
            self.box.setColumnStretch(1, 6)
            self.box.setRowStretch(1, 1)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self._arrange(portrait)
        # Portrait has the width of the glass; landscape the right side's 6/10.
        self.slot_grid.set_max_columns(6 if portrait else 8)
        self.duration_grid.set_max_columns(4 if portrait else 8)
        self.bar_box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)
        if self.slot_area.isVisibleTo(self):
            self.filler.setVisible(not portrait)
        self._place_owner()

        if self.days is not None:
            self._draw_days(self.ctx.today())

    def retranslate(self) -> None:
        language = self.ctx.language()
        today = self.ctx.today()
        self.rules_heading.setText(tr("이용 규칙"))
        self.day_heading.setText(tr("날짜"))
        self.slot_heading.setText(tr("시작 시간 (뒤의 시간을 이어서 누르면 그 시간에 끝남)"))
        self.duration_heading.setText(tr("이용 시간"))
        self.jump_buttons["morning"].setText(tr("오전"))
        self.jump_buttons["afternoon"].setText(tr("오후"))
        self.jump_buttons["evening"].setText(tr("저녁"))
        self.prev_week.setAccessibleName(tr("앞 주"))
        self.next_week.setAccessibleName(tr("다음 주"))
        self.other_button.setText(tr("비슷한 곳 보기"))
        resource, listing = self.resource, self.listing
        approval = resource is not None and resource.rules.approval_required
        self.book_button.setText(tr("이 시간으로 예약 신청") if approval
                                 else tr("이 시간으로 예약하기"))
        self.approval.setText(tr("승인이 필요한 곳입니다. 신청한 뒤 관리사무소가 승인하면 "
                                 "확정됩니다.") if approval else "")
        self.approval.setVisible(approval and resource is not None and resource.bookable)
        booking_widgets = (self.day_heading, self.prev_week, self.next_week, self.slot_heading,
                           self.slot_area,
                           self.duration_heading, self.bar)
        self.filler.show()
        if resource is None and listing is None:
            self.title.setText(tr("불러오는 중…") if self.load_error is None
                               else tr("찾을 수 없습니다"))
            for widget in (self.where, self.owner, self.free, self.description,
                           self.rules_panel, self.other_button, self.facts, self.link_box,
                           *booking_widgets):
                widget.hide()
            self.state.setText(refusal_text(self.load_error, today) if self.load_error else "")
            self._clear_grids()
            return
        kind = resource.kind.value if resource else (listing.map_kind if listing else "other")
        self.icon.setPixmap(icon_for(kind).pixmap(QSize(64, 64)))
        metres = self._metres()
        if listing is not None:
            self.title.setText(listing_title(listing, language))
            self.where.setText(f"{service_name(listing, language) or kind_label_for(kind)} · "
                               f"{distance_text(metres)}")
            from kiosk.ui.screens.entries import Entry

            # The count the feed reported, also above the rack count (it is real).
            shown = replace(listing, units_free=reported_free(listing))
            self.free.setText(Entry(listing.id, kind, metres, listing=shown).free_text(today))
            self.description.setText(tr("시의 공유 정보에서 온 곳입니다."))
            self._show_owner(listing.owner or owner_from_facts(listing.facts), language)
            self._draw_facts(listing, language)
            self.rules_panel.hide()
            for widget in booking_widgets:
                widget.hide()
            self.state.setText(tr("여기서는 예약하지 않습니다. 현장에서 안내에 따라 바로 "
                                  "이용하세요."))
            self.other_button.show()
            self._clear_grids()
            for widget in (self.where, self.free, self.description, self.state):
                widget.show()
            return
        assert resource is not None
        self.facts.hide()
        self._draw_facts(None, language)
        # The village's own resources have no owner of their own: the village provides them.
        self._show_owner(resource.owner or self.ctx.bookings.village, language)
        self.title.setText(resource.name(language))
        where = resource.location.where_en if language == "en" and resource.location.where_en \
            else resource.location.where_ko
        location = resource.location
        shown = address_text(location.address, language, getattr(location, "address_en", ""))
        address = f"\n{shown}" if shown else ""
        self.where.setText(f"{where} · {distance_text(metres)}{address}")
        description = resource.description_en if language == "en" and resource.description_en \
            else resource.description_ko
        self.description.setText(description)
        self.free.setText("")
        self.free.hide()
        for widget in (self.where, self.description, self.state):
            widget.show()
        if not resource.bookable:
            self.rules_panel.hide()
            for widget in booking_widgets:
                widget.hide()
            self.other_button.show()
            self.state.setText(tr("안내 전용입니다. 키오스크에서는 예약하지 않으니, 이곳 "
                                  "안내대로 이용하세요."))
            self._clear_grids()
            return
        for widget in (self.rules_panel, self.rules_heading, self.rules):
            widget.show()
        # Approval is said above, where it is read first; the bullets hold the rest.
        lines = rules_lines(replace(resource.rules, approval_required=False))
        self.rules.setText("\n".join(f"• {line}" for line in lines))
        fees = resource.rules.fees
        # Nothing about money for what is free: a paid resource says its price (both
        # when neighbours pay differently), the deposit, the penalties and the bill.
        charged = fees is not None and fees.charges
        self.fees_heading.setText(tr("이용료"))
        self.fees.setText("\n".join(f"• {line}" for line in fee_lines(fees, language))
                          if fees is not None and charged else "")
        for widget in (self.fees_heading, self.fees):
            widget.setVisible(charged)
        if not resource.in_service:
            for widget in booking_widgets:
                widget.hide()
            self.other_button.show()
            self.state.setText(tr("사용 중지: {reason}").format(
                reason=resource.out_of_service_reason) + "\n"
                + refusal_text(BookingRefused(Refusal.OUT_OF_SERVICE), today))
            self._clear_grids()
            return
        self.other_button.hide()
        if self.days is None:
            for widget in booking_widgets:
                widget.hide()
            self.state.setText(tr("예약 현황을 불러오는 중…"))
            self._clear_grids()
            return
        self.state.setText("")
        self.state.hide()
        # Landscape: when the place, fees and rules make the left side the taller one, the
        # room left on the right goes under the slots, never between the rows.
        self.filler.setVisible(not self.portrait)
        for widget in booking_widgets:
            widget.show()
        self._draw_days(today)
        self._draw_slots()
        self._draw_durations()
        self._draw_summary(today)

    def _show_owner(self, owner: Owner | None, language: str) -> None:
        """"제공: 성북구청 (자치구)"; nothing when the feed did not say who provides it."""
        self.owner.setText(owner_text(owner, language) if owner is not None else "")
        self.owner.setVisible(owner is not None)
        self._place_owner()

    def _place_owner(self) -> None:
        """Under the place; on an upright panel, when there is a slot grid to book, at the
        head of the fees and rules after it, so the grid's first row stays on the glass."""
        below = self.portrait and self.resource is not None and self.resource.bookable
        box = self.rules_box if below else self.info_box
        if box.indexOf(self.owner) >= 0:
            return
        for other in (self.info_box, self.rules_box):
            other.removeWidget(self.owner)
        box.insertWidget(0 if below else box.indexOf(self.where) + 1, self.owner)

    def _draw_facts(self, listing: MapListing | None, language: str) -> None:
        """A listing's feed as label and value lines, and its link as a QR code."""
        for name, value in self.fact_rows:
            self.fact_grid.removeWidget(name)
            self.fact_grid.removeWidget(value)
            name.deleteLater()
            value.deleteLater()
        self.fact_rows = []
        self.link = None
        if listing is None:
            self.qr.clear()
            self.link_box.hide()
            return
        # The provider has its own line under the place, the station's number is in the
        # title ("3503번 …"): neither is said twice.
        facts = [f for f in listing.fact_lines() if f.label_ko not in SAID_ELSEWHERE]
        for row, fact in enumerate(facts):
            name = label(fact.label(language), "factLabel")
            value = label(_known(fact.text(language)), "detailRules")
            self.fact_grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.fact_grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.fact_rows.append((name, value))
        self.link = listing.link
        if self.link:
            self.qr.setPixmap(qr_pixmap(self.link, QR_PX))
            self.qr.setAccessibleName(tr("휴대폰으로 대여·안내 페이지 열기"))
            self.qr_caption.setText(tr("휴대폰으로 대여·안내 페이지 열기"))
        else:
            self.qr.clear()
        self.link_box.setVisible(bool(self.link))
        self.facts.setVisible(bool(facts))

    def fact_texts(self) -> list[tuple[str, str]]:
        """The facts shown, as (label, value) pairs."""
        return [(name.text(), value.text()) for name, value in self.fact_rows]

    def _metres(self) -> float:
        from kiosk.ui.screens.entries import distance_m

        kiosk = (self.ctx.settings.kiosk_lat, self.ctx.settings.kiosk_lon)
        if self.resource is not None:
            return distance_m(kiosk, (self.resource.location.lat, self.resource.location.lon))
        assert self.listing is not None
        return distance_m(kiosk, (self.listing.lat, self.listing.lon))

    def _page(self, step: int) -> None:
        """Another week of day chips; the chosen day stays chosen."""
        if self.days is None:
            return
        last = (len(self.days) - 1) // DAYS_PER_PAGE
        self.week = min(max(0, self.week + step), last)
        self._draw_days(self.ctx.today())
        self.ctx.nav.refit()

    def _jump(self, hour: int) -> None:
        """Scroll the first slot of that part of the day to the top of the view."""
        cell = next((c for s, c in sorted(self.slot_buttons.items())
                     if to_local(s).hour >= hour), None)
        if cell is None:
            return
        content = self.body.widget()
        assert content is not None
        top = cell.mapTo(content, QPoint(0, 0)).y()
        # Room after the last row, so the evening can come to the top of the view too.
        reach = top + self.body.viewport().height()
        if content.height() < reach:
            content.setMinimumHeight(reach)
            content.resize(content.width(), reach)
        self.body.verticalScrollBar().setValue(top)

    def _draw_jumps(self) -> None:
        """A jump is offered when its part of the day has slots shown."""
        hours = {to_local(s).hour for s in self.slot_buttons}
        for key, first, last in PERIODS:
            self.jump_buttons[key].setEnabled(any(first <= h < last for h in hours))

    def _clear_grids(self) -> None:
        for grid in (self.day_grid, self.slot_grid, self.duration_grid):
            clear_layout(grid)
        self.slot_buttons = {}
        self.day_buttons = {}
        self.duration_buttons = {}

    def _draw_days(self, today: date) -> None:
        clear_layout(self.day_grid)
        self.day_buttons = {}
        assert self.days is not None
        days = list(self.days)
        pages = (len(days) - 1) // DAYS_PER_PAGE + 1
        self.week = min(self.week, pages - 1)
        for arrow in (self.prev_week, self.next_week):
            arrow.setVisible(pages > 1)
        self.prev_week.setEnabled(self.week > 0)
        self.next_week.setEnabled(self.week < pages - 1)
        self.day_grid.set_max_columns(DAYS_PER_PAGE)
        for day in days[self.week * DAYS_PER_PAGE:(self.week + 1) * DAYS_PER_PAGE]:
            # Two short lines keep a week of chips in one row, in either language.
            top = tr("오늘") if day == today else weekday_text(day)
            text = f"{top}\n{day.month}/{day.day}"
            free = any(s.bookable and s.units_left > 0 for s in self.days[day])
            chip = button(self.ctx.metrics, text, "dayChip", lambda d=day: self._pick_day(d),
                          96, self.ctx.scaled(72))
            chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            chip.setCheckable(True)
            chip.setChecked(day == self.day)
            chip.setProperty("full", not free)
            self.day_buttons[day] = chip
            self.day_grid.addWidget(chip)
            fit_text(chip)

    def _draw_slots(self) -> None:
        clear_layout(self.slot_grid)
        self.slot_buttons = {}
        assert self.days is not None and self.resource is not None and self.day is not None
        shown = [s for s in self.days[self.day] if s.blocked_by is not Refusal.IN_PAST]
        chosen = self._chosen_range()
        for slot in shown:
            text = f"{clock_text(slot.start)}\n{slot_state_text(slot, self.resource.capacity)}"
            cell = button(self.ctx.metrics, text, "slotCell", lambda s=slot: self._pick_slot(s),
                          120, self.ctx.scaled(84))
            cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            cell.setEnabled(slot.bookable and slot.units_left > 0)
            cell.setCheckable(True)
            cell.setChecked(slot.start in chosen)
            self.slot_buttons[slot.start] = cell
            self.slot_grid.addWidget(cell)
            fit_text(cell)
        if not shown:
            self.slot_grid.addWidget(label(tr("이 날은 예약할 수 있는 시간이 없습니다."),
                                           "cardWhere"))
        content = self.body.widget()
        if content is not None:
            content.setMinimumHeight(0)
        self.body.verticalScrollBar().setValue(0)
        self._draw_jumps()

    def _draw_durations(self) -> None:
        clear_layout(self.duration_grid)
        self.duration_buttons = {}
        assert self.resource is not None
        rules = self.resource.rules
        options = list(range(rules.min_duration, rules.max_duration + 1, rules.slot_minutes))
        for minutes in options:
            option = button(self.ctx.metrics, duration_text(minutes), "durationChip",
                            lambda m=minutes: self._pick_duration(m), 104,
                            self.ctx.scaled(64))
            option.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            option.setCheckable(True)
            option.setChecked(minutes == self.minutes and self.start is not None)
            option.setEnabled(self.start is not None and self._range_ok(self.start, minutes))
            self.duration_buttons[minutes] = option
            self.duration_grid.addWidget(option)
            fit_text(option)

    def _draw_summary(self, today: date) -> None:
        ok = self.start is not None and self._range_ok(self.start, self.minutes)
        if self.start is None:
            self.summary.setText(tr("먼저 시작 시간을 누르세요."))
        elif not ok:
            self.summary.setText(tr("그 길이로는 예약할 수 없습니다. 더 짧게 고르세요."))
        else:
            # The day is the checked chip above; one line here keeps the button in view.
            self.summary.setText(range_text(self.start,
                                            self.start + timedelta(minutes=self.minutes)))
        if self.refused is not None:
            self.summary.setText(f"{self.refused()}\n{self.summary.text()}")
        self.book_button.setEnabled(ok)

    # ------------------------------------------------------------------ choosing
    def _slots_of_day(self) -> list[Slot]:
        assert self.days is not None and self.day is not None
        return self.days[self.day]

    def _range_ok(self, start: datetime, minutes: int) -> bool:
        if self.resource is None or minutes <= 0:
            return False
        rules = self.resource.rules
        if not rules.min_duration <= minutes <= rules.max_duration:
            return False
        end = start + timedelta(minutes=minutes)
        covered = [s for s in self._slots_of_day() if start <= s.start < end]
        return (len(covered) * rules.slot_minutes == minutes
                and all(s.bookable and s.units_left > 0 for s in covered))

    def _chosen_range(self) -> set[datetime]:
        if self.start is None or self.resource is None:
            return set()
        step = self.resource.rules.slot_minutes
        return {self.start + timedelta(minutes=step * i) for i in range(self.minutes // step)}

    def _end_refusal(self, start: datetime, end: datetime) -> Callable[[], str] | None:
        """Why the booking cannot run from ``start`` to ``end``, or None when it can."""
        assert self.resource is not None
        rules = self.resource.rules
        minutes = int((end - start).total_seconds() // 60)
        at = clock_text(end)
        if minutes > rules.max_duration:
            return lambda: tr("한 번에 최대 {max}까지라 {end}까지는 고를 수 없습니다.").format(
                max=duration_text(rules.max_duration), end=at)
        if minutes < rules.min_duration:
            return lambda: tr("한 번에 {min} 이상이어야 해서 {end}에 끝낼 수 없습니다.").format(
                min=duration_text(rules.min_duration), end=at)
        covered = [s for s in self._slots_of_day() if start <= s.start < end]
        closed = next((s for s in covered if not (s.bookable and s.units_left > 0)), None)
        if closed is None and len(covered) * rules.slot_minutes != minutes:
            closed = covered[-1] if covered else None
        if closed is not None:
            taken = clock_text(closed.start)
            return lambda: tr("그 사이 {time}에 예약할 수 없어 {end}까지는 고를 수 없습니다."
                              ).format(time=taken, end=at)
        return None

    def _pick_day(self, day: date) -> None:
        self.ctx.nav.clear_notice()
        self.day = day
        self.start = None
        self.minutes = 0
        self.refused = None
        self.retranslate()

    def _pick_slot(self, slot: Slot) -> None:
        """The first tap starts; a tap on a later slot ends the booking at that slot's start.

        A tap on the start or an earlier slot starts over from there.
        """
        assert self.resource is not None
        self.ctx.nav.clear_notice()
        self.refused = None
        if self.start is not None and slot.start > self.start:
            self.refused = self._end_refusal(self.start, slot.start)
            if self.refused is None:
                self.minutes = int((slot.start - self.start).total_seconds() // 60)
            self._update_selection()
            return
        self.start = slot.start
        self.minutes = self.resource.rules.min_duration
        self._update_selection()

    def _pick_duration(self, minutes: int) -> None:
        self.minutes = minutes
        self.refused = None
        self._update_selection()

    def _update_selection(self) -> None:
        """Checked cells, usable lengths and the summary, without rebuilding the grid."""
        chosen = self._chosen_range()
        for start, cell in self.slot_buttons.items():
            cell.setChecked(start in chosen)
        for minutes, option in self.duration_buttons.items():
            option.setChecked(minutes == self.minutes and self.start is not None)
            option.setEnabled(self.start is not None and self._range_ok(self.start, minutes))
        self._draw_summary(self.ctx.today())

    def _book(self) -> None:
        if self.resource is None or self.start is None or \
                not self._range_ok(self.start, self.minutes):
            return
        session = self.ctx.session
        session.purpose = "book"
        session.resource = self.resource
        session.start = self.start
        session.end = self.start + timedelta(minutes=self.minutes)
        if not session.verified:
            self.ctx.nav.go("identify", purpose="book")
        elif session.neighbour is not None and \
                not self.resource.rules.admits(Audience.NEIGHBOURS):
            # A neighbour already known this session: refused here, the times stay.
            self.ctx.nav.notify(refusal_text(BookingRefused(Refusal.RESIDENTS_ONLY),
                                             self.ctx.today()))
        else:
            from kiosk.ui.screens.identify import after_household

            after_household(self.ctx)

    def _others(self) -> None:
        kind = self.resource.kind.value if self.resource else (
            self.listing.map_kind if self.listing else "parking")
        if kind == "other":
            self.ctx.nav.go_home()
        else:
            self.ctx.nav.go("browse", kind=kind)

    def clear(self) -> None:
        self.resource = None
        self.listing = None
        self.days = None
        self.day = None
        self.start = None
        self.minutes = 0
        self.refused = None
        self._clear_grids()


SAID_ELSEWHERE = frozenset({"제공", "대여소 번호"})
"""Feed facts the screen already says: the owner line and the number in the title."""


def owner_text(owner: Owner, language: str) -> str:
    """"제공: 성북구청 (자치구)" / "Provided by: Seongbuk-gu Office (District)"."""
    name, kind = owner.display_name(language), owner.kind.label(language)
    if name == kind:
        return tr("제공: {name}").format(name=name)
    return tr("제공: {name} ({kind})").format(name=name, kind=kind)


def kind_label_for(kind: str) -> str:
    from kiosk.domain.resources import ResourceKind

    try:
        return kind_label(ResourceKind(kind))
    except ValueError:
        return kind_label(ResourceKind.OTHER)


# -- what a hub listing's feed says ------------------------------------------------------


def _int(facts: Mapping[str, str], key: str) -> int | None:
    value = facts.get(key, "")
    return int(value) if value.isdigit() else None


def reported_free(listing: MapListing) -> int | None:
    """Seoul stations really hold more bikes than racks; the feed's figure is kept."""
    reported = _int(listing.facts, "reported_free")
    return reported if reported is not None else listing.units_free


def service_name(listing: MapListing, language: str) -> str:
    """The service as residents know it: 따릉이, "Ttareungyi (Seoul Bike)"."""
    ko = listing.facts.get("service_ko") or listing.facts.get("system", "")
    en = listing.facts.get("service_en") or ko
    return en if language == "en" else ko


def listing_title(listing: MapListing, language: str) -> str:
    """The name with the number on the station's sign ("102번 망원역 1번출구 앞")."""
    name = listing.name(language)
    number = listing.facts.get("station_no")
    if not number:
        return name
    return tr("{number}번 {name}").format(number=number, name=name)


def _known(value: str) -> str:
    """A feed's Korean word (유료, 노외 주차장…) in the kiosk's language when it is one we
    know; anything else as the feed wrote it."""
    words = {
        "유료": tr("유료"), "무료": tr("무료"), "야간 개방": tr("야간 개방"),
        "야간 미개방": tr("야간 미개방"), "노외 주차장": tr("노외 주차장"),
        "노상 주차장": tr("노상 주차장"), "부설 주차장": tr("부설 주차장"),
        "시간제 주차장": tr("시간제 주차장"), "거주자우선 주차장": tr("거주자우선 주차장"),
    }
    return words.get(value.strip(), value)
