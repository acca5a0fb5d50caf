"""Twenty kiosks on one PostgreSQL: writer processes booking the same village's slots at
once while reader processes poll availability, as a village's lobbies, the desk and the
association's PC do. Every writer is a whole ``BookingService`` with its own engine,
like a kiosk; most slots are wanted by several writers, so most attempts are refused
as taken. The invariant is checked at the end in SQL: no slot above its capacity.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import time
import traceback
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.areas.booking import HOUSEHOLDS, resource_id, seed
from bench.harness import Context, Report, Target, percentile

NAME = "fleet"
TITLE = "Twenty kiosks on one PostgreSQL: contended booking and availability polling"

CONTESTED_RESOURCES = 6
"""Few resources, so writers really collide on the same slots."""
SLOTS_PER_DAY = 48


def _writer(url: str, go_at: float, work: list[tuple[str, str, int]], out: Any) -> None:
    try:
        from kiosk.app import build_services
        from kiosk.config import Settings
        from kiosk.domain.bookings import Actor
        from kiosk.domain.errors import BookingRefused
        from kiosk.domain.policy import BookingRequest

        services = build_services(Settings(database_url=url), upgrade=False)
        actor = Actor("kiosk", f"fleet-{mp.current_process().name}")
        latencies: list[float] = []
        booked = refused = 0
        time.sleep(max(0.0, go_at - time.monotonic()))
        began = time.monotonic()
        for rid, start_iso, household in work:
            start = datetime.fromisoformat(start_iso)
            t0 = time.perf_counter()
            try:
                services.bookings.book(BookingRequest(rid, start, start + timedelta(
                    minutes=30)), household, actor)
                booked += 1
            except BookingRefused:
                refused += 1
            latencies.append(time.perf_counter() - t0)
        out.put({"latencies": latencies, "booked": booked, "refused": refused,
                 "began": began, "ended": time.monotonic()})
        services.close()
    except Exception:  # reported to the parent, which fails the benchmark
        out.put({"error": traceback.format_exc()})


def _reader(url: str, go_at: float, day_iso: str, seconds: float, out: Any) -> None:
    try:
        from datetime import date

        from kiosk.app import build_services
        from kiosk.config import Settings

        services = build_services(Settings(database_url=url), upgrade=False)
        day = date.fromisoformat(day_iso)
        rnd = random.Random(mp.current_process().name)
        latencies: list[float] = []
        time.sleep(max(0.0, go_at - time.monotonic()))
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            services.bookings.availability_days(
                resource_id(rnd.randrange(CONTESTED_RESOURCES)), day, 1)
            latencies.append(time.perf_counter() - t0)
            time.sleep(0.05)  # a kiosk screen refreshes, it does not spin
        out.put({"latencies": latencies})
        services.close()
    except Exception:
        out.put({"error": traceback.format_exc()})


def _over_capacity(url: str) -> int:
    """Slots of any resource holding more active units than its capacity."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(
                "SELECT count(*) FROM (SELECT b.resource_id, b.start_at, sum(b.units) AS held,"
                " max(r.capacity) AS cap FROM bookings b JOIN resources r"
                " ON r.id = b.resource_id WHERE b.status IN"
                " ('pending', 'confirmed', 'checked_in') GROUP BY b.resource_id, b.start_at)"
                " AS s WHERE s.held > s.cap")).scalar_one())
    finally:
        engine.dispose()


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    writers = ctx.pick(20, 4)
    readers = ctx.pick(20, 4)
    attempts = ctx.pick(40, 6)  # per writer
    try:
        from bench.pg import BenchPostgres

        server = BenchPostgres()
    except RuntimeError as exc:
        return report.unavailable(f"PostgreSQL not available: {exc}")
    url = server.start()
    try:
        seed(url, ctx.pick(20_000, 1_000), ctx.log)
        from kiosk.domain.clock import local_midnight, to_local

        day = to_local(datetime.now(UTC)).date() + timedelta(days=1)  # tomorrow in Seoul
        first = local_midnight(day)
        slots = [(resource_id(r), (first + timedelta(minutes=30 * s)).isoformat())
                 for r in range(CONTESTED_RESOURCES) for s in range(SLOTS_PER_DAY)]
        report.info.update(writers=writers, readers=readers, attempts_per_writer=attempts,
                           contested_slots=len(slots))
        figures: dict[str, tuple[list[float], str]] = {}

        def add(key: str, value: float, unit: str) -> None:
            figures.setdefault(key, ([], unit))[0].append(value)

        for _run in range(ctx.runs):
            rnd = random.Random(_run)
            wanted = rnd.sample(slots, min(len(slots), writers * attempts // 3))
            spawn = mp.get_context("spawn")
            out = spawn.Queue()
            go_at = time.monotonic() + ctx.pick(15.0, 8.0)  # all processes start first
            procs = [spawn.Process(target=_writer, args=(
                url, go_at, [(*rnd.choice(wanted), rnd.randint(1, HOUSEHOLDS))
                             for _ in range(attempts)], out), daemon=True)
                for _ in range(writers)]
            procs += [spawn.Process(target=_reader, args=(
                url, go_at, day.isoformat(), ctx.pick(10.0, 2.0), out), daemon=True)
                for _ in range(readers)]
            for proc in procs:
                proc.start()
            done = [out.get(timeout=600) for _ in procs]
            for proc in procs:
                proc.join(timeout=30)
            errors = [d["error"] for d in done if "error" in d]
            if errors:
                raise RuntimeError(f"a kiosk process failed:\n{errors[0]}")
            wrote = [d for d in done if "booked" in d]
            read = [x for d in done if "booked" not in d for x in d["latencies"]]
            lat = [x for d in wrote for x in d["latencies"]]
            wall = max(d["ended"] for d in wrote) - min(d["began"] for d in wrote)
            booked = sum(d["booked"] for d in wrote)
            ctx.log(f"fleet run {_run + 1}: {len(lat)} attempts, {booked} booked, "
                    f"{len(read)} availability reads")
            add("book p50 (each attempt)", percentile(lat, 50) * 1000, "ms")
            add("book p99 (each attempt)", percentile(lat, 99) * 1000, "ms")
            add("bookings made per second", booked / wall, "bookings/s")
            add("attempts per second", len(lat) / wall, "attempts/s")
            add("availability p50 while booking", percentile(read, 50) * 1000, "ms")
            add("availability p99 while booking", percentile(read, 99) * 1000, "ms")
        for key, (values, unit) in figures.items():
            report.add(key, values, unit)
        report.add("slots over capacity", [_over_capacity(url)], "slots")
    finally:
        server.stop()
    report.notes.append(
        f"{writers} writer and {readers} reader processes, each with its own engine like a "
        f"kiosk; {attempts} attempts per writer on {CONTESTED_RESOURCES} capacity-1 "
        "resources' half-hour slots tomorrow, about three writers per slot, so most "
        "attempts are refused as taken. PostgreSQL with fsync on, on this machine.")
    report.targets = [
        Target("slots over capacity", "<=", 0, "0 over capacity with 20 kiosks at once"),
    ]
    return report
