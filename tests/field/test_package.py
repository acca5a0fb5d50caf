"""The PyInstaller bundle builds from build.spec and its program works without the
source tree: version, migrations, demo village, a checked backup, and the map page
drawn by QtWebEngine (``kiosk doctor --render``), and the kiosk itself up to its map
(``kiosk run --smoke``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.processes import outside_faketime

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.package
def test_bundle_builds_and_runs(tmp_path: Path) -> None:
    began = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=1200)
    assert build.returncode == 0, build.stderr[-3000:]
    built_s = time.perf_counter() - began
    bundle = tmp_path / "dist" / "sharing-village-kiosk"
    program = bundle / "kiosk"
    # Run from elsewhere, with the source tree out of reach.
    away = tmp_path / "elsewhere"
    away.mkdir()
    # The frozen program runs outside libfaketime when the suite runs under it (the
    # shifted-clock run's shim cannot reach a frozen interpreter); it gets the test's
    # calendar through its own clock setting instead.
    env = outside_faketime({k: v for k, v in os.environ.items()
                            if k not in ("PYTHONPATH", "VIRTUAL_ENV")})
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(tmp_path / "data"),
               KIOSK_CONFIG=os.devnull)

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(program), *args], cwd=away, env=env, capture_output=True,
                              text=True, check=False, timeout=120)

    began = time.perf_counter()
    version = kiosk("--version")
    start_s = time.perf_counter() - began
    assert version.returncode == 0 and version.stdout.strip().startswith("kiosk ")
    assert kiosk("db", "upgrade").returncode == 0
    demo = kiosk("demo")
    assert demo.returncode == 0, demo.stderr
    assert "demo village ready" in demo.stdout
    backup = kiosk("backup")
    assert backup.returncode == 0, backup.stderr
    began = time.perf_counter()
    doctor = kiosk("doctor", "--render")
    render_s = time.perf_counter() - began
    # QtWebEngine, its helper process, the kiosk:// scheme and the XStatic map libraries
    # all work from the bundle: the real map page becomes ready.
    assert "[ok  ] map render: map page ready" in doctor.stdout, doctor.stdout + doctor.stderr
    assert "[ok  ] assets:" in doctor.stdout and "[ok  ] migrations:" in doctor.stdout
    assert "[ok  ] integrity:" in doctor.stdout and "[ok  ] backups:" in doctor.stdout
    # The whole kiosk from the bundle: home screen painted and the map's markers shown.
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS",
                                                       "--no-sandbox")
    smoke = kiosk("run", "--smoke")
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    timings = json.loads(smoke.stdout.strip().splitlines()[-1])
    assert 0 < timings["home_painted_s"] <= timings["map_ready_s"]
    size = sum(f.lstat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"\nbundle {size / 1e6:.0f} MB, built in {built_s:.0f} s, "
          f"`kiosk --version` in {start_s:.2f} s, `kiosk doctor --render` in {render_s:.1f} s, "
          f"run --smoke: home {timings['home_painted_s']:.2f} s, "
          f"map {timings['map_ready_s']:.2f} s")
    for folder in ("build", "dist"):  # about 2 GB together: do not keep them in /tmp
        shutil.rmtree(tmp_path / folder, ignore_errors=True)
