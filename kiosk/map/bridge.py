"""The one QObject the page can reach over QWebChannel.

Its slots are the complete allow-list of what the page may call. Each slot parses its
arguments into a typed message (messages.py) and hands it to one Python callback;
nothing here runs page-supplied code or trusts page-supplied sizes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Slot

from kiosk.map import messages
from kiosk.map.messages import BridgeMessageError, PageMessage

log = logging.getLogger("kiosk.map.bridge")

BRIDGE_NAME = "kioskBridge"
# The slots the page may call; tests check the channel exposes no others of ours.
ALLOWED_SLOTS = ("ready", "markerTapped", "log", "filterChanged", "visibleChanged", "announce")


class _RateLimit:
    """Token bucket: a page stuck in a loop cannot flood the log or the UI."""

    def __init__(self, per_second: float, burst: int) -> None:
        self._rate = per_second
        self._burst = float(burst)
        self._tokens = float(burst)
        self._last = time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False


class MapBridge(QObject):
    """Receives page messages; ``deliver`` is called with each valid one."""

    def __init__(
        self, deliver: Callable[[PageMessage], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(BRIDGE_NAME)
        self._deliver = deliver
        self._log_limit = _RateLimit(per_second=5.0, burst=30)
        self._msg_limit = _RateLimit(per_second=50.0, burst=200)
        self.rejected = 0

    def event(self, event: QEvent) -> bool:
        # QWebChannel exposes deleteLater() to the page; the page must not destroy us.
        if event.type() == QEvent.Type.DeferredDelete and self.parent() is not None:
            log.warning("page tried to delete the bridge; ignored")
            return True
        return super().event(event)

    def _handle(self, build: Callable[[], PageMessage]) -> None:
        if not self._msg_limit.allow():
            self.rejected += 1
            return
        try:
            message = build()
        except BridgeMessageError as exc:
            self.rejected += 1
            log.warning("page message rejected: %s", exc)
            return
        self._deliver(message)

    @Slot()
    def ready(self) -> None:
        self._handle(messages.PageReady)

    @Slot(str)
    def markerTapped(self, listing_id: str) -> None:
        self._handle(lambda: messages.marker_tapped(listing_id))

    @Slot(str, str)
    def log(self, level: str, text: str) -> None:
        if self._log_limit.allow():
            self._handle(lambda: messages.page_log(level, text))

    @Slot(str)
    def filterChanged(self, payload: str) -> None:
        self._handle(lambda: messages.filter_changed(payload))

    @Slot(str)
    def visibleChanged(self, payload: str) -> None:
        self._handle(lambda: messages.visible_changed(payload))

    @Slot(str)
    def announce(self, payload: str) -> None:
        self._handle(lambda: messages.control_announced(payload))
