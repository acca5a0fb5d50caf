"""Taking, checking and restoring backups, all-or-nothing.

SQLite: the online backup API copies a consistent snapshot while the kiosk keeps
booking; the copy is switched to a self-contained (non-WAL) file, checked with
``PRAGMA integrity_check`` and only then renamed to its final name. PostgreSQL:
``pg_dump`` custom format, checked with ``pg_restore --list``. A failure of any kind
(full disk included) removes the partial file: a backup folder only ever holds
complete, checked backups.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.backup.files import STAMP, BackupFile, backup_name, parse_backup_name
from kiosk.domain.clock import utc_now
from kiosk.health.probe import free_disk_bytes
from kiosk.health.startup import RunMarker, integrity_problems, sqlite_path
from kiosk.storage.private import FILE_MODE, private_dir

log = logging.getLogger(__name__)

KIOSK_TABLES = frozenset({"alembic_version", "resources", "households", "bookings"})
SPACE_MARGIN = 1_000_000
SQLITE_FULL = 13


class BackupError(Exception):
    """A backup or restore did not happen; the message says why and what to do."""


@dataclass(frozen=True)
class BackupCheck:
    """A backup file that passed every check."""

    path: Path
    kind: str
    revision: str


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    revision: str
    pre_restore_copy: Path | None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return (code is not None and code & 0xFF == SQLITE_FULL) or "disk is full" in str(exc)
    return False


def _full_disk(directory: Path, needed: int | None) -> BackupError:
    free = free_disk_bytes(directory)
    need = f"; the backup needs about {_mb(needed)}" if needed else ""
    have = f" ({_mb(free)} free{need})" if free is not None else ""
    return BackupError(f"the disk holding {directory} is full{have}. Nothing was written. "
                       f"Free some space (old backups, old logs) or give another folder: "
                       f"kiosk backup DIR")


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", path)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _db_size(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


# ----------------------------------------------------------------------------- taking
def _in_use(path: Path) -> bool:
    """Whether a writer holds ``path`` (see ``_writing``); a missing file is not in use."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


class _Writing:
    """An exclusive lock on a partial file while it is written and renamed: the kernel
    drops it when the writer ends, killed or not, so ``clean_partials`` tells a live
    backup from a dead one without comparing clocks."""

    def __init__(self, temp: Path) -> None:
        self.fd = os.open(temp, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError:
            os.close(self.fd)
            raise

    def __enter__(self) -> _Writing:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self.fd)


def clean_partials(directory: Path) -> int:
    """Remove what killed backups left (``.NAME.partial`` and its journal); at start and
    before each backup. A partial some process is still writing is left alone. Returns
    how many files went."""
    removed = 0
    try:
        entries = list(directory.iterdir())
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not name.startswith("."):
            continue
        if name.endswith(".partial-journal"):
            owner = entry.with_name(name.removesuffix("-journal"))
        elif name.endswith(".partial"):
            owner = entry
        else:
            continue
        if _in_use(owner):
            continue
        try:
            entry.unlink()
            removed += 1
        except OSError:
            continue
    if removed:
        log.info("removed %d unfinished backup file(s)", removed,
                 extra={"event": "backup_partials_removed", "count": removed})
    return removed


def take_backup(url: str, directory: Path, kiosk_id: str,
                now: datetime | None = None) -> BackupFile:
    """Write one checked backup of the database at ``url`` into ``directory``."""
    now = now or utc_now()
    try:
        private_dir(directory)
    except OSError as exc:
        if _is_disk_full(exc):
            raise _full_disk(directory.parent, None) from None
        raise BackupError(f"cannot create the backup folder {directory}: {exc.strerror}") from None
    clean_partials(directory)
    source = sqlite_path(url)
    kind = "sqlite" if source is not None else "pg_dump"
    final = directory / backup_name(kiosk_id, now, kind)
    if final.exists():
        raise BackupError(f"{final} already exists; wait a second and try again")
    temp = directory / f".{final.name}.partial"
    try:
        writing = _Writing(temp)
    except OSError as exc:
        if _is_disk_full(exc):
            raise _full_disk(directory, None) from None
        raise BackupError(f"cannot write in the backup folder {directory}: {exc.strerror}"
                          ) from None
    with writing:
        try:
            if source is not None:
                _sqlite_backup(source, temp, directory)
            else:
                _pg_dump(url, temp, directory)
            os.chmod(temp, FILE_MODE)  # private whatever the umask: it holds PIN hashes
            _fsync_file(temp)
            os.replace(temp, final)
            _fsync_dir(directory)
        except OSError as exc:
            _remove(temp)
            raise BackupError(f"could not finish the backup in {directory}: {exc.strerror}"
                              ) from None
        except BaseException:
            _remove(temp)  # nothing half-written stays behind, whatever went wrong
            raise
    backup = parse_backup_name(final)
    assert backup is not None
    log.info("backup written", extra={"event": "backup", "file": final.name,
                                      "bytes": final.stat().st_size})
    return backup


def _sqlite_backup(source: Path, temp: Path, directory: Path) -> None:
    if not source.exists():
        raise BackupError(f"there is no database at {source} to back up")
    needed = _db_size(source)
    free = free_disk_bytes(directory)
    if free is not None and free < needed + SPACE_MARGIN:
        raise _full_disk(directory, needed)
    journal = temp.with_name(temp.name + "-journal")
    try:
        src = sqlite3.connect(source, timeout=30)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                # A backup is one self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode=DELETE").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        problems = integrity_problems(temp)
        if problems:
            raise BackupError("the copy failed its integrity check (" + "; ".join(problems[:3])
                              + "); the database itself may be damaged: run kiosk doctor")
        check_sqlite_file(temp)
    except BackupError:
        _remove(temp, journal)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove(temp, journal)
        if _is_disk_full(exc):
            raise _full_disk(directory, needed) from None
        raise BackupError(f"backup of {source} failed: {exc}") from None


def _pg_environment(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password (which goes in PGPASSWORD, not on the command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client "
                          f"(apt-get install postgresql-client)")
    return found


def _pg_dump(url: str, temp: Path, directory: Path) -> None:
    uri, env = _pg_environment(url)
    result = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner",
                             f"--file={temp}", f"--dbname={uri}"],
                            capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        _remove(temp)
        if "No space left" in result.stderr or "could not write" in result.stderr:
            raise _full_disk(directory, None)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[-500:]}")
    try:
        check_pg_dump(temp)
    except BackupError:
        _remove(temp)
        raise


# --------------------------------------------------------------------------- checking
def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from kiosk.storage.migrate import alembic_config

    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _check_revision(path: Path, revision: str | None) -> str:
    if not revision:
        raise BackupError(f"{path} has no schema revision; it is not a kiosk database")
    if revision not in known_revisions():
        raise BackupError(f"{path} was made by a newer version of the kiosk (schema "
                          f"{revision}); update the kiosk before restoring it")
    return revision


def check_sqlite_file(path: Path) -> BackupCheck:
    """Is ``path`` a sound SQLite kiosk database at a schema revision this code knows?"""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    if header != b"SQLite format 3\x00":
        raise BackupError(f"{path} is not a SQLite database")
    problems = integrity_problems(path)
    if problems:
        raise BackupError(f"{path} is damaged: " + "; ".join(problems[:3]))
    try:
        connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = KIOSK_TABLES - tables
            if missing:
                raise BackupError(f"{path} is not a kiosk database (no "
                                  f"{', '.join(sorted(missing))} table)")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be read as a kiosk database: {exc}") from None
    return BackupCheck(path, "sqlite", _check_revision(path, row[0] if row else None))


def check_pg_dump(path: Path) -> BackupCheck:
    """Is ``path`` a readable pg_dump archive of a kiosk database this code knows?"""
    listing = subprocess.run([_pg_tool("pg_restore"), "--list", str(path)],
                             capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        raise BackupError(f"{path} is not a readable pg_dump archive: "
                          f"{listing.stderr.strip()[-300:]}")
    tables = {line.split()[-2] for line in listing.stdout.splitlines()
              if " TABLE DATA " in line and len(line.split()) >= 2}
    missing = KIOSK_TABLES - tables
    if missing:
        raise BackupError(f"{path} is not a kiosk database (no {', '.join(sorted(missing))})")
    data = subprocess.run([_pg_tool("pg_restore"), "--data-only", "--table=alembic_version",
                           "--file=-", str(path)], capture_output=True, text=True, check=False)
    lines = data.stdout.splitlines()
    revision = None
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and index + 1 < len(lines):
            revision = lines[index + 1].strip() or None
            break
    return BackupCheck(path, "pg_dump", _check_revision(path, revision))


def check_backup(path: Path) -> BackupCheck:
    """Check a backup file of either kind, by its content rather than its name."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    with open(path, "rb") as handle:
        magic = handle.read(16)
    if magic.startswith(b"PGDMP"):
        return check_pg_dump(path)
    return check_sqlite_file(path)


# -------------------------------------------------------------------------- restoring
def restore_backup(url: str, backup: Path, backup_dir: Path, marker: RunMarker | None = None,
                   now: datetime | None = None) -> RestoreResult:
    """Replace the database with ``backup`` after checking it; keeps a pre-restore copy."""
    checked = check_backup(backup)
    if marker is not None:
        pid = marker.held_by_other_process()
        if pid is not None:
            raise BackupError(f"the kiosk is running (process {pid}); stop it first "
                              f"(systemctl --user stop sharing-village-kiosk) and try again")
    stamp = (now or utc_now()).astimezone(UTC).strftime(STAMP)
    target = sqlite_path(url)
    if target is not None:
        if checked.kind != "sqlite":
            raise BackupError(f"{backup} is a PostgreSQL dump; this kiosk uses SQLite")
        pre = _pre_restore_sqlite(target, backup_dir, stamp)
        _replace_sqlite(target, backup)
    else:
        if checked.kind != "pg_dump":
            raise BackupError(f"{backup} is a SQLite file; this kiosk uses PostgreSQL")
        pre = _pre_restore_pg(url, backup_dir, stamp)
        _pg_restore(url, backup)
    log.warning("database restored", extra={"event": "restore", "file": backup.name,
                                            "revision": checked.revision})
    return RestoreResult(backup, checked.revision, pre)


def _pre_restore_sqlite(target: Path, backup_dir: Path, stamp: str) -> Path | None:
    if not target.exists():
        return None
    private_dir(backup_dir)
    copy = backup_dir / f"pre-restore-{stamp}.db"
    try:
        _sqlite_backup(target, copy, backup_dir)
        os.chmod(copy, FILE_MODE)
    except BackupError as exc:
        if "full" in str(exc):
            raise
        # A damaged database may not copy through SQLite: keep its raw files instead.
        log.warning("pre-restore copy through SQLite failed (%s); copying the raw files", exc)
        try:
            for suffix in ("", "-wal"):
                source = target.with_name(target.name + suffix)
                if source.exists():
                    shutil.copyfile(source, copy.with_name(copy.name + suffix))
                    os.chmod(copy.with_name(copy.name + suffix), FILE_MODE)
        except OSError as os_exc:
            _remove(copy, copy.with_name(copy.name + "-wal"))
            if _is_disk_full(os_exc):
                raise _full_disk(backup_dir, _db_size(target)) from None
            raise BackupError(f"could not keep a copy of the current database: "
                              f"{os_exc.strerror}; nothing was replaced") from None
    return copy


def _replace_sqlite(target: Path, backup: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".restoring")
    try:
        shutil.copyfile(backup, staging)
        os.chmod(staging, FILE_MODE)
        _fsync_file(staging)
    except OSError as exc:
        _remove(staging)
        if _is_disk_full(exc):
            raise _full_disk(target.parent, backup.stat().st_size) from None
        raise BackupError(f"could not copy {backup}: {exc.strerror}; nothing was replaced"
                          ) from None
    # The old WAL belongs to the old file: applied to the restored one it would corrupt it.
    _remove(target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm"))
    os.replace(staging, target)
    _fsync_dir(target.parent)
    problems = integrity_problems(target)
    if problems:
        raise BackupError(f"the restored database failed its check: {'; '.join(problems)}")


def _pre_restore_pg(url: str, backup_dir: Path, stamp: str) -> Path:
    private_dir(backup_dir)
    copy = backup_dir / f"pre-restore-{stamp}.dump"
    temp = backup_dir / f".{copy.name}.partial"
    with _Writing(temp):
        try:
            _pg_dump(url, temp, backup_dir)
            os.chmod(temp, FILE_MODE)
            os.replace(temp, copy)
        except BaseException:
            _remove(temp)
            raise
    return copy


def _pg_restore(url: str, backup: Path) -> None:
    uri, env = _pg_environment(url)
    result = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                             "--single-transaction", f"--dbname={uri}", str(backup)],
                            capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise BackupError("pg_restore failed and changed nothing (one transaction): "
                          + result.stderr.strip()[-500:])
