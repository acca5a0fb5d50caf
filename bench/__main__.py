"""Run every benchmark, print a table, write bench/results.json and a Markdown table.

    python -m bench                  # everything, full sizes (a few minutes)
    python -m bench --quick          # small sizes: checks that every benchmark runs
    python -m bench --only booking   # one area (repeatable)
    python -m bench --markdown       # also print the Markdown table

Figures are medians of several runs with min and max; comparisons with a peer are
ratios of figures measured in the same run. Nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from bench.harness import FAILED, OK, ROOT, Context, Report

# One module per area, in the order they run (the idle and soak runs come last so the
# machine has settled after the heavy ones).
REGISTRY: dict[str, str] = {
    "startup": "bench.areas.startup",
    "booking": "bench.areas.booking",
    "fleet": "bench.areas.fleet",
    "map": "bench.areas.map",
    "sync": "bench.areas.sync",
    "seoul": "bench.areas.seoul",
    "idle": "bench.areas.idle",
    "soak": "bench.areas.soak",
}

RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def run_one(name: str, ctx: Context) -> Report:
    module = importlib.import_module(REGISTRY[name])
    began = time.perf_counter()
    try:
        report: Report = module.run(ctx)
    except Exception as exc:  # a broken benchmark is reported, the others still run
        report = Report(name, getattr(module, "TITLE", name), status=FAILED,
                        reason=f"{type(exc).__name__}: {exc}")
        report.notes.append(traceback.format_exc(limit=6))
    report.seconds = time.perf_counter() - began
    return report


def fmt(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "%":
        return f"{value:.2f} %"
    magnitude = abs(value)
    text = (f"{value:,.0f}" if magnitude >= 100 else f"{value:.1f}" if magnitude >= 10
            else f"{value:.2f}" if magnitude >= 0.1 else f"{value:.3f}")
    return f"{text} {unit}"


def _rows(report: dict[str, Any]) -> list[tuple[str, str, str, str, int]]:
    rows = []
    for kind in ("figures", "comparisons"):
        for key, s in report[kind].items():
            label = key if kind == "figures" else f"ratio: {key}"
            rows.append((label, fmt(s["median"], s["unit"]), fmt(s["min"], s["unit"]),
                         fmt(s["max"], s["unit"]), s["runs"]))
    return rows


def _target_text(t: dict[str, Any]) -> str:
    if t["status"] == "not measured":
        return "not measured"
    if t["status"] == "met":
        return f"met ({fmt(t['value'], t['unit'])})"
    return f"MISSED by {t['off_by_pct']} % ({fmt(t['value'], t['unit'])})"


def print_table(results: dict[str, Any]) -> None:
    for report in results["benchmarks"]:
        print(f"\n== {report['title']} [{report['name']}] — {report['status']}"
              f" ({report['seconds']} s)")
        if report["status"] != OK:
            print(f"   {report['reason']}")
        rows = _rows(report)
        if rows:
            width = max(len(r[0]) for r in rows)
            print(f"   {'figure':<{width}}  {'median':>12}  {'min':>12}  {'max':>12}  runs")
            for label, med, lo, hi, runs in rows:
                print(f"   {label:<{width}}  {med:>12}  {lo:>12}  {hi:>12}  {runs:>4}")
        for t in report["targets"]:
            print(f"   target {t['target']}: {_target_text(t)}")
        for note in report["notes"]:
            if "Traceback" not in note:
                print(f"   note: {note}")


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    out = [
        "# Benchmark results", "",
        f"Run {results['started']} ({'quick' if results['quick'] else 'full'} sizes), "
        f"{results['total_seconds']} s in all.", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['os']}, "
        f"Python {m['python']}; load average at start {m['load_avg_at_start']}.", "",
        "## Targets", "",
        "| benchmark | target | where we stand |", "|---|---|---|",
    ]
    for report in results["benchmarks"]:
        if report["status"] != OK:
            out.append(f"| {report['name']} | (all) | {report['status']}: {report['reason']} |")
        for t in report["targets"]:
            out.append(f"| {report['name']} | {t['target']} | {_target_text(t)} |")
    for report in results["benchmarks"]:
        out += ["", f"## {report['title']} (`{report['name']}`)", ""]
        if report["status"] != OK:
            out += [f"**{report['status']}**: {report['reason']}", ""]
        rows = _rows(report)
        if rows:
            out += ["| figure | median | min | max | runs |", "|---|---:|---:|---:|---:|"]
            out += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows]
        notes = [n for n in report["notes"] if "Traceback" not in n]
        if notes:
            out.append("")
            out += [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--only", action="append", choices=sorted(REGISTRY), metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(REGISTRY)}")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per figure")
    parser.add_argument("--soak-checkpoints", default=None, metavar="0,1000,5000",
                        help="flows after which the soak reads memory (default 0,1000,5000; "
                             "quick 0,10,50)")
    parser.add_argument("--markdown", action="store_true", help="print the Markdown table too")
    parser.add_argument("--json", type=Path, default=RESULTS_JSON, help="where to write JSON")
    parser.add_argument("--md", type=Path, default=RESULTS_MD, help="where to write Markdown")
    args = parser.parse_args(argv)

    names = [n for n in REGISTRY if not args.only or n in args.only]
    runs = args.runs or (1 if args.quick else 3)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    host = machine()
    began = time.perf_counter()
    reports = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        soak = (tuple(int(x) for x in args.soak_checkpoints.split(","))
                if args.soak_checkpoints else None)
        ctx = Context(quick=args.quick, runs=runs, workdir=Path(tmp), soak_checkpoints=soak,
                      log=lambda msg: print(f"[bench] {msg}", file=sys.stderr, flush=True))
        for name in names:
            ctx.log(f"{name} …")
            report = run_one(name, ctx)
            ctx.log(f"{name}: {report.status} in {report.seconds:.1f} s")
            reports.append(report.to_dict())
    results = {
        "started": started, "quick": args.quick, "runs": runs,
        "total_seconds": round(time.perf_counter() - began, 1),
        "machine": host, "benchmarks": reports,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    text = markdown(results)
    args.md.write_text(text, encoding="utf-8")
    print_table(results)
    if args.markdown:
        print("\n" + text)
    print(f"\nwrote {args.json} and {args.md}")
    return 0 if all(r["status"] != FAILED for r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())
