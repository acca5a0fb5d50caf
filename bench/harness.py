"""The shape every benchmark reports in, and the helpers they share.

A benchmark is a module with ``NAME``, ``TITLE`` and ``run(ctx) -> Report``. Figures are
``Stat`` summaries (median, min, max of several runs) in one unit; comparisons with a
peer are ratios computed from figures measured in the same run. Targets from the
product's speed goals are checked here so the table says where we stand.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]

OK = "ok"
NOT_AVAILABLE = "not available"
FAILED = "failed"


@dataclass(frozen=True)
class Stat:
    """Median, min and max of ``runs`` measurements, in ``unit``."""

    median: float
    min: float
    max: float
    runs: int
    unit: str

    @classmethod
    def of(cls, values: Iterable[float], unit: str) -> Stat:
        data = [float(v) for v in values]
        if not data:
            raise ValueError("a figure needs at least one measurement")
        return cls(statistics.median(data), min(data), max(data), len(data), unit)

    def to_dict(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.min, "max": self.max, "runs": self.runs,
                "unit": self.unit}


@dataclass(frozen=True)
class Target:
    """A goal from the product's speed targets: ``figure`` must be ``op`` ``limit``."""

    figure: str
    op: str  # "<=" or ">="
    limit: float
    text: str

    def check(self, figures: dict[str, Stat]) -> dict[str, Any]:
        stat = figures.get(self.figure)
        if stat is None:
            return {"target": self.text, "figure": self.figure, "status": "not measured"}
        value = stat.median
        met = value <= self.limit if self.op == "<=" else value >= self.limit
        if self.limit:
            off = (value - self.limit) / abs(self.limit) * 100
        else:
            off = math.inf if value else 0.0
        return {"target": self.text, "figure": self.figure, "value": value, "unit": stat.unit,
                "limit": self.limit, "op": self.op, "status": "met" if met else "missed",
                "off_by_pct": None if met else round(abs(off), 1)}


@dataclass
class Report:
    """What one benchmark measured; ``status`` is ok, not available or failed."""

    name: str
    title: str
    status: str = OK
    reason: str = ""
    figures: dict[str, Stat] = field(default_factory=dict)
    comparisons: dict[str, Stat] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, key: str, values: Iterable[float], unit: str) -> Stat:
        stat = Stat.of(values, unit)
        self.figures[key] = stat
        return stat

    def compare(self, key: str, peer: Sequence[float], ours: Sequence[float]) -> Stat | None:
        """Peer ÷ ours, run by run (both lists from this run); above 1 means we are ahead."""
        pairs = [(p, o) for p, o in zip(peer, ours, strict=False) if o > 0]
        if not pairs:
            return None
        stat = Stat.of((p / o for p, o in pairs), "×")
        self.comparisons[key] = stat
        return stat

    def unavailable(self, reason: str) -> Report:
        self.status, self.reason = NOT_AVAILABLE, reason
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "status": self.status,
            "reason": self.reason, "seconds": round(self.seconds, 1),
            "figures": {k: v.to_dict() for k, v in self.figures.items()},
            "comparisons": {k: v.to_dict() for k, v in self.comparisons.items()},
            "targets": [t.check({**self.figures, **self.comparisons}) for t in self.targets]
            if self.status == OK
            else [],
            "notes": self.notes, "info": self.info,
        }


@dataclass(frozen=True)
class Context:
    """How much to run: ``quick`` shrinks every size so CI only checks that it runs."""

    quick: bool = False
    runs: int = 3
    workdir: Path = Path("/tmp")
    log: Callable[[str], None] = lambda _msg: None
    soak_checkpoints: tuple[int, ...] | None = None  # flows; None: the area's own sizes

    def pick(self, full: Any, quick: Any) -> Any:
        return quick if self.quick else full


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 1,000 values is the 990th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child Python: this checkout first on the path, Qt offscreen."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    env.update(extra)
    return env


def run_python(args: Sequence[str], timeout: float, env: dict[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=ROOT, env=env or child_env())


def last_json_line(text: str, prefix: str = "") -> str | None:
    """The last line of ``text`` that starts with ``prefix`` and looks like a JSON object."""
    for line in reversed(text.splitlines()):
        body = line[len(prefix):] if prefix and line.startswith(prefix) else line
        if (not prefix or line.startswith(prefix)) and body.strip().startswith("{"):
            return body
    return None


def tree_memory(root: psutil.Process) -> tuple[float, float, int]:
    """RSS and PSS (MiB) summed over a process and all its descendants, and their count.

    RSS double-counts pages shared between Chromium's processes; PSS splits them fairly,
    so PSS is the honest total and RSS the pessimistic one.
    """
    try:
        family = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0, 0
    rss = pss = 0
    alive = 0
    for proc in family:
        try:
            rss += proc.memory_info().rss
            pss += _pss_bytes(proc.pid)
            alive += 1
        except (psutil.Error, OSError):
            continue
    return rss / 2**20, pss / 2**20, alive


def _pss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


class TreeSampler:
    """Samples a process tree's memory in a thread; keeps the peaks."""

    def __init__(self, pid: int, interval_s: float = 0.05) -> None:
        self.process = psutil.Process(pid)
        self.interval_s = interval_s
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def sample(self) -> None:
        rss, pss, count = tree_memory(self.process)
        self.peak_rss_mb = max(self.peak_rss_mb, rss)
        self.peak_pss_mb = max(self.peak_pss_mb, pss)
        self.peak_processes = max(self.peak_processes, count)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval_s)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value
