"""The Qt binding itself: a kiosk emits signals for months, so refcounts must balance."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    counted = Signal(int)


def test_emitting_signals_from_python_keeps_true_and_none_alive() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(lambda: received.append(0))
    emitter.counted.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for n in range(300):
        emitter.changed.emit()
        emitter.counted.emit(n)
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    assert len(received) == 600
    # A binding that loses one reference per emit (PySide6 6.12.0 with Python 3.11) would
    # show -300 here, and crash the process once the count reaches zero.
    assert all(a - b > -50 for a, b in zip(after, before, strict=True)), (before, after)
