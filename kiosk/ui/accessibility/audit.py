"""Audit a live widget tree against the kiosk accessibility criteria.

Every screen's UI test shows the screen at the panel's size and asserts
``audit(window, mode) == []``. The audit measures what Qt laid out and painted: sizes and
gaps in millimetres of the configured panel, ink heights from the font's metrics,
contrast from the palette and the rendered pixels, clipping from Qt's size hints (text
against its widget) and from the widget tree (a widget against its parent's edges, where
nothing scrolls it into view), reach from the panel's height above the floor, and the
Tab order by pressing Tab. It moves the focus while it works and puts
it (and every scroll position) back at the end.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from kiosk.ui.accessibility.contrast import (
    NON_TEXT,
    TEXT_HIGH_CONTRAST,
    TEXT_NORMAL,
    contrast_changed_pixels,
    contrast_ratio,
    dominant_color,
    image_array,
    over,
    region,
    rendered_text_contrast,
    ring,
)
from kiosk.ui.accessibility.findings import Finding, describe, text_of
from kiosk.ui.accessibility.flashing import flashing_findings
from kiosk.ui.accessibility.geometry import (
    MIN_CONTROL_AREA_MM2,
    MIN_CONTROL_MM,
    MIN_GAP_MM,
    MIN_INK_MM,
    PanelGeometry,
)
from kiosk.ui.accessibility.themes import AccessibilitySettings

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider,
               QAbstractItemView)
FOCUS_RING_PX = 2
"""A focus indicator covers at least a 2 px thick perimeter of the control (WCAG 2.4.13)."""


@dataclass(frozen=True)
class AuditMode:
    """The panel and the mode the screen is shown in."""

    geometry: PanelGeometry
    high_contrast: bool = False
    text_scale: int = 100
    low_screen: bool = False

    @classmethod
    def from_settings(cls, settings: AccessibilitySettings, geometry: PanelGeometry) -> AuditMode:
        """The mode a screen is in for the resident's current choices."""
        return cls(geometry, settings.high_contrast, settings.text_scale, settings.low_screen)

    @property
    def min_text_contrast(self) -> float:
        return TEXT_HIGH_CONTRAST if self.high_contrast else TEXT_NORMAL

    @property
    def min_ink_mm(self) -> float:
        return MIN_INK_MM * self.text_scale / 100


def is_interactive(widget: QWidget) -> bool:
    """Controls a resident operates; custom clickable widgets set ``a11y_interactive``."""
    return isinstance(widget, INTERACTIVE) or bool(widget.property("a11y_interactive"))


def _visible_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if not w.isWindow() and w.isVisibleTo(window) and w.width() > 0 and w.height() > 0]


def _inside_control(widget: QWidget, window: QWidget) -> bool:
    """Parts of a composite control (a combo box's editor, a list's scroll bars)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if is_interactive(parent):
            return True
        parent = parent.parentWidget()
    return False


def _window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not clipped by its ancestors, in ``window``'s coordinates."""
    rect = _window_rect(widget, window)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(_window_rect(parent, window))
        parent = parent.parentWidget()
    return rect


class _Renderings:
    """Grabs of the window and of each scroll area's content (which may be scrolled away)."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.cache: dict[int, NDArray[np.uint32]] = {}

    def root_of(self, widget: QWidget) -> QWidget:
        node: QWidget | None = widget
        while node is not None and node is not self.window:
            parent = node.parentWidget()
            area = parent.parentWidget() if parent is not None else None
            if isinstance(area, QScrollArea) and area.widget() is node:
                return node
            node = parent
        return self.window

    def pixels_for(self, widget: QWidget) -> tuple[NDArray[np.uint32], QRect]:
        root = self.root_of(widget)
        if id(root) not in self.cache:
            self.cache[id(root)] = image_array(root.grab().toImage())
        return self.cache[id(root)], _shown_rect(widget, root)


def audit(window: QWidget, mode: AuditMode) -> list[Finding]:
    """Every criterion the shown ``window`` breaks in ``mode``; empty when it passes."""
    if not window.isVisible():
        raise ValueError("show the window (at the panel's size) before auditing it")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.processEvents()
    geometry = mode.geometry
    widgets = _visible_widgets(window)
    controls = [w for w in widgets if is_interactive(w) and not _inside_control(w, window)]
    previous_focus = QApplication.focusWidget()
    window.setFocus(Qt.FocusReason.OtherFocusReason)  # colours are judged unfocused
    QApplication.processEvents()
    renderings = _Renderings(window)
    found: list[Finding] = []
    found += _panel_findings(window, mode)
    found += _size_findings(controls, geometry)
    found += _gap_findings(controls, window, geometry)
    found += _text_findings(widgets, window, mode, renderings)
    found += _boundary_findings(controls, renderings)
    found += _clipping_findings(widgets, window)
    if mode.low_screen:
        found += _reach_findings(widgets, controls, window, geometry)
    found += _focus_findings(window, controls, mode.min_text_contrast)
    found += flashing_findings(window)
    if previous_focus is not None:
        previous_focus.setFocus(Qt.FocusReason.OtherFocusReason)
    return found


def _panel_findings(window: QWidget, mode: AuditMode) -> list[Finding]:
    g = mode.geometry
    if mode.low_screen and (window.width(), window.height()) != (g.width_px, g.height_px):
        return [Finding("panel", describe(window),
                        f"window is {window.width()}×{window.height()} px but the panel is "
                        f"{g.width_px}×{g.height_px}: reach cannot be checked")]
    return []


def _size_findings(controls: list[QWidget], geometry: PanelGeometry) -> list[Finding]:
    found = []
    for control in controls:
        width = geometry.width_mm_of(control.width())
        height = geometry.height_mm_of(control.height())
        if width < MIN_CONTROL_MM - 1e-6 or height < MIN_CONTROL_MM - 1e-6 \
                or width * height < MIN_CONTROL_AREA_MM2 - 1e-6:
            found.append(Finding("size", describe(control),
                                 f"{width:.1f} × {height:.1f} mm = {width * height:.0f} mm² "
                                 f"(needs ≥ {MIN_CONTROL_MM:g} × {MIN_CONTROL_MM:g} mm and "
                                 f"≥ {MIN_CONTROL_AREA_MM2:g} mm²)"))
    return found


def _related(a: QWidget, b: QWidget) -> bool:
    return a.isAncestorOf(b) or b.isAncestorOf(a)


def _gap_findings(controls: list[QWidget], window: QWidget,
                  geometry: PanelGeometry) -> list[Finding]:
    found = []
    rects = [(c, _shown_rect(c, window)) for c in controls]
    rects = [(c, r) for c, r in rects if not r.isEmpty()]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if _related(a, b):
                continue
            dx = max(0, rb.left() - (ra.left() + ra.width()), ra.left() - (rb.left() + rb.width()))
            dy = max(0, rb.top() - (ra.top() + ra.height()), ra.top() - (rb.top() + rb.height()))
            gap = math.hypot(geometry.width_mm_of(dx), geometry.height_mm_of(dy))
            if gap < MIN_GAP_MM - 1e-6:
                found.append(Finding("gap", f"{describe(a)} ↔ {describe(b)}",
                                     f"{gap:.2f} mm apart (needs ≥ {MIN_GAP_MM:g} mm)"))
    return found


def _text_findings(widgets: list[QWidget], window: QWidget, mode: AuditMode,
                   renderings: _Renderings) -> list[Finding]:
    found = []
    for widget in widgets:
        if _inside_control(widget, window) and not isinstance(widget, QLabel):
            continue
        text = text_of(widget)
        if not text:
            continue
        ink = mode.geometry.ink_height_mm(widget.font(), text)
        if ink < mode.min_ink_mm - 0.01:
            found.append(Finding("ink", describe(widget),
                                 f"text ink height {ink:.2f} mm (needs ≥ {mode.min_ink_mm:g} mm "
                                 f"at {mode.text_scale} %)"))
        if not widget.isEnabled():
            continue
        role = (QPalette.ColorRole.PlaceholderText
                if isinstance(widget, QLineEdit) and not widget.text() else widget.foregroundRole())
        foreground = widget.palette().color(QPalette.ColorGroup.Active, role)
        pixels, rect = renderings.pixels_for(widget)
        background = dominant_color(region(pixels, rect))
        if background is None:
            continue
        foreground = over(foreground, background)
        ratio = contrast_ratio(foreground, background)
        if ratio < mode.min_text_contrast - 1e-6:
            # Style-sheet states (:checked, :pressed…) paint colours the palette does not
            # hold: the painted text decides when it is readable after all.
            read = rendered_text_contrast(region(pixels, rect))
            if read is not None and read[2] >= mode.min_text_contrast - 1e-6:
                continue
            found.append(Finding("contrast", describe(widget),
                                 f"text {foreground.name()} on {background.name()} is "
                                 f"{ratio:.2f}:1 (needs ≥ {mode.min_text_contrast:g}:1)"))
    return found


def _boundary_findings(controls: list[QWidget], renderings: _Renderings) -> list[Finding]:
    found = []
    for control in controls:
        if not control.isEnabled():
            continue
        pixels, rect = renderings.pixels_for(control)
        outside = dominant_color(ring(pixels, rect, 0, 3))
        fill = dominant_color(region(pixels, rect))
        edge = dominant_color(ring(pixels, rect.adjusted(0, 0, 0, 0), 2, 0))
        if outside is None or fill is None:
            continue
        best = max(contrast_ratio(fill, outside),
                   contrast_ratio(edge, outside) if edge is not None else 1.0)
        if best < NON_TEXT - 1e-6:
            found.append(Finding("boundary", describe(control),
                                 f"control edge {best:.2f}:1 against {outside.name()} "
                                 f"(needs ≥ {NON_TEXT:g}:1)"))
        if isinstance(control, QAbstractButton) and not control.icon().isNull():
            icon = control.icon().pixmap(control.iconSize()).toImage()
            ink = dominant_color(image_array(icon))
            if ink is not None and contrast_ratio(ink, fill) < NON_TEXT - 1e-6:
                found.append(Finding("icon", describe(control),
                                     f"icon {ink.name()} on {fill.name()} is "
                                     f"{contrast_ratio(ink, fill):.2f}:1 (needs ≥ {NON_TEXT:g}:1)"))
    return found


def _scrolls(parent: QWidget, vertical: bool) -> bool:
    """``parent`` is a scroll area's viewport that scrolls in that direction: content past
    its edge can be brought into view, so it is not cut off."""
    area = parent.parentWidget()
    if not isinstance(area, QAbstractScrollArea) or area.viewport() is not parent:
        return False
    policy = area.verticalScrollBarPolicy() if vertical else area.horizontalScrollBarPolicy()
    return policy != Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def _overflow(widget: QWidget) -> str:
    """How far ``widget`` reaches past its parent's edges where nothing scrolls it into view
    (a layout given less room than its content needs puts children outside its bounds)."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return ""
    rect, bounds = widget.geometry(), parent.rect()
    past = {
        "left": bounds.left() - rect.left(),
        "right": (rect.left() + rect.width()) - (bounds.left() + bounds.width()),
        "top": bounds.top() - rect.top(),
        "bottom": (rect.top() + rect.height()) - (bounds.top() + bounds.height()),
    }
    for side, vertical in (("left", False), ("right", False), ("top", True), ("bottom", True)):
        if past[side] <= 1 or _scrolls(parent, vertical):
            past[side] = 0
    return ", ".join(f"{px} px past the {side} edge" for side, px in past.items() if px > 0)


def _shows_something(widget: QWidget) -> bool:
    """Text, a picture or a control on ``widget`` or on a visible widget inside it."""
    def shows(w: QWidget) -> bool:
        return bool(text_of(w)) or is_interactive(w) or (
            isinstance(w, QLabel) and w.pixmap() is not None and not w.pixmap().isNull())

    return shows(widget) or any(shows(child) for child in widget.findChildren(QWidget)
                                if child.isVisibleTo(widget))


def _text_room(widget: QWidget) -> str:
    """What the text needs (Qt's size hints: font metrics, padding, word wrap) if it is
    more than the widget was given; empty when it fits."""
    w, h = widget.width(), widget.height()
    if isinstance(widget, QLabel) and widget.wordWrap():
        longest_word = widget.minimumSizeHint().width()
        wrapped = widget.heightForWidth(w)
        if longest_word > w + 1:
            return f"its longest word needs {longest_word} px but the label is {w} px wide"
        if wrapped > h + 1:
            return f"wrapped to {w} px the text needs {wrapped} px but has {h} px"
        return ""
    if isinstance(widget, QLabel | QAbstractButton):
        hint = widget.sizeHint()
        if hint.width() > w + 1 or hint.height() > h + 1:
            return f"text needs {hint.width()}×{hint.height()} px but has {w}×{h}"
    return ""


def _clipping_findings(widgets: list[QWidget], window: QWidget) -> list[Finding]:
    """Text cut off, content that scrolls sideways instead of reflowing (200 %), and
    widgets pushed past their parent's edges (a scroll area's viewport included)."""
    found = []
    for widget in widgets:
        parent = widget.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(widget, QScrollBar) and widget.orientation() == Qt.Orientation.Horizontal \
                and isinstance(area, QScrollArea):
            found.append(Finding("reflow", describe(area),
                                 "content scrolls sideways; it must reflow to the width"))
            continue
        if _inside_control(widget, window) and not isinstance(widget, QLabel):
            continue  # the parts of a combo box or a list: Qt places them
        outside = _overflow(widget)
        if outside and _shows_something(widget):
            assert parent is not None
            found.append(Finding("clipped", describe(widget),
                                 f"cut off: {outside} of {describe(parent)}"))
            continue
        if not text_of(widget):
            continue
        short = _text_room(widget)
        if short:
            found.append(Finding("clipped", describe(widget), short))
    return found


def _reach_findings(widgets: list[QWidget], controls: list[QWidget], window: QWidget,
                    geometry: PanelGeometry) -> list[Finding]:
    found = []
    band = geometry.interactive_band()
    info = geometry.information_band()
    for control in controls:
        shown = _shown_rect(control, window)
        if shown.isEmpty():
            continue  # scrolled away: its scroll area is checked as information below
        top_mm = geometry.floor_height_mm(shown.top())
        low_mm = geometry.floor_height_mm(shown.top() + shown.height())
        if band.isEmpty() or shown.top() < band.top() or \
                shown.top() + shown.height() > band.top() + band.height():
            found.append(Finding("reach", describe(control),
                                 f"spans {low_mm:.0f}–{top_mm:.0f} mm above the floor "
                                 f"(low-screen band is 400–1,220 mm)"))
    for widget in widgets:
        if widget in controls or not text_of(widget) or _inside_control(widget, window):
            continue
        shown = _shown_rect(widget, window)
        if shown.isEmpty():
            continue
        if info.isEmpty() or shown.top() < info.top():
            found.append(Finding("information", describe(widget),
                                 f"top at {geometry.floor_height_mm(shown.top()):.0f} mm above "
                                 "the floor (information stays ≤ 1,400 mm in low-screen mode)"))
    return found


def _scroll_positions(window: QWidget) -> list[tuple[QAbstractSlider, int]]:
    return [(bar, bar.value()) for area in window.findChildren(QAbstractScrollArea)
            for bar in (area.horizontalScrollBar(), area.verticalScrollBar())]


def _tab_order(window: QWidget, limit: int) -> Iterator[QWidget]:
    """Press Tab from the first focusable control and yield where the focus lands."""
    start = None
    node: QWidget | None = window.nextInFocusChain()
    for _ in range(10_000):
        if node is None or node is window:
            break
        if node.isVisibleTo(window) and node.isEnabled() and \
                node.focusPolicy() & Qt.FocusPolicy.TabFocus:
            start = node
            break
        node = node.nextInFocusChain()
    if start is None:
        return
    start.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(limit):
        current = QApplication.focusWidget()
        if current is None:
            return
        yield current
        QTest.keyClick(current, Qt.Key.Key_Tab)


def _focus_findings(window: QWidget, controls: list[QWidget],
                    min_contrast: float) -> list[Finding]:
    found: list[Finding] = []
    candidates = [c for c in controls if c.isEnabled()]
    if not candidates:
        return found
    # Scroll bars follow the focus (the focus-clipped check proves it); they need no Tab stop.
    candidates = [c for c in candidates if not isinstance(c, QScrollBar)]
    for control in candidates:
        if not control.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(Finding("focus-order", describe(control),
                                 "cannot be reached with Tab (focus policy has no TabFocus)"))
    scrolls = _scroll_positions(window)
    window.activateWindow()
    QApplication.processEvents()
    visited: list[QWidget] = []
    focused_images: dict[int, QImage] = {}
    for current in _tab_order(window, 3 * len(candidates) + 2):
        QApplication.processEvents()
        if visited and current is visited[0] and len(visited) > 1:
            break
        if current in visited:
            continue
        visited.append(current)
        if current in candidates:
            focused_images[id(current)] = current.grab().toImage()
            if text_of(current):
                read = rendered_text_contrast(focused_images[id(current)])
                if read is not None and read[2] < min_contrast - 1e-6:
                    found.append(Finding(
                        "contrast", describe(current),
                        f"focused: text {read[0].name()} on {read[1].name()} is {read[2]:.2f}:1 "
                        f"(needs ≥ {min_contrast:g}:1)"))
            visible = current.visibleRegion().boundingRect()
            if visible != current.rect() or not _shown_rect(current, window).contains(
                    _window_rect(current, window)):
                found.append(Finding("focus-clipped", describe(current),
                                     "focused but not fully shown (clipped or scrolled away)"))
    last = QApplication.focusWidget()
    if last is not None and visited:
        # Leave the last control so its unfocused look can be compared too.
        QTest.keyClick(last, Qt.Key.Key_Tab)
        QApplication.processEvents()
    for control in candidates:
        if control.focusPolicy() & Qt.FocusPolicy.TabFocus and control not in visited:
            found.append(Finding("focus-order", describe(control),
                                 "not reached by pressing Tab through the screen"))
            continue
        if id(control) not in focused_images:
            continue
        if control.hasFocus():
            window.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.processEvents()
        unfocused = control.grab().toImage()
        changed = contrast_changed_pixels(focused_images[id(control)], unfocused)
        perimeter = 2 * (control.width() + control.height()) * FOCUS_RING_PX
        if changed < perimeter:
            found.append(Finding("focus-visible", describe(control),
                                 f"focus changes {changed} px by ≥ {NON_TEXT:g}:1 (needs ≥ "
                                 f"{perimeter} px: a {FOCUS_RING_PX} px ring around it)"))
    for bar, value in scrolls:
        bar.setValue(value)
    return found


__all__ = ["AuditMode", "Finding", "audit", "is_interactive", "text_of"]

