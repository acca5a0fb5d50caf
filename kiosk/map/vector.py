"""Vector street packs: PMTiles files in the Protomaps basemap schema.

A raster pack only shows what someone drew; a vector pack carries the streets,
buildings, water and place names themselves, so the page draws them in the kiosk's own
high-contrast style and in the resident's language. Packs are checked before they are
installed (header, tile type, bounds, zooms, directories, a sample of tiles decoded) so a
damaged or foreign file is refused with a message instead of showing an empty map. The
page reads the pack through kiosk://app/vpack/... in byte ranges (see resources.py).

No Qt here: the CLI inspects, imports and cuts packs on machines without a display.
"""

from __future__ import annotations

import gzip
import json
import math
import mmap
import os
import shutil
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kiosk.map.tiles import (
    MAX_ZOOM,
    PMTILES_MAGIC,
    WEB_MERCATOR_MAX_LAT,
    Bounds,
    CorruptTilePackError,
    InvalidTilePackError,
    TilePackError,
    TilePackExistsError,
    bounds_around,
    is_pmtiles,
    tile_range,
)

HEADER_BYTES = 127
# Layers of the Protomaps basemap schema (docs.protomaps.com/basemaps/layers).
PROTOMAPS_LAYERS = frozenset(
    {"earth", "water", "landuse", "landcover", "roads", "buildings", "places", "pois",
     "boundaries", "transit", "natural"}
)
SAMPLE_TILES = 16
DEEP_SAMPLE_TILES = 64
MAX_RANGE_BYTES = 32 * 1024 * 1024  # one page request; directories and tiles are far smaller
MAX_EXTRACT_TILES = 500_000
OSM_ATTRIBUTION = "© OpenStreetMap contributors"

_COMPRESSION_NAMES = {0: "unknown", 1: "none", 2: "gzip", 3: "brotli", 4: "zstd"}
_TILE_TYPE_NAMES = {0: "unknown", 1: "mvt", 2: "png", 3: "jpeg", 4: "webp", 5: "avif"}
# What the page can read: the pmtiles reader unpacks gzip with the browser's own
# DecompressionStream; brotli and zstd would need extra code in the page.
READABLE_COMPRESSIONS = {1, 2}


@dataclass(frozen=True)
class VectorPackInfo:
    """What an operator needs to know about a vector pack."""

    path: Path
    name: str
    minzoom: int
    maxzoom: int
    bounds: Bounds
    center: tuple[float, float]  # lat, lon
    tile_count: int
    size_bytes: int
    compression: str
    layers: tuple[str, ...]
    attribution: str = ""
    description: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    kind = "vector"
    format = "mvt"

    def summary(self) -> str:
        b = self.bounds
        return (
            f"{self.path.name}: vector (PMTiles, MVT {self.compression}) {self.name!r}, "
            f"zoom {self.minzoom}-{self.maxzoom}, {self.tile_count} tiles, "
            f"{self.size_bytes / 1e6:.1f} MB, area {area_km(b):.0f} km², "
            f"bounds {b.west:.5f},{b.south:.5f},{b.east:.5f},{b.north:.5f}, "
            f"layers {', '.join(self.layers)}"
        )


def area_km(b: Bounds) -> float:
    """Rough ground area of a lon/lat box in square kilometres."""
    mid = math.radians((b.south + b.north) / 2)
    return abs(b.east - b.west) * 111.320 * math.cos(mid) * abs(b.north - b.south) * 110.574


# --- low-level reading -------------------------------------------------------------------


def _u64(buf: bytes, pos: int) -> int:
    return int.from_bytes(buf[pos : pos + 8], "little")


def _i32(buf: bytes, pos: int) -> int:
    return int.from_bytes(buf[pos : pos + 4], "little", signed=True)


def parse_header(buf: bytes, path: Path) -> dict[str, Any]:
    """The PMTiles v3 header as plain numbers (enums left as ints, checked by the caller)."""
    if len(buf) < HEADER_BYTES or not buf.startswith(PMTILES_MAGIC):
        raise CorruptTilePackError(f"{path}: not a PMTiles file (no PMTiles header)")
    if buf[7] != 3:
        raise InvalidTilePackError(
            f"{path}: PMTiles version {buf[7]} is not supported (version 3 is); "
            "convert it with `pmtiles convert`"
        )
    return {
        "root_offset": _u64(buf, 8), "root_length": _u64(buf, 16),
        "metadata_offset": _u64(buf, 24), "metadata_length": _u64(buf, 32),
        "leaf_directory_offset": _u64(buf, 40), "leaf_directory_length": _u64(buf, 48),
        "tile_data_offset": _u64(buf, 56), "tile_data_length": _u64(buf, 64),
        "addressed_tiles_count": _u64(buf, 72), "tile_entries_count": _u64(buf, 80),
        "tile_contents_count": _u64(buf, 88), "clustered": buf[96] == 1,
        "internal_compression": buf[97], "tile_compression": buf[98], "tile_type": buf[99],
        "min_zoom": buf[100], "max_zoom": buf[101],
        "min_lon_e7": _i32(buf, 102), "min_lat_e7": _i32(buf, 106),
        "max_lon_e7": _i32(buf, 110), "max_lat_e7": _i32(buf, 114),
        "center_zoom": buf[118], "center_lon_e7": _i32(buf, 119), "center_lat_e7": _i32(buf, 123),
    }


def _decompress(data: bytes, compression: int) -> bytes:
    if compression == 2:
        return gzip.decompress(data)
    if compression == 1:
        return data
    raise ValueError(f"compression {_COMPRESSION_NAMES.get(compression, compression)}")


class PackFile:
    """A PMTiles file opened read-only (memory-mapped), with bounds-checked reads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._map = None
        try:
            self._fh = self.path.open("rb")
            self.size = os.fstat(self._fh.fileno()).st_size
            self._map: mmap.mmap | None = (  # type: ignore[no-redef]
                mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if self.size else None
            )
        except OSError as exc:
            if hasattr(self, "_fh"):
                self._fh.close()
            raise CorruptTilePackError(f"{self.path}: cannot read file: {exc.strerror}") from exc
        try:
            self.header = parse_header(self.read(0, HEADER_BYTES), self.path)
        except BaseException:
            self.close()
            raise
        self._directories = lru_cache(maxsize=64)(self._directory)

    def read(self, offset: int, length: int) -> bytes:
        if self._map is None and self.size == 0 and length == 0:
            return b""
        if offset < 0 or length < 0 or offset + length > self.size or self._map is None:
            raise CorruptTilePackError(
                f"{self.path}: file is truncated or damaged (needs bytes {offset}-"
                f"{offset + length} of {self.size}); copy it again"
            )
        return self._map[offset : offset + length]

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            self._map = None
        self._fh.close()

    def __enter__(self) -> PackFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _directory(self, offset: int, length: int) -> tuple[tuple[int, int, int, int], ...]:
        from pmtiles.tile import deserialize_directory

        raw = self.read(offset, length)
        if self.header["internal_compression"] == 1:
            raw = gzip.compress(raw, mtime=0)  # the library's parser always gunzips
        try:
            entries = deserialize_directory(raw)
        except (OSError, EOFError, ValueError, IndexError, zlib.error) as exc:
            raise CorruptTilePackError(f"{self.path}: damaged tile directory: {exc}") from exc
        return tuple((e.tile_id, e.offset, e.length, e.run_length) for e in entries)

    def entries(self) -> Iterator[tuple[int, int, int, int]]:
        """Every tile entry (tile id, offset in tile data, length, run length), in order."""
        h = self.header

        def walk(offset: int, length: int, depth: int) -> Iterator[tuple[int, int, int, int]]:
            if depth > 4:
                raise CorruptTilePackError(f"{self.path}: tile directories nest too deep")
            for entry in self._directories(offset, length):
                if entry[3] > 0:
                    yield entry
                else:
                    yield from walk(h["leaf_directory_offset"] + entry[1], entry[2], depth + 1)

        yield from walk(h["root_offset"], h["root_length"], 0)

    def find(self, z: int, x: int, y: int) -> tuple[int, int] | None:
        """(offset, length) of a tile's bytes in the file, or None if the pack lacks it."""
        from pmtiles.tile import zxy_to_tileid

        tile_id = zxy_to_tileid(z, x, y)
        h = self.header
        offset, length = h["root_offset"], h["root_length"]
        for _depth in range(4):
            entries = self._directories(offset, length)
            lo, hi = 0, len(entries) - 1
            found = None
            while lo <= hi:
                mid = (lo + hi) // 2
                if entries[mid][0] <= tile_id:
                    found = entries[mid]
                    lo = mid + 1
                else:
                    hi = mid - 1
            if found is None:
                return None
            if found[3] == 0:
                offset, length = h["leaf_directory_offset"] + found[1], found[2]
                continue
            if tile_id - found[0] >= found[3]:
                return None
            return h["tile_data_offset"] + found[1], found[2]
        return None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """A tile's stored (compressed) bytes."""
        where = self.find(z, x, y)
        return None if where is None else self.read(*where)

    def metadata(self) -> dict[str, Any]:
        h = self.header
        raw = self.read(h["metadata_offset"], h["metadata_length"])
        try:
            doc = json.loads(_decompress(raw, h["internal_compression"]) or b"{}")
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            raise CorruptTilePackError(f"{self.path}: damaged metadata: {exc}") from exc
        if not isinstance(doc, dict):
            raise CorruptTilePackError(f"{self.path}: metadata is not a JSON object")
        return doc


# --- validation --------------------------------------------------------------------------


def _bounds_of(h: dict[str, Any], path: Path) -> Bounds:
    west, south = h["min_lon_e7"] / 1e7, h["min_lat_e7"] / 1e7
    east, north = h["max_lon_e7"] / 1e7, h["max_lat_e7"] / 1e7
    ok = (
        -180.0 <= west < east <= 180.0
        and -WEB_MERCATOR_MAX_LAT - 1e-6 <= south < north <= WEB_MERCATOR_MAX_LAT + 1e-6
    )
    if not ok:
        raise InvalidTilePackError(
            f"{path}: bounds {west},{south},{east},{north} are out of range or inverted"
        )
    return Bounds(west, south, east, north)


def _check_sections(pack: PackFile) -> None:
    h, size = pack.header, pack.size
    for name in ("root", "metadata", "leaf_directory", "tile_data"):
        end = h[f"{name}_offset"] + h[f"{name}_length"]
        if end > size:
            raise CorruptTilePackError(
                f"{pack.path}: file is truncated ({size} of at least {end} bytes); copy it again"
            )
    if h["root_length"] == 0:
        raise InvalidTilePackError(f"{pack.path}: the pack has no tiles")


Entry = tuple[int, int, int, int]


def _sample(entries: list[Entry], count: int) -> list[Entry]:
    if len(entries) <= count:
        return entries
    step = (len(entries) - 1) / (count - 1)
    return [entries[round(i * step)] for i in range(count)]


def decode_layers(data: bytes, compression: int, where: str) -> set[str]:
    """Names of the layers in one stored tile; a CorruptTilePackError if it does not decode."""
    import mapbox_vector_tile

    try:
        decoded = mapbox_vector_tile.decode(_decompress(data, compression))
    except Exception as exc:  # protobuf and geometry errors have no common base
        raise CorruptTilePackError(f"{where} does not decode as a vector tile: {exc}") from exc
    return set(decoded)


def inspect_vector_pack(path: Path | str, *, deep: bool = False) -> VectorPackInfo:
    """Validate a vector pack and describe it; ``deep`` decodes more sample tiles."""
    from pmtiles.tile import tileid_to_zxy

    path = Path(path)
    with PackFile(path) as pack:
        h = pack.header
        tile_type = h["tile_type"]
        if tile_type != 1:
            kind = _TILE_TYPE_NAMES.get(tile_type, f"type {tile_type}")
            raise InvalidTilePackError(
                f"{path}: holds {kind} tiles, not vector (MVT) tiles; "
                "raster packs are imported as MBTiles"
            )
        compression = h["tile_compression"]
        if compression not in READABLE_COMPRESSIONS:
            raise InvalidTilePackError(
                f"{path}: tiles are compressed with "
                f"{_COMPRESSION_NAMES.get(compression, str(compression))}; only gzip (or none) "
                "can be read offline by the page"
            )
        if h["internal_compression"] not in READABLE_COMPRESSIONS:
            raise InvalidTilePackError(
                f"{path}: directories are compressed with "
                f"{_COMPRESSION_NAMES.get(h['internal_compression'], '?')}; only gzip is supported"
            )
        if not 0 <= h["min_zoom"] <= h["max_zoom"] <= MAX_ZOOM:
            raise InvalidTilePackError(
                f"{path}: zoom range {h['min_zoom']}-{h['max_zoom']} is not within 0-{MAX_ZOOM}"
            )
        bounds = _bounds_of(h, path)
        _check_sections(pack)
        meta = pack.metadata()
        entries = list(pack.entries())
        if not entries:
            raise InvalidTilePackError(f"{path}: the pack has no tiles")
        for tile_id, offset, length, _run in entries:
            if offset + length > h["tile_data_length"]:
                z, x, y = tileid_to_zxy(tile_id)
                raise CorruptTilePackError(
                    f"{path}: tile {z}/{x}/{y} lies outside the tile data; the file is damaged"
                )
        zooms = {tileid_to_zxy(entries[0][0])[0], tileid_to_zxy(entries[-1][0])[0]}
        if min(zooms) < h["min_zoom"] or max(zooms) > h["max_zoom"]:
            raise InvalidTilePackError(
                f"{path}: tiles span zoom {min(zooms)}-{max(zooms)}, "
                f"header says {h['min_zoom']}-{h['max_zoom']}"
            )
        layers: set[str] = set()
        for tile_id, offset, length, _run in _sample(
            entries, DEEP_SAMPLE_TILES if deep else SAMPLE_TILES
        ):
            z, x, y = tileid_to_zxy(tile_id)
            data = pack.read(h["tile_data_offset"] + offset, length)
            layers |= decode_layers(data, compression, f"{path}: tile {z}/{x}/{y}")
        declared = {
            str(item.get("id"))
            for item in meta.get("vector_layers", [])
            if isinstance(item, dict) and item.get("id")
        }
        known = (layers | declared) & PROTOMAPS_LAYERS
        if not known:
            found = ", ".join(sorted(layers | declared)) or "none"
            raise InvalidTilePackError(
                f"{path}: not a Protomaps basemap pack (its layers are: {found}); "
                "use a Protomaps basemap build (roads, buildings, places, water, ...)"
            )
        count = int(h["addressed_tiles_count"]) or sum(e[3] for e in entries)
        center = (h["center_lat_e7"] / 1e7, h["center_lon_e7"] / 1e7)
    attribution = str(meta.get("attribution") or "").strip()
    return VectorPackInfo(
        path=path,
        name=str(meta.get("name") or path.stem).strip(),
        minzoom=int(h["min_zoom"]),
        maxzoom=int(h["max_zoom"]),
        bounds=bounds,
        center=center,
        tile_count=count,
        size_bytes=path.stat().st_size,
        compression=_COMPRESSION_NAMES[compression],
        layers=tuple(sorted(known)),
        attribution=attribution,
        description=str(meta.get("description") or "").strip(),
        metadata=meta,
    )


def import_vector_pack(
    src: Path | str, dest_dir: Path | str, *, replace: bool = False
) -> VectorPackInfo:
    """Validate a vector pack, then copy it into ``dest_dir`` atomically (all or nothing)."""
    src, dest_dir = Path(src), Path(dest_dir)
    if not src.is_file():
        raise TilePackError(f"{src}: no such file")
    inspect_vector_pack(src, deep=True)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / (src.stem + ".pmtiles")
    if dest.exists() and not replace:
        raise TilePackExistsError(f"{dest}: a pack with this name is already installed")
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".pmtiles", dir=dest_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(src, tmp)
        info = inspect_vector_pack(tmp)  # the copy is what will be served
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return VectorPackInfo(**{**info.__dict__, "path": dest})


# --- both kinds --------------------------------------------------------------------------


def import_any_pack(src: Path | str, dest_dir: Path | str, *, replace: bool = False) -> Any:
    """Import a raster MBTiles or a vector PMTiles pack, whichever the file is."""
    from kiosk.map.tiles import import_pack

    if is_pmtiles(Path(src)):
        return import_vector_pack(src, dest_dir, replace=replace)
    return import_pack(src, dest_dir, replace=replace)


def any_pack_info(path: Path | str) -> Any:
    """Describe a raster or vector pack (raises TilePackError when it is unusable)."""
    from kiosk.map.tiles import pack_info

    return inspect_vector_pack(path) if is_pmtiles(Path(path)) else pack_info(path)


def split_packs(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """(raster packs, vector packs), each in the given order."""
    raster: list[Path] = []
    vector: list[Path] = []
    for raw in paths:
        path = Path(raw)
        (vector if is_pmtiles(path) else raster).append(path)
    return raster, vector


# --- serving -----------------------------------------------------------------------------


class VectorSet:
    """The vector pack the page draws (the first usable one), read in byte ranges.

    Packs that fail validation are skipped and reported in ``errors``.
    """

    def __init__(self, paths: Iterable[Path | str]) -> None:
        self._lock = threading.Lock()
        self.errors: list[str] = []
        self.info: VectorPackInfo | None = None
        self._file: PackFile | None = None
        for raw in paths:
            try:
                info = inspect_vector_pack(raw)
                pack = PackFile(raw)
            except TilePackError as exc:
                self.errors.append(str(exc))
                continue
            if self.info is None:
                self.info, self._file = info, pack
            else:
                pack.close()
                self.errors.append(f"{raw}: only one vector pack is drawn; using "
                                   f"{self.info.path.name}")

    def __bool__(self) -> bool:
        return self.info is not None

    @property
    def size(self) -> int:
        return self._file.size if self._file is not None else 0

    def read(self, offset: int, length: int) -> bytes | None:
        """Bytes of the pack for the page's reader; None for a range it may not ask for."""
        with self._lock:
            if self._file is None or length <= 0 or length > MAX_RANGE_BYTES or offset < 0:
                return None
            end = min(offset + length, self._file.size)
            if offset >= end:
                return None
            return self._file.read(offset, end - offset)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


# --- cutting a village pack from a bigger one --------------------------------------------


@dataclass(frozen=True)
class ExtractProgress:
    done: int
    total: int
    written: int


def extract_pack(
    source: Path | str,
    out: Path | str,
    *,
    center: tuple[float, float],
    radius_km: float,
    maxzoom: int | None = None,
    progress: Callable[[ExtractProgress], None] | None = None,
) -> VectorPackInfo:
    """Cut the tiles within ``radius_km`` of ``center`` (lat, lon) from a vector pack.

    Writes to a temporary file beside ``out`` and moves it in place only once the result
    validates, so an interrupted or failed cut leaves nothing behind.
    """
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    source, out = Path(source), Path(out)
    if not radius_km > 0:
        raise ValueError("the radius must be positive")
    info = inspect_vector_pack(source)
    area = bounds_around(center, radius_km)
    if not area.intersects(info.bounds):
        raise InvalidTilePackError(
            f"{source}: the area around {center[0]:.5f},{center[1]:.5f} is outside the pack "
            f"(bounds {','.join(f'{v:.4f}' for v in info.bounds.as_list())})"
        )
    area = Bounds(max(area.west, info.bounds.west), max(area.south, info.bounds.south),
                  min(area.east, info.bounds.east), min(area.north, info.bounds.north))
    top = info.maxzoom if maxzoom is None else min(maxzoom, info.maxzoom)
    if top < info.minzoom:
        raise ValueError(f"--maxzoom {maxzoom} is below the pack's lowest zoom {info.minzoom}")
    wanted: list[tuple[int, int, int, int]] = []
    for z in range(info.minzoom, top + 1):
        x0, y0, x1, y1 = tile_range(area, z)
        wanted.extend((zxy_to_tileid(z, x, y), z, x, y)
                      for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))
    if len(wanted) > MAX_EXTRACT_TILES:
        raise ValueError(f"{len(wanted)} tiles is more than {MAX_EXTRACT_TILES}; "
                         "choose a smaller radius or a lower --maxzoom")
    wanted.sort()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".extract-", suffix=".pmtiles", dir=out.parent)
    tmp = Path(tmp_name)
    written = 0
    try:
        with os.fdopen(fd, "wb") as fh, PackFile(source) as pack:
            writer = Writer(fh)
            for done, (tile_id, z, x, y) in enumerate(wanted, 1):
                data = pack.tile(z, x, y)
                if data:
                    writer.write_tile(tile_id, data)
                    written += 1
                if progress is not None:
                    progress(ExtractProgress(done, len(wanted), written))
            if not written:
                raise InvalidTilePackError(f"{source}: no tiles in the area around "
                                           f"{center[0]:.5f},{center[1]:.5f}")
            meta = dict(info.metadata)
            meta["description"] = (f"{radius_km:g} km around {center[0]:.5f},{center[1]:.5f}, "
                                   f"cut from {source.name}")
            meta.setdefault("attribution", OSM_ATTRIBUTION)
            writer.finalize(
                {
                    "tile_type": TileType.MVT,
                    "tile_compression": Compression(pack.header["tile_compression"]),
                    "min_lon_e7": round(area.west * 1e7), "min_lat_e7": round(area.south * 1e7),
                    "max_lon_e7": round(area.east * 1e7), "max_lat_e7": round(area.north * 1e7),
                    "center_zoom": min(top, 15),
                    "center_lon_e7": round(center[1] * 1e7),
                    "center_lat_e7": round(center[0] * 1e7),
                },
                meta,
            )
        result = inspect_vector_pack(tmp)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return VectorPackInfo(**{**result.__dict__, "path": out})
