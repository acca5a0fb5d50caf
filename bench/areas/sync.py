"""Hub-feed sync of 100,000 listings: initial, unchanged re-fetch (304), 1% changed —
fetched over loopback and applied to the database, as the sync runner does it.

Runs ``bench/sync_bench.py`` in a fresh process per repetition, so its peak-RSS figures
belong to that run alone. The targets are on fetch + apply (the runner's whole cycle);
the fetch and apply halves are reported apart so a miss shows where the time goes. Every
other numeric figure the script prints is kept (named by its suffix: ``_s``, ``_ms``,
``_mb``), so figures it gains later appear here unchanged.
"""

from __future__ import annotations

import json

from bench.harness import Context, Report, Target, child_env, last_json_line, run_python

NAME = "sync"
TITLE = "Hub sync, 100,000 listings"

UNITS = (("_ms", "ms"), ("_us", "µs"), ("_mb", "MB"), ("_s", "s"))
IGNORED = {"listings", "page_size", "max_rss_before_fetch_mb", "full_fetch_max_rss_mb"}

INITIAL = "initial sync: fetch + apply"
INITIAL_MEMORY = "initial sync: extra peak memory (fetch RSS growth + apply peak)"
UNCHANGED = "unchanged re-sync (304): fetch + apply"
CHANGED = "1% changed: fetch + apply"


def run_once(count: int) -> dict[str, float]:
    proc = run_python(["-m", "bench.sync_bench", "--json", "--count", str(count)], timeout=600,
                      env=child_env())
    text = proc.stdout
    start = text.find("{")
    if proc.returncode != 0 or start < 0:
        raise RuntimeError(f"sync_bench failed (exit {proc.returncode}): {proc.stderr[-1500:]}")
    try:
        figures = json.loads(text[start:])
    except json.JSONDecodeError:
        line = last_json_line(text)
        if line is None:
            raise
        figures = json.loads(line)
    return {k: float(v) for k, v in figures.items() if isinstance(v, int | float)}


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    count = ctx.pick(100_000, 2_000)
    runs = [run_once(count) for _ in range(ctx.runs)]
    report.info["listings"] = count
    # The whole cycle as the sync runner runs it (fetch, then apply in one transaction).
    report.add(INITIAL, [r["e2e_initial_s"] for r in runs], "s")
    report.add(INITIAL_MEMORY,
               [r["full_fetch_max_rss_mb"] - r["max_rss_before_fetch_mb"]
                + r["apply_initial_peak_mb"] for r in runs], "MB")
    report.add(UNCHANGED, [r["e2e_not_modified_s"] * 1000 for r in runs], "ms")
    report.add(CHANGED, [r["e2e_incremental_s"] * 1000 for r in runs], "ms")
    # The two halves apart.
    report.add("initial fetch + parse + validate", [r["full_fetch_s"] for r in runs], "s")
    report.add("initial: extra peak memory of the fetch (RSS)",
               [r["full_fetch_max_rss_mb"] - r["max_rss_before_fetch_mb"] for r in runs], "MB")
    report.add("unchanged re-fetch (304)", [r["not_modified_fetch_ms"] for r in runs], "ms")
    report.add("1% changed, incremental fetch", [r["incremental_fetch_ms"] for r in runs], "ms")
    report.add("apply: initial", [r["apply_initial_s"] for r in runs], "s")
    report.add("apply: 304 (nothing to write)", [r["apply_not_modified_s"] * 1000 for r in runs],
               "ms")
    report.add("apply: unchanged full snapshot", [r["apply_unchanged_snapshot_s"] for r in runs],
               "s")
    report.add("apply: 1% changed", [r["apply_incremental_s"] * 1000 for r in runs], "ms")
    known = {"full_fetch_s", "not_modified_fetch_ms", "incremental_fetch_ms", "apply_initial_s",
             "apply_not_modified_s", "apply_unchanged_snapshot_s", "apply_incremental_s",
             "e2e_initial_s", "e2e_not_modified_s", "e2e_incremental_s"} | IGNORED
    for key in runs[0]:
        if key in known or not all(key in r for r in runs):
            continue
        unit = next((u for suffix, u in UNITS if key.endswith(suffix)), "")
        report.add(key, [r[key] for r in runs], unit or "count")
    report.notes.append(
        "fetch over loopback from a hub feed served by a child process, applied to a fresh "
        "SQLite database by the sync service; “fetch + apply” is one cycle of the sync runner "
        "(e2e_* in bench/sync_bench.py). Extra memory = the fetching process's peak RSS growth "
        "during the initial fetch plus the Python heap peak while applying it (tracemalloc), "
        "so it is an estimate, not one process-wide peak.")
    report.targets = [
        Target(INITIAL, "<=", 10.0, "initial sync of 100,000 listings (fetch + apply) ≤ 10 s"),
        Target(INITIAL_MEMORY, "<=", 150.0, "initial sync ≤ 150 MB extra memory"),
        Target(UNCHANGED, "<=", 100.0, "unchanged re-sync (fetch + apply) ≤ 100 ms"),
    ]
    return report
