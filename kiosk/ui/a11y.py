"""Overlays: the accessibility panel and the idle warning."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.accessibility.panel import AccessibilityPanel
from kiosk.ui.accessibility.speech import VoiceGuide
from kiosk.ui.accessibility.themes import AccessibilitySettings, Metrics
from kiosk.ui.text import tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import SCROLL_BAR_GAP_PX, button, keep_clear_of_scroll_bar, label


class Overlay(QFrame):
    """A dimmed layer over the whole window with one centred panel."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.outer = QVBoxLayout(self)
        self.panel = QFrame()
        self.panel.setObjectName("overlayPanel")
        self.panel.setMinimumWidth(760)
        self.box = QVBoxLayout(self.panel)
        self.box.setContentsMargins(48, 40, 48, 40)
        self.box.setSpacing(metrics.spacing(24))
        # Stretch above and below (not a centring alignment), so wrapped text gets the
        # height it needs for the panel's width.
        self.outer.addStretch(1)
        self.outer.addWidget(self.panel)
        self.outer.addStretch(1)
        self.toggled: Callable[[], None] | None = None
        self.hide()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if self.toggled is not None:
            self.toggled()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def set_reach(self, band: QRect, margin: int) -> None:
        """Low-screen mode: the panel sits inside ``band`` (window rows) instead of centred."""
        height = self.height() or 1
        self.outer.setContentsMargins(margin, max(margin, band.top()), margin,
                                      max(margin, height - band.bottom() - 1))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # taps on the dimmed area do not reach the screen below


class AccessibilityOverlay(Overlay):
    """The full accessibility panel (voice, text size, contrast, low screen, language,
    replay/stop, rate and volume) with a close button, over whatever screen is shown."""

    def __init__(self, parent: QWidget, metrics: TouchMetrics, settings: AccessibilitySettings,
                 guide: VoiceGuide) -> None:
        super().__init__(parent, metrics)
        self.panel.setMinimumWidth(0)
        self.settings = settings
        self.content = AccessibilityPanel(settings, guide)
        # At 200 % the panel can be taller than the glass: it scrolls, the focus follows.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.content)
        keep_clear_of_scroll_bar(self.scroll, SCROLL_BAR_GAP_PX)
        self.box.addWidget(self.scroll, 1)
        self.close_button = button(metrics, "", "primaryButton", self.hide)
        self.close_button.setObjectName("primaryButton")
        self.box.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        QWidget.setTabOrder(self.content.order[-1], self.close_button)

    def set_metrics(self, metrics: Metrics, width_px: int) -> None:
        # Side margins of a gap, not a full margin, in the frame and in the panel: at 200 %
        # on an upright panel the widest setting button then still fits the width.
        m, gap = metrics.margin_px, metrics.gap_px
        self.box.setContentsMargins(gap, m, gap, m)
        self.box.setSpacing(gap)
        self.content.set_metrics(metrics, width_px - 2 * m - 2 * gap - metrics.control_px
                                 - SCROLL_BAR_GAP_PX, side_px=gap // 2)

    def retranslate(self) -> None:
        self.content.retranslate()
        self.close_button.setText(tr("닫기"))

    def open(self) -> None:
        super().open()
        self.content.voice.setFocus(Qt.FocusReason.OtherFocusReason)


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

    def open(self) -> None:
        super().open()
        self.extend_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_remaining(self, seconds: int) -> None:
        self.title.setText(tr("아직 계신가요?"))
        self.text.setText(tr("{n}초 뒤 입력하신 내용을 지우고 처음 화면으로 돌아갑니다.")
                          .format(n=seconds))
        self.extend_button.setText(tr("계속 쓸게요"))
