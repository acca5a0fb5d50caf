"""SIGTERM/SIGINT end the Qt event loop cleanly, so ``systemctl stop`` is a clean exit.

Python runs signal handlers only when the interpreter gets control, which a Qt event
loop rarely gives it; the signal is therefore written to a socket that a
QSocketNotifier watches on the GUI thread.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)


class QuitOnSignals(QObject):
    """Calls ``on_signal`` (e.g. ``app.quit``) on the GUI thread when a signal arrives."""

    def __init__(self, on_signal: Callable[[], None],
                 signals: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_signal = on_signal
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._signals = signals
        self._previous = {s: signal.signal(s, self._python_handler) for s in signals}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _python_handler(self, signum: int, _frame: FrameType | None) -> None:
        """Nothing to do here: the wake-up byte is already in the socket."""

    def _drain(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        self.received.extend(data)
        log.info("signal %s received: stopping", ", ".join(str(b) for b in data),
                 extra={"event": "signal"})
        self.on_signal()

    def close(self) -> None:
        """Put the previous handlers back (at exit)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()
