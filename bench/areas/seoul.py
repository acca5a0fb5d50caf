"""A whole-city Seoul sync: all of Seoul's ~2,700 Ttareungyi stations and ~1,000 public
parking lots from a local fake that pages like the live Seoul Open API, fetched and
applied into SQLite by the sync runner.

Runs ``bench/seoul_bench.py`` in a fresh process per repetition, so the peak-memory
figures belong to that sync alone.
"""

from __future__ import annotations

import json

from bench.harness import Context, Report, Target, child_env, last_json_line, run_python

NAME = "seoul"
TITLE = "Seoul sync, every station and parking lot"

INITIAL = "initial sync: fetch + apply"
MEMORY = "initial sync: peak memory growth (RSS)"


def run_once(stations: int, lots: int) -> dict[str, float]:
    proc = run_python(["-m", "bench.seoul_bench", "--json", "--stations", str(stations),
                       "--lots", str(lots)], timeout=600, env=child_env())
    line = last_json_line(proc.stdout)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"seoul_bench failed (exit {proc.returncode}): {proc.stderr[-1500:]}")
    return {k: float(v) for k, v in json.loads(line).items()}


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    stations, lots = ctx.pick((2700, 1000), (300, 100))
    runs = [run_once(stations, lots) for _ in range(ctx.runs)]
    report.info.update(stations=stations, lots=lots, requests=runs[0]["requests"])
    report.add(INITIAL, [r["initial_sync_s"] for r in runs], "s")
    report.add(MEMORY, [r["initial_peak_rss_growth_mb"] for r in runs], "MB")
    report.add("process peak memory (RSS, all of it)", [r["process_peak_rss_mb"] for r in runs],
               "MB")
    report.add("next sync (bikes and live parking re-read)", [r["next_sync_s"] for r in runs], "s")
    report.notes.append(
        f"{stations:,} stations (bikeList) and {lots:,} lots (GetParkInfo with repeated rows "
        "+ GetParkingInfo) from a fake Seoul Open API in a child process, windows of 1,000; "
        "SyncRunner.run_once into a fresh SQLite file. Memory growth = the process's peak "
        "RSS after the sync minus its RSS just before it.")
    report.targets = [
        Target(INITIAL, "<=", 2.0, "whole-city Seoul sync (fetch + apply) ≤ 2 s"),
        Target(MEMORY, "<=", 100.0, "whole-city Seoul sync ≤ 100 MB"),
    ]
    return report
