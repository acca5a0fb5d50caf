"""Overlays: the accessibility panel (language, text size) and the idle warning."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.text import tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import button, label

TEXT_SCALES: tuple[float, ...] = (1.0, 1.2, 1.4)


class Overlay(QFrame):
    """A dimmed layer over the whole window with one centred panel."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = QFrame()
        self.panel.setObjectName("overlayPanel")
        self.panel.setMinimumWidth(760)
        self.panel.setMaximumWidth(960)
        self.box = QVBoxLayout(self.panel)
        self.box.setContentsMargins(48, 40, 48, 40)
        self.box.setSpacing(metrics.spacing(24))
        outer.addWidget(self.panel)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # taps on the dimmed area do not reach the screen below


class AccessibilityPanel(Overlay):
    """Language and text size now; voice guidance and high contrast build on this panel."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics,
                 set_language: Callable[[str], None], set_scale: Callable[[float], None]) -> None:
        super().__init__(parent, metrics)
        self.title = label(name="overlayTitle")
        self.box.addWidget(self.title)
        self.language_heading = label(name="sectionHeading")
        self.box.addWidget(self.language_heading)
        row = QHBoxLayout()
        row.setSpacing(metrics.spacing(20))
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in (("ko", "한국어"), ("en", "English")):
            choice = button(metrics, name, "choiceButton", lambda c=code: set_language(c),
                            260, 96)
            choice.setCheckable(True)
            self.language_buttons[code] = choice
            row.addWidget(choice)
        self.box.addLayout(row)
        self.size_heading = label(name="sectionHeading")
        self.box.addWidget(self.size_heading)
        sizes = QHBoxLayout()
        sizes.setSpacing(metrics.spacing(20))
        self.size_buttons: dict[float, QPushButton] = {}
        for scale in TEXT_SCALES:
            choice = button(metrics, "", "choiceButton", lambda s=scale: set_scale(s), 200, 96)
            choice.setCheckable(True)
            self.size_buttons[scale] = choice
            sizes.addWidget(choice)
        self.box.addLayout(sizes)
        self.close_button = button(metrics, "", "primaryButton", self.hide, 300, 100)
        self.box.addWidget(self.close_button)

    def retranslate(self, language: str, scale: float) -> None:
        self.title.setText(tr("보기 설정"))
        self.language_heading.setText(tr("언어"))
        self.size_heading.setText(tr("글자 크기"))
        names = (tr("보통"), tr("크게"), tr("아주 크게"))
        for (value, choice), name in zip(self.size_buttons.items(), names, strict=True):
            choice.setText(name)
            choice.setChecked(value == scale)
        for code, choice in self.language_buttons.items():
            choice.setChecked(code == language)
        self.close_button.setText(tr("닫기"))


class IdleWarning(Overlay):
    """'Still there?' with a countdown and a one-tap extend."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics, extend: Callable[[], None]) -> None:
        super().__init__(parent, metrics)
        self.title = label(name="overlayTitle")
        self.text = label(name="detailText")
        self.box.addWidget(self.title)
        self.box.addWidget(self.text)
        self.extend_button = button(metrics, "", "primaryButton", extend, 420, 120)
        self.box.addWidget(self.extend_button)

    def show_remaining(self, seconds: int) -> None:
        self.title.setText(tr("아직 계신가요?"))
        self.text.setText(tr("{n}초 뒤 입력하신 내용을 지우고 처음 화면으로 돌아갑니다.")
                          .format(n=seconds))
        self.extend_button.setText(tr("계속 쓸게요"))
