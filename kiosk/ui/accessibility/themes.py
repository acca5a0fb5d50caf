"""Normal and high-contrast themes, the 100/150/200 % scale, and the per-visit settings.

Screens never hard-code pixel sizes: they read ``Metrics`` (fonts, control sizes, gaps,
margins, the reach band), which already includes the text scale, and set the style sheet
from ``style_sheet``. Scaling the whole content this way (not QT_SCALE_FACTOR) keeps the
panel's millimetres exact and lets 200 % reflow instead of overflowing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from kiosk.ui.accessibility.geometry import (
    FONT_FAMILIES,
    MIN_GAP_MM,
    MIN_INK_MM,
    PanelGeometry,
    kiosk_font,
)

TEXT_SCALES = (100, 150, 200)
RATE_STEPS = (-0.4, -0.2, 0.0, 0.2, 0.4)
"""Speech rate per step (QTextToSpeech: -1 slowest … 1 fastest); step 2 is normal."""
VOLUME_STEPS = (0.4, 0.55, 0.7, 0.85, 1.0)
"""Speech volume per step; step 3 is the default."""
DEFAULT_RATE_STEP = 2
DEFAULT_VOLUME_STEP = 3
TITLE_FACTOR = 1.3
"""Primary labels (screen titles) are larger than essential text."""
GAP_MM = 3.0
"""Spacing between controls: above the 2.5 mm minimum so rounding never breaks it."""


@dataclass(frozen=True)
class Theme:
    """Colours of one theme; every pair used for text or boundaries is tested."""

    name: str
    background: str
    surface: str
    text: str
    heading: str
    muted: str
    button: str
    button_text: str
    button_border: str
    secondary_button: str
    secondary_text: str
    field_border: str
    focus_border: str
    focus_fill: str
    focus_text: str
    min_text_contrast: float


NORMAL = Theme(
    name="normal", background="#F7F7F5", surface="#FFFFFF", text="#1A1A1A",
    heading="#10324A", muted="#3D4A52", button="#10324A", button_text="#FFFFFF",
    button_border="#10324A", secondary_button="#FFFFFF", secondary_text="#10324A",
    field_border="#5B6770", focus_border="#FFB000", focus_fill="", focus_text="",
    min_text_contrast=4.5,
)
"""Calm light theme; focus turns the button's border amber (≥ 3:1 against navy)."""

HIGH_CONTRAST = Theme(
    name="high_contrast", background="#000000", surface="#000000", text="#FFFFFF",
    heading="#FFFF00", muted="#FFFFFF", button="#000000", button_text="#FFFF00",
    button_border="#FFFF00", secondary_button="#000000", secondary_text="#FFFFFF",
    field_border="#8A8A8A", focus_border="#FFFF00", focus_fill="#FFFF00", focus_text="#000000",
    min_text_contrast=7.0,
)
"""White and yellow on black; focus inverts a button (yellow fill, black text) and turns a
field's grey border yellow."""


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one panel at one text scale; what screens lay themselves out with."""

    scale: float
    body_px: int
    title_px: int
    control_px: int
    gap_px: int
    margin_px: int
    border_px: int
    radius_px: int
    line_px: int
    reach: QRect
    information: QRect

    def scaled(self, px: float) -> int:
        """A screen's own size (designed at 100 %) at the current scale."""
        return round(px * self.scale)


def metrics_for(geometry: PanelGeometry, text_scale: int = 100,
                low_screen: bool = False) -> Metrics:
    """Sizes that meet the criteria on this panel, multiplied by the text scale."""
    if text_scale not in TEXT_SCALES:
        raise ValueError(f"text scale must be one of {TEXT_SCALES}, got {text_scale}")
    scale = text_scale / 100
    body = geometry.font_px_for_ink(MIN_INK_MM * scale)
    title = geometry.font_px_for_ink(MIN_INK_MM * scale * TITLE_FACTOR, bold=True)
    full = QRect(0, 0, geometry.width_px, geometry.height_px)
    return Metrics(
        scale=scale,
        body_px=body,
        title_px=title,
        control_px=round(geometry.min_control_px() * scale),
        gap_px=max(geometry.mm_to_px(MIN_GAP_MM), round(geometry.mm_to_px(GAP_MM) * scale)),
        margin_px=round(geometry.mm_to_px(5.0) * scale),
        border_px=max(3, geometry.mm_to_px(1.0)),
        radius_px=geometry.mm_to_px(2.0),
        line_px=math.ceil(QFontMetricsF(kiosk_font(body, bold=True)).height()),
        reach=geometry.interactive_band() if low_screen else full,
        information=geometry.information_band() if low_screen else full,
    )


def style_sheet(theme: Theme, metrics: Metrics) -> str:
    """The screen's QSS: colours of the theme, sizes of the metrics, a visible focus state.

    ``outline: none`` drops the native focus rectangle, which would repaint the control in
    the platform style's colours; the theme's own focus state replaces it.
    Roles are dynamic properties: ``a11y_role`` = ``title`` / ``secondary`` (labels),
    ``secondary`` (buttons), ``card`` (frames).
    """
    t, m = theme, metrics
    family = ", ".join(f'"{f}"' if " " in f else f for f in FONT_FAMILIES)
    pad = max(4, m.gap_px)
    # Content height: the control minimum less the borders, but never less than a line of
    # text, so a layout can never squeeze a control until its text is cut.
    inner = max(m.control_px - 4 * m.border_px, m.line_px)
    focus_fill = (f"background: {t.focus_fill}; color: {t.focus_text};"
                  if t.focus_fill else "")
    return f"""
QWidget {{ background: {t.background}; color: {t.text}; font-family: {family};
    font-size: {m.body_px}px; }}
QLabel {{ background: transparent; }}
QLabel[a11y_role="title"] {{ color: {t.heading}; font-size: {m.title_px}px; font-weight: 700; }}
QLabel[a11y_role="secondary"] {{ color: {t.muted}; }}
QFrame[a11y_role="card"] {{ background: {t.surface}; border: {m.border_px}px solid {t.field_border};
    border-radius: {m.radius_px}px; }}
QPushButton, QToolButton {{ background: {t.button}; color: {t.button_text};
    border: {m.border_px * 2}px solid {t.button_border}; border-radius: {m.radius_px}px;
    min-height: {inner}px; min-width: {m.control_px - 4 * m.border_px}px;
    padding: 0px {pad}px; font-weight: 600; outline: none; }}
QPushButton[a11y_role="secondary"], QToolButton[a11y_role="secondary"] {{
    background: {t.secondary_button}; color: {t.secondary_text}; }}
QPushButton:focus, QToolButton:focus {{ border-color: {t.focus_border}; {focus_fill} }}
QPushButton:disabled, QToolButton:disabled {{ background: {t.background}; color: {t.muted};
    border-color: {t.muted}; }}
QLineEdit {{ background: {t.surface}; color: {t.text}; border: {m.border_px * 2}px solid
    {t.field_border}; border-radius: {m.radius_px}px; min-height: {inner}px;
    padding: 0px {pad}px; placeholder-text-color: {t.muted};
    outline: none; }}
QLineEdit:focus {{ border-color: {t.focus_border}; }}
QScrollBar {{ background: {t.background}; border: {m.border_px}px solid {t.field_border}; }}
QScrollBar:vertical {{ width: {m.control_px}px; }}
QScrollBar:horizontal {{ height: {m.control_px}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QScrollBar::handle {{ background: {t.button}; border: {m.border_px}px solid {t.button_border};
    min-height: {m.control_px}px; min-width: {m.control_px}px; }}
"""


class AccessibilitySettings(QObject):
    """What a resident chose for this visit; ``reset()`` at the end of every session."""

    changed = Signal()

    def __init__(self, default_language: str = "ko", parent: QObject | None = None) -> None:
        super().__init__(parent)
        if default_language not in ("ko", "en"):
            raise ValueError(f"language must be ko or en, got {default_language!r}")
        self.default_language = default_language
        self.voice = False
        self.text_scale = 100
        self.high_contrast = False
        self.low_screen = False
        self.language = default_language
        self.speech_rate_step = DEFAULT_RATE_STEP
        self.speech_volume_step = DEFAULT_VOLUME_STEP

    def _values(self) -> dict[str, Any]:
        return {"voice": self.voice, "text_scale": self.text_scale,
                "high_contrast": self.high_contrast, "low_screen": self.low_screen,
                "language": self.language, "speech_rate_step": self.speech_rate_step,
                "speech_volume_step": self.speech_volume_step}

    def update(self, **values: Any) -> None:
        """Change some settings at once; ``changed`` fires once if anything changed."""
        current = self._values()
        unknown = set(values) - set(current)
        if unknown:
            raise TypeError(f"unknown accessibility settings: {sorted(unknown)}")
        merged = {**current, **values}
        if merged["text_scale"] not in TEXT_SCALES:
            raise ValueError(f"text scale must be one of {TEXT_SCALES}")
        if merged["language"] not in ("ko", "en"):
            raise ValueError("language must be ko or en")
        if not 0 <= merged["speech_rate_step"] < len(RATE_STEPS):
            raise ValueError(f"speech rate step must be 0-{len(RATE_STEPS) - 1}")
        if not 0 <= merged["speech_volume_step"] < len(VOLUME_STEPS):
            raise ValueError(f"speech volume step must be 0-{len(VOLUME_STEPS) - 1}")
        if merged == current:
            return
        for key, value in merged.items():
            setattr(self, key, value)
        self.changed.emit()

    def reset(self) -> None:
        """Back to the defaults for the next resident (voice off, 100 %, normal theme…)."""
        self.update(voice=False, text_scale=100, high_contrast=False, low_screen=False,
                    language=self.default_language, speech_rate_step=DEFAULT_RATE_STEP,
                    speech_volume_step=DEFAULT_VOLUME_STEP)

    def step_rate(self, delta: int) -> None:
        self.update(speech_rate_step=min(len(RATE_STEPS) - 1,
                                         max(0, self.speech_rate_step + delta)))

    def step_volume(self, delta: int) -> None:
        self.update(speech_volume_step=min(len(VOLUME_STEPS) - 1,
                                           max(0, self.speech_volume_step + delta)))

    @property
    def speech_rate(self) -> float:
        return RATE_STEPS[self.speech_rate_step]

    @property
    def speech_volume(self) -> float:
        return VOLUME_STEPS[self.speech_volume_step]

    @property
    def theme(self) -> Theme:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    def metrics(self, geometry: PanelGeometry) -> Metrics:
        return metrics_for(geometry, self.text_scale, self.low_screen)


def apply(window: QWidget, settings: AccessibilitySettings, geometry: PanelGeometry) -> Metrics:
    """Style ``window`` for the current settings and return the metrics to lay it out with."""
    metrics = settings.metrics(geometry)
    window.setStyleSheet(style_sheet(settings.theme, metrics))
    window.setProperty("a11y_scale", metrics.scale)
    return metrics

