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

A screen that animates anything also measures itself in its test with
``measured_flash_rate(screen)``, which watches the rendered pixels for a second.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QEventLoop, QObject, QTimer, QVariantAnimation, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.accessibility.contrast import image_array
from kiosk.ui.accessibility.findings import Finding, describe

MAX_FLASHES_PER_SECOND = 3.0
LUMINANCE_STEP = 0.1
"""A change counts when relative luminance moves by 10 % of the maximum (WCAG flash)."""
CHANGED_SHARE = 0.01
"""… over at least 1 % of the widget (a blinking text cursor is not a flash)."""
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


def _luminance(pixels: NDArray[np.uint32]) -> NDArray[np.float64]:
    channels = [((pixels >> shift) & 0xFF).astype(np.float64) / 255.0 for shift in (16, 8, 0)]
    linear = [np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4) for c in channels]
    result: NDArray[np.float64] = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return result


def measured_flash_rate(widget: QWidget, seconds: float = 1.0, every_ms: int = 20) -> float:
    """Flashes per second seen in ``widget``'s rendering while the event loop runs.

    Frames are grabbed every ``every_ms``; a transition is a luminance change of at least
    10 % over at least 1 % of the widget, and a flash is a pair of opposite transitions.
    """
    frames: list[NDArray[np.float64]] = []
    wanted = max(2, round(seconds * 1000 / every_ms))
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(every_ms)

    def grab() -> None:
        frames.append(_luminance(image_array(widget.grab().toImage())[::4, ::4]))
        if len(frames) >= wanted:
            timer.stop()
            loop.quit()

    timer.timeout.connect(grab)
    grab()
    timer.start()
    loop.exec()
    directions: list[int] = []
    for before, after in itertools.pairwise(frames):
        delta = after - before
        changed = np.abs(delta) >= LUMINANCE_STEP
        if np.count_nonzero(changed) >= CHANGED_SHARE * delta.size:
            directions.append(1 if float(delta[changed].mean()) > 0 else -1)
    reversals = sum(1 for a, b in itertools.pairwise(directions) if a != b)
    return (reversals + 1) / 2 / seconds if directions else 0.0
