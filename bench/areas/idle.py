"""Idle: CPU the kiosk uses sitting on its home screen.

Starts the real ``kiosk run --windowed`` (offscreen, demo village, with its field runtime:
run marker, heartbeat, watchdog, log and backup folders, all under a temporary
``KIOSK_DATA_DIR``), lets it settle, then reads the CPU time of the kiosk and every
process it started over consecutive windows. The kiosk's switch from the home screen to
its attract screen after ``home_idle_timeout_s`` is pushed past the measurement, so the
figure is the home screen's.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time

import psutil

from bench.areas.startup import copy_village, kiosk_env
from bench.harness import ROOT, Context, Report, Target

NAME = "idle"
TITLE = "Idle CPU on the home screen"


def tree_cpu_s(root: psutil.Process) -> tuple[float, int]:
    total = 0.0
    family = [root]
    with contextlib.suppress(psutil.Error):
        family += root.children(recursive=True)
    for proc in family:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total, len(family)


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    window_s = ctx.pick(10.0, 1.0)
    windows = ctx.pick(6, 3)
    settle_s = ctx.pick(8.0, 3.0)
    folder = copy_village(ctx, "idle")
    # Stay on the home screen for the whole measurement (the attract screen comes later).
    (folder / "kiosk.toml").write_text("[kiosk]\nhome_idle_timeout_s = 3600\n",
                                       encoding="utf-8")
    errors = folder / "kiosk-stderr.log"  # a file, not a pipe nobody reads while it runs
    with errors.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed"],
                                cwd=ROOT, env=kiosk_env(folder), stdout=subprocess.DEVNULL,
                                stderr=err)
    try:
        time.sleep(settle_s)
        if proc.poll() is not None:
            raise RuntimeError(f"the kiosk exited {proc.returncode}: "
                               f"{errors.read_text(encoding='utf-8')[-800:]}")
        root = psutil.Process(proc.pid)
        shares = []
        processes = 0
        for _ in range(windows):
            cpu0, _n = tree_cpu_s(root)
            t0 = time.perf_counter()
            time.sleep(window_s)
            cpu1, count = tree_cpu_s(root)
            processes = max(processes, count)
            if proc.poll() is not None:
                raise RuntimeError(f"the kiosk exited {proc.returncode} while idle: "
                                   f"{errors.read_text(encoding='utf-8')[-800:]}")
            shares.append((cpu1 - cpu0) / (time.perf_counter() - t0) * 100)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    report.add(f"CPU, % of one core ({window_s:.0f} s windows)", shares, "%")
    report.info.update(window_s=window_s, windows=windows, processes=processes)
    report.notes.append(
        f"{windows} consecutive {window_s:.0f} s windows ({windows * window_s:.0f} s) after "
        f"{settle_s:.0f} s of settling; {processes} process(es) in the kiosk's tree, all "
        "counted (the map's QtWebEngine processes are among them once the kiosk has built "
        "its map view).")
    report.targets = [Target(f"CPU, % of one core ({window_s:.0f} s windows)", "<=", 1.0,
                             "idle CPU ≤ 1% of a core")]
    return report
