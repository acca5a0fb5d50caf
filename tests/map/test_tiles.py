"""MBTiles packs: validation, import, several packs at once, and the TMS row flip."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.map.resources import MapResources
from kiosk.map.tiles import (
    BLANK_PNG,
    CorruptTilePackError,
    InvalidTilePackError,
    TilePackExistsError,
    TileSet,
    flip_y,
    import_pack,
    installed_packs,
    lonlat_to_tile,
    pack_info,
    sniff_format,
    tile_bounds,
)
from tests.map.conftest import GIREUM, make_mbtiles, page_js, png_bytes, wait_for

COLORS = {(1, 0, 0): "#ff0000", (1, 0, 1): "#0000ff", (1, 1, 0): "#00ff00", (1, 1, 1): "#ffff00"}


@pytest.fixture
def tiles(qapp) -> dict[tuple[int, int, int], bytes]:
    return {key: png_bytes(color, 16) for key, color in COLORS.items()}


@pytest.fixture
def pack(tmp_path: Path, tiles) -> Path:
    return make_mbtiles(tmp_path / "seoul.mbtiles", tiles, {"attribution": "Test tiles"})


def test_tms_flip_is_its_own_inverse() -> None:
    assert flip_y(1, 0) == 1
    assert flip_y(3, 2) == 5
    assert all(flip_y(4, flip_y(4, y)) == y for y in range(16))


def test_tile_maths_round_trip() -> None:
    x, y = lonlat_to_tile(GIREUM[1], GIREUM[0], 16)
    b = tile_bounds(16, x, y)
    assert b.west <= GIREUM[1] <= b.east
    assert b.south <= GIREUM[0] <= b.north


def test_pack_info_reads_metadata_and_range(pack: Path) -> None:
    info = pack_info(pack)
    assert (info.name, info.format, info.minzoom, info.maxzoom) == ("seoul", "png", 1, 1)
    assert info.tile_count == 4
    assert info.attribution == "Test tiles"
    assert info.bounds.west == pytest.approx(-180)
    assert info.bounds.north == pytest.approx(85.0511, abs=1e-3)


def test_tiles_are_served_with_the_y_flip(pack: Path, tiles) -> None:
    tile_set = TileSet([pack])
    try:
        for key, data in tiles.items():
            assert tile_set.get(*key) == (data, "image/png")
        assert tile_set.get(2, 0, 0) is None
        assert tile_set.get(1, 5, 0) is None
    finally:
        tile_set.close()


def test_first_pack_covering_a_tile_wins(tmp_path: Path, pack: Path, tiles) -> None:
    black, magenta = png_bytes("#000000", 16), png_bytes("#ff00ff", 16)
    second = make_mbtiles(tmp_path / "z2.mbtiles", {(1, 0, 0): black, (2, 3, 1): magenta})
    tile_set = TileSet([pack, second])
    try:
        assert tile_set.get(1, 0, 0) == (tiles[(1, 0, 0)], "image/png")
        assert tile_set.get(2, 3, 1) == (magenta, "image/png")
        assert (tile_set.minzoom, tile_set.maxzoom) == (1, 2)
    finally:
        tile_set.close()


def test_missing_tiles_fall_back_to_transparent(pack: Path) -> None:
    from kiosk.map.page import PageOptions

    resources = MapResources(PageOptions(GIREUM, "x"), tiles=TileSet([pack]))
    assert resources.resolve("tiles/9/1/1").data == BLANK_PNG
    assert sniff_format(BLANK_PNG) == "png"
    assert resources.resolve("tiles/1/0/1").mime == "image/png"


def test_import_copies_a_valid_pack(tmp_path: Path, pack: Path) -> None:
    dest = tmp_path / "installed"
    info = import_pack(pack, dest)
    assert info.path == dest / "seoul.mbtiles"
    assert installed_packs(dest) == [dest / "seoul.mbtiles"]
    with pytest.raises(TilePackExistsError):
        import_pack(pack, dest)
    assert import_pack(pack, dest, replace=True).tile_count == 4


def test_truncated_pack_is_refused(tmp_path: Path, qapp) -> None:
    many = {
        (6, x, y): png_bytes(f"#{x * 4:02x}{y * 4:02x}80", 64) for x in range(8) for y in range(8)
    }
    full = make_mbtiles(tmp_path / "full.mbtiles", many)
    data = full.read_bytes()
    cut = tmp_path / "cut.mbtiles"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptTilePackError, match="truncated"):
        import_pack(cut, tmp_path / "installed")
    assert not (tmp_path / "installed" / "cut.mbtiles").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no SQLite header"),
        (b"PK\x03\x04 this is a zip file" * 10, "no SQLite header"),
    ],
)
def test_non_sqlite_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(content)
    with pytest.raises(CorruptTilePackError, match=message):
        import_pack(bad, tmp_path / "installed")


def test_damaged_pages_are_refused(tmp_path: Path, qapp) -> None:
    many = {
        (5, x, y): png_bytes(f"#{x * 8:02x}40{y * 8:02x}", 64) for x in range(6) for y in range(6)
    }
    pack = make_mbtiles(tmp_path / "damaged.mbtiles", many)
    data = bytearray(pack.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0xA5
    pack.write_bytes(bytes(data))
    with pytest.raises(CorruptTilePackError):
        import_pack(pack, tmp_path / "installed")


def _sqlite(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return path


def test_database_without_mbtiles_tables_is_refused(tmp_path: Path) -> None:
    other = _sqlite(tmp_path / "other.mbtiles", "CREATE TABLE t (a)")
    with pytest.raises(InvalidTilePackError, match="metadata"):
        pack_info(other)


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"format": ""}, "'format'"),
        ({"format": "pbf"}, "vector"),
        ({"format": "tiff"}, "not supported"),
        ({"format": "jpg"}, "metadata says jpg"),
        ({"bounds": "200,0,10,10"}, "out of range"),
        ({"bounds": "nonsense"}, "west,south"),
        ({"minzoom": "3"}, "minzoom 3 is above maxzoom 1"),
        ({"minzoom": "0", "maxzoom": "0"}, "tiles span zoom"),
    ],
)
def test_bad_metadata_is_refused(tmp_path: Path, tiles, metadata: dict, message: str) -> None:
    pack = make_mbtiles(tmp_path / "bad.mbtiles", tiles, metadata)
    with pytest.raises(InvalidTilePackError, match=message):
        import_pack(pack, tmp_path / "installed")


def test_empty_pack_is_refused(tmp_path: Path) -> None:
    pack = make_mbtiles(tmp_path / "empty.mbtiles", {})
    with pytest.raises(InvalidTilePackError, match="no tiles"):
        pack_info(pack)


def test_tile_set_skips_bad_packs(tmp_path: Path, pack: Path) -> None:
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"nope")
    tile_set = TileSet([bad, pack])
    try:
        assert [p.path for p in tile_set.packs] == [pack]
        assert len(tile_set.errors) == 1
    finally:
        tile_set.close()


@pytest.fixture
def tile_view(qapp, pack: Path) -> Iterator[object]:
    from kiosk.map.view import MapView

    view = MapView(GIREUM, "tiles", [], tile_packs=[pack], include_dongs=False)
    view.resize(800, 600)
    view.show()
    wait_for(lambda: view.is_ready, 20000)
    yield view
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("key", [(1, 0, 0), (1, 1, 1)])
def test_page_draws_the_right_tile(tile_view, key: tuple[int, int, int]) -> None:
    z, x, y = key
    page_js(
        tile_view,
        f"window.__px = null; fetch('kiosk://app/tiles/{z}/{x}/{y}').then(r => r.blob())"
        ".then(b => createImageBitmap(b)).then(bm => {"
        " const c = document.createElement('canvas'); c.width = c.height = 1;"
        " const g = c.getContext('2d'); g.drawImage(bm, 0, 0);"
        " const d = g.getImageData(0, 0, 1, 1).data;"
        " window.__px = [d[0], d[1], d[2]].join(','); }); 1",
    )
    wait_for(lambda: page_js(tile_view, "window.__px || ''") != "")
    expected = {"#ff0000": "255,0,0", "#ffff00": "255,255,0"}[COLORS[key]]
    assert page_js(tile_view, "window.__px") == expected
    assert page_js(tile_view, "document.querySelectorAll('img.leaflet-tile').length") > 0
    assert tile_view.blocked_requests == []
    assert tile_view.console_errors == []
