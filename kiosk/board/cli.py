"""``kiosk notices add|list|remove``: the association's board from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


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


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
