"""Heartbeats: each kiosk says it is alive, and how it is, in one row of the database.

The kiosk calls ``touched()`` when a resident uses the screen and ``beat()`` from a
timer; the association's app calls ``overview()`` to see every kiosk and which ones
have gone quiet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class Heartbeat:
    """How one kiosk was when it last reported."""

    kiosk_id: str
    version: str
    started_at: datetime
    uptime_s: int
    last_touch: datetime | None
    database_bytes: int | None
    free_disk_bytes: int | None
    sync_state: str
    last_seen: datetime
    status: str = ""
    """Short ``key=value`` notes on parts that can fail quietly, e.g. ``voice=no_voice``."""

    def silent_for(self, now: datetime) -> timedelta:
        return now - self.last_seen


@dataclass(frozen=True)
class KioskHealth:
    """A heartbeat as the association sees it."""

    heartbeat: Heartbeat
    silent: bool


class HeartbeatStore(Protocol):
    def save(self, heartbeat: Heartbeat) -> None: ...
    def get(self, kiosk_id: str) -> Heartbeat | None: ...
    def list(self) -> list[Heartbeat]: ...


@dataclass(frozen=True)
class Measurements:
    """Figures measured at each beat (database size and free disk may be unknown)."""

    database_bytes: int | None
    free_disk_bytes: int | None


class HeartbeatService:
    """Records this kiosk's heartbeat and reads everyone's."""

    def __init__(self, store: HeartbeatStore, clock: Callable[[], datetime], kiosk_id: str,
                 version: str, measure: Callable[[], Measurements],
                 sync_state: Callable[[], str] = lambda: "", interval_s: int = 60,
                 status: Callable[[], str] = lambda: "") -> None:
        self.store = store
        self.clock = clock
        self.kiosk_id = kiosk_id
        self.version = version
        self.measure = measure
        self.sync_state = sync_state
        self.interval_s = interval_s
        self.status = status
        self.started_at = clock()
        self._last_touch: datetime | None = None
        self._lock = threading.Lock()

    def touched(self) -> None:
        """A resident used the screen (cheap; called from the GUI thread)."""
        now = self.clock()
        with self._lock:
            self._last_touch = now

    @property
    def last_touch(self) -> datetime | None:
        with self._lock:
            return self._last_touch

    def beat(self) -> Heartbeat:
        """Measure and write this kiosk's row (overwriting the previous one)."""
        now = self.clock()
        figures = self.measure()
        heartbeat = Heartbeat(
            kiosk_id=self.kiosk_id, version=self.version, started_at=self.started_at,
            uptime_s=max(0, int((now - self.started_at).total_seconds())),
            last_touch=self.last_touch, database_bytes=figures.database_bytes,
            free_disk_bytes=figures.free_disk_bytes, sync_state=self.sync_state()[:500],
            last_seen=now, status=self.status()[:200])
        self.store.save(heartbeat)
        return heartbeat

    def get(self, kiosk_id: str) -> Heartbeat | None:
        return self.store.get(kiosk_id)

    def overview(self, silent_after: timedelta | None = None) -> list[KioskHealth]:
        """Every kiosk's last heartbeat; silent when none came for three intervals."""
        limit = silent_after or timedelta(seconds=3 * self.interval_s)
        now = self.clock()
        return [KioskHealth(h, h.silent_for(now) > limit)
                for h in sorted(self.store.list(), key=lambda h: h.kiosk_id)]
