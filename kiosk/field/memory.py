"""Hand memory the kiosk freed back to the system between residents.

glibc keeps freed blocks in its arenas for reuse; in a process that runs for months with
QtWebEngine's threads beside the GUI, that slack only grows. ``malloc_trim(0)`` returns
what is free in every arena. It takes a few milliseconds, so it runs when a session ends
(idle reset, or home after a receipt), never while someone is tapping.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def _glibc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to do
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


class FreeMemoryRelease:
    """Callable that trims the C heap; a no-op where the C library has no malloc_trim."""

    def __init__(self) -> None:
        self._trim = _glibc_trim()
        self.released = 0  # how many times memory was handed back (for the health log)

    @property
    def available(self) -> bool:
        return self._trim is not None

    def __call__(self) -> bool:
        if self._trim is None:
            return False
        released = bool(self._trim(0))
        self.released += released
        return released
