"""SIGKILL at random points during hundreds of booking writes: after every restart the
database is intact, every booking whose receipt was shown is there, and no other
booking exists except the one in flight at each kill."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.domain.bookings import BookingStatus
from kiosk.domain.resources import ResourceKind
from tests.builders import add_household, add_resource
from tests.processes import child_env

WRITES = 300
ROOT = Path(__file__).resolve().parents[2]


def prepare(url: str) -> None:
    from kiosk.app import build_services
    from kiosk.config import Settings

    services = build_services(Settings(database_url=url))
    add_resource(services, "spots", capacity=1, kind=ResourceKind.PARKING, max_days_ahead=30)
    add_household(services)
    services.close()


def test_sigkill_during_bookings_loses_nothing_that_was_confirmed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    prepare(url)
    base = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    rng = random.Random(20261121)
    confirmed: dict[int, str] = {}
    in_flight_at_kill: set[int] = set()
    tried: set[int] = set()
    next_index, kills, starts = 0, 0, []
    env = child_env()
    while next_index < WRITES:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.field.power_loss_child", url, str(tmp_path),
             base.isoformat(), str(next_index), str(WRITES)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        assert child.stdout is not None
        starts.append(child.stdout.readline().strip())
        kill_after = rng.randint(5, 60)  # receipts before this kill
        current: int | None = None
        seen = 0
        killed = False
        for line in child.stdout:
            kind, *rest = line.split()
            if kind == "try":
                current = int(rest[0])
                tried.add(current)
                next_index = current + 1
                if seen >= kill_after:
                    time.sleep(rng.uniform(0, 0.006))  # somewhere inside the write
                    child.send_signal(signal.SIGKILL)
                    kills += 1
                    killed = True
                    break
            elif kind == "ok":
                confirmed[int(rest[0])] = rest[1]
                seen += 1
        # What the child wrote before the kill is still in the pipe: its receipts were
        # shown, and a booking takes a few milliseconds, so it may have finished this
        # one and started the next before the signal landed.
        for line in child.stdout:
            kind, *rest = line.split()
            if kind == "ok":
                confirmed[int(rest[0])] = rest[1]
            elif kind == "try":
                current = int(rest[0])
                tried.add(current)
                next_index = current + 1
        if killed and current is not None:
            in_flight_at_kill.add(current)  # the last booking it started
        child.stdout.close()
        child.wait(timeout=60)
        assert child.returncode in (0, -signal.SIGKILL)

    assert kills >= 5 and len(tried) == WRITES
    # Every restart after a kill noticed the unclean shutdown.
    assert starts[0] == "start unclean=False"
    assert starts[1:] == ["start unclean=True"] * kills

    connection = sqlite3.connect(tmp_path / "kiosk.db")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute("SELECT code, start_at, status FROM bookings").fetchall()
    finally:
        connection.close()
    stored: dict[int, tuple[str, str]] = {}
    for code, start_at, status in rows:
        start = datetime.fromisoformat(str(start_at)).replace(tzinfo=UTC)
        index = int((start - base).total_seconds() // 1800)
        assert index not in stored, "two bookings for one slot"
        stored[index] = (code, status)
    for index, code in confirmed.items():
        assert stored.get(index) == (code, BookingStatus.CONFIRMED.value), index
    print(f"\n{len(tried)} writes, {kills} kills, {len(confirmed)} receipts, "
          f"{len(set(stored) - set(confirmed))} committed in the instant before a kill")
    unreceipted = set(stored) - set(confirmed)
    assert unreceipted <= in_flight_at_kill  # committed just before its kill, nothing else
    assert len(confirmed) >= WRITES - kills
