"""What the kiosk checks before it shows anything: did it stop cleanly, is the file sound.

A run marker file is written at start (with the process id) and removed on a clean
exit; finding one at the next start means the previous run crashed, was killed or lost
power. ``PRAGMA integrity_check`` then decides whether the database can be trusted.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.domain.clock import utc_now
from kiosk.storage.private import private_dir, sync_folder

log = logging.getLogger(__name__)

MARKER_NAME = "kiosk.running"


@dataclass(frozen=True)
class PreviousRun:
    """What the marker of a run that did not stop cleanly said."""

    pid: int | None
    started_at: datetime | None
    version: str


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunMarker:
    """``<data>/kiosk.running`` exists exactly while a kiosk process runs."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / MARKER_NAME

    def read(self) -> PreviousRun | None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            return PreviousRun(None, None, "")
        try:
            data = json.loads(raw)
            started = datetime.fromisoformat(data["started_at"])
            return PreviousRun(int(data["pid"]), started, str(data.get("version", "")))
        except (ValueError, KeyError, TypeError):
            # A marker cut short by a power loss still says the run did not end cleanly.
            return PreviousRun(None, None, "")

    def held_by_other_process(self) -> int | None:
        """The pid of another live kiosk process using this data directory, if any."""
        previous = self.read()
        if previous is None or previous.pid is None or previous.pid == os.getpid():
            return None
        return previous.pid if _pid_alive(previous.pid) else None

    def begin(self, version: str) -> PreviousRun | None:
        """Write this run's marker; returns the previous run if it ended uncleanly."""
        previous = self.read()
        if previous is not None:
            if previous.pid is not None and previous.pid != os.getpid() and _pid_alive(
                    previous.pid):
                log.warning("another kiosk process (pid %s) uses this data directory",
                            previous.pid)
            else:
                log.warning("previous run did not shut down cleanly", extra={
                    "event": "unclean_shutdown", "previous_pid": previous.pid,
                    "previous_start": previous.started_at.isoformat()
                    if previous.started_at else None,
                    "previous_version": previous.version})
        private_dir(self.path.parent)
        payload = json.dumps({"pid": os.getpid(), "version": version,
                              "started_at": utc_now().isoformat()})
        temp = self.path.with_name(self.path.name + ".tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, self.path)
        sync_folder(self.path.parent)
        return previous

    def end(self) -> None:
        """A clean exit: remove the marker (only if it is ours)."""
        current = self.read()
        if current is not None and current.pid not in (None, os.getpid()):
            return
        self.path.unlink(missing_ok=True)
        sync_folder(self.path.parent)




@dataclass(frozen=True)
class IntegrityReport:
    """Result of the start-up check, with the way out when it failed."""

    ok: bool
    detail: str
    database: str
    last_backup: Path | None = None

    def advice(self) -> str:
        """What to tell the installer when the database cannot be trusted."""
        if self.ok:
            return ""
        if self.last_backup is not None:
            return (f"the database {self.database} is damaged ({self.detail}). Stop the kiosk "
                    f"and restore the last backup: kiosk restore {self.last_backup}")
        return (f"the database {self.database} is damaged ({self.detail}) and no backup was "
                f"found. Stop the kiosk, keep the file for repair, and restore a copy from "
                f"another kiosk or the association PC with: kiosk restore FILE")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for PostgreSQL or in-memory databases)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    return Path(database) if database and database != ":memory:" else None


def integrity_problems(path: Path, max_errors: int = 20) -> list[str]:
    """``PRAGMA integrity_check`` lines other than ``ok`` (empty list = sound)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        rows = connection.execute(f"PRAGMA integrity_check({int(max_errors)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()
    lines = [str(row[0]) for row in rows]
    return [] if lines == ["ok"] else lines


def check_integrity(url: str, backup_dir: Path) -> IntegrityReport:
    """Run the check on the kiosk's SQLite file; PostgreSQL checks its own pages."""
    from kiosk.backup.files import latest_backup

    path = sqlite_path(url)
    if path is None:
        return IntegrityReport(True, "checked by the PostgreSQL server", url.split("@")[-1])
    if not path.exists():
        return IntegrityReport(True, "new database", str(path))
    problems = integrity_problems(path)
    if not problems:
        return IntegrityReport(True, "integrity_check ok", str(path))
    latest = latest_backup(backup_dir)
    report = IntegrityReport(False, "; ".join(problems[:3]), str(path),
                             latest.path if latest else None)
    log.error("database integrity check failed: %s", report.advice(),
              extra={"event": "integrity_failed"})
    return report
