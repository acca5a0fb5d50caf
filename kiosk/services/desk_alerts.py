"""What the desk's red banner lists: problems someone at the office must act on.

A kiosk in a lobby fails quietly: it stops reporting, its hub feed stops syncing, its
voice cannot speak, or someone is guessing PINs at it. Each check here reads what is
already stored (heartbeats, sync state, lockout events) and never blocks on a kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.domain.lockouts import (
    SUSPECT_WINDOW,
    LockoutKind,
    running_long_locks,
    suspected_kiosks,
)
from kiosk.services.heartbeat import HeartbeatStore
from kiosk.services.ports import Clock, UnitOfWorkFactory
from kiosk.services.status import SyncStatusSource

SILENT_AFTER_INTERVALS = 3
"""A kiosk is silent after this many heartbeat intervals without a beat (as `kiosk
heartbeats`, which exits 3 then)."""
SYNC_FAILING_AFTER = timedelta(hours=1)
"""A hub source whose last sync failed and that has had no success for this long; a
single failed round between good ones is normal on a lobby network."""
VOICE_PROBLEMS = frozenset({"no_voice", "no_engine", "not_responding", "engine_error",
                            "fallback_english"})
"""``voice=`` notes in a heartbeat that the office must fix (``fallback_english``: no
Korean voice, so Korean guidance is silent); ``ready``, ``fallback_korean`` and
``starting`` are fine."""


class AlertKind(StrEnum):
    SILENT_KIOSK = "silent_kiosk"
    SYNC_FAILING = "sync_failing"
    VOICE_UNAVAILABLE = "voice_unavailable"
    LONG_LOCKOUT = "long_lockout"
    GUESSING = "guessing"


@dataclass(frozen=True)
class DeskAlert:
    """One problem. ``subject`` is the kiosk, source, household label or username;
    ``place`` the kiosk where a lockout happened; ``detail`` the voice status, the
    source's error, or the households locked at a suspected kiosk."""

    kind: AlertKind
    subject: str
    since: datetime | None = None
    until: datetime | None = None
    place: str = ""
    detail: str = ""
    lock_kind: LockoutKind | None = None
    count: int = 0


def voice_status(note: str) -> str:
    """The ``voice=`` value of a heartbeat's status note ("" when absent)."""
    for part in note.replace(",", ";").split(";"):
        key, _, value = part.strip().partition("=")
        if key == "voice":
            return value.strip()
    return ""


@dataclass
class DeskAlerts:
    """Reads everything the banner needs in one call (run it off the GUI thread)."""

    uow: UnitOfWorkFactory
    clock: Clock
    heartbeats: HeartbeatStore
    sync: SyncStatusSource
    interval_s: int = 60

    def current(self) -> list[DeskAlert]:
        now = self.clock()
        return [*self._kiosks(now), *self._sources(now), *self._lockouts(now)]

    def _kiosks(self, now: datetime) -> list[DeskAlert]:
        alerts: list[DeskAlert] = []
        silent_after = timedelta(seconds=SILENT_AFTER_INTERVALS * self.interval_s)
        for beat in sorted(self.heartbeats.list(), key=lambda h: h.kiosk_id):
            if beat.silent_for(now) > silent_after:
                alerts.append(DeskAlert(AlertKind.SILENT_KIOSK, beat.kiosk_id,
                                        since=beat.last_seen))
            voice = voice_status(beat.status)
            if voice in VOICE_PROBLEMS:
                alerts.append(DeskAlert(AlertKind.VOICE_UNAVAILABLE, beat.kiosk_id,
                                        since=beat.last_seen, detail=voice))
        return alerts

    def _sources(self, now: datetime) -> list[DeskAlert]:
        alerts: list[DeskAlert] = []
        for source in self.sync.sources():
            failed_last = source.last_error_at is not None and (
                source.last_success is None or source.last_error_at > source.last_success)
            if not failed_last or source.last_error_at is None:
                continue
            without_success = now - (source.last_success or source.last_error_at)
            if without_success > SYNC_FAILING_AFTER:
                alerts.append(DeskAlert(AlertKind.SYNC_FAILING, source.name,
                                        since=source.last_success or source.last_error_at,
                                        detail=(source.last_error or "")[:120]))
        return alerts

    def _lockouts(self, now: datetime) -> list[DeskAlert]:
        with self.uow() as uow:
            events = uow.lockouts.relevant(now - 2 * SUSPECT_WINDOW, now)
        alerts = [DeskAlert(AlertKind.GUESSING, s.kiosk_id, since=s.first, until=s.last,
                            detail=", ".join(s.households), count=len(s.households))
                  for s in suspected_kiosks(events, now)]
        alerts += [DeskAlert(AlertKind.LONG_LOCKOUT, e.subject, since=e.locked_at,
                             until=e.locked_until, place=e.kiosk_id, lock_kind=e.kind)
                   for e in running_long_locks(events, now)]
        return alerts
