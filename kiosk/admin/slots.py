"""The day's slots of one resource at the desk: what the kiosk would offer, and why a
slot is closed, so a booking taken by phone is not a guess."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.admin.text import refusal_text, tr
from kiosk.domain.availability import Slot
from kiosk.domain.clock import to_local
from kiosk.domain.errors import BookingRefused, Refusal

COLUMNS = 8
FREE_STYLE = ("QPushButton { background: #e8f5e9; color: #1b5e20; border: 1px solid #81c784;"
              " border-radius: 4px; padding: 2px; }"
              " QPushButton:checked { background: #1b5e20; color: white; }")
CLOSED_STYLE = ("QPushButton { background: #eeeeee; color: #616161; border: 1px solid #d0d0d0;"
                " border-radius: 4px; padding: 2px; }")


def closed_word(reason: Refusal) -> str:
    """Why a slot is closed, in one or two words that fit under its time."""
    return {
        Refusal.IN_PAST: tr("지난 시간"),
        Refusal.NOTICE: tr("너무 임박"),
        Refusal.TAKEN: tr("예약 찼음"),
        Refusal.BLACKOUT: tr("이용 중단"),
        Refusal.TOO_FAR_AHEAD: tr("아직 못 받음"),
        Refusal.OUT_OF_SERVICE: tr("사용 중지"),
        Refusal.NOT_BOOKABLE: tr("예약 안 받음"),
        Refusal.CLOSED: tr("운영 안 함"),
    }.get(reason, tr("닫힘"))


class SlotGrid(QWidget):
    """Buttons by start time; a free one picks its start, a closed one says why."""

    picked = Signal(object)  # the slot's start, an aware datetime

    def __init__(self) -> None:
        super().__init__()
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.grid = QGridLayout()
        self.grid.setSpacing(4)
        self.outer.addWidget(self.note)
        self.outer.addLayout(self.grid)
        self.outer.addStretch(1)
        self.buttons: list[QPushButton] = []
        self.slots: list[Slot] = []

    def show_slots(self, slots: list[Slot]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.slots = slots
        free = sum(1 for s in slots if s.bookable)
        if not slots:
            self.note.setText(tr("이 날은 운영하지 않습니다."))
        else:
            self.note.setText(tr("예약할 수 있는 시간 {f}칸 / 전체 {n}칸. 초록 칸을 누르면 "
                                 "시작 시각이 됩니다.").format(f=free, n=len(slots)))
        for index, slot in enumerate(slots):
            start = to_local(slot.start)
            if slot.blocked_by is None:
                text = f"{start:%H:%M}\n" + tr("{n}개 남음").format(n=slot.units_left)
                tip = tr("{t}부터 예약할 수 있습니다.").format(t=f"{start:%H:%M}")
            else:
                text = f"{start:%H:%M}\n{closed_word(slot.blocked_by)}"
                tip = refusal_text(BookingRefused(slot.blocked_by))
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setMinimumHeight(44)
            button.setCheckable(slot.bookable)
            button.setStyleSheet(FREE_STYLE if slot.bookable else CLOSED_STYLE)
            if slot.bookable:
                button.clicked.connect(partial(self._pick, index))
            self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons.append(button)

    def show_problem(self, text: str) -> None:
        self.show_slots([])
        self.note.setText(text)

    def mark(self, start: datetime) -> None:
        """Press the button of the slot starting at ``start`` (if any), release others."""
        for slot, button in zip(self.slots, self.buttons, strict=True):
            button.setChecked(slot.bookable and slot.start == start)

    def _pick(self, index: int, _checked: bool = False) -> None:
        self.picked.emit(self.slots[index].start)
