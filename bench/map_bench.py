"""Map page benchmark: our page (one JSON array, markers built in page JS) against a
plain folium page with one folium.Marker per listing, on the same listings.

Each case runs in a fresh process (cold start, honest memory). Prints figures only;
nothing here asserts a time. Usage:

    .venv/bin/python bench/map_bench.py               # 1,000 and 10,000 listings
    .venv/bin/python bench/map_bench.py --sizes 500   # other sizes
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CENTER = (37.6063, 127.0256)
KINDS = ("parking", "bike", "space", "item", "other")


def sample_listings(count: int, seed: int = 42) -> list:
    """Listings spread over about 6 km around Gireum-dong (a district's worth)."""
    from kiosk.map.listing import MapListing

    rnd = random.Random(seed)
    items = []
    for i in range(count):
        total = rnd.randint(1, 20)
        items.append(
            MapListing(
                id=f"L{i}",
                kind=KINDS[i % 5],
                name_ko=f"나눔 자원 {i}",
                name_en=f"Shared resource {i}",
                lat=CENTER[0] + rnd.gauss(0, 0.02),
                lon=CENTER[1] + rnd.gauss(0, 0.025),
                units_free=rnd.randint(0, total),
                units_total=total,
                as_of=None,
                status="available",
            )
        )
    return items


def pss_kib(root_pid: int) -> int:
    """PSS of a process and all its descendants (incl. QtWebEngine's zygote/renderer)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root_pid}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


def _wait(predicate, timeout: float = 120.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step timed out")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def _settle(seconds: float) -> None:
    """Let the renderer finish painting before memory is read."""
    end = time.monotonic() + seconds
    _wait(lambda: time.monotonic() >= end)


def _js(page, code: str):
    box: list = []
    page.runJavaScript(code, 0, box.append)
    _wait(lambda: bool(box))
    return box[0]


def run_ours(count: int) -> dict:
    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()
    from PySide6.QtWidgets import QApplication

    from kiosk.map.listing import listings_json
    from kiosk.map.page import PageOptions, kiosk_page

    app = QApplication([])
    listings = sample_listings(count)
    t0 = time.perf_counter()
    # What the kiosk serves: folium's page (kiosk_page, without importing folium).
    html = kiosk_page(PageOptions(CENTER, "길음 나눔마을"))
    data = listings_json(listings)
    gen_s = time.perf_counter() - t0

    from kiosk.map.view import MapView

    view = MapView(CENTER, "길음 나눔마을", listings, include_dongs=False)
    view.resize(1920, 1080)
    view.show()
    _wait(lambda: view.is_ready)
    load_s = view.ready_at - view.load_started_at
    _settle(1.0)
    mem = pss_kib(os.getpid())

    rnd = random.Random(1)
    counts = {item.id: (rnd.randint(0, 5), item.units_total) for item in listings}
    done: list = []
    t1 = time.perf_counter()
    view.update_counts(counts)
    view.run_js("stats", callback=done.append)
    _wait(lambda: bool(done))
    update_s = time.perf_counter() - t1
    markers = json.loads(_js(view.web_view.page(), "JSON.stringify(KioskMap.invoke('stats', []))"))
    view.close()
    del app
    return {
        "case": "kiosk page",
        "n": count,
        "gen_s": gen_s,
        "bytes": len(html.encode()) + len(data),
        "load_s": load_s,
        "pss_mib": mem / 1024,
        "update_s": update_s,
        "markers": markers["markers"],
    }


def run_folium(count: int) -> dict:
    """One folium.Marker per listing, resources still local (served by the same scheme)."""
    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()
    import folium
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    from kiosk.map.page import BASE_URL, PageOptions
    from kiosk.map.resources import MapResources, Resource
    from kiosk.map.scheme import RequestGuard, SchemeHandler

    app = QApplication([])
    listings = sample_listings(count)
    t0 = time.perf_counter()
    m = folium.Map(location=list(CENTER), tiles=None, zoom_start=16, maxZoom=19)
    m.default_js = [
        ("leaflet", BASE_URL + "vendor/leaflet/leaflet.js"),
        ("jquery", BASE_URL + "vendor/jquery/jquery.min.js"),
    ]
    m.default_css = [("leaflet_css", BASE_URL + "vendor/leaflet/leaflet.css")]
    for item in listings:
        folium.Marker([item.lat, item.lon], tooltip=item.name_ko).add_to(m)
    html = m.get_root().render().encode()
    gen_s = time.perf_counter() - t0

    class PlainResources(MapResources):
        def resolve(self, path: str):
            if path.lstrip("/") in ("", "index.html"):
                return Resource(html, "text/html; charset=utf-8")
            return super().resolve(path)

    resources = PlainResources(PageOptions(CENTER, "x"))
    holder = QWebEngineView()
    profile = QWebEngineProfile()
    handler = SchemeHandler(resources, profile)
    profile.installUrlSchemeHandler(b"kiosk", handler)
    guard = RequestGuard(profile)
    profile.setUrlRequestInterceptor(guard)
    page = QWebEnginePage(profile, holder)
    holder.setPage(page)
    profile.setParent(holder)
    holder.resize(1920, 1080)
    holder.show()
    finished: list = []
    page.loadFinished.connect(finished.append)
    t1 = time.perf_counter()
    holder.load(QUrl(BASE_URL + "index.html"))
    _wait(lambda: bool(finished))
    load_s = time.perf_counter() - t1
    markers = _js(page, "document.querySelectorAll('.leaflet-marker-icon').length")
    _settle(1.0)
    mem = pss_kib(os.getpid())
    holder.close()
    del app
    return {
        "case": "folium.Marker each",
        "n": count,
        "gen_s": gen_s,
        "bytes": len(html),
        "load_s": load_s,
        "pss_mib": mem / 1024,
        "update_s": None,
        "markers": int(markers),
        "blocked": len(guard.blocked_urls),
    }


FRAME_PROBE = """(() => {
  window.__frames = []; let last = performance.now();
  function tick(now) { window.__frames.push(now - last); last = now;
    if (window.__frames.length < 240) { requestAnimationFrame(tick); } }
  requestAnimationFrame(tick);
  const steps = [[300, 0], [0, 300], [-300, 0], [0, -300]];
  let i = 0;
  const move = () => { if (i >= 24) { return; }
    if (i % 6 === 5) { map_kiosk.setZoom(map_kiosk.getZoom() + (i % 12 === 5 ? -1 : 1)); }
    else { map_kiosk.panBy(steps[i % 4], {animate: true, duration: 0.25}); }
    i += 1; setTimeout(move, 160); };
  move(); return 1; })()"""


def run_basemap(kind: str) -> dict:
    """Map ready with a street pack (vector, PMTiles) or a raster MBTiles pack of the same
    area, then frame times while panning and zooming, and memory."""
    import tempfile

    from kiosk.map.scheme import register_url_scheme

    register_url_scheme()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from kiosk.map.tiles import bounds_around, tile_range
    from kiosk.map.view import MapView
    from tests.map.conftest import make_mbtiles, png_bytes
    from tests.map.vector_pack import build_vector_pack

    folder = Path(tempfile.mkdtemp(prefix="map-bench-"))
    if kind == "vector":
        pack = build_vector_pack(folder / "streets.pmtiles", center=CENTER, radius_km=3.0,
                                 zooms=range(12, 16))
        ready = "KioskMap.vectorInfo().drawn >= 12"
    else:
        tile = png_bytes("#e9e4da")
        tiles = {}
        area = bounds_around(CENTER, 3.0)
        for z in range(12, 17):
            x0, y0, x1, y1 = tile_range(area, z)
            tiles.update({(z, x, y): tile for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)})
        pack = make_mbtiles(folder / "streets.mbtiles", tiles)
        ready = "document.querySelectorAll('.leaflet-tile-loaded').length >= 12"
    listings = sample_listings(1000)
    t0 = time.perf_counter()
    view = MapView(CENTER, "길음 나눔마을", listings, tile_packs=[pack], include_dongs=False)
    view.resize(1920, 1080)
    view.show()
    _wait(lambda: view.is_ready)
    page = view.web_view.page()
    _wait(lambda: _js(page, ready) is True)
    ready_s = time.perf_counter() - t0
    _js(page, FRAME_PROBE)
    _wait(lambda: _js(page, "window.__frames.length") >= 240)
    frames = sorted(json.loads(_js(page, "JSON.stringify(window.__frames.slice(1))")))
    _settle(1.0)
    mem = pss_kib(os.getpid())
    view.close()
    del app
    return {"case": kind, "size_mb": pack.stat().st_size / 1e6, "ready_s": ready_s,
            "frame_median_ms": frames[len(frames) // 2],
            "frame_p95_ms": frames[int(len(frames) * 0.95)], "pss_mib": mem / 1024,
            "blocked": len(view.blocked_requests)}


def run_child(case: str, n: int, timeout: float = 600) -> dict:
    """One case in a fresh process (cold start, honest memory); its figures as a dict."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", case, "--n", str(n)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"{case} n={n} failed:\n{proc.stderr[-2000:]}")
    return json.loads(line[len("RESULT ") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--child", choices=("ours", "folium", "vector", "raster"))
    parser.add_argument("--n", type=int)
    parser.add_argument("--basemaps", action="store_true",
                        help="only compare a vector street pack with a raster pack")
    args = parser.parse_args()
    if args.child:
        if args.child in ("vector", "raster"):
            result = run_basemap(args.child)
        else:
            result = run_ours(args.n) if args.child == "ours" else run_folium(args.n)
        print("RESULT " + json.dumps(result))
        sys.stdout.flush()
        os._exit(0)  # skip Qt teardown: it is not what is measured

    print_basemaps([run_child(kind, 1000) for kind in ("vector", "raster")])
    if args.basemaps:
        return
    rows = []
    for n in args.sizes:
        for case in ("ours", "folium"):
            try:
                rows.append(run_child(case, n))
            except RuntimeError as exc:
                print(exc, file=sys.stderr)

    header = (
        f"{'page':<20} {'listings':>8} {'generate':>9} {'size':>9} {'load→shown':>11} "
        f"{'PSS all':>9} {'update all':>11} {'markers':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        update = f"{r['update_s'] * 1000:.0f} ms" if r["update_s"] is not None else "reload"
        print(
            f"{r['case']:<20} {r['n']:>8} {r['gen_s'] * 1000:>6.0f} ms {r['bytes'] / 1e6:>6.2f} MB "
            f"{r['load_s'] * 1000:>8.0f} ms {r['pss_mib']:>5.0f} MiB {update:>11} {r['markers']:>8}"
        )
    print(
        "\ngenerate = Python time to build the page (and listings JSON); load→shown = load() "
        "until the page reports markers ready (ours) or loadFinished (folium); PSS = Python + "
        "all QtWebEngine processes; update all = new counts for every listing, in place."
    )


def print_basemaps(rows: list[dict]) -> None:
    print(f"{'basemap (1,000 listings)':<26} {'pack':>8} {'map ready':>10} {'frame p50':>10} "
          f"{'frame p95':>10} {'PSS all':>9}")
    for r in rows:
        print(f"{r['case']:<26} {r['size_mb']:>5.2f} MB {r['ready_s'] * 1000:>7.0f} ms "
              f"{r['frame_median_ms']:>7.1f} ms {r['frame_p95_ms']:>7.1f} ms "
              f"{r['pss_mib']:>5.0f} MiB")
    print("map ready = new view until the basemap tiles are drawn; frames = requestAnimationFrame "
          "intervals while panning and zooming (offscreen, software rendering).\n")


if __name__ == "__main__":
    main()
