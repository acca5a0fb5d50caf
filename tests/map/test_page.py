"""The folium page, the listing wire format, page messages and the JS call helper."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import folium
import pytest

from kiosk.map import messages
from kiosk.map.listing import ROW_FIELDS, MapListing, listing_from_dict, listings_json
from kiosk.map.page import BASE_URL, PageOptions, TileOptions, build_page, kiosk_page
from kiosk.map.resources import MapResources
from tests.map.conftest import GIREUM, make_listings

URL_ATTR = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_page_loads_nothing_from_the_internet() -> None:
    html = build_page(PageOptions(GIREUM, "길음"))
    urls = URL_ATTR.findall(html)
    assert urls, "the page has no scripts?"
    assert all(u.startswith((BASE_URL, "qrc:///qtwebchannel/")) for u in urls), urls
    assert "cdn" not in html.lower()
    for needed in (
        "vendor/leaflet/leaflet.js",
        "vendor/markercluster/leaflet.markercluster.js",
        "vendor/jquery/jquery.min.js",
        "map/kiosk_map.js",
        "map/kiosk_map.css",
    ):
        assert BASE_URL + needed in urls


def test_folium_class_defaults_are_left_alone() -> None:
    before = list(folium.Map.default_js), list(folium.Map.default_css)
    build_page(PageOptions(GIREUM, "길음"))
    assert (list(folium.Map.default_js), list(folium.Map.default_css)) == before


def test_exported_page_uses_relative_paths_and_no_bridge() -> None:
    html = build_page(
        PageOptions(
            GIREUM,
            "x",
            bridge=False,
            listings_url=None,
            basemap_url=None,
            data_scripts=("data/listings.js",),
        ),
        base_url="",
    )
    urls = URL_ATTR.findall(html)
    assert all(not re.match(r"^[a-z]+:", u) for u in urls), urls
    assert "qwebchannel" not in html


def test_hostile_label_cannot_close_the_script() -> None:
    label = "</script><script>alert(1)</script>"
    html = build_page(PageOptions(GIREUM, label))
    assert label not in html
    assert "alert(1)" in html  # present only as escaped JSON data


def test_button_size_follows_the_panel() -> None:
    assert PageOptions(GIREUM, "x", px_per_mm=6.0).button_px == 72
    assert PageOptions(GIREUM, "x", px_per_mm=2.0).button_px == 44
    with pytest.raises(ValueError):
        PageOptions(GIREUM, "x", px_per_mm=0)
    with pytest.raises(ValueError):
        PageOptions(GIREUM, "x", language="fr")


def test_listings_are_one_compact_json_array() -> None:
    items = make_listings(3)
    doc = json.loads(listings_json(items, {"res-1": (0, 9)}, version=4))
    assert doc["version"] == 4 and doc["fields"] == list(ROW_FIELDS)
    assert [row[0] for row in doc["rows"]] == ["res-0", "res-1", "res-2"]
    assert doc["rows"][1][6:8] == [0, 9]
    assert doc["rows"][0][8] == "2025-05-01T18:30:00+09:00"  # 09:30 UTC, in Seoul time


def test_listing_validation_and_fallbacks() -> None:
    odd = MapListing("a", "carshare", "차", "", 37.5, 127.0, None, None, None, "weird")
    row = json.loads(listings_json([odd]))["rows"][0]
    assert row[1] == "other" and row[9] == "available"
    assert odd.name("en") == "차"
    with pytest.raises(ValueError):
        MapListing("", "bike", "", "", 0, 0, None, None, None, "available")
    with pytest.raises(ValueError):
        MapListing("b", "bike", "", "", 91, 0, None, None, None, "available")
    parsed = listing_from_dict(
        {
            "id": "x",
            "lat": "37.6",
            "lon": 127,
            "units_free": 2,
            "as_of": "2025-05-01T10:00:00+09:00",
        }
    )
    assert parsed.kind == "other" and parsed.units_free == 2
    assert parsed.as_of == datetime(2025, 5, 1, 1, 0, tzinfo=UTC)


def test_resources_keep_counts_for_reloads() -> None:
    resources = MapResources(PageOptions(GIREUM, "x"), make_listings(3))
    assert resources.update_counts({"res-0": (5, 6), "ghost": (1, 1)}) == {"res-0": [5, 6]}
    rows = json.loads(resources.resolve("listings.json").data)["rows"]
    assert rows[0][6:8] == [5, 6]
    fresh = make_listings(2)
    assert resources.set_listings(fresh) == 1
    doc = json.loads(resources.resolve("/listings.json").data)
    assert doc["version"] == 1 and len(doc["rows"]) == 2
    assert resources.counts_of("res-0") == (fresh[0].units_free, fresh[0].units_total)


@pytest.mark.parametrize(
    "path",
    [
        "../pyproject.toml",
        "map/../../pyproject.toml",
        "vendor/leaflet/../../../../etc/passwd",
        "vendor/nope/x.js",
        "map/",
        "nothing",
    ],
)
def test_resources_refuse_paths_outside_the_assets(path: str) -> None:
    assert MapResources(PageOptions(GIREUM, "x")).resolve(path) is None


def test_resources_serve_vendor_and_own_files() -> None:
    resources = MapResources(PageOptions(GIREUM, "x"))
    leaflet = resources.resolve("vendor/leaflet/leaflet.js")
    assert leaflet is not None and leaflet.mime.startswith("text/javascript")
    icon = resources.resolve("map/icons/parking.svg")
    assert icon is not None and icon.mime == "image/svg+xml"


def test_page_messages_are_checked() -> None:
    assert messages.marker_tapped("res-1") == messages.MarkerTapped("res-1")
    with pytest.raises(messages.BridgeMessageError):
        messages.marker_tapped("x" * 500)
    with pytest.raises(messages.BridgeMessageError):
        messages.marker_tapped(12)
    assert messages.page_log("shout", "y" * 900) == messages.PageLog("warning", "y" * 500)
    assert messages.filter_changed('["bike"]').kinds == {"bike"}
    with pytest.raises(messages.BridgeMessageError):
        messages.filter_changed('["bike", "rocket"]')
    with pytest.raises(messages.BridgeMessageError):
        messages.filter_changed("{not json")
    seen = messages.visible_changed('{"ids": ["a", "b"], "total": 5}')
    assert seen == messages.VisibleChanged(("a", "b"), 5)
    with pytest.raises(messages.BridgeMessageError):
        messages.visible_changed('{"ids": ["a"], "total": 0}')


def test_js_call_escapes_every_argument() -> None:
    from kiosk.map.view import js_call

    hostile = "'); alert(1); ('\u2028</script>"
    code = js_call("setLanguage", hostile)
    prefix = 'window.KioskMap.invoke("setLanguage",'
    assert code.startswith(prefix)
    assert json.loads(code[len(prefix) : -1]) == [hostile]
    assert "\u2028" not in code
    assert code.isascii()
    with pytest.raises(ValueError):
        js_call("constructor")
    with pytest.raises(ValueError):
        js_call("setFilter);alert(1);//")
    with pytest.raises(ValueError):
        js_call("updateCounts", float("nan"))


def test_cli_and_tile_code_import_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kiosk.map, kiosk.map.cli, kiosk.map.tiles, kiosk.map.fetch, "
        "kiosk.map.export, kiosk.map.page, kiosk.map.resources, kiosk.map.basemap; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


class HeldExecutor:
    """Runs submitted work only when told to, so a test can look in between."""

    def __init__(self) -> None:
        from concurrent.futures import Future

        self.jobs: list[tuple[Future[object], object]] = []
        self._future = Future

    def submit(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        future = self._future()
        self.jobs.append((future, lambda: fn(*args, **kwargs)))
        return future

    def run_all(self) -> None:
        jobs, self.jobs = self.jobs, []
        for future, work in jobs:
            try:
                future.set_result(work())  # type: ignore[operator]
            except Exception as exc:  # handed over as an executor does
                future.set_exception(exc)


def test_resources_load_listings_off_the_gui_thread_and_make_the_page_wait() -> None:
    work = HeldExecutor()
    resources = MapResources(PageOptions(GIREUM, "x"))
    loaded = make_listings(4)
    resources.load_in(work, lambda: loaded)  # type: ignore[arg-type]
    assert resources.pending("listings.json") is not None
    assert resources.pending("index.html") is None  # the page needs no worker
    assert resources.listings == [] and resources.pending("map/kiosk_map.js") is None
    work.run_all()
    assert resources.pending("listings.json") is None
    assert resources.resolve("index.html").data == build_page(PageOptions(GIREUM, "x")).encode()
    assert resources.listings == loaded and resources.has_listing("res-3")
    assert resources.resolve("listings.json").data == listings_json(loaded)


def test_resources_never_serve_a_background_encoding_that_is_out_of_date() -> None:
    work = HeldExecutor()
    first = make_listings(3)
    resources = MapResources(PageOptions(GIREUM, "x"), first)
    resources.load_in(work)  # type: ignore[arg-type]  # encode the listings it has
    assert resources.update_counts({"res-1": (0, 9)}) == {"res-1": [0, 9]}
    work.run_all()
    rows = json.loads(resources.resolve("listings.json").data)["rows"]
    assert rows[1][6:8] == [0, 9]  # the count set while the encoding ran is there
    later = MapResources(PageOptions(GIREUM, "x"))
    later.load_in(work, lambda: first)  # type: ignore[arg-type]
    chosen = make_listings(2, seed=5)
    assert later.set_listings(chosen) == 1  # set while the load still ran: it wins
    work.run_all()
    assert later.listings == chosen
    assert json.loads(later.resolve("listings.json").data)["version"] == 1


@pytest.mark.logs_errors('map listings could not be read', 'vector basemap failed')
def test_resources_answer_an_empty_map_when_loading_fails() -> None:
    from concurrent.futures import Future

    def broken() -> list[MapListing]:
        raise RuntimeError("database gone")

    work = HeldExecutor()
    basemap: Future[dict[str, object]] = Future()
    resources = MapResources(PageOptions(GIREUM, "x"), basemap=basemap)
    resources.load_in(work, broken)  # type: ignore[arg-type]
    assert resources.pending("basemap.json") is basemap
    work.run_all()
    basemap.set_exception(OSError("no boundary data"))
    assert json.loads(resources.resolve("listings.json").data)["rows"] == []
    assert json.loads(resources.resolve("basemap.json").data)["features"] == []


@pytest.mark.parametrize("base_url", [BASE_URL, "./"])
@pytest.mark.parametrize(
    "options",
    [
        PageOptions(GIREUM, "길음"),
        PageOptions(
            (37.6063, 127.0256),
            "길음 <b>\"1단지\"</b> & 'x' </script>",
            center_label_en="Gireum </script><script>alert(1)</script>",
            language="en",
            zoom=15,
            min_zoom=12,
            max_zoom=18,
            px_per_mm=6.1,
            radius_km=2.5,
            bridge=False,
            data_scripts=("data/listings.js", "data/basemap.js"),
            listings_url=None,
            basemap_url=None,
            attributions=("© 국토지리정보원",),
            tiles=TileOptions("tiles/{z}/{x}/{y}", 10, 17, [[37.5, 126.9], [37.7, 127.1]],
                              ["© OpenStreetMap"]),
            visible_limit=50,
        ),
    ],
)
def test_the_kiosk_serves_exactly_the_page_folium_builds(options: PageOptions,
                                                         base_url: str) -> None:
    assert kiosk_page(options, base_url) == build_page(options, base_url)


def test_serving_the_page_imports_no_folium() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kiosk.map.page import PageOptions\n"
        "from kiosk.map.resources import MapResources\n"
        "page = MapResources(PageOptions((37.6, 127.0), 'x')).resolve('index.html')\n"
        "print(b'KioskMap.start' in page.data, 'folium' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["True", "False"]
