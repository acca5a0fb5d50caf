"""Migrations create exactly the schema the models describe, and keep data on upgrade."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kiosk.storage import field_models, hub_models, migrate
from kiosk.storage.engine import create_db_engine
from kiosk.storage.schema import metadata


def test_migrations_match_models(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        migrate.upgrade(engine)
        assert migrate.is_up_to_date(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), metadata)
        assert diff == []
        hub_tables = {t.__tablename__ for t in (
            hub_models.HubListingRow, hub_models.HubQuarantineRow, hub_models.HubSyncStateRow,
            hub_models.HubSyncLeaseRow)}
        field_tables = {field_models.KioskHeartbeatRow.__tablename__}
        assert {"bookings", "households", "resources", "audit_log", *hub_tables,
                *field_tables} <= set(
            inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_with_full_sync(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_db_engine(f"sqlite:///{tmp_path / 'k.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_hub_migration_upgrades_from_0001_and_downgrades(database_url: str) -> None:
    from alembic import command

    engine = create_db_engine(database_url)
    try:
        migrate.upgrade(engine, "0001")
        assert "hub_listings" not in inspect(engine).get_table_names()
        migrate.upgrade(engine, "0002")
        assert migrate.current_revision(engine) == "0002"
        assert "hub_sync_leases" in inspect(engine).get_table_names()
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        assert migrate.current_revision(engine) == "0001"
        assert not {"hub_listings", "hub_quarantine", "hub_sync_state", "hub_sync_leases"} & set(
            inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_start_up_check_reads_the_revision_and_migrates_only_when_behind(
        database_url: str) -> None:
    assert migrate.known_head() == migrate.head_revision()  # the files, read without Alembic
    engine = create_db_engine(database_url)
    try:
        assert migrate.stored_revisions(engine) == set()
        migrate.upgrade(engine, "0002")  # a kiosk left behind by an older version
        assert migrate.stored_revisions(engine) == {"0002"}
        assert migrate.upgrade_if_behind(engine) is True
        assert migrate.is_up_to_date(engine)
        assert "kiosk_heartbeat" in inspect(engine).get_table_names()
        assert migrate.upgrade_if_behind(engine) is False  # current: one SELECT, nothing run
    finally:
        engine.dispose()


def test_a_current_database_starts_without_importing_alembic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'k.db'}"
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    code = ("import sys\n"
            "from kiosk.app import build_services\n"
            "from kiosk.config import Settings\n"
            f"s = build_services(Settings(database_url={url!r}))\n"
            "s.close()\n"
            "print('alembic' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == "False"


def test_neighbours_migration_keeps_bookings_and_checks_one_party(database_url: str) -> None:
    """0007 makes household_id nullable beside neighbour_id; bookings made before keep
    their household, a row with neither party is refused, and 0006 comes back."""
    from datetime import UTC, datetime

    import pytest
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    engine = create_db_engine(database_url)
    at = datetime(2026, 11, 23, tzinfo=UTC).replace(tzinfo=None)
    try:
        migrate.upgrade(engine, "0006")
        with engine.begin() as c:
            c.execute(text("INSERT INTO resources (id, kind, name_ko, name_en, description_ko, "
                           "description_en, lat, lon, address, where_ko, where_en, source, "
                           "bookable, capacity, rules, retired, created_at, updated_at) VALUES "
                           "('room', 'space', '방', 'Room', '', '', 37.6, 127.0, '', '', '', "
                           "'local', true, 1, '{}', false, :at, :at)"), {"at": at})
            c.execute(text("INSERT INTO households (building, unit, pin_hash, active, "
                           "failed_attempts, plates, created_at, updated_at) VALUES "
                           "('101', '1203', 'x', true, 0, '[]', :at, :at)"), {"at": at})
            c.execute(text("INSERT INTO bookings (code, resource_id, household_id, start_at, "
                           "end_at, units, status, note, created_by, created_at, updated_at) "
                           "SELECT 'AAAAAA', 'room', id, :at, :end, 1, 'confirmed', '', 't', "
                           ":at, :at FROM households"),
                      {"at": at, "end": at.replace(hour=1)})
        migrate.upgrade(engine)
        with engine.connect() as c:
            kept = c.execute(text("SELECT code, household_id IS NOT NULL, neighbour_id "
                                  "FROM bookings")).all()
        assert [tuple(r) for r in kept] == [("AAAAAA", True, None)]
        with engine.begin() as c, pytest.raises(IntegrityError):
            c.execute(text("UPDATE bookings SET household_id = NULL"))
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
        assert "neighbours" not in inspect(engine).get_table_names()
        with engine.connect() as c:
            assert c.execute(text("SELECT code FROM bookings")).scalars().all() == ["AAAAAA"]
    finally:
        engine.dispose()


def test_owners_migration_keeps_resources_as_the_villages_and_comes_back(
        database_url: str) -> None:
    """0011 adds resources.owner (NULL: the village's own) and drops it again."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import text

    engine = create_db_engine(database_url)
    at = datetime(2026, 11, 23, tzinfo=UTC).replace(tzinfo=None)
    try:
        migrate.upgrade(engine, "0007")
        with engine.begin() as c:
            c.execute(text("INSERT INTO resources (id, kind, name_ko, name_en, description_ko, "
                           "description_en, lat, lon, address, where_ko, where_en, source, "
                           "bookable, capacity, rules, retired, created_at, updated_at) VALUES "
                           "('room', 'space', '방', 'Room', '', '', 37.6, 127.0, '', '', '', "
                           "'local', true, 1, '{}', false, :at, :at)"), {"at": at})
        migrate.upgrade(engine, "0011")
        with engine.connect() as c:
            assert c.execute(text("SELECT id, owner FROM resources")).all() == [("room", None)]
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
        columns = {col["name"] for col in inspect(engine).get_columns("resources")}
        assert "owner" not in columns and "name_ko" in columns
        with engine.connect() as c:
            assert c.execute(text("SELECT id FROM resources")).scalars().all() == ["room"]
    finally:
        engine.dispose()
