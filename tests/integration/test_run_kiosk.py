"""The kiosk as installed: `kiosk run` with lockdown, heartbeat and the map, then SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.processes import child_env

ROOT = Path(__file__).resolve().parents[2]


def _log_events(log: Path) -> list[str]:
    if not log.exists():
        return []
    events = []
    for line in log.read_text().splitlines():
        try:
            events.append(json.loads(line).get("msg", ""))
        except ValueError:  # the line being written right now
            continue
    return events


def test_kiosk_runs_with_its_field_runtime_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = child_env(KIOSK_DATA_DIR=str(tmp_path), KIOSK_CONFIG="", QT_QPA_PLATFORM="offscreen",
                    QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox")
    env.pop("KIOSK_DATABASE_URL", None)
    # Full screen means locked down: the lock and the map page load in the same process.
    child = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "kiosk.cli", "run"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = tmp_path / "logs" / "kiosk.log"
    try:
        # First frame painted (lock installed, first heartbeat) and the map page loaded.
        awaited = {"kiosk starting", "kiosk ready", "map page ready"}
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not awaited <= set(_log_events(log)) \
                and child.poll() is None:
            time.sleep(0.1)
        assert child.poll() is None, child.stdout.read().decode() if child.stdout else ""
        assert awaited <= set(_log_events(log)), _log_events(log)
        child.send_signal(signal.SIGTERM)
        output = child.communicate(timeout=60)[0].decode()
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, output
    events = _log_events(log)
    assert "kiosk starting" in events and "kiosk stopped cleanly" in events
    assert not (tmp_path / "kiosk.running").exists()  # the next start sees a clean shutdown
