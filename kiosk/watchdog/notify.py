"""The sd_notify protocol: one datagram per message to ``$NOTIFY_SOCKET``.

Written against the standard library (about forty lines) because the pure-Python
``sdnotify`` package has not been released since 2017 and the bindings to libsystemd
need a compiler and headers on the kiosk. Outside systemd every call is a no-op.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends READY=1, WATCHDOG=1, STOPPING=1 and STATUS=… to the service manager."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        # "@name" is an abstract socket: its address starts with a NUL byte.
        self.address = "\0" + address[1:] if address.startswith("@") else address
        self.watchdog_usec = self._watchdog_usec(env)
        self._failed = False

    @staticmethod
    def _watchdog_usec(env: Mapping[str, str]) -> int | None:
        pid = env.get("WATCHDOG_PID")
        # Under a compositor (cage -- kiosk) the unit's main process is our parent; the
        # unit then has NotifyAccess=all and our pings count for it.
        if pid and pid not in (str(os.getpid()), str(os.getppid())):
            return None  # the watchdog is meant for another process of the unit
        try:
            usec = int(env.get("WATCHDOG_USEC", ""))
        except ValueError:
            return None
        return usec if usec > 0 else None

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def ping_interval_ms(self) -> int | None:
        """Half the watchdog timeout, as systemd recommends; None without a watchdog."""
        return None if self.watchdog_usec is None else max(1, self.watchdog_usec // 2000)

    def notify(self, message: str) -> bool:
        """Send one message; False (logged once) when it could not be delivered."""
        if not self.enabled:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message.encode("utf-8"), self.address)
        except OSError as exc:
            if not self._failed:
                log.warning("cannot notify systemd at %s: %s", self.address.lstrip("\0"), exc)
                self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1" + (f"\nSTATUS={status}" if status else ""))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")
