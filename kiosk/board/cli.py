"""``kiosk notices add|list|remove`` and ``kiosk events add|list|signup|cancel|attendees``:
the association's board from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.domain.events import EventSeats, SignupRefused

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 0, 1, 2, 3


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} must be a date like 2026-12-01, got {text!r}") from None


def cmd_notices_add(args: argparse.Namespace) -> int:
    from kiosk.app import build_services
    from kiosk.domain.bookings import Actor
    from kiosk.domain.clock import to_local, utc_now
    from kiosk.domain.notices import Notice

    try:
        first = _day(args.date_from, "--from") or to_local(utc_now()).date()
        last = _day(args.until, "--until")
        image = Path(args.image).read_bytes() if args.image else None
        notice = Notice(title_ko=args.title, body_ko=args.body, title_en=args.title_en or "",
                        body_en=args.body_en or "", first_day=first, last_day=last,
                        pinned=args.pinned, image=image)
    except (ValueError, OSError) as exc:
        print(f"kiosk notices: nothing was posted: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    services = build_services(args.settings)
    try:
        stored = services.notices.post(notice, Actor("admin", "cli"))
    finally:
        services.close()
    print(stored.id)
    until = f"{stored.last_day}" if stored.last_day else "until removed"
    print(f"posted: {stored.title_ko} ({stored.first_day} – {until})", file=sys.stderr)
    return EXIT_OK


def cmd_notices_list(args: argparse.Namespace) -> int:
    from kiosk.app import build_services

    services = build_services(args.settings)
    try:
        notices = services.notices.all(include_past=args.all)
    finally:
        services.close()
    if args.json:
        json.dump([{"id": n.id, "title": n.title_ko, "body": n.body_ko, "title_en": n.title_en,
                    "body_en": n.body_en, "from": n.first_day.isoformat(),
                    "until": n.last_day.isoformat() if n.last_day else None,
                    "pinned": n.pinned, "image": n.image is not None,
                    "by": n.created_by} for n in notices],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for n in notices:
        until = n.last_day.isoformat() if n.last_day else "…"
        pin = "📌 " if n.pinned else ""
        print(f"{n.id:>4}  {n.first_day} – {until:<10}  {pin}{n.title_ko}")
    print(f"{len(notices)} notice(s)")
    return EXIT_OK


def cmd_notices_remove(args: argparse.Namespace) -> int:
    from kiosk.app import build_services
    from kiosk.domain.bookings import Actor
    from kiosk.services.notices import NoticeRefused

    services = build_services(args.settings)
    try:
        removed = services.notices.remove(args.id, Actor("admin", "cli"))
    except NoticeRefused as exc:
        print(f"kiosk notices: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        services.close()
    print(f"removed: {removed.title_ko}")
    return EXIT_OK


# ------------------------------------------------------------------------ events
def _moment(text: str | None, what: str) -> datetime | None:
    """An ISO date-time; without a zone it is Seoul time (what the desk means)."""
    from kiosk.domain.clock import SEOUL

    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} must be a date and time like 2026-12-05T10:00, "
                         f"got {text!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SEOUL)


def _local(moment: datetime) -> str:
    from kiosk.domain.clock import to_local

    return f"{to_local(moment):%Y-%m-%d %H:%M}"


def _exit_for(refused: SignupRefused) -> int:
    """Full, closed or over: 3 (nothing wrong with the command); busy: 1; else 2."""
    from kiosk.domain.events import SignupRefusal

    if refused.reason in (SignupRefusal.FULL, SignupRefusal.CLOSED, SignupRefusal.OVER):
        return EXIT_UNAVAILABLE
    if refused.reason is SignupRefusal.BUSY:
        return EXIT_FAILED
    return EXIT_BAD_INPUT


def cmd_events_add(args: argparse.Namespace) -> int:
    from kiosk.app import build_services
    from kiosk.domain.bookings import Actor
    from kiosk.domain.events import Event

    try:
        start = _moment(args.start, "--start")
        assert start is not None
        event = Event(title_ko=args.title, title_en=args.title_en or "", start=start,
                      end=_moment(args.end, "--end"), seats=args.seats,
                      place=args.place or "", fee_won=args.fee,
                      signup_until=_moment(args.until, "--until"))
    except ValueError as exc:
        print(f"kiosk events: nothing was added: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    services = build_services(args.settings)
    try:
        stored = services.events.add(event, Actor("admin", "cli"))
    finally:
        services.close()
    print(stored.id)
    print(f"added: {stored.title_ko} ({_local(stored.start)}, {stored.seats} seats, "
          f"sign-up until {_local(stored.deadline)})", file=sys.stderr)
    return EXIT_OK


def _event_json(item: EventSeats) -> dict[str, object]:
    e = item.event
    return {"id": e.id, "title": e.title_ko, "title_en": e.title_en, "place": e.place,
            "start": e.start.isoformat(), "end": e.end.isoformat() if e.end else None,
            "seats": e.seats, "taken": item.taken, "left": item.left,
            "fee_won": e.fee_won, "open_to": e.open_to.value,
            "signup_until": e.deadline.isoformat(), "by": e.created_by}


def cmd_events_list(args: argparse.Namespace) -> int:
    from kiosk.app import build_services

    services = build_services(args.settings)
    try:
        events = services.events.all() if args.all else services.events.upcoming()
    finally:
        services.close()
    if args.json:
        json.dump([_event_json(item) for item in events], sys.stdout, ensure_ascii=False,
                  indent=2)
        print()
        return EXIT_OK
    for item in events:
        e = item.event
        fee = "free" if e.free else f"{e.fee_won:,} won"
        print(f"{e.id:>4}  {_local(e.start)}  {item.taken}/{e.seats} taken  {fee:<10}  "
              f"{e.title_ko}" + (f" @ {e.place}" if e.place else ""))
    print(f"{len(events)} event(s)")
    return EXIT_OK


def _sign(args: argparse.Namespace, cancel: bool) -> int:
    from kiosk.app import build_services
    from kiosk.domain.bookings import Actor
    from kiosk.domain.events import SignupRefused

    services = build_services(args.settings)
    try:
        household = services.events.find_household(args.household)
        assert household.id is not None
        board = services.events
        action = board.withdraw if cancel else board.sign_up
        seats = action(args.id, household.id, Actor("admin", "cli"))
    except SignupRefused as exc:
        print(f"kiosk events: {exc}", file=sys.stderr)
        return _exit_for(exc)
    finally:
        services.close()
    done = "cancelled" if cancel else "signed up"
    print(f"{done}: {household.label} for {seats.event.title_ko} "
          f"({seats.taken}/{seats.event.seats} seats taken)")
    return EXIT_OK


def cmd_events_signup(args: argparse.Namespace) -> int:
    return _sign(args, cancel=False)


def cmd_events_cancel(args: argparse.Namespace) -> int:
    return _sign(args, cancel=True)


def cmd_events_attendees(args: argparse.Namespace) -> int:
    """동·호 of every household holding a seat: no PIN, no phone number."""
    import csv

    from kiosk.app import build_services
    from kiosk.domain.events import SignupRefused
    from kiosk.domain.households import parse_household_label
    from kiosk.services.spreadsheet import csv_row

    services = build_services(args.settings)
    try:
        signups = services.events.attendees(args.id)
    except SignupRefused as exc:
        print(f"kiosk events: {exc}", file=sys.stderr)
        return _exit_for(exc)
    finally:
        services.close()
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["household", "building", "unit"])
        writer.writerows(csv_row([s.household, *parse_household_label(s.household)])
                         for s in signups)
        return EXIT_OK
    for s in signups:
        print(s.household)
    print(f"{len(signups)} household(s)", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _register_events(sub)
    notices = sub.add_parser("notices", help="the association's notices on every kiosk"
                             ).add_subparsers(dest="notice_command", metavar="ACTION",
                                              required=True)
    add = notices.add_parser("add", help="post a notice; prints its id")
    add.add_argument("--title", required=True, help="title in Korean")
    add.add_argument("--body", required=True, help="text in Korean")
    add.add_argument("--title-en", help="title in English (optional)")
    add.add_argument("--body-en", help="text in English (optional)")
    add.add_argument("--from", dest="date_from", metavar="DATE",
                     help="first day shown (default: today)")
    add.add_argument("--until", metavar="DATE", help="last day shown (default: until removed)")
    add.add_argument("--pinned", action="store_true", help="always shown first")
    add.add_argument("--image", metavar="FILE", help="a PNG or JPEG picture (at most 2 MB)")
    add.set_defaults(handler=cmd_notices_add)
    listing = notices.add_parser("list", help="notices not yet over")
    listing.add_argument("--all", action="store_true", help="past notices too")
    listing.add_argument("--json", action="store_true", help="as JSON")
    listing.set_defaults(handler=cmd_notices_list)
    remove = notices.add_parser("remove", help="take a notice down")
    remove.add_argument("id", type=int)
    remove.set_defaults(handler=cmd_notices_remove)


def _register_events(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    events = sub.add_parser("events", help="village events that households sign up for"
                            ).add_subparsers(dest="event_command", metavar="ACTION",
                                             required=True)
    add = events.add_parser("add", help="offer an event; prints its id")
    add.add_argument("--title", required=True, help="title in Korean")
    add.add_argument("--title-en", help="title in English (optional)")
    add.add_argument("--start", required=True, metavar="ISO",
                     help="start, e.g. 2026-12-05T10:00 (Seoul time unless a zone is given)")
    add.add_argument("--end", metavar="ISO", help="end (optional)")
    add.add_argument("--seats", required=True, type=int, help="how many households")
    add.add_argument("--place", help="where, e.g. 102동 옥상")
    add.add_argument("--until", metavar="ISO", help="sign-up deadline (default: the start)")
    add.add_argument("--fee", type=int, default=0, metavar="WON", help="fee in won (0: free)")
    add.set_defaults(handler=cmd_events_add)
    listing = events.add_parser("list", help="events not yet over, with seats taken")
    listing.add_argument("--all", action="store_true", help="past events too")
    listing.add_argument("--json", action="store_true", help="as JSON")
    listing.set_defaults(handler=cmd_events_list)
    for name, handler, text in (
            ("signup", cmd_events_signup,
             "take a seat for a household (exit 3: full or closed)"),
            ("cancel", cmd_events_cancel, "give a household's seat back")):
        action = events.add_parser(name, help=text)
        action.add_argument("id", type=int)
        action.add_argument("--household", required=True, metavar="101-1203")
        action.set_defaults(handler=handler)
    attendees = events.add_parser("attendees", help="households signed up (동-호 only)")
    attendees.add_argument("id", type=int)
    attendees.add_argument("--csv", action="store_true", help="as CSV")
    attendees.set_defaults(handler=cmd_events_attendees)
