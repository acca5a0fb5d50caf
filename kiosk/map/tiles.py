"""Raster tile packs in MBTiles files: validation, import, and serving several at once.

No Qt here: the CLI imports and inspects packs on machines without a display.
MBTiles stores rows in TMS order (origin bottom-left), the page asks in XYZ order
(origin top-left), so every lookup flips the row: ``tile_row = 2**z - 1 - y``.
"""

from __future__ import annotations

import math
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PMTILES_MAGIC = b"PMTiles"
MAX_ZOOM = 22
WEB_MERCATOR_MAX_LAT = 85.0511287798

FORMAT_MIME: dict[str, str] = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
FORMAT_ALIASES: dict[str, str] = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}

# A fully transparent 1x1 PNG, answered for tiles no pack has so the basemap shows through.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000100e2d0e6b1"
    "0000000049454e44ae426082"
)


class TilePackError(Exception):
    """A tile pack cannot be used; the message says why in words an operator can act on."""


class CorruptTilePackError(TilePackError):
    """The file is not a readable SQLite database, or is truncated or damaged."""


class InvalidTilePackError(TilePackError):
    """The database is intact but is not a usable raster MBTiles pack."""


class TilePackExistsError(TilePackError):
    """A pack with the same file name is already installed."""


@dataclass(frozen=True)
class Bounds:
    """West, south, east, north in degrees (the MBTiles ``bounds`` order)."""

    west: float
    south: float
    east: float
    north: float

    def intersects(self, other: Bounds) -> bool:
        return not (
            other.west > self.east
            or other.east < self.west
            or other.south > self.north
            or other.north < self.south
        )

    def as_list(self) -> list[float]:
        return [self.west, self.south, self.east, self.north]


@dataclass(frozen=True)
class PackInfo:
    """What an operator needs to know about an installed or candidate pack."""

    path: Path
    name: str
    format: str
    minzoom: int
    maxzoom: int
    bounds: Bounds
    tile_count: int
    size_bytes: int
    attribution: str = ""
    description: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def mime(self) -> str:
        return FORMAT_MIME[self.format]

    kind = "raster"

    def summary(self) -> str:
        b = self.bounds
        return (
            f"{self.path.name}: raster (MBTiles) {self.name!r}, {self.format}, "
            f"zoom {self.minzoom}-{self.maxzoom}, "
            f"{self.tile_count} tiles, {self.size_bytes / 1e6:.1f} MB, "
            f"bounds {b.west:.5f},{b.south:.5f},{b.east:.5f},{b.north:.5f}"
        )


# --- tile maths ------------------------------------------------------------------------


def lonlat_to_tile(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """XYZ tile containing a point (Web Mercator, clamped to the valid latitude range)."""
    lat = max(-WEB_MERCATOR_MAX_LAT, min(WEB_MERCATOR_MAX_LAT, lat))
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    lat_rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_bounds(zoom: int, x: int, y: int) -> Bounds:
    """Geographic bounds of an XYZ tile."""
    n = 2**zoom

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return Bounds(x / n * 360.0 - 180.0, lat(y + 1), (x + 1) / n * 360.0 - 180.0, lat(y))


def flip_y(zoom: int, y: int) -> int:
    """XYZ row <-> TMS row (the flip is its own inverse)."""
    return (2**zoom - 1) - y


def sniff_format(data: bytes) -> str | None:
    """Image format from magic bytes; None when it is none we serve."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def is_pmtiles(path: Path) -> bool:
    """True for a PMTiles file (by its magic bytes, else by its name): a vector pack."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(PMTILES_MAGIC))
    except OSError:
        return path.suffix.lower() == ".pmtiles"
    if head == PMTILES_MAGIC:
        return True
    return path.suffix.lower() == ".pmtiles" and not head.startswith(SQLITE_MAGIC[:6])


# --- validation --------------------------------------------------------------------------


def _check_sqlite_file(path: Path) -> None:
    """Reject non-SQLite and truncated files before SQLite gets to misread them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise CorruptTilePackError(f"{path}: cannot read file: {exc.strerror}") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise CorruptTilePackError(f"{path}: not an MBTiles file (no SQLite header)")
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptTilePackError(f"{path}: damaged SQLite header (page size {page_size})")
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    page_count = int.from_bytes(header[28:32], "big")
    if valid_for == change_counter and page_count:
        expected = page_count * page_size
        if size < expected:
            raise CorruptTilePackError(
                f"{path}: file is truncated ({size} of {expected} bytes); copy it again"
            )


def _connect_ro(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        raise CorruptTilePackError(f"{path}: cannot open: {exc}") from exc
    return conn


def _read_metadata(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    try:
        rows = conn.execute("SELECT name, value FROM metadata").fetchall()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            raise InvalidTilePackError(f"{path}: not an MBTiles pack (no metadata table)") from exc
        raise CorruptTilePackError(f"{path}: damaged database: {exc}") from exc
    return {str(k): "" if v is None else str(v) for k, v in rows}


def _parse_bounds(text: str, path: Path) -> Bounds:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise InvalidTilePackError(
            f"{path}: bounds {text!r} is not 'west,south,east,north'"
        ) from exc
    ok = (
        -180.0 <= west < east <= 180.0
        and -WEB_MERCATOR_MAX_LAT - 1e-6 <= south < north <= WEB_MERCATOR_MAX_LAT + 1e-6
    )
    if not ok:
        raise InvalidTilePackError(f"{path}: bounds {text!r} are out of range or inverted")
    return Bounds(west, south, east, north)


def _zoom_value(meta: dict[str, str], key: str, path: Path) -> int | None:
    raw = meta.get(key, "").strip()
    if not raw:
        return None
    try:
        value = int(float(raw))
    except ValueError as exc:
        raise InvalidTilePackError(f"{path}: {key} {raw!r} is not a number") from exc
    if not 0 <= value <= MAX_ZOOM:
        raise InvalidTilePackError(f"{path}: {key} {value} is outside 0-{MAX_ZOOM}")
    return value


def _bounds_from_tiles(conn: sqlite3.Connection, zoom: int) -> Bounds:
    col_min, col_max, row_min, row_max = conn.execute(
        "SELECT MIN(tile_column), MAX(tile_column), MIN(tile_row), MAX(tile_row) "
        "FROM tiles WHERE zoom_level = ?",
        (zoom,),
    ).fetchone()
    top_left = tile_bounds(zoom, col_min, flip_y(zoom, row_max))
    bottom_right = tile_bounds(zoom, col_max, flip_y(zoom, row_min))
    return Bounds(top_left.west, bottom_right.south, bottom_right.east, top_left.north)


def inspect_pack(path: Path | str, *, deep: bool = False) -> PackInfo:
    """Validate a pack and describe it; ``deep`` also runs SQLite's integrity check."""
    path = Path(path)
    _check_sqlite_file(path)
    conn = _connect_ro(path)
    try:
        if deep:
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()
            except sqlite3.DatabaseError as exc:
                raise CorruptTilePackError(f"{path}: damaged database: {exc}") from exc
            if not result or result[0] != "ok":
                detail = result[0] if result else "no answer"
                raise CorruptTilePackError(f"{path}: damaged database: {detail}")
        meta = _read_metadata(conn, path)
        for key in ("name", "format"):
            if not meta.get(key, "").strip():
                raise InvalidTilePackError(f"{path}: metadata has no {key!r} (required)")
        raw_format = meta["format"].strip().lower()
        if raw_format == "pbf":
            raise InvalidTilePackError(f"{path}: vector tiles (pbf) are not supported, only raster")
        fmt = FORMAT_ALIASES.get(raw_format)
        if fmt is None:
            raise InvalidTilePackError(
                f"{path}: tile format {raw_format!r} is not supported (png, jpg, webp)"
            )
        try:
            zmin, zmax, count = conn.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level), COUNT(*) FROM tiles"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            if "no such table" in str(exc) or "no such column" in str(exc):
                raise InvalidTilePackError(f"{path}: not an MBTiles pack (no tiles table)") from exc
            raise CorruptTilePackError(f"{path}: damaged database: {exc}") from exc
        if not count:
            raise InvalidTilePackError(f"{path}: the pack has no tiles")
        if not (0 <= zmin <= zmax <= MAX_ZOOM):
            raise InvalidTilePackError(f"{path}: tiles have zoom levels {zmin}-{zmax}")
        meta_min = _zoom_value(meta, "minzoom", path)
        meta_max = _zoom_value(meta, "maxzoom", path)
        minzoom = zmin if meta_min is None else meta_min
        maxzoom = zmax if meta_max is None else meta_max
        if minzoom > maxzoom:
            raise InvalidTilePackError(f"{path}: minzoom {minzoom} is above maxzoom {maxzoom}")
        if zmin < minzoom or zmax > maxzoom:
            raise InvalidTilePackError(
                f"{path}: tiles span zoom {zmin}-{zmax}, metadata says {minzoom}-{maxzoom}"
            )
        if meta.get("bounds", "").strip():
            bounds = _parse_bounds(meta["bounds"], path)
        else:
            bounds = _bounds_from_tiles(conn, zmax)
        _check_samples(conn, path, fmt, deep=deep)
    except sqlite3.DatabaseError as exc:
        raise CorruptTilePackError(f"{path}: damaged database: {exc}") from exc
    finally:
        conn.close()
    return PackInfo(
        path=path,
        name=meta["name"].strip(),
        format=fmt,
        minzoom=minzoom,
        maxzoom=maxzoom,
        bounds=bounds,
        tile_count=int(count),
        size_bytes=path.stat().st_size,
        attribution=meta.get("attribution", "").strip(),
        description=meta.get("description", "").strip(),
        metadata=meta,
    )


def _check_samples(conn: sqlite3.Connection, path: Path, fmt: str, *, deep: bool) -> None:
    """Tile bytes must be images of the declared format (first/last tile, all if deep)."""
    if deep:
        cursor = conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
    else:
        cursor = conn.execute(
            "SELECT * FROM (SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
            "ORDER BY zoom_level, tile_column, tile_row LIMIT 1) UNION ALL "
            "SELECT * FROM (SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
            "ORDER BY zoom_level DESC, tile_column DESC, tile_row DESC LIMIT 1)"
        )
    for z, x, row, data in cursor:
        found = sniff_format(bytes(data or b""))
        if found != fmt:
            raise InvalidTilePackError(
                f"{path}: tile {z}/{x}/{row} is {found or 'not an image'}, metadata says {fmt}"
            )


def pack_info(path: Path | str) -> PackInfo:
    """Describe a pack quickly (header, metadata, zoom range, sample tiles)."""
    return inspect_pack(path, deep=False)


def import_pack(src: Path | str, dest_dir: Path | str, *, replace: bool = False) -> PackInfo:
    """Validate a pack thoroughly, then copy it into ``dest_dir`` atomically.

    Raises a :class:`TilePackError` subclass with an operator-readable message when the
    file is corrupt, truncated, vector, of an unknown format or already installed.
    """
    src = Path(src)
    dest_dir = Path(dest_dir)
    if not src.is_file():
        raise TilePackError(f"{src}: no such file")
    inspect_pack(src, deep=True)
    dest_dir.mkdir(parents=True, exist_ok=True)
    name = src.name if src.suffix.lower() == ".mbtiles" else src.stem + ".mbtiles"
    dest = dest_dir / name
    if dest.exists() and not replace:
        raise TilePackExistsError(f"{dest}: a pack with this name is already installed")
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".mbtiles", dir=dest_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(src, tmp)
        info = inspect_pack(tmp, deep=False)  # the copy is what will be served
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return PackInfo(**{**info.__dict__, "path": dest})


def installed_packs(directory: Path | str) -> list[Path]:
    """Packs in a folder (raster .mbtiles and vector .pmtiles), sorted by name: the
    serving order, first wins."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = [*directory.glob("*.mbtiles"), *directory.glob("*.pmtiles")]
    return sorted(p for p in found if p.is_file() and not p.name.startswith("."))


# --- serving ---------------------------------------------------------------------------


class TileSet:
    """Several packs answering as one; the first pack that has a tile wins.

    Packs that fail validation are skipped and reported in ``errors`` so one bad file
    does not take the whole map down.
    """

    def __init__(self, paths: Iterable[Path | str]) -> None:
        self._lock = threading.Lock()
        self.packs: list[PackInfo] = []
        self.errors: list[str] = []
        self._conns: list[sqlite3.Connection] = []
        for raw in paths:
            path = Path(raw)
            if is_pmtiles(path):
                continue  # vector packs are served by kiosk.map.vector.VectorSet
            try:
                info = pack_info(path)
            except TilePackError as exc:
                self.errors.append(str(exc))
                continue
            self.packs.append(info)
            self._conns.append(_connect_ro(path))

    def __bool__(self) -> bool:
        return bool(self.packs)

    @property
    def minzoom(self) -> int:
        return min(p.minzoom for p in self.packs)

    @property
    def maxzoom(self) -> int:
        return max(p.maxzoom for p in self.packs)

    @property
    def bounds(self) -> Bounds:
        return Bounds(
            min(p.bounds.west for p in self.packs),
            min(p.bounds.south for p in self.packs),
            max(p.bounds.east for p in self.packs),
            max(p.bounds.north for p in self.packs),
        )

    @property
    def attributions(self) -> list[str]:
        seen: list[str] = []
        for p in self.packs:
            if p.attribution and p.attribution not in seen:
                seen.append(p.attribution)
        return seen

    def get(self, zoom: int, x: int, y: int) -> tuple[bytes, str] | None:
        """Tile bytes and MIME type for an XYZ address, or None if no pack has it."""
        if not (0 <= zoom <= MAX_ZOOM and 0 <= x < 2**zoom and 0 <= y < 2**zoom):
            return None
        row = flip_y(zoom, y)
        with self._lock:
            for info, conn in zip(self.packs, self._conns, strict=True):
                if not info.minzoom <= zoom <= info.maxzoom:
                    continue
                found = conn.execute(
                    "SELECT tile_data FROM tiles "
                    "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                    (zoom, x, row),
                ).fetchone()
                if found is not None and found[0]:
                    return bytes(found[0]), info.mime
        return None

    def iter_tiles(self) -> Iterable[tuple[int, int, int, bytes, str]]:
        """Every (z, x, y, data, mime) once, first pack winning; used by `map export`."""
        seen: set[tuple[int, int, int]] = set()
        with self._lock:
            for info, conn in zip(self.packs, self._conns, strict=True):
                cursor = conn.execute(
                    "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"
                )
                for z, x, row, data in cursor:
                    key = (int(z), int(x), flip_y(int(z), int(row)))
                    if key in seen or not data:
                        continue
                    seen.add(key)
                    yield (*key, bytes(data), info.mime)

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
            self.packs.clear()


def tile_range(bounds: Bounds, zoom: int) -> tuple[int, int, int, int]:
    """Inclusive XYZ column/row range covering ``bounds`` at ``zoom``."""
    x0, y0 = lonlat_to_tile(bounds.west, bounds.north, zoom)
    x1, y1 = lonlat_to_tile(bounds.east, bounds.south, zoom)
    return x0, y0, x1, y1


def bounds_around(center: tuple[float, float], radius_km: float) -> Bounds:
    """A lat/lon box of ``radius_km`` around ``center`` (lat, lon)."""
    lat, lon = center
    dlat = radius_km / 110.574
    dlon = radius_km / (111.320 * max(math.cos(math.radians(lat)), 1e-6))
    return Bounds(
        max(-180.0, lon - dlon),
        max(-WEB_MERCATOR_MAX_LAT, lat - dlat),
        min(180.0, lon + dlon),
        min(WEB_MERCATOR_MAX_LAT, lat + dlat),
    )


def write_pack_metadata(conn: sqlite3.Connection, metadata: dict[str, str]) -> None:
    """Create the MBTiles schema if missing and upsert metadata (used by fetch and tests)."""
    conn.execute("CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, "
        "tile_row INTEGER, tile_data BLOB, PRIMARY KEY (zoom_level, tile_column, tile_row))"
    )
    conn.executemany(
        "INSERT INTO metadata(name, value) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        sorted(metadata.items()),
    )


def zoom_list(zooms: Sequence[int] | range) -> list[int]:
    values = sorted(set(int(z) for z in zooms))
    if not values or values[0] < 0 or values[-1] > MAX_ZOOM:
        raise ValueError(f"zoom levels must be within 0-{MAX_ZOOM}")
    return values
