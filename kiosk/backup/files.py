"""Backup file names and listing. Names carry the kiosk id and the UTC time taken.

``kiosk-lobby-1-20261121-033000.db`` (SQLite copy) or ``….dump`` (pg_dump custom
format). Pre-restore copies are named ``pre-restore-…`` and are never rotated away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^kiosk-(?P<kiosk>[A-Za-z0-9_.-]+)-(?P<stamp>\d{8}-\d{6})\.(?P<ext>db|dump)$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kiosk_id: str
    taken_at: datetime
    kind: str  # "sqlite" or "pg_dump"

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_name(kiosk_id: str, taken_at: datetime, kind: str) -> str:
    ext = "db" if kind == "sqlite" else "dump"
    return f"kiosk-{kiosk_id}-{taken_at.astimezone(UTC).strftime(STAMP)}.{ext}"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    taken = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
    return BackupFile(path, match["kiosk"], taken, "sqlite" if match["ext"] == "db" else "pg_dump")


def list_backups(directory: Path, kiosk_id: str | None = None) -> list[BackupFile]:
    """Finished backups in ``directory``, newest first (partial files are not listed)."""
    if not directory.is_dir():
        return []
    found = [b for p in directory.iterdir() if p.is_file()
             if (b := parse_backup_name(p)) is not None
             and (kiosk_id is None or b.kiosk_id == kiosk_id)]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def latest_backup(directory: Path, kiosk_id: str | None = None) -> BackupFile | None:
    backups = list_backups(directory, kiosk_id)
    return backups[0] if backups else None
