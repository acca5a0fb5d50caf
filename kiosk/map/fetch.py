"""Download a tile pack for the area around a village, once, from a server that allows it.

Runs off the GUI thread (CLI or worker). It writes straight into the destination
MBTiles file and skips tiles already there, so an interrupted fetch resumes where it
stopped. OpenStreetMap's public tile servers forbid bulk and offline downloads, so
their hosts are refused outright.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.map.tiles import (
    Bounds,
    TilePackError,
    bounds_around,
    flip_y,
    sniff_format,
    tile_range,
    write_pack_metadata,
    zoom_list,
)

# Registered domains whose public tile servers must not be bulk-downloaded from.
FORBIDDEN_TILE_DOMAINS: tuple[str, ...] = (
    "openstreetmap.org",
    "openstreetmap.de",
    "openstreetmap.fr",
    "osm.org",
    "openstreetmap.com",
)

DEFAULT_MAX_TILES = 20_000
FETCH_TEMPLATE_KEY = "kiosk_fetch_template"


class FetchError(TilePackError):
    """The download cannot start or cannot go on."""


class ForbiddenTileSourceError(FetchError):
    """The URL points at a tile server whose policy forbids bulk downloads."""


@dataclass
class FetchProgress:
    """Handed to the progress callback after every tile."""

    done: int
    total: int
    fetched: int
    skipped: int
    missing: int
    zoom: int


@dataclass(frozen=True)
class FetchReport:
    path: Path
    total: int
    fetched: int
    skipped: int
    missing: int
    bytes_downloaded: int
    format: str | None
    cancelled: bool


def user_agent(contact: str | None = None) -> str:
    """An honest User-Agent that names the product and, if given, who to contact."""
    base = f"SharingVillageKiosk/{__version__} (offline tile pack for a village lobby kiosk"
    return f"{base}; contact: {contact})" if contact else f"{base})"


def check_template(url_template: str) -> None:
    """Refuse templates that are malformed or point at forbidden servers."""
    probe = url_template.replace("{s}", "a")
    for key in ("{z}", "{x}"):
        if key not in probe:
            raise FetchError(f"URL template must contain {key}: {url_template}")
    if "{y}" not in probe and "{-y}" not in probe:
        raise FetchError(f"URL template must contain {{y}} or {{-y}}: {url_template}")
    parsed = urllib.parse.urlsplit(probe.replace("{z}", "0").replace("{x}", "0"))
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"URL template must be http or https: {url_template}")
    host = (parsed.hostname or "").lower().rstrip(".")
    if not host:
        raise FetchError(f"URL template has no host: {url_template}")
    for domain in FORBIDDEN_TILE_DOMAINS:
        if host == domain or host.endswith("." + domain):
            raise ForbiddenTileSourceError(
                f"{host}: OpenStreetMap's tile usage policy forbids bulk and offline "
                "downloading; use a provider that allows it, or your own tile server"
            )


def tile_url(url_template: str, z: int, x: int, y: int, subdomains: str = "abc") -> str:
    sub = subdomains[(x + y) % len(subdomains)] if subdomains else ""
    return (
        url_template.replace("{s}", sub)
        .replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{-y}", str(flip_y(z, y)))
        .replace("{y}", str(y))
    )


def plan_tiles(bounds: Bounds, zooms: Sequence[int]) -> list[tuple[int, int, int]]:
    """Every XYZ tile covering ``bounds`` at each zoom, lowest zoom first."""
    tiles: list[tuple[int, int, int]] = []
    for z in zooms:
        x0, y0, x1, y1 = tile_range(bounds, z)
        tiles.extend((z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))
    return tiles


def count_tiles(bounds: Bounds, zooms: Sequence[int]) -> int:
    total = 0
    for z in zooms:
        x0, y0, x1, y1 = tile_range(bounds, z)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


class _RateLimiter:
    def __init__(self, per_second: float, sleep: Callable[[float], None]) -> None:
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._sleep = sleep

    def wait(self) -> None:
        now = time.monotonic()
        if now < self._next:
            self._sleep(self._next - now)
            now = time.monotonic()
        self._next = now + self._interval


def fetch_pack(
    center: tuple[float, float],
    radius_km: float,
    zooms: Sequence[int] | range,
    url_template: str,
    dest: Path | str,
    *,
    name: str | None = None,
    attribution: str = "",
    contact: str | None = None,
    rate_per_second: float = 2.0,
    max_tiles: int = DEFAULT_MAX_TILES,
    timeout: float = 20.0,
    retries: int = 3,
    progress: Callable[[FetchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    opener: urllib.request.OpenerDirector | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Fetch the tiles within ``radius_km`` of ``center`` (lat, lon) into ``dest``.

    Resumable: tiles already in ``dest`` are skipped, provided it was started from the
    same URL template. Rate-limited to ``rate_per_second`` requests. Tiles the server
    answers 404 for are counted as missing and skipped. ``cancel`` stops it cleanly.
    """
    check_template(url_template)
    if not 0 < radius_km <= 50:
        raise FetchError(f"radius {radius_km} km is outside 0-50 km")
    zoom_levels = zoom_list(zooms)
    bounds = bounds_around(center, radius_km)
    count = count_tiles(bounds, zoom_levels)
    if count > max_tiles:
        raise FetchError(
            f"{count} tiles requested, more than the limit of {max_tiles}; "
            "lower the radius or the highest zoom"
        )
    plan = plan_tiles(bounds, zoom_levels)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(dest)
    try:
        meta = (
            dict(conn.execute("SELECT name, value FROM metadata").fetchall())
            if _has_table(conn, "metadata")
            else {}
        )
        previous = meta.get(FETCH_TEMPLATE_KEY)
        if previous is not None and previous != url_template:
            raise FetchError(
                f"{dest} was fetched from another URL ({previous}); use a new file name"
            )
        metadata = {
            "name": name or meta.get("name") or dest.stem,
            "type": "baselayer",
            "version": "1.3",
            "description": f"Fetched for the Sharing Village Kiosk around {center[0]},{center[1]}",
            "minzoom": str(zoom_levels[0]),
            "maxzoom": str(zoom_levels[-1]),
            "bounds": ",".join(f"{v:.6f}" for v in bounds.as_list()),
            "center": f"{center[1]:.6f},{center[0]:.6f},{zoom_levels[-1]}",
            "attribution": attribution or meta.get("attribution", ""),
            FETCH_TEMPLATE_KEY: url_template,
        }
        if meta.get("format"):
            metadata["format"] = meta["format"]
        write_pack_metadata(conn, metadata)
        conn.commit()
        return _download(
            conn,
            dest,
            plan,
            url_template,
            metadata.get("format"),
            opener=opener or urllib.request.build_opener(),
            headers={
                "User-Agent": user_agent(contact),
                "Accept": "image/png,image/jpeg,image/webp",
            },
            limiter=_RateLimiter(rate_per_second, sleep),
            timeout=timeout,
            retries=retries,
            progress=progress,
            cancel=cancel,
            sleep=sleep,
        )
    finally:
        conn.close()


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (table,)
    ).fetchone()
    return row is not None


def _download(
    conn: sqlite3.Connection,
    dest: Path,
    plan: list[tuple[int, int, int]],
    url_template: str,
    fmt: str | None,
    *,
    opener: urllib.request.OpenerDirector,
    headers: dict[str, str],
    limiter: _RateLimiter,
    timeout: float,
    retries: int,
    progress: Callable[[FetchProgress], None] | None,
    cancel: threading.Event | None,
    sleep: Callable[[float], None],
) -> FetchReport:
    have = {
        (int(z), int(x), flip_y(int(z), int(r)))
        for z, x, r in conn.execute("SELECT zoom_level, tile_column, tile_row FROM tiles")
    }
    fetched = skipped = missing = downloaded = 0
    cancelled = False
    for done, (z, x, y) in enumerate(plan, start=1):
        if cancel is not None and cancel.is_set():
            cancelled = True
            break
        if (z, x, y) in have:
            skipped += 1
        else:
            limiter.wait()
            data = _get(opener, tile_url(url_template, z, x, y), headers, timeout, retries, sleep)
            if data is None:
                missing += 1
            else:
                found = sniff_format(data)
                if found is None:
                    raise FetchError(f"tile {z}/{x}/{y} is not a PNG, JPEG or WebP image")
                if fmt is None:
                    fmt = found
                    write_pack_metadata(conn, {"format": fmt})
                elif found != fmt:
                    raise FetchError(f"tile {z}/{x}/{y} is {found}, earlier tiles were {fmt}")
                conn.execute(
                    "INSERT OR REPLACE INTO tiles(zoom_level, tile_column, tile_row, tile_data) "
                    "VALUES (?, ?, ?, ?)",
                    (z, x, flip_y(z, y), sqlite3.Binary(data)),
                )
                fetched += 1
                downloaded += len(data)
                if fetched % 50 == 0:
                    conn.commit()
        if progress is not None:
            progress(FetchProgress(done, len(plan), fetched, skipped, missing, z))
    conn.commit()
    return FetchReport(dest, len(plan), fetched, skipped, missing, downloaded, fmt, cancelled)


def _get(
    opener: urllib.request.OpenerDirector,
    url: str,
    headers: dict[str, str],
    timeout: float,
    retries: int,
    sleep: Callable[[float], None],
) -> bytes | None:
    """One tile's bytes; None for 404/204; retries 429 and 5xx with backoff."""
    delay = 1.0
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, headers=headers)
        try:
            with opener.open(request, timeout=timeout) as response:
                if response.status == 204:
                    return None
                return bytes(response.read())
        except urllib.error.HTTPError as exc:
            retry_after = exc.headers.get("Retry-After", "") if exc.headers else ""
            exc.close()
            if exc.code in (404, 410):
                return None
            if (exc.code == 429 or exc.code >= 500) and attempt < retries:
                wait = float(retry_after) if retry_after.isdigit() else delay
                sleep(min(wait, 60.0))
                delay *= 2
                continue
            raise FetchError(f"{url}: server answered {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if attempt < retries:
                sleep(delay)
                delay *= 2
                continue
            raise FetchError(f"{url}: {exc}") from exc
    raise FetchError(f"{url}: gave up after {retries} retries")
