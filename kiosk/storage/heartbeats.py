"""SQL storage for heartbeats (one row per kiosk, overwritten in a short write)."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.services.heartbeat import Heartbeat
from kiosk.storage.engine import session_factories
from kiosk.storage.field_models import KioskHeartbeatRow


def _to_heartbeat(row: KioskHeartbeatRow) -> Heartbeat:
    return Heartbeat(row.kiosk_id, row.version, row.started_at, row.uptime_s, row.last_touch,
                     row.database_bytes, row.free_disk_bytes, row.sync_state, row.last_seen,
                     row.status)


class SqlHeartbeatStore:
    """Implements ``kiosk.services.heartbeat.HeartbeatStore``."""

    def __init__(self, engine: Engine) -> None:
        self._reader: sessionmaker[Session]
        self._writer: sessionmaker[Session]
        self._reader, self._writer = session_factories(engine)

    def save(self, heartbeat: Heartbeat) -> None:
        with self._writer() as session, session.begin():
            row = session.get(KioskHeartbeatRow, heartbeat.kiosk_id)
            if row is None:
                row = KioskHeartbeatRow(kiosk_id=heartbeat.kiosk_id)
                session.add(row)
            row.version = heartbeat.version
            row.started_at = heartbeat.started_at
            row.uptime_s = heartbeat.uptime_s
            row.last_touch = heartbeat.last_touch
            row.database_bytes = heartbeat.database_bytes
            row.free_disk_bytes = heartbeat.free_disk_bytes
            row.sync_state = heartbeat.sync_state
            row.last_seen = heartbeat.last_seen
            row.status = heartbeat.status

    def get(self, kiosk_id: str) -> Heartbeat | None:
        with self._reader() as session:
            row = session.get(KioskHeartbeatRow, kiosk_id)
            return _to_heartbeat(row) if row is not None else None

    def list(self) -> list[Heartbeat]:
        with self._reader() as session:
            return [_to_heartbeat(r) for r in session.scalars(select(KioskHeartbeatRow))]
