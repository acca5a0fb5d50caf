"""Identify the household on a numeric keypad (동, 호, masked PIN), or a neighbour member
(member number or phone tail, masked PIN), then the vehicle plate."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.plates import PLATE_SYLLABLES, is_valid_plate
from kiosk.domain.rules import Audience
from kiosk.services.booking import BookingService, VerifiedHousehold, VerifiedNeighbour
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.text import tr
from kiosk.ui.widgets import (
    NumericKeypad,
    ReflowGrid,
    SyllableKeypad,
    button,
    clear_layout,
    label,
)
from kiosk.ui.wording import refusal_text, unexpected_text

FIELDS = ("building", "unit", "pin")
NEIGHBOUR_FIELDS = ("member", "pin")
"""A neighbour member: the member id (N-0003 typed as 3) or the phone's last four digits."""
MAX_LEN = {"building": 4, "unit": 4, "pin": 4, "member": 4}
PIN_DOT = "●"
NEIGHBOUR_PURPOSES = ("book", "mine")
"""Where a neighbour member may identify; event seats are for households."""


def verify_neighbour(bookings: BookingService, typed: str, pin: str) -> VerifiedNeighbour:
    """Four digits are the phone's last four (or, when no phone ends so, a member id);
    fewer are the member id's number."""
    if len(typed) == 4:
        try:
            return bookings.verify_neighbour_by_phone(typed, pin)
        except BookingRefused as exc:
            if exc.reason is not Refusal.NOT_FOUND:
                raise
    return bookings.verify_neighbour(typed, pin)


def after_household(ctx: UiContext) -> None:
    """Where a verified resident goes next in the booking flow. A household with exactly
    one registered car has it chosen: the confirm screen shows it, with a way to change it."""
    session = ctx.session
    resource = session.resource
    if session.neighbour is not None and resource is not None \
            and not resource.rules.admits(Audience.NEIGHBOURS):
        # Said before any more typing; the booking itself would be refused the same way.
        ctx.nav.back()
        ctx.nav.notify(refusal_text(BookingRefused(Refusal.RESIDENTS_ONLY), ctx.today()))
        return
    if resource is not None and resource.rules.plate_required and not session.plate:
        plates = session.household.plates if session.household is not None else ()
        if len(plates) == 1:
            session.plate = plates[0]
            ctx.nav.go("confirm")
        else:
            ctx.nav.go("plate")
    else:
        ctx.nav.go("confirm")


class IdentifyScreen(Screen):
    """동 and 호 in plain digits, the PIN as dots; the PIN is wiped after every try.

    The 동 the kiosk stands in is filled in already (one tap on it, or 지우기 on an empty
    호, changes it); a known 동 or 호 moves on by itself, the fourth PIN digit checks it.
    """

    name = "identify"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.values = {name: "" for name in FIELDS}  # the chosen party's fields only
        self.active = "building"
        self.party = "household"  # or "neighbour": a member from outside the complex
        self.busy = False
        self.addresses: dict[str, frozenset[str]] = {}
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(m.spacing(48))
        left = QVBoxLayout()
        left.setSpacing(m.spacing(18))
        self.title = label(name="screenTitle")
        self.hint = label(name="detailText")
        left.addWidget(self.title)
        # Who is booking: a household of the complex (동·호) or a neighbour member; one
        # above the other when large text makes them too wide side by side.
        self.party_row = QWidget()
        parties = ReflowGrid(self.party_row, max_columns=2, spacing=m.spacing(16))
        self.household_choice = button(m, "", "choiceButton",
                                       lambda: self._choose_party("household"), 200, 88)
        self.neighbour_choice = button(m, "", "choiceButton",
                                       lambda: self._choose_party("neighbour"), 200, 88)
        for choice in (self.household_choice, self.neighbour_choice):
            choice.setCheckable(True)
            parties.addWidget(choice)
        left.addWidget(self.party_row)
        left.addWidget(self.hint)
        self.fields: dict[str, QPushButton] = {}
        for name in (*FIELDS[:2], NEIGHBOUR_FIELDS[0], FIELDS[2]):
            field = button(m, "", "entryField", lambda n=name: self._select(n), 420, 96)
            field.setCheckable(True)
            self.fields[name] = field
            left.addWidget(field)
        left.addStretch(1)
        self.box.addLayout(left, 1)
        self.keypad = NumericKeypad(m, key_px=150)
        self.keypad.digit.connect(self._digit)
        self.keypad.erase.connect(self._erase)
        self.keypad.confirm.connect(self._next)
        keypad_box = QVBoxLayout()
        keypad_box.addWidget(self.keypad)
        keypad_box.addStretch(1)
        self.box.addLayout(keypad_box, 1)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                              else QBoxLayout.Direction.LeftToRight)

    @property
    def order(self) -> tuple[str, ...]:
        """The fields typed one after another for the chosen party."""
        return NEIGHBOUR_FIELDS if self.party == "neighbour" else FIELDS

    def enter(self, **params: Any) -> None:
        self.ctx.session.purpose = str(params.get("purpose", self.ctx.session.purpose))
        self.clear()
        self.retranslate()
        if not self.addresses:
            self.ctx.background.run(self.ctx.bookings.addresses, self._got_addresses,
                                    lambda _exc: None)  # without them, 다음 still moves on

    def _got_addresses(self, addresses: dict[str, frozenset[str]]) -> None:
        self.addresses = addresses
        preset = self.ctx.settings.kiosk_building
        if addresses and preset and preset not in addresses and self.party == "household" \
                and self.values["building"] == preset and not self.values["unit"]:
            # A 동 the village does not have: the resident starts from the 동 after all.
            self.values["building"] = ""
            self.active = "building"
            self.retranslate()

    @property
    def preset(self) -> str:
        """The kiosk's own 동, unless the village is known not to have it."""
        building = self.ctx.settings.kiosk_building
        if self.addresses and building not in self.addresses:
            return ""
        return building

    def _complete(self, field: str, value: str) -> bool:
        """A 동 or 호 that is known and is no other one's beginning: nothing more to type."""
        if field == "building":
            known: Iterable[str] = self.addresses
        elif field == "unit":
            known = self.addresses.get(self.values["building"], frozenset())
        elif field == "member":
            return len(value) == MAX_LEN["member"]  # the phone's last four
        else:
            return False
        known = list(known)
        return value in known and not any(k != value and k.startswith(value) for k in known)

    def clear(self) -> None:
        self.values = {name: "" for name in FIELDS}
        self.party = "household"
        self.values["building"] = self.preset
        self.active = "unit" if self.values["building"] else "building"
        self.busy = False
        self.retranslate()

    @property
    def pin_entered(self) -> str:
        """Only for tests and the service call; never drawn."""
        return self.values["pin"]

    def _choose_party(self, party: str) -> None:
        """Household or neighbour member: what was typed for the other one goes."""
        if self.busy:
            return
        if party != self.party:
            self.clear()
            if party == "neighbour":
                self.party = party
                self.values = {name: "" for name in NEIGHBOUR_FIELDS}
                self.active = NEIGHBOUR_FIELDS[0]
        self.ctx.nav.clear_notice()
        self.retranslate()
        self.ctx.nav.refit()

    def retranslate(self) -> None:
        purpose = self.ctx.session.purpose
        neighbour = self.party == "neighbour"
        if neighbour:
            self.title.setText(tr("예약하려면 이웃 회원을 확인합니다") if purpose == "book"
                               else tr("내 예약을 보려면 이웃 회원을 확인합니다"))
        else:
            self.title.setText({"book": tr("예약하려면 세대를 확인합니다"),
                                "event": tr("행사에 신청하려면 세대를 확인합니다")}.get(
                purpose, tr("내 예약을 보려면 세대를 확인합니다")))
        self.party_row.setVisible(purpose in NEIGHBOUR_PURPOSES)
        self.household_choice.setText(tr("단지 주민"))
        self.neighbour_choice.setText(tr("이웃 회원"))
        self.household_choice.setChecked(not neighbour)
        self.neighbour_choice.setChecked(neighbour)
        for name, field in self.fields.items():
            field.setVisible(name in self.order)
        preset = self.preset
        if neighbour:
            self.hint.setText(tr("회원번호(예: N-0003이면 3) 또는 휴대전화 번호 끝 네 자리를 "
                                 "누르고, 비밀번호 네 자리를 누르세요. 비밀번호는 보이지 "
                                 "않습니다."))
        elif preset and self.values["building"] == preset:
            self.hint.setText(tr("이곳 {building}동을 미리 넣었습니다. 다른 동이면 '동'을 "
                                 "누르세요. 호와 비밀번호 네 자리를 누르면 바로 확인합니다. "
                                 "비밀번호는 보이지 않습니다.").format(building=preset))
        else:
            self.hint.setText(tr("동, 호, 비밀번호 네 자리를 차례로 누르세요. 네 자리를 "
                                 "누르면 바로 확인합니다. 비밀번호는 보이지 않습니다."))
        names = {"building": tr("동"), "unit": tr("호"), "pin": tr("비밀번호"),
                 "member": tr("회원·전화번호")}
        for name, field in self.fields.items():
            value = self.values.get(name, "")
            shown = PIN_DOT * len(value) if name == "pin" else value
            text = f"{names[name]}   {shown or '—'}"
            if name == "building" and value and self.active != "building" \
                    and self.ctx.text_scale < 1.5:  # large text: the hint says it
                text += "   " + tr("(바꾸기)")
            field.setText(text)
            field.setChecked(name == self.active)
        self.keypad.erase_key.setText(tr("지우기"))
        self.keypad.confirm_key.setText(tr("확인") if self.active == "pin" else tr("다음"))
        self.keypad.confirm_key.setEnabled(not self.busy and bool(self.values[self.active]))
        if self.busy:
            self.keypad.confirm_key.setText(tr("확인 중…"))

    def _select(self, name: str) -> None:
        """A tap on a field types it again: its value and those after it go."""
        if self.busy:
            return
        for later in self.order[self.order.index(name):]:
            self.values[later] = ""
        self.active = name
        self.ctx.nav.clear_notice()
        self.retranslate()

    def _digit(self, digit: str) -> None:
        if self.busy:
            return
        value = self.values[self.active]
        if len(value) < MAX_LEN[self.active]:
            self.values[self.active] = value + digit
        # 동 → 호 → PIN on their own once complete; the fourth PIN digit checks it.
        if self.active == "pin" and len(self.values["pin"]) == MAX_LEN["pin"]:
            self._next()
            return
        if self._complete(self.active, self.values[self.active]):
            self.active = self.order[self.order.index(self.active) + 1]
        self.retranslate()

    def _erase(self) -> None:
        """One digit back; on an empty field, back into the field before it."""
        if self.busy:
            return
        if not self.values[self.active] and self.active != self.order[0]:
            self.active = self.order[self.order.index(self.active) - 1]
        self.values[self.active] = self.values[self.active][:-1]
        self.retranslate()

    def _next(self) -> None:
        if self.busy:
            return
        if self.active != "pin":
            self.active = self.order[self.order.index(self.active) + 1]
            self.retranslate()
            return
        missing = next((n for n in self.order if not self.values[n]), None)
        if missing is not None:
            self.active = missing
            self.values["pin"] = ""  # typed again once the 동 and 호 are there
            self.retranslate()
            return
        if len(self.values["pin"]) != MAX_LEN["pin"]:
            self.ctx.nav.notify(tr("비밀번호는 네 자리입니다. 다시 눌러 주세요."))
            self.values["pin"] = ""
            self.retranslate()
            return
        pin = self.values["pin"]
        self.values["pin"] = ""  # handed to the service, never kept
        self.busy = True
        self.ctx.nav.clear_notice()
        self.retranslate()
        if self.party == "neighbour":
            typed = self.values["member"]
            self.ctx.background.run(
                lambda: verify_neighbour(self.ctx.bookings, typed, pin),
                self._verified, self._refused)
            return
        building, unit = self.values["building"], self.values["unit"]
        self.ctx.background.run(
            lambda: self.ctx.bookings.verify_household(building, unit, pin),
            self._verified, self._refused)

    def _verified(self, party: VerifiedHousehold | VerifiedNeighbour) -> None:
        self.busy = False
        session = self.ctx.session
        if isinstance(party, VerifiedNeighbour):
            session.neighbour, session.household = party, None
        else:
            session.household, session.neighbour = party, None
        self.clear()
        if self.ctx.session.purpose == "mine":
            self.ctx.nav.go("mine")
        elif self.ctx.session.purpose == "event":
            self.ctx.nav.go("event")
        else:
            after_household(self.ctx)

    def _refused(self, exc: BaseException) -> None:
        self.busy = False
        self.values["pin"] = ""
        if isinstance(exc, BookingRefused):
            neighbour = self.party == "neighbour"
            if exc.reason in (Refusal.NOT_FOUND, Refusal.NEIGHBOUR_AMBIGUOUS):
                self.active = self.order[0]
                if neighbour:
                    self.values["member"] = ""
            else:
                self.active = "pin"
            self.ctx.nav.notify(refusal_text(exc, self.ctx.today(), neighbour=neighbour))
        else:
            self.ctx.nav.notify(unexpected_text())
        self.retranslate()


PLATE_PATTERN = re.compile(r"^(\d{2,3})([가-힣])?(\d{0,4})$")


class PlateScreen(Screen):
    """Registered plates first; otherwise digits and the plate syllables on a keypad."""

    name = "plate"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.text = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(m.spacing(12))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        # The registered plates on the heading's line: the keypads get the height.
        self.registered_box = registered = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        registered.setSpacing(m.spacing(16))
        self.registered_heading = label(name="sectionHeading")
        registered.addWidget(self.registered_heading)
        self.registered_row = ReflowGrid(max_columns=3, spacing=m.spacing(16), fill=False)
        registered.addLayout(self.registered_row, 1)
        outer.addLayout(registered)
        self.registered: dict[str, QPushButton] = {}
        self.other_heading = label(name="sectionHeading")
        outer.addWidget(self.other_heading)
        # No button to press at the end: a whole plate moves on to the confirm screen,
        # which shows it with a way to change it.
        self.auto_hint = label(name="detailText")
        outer.addWidget(self.auto_hint)
        # The typed plate beside the button, or above it when both do not fit side by side.
        self.entry = QWidget()
        entry_row = ReflowGrid(self.entry, max_columns=2, spacing=m.spacing(16))
        self.display = label(name="plateDisplay", wrap=False)
        entry_row.addWidget(self.display)
        self.entry_slot = QVBoxLayout()  # portrait: the typed plate above the keypads
        self.entry_slot.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.entry_slot)
        self.keys_box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.keys_box.setSpacing(m.spacing(32))
        self.digits = NumericKeypad(m, key_px=104)
        self.digits.digit.connect(self._digit)
        self.digits.erase.connect(self._erase)
        self.digits.confirm.connect(self._clear_typed)
        self.digits.confirm_key.setObjectName("keyErase")  # clears; it does not confirm
        self.syllables = SyllableKeypad(m, PLATE_SYLLABLES, columns=10, key_px=68)
        self.syllables.syllable.connect(self._syllable)
        self.keys_box.addWidget(self.digits, 1)
        # Landscape: the typed plate over the syllables, beside the digits.
        self.right = QVBoxLayout()
        self.right.setSpacing(m.spacing(12))
        self.right.addWidget(self.syllables)
        self.right.addStretch(1)
        self.keys_box.addLayout(self.right, 1)
        outer.addLayout(self.keys_box)
        outer.addStretch(1)
        self._place_entry(False)

    def _place_entry(self, portrait: bool) -> None:
        self.entry_slot.removeWidget(self.entry)
        self.right.removeWidget(self.entry)
        if portrait:
            self.entry_slot.addWidget(self.entry)
        else:
            self.right.insertWidget(0, self.entry)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.keys_box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                   else QBoxLayout.Direction.LeftToRight)
        self.syllables.set_columns(8 if portrait else 10)
        self.registered_box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                         else QBoxLayout.Direction.LeftToRight)
        self._place_entry(portrait)

    def enter(self, **params: Any) -> None:
        self.text = ""
        self.retranslate()

    def clear(self) -> None:
        self.text = ""
        clear_layout(self.registered_row)
        self.registered = {}

    def retranslate(self) -> None:
        self.title.setText(tr("차량 번호를 고르거나 입력하세요"))
        plates = self.ctx.session.household.plates if self.ctx.session.household else ()
        clear_layout(self.registered_row)
        self.registered = {}
        self.registered_heading.setText(tr("등록된 차량") if plates
                                        else tr("등록된 차량이 없습니다"))
        for plate in plates:
            choice = button(self.ctx.metrics, plate, "plateChoice",
                            lambda p=plate: self._choose(p), 300, 88)
            self.registered[plate] = choice
            self.registered_row.addWidget(choice)
        self.other_heading.setText(tr("다른 차량 번호 입력 (예: 12가3456, 123가4567)"))
        self.display.setText(self.text or "—")
        self.auto_hint.setText(tr("끝까지 누르면 바로 다음 화면으로 넘어갑니다."))
        self.digits.erase_key.setText(tr("지우기"))
        self.digits.confirm_key.setText(tr("모두 지우기"))
        self.digits.confirm_key.setEnabled(bool(self.text))
        match = PLATE_PATTERN.match(self.text)
        if match is not None and match.group(2):
            digits_open = len(match.group(3)) < 4
        else:
            digits_open = len(self.text) < 3
        for key in self.digits.keys.values():
            key.setEnabled(digits_open)
        # The syllable keys always look ready: a tap at the wrong moment says what to do.

    def _digit(self, digit: str) -> None:
        self.text += digit
        self.ctx.nav.clear_notice()
        match = PLATE_PATTERN.match(self.text)
        if match is not None and match.group(2) and len(match.group(3)) == 4 \
                and is_valid_plate(self.text):
            self._choose(self.text)  # the whole plate: nothing more to press
            return
        self.retranslate()

    def _syllable(self, syllable: str) -> None:
        match = PLATE_PATTERN.match(self.text)
        if re.fullmatch(r"\d{2,3}", self.text):
            self.text += syllable
        elif match is not None and match.group(2) and not match.group(3):
            self.text = match.group(1) + syllable  # another syllable instead of the first
        else:
            self.ctx.nav.notify(tr("한글은 앞의 숫자 2~3자리 다음에 누르세요. 예: 12가3456"),
                                "info")
            return
        self.ctx.nav.clear_notice()
        self.retranslate()

    def _erase(self) -> None:
        self.text = self.text[:-1]
        self.retranslate()

    def _clear_typed(self) -> None:
        self.text = ""
        self.retranslate()

    def _choose(self, plate: str) -> None:
        self.ctx.session.plate = plate
        self.text = ""
        self.ctx.nav.go("confirm")


