"""Builds the heartbeat service for one kiosk process (called by the composition root)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from kiosk import __version__
from kiosk.config import Settings, data_dir
from kiosk.domain.clock import utc_now
from kiosk.health.probe import database_bytes, free_disk_bytes
from kiosk.services.heartbeat import HeartbeatService, Measurements
from kiosk.storage.heartbeats import SqlHeartbeatStore


def build_heartbeat(settings: Settings, engine: Engine,
                    sync_state: Callable[[], str] = lambda: "",
                    status: Callable[[], str] = lambda: "") -> HeartbeatService:
    def measure() -> Measurements:
        return Measurements(database_bytes(engine), free_disk_bytes(data_dir()))

    return HeartbeatService(SqlHeartbeatStore(engine), utc_now, settings.kiosk_id, __version__,
                            measure, sync_state, settings.heartbeat_interval_s, status)
