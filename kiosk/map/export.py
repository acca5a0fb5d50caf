"""Write the map page as a folder of static files that opens in any browser, offline.

Browsers refuse fetch() on file:// pages, so the exported page gets its listings and
basemap as small scripts that set globals, and its tiles as plain z/x/y files. Paths
are relative, so the folder can be copied to a USB stick or a web server as it is.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.map.assets import (
    NPM_PACKAGES,
    VENDOR_PACKAGES,
    map_assets_dir,
    npm_file,
    vendor_dirs,
)
from kiosk.map.basemap import build_basemap
from kiosk.map.listing import MapListing, listings_json
from kiosk.map.page import PageOptions, TileOptions, VectorOptions, build_page
from kiosk.map.tiles import TilePackError, TileSet
from kiosk.map.vector import MAX_RANGE_BYTES, VectorSet, split_packs

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


@dataclass(frozen=True)
class ExportReport:
    directory: Path
    listings: int
    tiles: int
    files: int


def _script(global_name: str, document: bytes) -> bytes:
    # JSON is valid JavaScript; escaping "<" keeps a hostile name from closing a tag.
    body = document.decode("utf-8").replace("<", "\\u003c")
    return f"window.{global_name} = {body};\n".encode()


VECTOR_GLOBAL = "KIOSK_VPACK"


def _whole_pack(vectors: VectorSet) -> str:
    """The vector pack as base64 text, read in the ranges the pack allows."""
    chunks: list[bytes] = []
    offset = 0
    while offset < vectors.size:
        chunk = vectors.read(offset, min(MAX_RANGE_BYTES, vectors.size - offset))
        if not chunk:
            raise TilePackError("the vector pack could not be read whole")
        chunks.append(chunk)
        offset += len(chunk)
    return base64.b64encode(b"".join(chunks)).decode("ascii")


def export_map(
    directory: Path | str,
    *,
    center: tuple[float, float],
    center_label: str,
    listings: Sequence[MapListing] = (),
    tile_packs: Iterable[Path | str] = (),
    basemap_geojson: Iterable[Path | str] = (),
    language: str = "ko",
    px_per_mm: float | None = None,
    include_dongs: bool = True,
    radius_km: float = 3.0,
) -> ExportReport:
    """Write index.html plus everything it needs under ``directory``."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files = 0

    for pkg in VENDOR_PACKAGES:
        source = vendor_dirs()[pkg.mount]
        target = out / "vendor" / pkg.mount
        for name in (*pkg.js, *pkg.css):
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)
            files += 1
        images = source / "images"
        if images.is_dir():
            shutil.copytree(images, target / "images", dirs_exist_ok=True)
    shutil.copytree(map_assets_dir(), out / "map", dirs_exist_ok=True)
    files += sum(1 for p in (out / "map").rglob("*") if p.is_file())

    data = out / "data"
    data.mkdir(exist_ok=True)
    (data / "listings.js").write_bytes(_script("KIOSK_LISTINGS", listings_json(listings)))
    basemap: dict[str, Any] = build_basemap(
        center, basemap_geojson, radius_km=radius_km, include_dongs=include_dongs
    )
    basemap_doc = json.dumps(basemap, ensure_ascii=False, separators=(",", ":")).encode()
    (data / "basemap.js").write_bytes(_script("KIOSK_BASEMAP", basemap_doc))
    files += 2

    raster, vector_paths = split_packs(tile_packs)
    vector_options: VectorOptions | None = None
    scripts = ["data/listings.js", "data/basemap.js"]
    vectors = VectorSet(vector_paths)
    try:
        if vectors:
            # No server behind a file:// page: the pack goes in a script (base64) and
            # the npm bundles that draw it beside it.
            (data / "vpack.js").write_bytes(_script(
                VECTOR_GLOBAL, json.dumps(_whole_pack(vectors)).encode()))
            scripts.append("data/vpack.js")
            vector_options = VectorOptions.from_vector_set(vectors, url="",
                                                           global_name=VECTOR_GLOBAL)
            for pkg in NPM_PACKAGES:
                target = out / "npm" / pkg.name / pkg.file
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(npm_file(pkg), target)
                files += 1
            files += 1
    finally:
        vectors.close()

    tiles = TileSet(raster)
    tile_count = 0
    tile_options: TileOptions | None = None
    try:
        if tiles:
            ext = EXTENSIONS.get(tiles.packs[0].mime, "png")
            for z, x, y, blob, _mime in tiles.iter_tiles():
                path = out / "tiles" / str(z) / str(x) / f"{y}.{ext}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(blob)
                tile_count += 1
            tile_options = TileOptions.from_tile_set(tiles, "tiles/{z}/{x}/{y}." + ext)
    finally:
        tiles.close()

    extra = {} if px_per_mm is None else {"px_per_mm": px_per_mm}
    options = PageOptions(
        center=center,
        center_label=center_label,
        language=language,
        radius_km=radius_km,
        tiles=tile_options,
        vector=vector_options,
        listings_url=None,
        basemap_url=None,
        bridge=False,
        data_scripts=tuple(scripts),
        **extra,  # type: ignore[arg-type]
    )
    (out / "index.html").write_text(build_page(options, base_url=""), encoding="utf-8")
    files += 1
    return ExportReport(out, len(listings), tile_count, files + tile_count)
