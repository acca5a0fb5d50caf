"""Figures for the heartbeat and ``kiosk doctor``: database size and free disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, text

from kiosk.health.startup import sqlite_path


def database_bytes(engine: Engine) -> int | None:
    """Size of the database (SQLite: file plus its WAL), or None when unknown."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None:
        total = 0
        for candidate in (path, path.with_name(path.name + "-wal")):
            try:
                total += candidate.stat().st_size
            except FileNotFoundError:
                continue
        return total
    if engine.dialect.name == "postgresql":
        try:
            with engine.connect() as connection:
                size = connection.scalar(text("SELECT pg_database_size(current_database())"))
            return int(size) if size is not None else None
        except Exception:  # a size is a nice-to-have, never a reason to fail a heartbeat
            return None
    return None


def free_disk_bytes(path: Path) -> int | None:
    """Free bytes on the file system holding ``path`` (its nearest existing parent)."""
    candidate = path
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    try:
        return shutil.disk_usage(candidate).free
    except OSError:
        return None
