"""`kiosk hub …`, `kiosk sync …` and `kiosk listings …` commands.
`register(subparsers)` adds them to the `kiosk` command.

    kiosk hub serve --demo [--port 8765]
    kiosk sync now [--source ID] [--full] [--accept-shrink]
    kiosk sync status [--json]
    kiosk listings list [--kind K] [--near LAT,LON] [--radius M] [--limit N] [--json]
                        [--search TEXT] [--owner KIND] [--owner-name TEXT]

Exit status as for the rest of the CLI: 0 done, 2 bad input or settings, 3 a source or
the database is unavailable (offline), 1 anything unexpected. Source keys never appear
in the output: errors are redacted before they are stored or printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.map.listing import MapListing
    from kiosk.services.hub_sync import HubSyncService
    from kiosk.sync.demo_hub import DemoHub

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 0, 1, 2, 3

DEFAULT_PORT = 8765


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `hub` command group. Each leaf sets `handler(args) -> int` (exit code)."""
    hub = subparsers.add_parser("hub", help="sharing-hub feeds: run the demo hub")
    hub_sub = hub.add_subparsers(dest="hub_command", metavar="COMMAND")
    hub_sub.required = True
    serve = hub_sub.add_parser(
        "serve",
        help="serve sample feeds on 127.0.0.1 (GBFS, Seoul Open API, hub feed)",
        description="Serve sample feeds on 127.0.0.1 until interrupted (Ctrl+C).",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help="serve the demo data of Gireum-dong, Seongbuk-gu (currently required)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"TCP port on 127.0.0.1 (default {DEFAULT_PORT}; 0 = any free port)",
    )
    serve.set_defaults(handler=serve_command)

    sync = subparsers.add_parser("sync", help="hub sync: fetch now, or show each source's state")
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="ACTION")
    sync_sub.required = True
    now = sync_sub.add_parser("now", help="fetch and apply every source (or one) right away")
    now.add_argument("--source", metavar="ID", help="only this source")
    now.add_argument("--full", action="store_true",
                     help="re-read everything, ignoring stored ETags and cursors")
    now.add_argument("--accept-shrink", action="store_true",
                     help="apply a snapshot even if it retires most of a source's listings")
    now.set_defaults(handler=sync_now_command)
    status = sync_sub.add_parser("status", help="last success, last error, next attempt, rows")
    status.add_argument("--json", action="store_true", help="JSON on standard output")
    status.set_defaults(handler=sync_status_command)

    listings = subparsers.add_parser("listings", help="listings synced from the hub")
    listings_sub = listings.add_subparsers(dest="listings_command", metavar="ACTION")
    listings_sub.required = True
    lst = listings_sub.add_parser("list", help="listings, nearest first")
    lst.add_argument("--kind", choices=("bike", "parking", "space", "item", "other"),
                     action="append", help="only this kind (repeatable)")
    lst.add_argument("--near", type=_point, metavar="LAT,LON",
                     help="measure distance from here (default: the kiosk)")
    lst.add_argument("--radius", type=_positive_float, metavar="METRES",
                     help="only listings this close")
    lst.add_argument("--source", metavar="ID", help="only this source")
    lst.add_argument("--limit", type=_positive_int, metavar="N", help="at most N listings")
    lst.add_argument("--json", action="store_true", help="JSON on standard output")
    lst.add_argument("--search", metavar="TEXT",
                     help="find by name, address, kind or owner, Korean initials too "
                          "(ㄱㅇ finds 길음); includes the village's own resources")
    lst.add_argument("--owner", choices=("city", "district", "company", "group", "village"),
                     action="append", help="with --search: only this kind of owner (repeatable)")
    lst.add_argument("--owner-name", metavar="TEXT",
                     help="with --search: only owners whose name matches")
    lst.set_defaults(handler=listings_list_command)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("port must be a number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("port must be 0..65535")
    return value


def _point(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError("must be LAT,LON, e.g. 37.6063,127.0256") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError("is not a valid coordinate")
    return lat, lon


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


@contextmanager
def hub_service(settings: Settings) -> Iterator[HubSyncService]:
    """The hub sync service over the configured database (migrated), closed afterwards."""
    from kiosk.app import build_services

    services = build_services(settings)
    try:
        yield services.hub
    finally:
        services.close()


def map_export_source(settings: object) -> tuple[tuple[float, float], str, list[MapListing]]:
    """What `kiosk map export DIR` shows without --listings: the synced listings stored in
    the database within the hub radius of the kiosk, as the kiosk's own map shows them.

    A database that cannot be read is a ValueError, which the map CLI reports as
    "cannot read listings" rather than exporting an empty map that looks complete.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.config import Settings
    from kiosk.map.listing import from_nearby

    if not isinstance(settings, Settings):
        raise TypeError("map export from the database needs the kiosk's settings")
    centre = (settings.kiosk_lat, settings.kiosk_lon)
    try:
        with hub_service(settings) as service:
            found = service.nearby(*centre, radius_m=settings.hub_radius_km * 1000)
    except SQLAlchemyError as exc:
        raise ValueError(f"the database is not available: {type(exc).__name__}") from exc
    return centre, "", [from_nearby(n) for n in found]


def _database_unavailable(exc: Exception) -> int:
    print(f"kiosk: the database is not available: {type(exc).__name__}", file=sys.stderr)
    return EXIT_UNAVAILABLE


def _when(value: datetime | None) -> str:
    if value is None:
        return "-"
    from kiosk.domain.clock import to_local

    return to_local(value).strftime("%Y-%m-%d %H:%M:%S")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def sync_now_command(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Fetch and apply now, in this process. Exit 3 when a source was unreachable."""
    from sqlalchemy.exc import OperationalError

    from kiosk.sync.runner import build_runner

    out = out or sys.stdout
    settings: Settings = args.settings
    configs = [c for c in settings.hub_sources if c.enabled]
    if not configs:
        print("kiosk: no hub sources are configured (add [[hub.sources]] tables to the "
              "settings file)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.source and args.source not in {c.id for c in configs}:
        known = ", ".join(c.id for c in configs)
        print(f"kiosk: unknown source {args.source!r} (configured: {known})", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.getLogger("kiosk.sync").addHandler(logging.NullHandler())
    try:
        with hub_service(settings) as service:
            runner = build_runner(configs, service, kiosk_id=settings.kiosk_id)
            outcomes = runner.run_once(args.source, full=args.full,
                                       accept_shrink=args.accept_shrink)
    except OperationalError as exc:
        return _database_unavailable(exc)
    code = EXIT_OK
    for o in outcomes:
        report = o.report
        if o.outcome == "applied" and report is not None:
            text = (f"applied: {getattr(report, 'active', 0)} listings "
                    f"(+{getattr(report, 'inserted', 0)} new, "
                    f"{getattr(report, 'updated', 0)} changed, "
                    f"{getattr(report, 'retired', 0)} retired, "
                    f"{getattr(report, 'quarantined', 0)} quarantined)")
        elif o.outcome == "not_modified":
            text = "unchanged since the last sync"
        else:
            text = f"{o.outcome}: {o.message}" if o.message else o.outcome
        print(f"{o.source_id}: {text}", file=out)
        if o.error_label == "unexpected":
            code = EXIT_FAILED
        elif o.config_error and code != EXIT_FAILED:
            code = EXIT_BAD_INPUT
        elif not o.ok and code == EXIT_OK:
            code = EXIT_UNAVAILABLE
    return code


def sync_status_command(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Per source: health, listings, quarantined rows, last success/error, next attempt."""
    from sqlalchemy.exc import OperationalError

    out = out or sys.stdout
    settings: Settings = args.settings
    configured = [(c.id, c.kind, c.interval_s) for c in settings.hub_sources if c.enabled]
    try:
        with hub_service(settings) as service:
            statuses = service.status(configured)
    except OperationalError as exc:
        return _database_unavailable(exc)
    if args.json:
        doc: list[dict[str, Any]] = []
        for st in statuses:
            s = st.state
            doc.append({
                "source": s.source_id, "kind": s.kind, "configured": st.configured,
                "health": st.health, "stale": st.stale, "listings": s.listing_count,
                "quarantined": s.quarantined_count,
                "last_attempt": _iso(s.last_attempt_at),
                "last_success": _iso(s.last_success_at),
                "last_error": s.last_error, "last_error_at": _iso(s.last_error_at),
                "failures": s.failures, "next_attempt": _iso(s.next_attempt_at),
            })
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    if not statuses:
        print("no hub sources configured or synced", file=out)
        return EXIT_OK
    for st in statuses:
        s = st.state
        flags = [st.health] + (["stale"] if st.stale else [])
        flags += [] if st.configured else ["not configured"]
        print(f"{s.source_id} ({s.kind or '?'}): {', '.join(flags)}", file=out)
        print(f"  listings {s.listing_count}, quarantined {s.quarantined_count}, "
              f"failures in a row {s.failures}", file=out)
        print(f"  last success {_when(s.last_success_at)}, "
              f"next attempt {_when(s.next_attempt_at)}", file=out)
        if s.last_error:
            print(f"  last error ({_when(s.last_error_at)}): {s.last_error}", file=out)
    return EXIT_OK


def listings_list_command(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Listings nearest first, with distance, live counts, their time and freshness."""
    from sqlalchemy.exc import OperationalError

    out = out or sys.stdout
    settings: Settings = args.settings
    lat, lon = args.near or (settings.kiosk_lat, settings.kiosk_lon)
    if getattr(args, "search", None) is not None or getattr(args, "owner", None) \
            or getattr(args, "owner_name", None):
        return _search_command(args, lat, lon, out)
    try:
        with hub_service(settings) as service:
            found = service.nearby(lat, lon, kinds=args.kind, radius_m=args.radius,
                                   limit=args.limit, source_id=args.source)
    except OperationalError as exc:
        return _database_unavailable(exc)
    from kiosk.sync.listing_view import describe, labels

    now = service.clock()
    names = labels(found, lat, lon)
    if args.json:
        doc = [describe(n, lat, lon, now=now, label=names[n.listing.id]) | {
            "as_of": _iso(n.as_of)} for n in found]
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    for n in found:
        x = n.listing
        view = describe(n, lat, lon, now=now, label=names[x.id])
        counts = ""
        if view["units_free"] is not None or x.units_total is not None:
            free = "?" if view["units_free"] is None else str(view["units_free"])
            total = "?" if x.units_total is None else str(x.units_total)
            counts = f"  {free}/{total}"
        stale = " (stale)" if n.stale else ""
        print(f"{n.distance_m:7.0f} m  {x.kind:<7} {view['label_ko']}{counts}  "
              f"as of {view['as_of_local']}{stale}  [{x.source_id}/{x.external_id}]", file=out)
    print(f"{len(found)} listing(s)", file=out)
    return EXIT_OK


def _search_command(args: argparse.Namespace, lat: float, lon: float, out: TextIO) -> int:
    """`listings list --search`: the village's resources and the hub's listings that
    match, nearest first, each with its owner and source."""
    from sqlalchemy.exc import OperationalError

    from kiosk.app import build_services
    from kiosk.services.search import SearchService

    try:
        services = build_services(args.settings)
        try:
            found = SearchService(services.bookings, services.hub).search(
                args.search or "", lat, lon, kinds=args.kind, owner_kinds=args.owner,
                owner=args.owner_name, radius_m=args.radius, limit=args.limit,
                source=args.source)
        finally:
            services.close()
    except OperationalError as exc:
        return _database_unavailable(exc)
    if args.json:
        print(json.dumps([r.as_dict() for r in found], ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    for r in found:
        who = f"  [{r.owner.kind.value}: {r.owner.name}]" if r.owner else ""
        print(f"{r.distance_m:7.0f} m  {r.kind:<7} {r.name_ko}{who}  ({r.source}/{r.id})",
              file=out)
    print(f"{len(found)} match(es)", file=out)
    return EXIT_OK


def serve_command(
    args: argparse.Namespace,
    *,
    stop: threading.Event | None = None,
    out: TextIO | None = None,
    on_ready: Callable[[DemoHub], None] | None = None,
) -> int:
    """Run the demo hub until `stop` is set or Ctrl+C. Returns the exit code."""
    from kiosk.sync.demo_hub import DemoHub

    out = out or sys.stdout
    if not getattr(args, "demo", False):
        print("Only the demo hub can be served: add --demo.", file=sys.stderr)
        return 2
    stop = stop or threading.Event()
    restore = _stop_on_sigterm(stop)
    try:
        hub = DemoHub(port=int(args.port)).start()
    except OSError as exc:
        restore()
        print(f"Cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        print(f"Demo hub serving on {hub.base_url}  (Ctrl+C to stop)", file=out)
        print("Source settings for this hub:", file=out)
        for cfg in hub.source_configs():
            print("  " + json.dumps(cfg, ensure_ascii=False), file=out)
        out.flush()
        if on_ready is not None:
            on_ready(hub)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
        restore()
    return 0


def _stop_on_sigterm(stop: threading.Event) -> Callable[[], None]:
    """Let a service manager's SIGTERM end the server cleanly (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore
