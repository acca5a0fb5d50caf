"""``kiosk doctor`` covers backups, integrity, heartbeat, disk and logs; the new
settings report file and line when wrong."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.backup.backups import take_backup
from kiosk.config import ConfigError, Settings, describe, load_settings
from kiosk.doctor import run_checks
from kiosk.domain.households import PinHasher
from kiosk.health.heartbeat import build_heartbeat
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine
from tests.processes import child_env


@pytest.fixture
def kiosk_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}")
    engine = create_db_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    engine.dispose()
    return settings


def checks(settings: Settings) -> dict[str, tuple[bool, str, str]]:
    return {c.name: (c.ok, c.detail, c.fix) for c in run_checks(settings)}


def test_doctor_on_a_fresh_install_asks_for_a_backup(kiosk_data: Settings) -> None:
    found = checks(kiosk_data)
    assert found["integrity"][0] is True
    assert found["backups"][0] is False and "kiosk backup" in found["backups"][2]
    assert found["heartbeat"][0] is True and "no heartbeat" in found["heartbeat"][1]
    assert found["disk"][0] is True and "GB free" in found["disk"][1]
    assert found["logs"][0] is True


def test_doctor_after_a_backup_and_a_heartbeat(kiosk_data: Settings) -> None:
    take_backup(kiosk_data.effective_database_url, kiosk_data.effective_backup_dir, "lobby-1")
    engine = create_db_engine(kiosk_data.effective_database_url)
    build_heartbeat(kiosk_data, engine, lambda: "hub ok").beat()
    engine.dispose()
    kiosk_data.log_dir.mkdir()
    (kiosk_data.log_dir / "kiosk.log").write_text("{}\n")
    found = checks(kiosk_data)
    assert found["backups"][0] is True and "1 kept" in found["backups"][1]
    assert found["heartbeat"][0] is True and "sync hub ok" in found["heartbeat"][1]
    assert found["logs"] == (True, f"1 file(s), 0.0 MB in {kiosk_data.log_dir}", "")


def test_doctor_flags_an_old_backup(kiosk_data: Settings) -> None:
    take_backup(kiosk_data.effective_database_url, kiosk_data.effective_backup_dir, "lobby-1",
                now=datetime.now(UTC) - timedelta(days=3))
    ok, detail, fix = checks(kiosk_data)["backups"]
    assert not ok and "3 days ago" in detail and "not happening" in fix


@pytest.mark.logs_errors('integrity check failed')
def test_doctor_flags_a_damaged_database_and_names_the_backup(kiosk_data: Settings) -> None:
    backup = take_backup(kiosk_data.effective_database_url, kiosk_data.effective_backup_dir,
                         "lobby-1")
    db = Path(kiosk_data.effective_database_url.removeprefix("sqlite:///"))
    raw = bytearray(db.read_bytes())
    raw[4096 * 2:4096 * 2 + 200] = b"\xab" * 200
    db.write_bytes(bytes(raw))
    ok, _detail, fix = checks(kiosk_data)["integrity"]
    assert not ok and f"kiosk restore {backup.path}" in fix


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_field_settings_load_and_show(tmp_path: Path) -> None:
    hashed = PinHasher(n=2**4).hash("2580")
    path = write(tmp_path, f"""
[backup]
dir = "{tmp_path / 'bk'}"
time = "02:15"
keep_daily = 3
keep_weekly = 0
[logs]
keep_files = 4
[lockdown]
admin_pin_hash = "{hashed}"
exit_taps = 7
""")
    settings = load_settings(path, environ={})
    assert settings.effective_backup_dir == tmp_path / "bk"
    assert (settings.backup_time, settings.backup_keep_daily, settings.backup_keep_weekly) == (
        "02:15", 3, 0)
    assert settings.log_keep_files == 4 and settings.exit_gesture_taps == 7
    assert settings.admin_pin_hash == hashed
    shown = {key: value for key, value, _ in describe(settings)}
    assert shown["lockdown.admin_pin_hash"] == "(set)" and hashed not in str(shown)
    assert shown["backup.dir"] == str(tmp_path / "bk")


@pytest.mark.parametrize("text,message", [
    ('[backup]\ntime = "25:00"\n', ':2: backup.time must be a time of day like "03:30"'),
    ('[backup]\n\nkeep_daily = 0\n', ":3: backup.keep_daily must be a whole number from 1"),
    ('[backup]\nenabled = "yes"\n', ":2: backup.enabled must be true or false"),
    ('[logs]\nmax_bytes = 10\n', ":2: logs.max_bytes must be a whole number from 10000"),
    ('[lockdown]\nadmin_pin_hash = "2580"\n', ":2: lockdown.admin_pin_hash must be a hash"),
    ('[lockdown]\nexit_window_s = 0.1\n', ":2: lockdown.exit_window_s must be between 1"),
    ('[health]\nheartbeat_interval_s = 1\n', ":2: health.heartbeat_interval_s must be"),
])
def test_bad_field_settings_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert str(path) in str(excinfo.value) and message in str(excinfo.value)


def test_admin_pin_command_prints_a_hash_that_verifies(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    from kiosk.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("2580\n"))
    assert main(["--config", os.devnull, "admin-pin"]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    stored = line.split('"')[1]
    assert PinHasher.verify("2580", stored) and not PinHasher.verify("2581", stored)
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["--config", os.devnull, "admin-pin"]) == 2


def test_nightly_restart_setting(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, '[health]\nnightly_restart = "04:00-05:00"\n'),
                         environ={}).nightly_restart == "04:00-05:00"
    with pytest.raises(ConfigError, match=r":2: health\.nightly_restart must be a time window"):
        load_settings(write(tmp_path, '[health]\nnightly_restart = "4am"\n'), environ={})


def test_doctor_render_draws_the_map_page(kiosk_data: Settings, tmp_path: Path) -> None:
    """In its own process: the kiosk:// scheme must be registered before Qt starts."""
    import subprocess
    import sys

    env = child_env(KIOSK_DATA_DIR=str(tmp_path), KIOSK_CONFIG=os.devnull,
                    QT_QPA_PLATFORM="offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--render"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "[ok  ] map render: map page ready in" in done.stdout, done.stdout + done.stderr

