"""The daily automatic backup and its rotation, as plain Python the app ticks.

The app calls ``BackupSchedule.run_if_due()`` from a timer off the GUI thread (every
few minutes); it does nothing until the configured time of day has passed without a
backup, and waits while a resident is using the screen.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.backup.backups import BackupError, take_backup
from kiosk.backup.files import BackupFile, list_backups
from kiosk.domain.clock import to_local

if TYPE_CHECKING:
    from kiosk.config import Settings

log = logging.getLogger(__name__)


def rotate(directory: Path, kiosk_id: str, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Delete this kiosk's backups beyond the newest per day for ``keep_daily`` days and
    the newest per ISO week for ``keep_weekly`` weeks. The newest backup always stays."""
    backups = list_backups(directory, kiosk_id)  # newest first
    keep: set[Path] = {backups[0].path} if backups else set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for backup in backups:
        local = to_local(backup.taken_at).date()
        week = local.isocalendar()[:2]
        if local not in days and len(days) < keep_daily:
            days.append(local)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(backup.path)
    removed: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", backup.path.name, exc)
    return removed


def parse_time(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


@dataclass
class BackupSchedule:
    """A backup once a day after ``at`` (Seoul time), then rotation."""

    url: str
    directory: Path
    kiosk_id: str
    at: time = time(3, 30)
    keep_daily: int = 7
    keep_weekly: int = 4
    enabled: bool = True
    last_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def due(self, now: datetime) -> bool:
        """True when today's (or a missed earlier) backup time passed without a backup."""
        if not self.enabled:
            return False
        local = to_local(now)
        slot = local.replace(hour=self.at.hour, minute=self.at.minute, second=0,
                             microsecond=0)
        if local < slot:
            slot -= timedelta(days=1)
        latest = list_backups(self.directory, self.kiosk_id)
        return not latest or latest[0].taken_at < slot

    def run_if_due(self, now: datetime, busy: bool = False) -> BackupFile | None:
        """Take and rotate if due and nobody is using the kiosk; never raises."""
        if busy or not self.due(now):
            return None
        if not self._lock.acquire(blocking=False):
            return None  # one already running
        try:
            backup = take_backup(self.url, self.directory, self.kiosk_id, now)
            removed = rotate(self.directory, self.kiosk_id, self.keep_daily, self.keep_weekly)
            self.last_error = ""
            log.info("daily backup done", extra={"event": "backup_daily",
                                                 "file": backup.path.name,
                                                 "rotated_away": len(removed)})
            return backup
        except BackupError as exc:
            self.last_error = str(exc)
            log.error("daily backup failed: %s", exc, extra={"event": "backup_failed"})
            return None
        finally:
            self._lock.release()

    @classmethod
    def from_settings(cls, settings: Settings) -> BackupSchedule:
        return cls(settings.effective_database_url, settings.effective_backup_dir,
                   settings.kiosk_id, parse_time(settings.backup_time),
                   settings.backup_keep_daily, settings.backup_keep_weekly,
                   settings.backup_enabled)
