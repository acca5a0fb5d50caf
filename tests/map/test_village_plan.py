"""The village file: outline, numbered buildings and paths, named in the village config."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.map.basemap import build_basemap, village_map_files

ROOT = Path(__file__).resolve().parents[2]


def test_the_demo_village_ships_its_plan_with_eight_numbered_buildings() -> None:
    files = village_map_files(ROOT / "data" / "demo" / "village.toml")
    assert files == [(ROOT / "data" / "demo" / "village_map.geojson").resolve()]
    plan = build_basemap((37.6066, 127.0237), files, include_dongs=False)
    layers = [f["properties"]["layer"] for f in plan["features"]]
    assert layers.count("village") == 1 and layers.count("path") >= 2
    buildings = [f["properties"] for f in plan["features"]
                 if f["properties"]["layer"] == "building"]
    assert sorted(b["name"] for b in buildings) == [f"{n}동" for n in range(101, 109)]
    for b in buildings:  # labelled inside the village, around the demo centre
        lat, lon = b["label"]
        assert abs(lat - 37.6066) < 0.002 and abs(lon - 127.0237) < 0.003


def test_an_osm_export_is_read_by_its_tags(tmp_path: Path) -> None:
    square = [[[127.0, 37.6], [127.001, 37.6], [127.001, 37.601], [127.0, 37.601], [127.0, 37.6]]]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"building": "apartments", "ref": "201"},
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"highway": "footway"},
         "geometry": {"type": "LineString", "coordinates": [[127.0, 37.6], [127.001, 37.6]]}},
        {"type": "Feature", "properties": {"name": "단지"},
         "geometry": {"type": "Polygon", "coordinates": square}},
    ]}
    path = tmp_path / "osm_export.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    toml = tmp_path / "village.toml"
    toml.write_text('[village]\nname = "x"\nmap = "osm_export.geojson"\n', encoding="utf-8")
    plan = build_basemap((37.6, 127.0), village_map_files(toml), include_dongs=False)
    props = [f["properties"] for f in plan["features"]]
    assert [p["layer"] for p in props] == ["building", "path", "village"]
    assert props[0]["name"] == "201" and len(props[0]["label"]) == 2


def test_a_config_naming_a_missing_file_gives_no_plan(tmp_path: Path, caplog) -> None:
    toml = tmp_path / "village.toml"
    toml.write_text('[village]\nmap = "gone.geojson"\n', encoding="utf-8")
    assert village_map_files(toml) == []
    assert "does not exist" in caplog.text
