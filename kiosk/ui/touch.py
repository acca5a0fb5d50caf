"""Touch sizes in pixels computed from the panel's physical size, not from the OS DPI.

A 32" panel and a 21.5" panel both show 1920 pixels across, so a 12 mm target is a
different number of pixels on each; the configured panel size is the only truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties

from kiosk.config import Panel
from kiosk.ui.accessibility.geometry import MIN_GAP_MM, PanelGeometry


@dataclass(frozen=True)
class TouchMetrics:
    """Pixels per millimetre of the installed panel and the sizes derived from it."""

    px_per_mm: float
    min_control_px: int

    @classmethod
    def for_panel(cls, panel: Panel, screen_px: tuple[int, int]) -> TouchMetrics:
        """From the panel's geometry, so the window and the audit count the same pixels."""
        return cls.for_geometry(PanelGeometry.from_panel(panel, screen_px))

    @classmethod
    def for_geometry(cls, geometry: PanelGeometry) -> TouchMetrics:
        return cls(max(geometry.px_per_mm_x, geometry.px_per_mm_y), geometry.min_control_px())

    def mm(self, millimetres: float) -> int:
        return round(millimetres * self.px_per_mm + 0.4999)

    @property
    def target(self) -> int:
        """The smallest side any touch target may have (12 mm and 150 mm²)."""
        return self.min_control_px

    @property
    def gap(self) -> int:
        """The smallest distance between two touch targets."""
        return self.mm(MIN_GAP_MM)

    def spacing(self, wanted: int) -> int:
        """A layout spacing at least the minimum gap."""
        return max(wanted, self.gap)


def make_kinetic(area: QAbstractScrollArea) -> None:
    """Drag-to-scroll with momentum on touch and mouse, and no overshoot bounce."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # A tap must press the button under the finger at once (visible feedback), not later.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(props)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
