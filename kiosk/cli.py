"""The ``kiosk`` command. Exit status: 0 done, 2 bad input, 3 not available, 1 failure."""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kiosk import __version__
from kiosk.config import ConfigError, Settings, describe, load_settings
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import (
    SEOUL,
    clock_start_from,
    local_midnight,
    start_clock_at,
    to_local,
)
from kiosk.domain.errors import BookingRefused
from kiosk.domain.households import PinKeyUnavailable, parse_household_label
from kiosk.domain.policy import BookingRequest
from kiosk.services.importing import ImportRefused
from kiosk.services.spreadsheet import csv_row

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 0, 1, 2, 3
CLI_ACTOR = Actor("admin", "cli", is_manager=False)


class BadInput(Exception):
    """Raised by command handlers for input the user must fix (exit status 2)."""


def _services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.app import build_services

    return build_services(args.settings)


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run_kiosk

    return run_kiosk(args.settings, fullscreen=not args.windowed, smoke=args.smoke,
                     screenshots=Path(args.screenshots) if args.screenshots else None,
                     demo_hub=args.demo_hub)


def cmd_admin(args: argparse.Namespace) -> int:
    from kiosk.app import run_admin

    return run_admin(args.settings, screenshots=args.screenshots)


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.app import load_demo

    services = _services(args)
    try:
        print(load_demo(services, reset=args.reset, sample_bookings=not args.no_bookings))
    except RuntimeError as exc:
        print(f"kiosk demo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        services.close()
    print("demo PINs: the four digits of the unit, e.g. 101-1203 → 1203, 101-302 → 0302")
    return EXIT_OK


def cmd_pin_key(args: argparse.Namespace) -> int:
    """Create the PIN key if this database has none, seal plain PIN hashes with it, and
    say where it is (for the installer: copy it to the other kiosks and back it up)."""
    services = _services(args)
    try:
        status = services.pin_key
    finally:
        services.close()
    assert status is not None
    if status.problem:
        print(f"kiosk pin-key: {status.problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"PIN key: {status.path} (key {status.key_id}"
          f"{', created now' if status.created else ''}); the database matches it")
    print(f"plain PIN hashes sealed now: {status.sealed}")
    print("copy this file (mode 0600) to every kiosk and desk PC that shares the database, "
          "and back it up apart from the database backups")
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from kiosk.storage import migrate
    from kiosk.storage.engine import create_db_engine

    engine = create_db_engine(args.settings.effective_database_url)
    try:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        print(f"database at revision {migrate.current_revision(engine)} (was {before or 'empty'})")
    finally:
        engine.dispose()
    return EXIT_OK


def cmd_config_show(args: argparse.Namespace) -> int:
    settings: Settings = args.settings
    print(f"config file: {settings.config_path or '(none; built-in defaults)'}")
    rows = describe(settings)
    width = max(len(r[0]) for r in rows)
    for key, value, origin in rows:
        print(f"{key.ljust(width)}  {value}    [{origin}]")
    return EXIT_OK


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None


def _write_text(path: str, text: str) -> None:
    """Write through a temporary file so a full disk never leaves half a file."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.partial")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BadInput(f"cannot write {path}: {exc.strerror}") from None


def cmd_households_import(args: argparse.Namespace) -> int:
    raw = _read_bytes(args.file)
    services = _services(args)
    try:
        added, updated = services.village.import_households(raw, CLI_ACTOR)
    finally:
        services.close()
    print(f"households imported: {added} added, {updated} updated")
    return EXIT_OK


def cmd_households_export(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        _write_text(args.file, services.village.export_households())
    finally:
        services.close()
    print(f"households written to {args.file} (PINs are never exported)")
    return EXIT_OK


def cmd_resources_import(args: argparse.Namespace) -> int:
    from kiosk.app import read_resource_file

    try:
        records = read_resource_file(Path(args.file))
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot read {args.file}: {exc}") from None
    services = _services(args)
    try:
        count = services.village.import_resources(records, CLI_ACTOR)
    finally:
        services.close()
    print(f"resources imported: {count}")
    return EXIT_OK


def cmd_resources_export(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        records = services.village.export_resources()
    finally:
        services.close()
    _write_text(args.file, json.dumps({"resource": records}, ensure_ascii=False, indent=2))
    print(f"{len(records)} resources written to {args.file}")
    return EXIT_OK


def _parse_when(text: str, what: str) -> datetime:
    """ISO 8601; a time without a zone is Seoul time, as residents and staff mean it."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what} must be an ISO date-time like 2026-12-01T10:00, "
                       f"got {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=SEOUL)
    return value


def _parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what} must be a date like 2026-12-01, got {text!r}") from None


BOOKING_FIELDS = ("code", "resource", "household", "start", "end", "units", "plate", "status",
                  "created_by")


def cmd_bookings_list(args: argparse.Namespace) -> int:
    from kiosk.services.parties import party_labels

    services = _services(args)
    try:
        first = _parse_day(args.date_from, "--from") if args.date_from else to_local(
            services.bookings.clock()).date()
        last = _parse_day(args.date_to, "--to") if args.date_to else first + timedelta(days=14)
        if last < first:
            raise BadInput("--to is before --from")
        with services.bookings.uow() as uow:
            found = uow.bookings.search(
                start_from=local_midnight(first), start_before=local_midnight(last + timedelta(1)),
                resource_id=args.resource)
            labels = party_labels(uow)
    finally:
        services.close()
    rows = [(b.code, b.resource_id, labels.of(b),
             to_local(b.start).isoformat(timespec="minutes"),
             to_local(b.end).isoformat(timespec="minutes"), str(b.units), b.plate or "",
             b.status.value, b.created_by) for b in found]
    if args.csv or args.command_name == "export":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(BOOKING_FIELDS)
        writer.writerows(csv_row(row) for row in rows)  # no cell starts a formula
        if getattr(args, "output", None):
            _write_text(args.output, out.getvalue())
            print(f"{len(rows)} bookings written to {args.output}")
        else:
            sys.stdout.write(out.getvalue())
    else:
        for row in rows:
            print("  ".join(row[:8]))
        print(f"{len(rows)} booking(s) from {first} to {last}")
    return EXIT_OK


def cmd_bookings_create(args: argparse.Namespace) -> int:
    if args.neighbour:  # a neighbour member instead of a household (--neighbour N-0003)
        return _book_for_neighbour(args)
    try:
        building, unit = parse_household_label(args.household)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    start = _parse_when(args.start, "--start")
    end = _parse_when(args.end, "--end")
    if args.units < 1:
        raise BadInput("--units must be at least 1")
    services = _services(args)
    try:
        with services.bookings.uow() as uow:
            household = uow.households.find(building, unit)
        if household is None or household.id is None:
            raise BadInput(f"no household {building}-{unit}")
        booking = services.bookings.book(
            BookingRequest(args.resource, start, end, args.units, args.plate), household.id,
            CLI_ACTOR)
    finally:
        services.close()
    print(booking.code)
    print(f"{booking.status.value}: {booking.resource_id} {to_local(booking.start):%Y-%m-%d %H:%M}"
          f"–{to_local(booking.end):%H:%M}", file=sys.stderr)
    return EXIT_OK


def cmd_bookings_cancel(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        booking = services.bookings.cancel(args.code, CLI_ACTOR, reason=args.reason or "")
    finally:
        services.close()
    print(f"{booking.code} cancelled")
    return EXIT_OK


def cmd_bookings_import(args: argparse.Namespace) -> int:
    raw = _read_bytes(args.file)
    services = _services(args)
    try:
        made = services.village.import_bookings(raw, CLI_ACTOR, services.bookings)
    finally:
        services.close()
    print(f"{len(made)} bookings imported: {' '.join(b.code for b in made)}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import run_checks

    problems = 0
    for check in run_checks(args.settings, render=getattr(args, "render", False)):
        mark = "ok  " if check.ok else "FAIL"
        print(f"[{mark}] {check.name}: {check.detail}")
        if not check.ok:
            problems += 1
            if check.fix:
                print(f"       fix: {check.fix}")
    print("all checks passed" if not problems else f"{problems} problem(s) found")
    return EXIT_OK if not problems else EXIT_FAILED


# ---------------------------------------------------------------------------- fees
def cmd_fees_statement(args: argparse.Namespace) -> int:
    """The month's charges for the 관리비 bill: one line per household (neighbour members
    masked), totals per resource; or the same as CSV (the lines) or XLSX (all three)."""
    from kiosk.domain.fees import month_key
    from kiosk.services.fees import export_statement

    try:
        month = month_key(args.month)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    services = _services(args)
    try:
        statement = services.fees.statement(month)
    finally:
        services.close()
    target = args.csv or args.xlsx
    if target:
        path = Path(target)
        if not path.parent.is_dir():
            raise BadInput(f"no folder {path.parent} to write {path.name} in")
        export_statement(statement, path, "xlsx" if args.xlsx else "csv", english=True)
        print(f"{len(statement.lines)} line(s), total {statement.total_won:,} won, "
              f"written to {path}")
        return EXIT_OK
    print(f"fee statement {month} (won)")
    print(f"{'party':<20} {'uses':>5} {'use':>10} {'penalty':>10} {'correction':>11} "
          f"{'total':>10}")
    for line in statement.lines:
        print(f"{_padded(line.party, 20)} {line.uses:>5} {line.use_won:>10,} "
              f"{line.penalty_won:>10,} {line.correction_won:>11,} {line.total_won:>10,}")
    print("per resource:")
    for item in statement.resources:
        print(f"  {item.name} ({item.resource_id}): {item.uses} use(s) {item.use_won:,}"
              f" + penalties {item.penalty_won:,} = {item.total_won:,}")
    if statement.correction_won:
        print(f"  corrections: {statement.correction_won:,}")
    print(f"total {statement.total_won:,} won, {len(statement.lines)} line(s)")
    return EXIT_OK


def _padded(text: str, width: int) -> str:
    """Left-aligned in ``width`` columns of a terminal, where Hangul takes two."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def register_fees(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fees = sub.add_parser("fees", help="facility fees for the monthly 관리비 bill"
                          ).add_subparsers(dest="command_name", metavar="ACTION", required=True)
    statement = fees.add_parser("statement", help="one line per household with its uses, "
                                "penalties and corrections; totals per resource")
    statement.add_argument("--month", required=True, metavar="YYYY-MM")
    out = statement.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="FILE", help="the lines as CSV (UTF-8 with BOM)")
    out.add_argument("--xlsx", metavar="FILE",
                     help="lines, totals per resource and every charge as Excel sheets")
    statement.set_defaults(handler=cmd_fees_statement)


# ---------------------------------------------------------------- neighbour members
CLI_MANAGER = Actor("admin", "cli", is_manager=True)
"""Registering neighbours is a manager's work at the desk; at the shell it is the
installer's, who already holds the database."""


def _member(text: str) -> int:
    from kiosk.domain.neighbours import parse_member_id

    try:
        return parse_member_id(text)
    except ValueError as exc:
        raise BadInput(str(exc)) from None


def _desk_refused(exc: Exception) -> BadInput:
    return BadInput(str(exc))


def _slip_text(member: str, name_masked: str, pin: str, expires_on: date | None) -> str:
    """The PIN slip as text (the desk's slip, without paper), Korean then English."""
    until = expires_on.isoformat() if expires_on else "해지할 때까지 / until ended"
    return (f"이웃 회원 예약 PIN 안내 / Neighbour member PIN slip\n"
            f"회원번호 / member id: {member} {name_masked}\n"
            f"PIN: {pin}\n"
            f"유효기간 / valid until: {until}\n"
            "로비 키오스크에서 '이웃 회원'을 고르고 회원번호(또는 전화번호 끝 4자리)와 PIN을 "
            "누르세요.\nAt the lobby kiosk choose 'Neighbour member', then the member id (or "
            "the phone's last 4 digits) and this PIN.\n")


def _save_slip(path: str, services, neighbour, pin: str) -> None:  # type: ignore[no-untyped-def]
    """The desk's PDF slip (``kiosk.admin.printing``), drawn offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.admin.printing import neighbour_slip, write_pdf
    from kiosk.domain.neighbours import mask_name

    _app = QGuiApplication.instance() or QGuiApplication(["kiosk"])
    settings = services.settings
    paper = neighbour_slip(settings.village_name, neighbour.member_id, mask_name(neighbour.name),
                           pin, neighbour.expires_on, services.bookings.clock(), CLI_MANAGER.label)
    try:
        write_pdf(Path(path), paper)
    except OSError as exc:
        raise BadInput(f"cannot write {path}: {exc.strerror}; the PIN is {pin}") from None
    del _app


def cmd_neighbours_add(args: argparse.Namespace) -> int:
    from kiosk.domain.neighbours import mask_name
    from kiosk.services.admin_accounts import DeskRefused

    until = None if args.no_expiry else (_parse_day(args.until, "--until") if args.until
                                         else None)
    services = _services(args)
    try:
        admin = services.neighbours
        pin = args.pin or admin.new_pin()
        if until is None and not args.no_expiry:
            until = admin.default_expiry()
        try:
            neighbour = admin.add(args.name, args.phone, pin, CLI_MANAGER, until)
        except DeskRefused as exc:
            raise _desk_refused(exc) from None
        if args.slip:
            _save_slip(args.slip, services, neighbour, pin)
    finally:
        services.close()
    print(neighbour.member_id)
    sys.stdout.write(_slip_text(neighbour.member_id, mask_name(neighbour.name), pin,
                                neighbour.expires_on))
    if args.slip:
        print(f"slip saved to {Path(args.slip).name}", file=sys.stderr)
    return EXIT_OK


def cmd_neighbours_list(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        found = services.neighbours.neighbours()
        today = to_local(services.bookings.clock()).date()
    finally:
        services.close()
    shown = 0
    for n in found:
        state = ("active" if n.is_current(today) else
                 "expired" if n.active else "inactive")
        if state != "active" and not args.all:
            continue
        until = n.expires_on.isoformat() if n.expires_on else "-"
        print(f"{n.member_id}  {n.name}  {n.phone_masked}  {state}  until {until}")
        shown += 1
    print(f"{shown} neighbour member(s)" + ("" if args.all else " (active; --all for every one)"))
    return EXIT_OK


def cmd_neighbours_deactivate(args: argparse.Namespace) -> int:
    from kiosk.services.admin_accounts import DeskRefused
    from kiosk.services.resource_admin import UpcomingChoice

    neighbour_id = _member(args.member)
    future = UpcomingChoice.KEEP if args.keep_bookings else UpcomingChoice.CANCEL
    services = _services(args)
    try:
        cancelled = services.neighbours.deactivate(neighbour_id, CLI_MANAGER, future,
                                                   args.reason or "membership ended")
    except DeskRefused as exc:
        raise _desk_refused(exc) from None
    finally:
        services.close()
    print(f"{args.member} deactivated; {len(cancelled)} booking(s) ahead cancelled")
    return EXIT_OK


def cmd_neighbours_renew(args: argparse.Namespace) -> int:
    from kiosk.services.admin_accounts import DeskRefused

    neighbour_id = _member(args.member)
    services = _services(args)
    try:
        admin = services.neighbours
        until = None if args.no_expiry else (
            _parse_day(args.until, "--until") if args.until else admin.default_expiry())
        neighbour = admin.renew(neighbour_id, until, CLI_MANAGER)
    except DeskRefused as exc:
        raise _desk_refused(exc) from None
    finally:
        services.close()
    print(f"{neighbour.member_id} active until "
          f"{neighbour.expires_on.isoformat() if neighbour.expires_on else 'ended'}")
    return EXIT_OK


def _book_for_neighbour(args: argparse.Namespace) -> int:
    neighbour_id = _member(args.neighbour)
    start = _parse_when(args.start, "--start")
    end = _parse_when(args.end, "--end")
    if args.units < 1:
        raise BadInput("--units must be at least 1")
    services = _services(args)
    try:
        with services.bookings.uow() as uow:
            if uow.neighbours.get(neighbour_id) is None:
                raise BadInput(f"no neighbour member {args.neighbour}")
        booking = services.bookings.book_neighbour(
            BookingRequest(args.resource, start, end, args.units, args.plate), neighbour_id,
            CLI_ACTOR)
    finally:
        services.close()
    print(booking.code)
    print(f"{booking.status.value}: {booking.resource_id} {to_local(booking.start):%Y-%m-%d %H:%M}"
          f"–{to_local(booking.end):%H:%M}", file=sys.stderr)
    return EXIT_OK


def register_neighbours(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``kiosk neighbours add|list|deactivate|renew``."""
    neighbours = sub.add_parser("neighbours", help="neighbour members from outside the complex"
                                ).add_subparsers(dest="nb_command", metavar="ACTION",
                                                 required=True)
    add = neighbours.add_parser("add", help="register one; prints the member id and a PIN slip")
    add.add_argument("--name", required=True)
    add.add_argument("--phone", required=True, metavar="010-1234-5678")
    add.add_argument("--pin", metavar="NNNN", help="the PIN they chose (default: a random one)")
    add.add_argument("--until", metavar="DATE", help="last day of membership (default: a year)")
    add.add_argument("--no-expiry", action="store_true", help="until deactivated")
    add.add_argument("--slip", metavar="FILE.pdf", help="also save the PDF slip the desk prints")
    add.set_defaults(handler=cmd_neighbours_add)
    listing = neighbours.add_parser("list", help="members with masked phones")
    listing.add_argument("--all", action="store_true", help="also expired and deactivated")
    listing.set_defaults(handler=cmd_neighbours_list)
    off = neighbours.add_parser("deactivate", help="end a membership")
    off.add_argument("member", metavar="N-0003")
    off.add_argument("--keep-bookings", action="store_true",
                     help="keep bookings ahead (default: cancel them)")
    off.add_argument("--reason", default="", help="recorded in the audit log")
    off.set_defaults(handler=cmd_neighbours_deactivate)
    renew = neighbours.add_parser("renew", help="active again, until a date")
    renew.add_argument("member", metavar="N-0003")
    renew.add_argument("--until", metavar="DATE", help="last day (default: a year from today)")
    renew.add_argument("--no-expiry", action="store_true", help="until deactivated")
    renew.set_defaults(handler=cmd_neighbours_renew)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Sharing Village Kiosk: the lobby touchscreen and desk tools of a "
                    "Seoul Sharing Village. Without a command, runs the kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML); default: "
                        "$KIOSK_CONFIG or the platform config directory")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="the kiosk UI (the default command)")
    run.add_argument("--windowed", action="store_true", help="a normal window, not full screen")
    run.add_argument("--smoke", action="store_true",
                     help="start (offscreen if no display), wait for the home screen and the map, "
                          'print {"home_painted_s", "map_ready_s", "rss_mb"} as JSON, exit')
    run.add_argument("--screenshots", metavar="DIR",
                     help="render every screen in Korean and English, landscape and portrait, "
                          "to PNG files in DIR and exit")
    run.add_argument("--demo-hub", action="store_true",
                     help="also serve the demo hub's sample feeds on 127.0.0.1 and sync from "
                          "them (the demo village's bikes, parking lots and listings offline)")
    run.set_defaults(handler=cmd_run)
    admin = sub.add_parser("admin", help="the association window")
    admin.add_argument("--screenshots", metavar="DIR", type=Path, default=None,
                       help="render every screen to PNG in Korean and English, then exit")
    admin.set_defaults(handler=cmd_admin)
    demo = sub.add_parser("demo", help="create or reset the demo village in the database")
    demo.add_argument("--reset", action="store_true", help="replace whatever village is there")
    demo.add_argument("--no-bookings", action="store_true", help="without sample bookings")
    demo.set_defaults(handler=cmd_demo)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", metavar="ACTION", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(handler=cmd_db_upgrade)
    sub.add_parser("pin-key", help="create or check the secret PIN key and seal old PIN "
                   "hashes with it").set_defaults(handler=cmd_pin_key)

    config = sub.add_parser("config", help="settings").add_subparsers(
        dest="config_command", metavar="ACTION", required=True)
    config.add_parser("show", help="effective settings and where each came from"
                      ).set_defaults(handler=cmd_config_show)

    households = sub.add_parser("households", help="import or export households (CSV)"
                                ).add_subparsers(dest="hh_command", metavar="ACTION", required=True)
    for name, handler, help_text in (
        ("import", cmd_households_import, "add/update from CSV: building,unit,pin,plates,active"),
        ("export", cmd_households_export, "write CSV (without PINs)"),
    ):
        p = households.add_parser(name, help=help_text)
        p.add_argument("file", metavar="FILE.csv")
        p.set_defaults(handler=handler)

    resources = sub.add_parser("resources", help="import or export resources (TOML/JSON)"
                               ).add_subparsers(dest="res_command", metavar="ACTION", required=True)
    for name, handler, help_text in (
        ("import", cmd_resources_import, "create/replace from a TOML or JSON file"),
        ("export", cmd_resources_export, "write the village's resources as JSON"),
    ):
        p = resources.add_parser(name, help=help_text)
        p.add_argument("file", metavar="FILE")
        p.set_defaults(handler=handler)

    bookings = sub.add_parser("bookings", help="list, export, create, cancel, import bookings"
                              ).add_subparsers(dest="command_name", metavar="ACTION", required=True)
    for name in ("list", "export"):
        p = bookings.add_parser(name, help=f"{name} bookings starting in a date range")
        p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default today)")
        p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (default +14 days)")
        p.add_argument("--resource", metavar="ID")
        p.add_argument("--csv", action="store_true", help="CSV on standard output")
        if name == "export":
            p.add_argument("--output", "-o", metavar="FILE.csv", help="write to a file")
        p.set_defaults(handler=cmd_bookings_list)
    create = bookings.add_parser("create", help="book on a household's (or a neighbour "
                                 "member's) behalf; prints the code")
    create.add_argument("--resource", required=True, metavar="ID")
    party = create.add_mutually_exclusive_group(required=True)
    party.add_argument("--household", metavar="101-1203")
    party.add_argument("--neighbour", metavar="N-0003", help="a neighbour member instead")
    create.add_argument("--start", required=True, metavar="ISO")
    create.add_argument("--end", required=True, metavar="ISO")
    create.add_argument("--units", type=int, default=1, metavar="N")
    create.add_argument("--plate", metavar="12가3456")
    create.set_defaults(handler=cmd_bookings_create)
    cancel = bookings.add_parser("cancel", help="cancel a booking by its code")
    cancel.add_argument("code", metavar="CODE")
    cancel.add_argument("--reason", default="", help="recorded in the audit log")
    cancel.set_defaults(handler=cmd_bookings_cancel)
    imp = bookings.add_parser("import", help="book every row of a CSV, all or nothing")
    imp.add_argument("file", metavar="FILE.csv")
    imp.set_defaults(handler=cmd_bookings_import)

    doctor = sub.add_parser("doctor", help="check database, integrity, backups, heartbeat, disk, "
                            "logs, assets, fonts, config, display")
    doctor.add_argument("--render", action="store_true",
                        help="also draw the map page in a hidden browser (a few seconds)")
    doctor.set_defaults(handler=cmd_doctor)
    register_neighbours(sub)
    register_fees(sub)
    for register in _extensions():
        register(sub)
    return parser


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Sub-commands contributed by other packages (imported only when parsing)."""
    from kiosk.backup import cli as backup_cli
    from kiosk.board import cli as board_cli
    from kiosk.health import cli as health_cli
    from kiosk.map import cli as map_cli
    from kiosk.sync import cli as sync_cli

    # `map export` without --listings exports the synced listings stored in the database.
    map_register = functools.partial(map_cli.register,
                                     settings_export_source=sync_cli.map_export_source)
    return [map_register, sync_cli.register, backup_cli.register, health_cli.register,
            board_cli.register]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        args = parser.parse_args(["run", *list(sys.argv[1:] if argv is None else argv)])
    try:
        start = clock_start_from(os.environ)
    except ValueError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if start is not None:
        start_clock_at(start)
    try:
        args.settings = load_settings(Path(args.config) if args.config else None)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args))
    except BadInput as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ImportRefused as exc:
        print(f"kiosk: nothing was imported; fix these lines and try again:\n{exc}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except BookingRefused as exc:
        from kiosk.refusal_text import explain

        print(f"kiosk: not available: {explain(exc)}", file=sys.stderr)
        return EXIT_UNAVAILABLE if exc.reason.value not in ("not_found",) else EXIT_BAD_INPUT
    except (SQLAlchemyError, sqlite3.Error) as exc:
        from kiosk.storage.failures import storage_failure_text

        print(f"kiosk: {storage_failure_text(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except PinKeyUnavailable as exc:
        print(f"kiosk: PINs cannot be set or checked: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
