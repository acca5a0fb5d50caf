"""Millimetres, minimum sizes, ink heights and the reach band from the configured panel."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.config import Panel
from kiosk.ui.accessibility.geometry import (
    MIN_CONTROL_AREA_MM2,
    MIN_CONTROL_MM,
    MIN_INK_MM,
    PanelGeometry,
    kiosk_font,
)


def test_orientation_follows_the_screen(qapp) -> None:  # type: ignore[no-untyped-def]
    panel = Panel(width_mm=476.0, height_mm=268.0, bottom_edge_mm=900.0)
    wide = PanelGeometry.from_panel(panel, (1920, 1080))
    tall = PanelGeometry.from_panel(panel, (1080, 1920))
    assert (wide.width_mm, wide.height_mm, wide.portrait) == (476.0, 268.0, False)
    assert (tall.width_mm, tall.height_mm, tall.portrait) == (268.0, 476.0, True)
    assert wide.px_per_mm_x == pytest.approx(1920 / 476)
    assert tall.px_per_mm_y == pytest.approx(1920 / 476)
    with pytest.raises(ValueError, match="positive"):
        PanelGeometry.from_panel(panel, (0, 1080))


def test_minimum_control_meets_side_and_area(landscape: PanelGeometry) -> None:
    side = landscape.min_control_px()
    width_mm, height_mm = landscape.width_mm_of(side), landscape.height_mm_of(side)
    assert width_mm >= MIN_CONTROL_MM and height_mm >= MIN_CONTROL_MM
    assert width_mm * height_mm >= MIN_CONTROL_AREA_MM2
    # One pixel less breaks the area rule: the size is the smallest that passes.
    smaller = side - 1
    assert landscape.width_mm_of(smaller) * landscape.height_mm_of(smaller) < MIN_CONTROL_AREA_MM2
    assert landscape.mm_to_px(2.5) == math.ceil(2.5 * 1920 / 476)


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_font_size_for_ink_reaches_the_minimum_in_both_scripts(
        landscape: PanelGeometry, scale: float) -> None:
    ink_mm = MIN_INK_MM * scale
    px = landscape.font_px_for_ink(ink_mm)
    font = kiosk_font(px)
    metrics = QFontMetricsF(font)
    latin = landscape.height_mm_of(metrics.capHeight())
    hangul = landscape.height_mm_of(metrics.tightBoundingRect("한글").height())
    assert latin >= ink_mm - 0.01 and hangul >= ink_mm - 0.01
    assert landscape.ink_height_mm(font, "ABC") == pytest.approx(latin, abs=0.05)
    # A font two pixels smaller no longer reaches it with capitals.
    assert landscape.ink_height_mm(kiosk_font(px - 2), "ABC") < ink_mm
    assert QFont(font).family() == "Noto Sans CJK KR"


def test_default_landscape_panel_is_all_within_reach(landscape: PanelGeometry) -> None:
    # Bottom edge 900 mm, 268 mm tall: 900–1,168 mm is inside 400–1,220 mm.
    assert landscape.floor_height_mm(1080) == pytest.approx(900.0)
    assert landscape.floor_height_mm(0) == pytest.approx(1168.0)
    assert landscape.interactive_band() == landscape.information_band()
    assert landscape.interactive_band().height() == 1080


def test_portrait_band_cuts_the_top_off(portrait: PanelGeometry, tall: PanelGeometry) -> None:
    # Top at 900 + 476 = 1,376 mm: rows above 1,220 mm are out of reach.
    band = portrait.interactive_band()
    assert band.top() == math.ceil((1376 - 1220) * 1920 / 476)
    assert band.top() + band.height() == 1920
    assert portrait.floor_height_mm(band.top()) <= 1220.0
    assert portrait.information_band().top() == 0
    # Top at 1,476 mm: information must start below 1,400 mm.
    info = tall.information_band()
    assert info.top() == math.ceil(76 * 1920 / 476)
    assert tall.floor_height_mm(info.top()) <= 1400.0


def test_panel_mounted_too_high_has_no_reach_band(qapp) -> None:  # type: ignore[no-untyped-def]
    high = PanelGeometry.from_panel(Panel(bottom_edge_mm=1300.0), (1920, 1080))
    assert high.interactive_band().isEmpty()
