"""Physical sizes on the installed panel: millimetres, minimum targets, ink heights, reach.

Every figure comes from the panel's configured size and the height of its bottom edge
above the floor (``Settings.panel``), so the same screen is checked against what a
resident actually sees and reaches at this kiosk, not against pixels.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

from kiosk.config import Panel

MIN_CONTROL_MM = 12.0
"""Every control at least 12 mm wide and tall."""
MIN_CONTROL_AREA_MM2 = 150.0
"""… and at least 150 mm² (so a square control needs 12.25 mm sides)."""
MIN_GAP_MM = 2.5
"""Space between two controls."""
MIN_INK_MM = 7.25
"""Ink height of essential text at 100 %: capital letters, or Hangul syllables."""
REACH_LOW_MM = 400.0
REACH_HIGH_MM = 1220.0
"""Low-screen mode: every control between these heights above the floor."""
INFORMATION_HIGH_MM = 1400.0
"""Low-screen mode: information no higher than this."""

FONT_FAMILIES = ["Noto Sans CJK KR", "Noto Sans KR", "sans-serif"]
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
HANGUL_SAMPLE = "한글"
LATIN_SAMPLE = "H"


def kiosk_font(pixel_size: int, bold: bool = False) -> QFont:
    """The kiosk's text face at an exact pixel size."""
    font = QFont(FONT_FAMILIES)
    font.setPixelSize(max(1, pixel_size))
    font.setBold(bold)
    return font


@lru_cache(maxsize=64)
def _ratios(families: tuple[str, ...], bold: bool) -> tuple[float, float]:
    """(cap height, Hangul ink height) per pixel of font size, from the font's metrics."""
    font = QFont(list(families))
    font.setPixelSize(200)
    font.setBold(bold)
    metrics = QFontMetricsF(font)
    cap = metrics.capHeight() or metrics.tightBoundingRect(LATIN_SAMPLE).height()
    hangul = metrics.tightBoundingRect(HANGUL_SAMPLE).height()
    return cap / 200.0, (hangul or cap) / 200.0


def ink_ratio(font: QFont, text: str) -> float:
    """Ink height per pixel of font size for ``text``: Hangul syllables or Latin capitals."""
    cap, hangul = _ratios(tuple(font.families()) or (font.family(),), font.bold())
    return hangul if HANGUL.search(text) else cap


def font_pixel_size(font: QFont) -> float:
    """The font's size in pixels whether it was set in pixels or points."""
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return font.pointSizeF() * dpi / 72.0


@dataclass(frozen=True)
class PanelGeometry:
    """The screen in pixels and in millimetres, oriented as it is mounted."""

    width_px: int
    height_px: int
    width_mm: float
    height_mm: float
    bottom_edge_mm: float

    @classmethod
    def from_panel(cls, panel: Panel, screen: QSize | tuple[int, int]) -> PanelGeometry:
        """Match the panel's long side to the screen's long side (portrait or landscape)."""
        width_px, height_px = ((screen.width(), screen.height()) if isinstance(screen, QSize)
                               else screen)
        if width_px <= 0 or height_px <= 0:
            raise ValueError(f"screen size must be positive, got {width_px}×{height_px}")
        long_mm, short_mm = max(panel.width_mm, panel.height_mm), min(panel.width_mm,
                                                                        panel.height_mm)
        if width_px >= height_px:
            width_mm, height_mm = long_mm, short_mm
        else:
            width_mm, height_mm = short_mm, long_mm
        return cls(width_px, height_px, width_mm, height_mm, panel.bottom_edge_mm)

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    @property
    def px_per_mm_x(self) -> float:
        return self.width_px / self.width_mm

    @property
    def px_per_mm_y(self) -> float:
        return self.height_px / self.height_mm

    def mm_to_px(self, mm: float) -> int:
        """Whole pixels that cover at least ``mm`` along either axis."""
        return math.ceil(mm * max(self.px_per_mm_x, self.px_per_mm_y) - 1e-9)

    def width_mm_of(self, px: float) -> float:
        return px / self.px_per_mm_x

    def height_mm_of(self, px: float) -> float:
        return px / self.px_per_mm_y

    # --- targets and text -------------------------------------------------------------

    def min_control_px(self) -> int:
        """Side of the smallest square control that meets both the side and area rules."""
        return self.mm_to_px(max(MIN_CONTROL_MM, math.sqrt(MIN_CONTROL_AREA_MM2)))

    def min_gap_px(self) -> int:
        return self.mm_to_px(MIN_GAP_MM)

    def font_px_for_ink(self, ink_mm: float = MIN_INK_MM, bold: bool = False) -> int:
        """Font pixel size whose Latin capitals and Hangul both reach ``ink_mm``."""
        cap, hangul = _ratios(tuple(FONT_FAMILIES), bold)
        ratio = min(cap, hangul)
        return math.ceil(ink_mm * self.px_per_mm_y / ratio - 1e-9)

    def ink_height_mm(self, font: QFont, text: str) -> float:
        """Ink height of ``text`` in this font on this panel."""
        return self.height_mm_of(font_pixel_size(font) * ink_ratio(font, text))

    # --- reach ---------------------------------------------------------------------------

    def floor_height_mm(self, y_px: float) -> float:
        """Height above the floor of screen row ``y_px`` (0 = top of the panel)."""
        return self.bottom_edge_mm + (self.height_px - y_px) / self.px_per_mm_y

    def y_for_floor_height(self, height_mm: float) -> float:
        """Screen row at ``height_mm`` above the floor (may lie off the screen)."""
        return self.height_px - (height_mm - self.bottom_edge_mm) * self.px_per_mm_y

    def band(self, low_mm: float, high_mm: float) -> QRect:
        """Screen rectangle between two heights above the floor (empty if off the panel)."""
        top = max(0, math.ceil(self.y_for_floor_height(high_mm) - 1e-9))
        bottom = min(self.height_px, math.floor(self.y_for_floor_height(low_mm) + 1e-9))
        if bottom <= top:
            return QRect()
        return QRect(0, top, self.width_px, bottom - top)

    def interactive_band(self) -> QRect:
        """Where every control must be in low-screen mode (400–1,220 mm)."""
        return self.band(REACH_LOW_MM, REACH_HIGH_MM)

    def information_band(self) -> QRect:
        """Where information must be in low-screen mode (up to 1,400 mm)."""
        return self.band(-1e6, INFORMATION_HIGH_MM)
