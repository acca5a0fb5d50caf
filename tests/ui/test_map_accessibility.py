"""The map page's own controls meet the same criteria as the Qt screens, in every mode.

The chips, zoom buttons and legend are drawn by the page; the page measures them as
painted and ``audit_map_page`` checks sizes, gaps, text size, contrast, clipping and the
low-screen band, in Korean and English, landscape and portrait, at 100 % and 200 %, in
the normal and high-contrast themes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect

from kiosk.map.listing import MapListing
from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.map_audit import audit_map_page, css_color
from kiosk.ui.screenshots import MODES
from tests.map.conftest import HEADLESS_GPU_NOISE
from tests.ui.conftest import LANDSCAPE, PORTRAIT, settle

pytestmark = pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE)


def _factory(made: list[Any]) -> Any:
    from kiosk.map.view import MapView

    def factory(px_per_mm: float, listings: Sequence[MapListing] = ()) -> MapView:
        view = MapView(center=(37.6066, 127.0237), center_label="101동 로비",
                       center_label_en="Bldg 101 lobby", listings=listings,
                       px_per_mm=px_per_mm, include_dongs=False)
        made.append(view)
        return view

    return factory


def _measure(qtbot: Any, view: Any) -> dict[str, Any]:
    found: list[dict[str, Any]] = []
    view.run_js("controls", callback=found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=5000)
    return found[0]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_map_controls_pass_the_audit_in_every_mode(qtbot: Any, make_window: Any,
                                                   size: tuple[int, int]) -> None:
    made: list[Any] = []
    window = make_window(size, map_factory=_factory(made))
    window.go("map")
    view = made[0]
    qtbot.waitUntil(lambda: view.is_ready, timeout=30000)
    settle(qtbot, window)
    walked = []
    for language in ("ko", "en"):
        for mode in ("normal", "high-contrast", "200", "low-screen"):
            window.accessibility.reset()
            window.set_language(language)
            window.accessibility.update(**MODES[mode])
            window.go("map")
            settle(qtbot, window)
            metrics = window.a11y_metrics
            high = window.accessibility.high_contrast

            def applied(metrics: Any = metrics, high: bool = high,
                        language: str = language) -> bool:
                page = _measure(qtbot, view)
                chips = [i for i in page["items"] if i["role"] == "text"]
                return (page["highContrast"] is high and bool(chips)
                        and all(abs(i["fontPx"] - metrics.body_px) < 0.5 for i in chips)
                        and view.language == language)

            try:
                qtbot.waitUntil(applied, timeout=5000)
            except Exception:
                page = _measure(qtbot, view)
                raise AssertionError(f"{language} {mode}: body {metrics.body_px} px, "
                                     f"page {page}") from None
            offset = view.mapTo(window, QPoint(0, 0))
            seen: dict[str, Any] = {}

            def laid_out(metrics: Any = metrics, high: bool = high,
                         offset: QPoint = offset, seen: dict[str, Any] = seen) -> bool:
                """Leaflet re-lays its controls after the size change: audit once it has."""
                measured = _measure(qtbot, view)
                seen["controls"] = [i for i in measured["items"] if i["role"] == "control"]
                seen["findings"] = audit_map_page(
                    measured, window.geometry_, metrics.body_px,
                    offset=(offset.x(), offset.y()), high_contrast=high,
                    reach=window.reach_band() if window.accessibility.low_screen else None)
                # "show all", five kind chips, three map buttons and the legend's fold
                return len(seen["controls"]) == 10 and seen["findings"] == []

            try:
                qtbot.waitUntil(laid_out, timeout=5000)
            except Exception:
                raise AssertionError(
                    f"{language} {mode}: {len(seen['controls'])} controls; "
                    + "; ".join(map(str, seen["findings"]))) from None
            walked.append((language, mode))
    assert len(walked) == 8


def test_map_text_follows_the_kiosk_text_size(qtbot: Any, make_window: Any) -> None:
    made: list[Any] = []
    window = make_window(map_factory=_factory(made))
    window.go("map")
    view = made[0]
    qtbot.waitUntil(lambda: view.is_ready, timeout=30000)
    window.accessibility.update(text_scale=100)
    settle(qtbot, window)

    def chip_px() -> float:
        items = _measure(qtbot, view)["items"]
        return max(i["fontPx"] for i in items if i["role"] == "text")

    normal = window.a11y_metrics.body_px
    qtbot.waitUntil(lambda: abs(chip_px() - normal) < 0.5, timeout=5000)
    window.accessibility.update(text_scale=200)
    double = window.a11y_metrics.body_px
    assert double > normal * 1.8
    qtbot.waitUntil(lambda: abs(chip_px() - double) < 0.5, timeout=5000)
    # the end of a session brings the page back to 100 % with everything else
    window.reset_session()
    qtbot.waitUntil(lambda: abs(chip_px() - normal) < 0.5, timeout=5000)


# -- the audit itself, on measurements made up to break one rule each ------------------

GEOMETRY = PanelGeometry(1920, 1080, 476.0, 268.0, 900.0)  # ~4.03 px per mm


def _item(**over: Any) -> dict[str, Any]:
    item = {"role": "control", "name": "chip", "x": 100.0, "y": 100.0, "width": 120.0,
            "height": 60.0, "fontPx": 40.0, "color": "rgb(29, 37, 48)",
            "background": "rgb(255, 255, 255)", "outside": "rgb(233, 230, 220)",
            "borderColor": "rgb(29, 37, 48)", "borderPx": 3.0, "clipped": False,
            "visible": True}
    item.update(over)
    return item


def _rules(*items: dict[str, Any], **kwargs: Any) -> list[str]:
    found = audit_map_page({"items": list(items)}, GEOMETRY, 40, **kwargs)
    return sorted(f.rule for f in found)


def test_audit_passes_a_good_control_and_names_each_broken_rule() -> None:
    assert _rules(_item()) == []
    assert _rules(_item(width=40.0, height=40.0)) == ["size"]  # ~10 mm
    assert _rules(_item(), _item(x=225.0)) == ["gap"]  # 5 px apart, ~1.2 mm
    assert _rules(_item(), _item(x=240.0)) == []  # 20 px, ~5 mm
    assert _rules(_item(borderColor="rgb(200, 200, 200)")) == ["boundary"]
    assert _rules(_item(clipped=True)) == ["clipped"]
    assert _rules(_item(role="text", fontPx=19.0)) == ["ink"]
    assert _rules(_item(role="text", color="rgb(140, 140, 140)")) == ["contrast"]
    # 4.5:1 is enough in the normal theme, not in high contrast (7:1)
    grey = _item(role="text", color="rgb(100, 100, 100)")
    assert _rules(grey) == []
    assert _rules(grey, high_contrast=True) == ["contrast"]
    assert _rules(_item(y=10.0), reach=QRect(0, 50, 1920, 900)) == ["reach"]
    assert _rules(_item(visible=False, width=1.0)) == []  # hidden things are not judged
    # a label over a chip it does not belong to covers it; inside its own chip it is fine
    assert _rules(_item(), _item(role="text", x=200.0, width=100.0)) == ["overlap"]
    assert _rules(_item(), _item(role="text", x=110.0, y=110.0, width=50.0, height=40.0)) == []
    # the "you are here" label moves with the map and may pass under a chip
    assert _rules(_item(), _item(role="mapText", x=200.0, width=100.0)) == []
    assert _rules(_item(role="mapText", clipped=True)) == []
    assert _rules(_item(role="mapText", fontPx=19.0)) == ["ink"]


def test_css_colours_parse_as_the_page_reports_them() -> None:
    assert css_color("rgb(255, 255, 0)").name() == "#ffff00"  # type: ignore[union-attr]
    half = css_color("rgba(0, 0, 0, 0.5)")
    assert half is not None and half.alpha() == 128
    assert css_color("transparent") is None


# -- voice mode on the map page ----------------------------------------------------------


def test_voice_mode_on_the_map_names_chips_buttons_and_markers_before_using_them(
        qtbot: Any, demo_services: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.accessibility.speech import Status
    from kiosk.ui.i18n import LanguageSwitcher
    from kiosk.ui.qt_app import dispose
    from kiosk.ui.window import KioskWindow, Timeouts
    from tests.map.conftest import page_js
    from tests.ui.a11y.test_speech import FakeEngine

    engine = FakeEngine()
    made: list[Any] = []
    window = KioskWindow(demo_services.settings, demo_services.bookings,
                         LanguageSwitcher(QApplication.instance()), screen_px=LANDSCAPE,
                         map_factory=_factory(made),
                         timeouts=Timeouts(idle_s=600, home_idle_s=600, receipt_s=600),
                         speech=(engine, Status.READY, ""))
    window.resize(*LANDSCAPE)  # deleted by dispose() below, map page before its profile
    window.show()
    try:
        window.go("map")
        view = made[0]
        qtbot.waitUntil(lambda: view.is_ready, timeout=30000)
        qtbot.waitUntil(lambda: any(i.kind == "bike" for i in view.listings), timeout=10000)
        bikes = sum(1 for i in view.listings if i.kind == "bike")
        window.accessibility.update(voice=True)
        qtbot.waitUntil(lambda: view.display is not None and view.display.voice, timeout=2000)
        chip = "document.querySelector('.kiosk-chip.kind-bike').click(); 1"

        # first tap: the chip is named with its count and state; nothing is filtered yet
        page_js(view, chip)
        qtbot.waitUntil(lambda: "자전거 표시 중" in engine.said[-1], timeout=5000)
        assert engine.said[-1] == (f"자전거 표시 중, {bikes}곳, 버튼. "
                                   "한 번 더 누르면 선택됩니다.")
        assert "bike" in view.filter
        # second tap on the same chip: it works, showing bikes only
        page_js(view, chip)
        qtbot.waitUntil(lambda: set(view.filter) == {"bike"}, timeout=5000)

        page_js(view, "document.querySelector('.kiosk-zoom-in').click(); 1")
        qtbot.waitUntil(lambda: engine.said[-1].startswith("지도 확대, 버튼."), timeout=5000)

        # a marker: its name and figures first, the detail screen only on the second tap
        target = next(i for i in view.listings if i.kind == "parking")
        fire = f"KioskMap.markerFor({target.id!r}).fire('click'); 1"
        page_js(view, fire)
        qtbot.waitUntil(lambda: engine.said[-1].startswith(target.name_ko), timeout=5000)
        assert engine.said[-1].endswith("한 번 더 누르면 자세히 봅니다.")
        assert window.current is window.screens["map"]
        page_js(view, fire)
        qtbot.waitUntil(lambda: window.current is window.screens["detail"], timeout=5000)

        # voice off: one tap works again, and nothing more is said
        window.accessibility.update(voice=False)
        window.go("map")
        qtbot.waitUntil(lambda: not view.display.voice, timeout=2000)
        said = len(engine.said)
        page_js(view, chip)
        qtbot.waitUntil(lambda: "bike" in view.filter, timeout=5000)
        assert len(engine.said) == said
    finally:
        window.background.shutdown()
        dispose(window)


def test_page_announcements_are_checked_before_anything_is_said() -> None:
    from kiosk.map.messages import BridgeMessageError, ControlAnnounced, control_announced

    assert control_announced('{"control": "chip", "id": "bike"}') == ControlAnnounced(
        "chip", "bike")
    assert control_announced('{"control": "zoomIn", "id": "x"}') == ControlAnnounced(
        "zoomIn", None)
    assert control_announced('{"control": "marker", "id": "p-1"}').id == "p-1"
    for bad in ('{"control": "say", "id": "안녕"}', '{"control": "chip", "id": "boat"}',
                '{"control": "marker", "id": ""}', '["chip"]', "not json"):
        with pytest.raises(BridgeMessageError):
            control_announced(bad)
