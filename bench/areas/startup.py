"""Start-up: process start → home screen painted → map ready, cold and warm, and peak
memory of every process the kiosk starts (QtWebEngine's zygote and renderer included);
against Chromium (Debian's ``chromium``, headless, no network) opening the same map page
exported with ``kiosk map export``.

The kiosk side runs ``python -m kiosk.cli run --smoke``, which starts the kiosk, waits
until the map is ready, prints one JSON line ``{"home_painted_s", "map_ready_s",
"rss_mb"}`` (times from process start) and exits 0. Cold: a fresh data folder and fresh
cache/config folders, first start. Warm: the same folders, started again. The operating
system's page cache is not dropped (that needs root and disturbs the whole machine).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import (
    ROOT,
    Context,
    Report,
    Target,
    TreeSampler,
    child_env,
    last_json_line,
    run_python,
)

NAME = "startup"
TITLE = "Start-up and memory vs Chromium kiosk"
SMOKE_FIELDS = ("home_painted_s", "map_ready_s", "rss_mb")
NO_NETWORK = ("--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-default-apps", "--no-first-run",
              "--no-default-browser-check", "--disable-features=Translate,MediaRouter")


def kiosk_env(folder: Path) -> dict[str, str]:
    """Everything the kiosk reads or writes lives under ``folder``."""
    config = folder / "kiosk.toml"
    if not config.exists():
        folder.mkdir(parents=True, exist_ok=True)
        config.write_text("", encoding="utf-8")
    return child_env(KIOSK_DATA_DIR=str(folder / "data"), KIOSK_CONFIG=str(config),
                     HOME=str(folder / "home"), XDG_CACHE_HOME=str(folder / "cache"),
                     XDG_CONFIG_HOME=str(folder / "config"),
                     XDG_DATA_HOME=str(folder / "share"), KIOSK_DATABASE_URL="")


def smoke_available() -> str | None:
    """None when ``kiosk run --smoke`` exists, else why not."""
    proc = run_python(["-m", "kiosk.cli", "run", "--help"], timeout=60)
    if proc.returncode != 0:
        return f"`kiosk run --help` failed: {proc.stderr.strip()[-300:]}"
    if "--smoke" not in proc.stdout:
        return "`kiosk run --smoke` is not in this build (nothing prints start-up timings yet)"
    return None


def prepare_village(folder: Path) -> None:
    proc = run_python(["-m", "kiosk.cli", "demo", "--reset"], timeout=120, env=kiosk_env(folder))
    if proc.returncode != 0:
        raise RuntimeError(f"`kiosk demo` failed: {proc.stderr.strip()[-500:]}")


def shared_village(ctx: Context) -> Path:
    """The demo village, made once per harness run (PIN hashing makes it take seconds)."""
    folder = ctx.workdir / "village"
    if not (folder / "ready").exists():
        prepare_village(folder)
        (folder / "ready").write_text("", encoding="utf-8")
    return folder


def copy_village(ctx: Context, name: str) -> Path:
    """A private copy of the demo village with empty caches."""
    target = ctx.workdir / name
    shutil.copytree(shared_village(ctx), target)
    return target


def run_smoke(folder: Path, timeout: float = 120) -> dict[str, float]:
    """One start of the kiosk; its own timings plus the tree's peak memory."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--smoke"], cwd=ROOT,
                            env=kiosk_env(folder), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid, 0.02) as sampler:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise RuntimeError(f"`kiosk run --smoke` did not finish in {timeout:.0f} s") from None
    wall = time.perf_counter() - began
    line = last_json_line(out)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"`kiosk run --smoke` exited {proc.returncode}: {err.strip()[-500:]}")
    data = json.loads(line)
    missing = [k for k in SMOKE_FIELDS if not isinstance(data.get(k), int | float)]
    if missing:
        raise RuntimeError(f"`kiosk run --smoke` printed no {', '.join(missing)}: {line}")
    return {**{k: float(data[k]) for k in SMOKE_FIELDS}, "exit_s": wall,
            "peak_pss_mb": sampler.peak_pss_mb, "peak_rss_mb": sampler.peak_rss_mb,
            "processes": float(sampler.peak_processes)}


# ------------------------------------------------------------------ Chromium
def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def export_page(folder: Path, village: Path) -> tuple[Path, int]:
    """The kiosk's map page with the village's resources, exported as static files."""
    listings = folder / "listings.json"
    code = (
        "import json, sys\n"
        "from kiosk.app import build_services\n"
        "from kiosk.config import load_settings\n"
        "s = build_services(load_settings(), upgrade=False)\n"
        "rows = []\n"
        "for o in s.bookings.overview():\n"
        "    r = o.resource\n"
        "    rows.append({'id': r.id, 'kind': r.kind.value, 'name_ko': r.name_ko,\n"
        "                 'name_en': r.name_en, 'lat': r.location.lat, 'lon': r.location.lon,\n"
        "                 'units_free': o.units_free, 'units_total': r.capacity,\n"
        "                 'status': 'available' if r.in_service else 'out_of_service'})\n"
        "json.dump({'center': [rows[0]['lat'], rows[0]['lon']], 'label': 'here',\n"
        "           'listings': rows}, open(sys.argv[1], 'w'), ensure_ascii=False)\n"
        "s.close()\n"
    )
    env = kiosk_env(village)
    proc = run_python(["-c", code, str(listings)], timeout=120, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"reading the village's listings failed: {proc.stderr[-500:]}")
    out = folder / "page"
    proc = run_python(["-m", "kiosk.map.cli", "map", "export", str(out), "--listings",
                       str(listings), "--tiles"], timeout=120, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"`kiosk map export` failed: {proc.stderr[-500:]}")
    count = len(json.loads(listings.read_text(encoding="utf-8"))["listings"])
    return out / "index.html", count


class DevTools:
    """Chrome DevTools protocol over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, reader: int, writer: int) -> None:
        self.reader, self.writer = reader, writer
        self.buffer = b""
        self.next_id = 0

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError(f"DevTools {method}: {reply['error']}")
                    return dict(reply.get("result", {}))
            if time.monotonic() > deadline:
                raise TimeoutError(f"DevTools {method} timed out")
            chunk = os.read(self.reader, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk


READY_JS = ("document.documentElement.dataset.kioskReady === 'true' ? "
            "KioskMap.invoke('stats', []).markers : -1")


def run_chromium(binary: str, page: Path, profile: Path, expected: int,
                 timeout: float = 60) -> dict[str, float]:
    """Start Chromium on the page; time until the page reports its markers; peak memory."""
    cmd_read, cmd_write = os.pipe()
    out_read, out_write = os.pipe()
    args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--kiosk",
            "--window-size=1920,1080", f"--user-data-dir={profile}",
            "--remote-debugging-pipe", *NO_NETWORK, page.as_uri()]
    wrapper = ["bash", "-c", f'exec "$@" 3<&{cmd_read} 4>&{out_write}', "chromium", *args]
    began = time.perf_counter()
    proc = subprocess.Popen(wrapper, pass_fds=(cmd_read, out_write), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(cmd_read)
    os.close(out_write)
    tools = DevTools(out_read, cmd_write)
    try:
        with TreeSampler(proc.pid, 0.02) as sampler:
            page_target = None
            while page_target is None:
                if time.perf_counter() - began > timeout:
                    raise TimeoutError("Chromium opened no page")
                targets = tools.call("Target.getTargets")["targetInfos"]
                page_target = next((t for t in targets if t["type"] == "page"), None)
            session = tools.call("Target.attachToTarget", {"targetId": page_target["targetId"],
                                                           "flatten": True})["sessionId"]
            markers = -1
            while markers < expected:
                if time.perf_counter() - began > timeout:
                    raise TimeoutError(f"Chromium showed {markers} of {expected} markers")
                try:
                    result = tools.call("Runtime.evaluate",
                                        {"expression": READY_JS, "returnByValue": True},
                                        session)
                    markers = int(result.get("result", {}).get("value", -1))
                except RuntimeError:
                    markers = -1  # the page is still navigating
                if markers < expected:
                    time.sleep(0.01)
            ready = time.perf_counter() - began
            settle_until = time.monotonic() + 1.0  # let it paint before reading memory
            while time.monotonic() < settle_until:
                time.sleep(0.05)
            sampler.sample()
        with contextlib.suppress(RuntimeError, TimeoutError):
            tools.call("Browser.close", timeout=10)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(out_read)
        os.close(cmd_write)
    return {"map_ready_s": ready, "peak_pss_mb": sampler.peak_pss_mb,
            "peak_rss_mb": sampler.peak_rss_mb, "processes": float(sampler.peak_processes)}


# ------------------------------------------------------------------ benchmark
def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    runs = ctx.runs
    base = ctx.workdir / "startup"
    base.mkdir(parents=True, exist_ok=True)
    village = shared_village(ctx)

    chromium = chromium_binary()
    browser: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    if chromium is None:
        report.notes.append("Chromium not measured: no chromium binary (scripts/setup.sh "
                            "installs Debian's chromium)")
    else:
        page, count = export_page(base, village)
        report.info["chromium_page_listings"] = count
        for i in range(runs):
            profile = base / f"chromium-cold-{i}"
            browser["cold"].append(run_chromium(chromium, page, profile, count))
            browser["warm"].append(run_chromium(chromium, page, profile, count))
        for phase in ("cold", "warm"):
            rows = browser[phase]
            report.add(f"Chromium {phase}: start → markers shown",
                       [r["map_ready_s"] for r in rows], "s")
            report.add(f"Chromium {phase}: peak memory, all processes (PSS)",
                       [r["peak_pss_mb"] for r in rows], "MiB")
        report.add("Chromium: peak memory, all processes (RSS)",
                   [r["peak_rss_mb"] for r in browser["cold"] + browser["warm"]], "MiB")

    reason = smoke_available()
    if reason is not None:
        report.reason = reason
        report.status = "not available"
        report.notes.append("kiosk start-up not measured: " + reason)
        return report

    kiosk: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    for i in range(runs):
        folder = copy_village(ctx, f"startup-kiosk-{i}")  # fresh caches: a cold start
        kiosk["cold"].append(run_smoke(folder))
        kiosk["warm"].append(run_smoke(folder))
    for phase in ("cold", "warm"):
        rows = kiosk[phase]
        report.add(f"kiosk {phase}: start → home painted", [r["home_painted_s"] for r in rows],
                   "s")
        report.add(f"kiosk {phase}: start → map ready", [r["map_ready_s"] for r in rows], "s")
        report.add(f"kiosk {phase}: start → exit", [r["exit_s"] for r in rows], "s")
        report.add(f"kiosk {phase}: peak memory, all processes (PSS)",
                   [r["peak_pss_mb"] for r in rows], "MiB")
    report.add("kiosk: peak memory, all processes (RSS)",
               [r["peak_rss_mb"] for r in kiosk["cold"] + kiosk["warm"]], "MiB")
    report.add("kiosk: RSS it reports itself", [r["rss_mb"] for r in kiosk["warm"]], "MB")
    report.add("kiosk: processes in its tree", [r["processes"] for r in kiosk["warm"]], "count")
    if chromium is not None:
        for phase in ("cold", "warm"):
            report.compare(f"{phase}: Chromium markers shown ÷ kiosk map ready",
                           [r["map_ready_s"] for r in browser[phase]],
                           [r["map_ready_s"] for r in kiosk[phase]])
            report.compare(f"{phase}: Chromium memory ÷ kiosk memory (PSS)",
                           [r["peak_pss_mb"] for r in browser[phase]],
                           [r["peak_pss_mb"] for r in kiosk[phase]])
    report.targets = [
        Target("kiosk cold: start → home painted", "<=", 1.0, "home screen painted ≤ 1.0 s"),
        Target("kiosk cold: start → map ready", "<=", 1.5, "map ready ≤ 1.5 s"),
        Target("cold: Chromium markers shown ÷ kiosk map ready", ">=", 1.0,
               "start-up no slower than the Chromium kiosk on the same page"),
    ]
    return report
