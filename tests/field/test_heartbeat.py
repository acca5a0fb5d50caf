"""Heartbeat rows: one per kiosk, overwritten, read by the association's app."""

from __future__ import annotations

from datetime import timedelta

from kiosk.config import Settings
from kiosk.health.heartbeat import build_heartbeat
from kiosk.services.heartbeat import HeartbeatService, Measurements
from kiosk.storage.heartbeats import SqlHeartbeatStore


def test_beats_overwrite_one_row_per_kiosk(services, clock) -> None:  # type: ignore[no-untyped-def]
    store = SqlHeartbeatStore(services.engine)
    sizes = iter([(1000, 5_000_000), (2000, 4_000_000), (10, 20)])

    def measure() -> Measurements:
        return Measurements(*next(sizes))

    lobby = HeartbeatService(store, clock, "lobby-1", "0.1.0", measure,
                             lambda: "seoul-bikes ok 09:00", interval_s=60)
    desk = HeartbeatService(store, clock, "lobby-2", "0.1.0", measure, interval_s=60)
    first = lobby.beat()
    assert first.uptime_s == 0 and first.last_touch is None
    clock.advance(minutes=5)
    lobby.touched()
    clock.advance(seconds=30)
    second = lobby.beat()
    desk.beat()
    stored = lobby.get("lobby-1")
    assert stored == second
    assert stored is not None and stored.uptime_s == 330
    assert stored.last_touch == clock.now - timedelta(seconds=30)
    assert (stored.database_bytes, stored.free_disk_bytes) == (2000, 4_000_000)
    assert stored.sync_state == "seoul-bikes ok 09:00"
    assert stored.started_at == first.started_at
    assert [h.heartbeat.kiosk_id for h in lobby.overview()] == ["lobby-1", "lobby-2"]
    assert not any(h.silent for h in lobby.overview())
    clock.advance(minutes=4)
    assert all(h.silent for h in lobby.overview())
    assert not any(h.silent for h in lobby.overview(silent_after=timedelta(minutes=10)))


def test_measured_figures_are_real(services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    service = build_heartbeat(Settings(database_url=services.settings.effective_database_url,
                                       kiosk_id="lobby-9"), services.engine)
    beat = service.beat()
    assert beat.database_bytes is not None and beat.database_bytes > 10_000
    assert beat.free_disk_bytes is not None and beat.free_disk_bytes > 0
    assert service.overview()[0].heartbeat.kiosk_id == "lobby-9"


def test_heartbeat_migration_downgrades_and_upgrades(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from kiosk.storage import migrate
    from kiosk.storage.engine import create_db_engine

    engine = create_db_engine(database_url)
    try:
        migrate.upgrade(engine, "0004")
        assert "kiosk_heartbeat" in inspect(engine).get_table_names()
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
        assert "kiosk_heartbeat" not in inspect(engine).get_table_names()
        assert "bookings" in inspect(engine).get_table_names()
        migrate.upgrade(engine)
        assert "kiosk_heartbeat" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
