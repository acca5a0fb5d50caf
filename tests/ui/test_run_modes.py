"""`kiosk run --smoke` keeps its JSON contract; `--screenshots` renders every screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from kiosk.ui.screenshots import render_all
from kiosk.ui.window import KioskWindow
from tests.processes import child_env

PROJECT = Path(__file__).resolve().parents[2]


def test_smoke_prints_one_json_line_with_the_agreed_figures(demo_services: Any) -> None:
    env = child_env(KIOSK_DATABASE_URL=demo_services.settings.database_url)
    env.pop("KIOSK_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "run", "--smoke"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert set(figures) == {"home_painted_s", "map_ready_s", "rss_mb"}
    assert all(isinstance(v, float) for v in figures.values())
    assert 0 < figures["home_painted_s"] <= figures["map_ready_s"] < 60
    assert figures["rss_mb"] > 50


def test_screenshots_cover_every_screen(qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    def make(size: tuple[int, int]) -> KioskWindow:
        return make_window(size)

    written = render_all(make, tmp_path, languages=("en",), dispose=False)
    names = {p.name for p in written}
    for orientation in ("landscape", "portrait"):
        for screen in ("01-home", "02-attract", "03-browse-parking", "04-detail",
                       "05-identify", "06-wrong-pin", "07-plate", "08-confirm", "09-receipt",
                       "10-my-bookings", "11-detail-info-only", "12-idle-warning",
                       "13-accessibility", "14-help"):
            assert f"en-{orientation}-{screen}.png" in names
    image = QImage(str(tmp_path / "en-portrait-08-confirm.png"))
    assert (image.width(), image.height()) == (1080, 1920)
    assert len({image.pixel(x, y) for x in range(0, 1080, 40) for y in range(0, 1920, 40)}) > 3
