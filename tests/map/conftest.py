"""Shared set-up for the map tests: headless Qt, the kiosk:// scheme, test data makers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import json
import random
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.map.listing import KINDS, MapListing

HERE = Path(__file__).resolve().parent
GIREUM = (37.6063, 127.0256)

# Warnings Qt prints once when QtWebEngine starts on a machine without a GPU or
# display server; they say nothing about the map, so map tests ignore exactly these.
HEADLESS_GPU_NOISE = (
    r"^QRhiGles2: Failed to create",
    r"^Failed to create RHI for backend",
    r"^This plugin does not support createPlatformVulkanInstance",
    r"^QVulkanInstance: Failed to initialize Vulkan",
    r"^GBM is not supported with the current configuration",
    r"^GPUInfo not initialized on GpuInfoUpdate",
)


def pytest_configure(config: pytest.Config) -> None:
    # Chromium reads custom schemes once, before the QApplication (qapp fixture) exists.
    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(*HEADLESS_GPU_NOISE))


def make_listings(count: int, seed: int = 1, spread: float = 0.01) -> list[MapListing]:
    """Deterministic listings scattered around Gireum-dong."""
    rnd = random.Random(seed)
    as_of = datetime(2025, 5, 1, 9, 30, tzinfo=UTC)
    items = []
    for i in range(count):
        total = rnd.randint(1, 12)
        items.append(
            MapListing(
                id=f"res-{i}",
                kind=KINDS[i % len(KINDS)],
                name_ko=f"공유 자원 {i}",
                name_en=f"Shared resource {i}",
                lat=GIREUM[0] + rnd.uniform(-spread, spread),
                lon=GIREUM[1] + rnd.uniform(-spread, spread),
                units_free=rnd.randint(0, total),
                units_total=total,
                as_of=as_of,
                status="out_of_service" if i % 13 == 7 else "available",
            )
        )
    return items


def png_bytes(color: str, size: int = 256) -> bytes:
    """A solid PNG tile made with QImage (needs a Q(Gui)Application)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def make_mbtiles(
    path: Path,
    tiles: Mapping[tuple[int, int, int], bytes],
    metadata: Mapping[str, str] | None = None,
) -> Path:
    """Write an MBTiles file; ``tiles`` are keyed by XYZ (z, x, y) and stored TMS-flipped."""
    meta = {"name": path.stem, "format": "png", "version": "1.3"}
    meta.update(metadata or {})
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
            "tile_data BLOB)"
        )
        conn.executemany(
            "INSERT INTO metadata VALUES (?, ?)", [(k, v) for k, v in meta.items() if v]
        )
        conn.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)",
            [(z, x, (2**z - 1) - y, data) for (z, x, y), data in tiles.items()],
        )
    conn.close()
    return path


def page_js(view: Any, code: str, timeout_ms: int = 5000) -> Any:
    """Run JavaScript in the view's page and return its result."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    results: list[Any] = []

    def done(value: Any) -> None:
        results.append(value)
        loop.quit()

    view.web_view.page().runJavaScript(code, 0, done)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    if not results:
        raise TimeoutError(f"no answer from the page for: {code[:80]}")
    return results[0]


def page_json(view: Any, expression: str, timeout_ms: int = 5000) -> Any:
    """Evaluate a JavaScript expression and return it as Python data (objects, arrays)."""
    return json.loads(page_js(view, f"JSON.stringify({expression})", timeout_ms))


def wait_for(predicate: Callable[[], bool], timeout_ms: int = 10000) -> None:
    """Spin the event loop until ``predicate`` is true (fixtures cannot use qtbot)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_ms / 1000
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


@pytest.fixture
def listings() -> list[MapListing]:
    return make_listings(60)
