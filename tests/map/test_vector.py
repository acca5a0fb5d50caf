"""Vector street packs (PMTiles, Protomaps schema): checks, import, extract, serving, and
the real page drawing them, plus what the page answers a resident with on top of them.

Every pack here is built by the test itself (tests/map/vector_pack.py).
"""

from __future__ import annotations

import gzip
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pmtiles.tile import TileType
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtWidgets import QApplication

from kiosk.map import cli as map_cli
from kiosk.map.assets import NPM_PACKAGES, npm_problems
from kiosk.map.listing import MapListing
from kiosk.map.page import PageOptions, VectorOptions
from kiosk.map.resources import MapResources
from kiosk.map.scheme import is_local_url
from kiosk.map.tiles import (
    CorruptTilePackError,
    InvalidTilePackError,
    TilePackExistsError,
    installed_packs,
)
from kiosk.map.vector import (
    VectorSet,
    extract_pack,
    import_vector_pack,
    inspect_vector_pack,
)
from kiosk.map.view import MapView
from tests.map.conftest import make_mbtiles, page_js, page_json, png_bytes, wait_for
from tests.map.vector_pack import CENTER, build_vector_pack

PX_PER_MM = 4.0
ROOT = Path(__file__).resolve().parents[2]


# --- the pack itself ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_vector_pack(tmp_path_factory.mktemp("vector") / "gireum.pmtiles")


def test_a_built_pack_validates_and_says_what_it_is(pack: Path) -> None:
    info = inspect_vector_pack(pack, deep=True)
    assert info.kind == "vector"
    assert (info.minzoom, info.maxzoom) == (12, 15)
    assert {"roads", "buildings", "places", "water", "earth"} <= set(info.layers)
    b = info.bounds
    assert b.west < CENTER[1] < b.east and b.south < CENTER[0] < b.north
    assert info.attribution == "© OpenStreetMap contributors"
    assert "vector (PMTiles, MVT gzip)" in info.summary()


def _refused(src: Path, tmp_path: Path) -> str:
    dest = tmp_path / "installed"
    with pytest.raises((CorruptTilePackError, InvalidTilePackError)) as caught:
        import_vector_pack(src, dest)
    assert not dest.exists() or list(dest.iterdir()) == []  # nothing half-installed
    return str(caught.value)


def test_import_installs_atomically_and_refuses_a_second_copy(pack: Path, tmp_path: Path) -> None:
    dest = tmp_path / "tiles"
    info = import_vector_pack(pack, dest)
    assert info.path == dest / "gireum.pmtiles"
    assert installed_packs(dest) == [dest / "gireum.pmtiles"]
    assert (dest / "gireum.pmtiles").read_bytes() == pack.read_bytes()
    with pytest.raises(TilePackExistsError):
        import_vector_pack(pack, dest)
    import_vector_pack(pack, dest, replace=True)
    assert sorted(p.name for p in dest.iterdir()) == ["gireum.pmtiles"]


def test_truncated_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pmtiles"
    cut.write_bytes(pack.read_bytes()[: pack.stat().st_size - 500])
    assert "truncated" in _refused(cut, tmp_path)


def test_a_file_that_is_not_pmtiles_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pmtiles"
    fake.write_bytes(b"<html>404 not found</html>" * 10)
    assert "not a PMTiles file" in _refused(fake, tmp_path)


def test_raster_pmtiles_are_refused(tmp_path: Path, qapp) -> None:
    raster = build_vector_pack(tmp_path / "raster.pmtiles", tile_type=TileType.PNG,
                               zooms=range(14, 15),
                               tile_bytes=lambda z, x, y, data: png_bytes("#ff0000", 8))
    assert "holds png tiles, not vector (MVT)" in _refused(raster, tmp_path)


def test_a_foreign_schema_is_refused(tmp_path: Path) -> None:
    import mapbox_vector_tile

    foreign = mapbox_vector_tile.encode(
        [{"name": "transportation", "features": [
            {"geometry": "LINESTRING(0 0, 4096 4096)", "properties": {"class": "street"}}]}])

    path = build_vector_pack(tmp_path / "openmaptiles.pmtiles", zooms=range(14, 15),
                             tile_bytes=lambda z, x, y, data: gzip.compress(foreign))
    # the metadata still names Protomaps layers; only the tiles say otherwise
    raw = path.read_bytes()
    assert b"PMTiles" in raw[:7]
    message = _refused_after_clearing_metadata(path, tmp_path)
    assert "not a Protomaps basemap pack" in message and "transportation" in message


def _refused_after_clearing_metadata(path: Path, tmp_path: Path) -> str:
    """Rewrite the pack with metadata that declares no layers (as foreign packs do)."""
    from pmtiles.reader import MmapSource, Reader, all_tiles
    from pmtiles.tile import zxy_to_tileid
    from pmtiles.writer import Writer

    out = tmp_path / "foreign.pmtiles"
    with path.open("rb") as fh:
        source = MmapSource(fh)
        header = Reader(source).header()
        tiles = sorted((zxy_to_tileid(*zxy), data) for zxy, data in all_tiles(source))
    with out.open("wb") as fh:
        writer = Writer(fh)
        for tile_id, data in tiles:
            writer.write_tile(tile_id, data)
        writer.finalize(header, {"name": "foreign"})
    return _refused(out, tmp_path)


def test_a_tile_that_does_not_decode_is_refused(tmp_path: Path) -> None:
    path = build_vector_pack(tmp_path / "broken.pmtiles", zooms=range(14, 15),
                             tile_bytes=lambda z, x, y, data: gzip.compress(b"\xff" * 64))
    assert "does not decode as a vector tile" in _refused(path, tmp_path)


def test_brotli_tiles_are_refused(pack: Path, tmp_path: Path) -> None:
    raw = bytearray(pack.read_bytes())
    raw[98] = 3  # tile compression: brotli
    path = tmp_path / "brotli.pmtiles"
    path.write_bytes(bytes(raw))
    assert "compressed with brotli" in _refused(path, tmp_path)


def test_extract_cuts_a_smaller_valid_pack(pack: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    out = tmp_path / "village.pmtiles"
    info = extract_pack(pack, out, center=CENTER, radius_km=0.3, maxzoom=14,
                        progress=lambda p: seen.append(p.done))
    assert out.is_file() and info.path == out
    assert info.maxzoom == 14 and info.tile_count < inspect_vector_pack(pack).tile_count
    assert seen == list(range(1, len(seen) + 1)) and seen
    big = inspect_vector_pack(pack).bounds
    assert big.west <= info.bounds.west and info.bounds.east <= big.east
    assert [p.name for p in tmp_path.iterdir()] == ["village.pmtiles"]  # no temp left


def test_extract_outside_the_pack_writes_nothing(pack: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidTilePackError, match="outside the pack"):
        extract_pack(pack, tmp_path / "busan.pmtiles", center=(35.1, 129.0), radius_km=3)
    assert list(tmp_path.iterdir()) == []


def test_cli_import_info_and_extract(pack: Path, tmp_path: Path, qapp) -> None:
    import argparse

    out, err = io.StringIO(), io.StringIO()
    parser = argparse.ArgumentParser()
    map_cli.register(parser.add_subparsers(dest="command", required=True),
                     tiles_dir=tmp_path / "tiles", out=out, err=err)

    def run(*argv: str) -> int:
        args = parser.parse_args(list(argv))
        return int(args.func(args))

    cut = tmp_path / "cut.pmtiles"
    assert run("tiles", "extract", "--from", str(pack), "--around", "37.6066,127.0237",
               "--radius-km", "0.5", str(cut)) == 0
    assert re.search(r"\[#+\] \d+/\d+ tiles looked up", out.getvalue())
    assert run("tiles", "import", str(cut)) == 0
    raster = make_mbtiles(tmp_path / "aerial.mbtiles", {(15, 27948, 12684): png_bytes("#00ff00")},
                          {"attribution": "© test aerial"})
    assert run("tiles", "import", str(raster)) == 0
    out.truncate(0)
    assert run("tiles", "info") == 0
    text = out.getvalue()
    assert "aerial.mbtiles: raster (MBTiles)" in text
    assert "cut.pmtiles: vector (PMTiles, MVT gzip)" in text and "km²" in text
    assert "attribution: © OpenStreetMap contributors" in text
    bad = tmp_path / "bad.pmtiles"
    bad.write_bytes(b"PMTiles\x03" + b"\x00" * 20)
    assert run("tiles", "import", str(bad)) == 2
    assert "bad.pmtiles" in err.getvalue() and "truncated" in err.getvalue()


def test_setup_script_pins_the_same_npm_versions() -> None:
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    pins = re.search(r"^NPM_PACKAGES=\(([^)]*)\)", script, re.M)
    assert pins is not None
    assert pins.group(1).split() == [f"{p.name}@{p.version}" for p in NPM_PACKAGES]
    assert "/vendor/npm/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_page_reads_byte_ranges_of_the_pack_and_nothing_else(pack: Path) -> None:
    vectors = VectorSet([pack])
    try:
        options = PageOptions(center=CENTER, center_label="x",
                              vector=VectorOptions.from_vector_set(vectors))
        res = MapResources(options, vector=vectors)
        head = res.resolve("vpack/0-7")
        assert head is not None and head.data == b"PMTiles"
        size = pack.stat().st_size
        tail = res.resolve(f"vpack/{size - 10}-100")  # clamped at the end, as a file is
        assert tail is not None and tail.data == pack.read_bytes()[-10:]
        assert res.resolve(f"vpack/{size}-10") is None
        assert res.resolve("vpack/0-999999999") is None
        assert res.resolve("npm/pmtiles/package.json") is None  # only the bundles
        html = res.page_html().decode()
        for pkg in NPM_PACKAGES:
            assert f"kiosk://app/npm/{pkg.name}/{pkg.file}" in html
    finally:
        vectors.close()


# --- the real page --------------------------------------------------------------------------

CLUSTER = [f"c-{i}" for i in range(4)]
OOS_ID = "oos-space"
OTHER_ID = "other-thing"


def _listings() -> list[MapListing]:
    lat, lon = CENTER[0] + 0.0027, CENTER[1]  # 300 m north: four within 15 m of each other
    items = [MapListing(cid, "bike", f"따릉이 {i}", f"Bike {i}", lat + i * 0.00004,
                        lon + i * 0.00004 * (1 if i % 2 else -1), i + 1, 10, None, "available")
             for i, cid in enumerate(CLUSTER)]
    items.append(MapListing(OOS_ID, "space", "작은도서관", "Small library", CENTER[0] - 0.0025,
                            CENTER[1] + 0.003, None, None, None, "out_of_service"))
    items.append(MapListing(OTHER_ID, "other", "수리 공구", "Repair tools", CENTER[0] - 0.0025,
                            CENTER[1] - 0.003, 2, 3, None, "available"))
    return items


@pytest.fixture(scope="module")
def street_view(qapp, pack: Path) -> Iterator[MapView]:
    assert npm_problems() == [], "run scripts/setup.sh"
    view = MapView(CENTER, "길음 나눔마을", _listings(), tile_packs=[pack],
                   px_per_mm=PX_PER_MM, center_label_en="Gireum Village")
    view.resize(1280, 800)
    view.show()
    wait_for(lambda: view.is_ready, 20000)
    yield view
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "street_view" in request.fixturenames:
        view = request.getfixturevalue("street_view")
        errors, view._page.console_errors[:] = list(view.console_errors), []
        assert errors == []


def _info(view: MapView) -> dict:
    return page_json(view, "KioskMap.vectorInfo()")


def test_streets_are_drawn_on_canvas_from_the_local_pack(street_view: MapView) -> None:
    wait_for(lambda: _info(street_view)["drawn"] >= 4, 20000)
    info = _info(street_view)
    assert info["layer"] is True and info["tiles"] >= 4
    assert info["labelProps"] == ["name:ko", "name"]
    assert page_js(street_view, "typeof protomapsL.leafletLayer") == "function"
    seen = street_view.requests_seen
    assert any("/vpack/" in url for url in seen)
    assert street_view.blocked_requests == []
    assert all(is_local_url(QUrl(url)) for url in seen)
    attribution = page_js(street_view, "document.querySelector('.kiosk-attribution').textContent")
    assert "© OpenStreetMap contributors" in attribution


def test_street_names_follow_the_language(street_view: MapView) -> None:
    street_view.set_language("en")
    wait_for(lambda: _info(street_view)["labelProps"] == ["name:en", "name"])
    street_view.set_language("ko")
    wait_for(lambda: _info(street_view)["labelProps"] == ["name:ko", "name"])


def _here_box(view: MapView) -> dict:
    return page_json(view, "(() => { const here = map_kiosk.latLngToContainerPoint("
                           + json.dumps(list(CENTER)) + ");" + """
        const pin = document.querySelector('.kiosk-here');
        const label = document.querySelector('.kiosk-here-label').getBoundingClientRect();
        const box = map_kiosk.getContainer().getBoundingClientRect();
        return {pinPane: getComputedStyle(pin.parentElement).zIndex,
                markerPane: getComputedStyle(map_kiosk.getPane('markerPane')).zIndex,
                visible: getComputedStyle(pin).visibility !== 'hidden' && pin.offsetWidth > 0,
                labelLeft: label.left - box.left, labelTop: label.top - box.top,
                labelBottom: label.bottom - box.top, x: here.x, y: here.y};
    })()""")


def test_you_are_here_is_a_pin_below_the_markers_with_its_label_beside_it(
        street_view: MapView) -> None:
    street_view.recenter()
    wait_for(lambda: page_json(street_view, "KioskMap.view().zoom") == 16)
    box = _here_box(street_view)
    assert box["visible"] is True
    assert int(box["pinPane"]) < int(box["markerPane"])  # markers draw over it
    # the label sits to the right of the point, not over it
    assert box["labelLeft"] > box["x"]
    assert box["labelBottom"] <= box["y"]
    assert page_js(street_view, "document.querySelector('.kiosk-here-caption').textContent") \
        == "현재 위치"


def test_cluster_tap_lists_what_is_in_it_nearest_first(street_view: MapView, qtbot) -> None:
    street_view.recenter()
    wait_for(lambda: page_json(street_view, "KioskMap.view().zoom") == 16)
    wait_for(lambda: page_js(street_view, f"!!KioskMap.clusterElementOf({CLUSTER[0]!r})"))
    before = page_json(street_view, "KioskMap.view()")
    page_js(street_view, f"KioskMap.clusterElementOf({CLUSTER[0]!r}).click(); 1")
    wait_for(lambda: page_json(street_view, "KioskMap.listIds()") is not None)
    ids = page_json(street_view, "KioskMap.listIds()")
    assert sorted(ids) == sorted(CLUSTER)
    by_id = {item.id: item for item in street_view.listings}

    def metres(item: MapListing) -> float:
        dy = (item.lat - CENTER[0]) * 110_574
        dx = (item.lon - CENTER[1]) * 111_320 * math.cos(math.radians(CENTER[0]))
        return math.hypot(dx, dy)

    assert [metres(by_id[i]) for i in ids] == sorted(metres(by_id[i]) for i in ids)
    assert page_json(street_view, "KioskMap.view()") == before  # no zoom into empty space
    rows = page_json(street_view, "Array.from(document.querySelectorAll('.kiosk-list-item'))"
                                  ".map(b => [b.dataset.id, b.textContent])")
    assert rows[0][0] == ids[0] and by_id[ids[0]].name_ko in rows[0][1] and " m" in rows[0][1]
    with qtbot.wait_signal(street_view.resourceTapped, timeout=5000) as blocker:
        page_js(street_view, f"document.querySelector('.kiosk-list-item[data-id=\"{ids[1]}\"]')"
                             ".click(); 1")
    assert blocker.args == [ids[1]]
    street_view.reset()
    wait_for(lambda: page_json(street_view, "KioskMap.listIds()") is None)


def test_coming_back_shows_the_view_the_resident_left(street_view: MapView) -> None:
    page_js(street_view, "map_kiosk.setView([37.6090, 127.0210], 17, {animate: false}); 1")
    wait_for(lambda: page_json(street_view, "KioskMap.view().zoom") == 17)
    left = page_json(street_view, "KioskMap.view()")
    # The booking screens take the panel: the page is squeezed to nothing (and Leaflet
    # moves the map while it is), then gets its size back.
    page_js(street_view, "const c = map_kiosk.getContainer(); c.style.width = '0px';"
                         " c.style.height = '0px'; map_kiosk.invalidateSize();"
                         " map_kiosk.setView([37.55, 126.97], 12, {animate: false}); 1")
    assert page_json(street_view, "KioskMap.view().zoom") == 12
    page_js(street_view, "const d = map_kiosk.getContainer(); d.style.width = '';"
                         " d.style.height = ''; map_kiosk.invalidateSize(); 1")
    wait_for(lambda: page_json(street_view, "KioskMap.view().zoom") == 17)
    back = page_json(street_view, "KioskMap.view()")
    assert back["lat"] == pytest.approx(left["lat"], abs=1e-5)
    assert back["lon"] == pytest.approx(left["lon"], abs=1e-5)
    stats = page_json(street_view, "KioskMap.invoke('stats', [])")
    assert stats["shown"] == len(street_view.listings)
    assert page_js(street_view, "!!document.querySelector('.kiosk-here-img')") is True
    street_view.recenter()


def test_badges_are_at_least_5_mm(street_view: MapView) -> None:
    street_view.show_listing(OTHER_ID)
    wait_for(lambda: page_js(street_view, f"!!KioskMap.markerFor({OTHER_ID!r})._icon"))
    size = page_json(street_view, f"(() => {{ const r = KioskMap.markerFor({OTHER_ID!r})._icon"
                                  ".querySelector('.kiosk-badge').getBoundingClientRect();"
                                  " return [r.width, r.height]; })()")
    assert min(size) >= 5 * PX_PER_MM


def test_out_of_service_never_looks_like_other(street_view: MapView) -> None:
    legend = page_json(street_view, "Array.from(document.querySelectorAll("
                                    "'.kiosk-legend-item img')).map(i => i.src.split('/').pop())")
    assert "other.svg" in legend and "out_of_service.svg" in legend
    assert legend.count("other.svg") == 1  # the "other" kind only
    street_view.show_listing(OOS_ID)
    wait_for(lambda: page_js(street_view, f"!!KioskMap.markerFor({OOS_ID!r})._icon"))
    shown = page_json(street_view, f"Array.from(KioskMap.markerFor({OOS_ID!r})._icon"
                                   ".querySelectorAll('img')).filter(i => getComputedStyle(i)"
                                   ".display !== 'none').map(i => i.src.split('/').pop())")
    assert shown == ["space.svg", "out_of_service.svg"]
    other = page_json(street_view, f"Array.from(KioskMap.markerFor({OTHER_ID!r})._icon"
                                   ".querySelectorAll('img')).filter(i => getComputedStyle(i)"
                                   ".display !== 'none').map(i => i.src.split('/').pop())")
    assert other == ["other.svg"]
