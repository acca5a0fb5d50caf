"""Loaded by every Python process of the suite's shifted-clock run, and only then
(scripts/test.sh puts this folder on PYTHONPATH and runs pytest under libfaketime).

libfaketime 0.9.10 with ``FAKETIME_DONT_FAKE_MONOTONIC=1`` (so waits and timeouts keep
real time) answers EINVAL to ``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)``, which
Python 3.11's ``time.sleep`` uses. ``select`` sleeps just as long and is passed through.
"""

from __future__ import annotations

import os
import select
import time

_real_sleep = time.sleep


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


if "faketime" in os.environ.get("LD_PRELOAD", ""):
    time.sleep = _sleep
