"""The accessibility panel every screen opens from its accessibility button.

Voice guidance, text size, high contrast, low-screen mode, language, speech rate and
volume, replay and stop, and a reset. States are written out ("켜짐/꺼짐"), never shown
by colour alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from kiosk.ui.accessibility.speech import VoiceGuide
from kiosk.ui.accessibility.text import tr
from kiosk.ui.accessibility.themes import (
    RATE_STEPS,
    TEXT_SCALES,
    VOLUME_STEPS,
    AccessibilitySettings,
    Metrics,
)


def _on_off(on: bool) -> str:
    return tr("켜짐") if on else tr("꺼짐")


class AccessibilityPanel(QFrame):
    """Buttons that change ``AccessibilitySettings``; the screen re-styles on ``changed``."""

    def __init__(self, settings: AccessibilitySettings, guide: VoiceGuide | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibilityPanel")
        self.setProperty("a11y_role", "card")
        self.settings = settings
        self.guide = guide
        self.title = QLabel()
        self.title.setProperty("a11y_role", "title")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("a11y_role", "secondary")

        def button(name: str) -> QPushButton:
            made = QPushButton(self)  # parented now: the Tab order is set before layout
            made.setObjectName(name)
            return made

        self.voice = button("voiceButton")
        self.text_size = button("textSizeButton")
        self.contrast = button("contrastButton")
        self.low_screen = button("lowScreenButton")
        self.language = button("languageButton")
        self.slower, self.faster = button("slowerButton"), button("fasterButton")
        self.quieter, self.louder = button("quieterButton"), button("louderButton")
        self.rate_label, self.volume_label = QLabel(self), QLabel(self)
        self.replay, self.stop = button("replayButton"), button("stopButton")
        self.reset = button("resetButton")
        self.reset.setProperty("a11y_role", "secondary")

        self.voice.clicked.connect(lambda: settings.update(voice=not settings.voice))
        self.text_size.clicked.connect(self._next_scale)
        self.contrast.clicked.connect(
            lambda: settings.update(high_contrast=not settings.high_contrast))
        self.low_screen.clicked.connect(
            lambda: settings.update(low_screen=not settings.low_screen))
        self.language.clicked.connect(
            lambda: settings.update(language="en" if settings.language == "ko" else "ko"))
        self.slower.clicked.connect(lambda: settings.step_rate(-1))
        self.faster.clicked.connect(lambda: settings.step_rate(1))
        self.quieter.clicked.connect(lambda: settings.step_volume(-1))
        self.louder.clicked.connect(lambda: settings.step_volume(1))
        self.reset.clicked.connect(settings.reset)
        if guide is not None:
            self.replay.clicked.connect(guide.replay)
            self.stop.clicked.connect(guide.stop)
            guide.statusChanged.connect(self.retranslate)

        self.order: list[QWidget] = [
            self.voice, self.replay, self.stop, self.rate_label, self.slower, self.faster,
            self.volume_label, self.quieter, self.louder, self.text_size, self.contrast,
            self.low_screen, self.language, self.reset]
        self.grid = QGridLayout(self)
        self.columns = 3
        settings.changed.connect(self.retranslate)
        self.retranslate()

    def set_metrics(self, metrics: Metrics, width_px: int, side_px: int | None = None) -> None:
        """Spacing in step with the scale, and as many columns as ``width_px`` holds, so
        200 % reflows instead of scrolling sideways (fonts and sizes come from the QSS).
        ``side_px``: the least side margin, taken when the widest button would not fit
        beside full margins (a panel inside a frame that has its own)."""
        self.grid.setSpacing(metrics.gap_px)
        m = metrics.margin_px
        self.ensurePolished()
        widest = max(w.sizeHint().width() for w in self.order)
        side = m if side_px is None or widest + 2 * m <= width_px else side_px
        self.grid.setContentsMargins(side, m, side, m)
        usable = width_px - 2 * side
        self._regrid(max(1, min(3, (usable + metrics.gap_px) // (widest + metrics.gap_px))))

    def _regrid(self, columns: int) -> None:
        """Lay the shown controls out row by row in reading order (= the Tab order)."""
        self.columns = columns
        voice_only = {self.replay, self.stop, self.slower, self.faster, self.quieter,
                      self.louder, self.rate_label, self.volume_label}
        shown = [w for w in self.order if self.settings.voice or w not in voice_only]
        for widget in (self.title, self.status, *self.order):
            self.grid.removeWidget(widget)
        for widget in self.order:
            widget.setVisible(widget in shown)
        self.grid.addWidget(self.title, 0, 0, 1, columns)
        self.grid.addWidget(self.status, 1, 0, 1, columns)
        for index, widget in enumerate(shown):
            self.grid.addWidget(widget, 2 + index // columns, index % columns)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(3 + (len(shown) - 1) // columns, 1)  # spare room below
        for first, second in zip(self.order, self.order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _next_scale(self) -> None:
        scales = list(TEXT_SCALES)
        index = scales.index(self.settings.text_scale)
        self.settings.update(text_scale=scales[(index + 1) % len(scales)])

    def retranslate(self) -> None:
        s = self.settings
        self.title.setText(tr("접근성"))
        self.status.setText(self.guide.status_text() if self.guide is not None else "")
        self.status.setVisible(self.guide is not None)
        self.voice.setText(tr("음성 안내: {state}").format(state=_on_off(s.voice)))
        self.text_size.setText(tr("글자 크기 {scale} %").format(scale=s.text_scale))
        self.contrast.setText(tr("고대비: {state}").format(state=_on_off(s.high_contrast)))
        self.low_screen.setText(tr("낮은 화면: {state}").format(state=_on_off(s.low_screen)))
        self.language.setText("English" if s.language == "ko" else "한국어")
        self.rate_label.setText(tr("말하기 속도 {step}/{steps}").format(
            step=s.speech_rate_step + 1, steps=len(RATE_STEPS)))
        self.volume_label.setText(tr("음량 {step}/{steps}").format(
            step=s.speech_volume_step + 1, steps=len(VOLUME_STEPS)))
        self.slower.setText(tr("느리게"))
        self.faster.setText(tr("빠르게"))
        self.quieter.setText(tr("작게"))
        self.louder.setText(tr("크게"))
        self.replay.setText(tr("다시 듣기"))
        self.stop.setText(tr("멈춤"))
        self.reset.setText(tr("처음 상태로"))
        self._regrid(self.columns)
