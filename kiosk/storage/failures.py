"""Database failures in words a person can act on, never a traceback."""

from __future__ import annotations

import errno
import sqlite3

FULL_MARKERS = ("database or disk is full", "disk is full", "no space left on device",
                "could not extend file")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return seen


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100) or ENOSPC anywhere in the chain."""
    for item in _chain(exc):
        if isinstance(item, OSError) and item.errno == errno.ENOSPC:
            return True
        if getattr(item, "sqlstate", None) == "53100":
            return True
        known = isinstance(item, sqlite3.Error | OSError) or hasattr(item, "sqlstate")
        if known and any(marker in str(item).lower() for marker in FULL_MARKERS):
            return True
    return False


def storage_failure_text(exc: BaseException) -> str:
    """Korean first, English second; says that nothing was written (writes are one
    transaction, rolled back on any error)."""
    if is_disk_full(exc):
        return ("저장 공간이 부족해 아무것도 기록하지 않았습니다. 공간을 비운 뒤 다시 하세요. / "
                "The disk is full: nothing was written. Free some space and try again.")
    first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return ("데이터베이스 오류로 아무것도 기록하지 않았습니다. `kiosk doctor`로 확인하세요. / "
            f"Database error, nothing was written ({first}). Run `kiosk doctor`.")
