"""Taps on the real kiosk window, waiting as a resident would for each screen to answer.

The same steps the UI tests take, without pytest-qt: a click is a mouse press and release
on the widget, and "settled" means the window's background reads and writes have come
back to the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


class Stuck(RuntimeError):
    """The kiosk did not reach the state a step waits for."""


class Driver:
    def __init__(self, app: QApplication, window: Any, timeout_s: float = 20.0) -> None:
        self.app = app
        self.window = window
        self.timeout_s = timeout_s

    def wait(self, condition: Callable[[], bool], what: str, timeout_s: float | None = None,
             ) -> None:
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        while not condition():
            if time.monotonic() > deadline:
                raise Stuck(f"waited in vain for {what} (on {self.screen_name()})")
            self.app.processEvents()
            time.sleep(0.001)

    def settle(self) -> None:
        self.app.processEvents()
        self.wait(lambda: self.window.background.pending == 0, "background work")
        self.app.processEvents()
        # processEvents() leaves deleteLater() requests queued; the kiosk's own event loop
        # runs them. Without this, every widget a screen replaces would pile up here.
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def tap(self, widget: QWidget | None, settle: bool = True) -> None:
        if widget is None:
            raise Stuck(f"nothing to tap on {self.screen_name()}")
        self.wait(widget.isVisible, f"{widget.objectName() or type(widget).__name__} to show")
        if not widget.isEnabled():
            raise Stuck(f"{widget.objectName()} is disabled on {self.screen_name()}")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        if settle:
            self.settle()

    def screen_name(self) -> str:
        current = self.window.current
        return next((n for n, s in self.window.screens.items() if s is current), "?")

    def on(self, name: str) -> Any:
        screen = self.window.screens[name]
        self.wait(lambda: self.window.current is screen, f"the {name} screen")
        return screen

    def identify(self, building: str, unit: str, pin: str) -> None:
        """동 (unless it is the kiosk's own, already filled in), 호 and the PIN, as a resident
        types them: a complete number moves on by itself, the 4th PIN digit checks it."""
        screen = self.on("identify")
        keypad = screen.keypad
        self.settle()  # the known addresses, which let the keypad move on by itself
        if screen.values["building"] != building:
            self.tap(screen.fields["building"])  # another 동: one tap empties it
            for digit in building:
                self.tap(keypad.keys[digit], settle=False)
            if screen.active == "building":
                self.tap(keypad.confirm_key)
        for digit in unit:
            self.tap(keypad.keys[digit], settle=False)
        if screen.active == "unit":
            self.tap(keypad.confirm_key)
        for digit in pin:
            self.tap(keypad.keys[digit], settle=False)
        self.settle()

    def type_plate(self, plate: str) -> None:
        """A plate typed on the plate screen moves on by itself once it is complete; a
        household's only registered car is chosen without it (no plate screen)."""
        self.wait(lambda: self.screen_name() in ("plate", "confirm"), "the plate or confirm")
        if self.screen_name() == "confirm":
            return
        screen = self.on("plate")
        for char in plate:
            key = screen.digits.keys.get(char) if char.isdigit() else screen.syllables.keys[char]
            self.tap(key, settle=False)
        self.settle()
