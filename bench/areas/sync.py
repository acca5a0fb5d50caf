"""Hub-feed sync of 100,000 listings: initial fetch, unchanged re-fetch (304), 1% changed.

Runs ``bench/sync_bench.py`` in a fresh process per repetition, so its peak-RSS figures
belong to that run alone. Every numeric figure the script prints is kept (named by its
suffix: ``_s``, ``_ms``, ``_mb``), so figures it gains later appear here unchanged.
"""

from __future__ import annotations

import json

from bench.harness import Context, Report, Target, child_env, last_json_line, run_python

NAME = "sync"
TITLE = "Hub sync, 100,000 listings"

UNITS = (("_ms", "ms"), ("_us", "µs"), ("_mb", "MB"), ("_s", "s"))
IGNORED = {"listings", "page_size", "max_rss_before_fetch_mb", "full_fetch_max_rss_mb"}


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
    report.add("initial fetch + parse + validate", [r["full_fetch_s"] for r in runs], "s")
    report.add("initial: extra peak memory (RSS)",
               [r["full_fetch_max_rss_mb"] - r["max_rss_before_fetch_mb"] for r in runs], "MB")
    report.add("unchanged re-sync (304)", [r["not_modified_fetch_ms"] for r in runs], "ms")
    report.add("1% changed, incremental", [r["incremental_fetch_ms"] for r in runs], "ms")
    known = {"full_fetch_s", "not_modified_fetch_ms", "incremental_fetch_ms"} | IGNORED
    for key in runs[0]:
        if key in known or not all(key in r for r in runs):
            continue
        unit = next((u for suffix, u in UNITS if key.endswith(suffix)), "")
        report.add(key, [r[key] for r in runs], unit or "count")
    report.notes.append(
        "fetch over loopback from a hub feed served by a child process; extra peak memory is "
        "the fetching process's peak RSS growth during the initial fetch. Applying the "
        "listings to the database is counted here once the sync script measures it.")
    report.targets = [
        Target("initial fetch + parse + validate", "<=", 10.0,
               "initial sync of 100,000 listings ≤ 10 s"),
        Target("initial: extra peak memory (RSS)", "<=", 150.0, "initial sync ≤ 150 MB extra"),
        Target("unchanged re-sync (304)", "<=", 100.0, "unchanged re-sync ≤ 100 ms"),
    ]
    return report
