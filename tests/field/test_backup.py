"""Backups: taken while the kiosk books, checked, rotated, restored only after a check,
and a full disk leaves nothing half-written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.backup.backups import BackupError, check_backup, restore_backup, take_backup
from kiosk.backup.files import backup_name, list_backups
from kiosk.backup.schedule import BackupSchedule, rotate
from kiosk.domain.policy import BookingRequest
from kiosk.health.startup import RunMarker
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine
from tests.builders import KIOSK, add_household, add_resource


def book(services, household: int, hours_ahead: int = 2) -> str:  # type: ignore[no-untyped-def]
    start = services.bookings.clock() + timedelta(hours=hours_ahead)
    return services.bookings.book(BookingRequest("room", start, start + timedelta(hours=1)),
                                  household, KIOSK).code


def codes(services) -> set[str]:  # type: ignore[no-untyped-def]
    with services.bookings.uow() as uow:
        return {b.code for b in uow.bookings.search()}


def test_backup_then_restore_brings_back_the_bookings(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, "room", capacity=3)
    household = add_household(services)
    first = book(services, household, 2)
    url = services.settings.effective_database_url
    backup = take_backup(url, tmp_path / "backups", "lobby-1")
    assert backup.path.parent == tmp_path / "backups"
    assert check_backup(backup.path).revision == migrate.head_revision()
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [backup.path.name]
    second = book(services, household, 4)
    assert codes(services) == {first, second}
    services.engine.dispose()
    result = restore_backup(url, backup.path, tmp_path / "backups")
    assert codes(services) == {first}
    assert result.pre_restore_copy is not None and result.pre_restore_copy.exists()
    # The pre-restore copy still holds the booking made after the backup.
    services.engine.dispose()
    restore_backup(url, result.pre_restore_copy, tmp_path / "other")
    assert codes(services) == {first, second}


def test_sqlite_backup_is_one_self_contained_file(sqlite_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_resource(sqlite_services, "room")
    url = sqlite_services.settings.effective_database_url
    backup = take_backup(url, tmp_path / "b", "lobby-1")
    connection = sqlite3.connect(backup.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert connection.execute("SELECT id FROM resources").fetchall() == [("room",)]
    connection.close()


@pytest.fixture
def sqlite_services(tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from kiosk.app import build_services
    from kiosk.config import Settings

    svc = build_services(Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}"))
    svc.bookings = replace(svc.bookings, clock=clock, hasher=replace(svc.bookings.hasher, n=2**4))
    yield svc
    svc.close()


def test_restore_refuses_files_that_are_not_sound_kiosk_databases(sqlite_services,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    add_resource(sqlite_services, "room")
    url = sqlite_services.settings.effective_database_url
    db = Path(url.removeprefix("sqlite:///"))
    before = db.read_bytes()
    good = take_backup(url, tmp_path / "b", "lobby-1").path

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    other = tmp_path / "other.db"
    sqlite3.connect(other).executescript("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);")
    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    damaged = tmp_path / "damaged.db"
    raw = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page * 2, len(raw) - page, page):  # scribble over every b-tree page
        raw[offset:offset + 16] = b"\xff" * 16
    damaged.write_bytes(bytes(raw))

    for path, why in ((garbage, "not a SQLite database"), (other, "not a kiosk database"),
                      (newer, "newer version of the kiosk"), (damaged, "damaged"),
                      (tmp_path / "missing.db", "no backup file")):
        with pytest.raises(BackupError, match=why):
            restore_backup(url, path, tmp_path / "b")
    assert db.read_bytes() == before
    assert [b.path for b in list_backups(tmp_path / "b")] == [good]
    assert not list((tmp_path / "b").glob("pre-restore-*"))


def test_restore_refuses_while_the_kiosk_runs(sqlite_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_resource(sqlite_services, "room")
    url = sqlite_services.settings.effective_database_url
    good = take_backup(url, tmp_path / "b", "lobby-1").path
    child = subprocess.Popen(["sleep", "30"])
    try:
        marker = RunMarker(tmp_path)
        marker.path.write_text(f'{{"pid": {child.pid}, "started_at": "2026-11-21T00:00:00+00:00",'
                               f' "version": "0.1.0"}}')
        with pytest.raises(BackupError, match=f"the kiosk is running \\(process {child.pid}\\)"):
            restore_backup(url, good, tmp_path / "b", marker)
    finally:
        child.kill()
        child.wait()
    restore_backup(url, good, tmp_path / "b", RunMarker(tmp_path))  # its process is gone


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 192 KiB file system, so the disk really fills up (needs root, as CI has)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", str(mount)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"cannot mount a small tmpfs (run the tests as root): {result.stderr}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_database(services, rows: int) -> None:  # type: ignore[no-untyped-def]
    with services.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS ballast (x TEXT)"))
        connection.execute(text("INSERT INTO ballast VALUES (:x)"),
                           [{"x": os.urandom(500).hex()} for _ in range(rows)])


def test_full_disk_says_so_and_leaves_nothing(sqlite_services, tiny_disk: Path) -> None:  # type: ignore[no-untyped-def]
    add_resource(sqlite_services, "room")
    fill_database(sqlite_services, 400)  # ~450 kB: cannot fit
    url = sqlite_services.settings.effective_database_url
    with pytest.raises(BackupError, match="is full") as excinfo:
        take_backup(url, tiny_disk, "lobby-1")
    assert "Nothing was written" in str(excinfo.value)
    assert list(tiny_disk.iterdir()) == []


def test_disk_filling_up_during_the_copy_leaves_nothing(sqlite_services, tiny_disk: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    add_resource(sqlite_services, "room")
    fill_database(sqlite_services, 400)
    # Pretend the disk looked roomy when checked, as when another program fills it meanwhile.
    monkeypatch.setattr("kiosk.backup.backups.free_disk_bytes", lambda _p: 10**12)
    with pytest.raises(BackupError, match="is full"):
        take_backup(sqlite_services.settings.effective_database_url, tiny_disk, "lobby-1")
    assert list(tiny_disk.iterdir()) == []


def test_full_disk_during_restore_keeps_the_current_database(sqlite_services,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path,
                                                             tiny_disk: Path) -> None:
    add_resource(sqlite_services, "room")
    fill_database(sqlite_services, 400)
    url = sqlite_services.settings.effective_database_url
    good = take_backup(url, tmp_path / "b", "lobby-1").path
    db = Path(url.removeprefix("sqlite:///"))
    sqlite_services.engine.dispose()
    before = db.read_bytes()
    with pytest.raises(BackupError, match="is full"):
        restore_backup(url, good, tiny_disk)  # the pre-restore copy cannot be kept
    assert db.read_bytes() == before
    assert list(tiny_disk.iterdir()) == []


def make_backups(directory: Path, stamps: list[datetime]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        (directory / backup_name("lobby-1", stamp, "sqlite")).write_bytes(b"x")


def test_rotation_keeps_daily_and_weekly_and_pre_restore_copies(tmp_path: Path) -> None:
    now = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)  # Sunday 03:30 in Seoul
    stamps = [now - timedelta(days=d) for d in range(60)] + [now - timedelta(hours=2)]
    make_backups(tmp_path, stamps)
    (tmp_path / "pre-restore-20261101-000000.db").write_bytes(b"x")
    make_backups(tmp_path, [now - timedelta(days=50)])  # same name: no new file
    (tmp_path / backup_name("lobby-2", now - timedelta(days=50), "sqlite")).write_bytes(b"x")
    removed = rotate(tmp_path, "lobby-1", keep_daily=7, keep_weekly=4)
    kept = list_backups(tmp_path, "lobby-1")
    days = {b.taken_at.date() for b in kept}
    assert len(kept) == len(days)  # one per day
    assert {(now - timedelta(days=d)).date() for d in range(7)} <= days
    assert kept[0].taken_at == now  # the newest stays
    weeks = {b.taken_at.isocalendar()[:2] for b in kept}
    assert len(weeks) == 4 and len(kept) <= 7 + 4
    assert len(removed) == len(stamps) - len(kept)
    assert (tmp_path / "pre-restore-20261101-000000.db").exists()
    assert list_backups(tmp_path, "lobby-2")  # another kiosk's backups are not ours to rotate


def test_schedule_runs_once_a_day_after_its_time_and_not_while_busy(sqlite_services,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    from datetime import time

    add_resource(sqlite_services, "room")
    schedule = BackupSchedule(sqlite_services.settings.effective_database_url, tmp_path / "b",
                              "lobby-1", time(3, 30), keep_daily=2, keep_weekly=0)
    before = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)  # 03:00 Seoul
    assert schedule.due(before)  # no backup yet: yesterday's was missed
    assert schedule.run_if_due(before, busy=True) is None
    first = schedule.run_if_due(before)
    assert first is not None
    assert not schedule.due(before + timedelta(minutes=10))  # 03:10: not yet
    at = before + timedelta(minutes=31)  # 03:31: due
    assert schedule.due(at)
    second = schedule.run_if_due(at)
    assert second is not None and not schedule.due(at + timedelta(hours=20))
    third = schedule.run_if_due(at + timedelta(days=1))
    assert third is not None
    assert [b.path for b in list_backups(tmp_path / "b")] == [third.path, second.path]


@pytest.mark.logs_errors('daily backup failed')
def test_schedule_failure_is_reported_not_raised(tmp_path: Path) -> None:
    schedule = BackupSchedule(f"sqlite:///{tmp_path / 'none.db'}", tmp_path / "b", "lobby-1")
    assert schedule.run_if_due(datetime(2026, 11, 22, 0, 0, tzinfo=UTC)) is None
    assert "no database" in schedule.last_error


def test_cli_backup_and_restore(sqlite_services, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from kiosk.cli import main

    add_resource(sqlite_services, "room")
    sqlite_services.engine.dispose()
    url = sqlite_services.settings.effective_database_url
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    assert main(["--config", os.devnull, "backup", str(tmp_path / "b")]) == 0
    written = list_backups(tmp_path / "b")
    assert len(written) == 1 and "checked" in capsys.readouterr().out
    assert main(["--config", os.devnull, "restore", str(tmp_path / "nope.db"), "--yes"]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert main(["--config", os.devnull, "restore", str(written[0].path), "--yes"]) == 0
    assert "database restored" in capsys.readouterr().out
    engine = create_db_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM resources")).scalars().all() == ["room"]
    engine.dispose()
