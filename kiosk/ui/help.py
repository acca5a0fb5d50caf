"""Help: the management office's name, phone number (large), hours and a QR code, over
whatever screen the resident is on, so closing it returns to exactly where they were.

The phone number is not personal data: voice guidance reads it digit by digit. Without a
configured phone the help still opens, with what is configured and "ask at the office".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt, QTranslator
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Office
from kiosk.ui.a11y import Overlay
from kiosk.ui.accessibility.speech import SCREEN, Phrase, literal
from kiosk.ui.accessibility.text import CONTEXT as SPEECH_CONTEXT
from kiosk.ui.accessibility.themes import Metrics
from kiosk.ui.qr import qr_pixmap
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import SCROLL_BAR_GAP_PX, button, keep_clear_of_scroll_bar, label

CONTEXT = "kiosk.ui.help"
QR_MM = 60.0
"""Side of the QR code on the glass: a phone held at arm's length reads it."""
PHONE_FACTOR = 1.6
"""The phone number is this many times the title size, as long as it fits the width."""
DIGITS_KO = "공일이삼사오육칠팔구"
DIGITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


COMPACT_LABEL = "?"
"""The help button's label where the bottom row has room only for a compact one."""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def button_label() -> str:
    return tr("도움말 · 전화")


def spoken_digits(office: Office, language: str) -> str:
    """"02-1234-5678" → "공 이, 일 이 삼 사, 오 육 칠 팔" (Korean reads 0 as 공 on the phone)."""
    words = DIGITS_KO if language == "ko" else DIGITS_EN
    groups = [" ".join(words[int(d)] for d in group) for group in office.digit_groups()]
    plus = ("플러스 " if language == "ko" else "plus ") if office.phone.startswith("+") else ""
    return plus + ", ".join(groups)


def office_name(office: Office, language: str) -> str:
    """Shown name: the English one in English (the Korean one if that is all there is)."""
    if language == "en":
        return office.name_en or office.name or tr("관리사무소")
    return office.name or tr("관리사무소")


def office_hours(office: Office, language: str) -> str:
    return (office.hours_en or office.hours) if language == "en" else office.hours


# Spoken sentences (Korean sources; English from the .qm file, in this module's context).
CALL = "{office} 전화번호는 {digits}입니다."
ASK = "{office}에 직접 문의하세요."
HOURS = "운영 시간은 {hours}입니다."
CLOSE = "다 보셨으면 닫기를 누르세요. 보던 화면으로 돌아갑니다."


def announcement(office: Office, english: QTranslator) -> Phrase:
    """What voice guidance says when help opens, in both languages (the guide picks)."""
    def sentences(language: str) -> str:
        def t(source: str, context: str = CONTEXT) -> str:
            return (english.translate(context, source) or source) if language == "en" \
                else source

        if language == "en":
            name = office.name_en or t("관리사무소")  # an English voice cannot read Hangul
        else:
            name = office.name or "관리사무소"
        parts = [t(SCREEN, SPEECH_CONTEXT).format(title=t("도움말"))]
        if office.digit_groups():
            parts.append(t(CALL).format(office=name,
                                        digits=spoken_digits(office, language)))
        else:
            parts.append(t(ASK).format(office=name))
        hours = office.hours_en if language == "en" else office.hours
        if hours:
            parts.append(t(HOURS).format(hours=hours))
        parts.append(t(CLOSE))
        return " ".join(parts)

    return literal(sentences("ko"), sentences("en"))


class HelpContent(QWidget):
    """Office, phone and hours beside the QR code (above it when narrow or at 200 %),
    and what to do below them."""

    def __init__(self, office: Office) -> None:
        super().__init__()
        self.office = office
        self.setObjectName("helpContent")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.outer = outer
        self.title = label(name="overlayTitle")
        outer.addWidget(self.title)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        outer.addLayout(self.row)
        left = QVBoxLayout()
        self.left = left
        self.office_label = label(name="sectionHeading")
        left.addWidget(self.office_label)
        self.phone_caption = label(name="detailText")
        left.addWidget(self.phone_caption)
        self.phone = label(office.phone, "helpPhone", wrap=False)
        self.phone.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.phone.setVisible(bool(office.phone))
        left.addWidget(self.phone)
        self.hours = label(name="detailText")
        left.addWidget(self.hours)
        left.addStretch(1)
        self.row.addLayout(left, 3)
        right = QVBoxLayout()
        self.right = right
        self.qr = label(name="qrCode", wrap=False)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_caption = label(name="detailText")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr_caption)
        right.addStretch(1)
        self.row.addLayout(right, 2)
        self.steps = label(name="detailRules")
        outer.addWidget(self.steps)
        self.qr_px = 0
        self.phone_px = 0
        self.stacked = False
        self.metrics: Metrics | None = None
        has_qr = bool(office.qr_target)
        self.qr.setVisible(has_qr)
        self.qr_caption.setVisible(has_qr)

    def set_metrics(self, metrics: Metrics, qr_px: int, width_px: int) -> None:
        """Sizes for the scale; side by side only when both columns keep their text whole."""
        for box in (self.outer, self.left, self.right):
            box.setSpacing(metrics.gap_px)
        self.row.setSpacing(2 * metrics.gap_px)
        stacked = metrics.scale >= 2 or width_px < 1200
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if stacked
                              else QBoxLayout.Direction.LeftToRight)
        self.row.setStretch(0, 0 if stacked else 3)
        self.row.setStretch(1, 0 if stacked else 2)
        if self.office.qr_target and qr_px != self.qr_px:
            self.qr_px = qr_px
            self.qr.setPixmap(qr_pixmap(self.office.qr_target, qr_px))
        self.stacked = stacked
        self.metrics = metrics
        self._fit_phone()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_phone()

    def _fit_phone(self) -> None:
        """Large digits, but never wider than the room they get: the number is never cut."""
        if self.metrics is None or not self.office.phone:
            return
        room = self.width() if self.stacked else self.width() * 3 // 5 - self.row.spacing()
        title = self.metrics.title_px
        size = round(title * PHONE_FACTOR)
        font = QFont(self.phone.font())
        font.setWeight(QFont.Weight.ExtraBold)
        while size > title:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(self.office.phone) + 8 <= room:
                break
            size -= 2
        size = max(size, title)
        if size != self.phone_px:
            self.phone_px = size
            self.phone.setStyleSheet(f"font-size: {size}px; font-weight: 800;")

    def retranslate(self, language: str) -> None:
        office = self.office
        self.title.setText(tr("도움이 필요하신가요?"))
        self.office_label.setText(office_name(office, language))
        # The number speaks for itself; without one, the caption says whom to ask.
        self.phone_caption.setText(tr("전화번호가 설정되지 않았습니다. "
                                      "관리사무소에 직접 문의하세요."))
        self.phone_caption.setVisible(not office.phone)
        hours = office_hours(office, language)
        self.hours.setText(tr("운영 시간: {hours}").format(hours=hours) if hours else "")
        self.hours.setVisible(bool(hours))
        self.qr_caption.setText(tr("휴대전화로 찍으면 안내 페이지가 열립니다") if office.url
                                else tr("휴대전화로 찍으면 바로 전화를 걸 수 있습니다"))
        steps = [tr("예약이 안 되거나 화면을 쓰기 어려우면 위 번호로 전화하세요.")
                 if office.phone else
                 tr("예약이 안 되거나 화면을 쓰기 어려우면 관리사무소에 직접 문의하세요."),
                 tr("글자 크기, 음성 안내, 고대비 화면은 "
                    "'접근성 · 음성' 버튼에서 바꿀 수 있습니다."),
                 tr("'닫기'를 누르면 보던 화면으로 돌아갑니다. 입력하신 내용은 그대로 있습니다.")]
        self.steps.setText("\n".join(f"• {s}" for s in steps))


class HelpOverlay(Overlay):
    """Help over the current screen; Close (or Escape) puts the resident back where they
    were, with the focus on the help button they came from."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics, office: Office) -> None:
        super().__init__(parent, metrics)
        self.setObjectName("overlay")
        self.panel.setMinimumWidth(0)
        self.office = office
        self.content = HelpContent(office)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("helpScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.content)
        keep_clear_of_scroll_bar(self.scroll, SCROLL_BAR_GAP_PX)
        self.box.addWidget(self.scroll, 1)
        self.close_button = button(metrics, "", "primaryButton", self.close_help)
        # A third of the panel wide: easy to hit, and the focus ring never covers its text.
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.close_button, 1)
        closing.addStretch(1)
        self.box.addLayout(closing)
        self.return_to: QWidget | None = None

    @property
    def phone_label(self) -> QLabel:
        return self.content.phone

    def set_metrics(self, metrics: Metrics, width_px: int, qr_px: int) -> None:
        m = metrics.margin_px
        self.box.setContentsMargins(m, m, m, m)
        self.box.setSpacing(metrics.gap_px)
        usable = width_px - 4 * m - SCROLL_BAR_GAP_PX - metrics.control_px // 2
        self.content.set_metrics(metrics, qr_px, usable)

    def retranslate(self, language: str) -> None:
        self.content.retranslate(language)
        self.close_button.setText(tr("닫기"))

    def open_from(self, origin: QWidget | None) -> None:
        self.return_to = origin
        self.scroll.verticalScrollBar().setValue(0)
        self.open()
        self._fit_height()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def set_reach(self, band: QRect, margin: int) -> None:
        super().set_reach(band, margin)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the help needs, up to the room there is; only then does it scroll
        (a scroll area alone would ask for a few lines and scroll on a tall panel)."""
        outer, box = self.outer.contentsMargins(), self.box.contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        width = self.width() - outer.left() - outer.right() - box.left() - box.right() \
            - SCROLL_BAR_GAP_PX - bar
        if width <= 0:
            return
        need = self.content.heightForWidth(width)
        room = self.height() - outer.top() - outer.bottom() - box.top() - box.bottom() \
            - self.box.spacing() - self.close_button.sizeHint().height()
        self.scroll.setMinimumHeight(max(0, min(need + self.box.spacing(), room)))

    def close_help(self) -> None:
        self.hide()
        origin = self.return_to
        self.return_to = None
        if origin is not None and origin.isVisible():
            origin.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_help()
            return
        super().keyPressEvent(event)
