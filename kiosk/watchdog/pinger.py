"""Pings the systemd watchdog from a QTimer on the GUI thread.

Because the timer runs on the event loop, a frozen loop stops the pings and systemd
restarts the kiosk after ``WatchdogSec``. Construct it after the QApplication.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.watchdog.notify import SystemdNotifier

log = logging.getLogger(__name__)


class WatchdogPinger(QObject):
    """READY=1 on ``start()``, WATCHDOG=1 every half timeout, STOPPING=1 on ``stop()``.

    ``healthy`` (optional) is asked before each ping: returning False withholds it, so a
    kiosk that is alive but stuck (say, no database for minutes) is restarted too.
    """

    def __init__(self, notifier: SystemdNotifier, parent: QObject | None = None,
                 healthy: Callable[[], bool] | None = None,
                 interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.healthy = healthy
        self.pings = 0
        self._timer = QTimer(self)
        self._timer.setObjectName("watchdog-pinger")
        self._timer.timeout.connect(self.ping)
        self.interval_ms = interval_ms or notifier.ping_interval_ms()

    def start(self, status: str = "") -> None:
        self.notifier.ready(status)
        if self.interval_ms is not None:
            self._timer.start(self.interval_ms)
            log.info("watchdog pings every %d ms", self.interval_ms)

    def ping(self) -> None:
        if self.healthy is not None and not self.healthy():
            log.warning("watchdog ping withheld: the kiosk reports itself unhealthy")
            return
        if self.notifier.watchdog():
            self.pings += 1

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
        self.notifier.stopping()
