"""``kiosk admin-pin`` (hash the installer PIN for the config) and ``kiosk heartbeats``."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.config import Settings

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 0, 1, 2, 3


def cmd_admin_pin(args: argparse.Namespace) -> int:
    from kiosk.domain.households import PinHasher

    if sys.stdin.isatty():
        pin = getpass.getpass("installer PIN (4 digits): ")
        if getpass.getpass("again: ") != pin:
            print("kiosk admin-pin: the two PINs differ", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        pin = sys.stdin.readline().strip()
    try:
        hashed = PinHasher().hash(pin)
    except ValueError as exc:
        print(f"kiosk admin-pin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print("[lockdown]")
    print(f'admin_pin_hash = "{hashed}"')
    return EXIT_OK


def cmd_heartbeats(args: argparse.Namespace) -> int:
    from kiosk.domain.clock import to_local
    from kiosk.health.heartbeat import build_heartbeat
    from kiosk.storage.engine import create_db_engine

    settings: Settings = args.settings
    engine = create_db_engine(settings.effective_database_url, settings.busy_timeout_ms)
    try:
        overview = build_heartbeat(settings, engine).overview()
    finally:
        engine.dispose()
    for health in overview:
        beat = health.heartbeat
        size = f"{beat.database_bytes / 1e6:.1f} MB" if beat.database_bytes is not None else "?"
        free = f"{beat.free_disk_bytes / 1e9:.1f} GB" if beat.free_disk_bytes is not None else "?"
        touch = f"{to_local(beat.last_touch):%m-%d %H:%M}" if beat.last_touch else "-"
        print(f"{beat.kiosk_id:<12} {beat.version:<8} seen {to_local(beat.last_seen):%m-%d %H:%M}"
              f"{' SILENT' if health.silent else ''}  up {beat.uptime_s // 3600} h  "
              f"touch {touch}  db {size}  free {free}  sync {beat.sync_state or '-'}")
    silent = [h.heartbeat.kiosk_id for h in overview if h.silent]
    print(f"{len(overview)} kiosk(s)")
    if silent:
        # A monitoring script (cron, systemd timer) can act on the status alone.
        print(f"조용한 키오스크 / silent kiosk(s): {', '.join(silent)}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser("admin-pin", help="hash an installer PIN for [lockdown] admin_pin_hash"
                   ).set_defaults(handler=cmd_admin_pin)
    sub.add_parser("heartbeats", help="every kiosk's last heartbeat"
                   ).set_defaults(handler=cmd_heartbeats)
