"""``kiosk backup [DIR]``, ``kiosk backup --list`` and ``kiosk restore FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import Settings

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


# The modules a command needs are imported when it runs: every `kiosk` command (the
# kiosk's own start included) registers these sub-commands first.


def cmd_backup(args: argparse.Namespace) -> int:
    from kiosk.backup.backups import BackupError, take_backup
    from kiosk.backup.files import list_backups
    from kiosk.backup.schedule import rotate
    from kiosk.domain.clock import to_local

    settings: Settings = args.settings
    directory = Path(args.dir).expanduser() if args.dir else settings.effective_backup_dir
    if args.list:
        backups = list_backups(directory)
        for backup in backups:
            print(f"{to_local(backup.taken_at):%Y-%m-%d %H:%M}  {backup.size:>12,} B  "
                  f"{backup.path}")
        print(f"{len(backups)} backup(s) in {directory}")
        return EXIT_OK
    try:
        backup = take_backup(settings.effective_database_url, directory, settings.kiosk_id)
    except BackupError as exc:
        print(f"kiosk backup: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"backup written and checked: {backup.path} ({backup.size:,} bytes)")
    if args.rotate:
        removed = rotate(directory, settings.kiosk_id, settings.backup_keep_daily,
                         settings.backup_keep_weekly)
        print(f"{len(removed)} old backup(s) removed")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.backup.backups import BackupError, check_backup, restore_backup
    from kiosk.config import data_dir
    from kiosk.health.startup import RunMarker

    settings: Settings = args.settings
    path = Path(args.file).expanduser()
    try:
        checked = check_backup(path)
    except BackupError as exc:
        print(f"kiosk restore: nothing was changed: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{path}: sound {checked.kind} kiosk database at schema {checked.revision}")
    if not args.yes:
        if not sys.stdin.isatty():
            print("kiosk restore: add --yes to replace the database without a question",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        answer = input("Replace the kiosk database with this backup? Type yes: ")
        if answer.strip().lower() != "yes":
            print("nothing was changed")
            return EXIT_OK
    try:
        result = restore_backup(settings.effective_database_url, path,
                                settings.effective_backup_dir, RunMarker(data_dir()))
    except BackupError as exc:
        print(f"kiosk restore: {exc}", file=sys.stderr)
        return EXIT_FAILED
    kept = f"; the replaced database was kept as {result.pre_restore_copy}" \
        if result.pre_restore_copy else ""
    print(f"database restored from {path}{kept}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser("backup", help="write a checked backup of the database")
    backup.add_argument("dir", nargs="?", metavar="DIR",
                        help="folder for the backup (default: [backup] dir)")
    backup.add_argument("--list", action="store_true", help="list the backups in the folder")
    backup.add_argument("--rotate", action="store_true",
                        help="then remove backups beyond [backup] keep_daily/keep_weekly")
    backup.set_defaults(handler=cmd_backup)
    restore = sub.add_parser("restore", help="check a backup, then replace the database with it")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask before replacing")
    restore.set_defaults(handler=cmd_restore)
