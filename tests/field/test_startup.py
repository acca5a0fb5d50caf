"""Start-up safety: an unclean previous run is noticed; a damaged file names the backup."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.backup.backups import take_backup
from kiosk.health.startup import RunMarker, check_integrity
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine
from tests.processes import child_env


def test_clean_exit_then_crash_is_detected(tmp_path: Path, caplog: pytest.LogCaptureFixture
                                           ) -> None:
    marker = RunMarker(tmp_path)
    assert marker.begin("0.1.0") is None
    marker.end()
    assert not marker.path.exists()
    assert marker.begin("0.1.0") is None  # the last run ended cleanly
    # A process that starts and is killed without reaching end():
    script = ("import sys; from pathlib import Path; from kiosk.health.startup import RunMarker;"
              f"RunMarker(Path({str(tmp_path)!r})).begin('0.1.0'); import os, signal;"
              "os.kill(os.getpid(), signal.SIGKILL)")
    child = subprocess.run([sys.executable, "-c", script], env=child_env(),
                           check=False)
    assert child.returncode == -9
    with caplog.at_level(logging.WARNING, logger="kiosk.health.startup"):
        previous = RunMarker(tmp_path).begin("0.1.0")
    assert previous is not None and previous.pid not in (None, os.getpid())
    assert previous.version == "0.1.0"
    assert "did not shut down cleanly" in caplog.text
    assert json.loads(marker.path.read_text())["pid"] == os.getpid()


def test_half_written_marker_still_counts_as_unclean(tmp_path: Path) -> None:
    marker = RunMarker(tmp_path)
    marker.path.write_text('{"pid": 12')
    previous = marker.begin("0.1.0")
    assert previous is not None and previous.pid is None


@pytest.mark.logs_errors('integrity check failed')
def test_integrity_failure_names_the_last_backup(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE ballast (x TEXT)")
        for _ in range(300):
            connection.exec_driver_sql("INSERT INTO ballast VALUES (hex(randomblob(400)))")
    engine.dispose()
    assert check_integrity(url, tmp_path / "b").ok
    older = take_backup(url, tmp_path / "b", "lobby-1")
    (tmp_path / "b" / older.path.name.replace("2026", "2025")).write_bytes(
        older.path.read_bytes())  # an older backup must not be the one named
    with sqlite3.connect(tmp_path / "kiosk.db") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ballast'").fetchone()[0]
    raw = bytearray((tmp_path / "kiosk.db").read_bytes())
    start = (root - 1) * 4096
    raw[start:start + 4096] = b"\x0d" + b"\xee" * 4095  # a leaf page full of nonsense
    (tmp_path / "kiosk.db").write_bytes(bytes(raw))
    report = check_integrity(url, tmp_path / "b")
    assert not report.ok
    assert report.last_backup == older.path
    assert f"kiosk restore {older.path}" in report.advice()


def test_postgres_and_new_databases_pass(tmp_path: Path) -> None:
    assert check_integrity("postgresql+psycopg://k@127.0.0.1:1/x", tmp_path).ok
    assert check_integrity(f"sqlite:///{tmp_path / 'new.db'}", tmp_path).ok


def test_the_kiosk_engine_writes_in_wal_with_full_sync(tmp_path: Path) -> None:
    """Every connection the services use, readers and writers, has the durable settings."""
    from sqlalchemy import text

    from kiosk.app import build_services
    from kiosk.config import Settings

    services = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}"))
    try:
        for write in (False, True):
            with services.bookings.uow(write=write) as uow:
                session = uow.session  # type: ignore[attr-defined]
                assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        services.close()
