"""Both orientations fit the glass's width, and every touch target obeys the panel's size rule."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.ui.window import KioskWindow
from tests.ui.conftest import LANDSCAPE, PORTRAIT, RESIDENT, identify, settle, tap


def visit_every_screen(qtbot: Any, window: KioskWindow) -> Any:
    """Yield after showing each screen with realistic content."""
    yield "home"
    window.go("attract")
    settle(qtbot, window)
    yield "attract"
    window.go_home()
    window.go("browse", kind="parking")
    settle(qtbot, window)
    yield "browse"
    window.go("detail", resource_id="parking-b2-north")
    settle(qtbot, window)
    detail = window.screens["detail"]
    free = [start for start, cell in detail.slot_buttons.items() if cell.isEnabled()]  # type: ignore[attr-defined]
    tap(qtbot, detail.slot_buttons[free[0]])  # type: ignore[attr-defined]
    yield "detail"
    tap(qtbot, detail.book_button)  # type: ignore[attr-defined]
    yield "identify"
    identify(qtbot, window, *RESIDENT)
    yield "confirm"  # with the household's one car, and a way to change it
    tap(qtbot, window.screens["confirm"].plate_button, window)  # type: ignore[attr-defined]
    yield "plate"
    tap(qtbot, window.screens["plate"].registered["132누5987"], window)  # type: ignore[attr-defined]
    yield "confirm"
    tap(qtbot, window.screens["confirm"].confirm_button, window)  # type: ignore[attr-defined]
    window.screens["receipt"].timer.stop()  # type: ignore[attr-defined]
    yield "receipt"
    tap(qtbot, window.mine_button, window)
    yield "mine"
    window.go("detail", resource_id="seongbuk-sharing-center")
    settle(qtbot, window)
    yield "detail-info"
    window.go("map")
    yield "map"
    window.open_accessibility()
    yield "accessibility"
    window.a11y.hide()
    window._idle()
    yield "idle-warning"
    window.extend()


def touch_targets(window: KioskWindow) -> list[QAbstractButton]:
    found = []
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window) and widget.isVisible() and not widget.testAttribute(
                Qt.WidgetAttribute.WA_TransparentForMouseEvents):
            found.append(widget)
    return found


def on_window(widget: QWidget, window: KioskWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def visible_rect(widget: QWidget, window: KioskWindow) -> QRect:
    """The part of a widget not clipped by a scroll area or the window."""
    rect = on_window(widget, window)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(on_window(parent, window))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_screen_fits_and_targets_follow_the_panel_rule(
        qtbot: Any, make_window: Any, size: tuple[int, int]) -> None:
    window = make_window(size)
    metrics = window.metrics
    # 12 mm sides and 150 mm² from the panel's size, not from the DPI
    assert metrics.target == math.ceil(math.sqrt(150) * max(size) / 476)
    for name in visit_every_screen(qtbot, window):
        qtbot.wait(1)
        assert (window.width(), window.height()) == size, name
        screen = window.current
        hint = screen.minimumSizeHint()
        # Never sideways; a screen taller than the glass scrolls in its pane (the audit
        # checks that every focused control is then scrolled fully into view).
        assert hint.width() <= window.stack.width(), \
            f"{name}: needs {hint.width()}x{hint.height()}, has {window.stack.size()}"
        buttons = touch_targets(window)
        overlay = window.a11y if window.a11y.isVisible() else (
            window.warning if window.warning.isVisible() else None)
        if overlay is not None:
            buttons = [b for b in buttons if overlay.isAncestorOf(b)]
        assert buttons, name
        shown = []
        for button in buttons:
            assert button.width() >= metrics.target and button.height() >= metrics.target, \
                f"{name}: {button.objectName()} {button.text()!r} is {button.size()}"
            rect = visible_rect(button, window)
            if rect.width() >= metrics.target and rect.height() >= metrics.target:
                shown.append((button, rect))
        for (a, ra), (b, rb) in itertools.combinations(shown, 2):
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            dx = max(rb.left() - ra.right(), ra.left() - rb.right()) - 1
            dy = max(rb.top() - ra.bottom(), ra.top() - rb.bottom()) - 1
            assert max(dx, dy) >= metrics.gap, \
                f"{name}: {a.text()!r} and {b.text()!r} are {max(dx, dy)} px apart"


def test_layouts_follow_the_orientation(qtbot: Any, make_window: Any) -> None:
    window = make_window(LANDSCAPE)
    home = window.screens["home"]
    tiles = home.tiles  # type: ignore[attr-defined]
    assert tiles["parking"].y() == tiles["space"].y()  # three tiles a row
    window.resize(*PORTRAIT)
    qtbot.waitUntil(lambda: window.portrait)
    qtbot.waitUntil(lambda: tiles["space"].y() > tiles["parking"].y())  # two a row
    window.go("detail", resource_id="parking-b2-north")
    settle(qtbot, window)
    detail = window.screens["detail"]
    qtbot.waitUntil(lambda: detail.booking_panel.y() > detail.info_panel.y())  # type: ignore[attr-defined]
    window.resize(*LANDSCAPE)
    qtbot.waitUntil(lambda: detail.booking_panel.x() > detail.info_panel.x())  # type: ignore[attr-defined]
