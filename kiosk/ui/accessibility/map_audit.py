"""The accessibility rules applied to the map page's own controls.

The chips, zoom buttons and legend live in the web page, out of reach of the widget-tree
audit. The page measures them as painted (``controls`` in the page script: boxes, font
sizes and colours) and this module checks the same criteria as for Qt widgets: control
size and area, gaps, text size, text and boundary contrast, nothing cut off, and the
low-screen band.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor

from kiosk.ui.accessibility.contrast import (
    NON_TEXT,
    TEXT_HIGH_CONTRAST,
    TEXT_NORMAL,
    contrast_ratio,
)
from kiosk.ui.accessibility.findings import Finding
from kiosk.ui.accessibility.geometry import (
    MIN_CONTROL_AREA_MM2,
    MIN_CONTROL_MM,
    MIN_GAP_MM,
    PanelGeometry,
)

_CSS_COLOR = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)")


def css_color(text: str) -> QColor | None:
    """``rgb(…)``/``rgba(…)`` as the page reports it; None for anything else."""
    found = _CSS_COLOR.fullmatch(text.strip())
    if found is None:
        return None
    r, g, b = (round(float(found.group(i))) for i in (1, 2, 3))
    alpha = float(found.group(4)) if found.group(4) is not None else 1.0
    return QColor(r, g, b, round(alpha * 255))


@dataclass(frozen=True)
class PageItem:
    """One control or text as the page painted it, in window pixels."""

    role: str  # "control", "text", or "mapText" (moves with the map, may pass under)
    name: str
    rect: QRectF
    font_px: float
    color: QColor | None
    background: QColor | None
    outside: QColor | None
    border: QColor | None
    border_px: float
    clipped: bool
    visible: bool

    @classmethod
    def from_page(cls, raw: Mapping[str, Any], offset_x: float, offset_y: float) -> PageItem:
        rect = QRectF(float(raw["x"]) + offset_x, float(raw["y"]) + offset_y,
                      float(raw["width"]), float(raw["height"]))
        return cls(str(raw["role"]), str(raw["name"]), rect, float(raw["fontPx"]),
                   css_color(str(raw["color"])), css_color(str(raw["background"])),
                   css_color(str(raw.get("outside", ""))), css_color(str(raw["borderColor"])),
                   float(raw["borderPx"]),
                   bool(raw["clipped"]), bool(raw["visible"]))


def _gap_px(a: QRectF, b: QRectF) -> float:
    """Distance between two boxes (0 if they touch or overlap)."""
    dx = max(0.0, max(a.left(), b.left()) - min(a.right(), b.right()))
    dy = max(0.0, max(a.top(), b.top()) - min(a.bottom(), b.bottom()))
    return max(dx, dy) if dx == 0 or dy == 0 else (dx * dx + dy * dy) ** 0.5


def audit_map_page(measured: Mapping[str, Any], geometry: PanelGeometry, text_px: int, *,
                   offset: tuple[float, float] = (0.0, 0.0), high_contrast: bool = False,
                   reach: QRect | None = None) -> list[Finding]:
    """Findings for the page's controls; ``measured`` is what the page's ``controls``
    returned, ``offset`` where the map view sits in the window, ``text_px`` the kiosk's
    essential text size for the current scale, ``reach`` the band controls must stay in."""
    items = [PageItem.from_page(raw, *offset) for raw in measured.get("items", [])]
    items = [item for item in items if item.visible]
    findings: list[Finding] = []
    text_limit = TEXT_HIGH_CONTRAST if high_contrast else TEXT_NORMAL
    controls = [item for item in items if item.role == "control"]
    for item in items:
        where = f"map page {item.role} '{item.name}'"
        # Map content (the "you are here" label) scrolls with the map like the markers.
        if item.clipped and item.role != "mapText":
            findings.append(Finding("clipped", where, "cut off by the page or its panel"))
        if item.font_px + 0.5 < text_px and item.role != "control":
            findings.append(Finding("ink", where, f"font {item.font_px:.0f} px < {text_px} px"))
        if item.role != "control" and item.color is not None and item.background is not None:
            ratio = contrast_ratio(item.color, item.background)
            if ratio < text_limit:
                findings.append(Finding("contrast", where, f"text {ratio:.2f}:1 < {text_limit}:1"))
    for item in controls:
        where = f"map page control '{item.name}'"
        w_mm = geometry.width_mm_of(item.rect.width())
        h_mm = geometry.height_mm_of(item.rect.height())
        if min(w_mm, h_mm) + 1e-6 < MIN_CONTROL_MM or w_mm * h_mm + 1e-6 < MIN_CONTROL_AREA_MM2:
            findings.append(Finding("size", where, f"{w_mm:.1f} × {h_mm:.1f} mm"))
        # The boundary is what tells the control from the map around it.
        if item.border is not None and item.outside is not None and item.border_px > 0:
            ratio = contrast_ratio(item.border, item.outside)
            if ratio < NON_TEXT:
                findings.append(Finding("boundary", where, f"border {ratio:.2f}:1 < {NON_TEXT}:1"))
        if reach is not None and not QRectF(reach).contains(item.rect):
            findings.append(Finding("reach", where, "outside the low-screen band"))
    findings += _gaps(controls, geometry)
    findings += _overlaps([item for item in items if item.role != "mapText"])
    return findings


def _overlaps(items: Sequence[PageItem]) -> list[Finding]:
    """Fixed controls and texts must not cover each other (a label inside its own chip
    is fine: one box holds the other)."""
    findings = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            common = a.rect.intersected(b.rect)
            if common.width() <= 1 or common.height() <= 1:
                continue
            if _holds(a.rect, b.rect) or _holds(b.rect, a.rect):
                continue
            findings.append(Finding("overlap", f"map page '{a.name}' / '{b.name}'",
                                    f"{common.width():.0f} × {common.height():.0f} px"))
    return findings


def _holds(outer: QRectF, inner: QRectF) -> bool:
    return outer.adjusted(-1, -1, 1, 1).contains(inner)


def _gaps(controls: Sequence[PageItem], geometry: PanelGeometry) -> list[Finding]:
    findings = []
    min_px = MIN_GAP_MM * max(geometry.px_per_mm_x, geometry.px_per_mm_y)
    for i, a in enumerate(controls):
        for b in controls[i + 1:]:
            gap = _gap_px(a.rect, b.rect)
            if gap + 0.5 < min_px:
                findings.append(Finding("gap", f"map page controls '{a.name}' / '{b.name}'",
                                        f"{gap / geometry.px_per_mm_x:.1f} mm < {MIN_GAP_MM} mm"))
    return findings
