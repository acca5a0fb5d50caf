"""The kiosk as installed: `kiosk run` with lockdown, heartbeat and the map, then SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _log_events(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [json.loads(line).get("msg", "") for line in log.read_text().splitlines() if line]


def test_kiosk_runs_with_its_field_runtime_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path), "KIOSK_CONFIG": "",
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    env.pop("KIOSK_DATABASE_URL", None)
    # Full screen means locked down: the lock and the map page load in the same process.
    child = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "kiosk.cli", "run"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = tmp_path / "logs" / "kiosk.log"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and "kiosk starting" not in _log_events(log) \
                and child.poll() is None:
            time.sleep(0.2)
        time.sleep(8)  # window shown, lock installed, the map page loading after first paint
        assert child.poll() is None, child.stdout.read().decode() if child.stdout else ""
        child.send_signal(signal.SIGTERM)
        output = child.communicate(timeout=60)[0].decode()
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, output
    events = _log_events(log)
    assert "kiosk starting" in events and "kiosk stopped cleanly" in events
    assert not (tmp_path / "kiosk.running").exists()  # the next start sees a clean shutdown
