"""The process clock: one reading of "now" that tests can hand to the processes they start."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain import clock
from tests.processes import child_env

PROJECT = Path(__file__).resolve().parents[2]
# The only ways the product could read the wall clock besides kiosk.domain.clock.
WALL_CLOCK_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"),
                    ("datetime", "today"), ("QDate", "currentDate"),
                    ("QDateTime", "currentDateTime"), ("QTime", "currentTime")}
# Reads of the PC's own date that are not a "now" of the product: the desk's calendar
# un-marks the day Qt itself would mark as today when the village's date differs.
NOT_A_NOW = {("kiosk/admin/dates.py", "QDate.currentDate")}


def test_clock_start_runs_from_the_given_instant_at_real_speed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_shift", timedelta(0))
    start = datetime(2026, 11, 23, 9, 0, tzinfo=clock.SEOUL)
    clock.start_clock_at(start)
    first = clock.utc_now()
    assert abs(first - start) < timedelta(seconds=2)
    assert first.tzinfo is UTC
    second = clock.utc_now()
    assert first <= second < first + timedelta(seconds=2)


def test_clock_start_from_the_environment() -> None:
    assert clock.clock_start_from({}) is None
    assert clock.clock_start_from({clock.CLOCK_START_ENV: " "}) is None
    assert clock.clock_start_from({clock.CLOCK_START_ENV: "2026-11-23T00:00:00+00:00"}) == \
        datetime(2026, 11, 23, tzinfo=UTC)
    with pytest.raises(ValueError, match="ISO date-time"):
        clock.clock_start_from({clock.CLOCK_START_ENV: "next monday"})
    with pytest.raises(ValueError, match="time zone"):
        clock.clock_start_from({clock.CLOCK_START_ENV: "2026-11-23T00:00:00"})


def kiosk_command(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_kiosk_command_takes_its_clock_from_the_environment(tmp_path: Path) -> None:
    """A booking that is ahead by the given clock is taken; by the wall clock it is past."""
    env = child_env(KIOSK_DATA_DIR=str(tmp_path))
    env.pop(clock.CLOCK_START_ENV, None)
    then = {**env, clock.CLOCK_START_ENV: "2020-02-03T00:00:00Z"}  # Monday 09:00 in Seoul
    demo = kiosk_command("demo", "--no-bookings", env=then)
    assert demo.returncode == 0, demo.stderr
    book = ("bookings", "create", "--resource", "kitchen-shared", "--household", "101-102",
            "--start", "2020-02-04T14:00", "--end", "2020-02-04T15:00")
    past = kiosk_command(*book, env=env)
    assert past.returncode == 3 and "already passed" in past.stderr
    taken = kiosk_command(*book, env=then)
    assert taken.returncode == 0, taken.stderr
    listed = kiosk_command("bookings", "list", "--csv", env=then)  # from "today" on
    assert listed.returncode == 0 and "2020-02-04T14:00" in listed.stdout
    bad = kiosk_command("bookings", "list", env={**env, clock.CLOCK_START_ENV: "soon"})
    assert bad.returncode == 2 and "KIOSK_CLOCK_START" in bad.stderr


def test_no_product_module_reads_the_wall_clock_but_the_clock_module() -> None:
    """Every "now" goes through kiosk.domain.clock, so a test's clock reaches all of it."""
    found = []
    for path in sorted((PROJECT / "kiosk").rglob("*.py")):
        if path == PROJECT / "kiosk" / "domain" / "clock.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and (node.value.id, node.attr) in WALL_CLOCK_CALLS
                    and (str(path.relative_to(PROJECT)), f"{node.value.id}.{node.attr}")
                    not in NOT_A_NOW):
                found.append(f"{path.relative_to(PROJECT)}:{node.lineno} "
                             f"{node.value.id}.{node.attr}")
    assert found == []
