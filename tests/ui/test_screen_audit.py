"""Every kiosk screen passes the accessibility audit in every mode, both languages and both
orientations.

The audit measures what Qt laid out and painted on the configured panel: control sizes
and gaps in millimetres, ink heights, text and edge contrast from the rendered palette,
clipping (text larger than its widget, widgets past their parent's or a scroll area's
edges, sideways scrolling), Tab reachability with a visible focus ring, and in low-screen
mode the reach band computed from the panel's height above the floor.
"""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.ui.accessibility.audit import AuditMode, Finding, audit
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.test_layout import visit_every_screen

MODES = {
    "normal": {},
    "high-contrast": {"high_contrast": True},
    "150": {"text_scale": 150},
    "200": {"text_scale": 200},
    "low-screen": {"low_screen": True},
    "200-high-contrast": {"text_scale": 200, "high_contrast": True},
    "200-low-screen": {"text_scale": 200, "low_screen": True},
}
SCREENS = ("home", "attract", "browse", "detail", "identify", "confirm", "plate", "confirm",
           "receipt", "mine", "detail-info", "accessibility", "idle-warning")
"""Every screen but the map, whose web page is checked by the map's own tests (the confirm
screen twice: with the household's one car and its 차량 바꾸기, then after the plate screen)."""


def beyond_the_reach(window: Any, findings: list[Finding]) -> list[Finding]:
    """The one known limit: at 200 % in low-screen mode on an upright panel, a browse card
    (name, place and distance, what is free) can be taller than the part of the reachable
    band left to the screen, so no scroll position shows it whole; it scrolls into view
    part by part. Those findings are let through, no more of them than there are cards
    that really are that tall."""
    viewport = window.panes["browse"].viewport().height()
    tall = sum(card.height() > viewport for card in window.screens["browse"].rows.values())
    cards = [f for f in findings
             if f.rule == "focus-clipped" and f.widget == "CardButton#resourceCard"]
    return [f for f in findings if f not in cards] if len(cards) <= tall else findings


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("mode", list(MODES))
def test_every_screen_passes_the_audit(qtbot: Any, make_window: Any, size: tuple[int, int],
                                       mode: str, language: str) -> None:
    window = make_window(size)
    window.set_language(language)
    window.accessibility.update(**MODES[mode])
    audit_mode = AuditMode.from_settings(window.accessibility, window.geometry_)
    problems: dict[str, list[str]] = {}
    seen = []
    for name in visit_every_screen(qtbot, window):
        if name == "map":
            continue
        qtbot.wait(1)
        seen.append(name)
        assert window.accessibility.language == language, name
        findings = audit(window, audit_mode)
        if mode == "200-low-screen" and size == PORTRAIT and name == "browse":
            findings = beyond_the_reach(window, findings)
        found = [str(f) for f in findings]
        if found:
            problems[name] = found
    assert tuple(seen) == SCREENS
    assert problems == {}, "\n".join(f"{k}: {v}" for k, lines in problems.items() for v in lines)
