"""Contrast arithmetic, theme colour pairs, the scale and the per-visit settings."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.ui.accessibility.contrast import contrast_ratio, over, relative_luminance
from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.themes import (
    HIGH_CONTRAST,
    NORMAL,
    AccessibilitySettings,
    Theme,
    metrics_for,
)


def test_wcag_contrast_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    assert contrast_ratio(QColor("#767676"), QColor("#FFFFFF")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) < 4.5
    assert relative_luminance(QColor("#FFFFFF")) == pytest.approx(1.0)
    half_black = QColor(0, 0, 0, 128)
    assert over(half_black, QColor("#FFFFFF")).red() in (127, 128)


@pytest.mark.parametrize("theme", [NORMAL, HIGH_CONTRAST], ids=lambda t: t.name)
def test_theme_colour_pairs_meet_their_ratios(theme: Theme) -> None:
    c = QColor
    for text, ground in [(theme.text, theme.background), (theme.text, theme.surface),
                         (theme.heading, theme.background), (theme.muted, theme.background),
                         (theme.muted, theme.surface), (theme.button_text, theme.button),
                         (theme.secondary_text, theme.secondary_button)]:
        assert contrast_ratio(c(text), c(ground)) >= theme.min_text_contrast, (text, ground)
    # Boundaries of buttons and fields against the page: at least 3:1.
    assert contrast_ratio(c(theme.button_border), c(theme.background)) >= 3.0
    assert contrast_ratio(c(theme.field_border), c(theme.background)) >= 3.0
    # The focus state differs from the unfocused border by at least 3:1.
    assert contrast_ratio(c(theme.focus_border), c(theme.button_border)) >= 3.0 or \
        contrast_ratio(c(theme.focus_fill), c(theme.button)) >= 3.0
    assert contrast_ratio(c(theme.focus_border), c(theme.field_border)) >= 3.0
    if theme.focus_fill:
        assert contrast_ratio(c(theme.focus_text), c(theme.focus_fill)) >= theme.min_text_contrast


def test_scale_multiplies_fonts_controls_and_gaps(landscape: PanelGeometry) -> None:
    normal, double = metrics_for(landscape, 100), metrics_for(landscape, 200)
    assert double.control_px == 2 * normal.control_px
    assert double.body_px >= 2 * normal.body_px - 1
    assert double.gap_px >= 2 * normal.gap_px - 1
    assert double.scaled(100) == 200
    assert normal.title_px > normal.body_px
    with pytest.raises(ValueError, match="text scale"):
        metrics_for(landscape, 125)


def test_low_screen_metrics_carry_the_reach_band(portrait: PanelGeometry) -> None:
    assert metrics_for(portrait, 100, low_screen=False).reach.top() == 0
    assert metrics_for(portrait, 100, low_screen=True).reach == portrait.interactive_band()


def test_settings_change_once_and_reset(settings: AccessibilitySettings) -> None:
    seen: list[int] = []
    settings.changed.connect(lambda: seen.append(1))
    settings.update(voice=True, text_scale=200, high_contrast=True, low_screen=True,
                    language="en")
    assert len(seen) == 1
    assert settings.theme is HIGH_CONTRAST
    settings.update(voice=True)
    assert len(seen) == 1  # nothing changed, no signal
    settings.step_rate(+5)
    settings.step_volume(-9)
    assert settings.speech_rate == 0.4 and settings.speech_volume == 0.4
    settings.reset()
    assert (settings.voice, settings.text_scale, settings.high_contrast, settings.low_screen,
            settings.language) == (False, 100, False, False, "ko")
    assert settings.speech_rate == 0.0 and settings.speech_volume == 0.85
    assert settings.theme is NORMAL
    with pytest.raises(ValueError):
        settings.update(text_scale=120)
    with pytest.raises(ValueError):
        settings.update(language="ja")
    with pytest.raises(TypeError):
        settings.update(colour="red")
