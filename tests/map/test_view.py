"""The real page in QtWebEngine (offscreen), driven through the bridge and runJavaScript.

One view is shared by the module: a page load costs about half a second.
"""

from __future__ import annotations

import math
import os
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from kiosk.map.bridge import ALLOWED_SLOTS
from kiosk.map.listing import KINDS, MapListing
from kiosk.map.scheme import is_local_url
from kiosk.map.view import MapView
from tests.map.conftest import GIREUM, make_listings, page_js, page_json, wait_for

PX_PER_MM = 4.0
SOLO_ID = "solo-parking"
HOSTILE_ID = "hostile"


def _listings() -> list[MapListing]:
    items = make_listings(60, spread=0.02)
    # A marker alone ~400 m east of the kiosk, so it is drawn on its own (not clustered).
    items.append(
        MapListing(
            SOLO_ID,
            "parking",
            "길음 공영주차장",
            "Gireum Public Parking",
            GIREUM[0],
            GIREUM[1] + 0.0045,
            4,
            20,
            None,
            "available",
        )
    )
    items.append(
        MapListing(
            HOSTILE_ID,
            "space",
            '<img src=x onerror="window.__pwned=1">',
            "<script>window.__pwned=2</script>",
            GIREUM[0] - 0.004,
            GIREUM[1],
            1,
            1,
            None,
            "available",
        )
    )
    return items


@pytest.fixture(scope="module")
def map_view(qapp) -> Iterator[MapView]:
    view = MapView(GIREUM, "길음 나눔마을 <b>1단지</b>", _listings(), px_per_mm=PX_PER_MM,
                   center_label_en="Gireum Village <b>block 1</b>")
    view.resize(1280, 800)
    view.show()
    wait_for(lambda: view.is_ready, 20000)
    yield view
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_console_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any JS error our page logs during a test fails that test."""
    yield
    if "map_view" in request.fixturenames:
        view = request.getfixturevalue("map_view")
        errors, view._page.console_errors[:] = list(view.console_errors), []
        assert errors == []


def stats(view: MapView) -> dict:
    return page_json(view, "KioskMap.invoke('stats', [])")


def test_page_loads_leaflet_and_every_marker(map_view: MapView) -> None:
    assert page_js(map_view, "typeof L") == "object"
    assert page_js(map_view, "typeof L.markerClusterGroup") == "function"
    s = stats(map_view)
    assert s["markers"] == len(map_view.listings) == 62
    assert s["shown"] == 62
    assert s["ready"] is True


def test_marker_tap_reaches_python_with_its_id(map_view: MapView, qtbot) -> None:
    with qtbot.wait_signal(map_view.resourceTapped, timeout=5000) as blocker:
        page_js(map_view, f"KioskMap.markerFor({SOLO_ID!r}).fire('click'); true")
    assert blocker.args == [SOLO_ID]


def test_untrusted_listing_text_is_never_markup(map_view: MapView) -> None:
    page_js(map_view, f"KioskMap.invoke('showListing', [{HOSTILE_ID!r}])")
    wait_for(lambda: page_js(map_view, f"!!KioskMap.markerFor({HOSTILE_ID!r})._icon"))
    title = page_js(map_view, f"KioskMap.markerFor({HOSTILE_ID!r})._icon.title")
    assert title.startswith('<img src=x onerror="window.__pwned=1">')
    assert page_js(map_view, "typeof window.__pwned") == "undefined"
    assert page_js(map_view, "document.querySelectorAll('img[src=\"x\"], b').length") == 0
    label = page_js(map_view, "document.querySelector('.kiosk-here-name').textContent")
    assert label == "길음 나눔마을 <b>1단지</b>"


def test_filter_hides_exactly_the_other_kinds(map_view: MapView) -> None:
    bikes = sum(1 for item in map_view.listings if item.kind == "bike")
    map_view.set_filter({"bike"})
    wait_for(lambda: stats(map_view)["shown"] == bikes)
    s = stats(map_view)
    assert s["shownByKind"] == {k: (bikes if k == "bike" else 0) for k in KINDS}
    assert s["filter"] == ["bike"]
    pressed = page_json(
        map_view,
        "Array.from(document.querySelectorAll('.kiosk-chip[aria-pressed=true]'))"
        ".map(b => b.dataset.kind)",
    )
    assert pressed == ["bike"]
    map_view.set_filter(KINDS)
    wait_for(lambda: stats(map_view)["shown"] == len(map_view.listings))


def _pressed(view: MapView) -> list[str]:
    return page_json(view, "Array.from(document.querySelectorAll("
                           "'.kiosk-chip[aria-pressed=true]')).map(b => b.dataset.kind)")


def test_chip_tap_shows_only_that_kind_and_all_brings_everything_back(
        map_view: MapView, qtbot) -> None:
    parking = sum(1 for item in map_view.listings if item.kind == "parking")
    assert _pressed(map_view) == ["all"]
    with qtbot.wait_signal(map_view.filterChanged, timeout=5000) as blocker:
        page_js(map_view, "document.querySelector('.kiosk-chip.kind-parking').click(); true")
    assert blocker.args == [{"parking"}]
    assert map_view.filter == {"parking"}
    wait_for(lambda: stats(map_view)["shown"] == parking)
    assert _pressed(map_view) == ["parking"]
    # another chip: only that one now, not both
    with qtbot.wait_signal(map_view.filterChanged, timeout=5000) as blocker:
        page_js(map_view, "document.querySelector('.kiosk-chip.kind-bike').click(); true")
    assert blocker.args == [{"bike"}]
    # "show all" is one obvious tap away
    all_chip = "document.querySelector('.kiosk-chip-all')"
    assert page_js(map_view, f"{all_chip}.textContent.startsWith('전체 보기')") is True
    with qtbot.wait_signal(map_view.filterChanged, timeout=5000) as blocker:
        page_js(map_view, f"{all_chip}.click(); true")
    assert blocker.args == [set(KINDS)]
    wait_for(lambda: stats(map_view)["shown"] == len(map_view.listings))
    assert _pressed(map_view) == ["all"]
    # tapping the kind shown alone again also shows everything
    page_js(map_view, "document.querySelector('.kiosk-chip.kind-item').click(); true")
    wait_for(lambda: map_view.filter == {"item"})
    with qtbot.wait_signal(map_view.filterChanged, timeout=5000) as blocker:
        page_js(map_view, "document.querySelector('.kiosk-chip.kind-item').click(); true")
    assert blocker.args == [set(KINDS)]
    wait_for(lambda: stats(map_view)["shown"] == len(map_view.listings))


def test_update_changes_a_count_in_place(map_view: MapView) -> None:
    page_js(map_view, f"window.__sentinel = 1; window.__m = KioskMap.markerFor({SOLO_ID!r}); 1")
    map_view.show_listing(SOLO_ID)
    wait_for(lambda: page_js(map_view, "!!window.__m._icon"))
    map_view.update_counts({SOLO_ID: (17, 20), "no-such-id": (1, 1)})
    wait_for(lambda: page_js(map_view, f"KioskMap.rowFor({SOLO_ID!r})[6]") == 17)
    badge = page_js(map_view, "window.__m._icon.querySelector('.kiosk-badge').textContent")
    assert badge == "17"
    same = page_js(map_view, f"KioskMap.markerFor({SOLO_ID!r}) === window.__m")
    assert same is True
    assert page_js(map_view, "window.__sentinel") == 1  # no page reload happened


def test_language_switch_relabels_in_place(map_view: MapView) -> None:
    map_view.set_language("en")
    wait_for(lambda: stats(map_view)["language"] == "en")
    chip = ".kiosk-chip.kind-parking .kiosk-chip-label"
    assert page_js(map_view, f"document.querySelector({chip!r}).textContent") == "Parking"
    title = page_js(map_view, f"KioskMap.markerFor({SOLO_ID!r}).options.title")
    assert title.startswith("Gireum Public Parking")
    here = "document.querySelector('.kiosk-here-name').textContent"
    assert page_js(map_view, here) == "Gireum Village <b>block 1</b>"  # text, not markup
    map_view.set_language("ko")
    wait_for(lambda: stats(map_view)["language"] == "ko")
    assert page_js(map_view, f"document.querySelector({chip!r}).textContent") == "주차"
    assert page_js(map_view, here) == "길음 나눔마을 <b>1단지</b>"


def test_visible_list_matches_map(map_view: MapView, qtbot) -> None:
    with qtbot.wait_signal(map_view.visibleListingsChanged, timeout=5000) as blocker:
        map_view.recenter()
        page_js(map_view, "KioskMap.computeVisibleNow(); true")
    visible = blocker.args[0]
    assert visible and all(isinstance(item, MapListing) for item in visible)
    assert visible == map_view.visible_listings()

    def dist(item: MapListing) -> float:
        return math.hypot(item.lat - GIREUM[0], (item.lon - GIREUM[1]) * math.cos(0.656))

    distances = [dist(item) for item in visible]
    assert distances == sorted(distances)


def test_zoom_buttons_and_recenter(map_view: MapView) -> None:
    map_view.recenter()
    wait_for(lambda: stats(map_view)["zoom"] == 16)
    map_view.zoom_in()
    wait_for(lambda: stats(map_view)["zoom"] == 17)
    page_js(map_view, "document.querySelector('.kiosk-zoom-out').click(); true")
    wait_for(lambda: stats(map_view)["zoom"] == 16)
    map_view.zoom_out()
    wait_for(lambda: stats(map_view)["zoom"] == 15)
    map_view.recenter()
    wait_for(lambda: stats(map_view)["zoom"] == 16)


def test_touch_targets_are_at_least_12_mm(map_view: MapView) -> None:
    minimum = 12 * PX_PER_MM
    sizes = page_json(
        map_view,
        "Array.from(document.querySelectorAll('.kiosk-button, .kiosk-chip'))"
        ".map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })",
    )
    assert len(sizes) == 3 + len(KINDS) + 1  # buttons, kind chips, "show all"
    assert all(w >= minimum and h >= minimum for w, h in sizes)
    labels = page_json(
        map_view,
        "Array.from(document.querySelectorAll('.kiosk-button'))"
        ".map(b => b.getAttribute('aria-label'))",
    )
    assert all(labels)


def test_set_listings_rebuilds_markers_without_reload(map_view: MapView) -> None:
    page_js(map_view, "window.__sentinel2 = 1; 1")
    fewer = [*_listings()[:30], _listings()[-2]]
    map_view.set_listings(fewer)
    wait_for(lambda: stats(map_view)["markers"] == 31)
    assert page_js(map_view, "window.__sentinel2") == 1
    map_view.set_listings(_listings())
    wait_for(lambda: stats(map_view)["markers"] == 62)


def test_bridge_exposes_only_the_allow_list(map_view: MapView) -> None:
    bridge = map_view._bridge
    meta = bridge.metaObject()
    ours = [
        bytes(meta.method(i).name().data()).decode()
        for i in range(meta.methodOffset(), meta.methodCount())
    ]
    assert sorted(set(ours)) == sorted(ALLOWED_SLOTS)
    bridge.deleteLater()  # what the page could ask for through QWebChannel
    QApplication.sendPostedEvents(bridge, QEvent.Type.DeferredDelete.value)
    assert isValid(bridge) and bridge.objectName() == "kioskBridge"  # still alive


def test_run_js_returns_decoded_results_and_refuses_unknown_functions(map_view: MapView) -> None:
    results: list = []
    map_view.run_js("stats", callback=results.append)
    wait_for(lambda: bool(results))
    assert results[0]["markers"] == len(map_view.listings)
    with pytest.raises(ValueError):
        map_view.run_js("eval", "alert(1)")


def test_reset_returns_to_the_start_state(map_view: MapView) -> None:
    map_view.set_filter({"item"})
    map_view.show_listing(SOLO_ID)
    map_view.zoom_in()
    map_view.reset()
    wait_for(lambda: stats(map_view)["zoom"] == 16 and stats(map_view)["selected"] is None)
    s = stats(map_view)
    assert s["filter"] == list(KINDS) and s["shown"] == len(map_view.listings)
    assert map_view.filter == set(KINDS)


def test_kiosk_safety_settings(map_view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert map_view.web_view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    page_js(map_view, "window.__sentinel3 = 1; 1")
    assert page_js(map_view, "window.open('kiosk://app/index.html') === null") is True
    for away in ("https://example.com/", "kiosk://app/other.html"):
        # A refused navigation ends its load unfinished; the map stays.
        with qtbot.waitSignal(map_view.web_view.loadFinished, timeout=5000,
                              check_params_cb=lambda ok: not ok):
            page_js(map_view, f"location.href = {away!r}; 1")
    assert map_view.web_view.url() == QUrl("kiosk://app/index.html")
    assert page_js(map_view, "window.__sentinel3") == 1
    code = (
        "navigator.geolocation.getCurrentPosition("
        "() => { window.__geo = 'granted'; }, e => { window.__geo = 'denied:' + e.code; }); 1"
    )
    page_js(map_view, code)
    wait_for(lambda: page_js(map_view, "window.__geo || ''") != "")
    assert page_js(map_view, "window.__geo") == "denied:1"


def test_full_session_made_no_external_request(map_view: MapView) -> None:
    assert map_view.blocked_requests == []
    seen = map_view.requests_seen
    assert seen, "the request guard saw nothing"
    assert all(is_local_url(QUrl(url)) for url in seen), seen
    assert map_view.console_errors == []


def test_external_request_is_blocked_and_reported(map_view: MapView, qtbot) -> None:
    with qtbot.wait_signal(map_view.externalRequestBlocked, timeout=5000) as blocker:
        page_js(
            map_view,
            "const i = new Image(); i.src = 'https://tiles.example.invalid/1/0/0.png'; 1",
        )
    assert blocker.args[0].startswith("https://tiles.example.invalid/")
    assert map_view.blocked_requests[-1].startswith("https://tiles.example.invalid/")
    map_view._page.console_errors.clear()


@pytest.mark.logs_errors('map renderer ended')
def test_renderer_crash_reloads_and_restores_state(map_view: MapView, qtbot) -> None:
    map_view.set_filter({"bike", "space"})
    map_view.update_counts({SOLO_ID: (9, 20)})
    wait_for(lambda: stats(map_view)["filter"] == ["bike", "space"])
    pid = map_view.web_view.page().renderProcessPid()
    assert pid > 0
    with qtbot.wait_signal(map_view.ready, timeout=20000):
        os.kill(pid, signal.SIGKILL)
    assert map_view.web_view.page().renderProcessPid() != pid
    assert stats(map_view)["filter"] == ["bike", "space"]
    assert page_js(map_view, f"KioskMap.rowFor({SOLO_ID!r})[6]") == 9  # counts survive
    map_view.set_filter(KINDS)
    wait_for(lambda: stats(map_view)["shown"] == len(map_view.listings))
    assert map_view.console_errors == []


def test_calls_before_ready_are_queued_and_10000_listings_load(qapp, qtbot) -> None:
    many = make_listings(10_000, seed=3, spread=0.05)
    view = MapView(GIREUM, "큰 마을", many, include_dongs=False)
    calls_before_ready: list[str] = []
    real_run = view._page.runJavaScript

    def recording_run(code: str, *args) -> None:
        if not view.is_ready:
            calls_before_ready.append(code)
        real_run(code, *args)

    view._page.runJavaScript = recording_run
    try:
        view.resize(1280, 800)
        view.show()
        view.set_filter({"parking", "bike"})
        view.update_counts({"res-0": (0, 99)})
        view.zoom_out()
        assert not view.is_ready and len(view._queue) == 3
        with qtbot.wait_signal(view.ready, timeout=30000):
            pass
        wait_for(lambda: stats(view)["filter"] == ["parking", "bike"])
        s = stats(view)
        assert s["markers"] == 10_000
        assert s["shown"] == sum(1 for item in many if item.kind in ("parking", "bike"))
        assert page_js(view, "KioskMap.rowFor('res-0')[7]") == 99
        assert calls_before_ready == []
        view.update_counts({item.id: (1, 2) for item in many})
        wait_for(lambda: page_js(view, "KioskMap.rowFor('res-9999')[6]") == 1)
        assert view.console_errors == [] and view.blocked_requests == []
    finally:
        view.close()
        view.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_icons_cover_the_view_and_follow_a_pan(qapp, qtbot) -> None:
    """With 10,000 listings only the view and a margin around it get marker elements;
    what a pan brings into view gets them when the pan ends."""
    many = make_listings(10_000, seed=3, spread=0.05)
    view = MapView(GIREUM, "큰 마을", many, include_dongs=False)
    view.resize(1280, 800)
    view.show()
    count_icons = """(function () {
        var map = KioskMap.markerFor('res-0').__parent._group._map, inside = 0, outside = 0;
        var near = map.getBounds().pad(0.3);
        map.eachLayer(function (layer) {
          var ours = layer.kioskId !== undefined || layer instanceof L.MarkerCluster;
          if (!ours || !layer._icon) { return; }
          if (near.contains(layer.getLatLng())) { inside++; } else { outside++; }
        });
        return [inside, outside];
      })()"""
    try:
        with qtbot.wait_signal(view.ready, timeout=30000):
            pass
        inside, outside = page_json(view, count_icons)
        assert inside > 0 and outside == 0
        page_js(view, "KioskMap.markerFor('res-0').__parent._group._map.panBy([2600, 0], "
                      "{animate: false}); 1")
        wait_for(lambda: page_json(view, count_icons)[0] > 0)
        assert page_json(view, count_icons)[1] == 0
        assert view.console_errors == []
    finally:
        view.close()
        view.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
