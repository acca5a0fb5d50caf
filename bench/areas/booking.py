"""Booking path: ``BookingService.book`` latency and throughput, and availability reads,
on SQLite and PostgreSQL with a large history, against the same invariant-checked
insert written as a plain SQL transaction (the database's own floor).

The history is bulk-inserted with SQLAlchemy Core (past bookings spread over two
years, 50 resources, 2,000 households), not through the service. Writers are separate
processes started once per database and reused for every round; a round starts at the
same monotonic instant in every writer so they really contend.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import secrets
import time
import traceback
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bench.harness import Context, Report, Target, percentile

NAME = "booking"
TITLE = "Booking path (book, availability) vs plain SQL"

RESOURCES = 50
HOUSEHOLDS = 2000
HISTORY_DAYS = 730
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
ACTIVE = ("pending", "confirmed", "checked_in")
BOOKING_COLUMNS = ("code", "resource_id", "household_id", "start_at", "end_at", "units", "status",
                   "note", "created_by", "created_at", "updated_at")
READ_BUDGET_S = 6.0  # per availability round: a slow read still gets a few dozen samples


def resource_id(n: int) -> str:
    return f"bench-{n:03d}"


def _code(n: int) -> str:
    """Historical codes: ``n`` written in the booking-code alphabet (unique, 6 letters)."""
    chars = []
    for _ in range(6):
        n, digit = divmod(n, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return "".join(reversed(chars))


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def seed(url: str, history: int, log: Any = print) -> dict[str, float]:
    """A migrated database with resources, households and ``history`` past bookings."""
    from sqlalchemy import insert, text

    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.rules import BookingRules, OpeningHours
    from kiosk.domain.rules_codec import rules_to_dict
    from kiosk.storage.models import HouseholdRow, ResourceRow

    t0 = time.perf_counter()
    services = build_services(Settings(database_url=url))
    engine = services.engine
    now = datetime.now(UTC)
    rules = rules_to_dict(BookingRules(hours=OpeningHours.daily("00:00-24:00"),
                                       max_days_ahead=30, max_duration=240))
    pin_hash = replace(services.bookings.hasher, n=2**4).hash("1234")  # its key
    with engine.begin() as conn:
        conn.execute(insert(ResourceRow.__table__), [
            {"id": resource_id(i), "kind": "space", "name_ko": f"벤치 공간 {i}",
             "name_en": f"Bench space {i}", "description_ko": "", "description_en": "",
             "lat": 37.6 + i * 1e-4, "lon": 127.02, "address": "", "where_ko": "",
             "where_en": "", "source": "local", "bookable": True, "capacity": 1,
             "rules": rules, "retired": False, "created_at": now, "updated_at": now}
            for i in range(RESOURCES)])
        conn.execute(insert(HouseholdRow.__table__), [
            {"building": str(100 + i // 200), "unit": str(1000 + i % 200), "pin_hash": pin_hash,
             "active": True, "failed_attempts": 0, "plates": [], "created_at": now,
             "updated_at": now}
            for i in range(HOUSEHOLDS)])
    with engine.connect() as conn:
        ids = [row[0] for row in conn.execute(text("SELECT id FROM households ORDER BY id"))]
    first = (now - timedelta(days=HISTORY_DAYS + 1)).replace(minute=0, second=0, microsecond=0)
    step = HISTORY_DAYS * 86400 / max(history, 1)
    statuses = ["completed"] * 16 + ["cancelled"] * 3 + ["no_show"]
    rnd = random.Random(7)
    sqlite = engine.dialect.name == "sqlite"

    def stored(moment: datetime) -> Any:
        naive = _naive(moment)
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else naive

    times: dict[int, tuple[Any, ...]] = {}

    def slot_times(slot: int) -> tuple[Any, ...]:
        """Start, the four possible ends, and the day before, of one half-hour slot."""
        if slot not in times:
            start = first + timedelta(minutes=30 * slot)
            times[slot] = (*(stored(start + timedelta(minutes=30 * k)) for k in range(5)),
                           stored(start - timedelta(days=1)))
        return times[slot]

    def rows(begin: int, stop: int) -> list[tuple[Any, ...]]:
        out = []
        for n in range(begin, stop):
            at = slot_times(int(n * step) // 1800)
            out.append((_code(n), resource_id(n % RESOURCES), ids[rnd.randrange(len(ids))],
                        at[0], at[1 + n % 4], 1, statuses[n % len(statuses)], "", "kiosk",
                        at[5], at[0]))
        return out

    # The history is scaffolding, not what is measured: the rows go to the driver as
    # tuples (COPY on PostgreSQL), with the table's secondary indexes dropped during the
    # load and built once afterwards, which is several times faster than keeping them up
    # to date row by row. Times are written as the ORM stores them.
    from kiosk.storage.models import BookingRow

    indexes = sorted(BookingRow.__table__.indexes, key=lambda index: str(index.name))
    with engine.begin() as conn:
        for index in indexes:
            index.drop(conn)
    chunk = 50_000
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if sqlite:
            cursor.execute("PRAGMA synchronous=OFF")
            for begin in range(0, history, chunk):  # the driver is in autocommit mode
                cursor.execute("BEGIN")
                cursor.executemany(
                    f"INSERT INTO bookings ({', '.join(BOOKING_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(BOOKING_COLUMNS))})",
                    rows(begin, min(begin + chunk, history)))
                cursor.execute("COMMIT")
            cursor.execute("PRAGMA synchronous=FULL")
        else:
            with cursor.copy(f"COPY bookings ({', '.join(BOOKING_COLUMNS)}) FROM STDIN") as copy:
                for begin in range(0, history, chunk):
                    for row in rows(begin, min(begin + chunk, history)):
                        copy.write_row(row)
            raw.commit()
        cursor.close()
    finally:
        raw.close()
    with engine.begin() as conn:
        for index in indexes:
            index.create(conn)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    services.close()
    seconds = time.perf_counter() - t0
    log(f"seeded {history:,} bookings on {engine.dialect.name} in {seconds:.1f} s")
    return {"seed_s": seconds}


def slots(first_day: date) -> Iterator[tuple[str, datetime]]:
    """Distinct future half-hour slots, consecutive ones on different resources."""
    from kiosk.domain.clock import local_midnight

    for day in range(14):
        midnight = local_midnight(first_day + timedelta(days=day))
        for half_hour in range(48):
            start = midnight + timedelta(minutes=30 * half_hour)
            for r in range(RESOURCES):
                yield resource_id(r), start


# ------------------------------------------------------------------ writer process
class PlainWriter:
    """The same checked insert as ``book`` (lock, read what is held, check capacity,
    insert booking and audit row), as hand-written SQL on the raw driver."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self.sqlite = parsed.get_backend_name() == "sqlite"
        if self.sqlite:
            import sqlite3

            self.con: Any = sqlite3.connect(parsed.database, isolation_level=None, timeout=15)
            for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=15000",
                           "synchronous=FULL"):
                self.con.execute(f"PRAGMA {pragma}")
            self.mark = "?"
        else:
            import psycopg

            self.con = psycopg.connect(
                host=parsed.host, port=parsed.port, user=parsed.username,
                dbname=parsed.database, autocommit=True)
            self.mark = "%s"

    def _t(self, moment: datetime) -> Any:
        naive = _naive(moment)
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else naive

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.mark)

    def book(self, rid: str, start: datetime, household_id: int) -> bool:
        end = start + timedelta(minutes=30)
        cur = self.con.cursor()
        cur.execute("BEGIN IMMEDIATE" if self.sqlite else "BEGIN")
        try:
            lock = "" if self.sqlite else " FOR UPDATE"
            cur.execute(self._sql("SELECT capacity FROM resources WHERE id = ?" + lock), (rid,))
            (capacity,) = cur.fetchone()
            cur.execute(self._sql("SELECT active FROM households WHERE id = ?"), (household_id,))
            if not cur.fetchone()[0]:
                raise ValueError("inactive household")
            cur.execute(self._sql(
                "SELECT start_at, end_at, units FROM bookings WHERE resource_id = ? "
                "AND end_at > ? AND start_at < ? AND status IN (?, ?, ?)"),
                (rid, self._t(start), self._t(end), *ACTIVE))
            held = cur.fetchall()
            if sum(units for _s, _e, units in held) + 1 > capacity:
                cur.execute("ROLLBACK")
                return False
            now = datetime.now(UTC)
            while True:  # a fresh code, as the service picks one
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
                cur.execute(self._sql("SELECT 1 FROM bookings WHERE code = ?"), (code,))
                if cur.fetchone() is None:
                    break
            cur.execute(self._sql(
                "INSERT INTO bookings (code, resource_id, household_id, start_at, end_at, units, "
                "status, note, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 1, 'confirmed', '', 'kiosk:plain', ?, ?)"),
                (code, rid, household_id, self._t(start), self._t(end), self._t(now),
                 self._t(now)))
            details = json.dumps({"resource": rid, "start": start.isoformat(),
                                  "end": end.isoformat(), "units": 1, "status": "confirmed"})
            cur.execute(self._sql(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) "
                "VALUES (?, 'kiosk:plain', 'booking.create', 'booking', ?, ?)"),
                (self._t(now), code, details))
            cur.execute("COMMIT")
            return True
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def availability(self, rid: str, start: datetime, end: datetime) -> int:
        cur = self.con.cursor()
        cur.execute(self._sql(
            "SELECT start_at, end_at, units FROM bookings WHERE resource_id = ? "
            "AND end_at > ? AND start_at < ? AND status IN (?, ?, ?)"),
            (rid, self._t(start), self._t(end), *ACTIVE))
        return len(cur.fetchall())


def _writer(url: str, inbox: Any, outbox: Any) -> None:
    """Worker process: ready both ways of booking, then obey round commands."""
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.bookings import Actor

    services = build_services(Settings(database_url=url), upgrade=False)
    plain = PlainWriter(url)
    actor = Actor("kiosk", f"bench-{mp.current_process().pid}")
    outbox.put("ready")
    while True:
        command = inbox.get()
        if command is None:
            break
        kind, go_at, work = command
        while time.monotonic() < go_at:
            time.sleep(0.001)
        try:
            outbox.put(_round(services, plain, actor, kind, work))
        except Exception:  # reported to the parent, which stops the benchmark
            outbox.put({"error": traceback.format_exc(limit=8)})
    services.close()


def _round(services: Any, plain: PlainWriter, actor: Any, kind: str, work: Any,
           ) -> dict[str, Any]:
    from kiosk.domain.clock import local_day_bounds
    from kiosk.domain.errors import BookingRefused
    from kiosk.domain.policy import BookingRequest

    latencies: list[float] = []
    refused = 0
    began = time.monotonic()
    if kind in ("service", "plain"):
        for rid, start_iso, household in work:
            start = datetime.fromisoformat(start_iso)
            t0 = time.perf_counter()
            if kind == "service":
                try:
                    services.bookings.book(BookingRequest(rid, start, start + timedelta(
                        minutes=30)), household, actor)
                    ok = True
                except BookingRefused:
                    ok = False
            else:
                ok = plain.book(rid, start, household)
            latencies.append(time.perf_counter() - t0)
            refused += not ok
    else:  # availability: (rid, first day, days, repeat)
        rid, day_iso, days, repeat = work
        day = date.fromisoformat(day_iso)
        start, _ = local_day_bounds(day)
        _, end = local_day_bounds(day + timedelta(days=days - 1))
        stop_at = time.perf_counter() + READ_BUDGET_S
        for _ in range(repeat):  # up to ``repeat`` reads, within the time budget
            t0 = time.perf_counter()
            if kind == "avail":
                services.bookings.availability_days(rid, day, days)
            else:
                plain.availability(rid, start, end)
            latencies.append(time.perf_counter() - t0)
            if t0 > stop_at:
                break
    return {"latencies": latencies, "refused": refused, "began": began,
            "ended": time.monotonic()}


class WriterPool:
    def __init__(self, url: str, size: int) -> None:
        ctx = mp.get_context("spawn")
        self.outbox = ctx.Queue()
        self.inboxes = [ctx.Queue() for _ in range(size)]
        self.procs = [ctx.Process(target=_writer, args=(url, inbox, self.outbox), daemon=True)
                      for inbox in self.inboxes]
        for proc in self.procs:
            proc.start()
        for _ in self.procs:
            if self.outbox.get(timeout=180) != "ready":
                raise RuntimeError("a writer failed to start")

    def round(self, kind: str, works: list[Any]) -> list[dict[str, Any]]:
        go_at = time.monotonic() + 0.3
        for inbox, work in zip(self.inboxes, works, strict=False):
            inbox.put((kind, go_at, work))
        done = [self.outbox.get(timeout=600) for _ in works]
        errors = [d["error"] for d in done if "error" in d]
        if errors:
            raise RuntimeError(f"a writer failed:\n{errors[0]}")
        return done

    def close(self) -> None:
        for inbox in self.inboxes:
            inbox.put(None)
        for proc in self.procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.terminate()


def measure_database(report: Report, ctx: Context, db: str, url: str, history: int) -> None:
    from kiosk.domain.clock import to_local

    info = seed(url, history, ctx.log)
    report.info[f"{db}_seed_s"] = round(info["seed_s"], 1)
    per_writer = {1: ctx.pick(200, 15), 8: ctx.pick(50, 5)}
    tomorrow = to_local(datetime.now(UTC)).date() + timedelta(days=1)
    free = slots(tomorrow)
    rnd = random.Random(11)
    pool = WriterPool(url, 8)
    try:
        for kind in ("service", "plain"):  # first calls compile statements: not measured
            pool.round(kind, [[(rid, start.isoformat(), rnd.randint(1, HOUSEHOLDS))
                               for rid, start in (next(free) for _ in range(3))]
                              for _ in range(8)])
        for writers in (1, 8):
            results: dict[str, dict[str, list[float]]] = {}
            for _run in range(ctx.runs):
                for kind in ("service", "plain"):
                    works = [[(rid, start.isoformat(), rnd.randint(1, HOUSEHOLDS))
                              for rid, start in (next(free) for _ in range(per_writer[writers]))]
                             for _ in range(writers)]
                    t0 = time.perf_counter()
                    done = pool.round(kind, works)
                    ctx.log(f"{db} {kind} {writers}w: {sum(len(w) for w in works)} bookings "
                            f"in {time.perf_counter() - t0:.1f} s")
                    lat = [x for d in done for x in d["latencies"]]
                    wall = max(d["ended"] for d in done) - min(d["began"] for d in done)
                    refused = sum(d["refused"] for d in done)
                    if refused:
                        report.notes.append(f"{db} {kind} {writers}w: {refused} refused")
                    got = results.setdefault(kind, {"p50": [], "p99": [], "tps": []})
                    got["p50"].append(percentile(lat, 50) * 1000)
                    got["p99"].append(percentile(lat, 99) * 1000)
                    got["tps"].append((len(lat) - refused) / wall)
            for kind, label in (("service", "book"), ("plain", "plain SQL")):
                r = results[kind]
                report.add(f"{db} {label} p50 ({writers} writer{'s' * (writers > 1)})",
                           r["p50"], "ms")
                report.add(f"{db} {label} p99 ({writers} writer{'s' * (writers > 1)})",
                           r["p99"], "ms")
                report.add(f"{db} {label} throughput ({writers} writer{'s' * (writers > 1)})",
                           r["tps"], "bookings/s")
            suffix = f"({writers} writer{'s' * (writers > 1)})"
            report.compare(f"{db} book p50 / plain SQL p50 {suffix} (overhead)",
                           results["service"]["p50"], results["plain"]["p50"])
            report.compare(f"{db} plain SQL throughput / book throughput {suffix}",
                           results["plain"]["tps"], results["service"]["tps"])
        repeat = ctx.pick(200, 10)
        for days, label in ((1, "1 day"), (14, "14 days")):
            ours: dict[str, list[float]] = {"p50": [], "p99": []}
            floor: dict[str, list[float]] = {"p50": [], "p99": []}
            for _run in range(ctx.runs):
                for kind, into in (("avail", ours), ("plain_avail", floor)):
                    t0 = time.perf_counter()
                    (done,) = pool.round(kind, [(resource_id(0), tomorrow.isoformat(), days,
                                                 repeat)])
                    ctx.log(f"{db} {kind} {label}: {repeat} reads in "
                            f"{time.perf_counter() - t0:.1f} s")
                    into["p50"].append(percentile(done["latencies"], 50) * 1000)
                    into["p99"].append(percentile(done["latencies"], 99) * 1000)
            report.add(f"{db} availability {label} p50", ours["p50"], "ms")
            report.add(f"{db} availability {label} p99", ours["p99"], "ms")
            report.add(f"{db} plain SQL read {label} p50", floor["p50"], "ms")
            report.compare(f"{db} availability {label} / plain SQL read (overhead)",
                           ours["p50"], floor["p50"])
    finally:
        pool.close()


def run(ctx: Context) -> Report:
    report = Report(NAME, TITLE)
    history = ctx.pick(1_000_000, 20_000)
    report.info["history_bookings"] = history
    report.notes.append(
        f"{history:,} past bookings, {RESOURCES} resources, {HOUSEHOLDS:,} households; each "
        "book is one 30-minute slot of a capacity-1 resource (never refused); writers are "
        "processes; p50/p99 are per round, the figure is the median over rounds. PostgreSQL "
        "runs with fsync on; SQLite with WAL and synchronous=FULL.")
    sqlite_url = f"sqlite:///{ctx.workdir / 'booking-bench.db'}"
    measure_database(report, ctx, "SQLite", sqlite_url, history)
    try:
        from bench.pg import BenchPostgres

        server = BenchPostgres()
    except RuntimeError as exc:
        report.notes.append(f"PostgreSQL not measured: {exc}")
    else:
        try:
            measure_database(report, ctx, "PostgreSQL", server.start(), history)
        finally:
            server.stop()
    report.targets = [
        Target("SQLite book p99 (1 writer)", "<=", 20.0,
               "book p99 ≤ 20 ms on SQLite with 1,000,000 bookings"),
        Target("SQLite availability 1 day p50", "<=", 5.0, "availability for a day ≤ 5 ms"),
    ]
    return report
