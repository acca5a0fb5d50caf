"""Builds small vector packs in the Protomaps basemap schema for tests and the benchmark.

A street grid around a point: earth, a park, a stream, major and minor roads with Korean
and English names, building blocks and a place name, encoded with mapbox-vector-tile and
written with the pmtiles library, so the page draws real vector tiles without any data
from outside the repository.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mapbox_vector_tile
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from kiosk.map.tiles import bounds_around, lonlat_to_tile, tile_range

EXTENT = 4096
CENTER = (37.6066, 127.0237)


def _to_tile(z: int, x: int, y: int) -> Callable[[float, float], tuple[float, float]]:
    n = 2**z

    def project(lon: float, lat: float) -> tuple[float, float]:
        px = (lon + 180.0) / 360.0 * n
        lat_rad = math.radians(lat)
        py = (1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n
        return (px - x) * EXTENT, (py - y) * EXTENT

    return project


def _shift(geom: BaseGeometry, project: Callable[[float, float], tuple[float, float]]) -> Any:
    import numpy as np
    import shapely

    def move(coords: Any) -> Any:
        return np.array([project(float(lon), float(lat)) for lon, lat in coords])

    return shapely.transform(geom, move)


def village_features(center: tuple[float, float], radius_km: float) -> dict[str, list[Any]]:
    """The synthetic neighbourhood in lon/lat: layer -> [(geometry, properties)]."""
    lat0, lon0 = center
    dlat = 1 / 110.574  # degrees per km
    dlon = 1 / (111.320 * math.cos(math.radians(lat0)))
    b = bounds_around(center, radius_km)
    layers: dict[str, list[Any]] = {"earth": [], "landuse": [], "water": [], "roads": [],
                                    "buildings": [], "places": []}
    layers["earth"].append((box(b.west, b.south, b.east, b.north), {"kind": "earth"}))
    layers["landuse"].append((box(lon0 + 0.25 * dlon, lat0 + 0.25 * dlat, lon0 + 0.8 * dlon,
                                  lat0 + 0.7 * dlat), {"kind": "park", "name": "길음근린공원"}))
    stream = LineString([(b.west, lat0 - 0.9 * dlat), (lon0, lat0 - 0.75 * dlat),
                         (b.east, lat0 - 1.0 * dlat)]).buffer(0.05 * dlat)
    layers["water"].append((stream, {"kind": "water", "name": "정릉천"}))
    step = 0.25
    count = int(radius_km / step)
    for i in range(-count, count + 1):
        major = i % 3 == 0
        props = {"kind": "major_road" if major else "minor_road",
                 "name": f"길음로{abs(i)}길", "name:ko": f"길음로{abs(i)}길",
                 "name:en": f"Gireum-ro {abs(i)}-gil"}
        lat = lat0 + i * step * dlat
        layers["roads"].append((LineString([(b.west, lat), (b.east, lat)]), props))
        lon = lon0 + i * step * dlon
        props = dict(props, name=f"삼양로{abs(i)}길", **{"name:ko": f"삼양로{abs(i)}길",
                                                       "name:en": f"Samyang-ro {abs(i)}-gil"})
        layers["roads"].append((LineString([(lon, b.south), (lon, b.north)]), props))
        for j in range(-count, count):
            west = lon0 + (j * step + 0.04) * dlon
            south = lat + 0.04 * dlat
            layers["buildings"].append((box(west, south, west + 0.17 * step * 4 * dlon / 4 * 2,
                                            south + 0.17 * dlat), {"kind": "building"}))
    layers["places"].append((Point(lon0 - 0.3 * dlon, lat0 + 0.4 * dlat),
                             {"kind": "locality", "name": "길음동", "name:ko": "길음동",
                              "name:en": "Gireum-dong", "min_zoom": 1, "population_rank": 9}))
    return layers


def encode_tile(z: int, x: int, y: int, layers: dict[str, list[Any]]) -> bytes:
    """One MVT tile (uncompressed) of the features that touch it."""
    project = _to_tile(z, x, y)
    clip = Polygon([(-64, -64), (EXTENT + 64, -64), (EXTENT + 64, EXTENT + 64),
                    (-64, EXTENT + 64)])
    out = []
    for name, features in layers.items():
        encoded = []
        for geom, props in features:
            local = _shift(geom, project).intersection(clip)
            if local.is_empty:
                continue
            if name == "buildings" and z < 14:
                continue
            encoded.append({"geometry": local.wkt, "properties": props})
        if encoded:
            out.append({"name": name, "features": encoded})
    return bytes(mapbox_vector_tile.encode(
        out, default_options={"y_coord_down": True, "extents": EXTENT}))


def build_vector_pack(
    path: Path,
    *,
    center: tuple[float, float] = CENTER,
    radius_km: float = 1.0,
    zooms: range = range(12, 16),
    compress: bool = True,
    tile_type: TileType = TileType.MVT,
    attribution: str = "© OpenStreetMap contributors",
    tile_bytes: Callable[[int, int, int, bytes], bytes] | None = None,
) -> Path:
    """Write a small Protomaps-schema pack around ``center``; returns ``path``."""
    layers = village_features(center, radius_km)
    area = bounds_around(center, radius_km)
    tiles: list[tuple[int, bytes]] = []
    for z in zooms:
        x0, y0, x1, y1 = tile_range(area, z)
        for tx in range(x0, x1 + 1):
            for ty in range(y0, y1 + 1):
                data = encode_tile(z, tx, ty, layers)
                if compress:
                    data = gzip.compress(data, mtime=0)
                if tile_bytes is not None:
                    data = tile_bytes(z, tx, ty, data)
                tiles.append((zxy_to_tileid(z, tx, ty), data))
    tiles.sort()
    with path.open("wb") as fh:
        writer = Writer(fh)
        for tile_id, data in tiles:
            writer.write_tile(tile_id, data)
        cx, cy = lonlat_to_tile(center[1], center[0], zooms[-1])
        writer.finalize(
            {
                "tile_type": tile_type,
                "tile_compression": Compression.GZIP if compress else Compression.NONE,
                "min_lon_e7": round(area.west * 1e7), "min_lat_e7": round(area.south * 1e7),
                "max_lon_e7": round(area.east * 1e7), "max_lat_e7": round(area.north * 1e7),
                "center_zoom": zooms[-1],
                "center_lon_e7": round(center[1] * 1e7), "center_lat_e7": round(center[0] * 1e7),
            },
            {
                "name": "test village streets",
                "attribution": attribution,
                "vector_layers": [{"id": name, "fields": {}} for name in layers],
                "center_tile": [zooms[-1], cx, cy],
            },
        )
    return path
