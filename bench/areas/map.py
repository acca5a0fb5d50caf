"""Map page: our page (one JSON array, markers built in page JS) against plain folium
(one ``folium.Marker`` per listing) on the same listings, each case in a fresh process.

Reuses ``bench/map_bench.py``; see its docstring for what each case does.
"""

from __future__ import annotations

from bench import map_bench
from bench.harness import Context, Report, Target

NAME = "map"
TITLE = "Map page vs plain folium"


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    for kind in ("vector", "raster"):
        runs = [map_bench.run_child(kind, 1000) for _ in range(ctx.runs)]
        report.add(f"{kind} basemap: map ready", [r["ready_s"] for r in runs], "s")
        report.add(f"{kind} basemap: pan/zoom frame p50", [r["frame_median_ms"] for r in runs],
                   "ms")
        report.add(f"{kind} basemap: pan/zoom frame p95", [r["frame_p95_ms"] for r in runs], "ms")
        report.add(f"{kind} basemap: memory, all processes (PSS)", [r["pss_mib"] for r in runs],
                   "MiB")
    sizes = ctx.pick([1000, 10000], [200])
    for n in sizes:
        ours: list[dict] = []
        peer: list[dict] = []
        for _ in range(ctx.runs):  # alternate so both see the same machine load
            ours.append(map_bench.run_child("ours", n))
            peer.append(map_bench.run_child("folium", n))
        size = f"{n:,}"
        report.add(f"{size}: page generation", [r["gen_s"] * 1000 for r in ours], "ms")
        report.add(f"{size}: page size", [r["bytes"] / 1e6 for r in ours], "MB")
        report.add(f"{size}: load → markers shown", [r["load_s"] for r in ours], "s")
        report.add(f"{size}: memory, all processes (PSS)", [r["pss_mib"] for r in ours], "MiB")
        report.add(f"{size}: in-place update of all counts", [r["update_s"] * 1000 for r in ours],
                   "ms")
        report.add(f"{size}: folium page generation", [r["gen_s"] * 1000 for r in peer], "ms")
        report.add(f"{size}: folium page size", [r["bytes"] / 1e6 for r in peer], "MB")
        report.add(f"{size}: folium load → loadFinished", [r["load_s"] for r in peer], "s")
        report.add(f"{size}: folium memory (PSS)", [r["pss_mib"] for r in peer], "MiB")
        report.compare(f"{size}: load, folium ÷ ours", [r["load_s"] for r in peer],
                       [r["load_s"] for r in ours])
        report.compare(f"{size}: memory, folium ÷ ours", [r["pss_mib"] for r in peer],
                       [r["pss_mib"] for r in ours])
        report.compare(f"{size}: page size, folium ÷ ours", [r["bytes"] for r in peer],
                       [r["bytes"] for r in ours])
        report.compare(f"{size}: update, folium regenerate+reload ÷ ours in place",
                       [r["gen_s"] + r["load_s"] for r in peer], [r["update_s"] for r in ours])
        for case, rows in (("ours", ours), ("folium", peer)):
            wrong = [r["markers"] for r in rows if r["markers"] != n]
            if wrong:
                report.notes.append(f"{size} {case}: page showed {wrong[0]} markers, not {n}")
    report.notes.append(
        "load → markers shown is load() until the page reports its markers built (ours) or "
        "loadFinished (folium, whose markers are built by the inline script before it); PSS "
        "counts Python and every QtWebEngine process; folium has no in-place update, so its "
        "update is regenerating and reloading the page.")
    report.targets = [
        Target("10,000: load → markers shown", "<=", 0.6,
               "10k listings: markers ≤ 0.6 s after load"),
        Target("10,000: page size", "<=", 2.0, "10k listings: page ≤ 2 MB"),
        Target("10,000: memory, all processes (PSS)", "<=", 450 / 1.048576,
               "10k listings: total memory ≤ 450 MB (= 429 MiB)"),
        Target("10,000: in-place update of all counts", "<=", 100.0,
               "10k listings: in-place update ≤ 100 ms"),
    ]
    for key, limit, text in (
        ("10,000: load, folium ÷ ours", 5.0, "10k listings: ≥ 5× faster than plain folium"),
        ("10,000: memory, folium ÷ ours", 2.0,
         "10k listings: ≥ 2× smaller in memory than plain folium"),
    ):
        report.targets.append(Target(key, ">=", limit, text))
    return report

