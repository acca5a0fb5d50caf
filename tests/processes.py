"""The environment of a process a test starts."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.domain.clock import CLOCK_START_ENV

PROJECT = Path(__file__).resolve().parents[1]


def child_env(clock: Any = None, **extra: str) -> dict[str, str]:
    """This environment with this checkout first on the module path (what the suite's run
    put there stays, such as the shifted-clock shim), the test's clock when the test has
    one (``clock.environ()``), then ``extra``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT), os.environ.get("PYTHONPATH", "")) if p)
    if clock is not None:
        env.update(clock.environ())
    env.update(extra)
    return env


def outside_faketime(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a program that cannot run under libfaketime (a frozen bundle, which
    the shifted-clock run's shim cannot reach; Chromium as a benchmark's peer): without
    it, and with this process's calendar handed over through the kiosk's own clock
    setting instead. Under a real clock it only pins the child to the same instant."""
    kept = {k: v for k, v in env.items()
            if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    kept.setdefault(CLOCK_START_ENV, datetime.now(UTC).isoformat())
    return kept
