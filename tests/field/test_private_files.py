"""Private files: a fresh data folder, its database, WAL/SHM, backups and logs are the
owner's alone whatever the umask; the doctor names any file others can read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.doctor import run_checks
from tests.processes import child_env


@contextmanager
def being_written(path: Path) -> Iterator[None]:
    """Another process writing ``path`` the way a backup does (holding its lock)."""
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600);"
         " fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()",
         str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        yield
    finally:
        child.communicate("", timeout=30)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The loosest umask a session can have: nothing is taken off."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def kiosk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = child_env(KIOSK_DATA_DIR=str(data), KIOSK_CONFIG=os.devnull)
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=lambda: os.umask(0o000))


def test_a_fresh_data_folder_is_private_even_with_an_open_umask(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    done = kiosk(data, "demo", "--no-bookings")
    assert done.returncode == 0, done.stderr
    done = kiosk(data, "backup")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    assert mode(data / "kiosk.db") == 0o600
    for side in ("kiosk.db-wal", "kiosk.db-shm"):
        if (data / side).exists():
            assert mode(data / side) == 0o600, side
    backups = data / "backups"
    assert mode(backups) == 0o700
    files = list(backups.glob("*.db"))
    assert files and all(mode(f) == 0o600 for f in files)
    doctor = kiosk(data, "doctor")
    assert "[ok  ] file modes" in doctor.stdout, doctor.stdout


def test_start_up_makes_logs_and_an_old_installation_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None) -> None:
    from kiosk.field.runtime import prepare
    from kiosk.storage.engine import create_db_engine

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}")
    create_db_engine(settings.effective_database_url).dispose()
    # An installation from before the rule: everything readable by everyone.
    old_backups = tmp_path / "data" / "backups"
    old_backups.mkdir(mode=0o755)
    (old_backups / "lobby-1-20261101-0300.db").write_bytes(b"old")
    killed = old_backups / ".kiosk-lobby-1-20261101-030000.db.partial"
    killed.write_bytes(b"half")
    for path in (tmp_path / "data", old_backups):
        os.chmod(path, 0o755)
    for path in (tmp_path / "data" / "kiosk.db", old_backups / "lobby-1-20261101-0300.db"):
        os.chmod(path, 0o644)
    found = {c.name: c for c in run_checks(settings)}["file modes"]
    assert not found.ok
    assert f"{tmp_path / 'data'} is 0755 (want 0700)" in found.detail
    assert "kiosk.db is 0644 (want 0600)" in found.detail and "chmod" in found.fix

    prepared = prepare(settings, console_log=False)
    try:
        assert prepared.logs is not None
        log_file = prepared.logs.path
        assert mode(log_file.parent) == 0o700 and mode(log_file) == 0o600
        assert mode(tmp_path / "data") == 0o700
        assert mode(old_backups) == 0o700
        assert mode(old_backups / "lobby-1-20261101-0300.db") == 0o600
        assert mode(tmp_path / "data" / "kiosk.db") == 0o600
        assert {c.name: c for c in run_checks(settings)}["file modes"].ok
        assert not killed.exists()  # what a killed backup left went at start
    finally:
        prepared.marker.end()
        if prepared.logs is not None:
            prepared.logs.close()


def test_each_backup_first_removes_what_killed_backups_left(tmp_path: Path) -> None:
    from kiosk.backup.backups import take_backup
    from kiosk.storage import migrate
    from kiosk.storage.engine import create_db_engine

    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    backups = tmp_path / "backups"
    backups.mkdir()
    stale = [backups / f".kiosk-lobby-1-2026110{i}-030000.db.partial" for i in range(1, 4)]
    stale.append(backups / ".kiosk-lobby-1-20261101-030000.db.partial-journal")
    for path in stale:
        path.write_bytes(b"half")
    running = backups / ".kiosk-lobby-2-20261123-090000.db.partial"  # another one, writing
    running.write_bytes(b"now")
    running_journal = running.with_name(running.name + "-journal")
    running_journal.write_bytes(b"j")
    mine = backups / "notes.partial"  # not a backup's: left alone
    mine.write_bytes(b"x")
    with being_written(running):
        made = take_backup(url, backups, "lobby-1")
        assert made.path.exists()
        assert not any(p.exists() for p in stale)
        assert running.exists() and running_journal.exists() and mine.exists()
    # The other writer was killed before it finished: the next backup clears its files.
    take_backup(url, backups, "lobby-1", now=made.taken_at + timedelta(minutes=1))
    assert not running.exists() and not running_journal.exists() and mine.exists()
