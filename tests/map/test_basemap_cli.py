"""Vector basemap from local data, the CLI subcommands, and the static export."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest

from kiosk.map import cli
from kiosk.map.basemap import BasemapError, build_basemap, dong_features, load_geojson
from tests.map.conftest import GIREUM, make_mbtiles, png_bytes


def test_dong_boundaries_around_the_kiosk_have_names() -> None:
    features = dong_features(GIREUM, 1.0)
    names = {f["properties"]["name"] for f in features}
    assert "길음동" in names
    gireum = next(f for f in features if f["properties"]["name"] == "길음동")
    assert gireum["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lat, lon = gireum["properties"]["label"]
    assert abs(lat - GIREUM[0]) < 0.02 and abs(lon - GIREUM[1]) < 0.02


def test_association_geojson_is_layered(tmp_path: Path) -> None:
    outline = tmp_path / "village.geojson"
    outline.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "<b>1단지</b>"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [[127.02, 37.60], [127.03, 37.60], [127.03, 37.61], [127.02, 37.60]]
                            ],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    buildings = tmp_path / "buildings.geojson"
    buildings.write_text(
        json.dumps(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": [127, 37]},
            }
        )
    )
    broken = tmp_path / "broken.geojson"
    broken.write_text("{nope")
    basemap = build_basemap(GIREUM, [outline, buildings, broken], include_dongs=False)
    layers = [(f["properties"]["layer"], f["properties"]["name"]) for f in basemap["features"]]
    assert layers == [("village", "<b>1단지</b>"), ("building", "")]
    with pytest.raises(BasemapError):
        load_geojson(broken, "village")


@pytest.fixture
def run(tmp_path: Path):
    tiles_dir = tmp_path / "tiles"

    def invoke(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        parser = argparse.ArgumentParser(prog="kiosk")
        sub = parser.add_subparsers(dest="command", required=True)
        cli.register(sub, tiles_dir=tiles_dir, out=out, err=err)
        args = parser.parse_args(list(argv))
        return args.func(args), out.getvalue(), err.getvalue()

    invoke.tiles_dir = tiles_dir  # type: ignore[attr-defined]
    return invoke


@pytest.fixture
def good_pack(tmp_path: Path, qapp) -> Path:
    tiles = {(15, x, y): png_bytes("#88aa88", 16) for x in (27940, 27941) for y in (12692, 12693)}
    return make_mbtiles(tmp_path / "gireum.mbtiles", tiles, {"attribution": "Test"})


def test_cli_import_and_info(run, good_pack: Path, tmp_path: Path) -> None:
    code, out, _ = run("tiles", "import", str(good_pack))
    assert code == 0 and "gireum.mbtiles" in out
    code, out, _ = run("tiles", "info")
    assert code == 0 and "zoom 15-15" in out and "attribution: Test" in out
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 200)
    code, _, err = run("tiles", "import", str(bad))
    assert code == 2 and "error:" in err
    code, _, err = run("tiles", "info", str(bad))
    assert code == 2


def test_cli_fetch_refuses_bad_input(run) -> None:
    code, _, err = run(
        "tiles",
        "fetch",
        "--center",
        "37.6,127.0",
        "--radius-km",
        "1",
        "--zoom",
        "15-16",
        "--url",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    )
    assert code == 2 and "policy" in err
    with pytest.raises(SystemExit):
        run(
            "tiles",
            "fetch",
            "--center",
            "north",
            "--radius-km",
            "1",
            "--zoom",
            "15",
            "--url",
            "https://h/{z}/{x}/{y}",
        )
    with pytest.raises(SystemExit):
        run(
            "tiles",
            "fetch",
            "--center",
            "37,127",
            "--radius-km",
            "1",
            "--zoom",
            "16-12",
            "--url",
            "https://h/{z}/{x}/{y}",
        )


def test_map_export_writes_an_offline_folder(run, good_pack: Path, tmp_path: Path) -> None:
    listings = tmp_path / "listings.json"
    listings.write_text(
        json.dumps(
            {
                "center": list(GIREUM),
                "label": "길음 나눔마을",
                "listings": [
                    {
                        "id": "p1",
                        "kind": "parking",
                        "name_ko": "</script><b>주차</b>",
                        "name_en": "Parking",
                        "lat": 37.607,
                        "lon": 127.026,
                        "units_free": 3,
                        "units_total": 10,
                        "status": "available",
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out_dir = tmp_path / "export"
    code, out, err = run(
        "map",
        "export",
        str(out_dir),
        "--listings",
        str(listings),
        "--tiles",
        str(good_pack),
        "--no-dongs",
    )
    assert code == 0, err
    assert "1 listings and 4 tiles" in out
    html = (out_dir / "index.html").read_text(encoding="utf-8")
    for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html):
        assert not re.match(r"^[a-z]+:", url), url
        assert (out_dir / url).is_file(), url
    assert (out_dir / "tiles/15/27940/12692.png").is_file()
    data = (out_dir / "data/listings.js").read_text(encoding="utf-8")
    assert "</script>" not in data and "\\u003c/script>" in data
    code, _, err = run("map", "export", str(tmp_path / "x"), "--listings", str(tmp_path / "no"))
    assert code == 2 and "cannot read listings" in err


def test_exported_page_works_from_files_without_network(run, tmp_path: Path, qapp) -> None:
    from PySide6.QtCore import QEvent, QUrl
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineProfile,
        QWebEngineUrlRequestInterceptor,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication, QWidget

    from tests.map.conftest import page_js, wait_for

    class FilesOnly(QWebEngineUrlRequestInterceptor):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def interceptRequest(self, info) -> None:
            self.seen.append(info.requestUrl().toString())
            info.block(info.requestUrl().scheme() != "file")

    listings = tmp_path / "l.json"
    listings.write_text(
        json.dumps(
            [
                {
                    "id": "p1",
                    "kind": "bike",
                    "name_ko": "<i>자전거</i>",
                    "lat": 37.6065,
                    "lon": 127.026,
                    "units_free": 2,
                }
            ]
        )
    )
    out_dir = tmp_path / "export"
    code, _, err = run(
        "map",
        "export",
        str(out_dir),
        "--listings",
        str(listings),
        "--center",
        "37.6063,127.0256",
        "--tiles",
        "--no-dongs",
    )
    assert code == 0, err

    holder = QWidget()
    profile = QWebEngineProfile()
    guard = FilesOnly()
    guard.setParent(profile)
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView(holder)
    view.setPage(QWebEnginePage(profile, view))
    profile.setParent(holder)
    view.resize(800, 600)
    holder.show()
    view.load(QUrl.fromLocalFile(str(out_dir / "index.html")))

    class Wrapped:
        web_view = view

    try:
        # Generous limits: a loaded CI machine may take seconds to start a renderer.
        wait_for(
            lambda: page_js(Wrapped, "document.documentElement.dataset.kioskReady || ''",
                            30000) == "true",
            60000,
        )
        assert page_js(Wrapped, "KioskMap.invoke('stats', []).markers", 30000) == 1
        page_js(Wrapped, "KioskMap.markerFor('p1').fire('click'); 1", 30000)
        info = page_js(Wrapped, "document.querySelector('.kiosk-info-name').textContent",
                       30000)
        assert info == "<i>자전거</i>"
        assert all(url.startswith("file://") for url in guard.seen), list(guard.seen)
    finally:
        holder.close()
        holder.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_cli_uses_the_callers_settings_and_handler(tmp_path: Path, good_pack: Path) -> None:
    from types import SimpleNamespace

    out, err = io.StringIO(), io.StringIO()
    parser = argparse.ArgumentParser(prog="kiosk")
    cli.register(parser.add_subparsers(dest="command"), tiles_dir=tmp_path / "t", out=out, err=err)
    args = parser.parse_args(["map", "export", str(tmp_path / "site"), "--no-dongs"])
    args.settings = SimpleNamespace(
        kiosk_lat=37.6066,
        kiosk_lon=127.0237,
        kiosk_label="101동 로비",
        kiosk_label_en="Building 101 lobby",
        language="en",
        tile_packs=(good_pack,),
    )
    assert args.handler(args) == 0, err.getvalue()
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r"KioskMap\.start\(\w+, (\{.*\})\);", html).group(1))
    assert config["center"] == [37.6066, 127.0237]
    assert config["centerLabel"] == "Building 101 lobby"
    assert config["language"] == "en"
    assert config["tiles"]["max_native_zoom"] == 15
