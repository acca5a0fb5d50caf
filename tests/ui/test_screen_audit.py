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

from kiosk.ui.accessibility.audit import AuditMode, audit
from tests.ui.conftest import LANDSCAPE, PORTRAIT
from tests.ui.test_layout import visit_every_screen

MODES = {
    "normal": {},
    "high-contrast": {"high_contrast": True},
    "150": {"text_scale": 150},
    "200": {"text_scale": 200},
    "low-screen": {"low_screen": True},
}
SCREENS = ("home", "attract", "browse", "detail", "identify", "plate", "confirm", "receipt",
           "mine", "detail-info", "accessibility", "idle-warning")
"""Every screen but the map, whose web page is checked by the map's own tests."""


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
        found = [str(f) for f in audit(window, audit_mode)]
        if found:
            problems[name] = found
    assert tuple(seen) == SCREENS
    assert problems == {}, "\n".join(f"{k}: {v}" for k, lines in problems.items() for v in lines)
