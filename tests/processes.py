"""The environment of a process a test starts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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
