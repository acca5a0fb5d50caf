"""fetch_pack against a tile server on 127.0.0.1: resumable, rate-limited, honest, polite."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.map.fetch import (
    FetchError,
    ForbiddenTileSourceError,
    check_template,
    fetch_pack,
    plan_tiles,
    tile_url,
)
from kiosk.map.tiles import TileSet, bounds_around, pack_info
from tests.map.conftest import GIREUM, png_bytes


class TileServer:
    """Serves /{z}/{x}/{y}.png with a fixed PNG; z/x/y listed in ``missing`` answer 404."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requests: list[tuple[str, str]] = []
        self.missing: set[str] = set()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                key = self.path.rsplit(".", 1)[0].lstrip("/")
                if key in server.missing:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def template(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"


@pytest.fixture
def server(qapp) -> Iterator[TileServer]:
    srv = TileServer(png_bytes("#336699", 16))
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(5)


ZOOMS = range(14, 16)


def test_fetches_the_area_into_a_valid_pack(tmp_path: Path, server: TileServer) -> None:
    dest = tmp_path / "area.mbtiles"
    seen = []
    report = fetch_pack(
        GIREUM,
        0.5,
        ZOOMS,
        server.template,
        dest,
        rate_per_second=1000,
        contact="village@example.org",
        progress=seen.append,
        attribution="Test server",
    )
    plan = plan_tiles(bounds_around(GIREUM, 0.5), list(ZOOMS))
    assert report.total == len(plan) == len(server.requests) == report.fetched
    assert seen[-1].done == seen[-1].total == len(plan)
    info = pack_info(dest)
    assert (info.format, info.minzoom, info.maxzoom, info.tile_count) == ("png", 14, 15, len(plan))
    assert info.attribution == "Test server"
    agent = server.requests[0][1]
    assert agent.startswith("SharingVillageKiosk/") and "village@example.org" in agent
    z, x, y = plan[0]
    tile_set = TileSet([dest])
    try:
        assert tile_set.get(z, x, y) == (server.body, "image/png")  # stored TMS, read XYZ
    finally:
        tile_set.close()


def test_resumes_without_fetching_twice(tmp_path: Path, server: TileServer) -> None:
    dest = tmp_path / "area.mbtiles"
    cancel = threading.Event()

    def stop_after_three(progress) -> None:
        if progress.fetched >= 3:
            cancel.set()

    first = fetch_pack(
        GIREUM,
        0.5,
        ZOOMS,
        server.template,
        dest,
        rate_per_second=1000,
        progress=stop_after_three,
        cancel=cancel,
    )
    assert first.cancelled and first.fetched == 3
    second = fetch_pack(GIREUM, 0.5, ZOOMS, server.template, dest, rate_per_second=1000)
    assert not second.cancelled
    assert second.skipped == 3
    assert second.fetched == second.total - 3
    assert len(server.requests) == second.total


def test_missing_tiles_are_counted_not_fatal(tmp_path: Path, server: TileServer) -> None:
    plan = plan_tiles(bounds_around(GIREUM, 0.3), [15])
    server.missing = {f"{z}/{x}/{y}" for z, x, y in plan[:2]}
    report = fetch_pack(
        GIREUM, 0.3, [15], server.template, tmp_path / "a.mbtiles", rate_per_second=1000
    )
    assert report.missing == 2
    assert report.fetched == len(plan) - 2


def test_rate_limit_spaces_requests(tmp_path: Path, server: TileServer) -> None:
    waits: list[float] = []
    fetch_pack(
        GIREUM,
        0.3,
        [15],
        server.template,
        tmp_path / "a.mbtiles",
        rate_per_second=2.0,
        sleep=waits.append,
    )
    assert waits and all(0 < w <= 0.5 for w in waits)


def test_resume_refuses_a_different_source(tmp_path: Path, server: TileServer) -> None:
    dest = tmp_path / "a.mbtiles"
    fetch_pack(GIREUM, 0.3, [15], server.template, dest, rate_per_second=1000)
    other = server.template.replace("{z}/{x}/{y}", "other/{z}/{x}/{y}")
    with pytest.raises(FetchError, match="another URL"):
        fetch_pack(GIREUM, 0.3, [15], other, dest, rate_per_second=1000)


@pytest.mark.parametrize(
    "template",
    [
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://a.tile.openstreetmap.fr/hot/{z}/{x}/{y}.png",
        "https://tile.openstreetmap.de/{z}/{x}/{y}.png",
        "http://TILE.OSM.ORG/{z}/{x}/{y}.png",
    ],
)
def test_openstreetmap_public_servers_are_refused(tmp_path: Path, template: str) -> None:
    with pytest.raises(ForbiddenTileSourceError, match="policy"):
        fetch_pack(GIREUM, 0.3, [15], template, tmp_path / "a.mbtiles")
    assert not (tmp_path / "a.mbtiles").exists()


@pytest.mark.parametrize(
    "template",
    ["ftp://host/{z}/{x}/{y}.png", "https://host/{z}/{x}.png", "https:///{z}/{x}/{y}"],
)
def test_malformed_templates_are_refused(template: str) -> None:
    with pytest.raises(FetchError):
        check_template(template)


def test_too_large_an_area_is_refused(tmp_path: Path, server: TileServer) -> None:
    with pytest.raises(FetchError, match="limit"):
        fetch_pack(GIREUM, 20, range(10, 19), server.template, tmp_path / "a.mbtiles")
    assert server.requests == []


def test_url_placeholders() -> None:
    assert tile_url("https://h/{z}/{y}/{x}.png", 3, 1, 2) == "https://h/3/2/1.png"
    assert tile_url("https://h/{z}/{x}/{-y}.png", 3, 1, 2) == "https://h/3/1/5.png"
    assert tile_url("https://{s}.h/{z}/{x}/{y}", 1, 0, 1, "ab") == "https://b.h/1/0/1"
