"""The kiosk window's style sheet for the resident's accessibility settings.

The accessibility theme (``accessibility.themes.style_sheet``) gives every widget sizes
that meet the criteria on the installed panel and the theme's colours; the kiosk's own
``kiosk.qss`` then adds the look of each named control. Its font sizes never go below the
theme's body size and grow with the text scale, and in high contrast its colours are
dropped so the theme's white and yellow on black decide. Focus rules come last, so every
named control shows a ring that differs by at least 3:1 from its unfocused look.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.ui.accessibility.themes import Metrics, Theme, style_sheet

STYLE = Path(__file__).resolve().parent.parent.parent / "assets" / "styles" / "kiosk.qss"
TITLE_SOURCE_PX = 38
"""Sizes the kiosk style sheet gives titles (38 px and more) become at least title size."""
COLOUR_PROPERTIES = re.compile(
    r"(?<![-\w])(color|background|background-color|border|border-color|border-top|"
    r"border-bottom|border-left|border-right)\s*:[^;{}]*;", re.IGNORECASE)
CARDS = ("tile", "resourceCard", "attractCard")
"""Buttons holding labels: focus thickens the border (a fill would hide their text)."""
LIGHT = ("barButton", "secondaryButton", "plainButton", "choiceButton", "languageButton",
         "mapButton", "plateChoice", "entryField", "keyDigit", "keySyllable", "keyErase",
         "dayChip", "durationChip", "slotCell", "jumpButton")
"""White buttons: focus fills them dark."""
DARK = ("primaryButton", "a11yButton", "helpButton", "dangerButton", "keyConfirm")
"""Filled buttons: focus gives them a thick amber border."""
BUTTON_SIDE_PADDING_PX = 20
"""``kiosk.qss``'s side padding of buttons at 100 % (filled buttons have no border)."""


def _font_sizes(text: str, metrics: Metrics) -> str:
    body = metrics.body_px
    title = metrics.title_px

    def size(match: re.Match[str]) -> str:
        source = int(match.group(1))
        floor = title if source >= TITLE_SOURCE_PX else body
        return f"font-size: {max(floor, round(source * metrics.scale))}px"

    return re.sub(r"font-size:\s*(\d+)px", size, text)


def _scaled_lengths(text: str, metrics: Metrics) -> str:
    """Paddings and radii grow with the text so 200 % does not squeeze the text out."""
    def scaled(match: re.Match[str]) -> str:
        values = [f"{round(int(v) * metrics.scale)}px" for v in re.findall(r"(\d+)px",
                                                                          match.group(2))]
        return f"{match.group(1)}: {' '.join(values)}"

    return re.sub(r"(padding|padding-top|border-radius)\s*:\s*([\d\spx]+)", scaled, text)


def focus_rules(theme: Theme, metrics: Metrics) -> str:
    """A visible focus state for every named control, after the rules it overrides."""
    ring = max(6, metrics.border_px * 2)
    card = ring + 2
    cards = ", ".join(f"QPushButton#{name}:focus" for name in CARDS)
    light = ", ".join(f"QPushButton#{name}:focus" for name in LIGHT)
    light_checked = ", ".join(f"QPushButton#{name}:checked:focus" for name in LIGHT)
    dark = ", ".join(f"QPushButton#{name}:focus" for name in DARK)
    # The ring takes its width from the padding, so it never covers a filled button's text.
    inside = max(0, round(BUTTON_SIDE_PADDING_PX * metrics.scale) - ring)
    if theme.name == "high_contrast":
        checked = ", ".join(f"QPushButton#{name}:checked:focus" for name in LIGHT + DARK)
        return f"""
{cards} {{ border: {card}px solid {theme.focus_border}; }}
{light}, {dark} {{ background: {theme.focus_fill}; color: {theme.focus_text};
    border: {ring}px solid {theme.focus_border}; }}
{checked} {{ background: {theme.background}; color: {theme.focus_border};
    border: {ring}px solid {theme.focus_border}; }}
"""
    return f"""
{cards} {{ border: {card}px solid #0E3550; }}
{light} {{ background: #0E3550; color: #FFFFFF; border: {ring}px solid #FFB000; }}
{light_checked} {{ background: #FFB000; color: #000000; border: {ring}px solid #000000; }}
{dark} {{ border: {ring}px solid #FFB000; padding-left: {inside}px; padding-right: {inside}px; }}
"""


def high_contrast_extras(theme: Theme, metrics: Metrics) -> str:
    """What the kiosk's own look needs in high contrast besides the theme's defaults."""
    b = metrics.border_px
    return f"""
QPushButton#tile, QPushButton#resourceCard, QPushButton#attractCard {{
    background: {theme.surface}; border: {b * 2}px solid {theme.field_border}; }}
QPushButton:checked {{ background: {theme.heading}; color: #000000; }}
QLabel#bannerError, QLabel#bannerInfo, QLabel#plateDisplay, QLabel#attractTouch {{
    border: {b}px solid {theme.text}; }}
QLabel#qrCode {{ background: #FFFFFF; }}
QFrame#overlay {{ background: #000000; }}
QFrame#overlayPanel {{ background: #000000; border: {b}px solid {theme.text}; }}
QLabel#villageName, QLabel#clock, QLabel#screenTitle, QLabel#sectionHeading,
QLabel#attractTitle, QLabel#tileName, QLabel#detailTitle, QLabel#overlayTitle,
QLabel#receiptTitle, QLabel#bookingCode, QLabel#detailSummary {{ color: {theme.heading}; }}
"""


def kiosk_style(theme: Theme, metrics: Metrics) -> str:
    """The whole window's style sheet for one theme at one scale."""
    own = _scaled_lengths(_font_sizes(STYLE.read_text(encoding="utf-8"), metrics), metrics)
    if theme.name == "high_contrast":
        own = COLOUR_PROPERTIES.sub("", own) + high_contrast_extras(theme, metrics)
    return style_sheet(theme, metrics) + own + focus_rules(theme, metrics)
