"""Nothing on a screen flashes more than three times a second.

A flash is one change and one change back, so anything that toggles visibility or colour
must wait at least 1000 / (2 × 3) ≈ 167 ms between changes. Screens make their blinking
with ``Blinker`` (which refuses faster rates) and parent every timer and animation to a
widget of the screen, so the audit can find them:

- an active ``QTimer`` faster than 167 ms is reported unless it is marked
  ``timer.setProperty("a11y_no_flash", True)`` (it drives something that neither shows,
  hides nor recolours, e.g. smooth scrolling);
- a looping ``QVariantAnimation`` on a colour, opacity or visibility property is reported
  when one loop is shorter than 333 ms (one loop = one flash).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, QVariantAnimation, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.a11y.findings import Finding, describe

MAX_FLASHES_PER_SECOND = 3.0
MIN_TOGGLE_MS = 1000.0 / (2 * MAX_FLASHES_PER_SECOND)
FLASHY_PROPERTIES = (b"color", b"opacity", b"windowOpacity", b"visible", b"styleSheet",
                     b"palette", b"backgroundColor")


class Blinker(QObject):
    """Toggles ``on`` at a safe pace (default once a second); refuses more than 3 Hz."""

    toggled = Signal(bool)

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if interval_ms < MIN_TOGGLE_MS:
            raise ValueError(f"a blink toggling every {interval_ms} ms flashes more than "
                             f"{MAX_FLASHES_PER_SECOND:g} times a second")
        self.on = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._toggle)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if not self.on:
            self._toggle()

    def _toggle(self) -> None:
        self.on = not self.on
        self.toggled.emit(self.on)


def flashing_findings(window: QWidget) -> list[Finding]:
    """Timers and animations in ``window``'s object tree that could flash too fast."""
    found: list[Finding] = []
    for timer in window.findChildren(QTimer):
        if not timer.isActive() or timer.isSingleShot() or timer.property("a11y_no_flash"):
            continue
        if timer.interval() < MIN_TOGGLE_MS:
            owner = timer.parent()
            rate = 1000 / (2 * max(1, timer.interval()))
            found.append(Finding(
                "flashing", describe(owner) if owner is not None else "QTimer",
                f"timer every {timer.interval()} ms can flash {rate:.1f}"
                f" times a second (max {MAX_FLASHES_PER_SECOND:g}); use Blinker or mark it "
                "a11y_no_flash if it never shows, hides or recolours anything"))
    for animation in window.findChildren(QVariantAnimation):
        if animation.loopCount() == 1:
            continue
        name = bytes(animation.propertyName().data()) if hasattr(animation, "propertyName") \
            else b""
        if name not in FLASHY_PROPERTIES:
            continue
        duration = animation.duration()
        if duration < 2 * MIN_TOGGLE_MS:
            target = animation.targetObject() if hasattr(animation, "targetObject") else None
            found.append(Finding(
                "flashing", describe(target) if target is not None else "animation",
                f"looping {name.decode()} animation of {duration} ms flashes "
                f"{1000 / max(1, duration):.1f} times a second (max {MAX_FLASHES_PER_SECOND:g})"))
    return found
