"""Service calls off the GUI thread: one worker, results delivered back on the GUI thread.

One worker keeps the kiosk's own database calls in order; the GUI thread only waits
for Qt events, never for the database or the PIN hash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Background(QObject):
    """``run(work, done, failed)``: ``work`` runs on the worker, callbacks on the GUI thread."""

    _finished = Signal(object, object, object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-ui")
        self._generation = 0
        self.pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[BaseException], None] | None = None) -> None:
        if self._closed:
            return
        self.pending += 1
        generation = self._generation

        def job() -> None:
            try:
                result = work()
            except BaseException as exc:  # delivered to the GUI thread, never lost
                self._finished.emit(None, exc, (done, failed), generation)
                return
            self._finished.emit(result, None, (done, failed), generation)

        self._pool.submit(job)

    def forget_pending(self) -> None:
        """Results of work started before an idle reset must not reach the new session."""
        self._generation += 1

    def _deliver(self, result: Any, error: BaseException | None,
                 callbacks: tuple[Callable[[Any], None], Callable[[BaseException], None] | None],
                 generation: int) -> None:
        self.pending -= 1
        if generation != self._generation:
            return
        done, failed = callbacks
        if error is None:
            done(result)
        elif failed is not None:
            failed(error)
        else:
            log.error("background work failed", exc_info=error)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
