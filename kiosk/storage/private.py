"""Private files: the data folder, database, WAL/SHM, backups and logs are the owner's.

A kiosk PC may have other local accounts. A readable database or backup hands out every
household's PIN hash (four digits fall to an offline search in seconds) and the booking
history, so folders are 0700 and files 0600 whatever the umask says. Modes are set
explicitly, never left to the umask.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def tighten(path: Path, mode: int) -> None:
    """``chmod`` a path of ours to ``mode``; someone else's, or a missing one, is left (the
    doctor reports it)."""
    try:
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc.strerror)


def private_dir(path: Path, existing_too: bool = True) -> Path:
    """Create ``path`` (parents as the system makes them) and make it 0700.

    ``existing_too=False`` only tightens a folder this call created: a database a user
    put in a shared folder does not change that folder."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True)
    if existing_too or not existed:
        tighten(path, DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """An empty 0600 file (SQLite then opens it; its WAL and SHM copy its mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path, FILE_MODE)
        return
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits off even the owner's
    finally:
        os.close(fd)


def sqlite_family(database: Path) -> list[Path]:
    """The database file and the side files SQLite keeps beside it."""
    return [database, *(database.with_name(database.name + s) for s in SQLITE_SIDE_FILES)]


def secure_database_file(database: Path) -> None:
    """Before SQLite opens ``database``: its folder exists (0700 when made here), it and
    its side files are 0600."""
    private_dir(database.parent, existing_too=False)
    create_private_file(database)
    for side in sqlite_family(database)[1:]:
        tighten(side, FILE_MODE)


def secure_tree(folders: Iterable[Path], database: Path | None) -> None:
    """Start-up: the kiosk's own folders and every file in them private (an installation
    from before this rule is fixed on its next start)."""
    for folder in folders:
        if not folder.is_dir():
            continue
        tighten(folder, DIR_MODE)
        for entry in folder.iterdir():
            if entry.is_file() and not entry.is_symlink():
                tighten(entry, FILE_MODE)
    if database is not None:
        for part in sqlite_family(database):
            tighten(part, FILE_MODE)


@dataclass(frozen=True)
class ModeProblem:
    path: Path
    mode: int
    wanted: int

    def __str__(self) -> str:
        return f"{self.path} is {self.mode:04o} (want {self.wanted:04o})"


def mode_problems(folders: Iterable[Path], database: Path | None) -> list[ModeProblem]:
    """Folders or files that group or others can read, write or enter."""
    found: list[ModeProblem] = []

    def check(path: Path, wanted: int) -> None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            return
        if mode & 0o077:
            found.append(ModeProblem(path, mode, wanted))

    seen: set[Path] = set()
    if database is not None:  # the file that matters most is named first
        for part in sqlite_family(database):
            seen.add(part)
            check(part, FILE_MODE)
    for folder in folders:
        if folder in seen or not folder.is_dir():
            continue
        seen.add(folder)
        check(folder, DIR_MODE)
        for entry in sorted(folder.iterdir()):
            if entry.is_file() and not entry.is_symlink() and entry not in seen:
                seen.add(entry)
                check(entry, FILE_MODE)
    return found


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in ``folder`` durable, as far as the file system lets us
    (best effort: some file systems refuse to fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
