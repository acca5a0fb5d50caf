"""The secret PIN key: a 0600 file outside the database, and its id inside it.

A household PIN has four digits, so a plain scrypt hash falls to an offline search in
seconds. Every stored PIN hash is therefore sealed with a random 32-byte key that lives
in ``pin.key`` beside the config file, never in the database or its backups: a copied
database (or backup) alone is useless for a PIN search. The database keeps only the
key's id (an HMAC of a fixed text, not the key), so a kiosk with a missing or wrong key
file knows it, refuses PINs and says which file to restore, instead of counting every
resident's right PIN as wrong.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, String, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.domain.credentials import KEYED_SCHEME, key_fingerprint, seal_scrypt_hash
from kiosk.storage.engine import WRITE_OPTION
from kiosk.storage.models import Base, HouseholdRow, NeighbourRow
from kiosk.storage.private import FILE_MODE, private_dir, sync_folder, tighten

log = logging.getLogger(__name__)

KEY_BYTES = 32
_ROW_ID = 1


class PinKeyRow(Base):
    """One row: the id of the key every PIN hash in this database is sealed with."""

    __tablename__ = "pin_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]


class PinKeyFileError(Exception):
    """The key file exists but cannot be read or is not a key."""


def read_key(path: Path) -> bytes | None:
    """The key in ``path`` (64 hex digits), or None when there is no such file."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise PinKeyFileError(f"cannot read the PIN key file {path}: {exc}") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise PinKeyFileError(f"{path} is not a PIN key file (want {KEY_BYTES * 2} hex digits)")
    return key


def create_key_file(path: Path) -> bytes:
    """A new random key in a 0600 file whatever the umask; never replaces an existing
    file (a key another process made a moment ago wins)."""
    private_dir(path.parent, existing_too=False)
    key = secrets.token_bytes(KEY_BYTES)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits off even the owner's
            os.write(fd, key.hex().encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(partial, path)  # fails if the file appeared meanwhile: never overwrite
    finally:
        partial.unlink(missing_ok=True)
    sync_folder(path.parent)
    return key




def is_private(path: Path) -> bool:
    """True when group and others have no access to ``path``."""
    return not stat.S_IMODE(path.stat().st_mode) & 0o077


@dataclass(frozen=True)
class PinKeyStatus:
    """What ``open_pin_key`` found: the key to hash with, or the problem to report."""

    path: Path
    key: bytes | None
    database_key_id: str | None
    problem: str = ""
    created: bool = False
    sealed: int = 0

    @property
    def key_id(self) -> str | None:
        return key_fingerprint(self.key) if self.key is not None else None


def stored_key_id(engine: Engine) -> str | None:
    """The key id the database records, or None before the first keyed start."""
    with engine.connect() as connection:
        return connection.scalar(select(PinKeyRow.key_id).where(PinKeyRow.id == _ROW_ID))


def missing_key_problem(path: Path, key_id: str) -> str:
    return (f"the PIN key file {path} is missing, but this database's PINs are sealed "
            f"with key {key_id}: restore pin.key from the backup of the config folder, or "
            f"copy it (mode 0600) from another kiosk of this village")


def wrong_key_problem(path: Path, file_id: str, key_id: str) -> str:
    return (f"the PIN key file {path} holds key {file_id}, but this database's PINs are "
            f"sealed with key {key_id}: restore the right pin.key from the backup of the "
            f"config folder, or copy it from another kiosk of this village")


def open_pin_key(engine: Engine, path: Path, now: datetime) -> PinKeyStatus:
    """Load the key (creating it on the first start of a database that has none), check
    it matches the database, and seal any plain PIN hashes with it, all in one
    transaction. A missing or wrong key is returned as ``problem`` and logged with what
    to do, never raised: the kiosk keeps running and refuses PINs."""
    try:
        status = _open(engine, path, now)
    except SQLAlchemyError as exc:
        status = PinKeyStatus(path, None, None, "cannot read the PIN key id from the "
                              f"database ({type(exc).__name__}): run `kiosk db upgrade`")
    if status.problem:
        log.error("pin_key_unavailable: %s. PINs are refused until then.", status.problem)
    if status.created:
        log.warning("pin_key_created path=%s key_id=%s: back this file up apart from the "
                    "database, and copy it to every kiosk and desk PC sharing the database",
                    path, status.key_id)
    if status.sealed:
        log.info("pin_hashes_sealed count=%d key_id=%s", status.sealed, status.key_id)
    return status


def _open(engine: Engine, path: Path, now: datetime) -> PinKeyStatus:
    try:
        key = read_key(path)
    except PinKeyFileError as exc:
        return PinKeyStatus(path, None, _quiet_stored_id(engine), f"{exc}; restore pin.key "
                            "from the backup of the config folder")
    if key is not None:
        tighten(path, FILE_MODE)  # a copy made with a loose umask is fixed on start
    for _attempt in range(2):
        try:
            return _reconcile(engine, path, key, now)
        except IntegrityError:
            continue  # another kiosk recorded its key first: compare with that one
    return _reconcile(engine, path, key, now)


def _quiet_stored_id(engine: Engine) -> str | None:
    try:
        return stored_key_id(engine)
    except Exception:  # only for the message: the real error is the file's
        return None


def _reconcile(engine: Engine, path: Path, key: bytes | None, now: datetime) -> PinKeyStatus:
    created = False
    writer = engine.execution_options(**{WRITE_OPTION: True})
    try:
        with writer.begin() as connection:
            query = select(PinKeyRow.key_id).where(PinKeyRow.id == _ROW_ID)
            if connection.dialect.name == "postgresql":
                query = query.with_for_update()
            recorded = connection.scalar(query)
            if recorded is None:
                if key is None:
                    key = create_key_file(path)
                    created = True
                recorded = key_fingerprint(key)
                connection.execute(insert(PinKeyRow).values(
                    id=_ROW_ID, key_id=recorded, created_at=now))
            elif key is None:
                return PinKeyStatus(path, None, recorded, missing_key_problem(path, recorded))
            elif key_fingerprint(key) != recorded:
                return PinKeyStatus(path, None, recorded, wrong_key_problem(
                    path, key_fingerprint(key), recorded))
            sealed = _seal_plain_hashes(connection, key)
    except BaseException:
        if created:
            path.unlink(missing_ok=True)  # its id never reached the database
        raise
    return PinKeyStatus(path, key, recorded, created=created, sealed=sealed)


def _seal_plain_hashes(connection: Connection, key: bytes) -> int:
    """Wrap every plain ``scrypt$`` PIN hash (households' and neighbours') with the key
    (no PIN needed); compare-and-set, so kiosks upgrading at once write the same value
    and never clobber a new PIN."""
    sealed = 0
    for table in (HouseholdRow, NeighbourRow):
        rows = connection.execute(select(table.id, table.pin_hash).where(
            table.pin_hash.not_like(f"{KEYED_SCHEME}$%"))).all()
        for row_id, stored in rows:
            new = seal_scrypt_hash(stored, key)
            if new is None:
                log.warning("pin_hash_unreadable %s id=%s: left as is (reset its PIN)",
                            table.__tablename__, row_id)
                continue
            sealed += connection.execute(update(table).where(
                table.id == row_id, table.pin_hash == stored).values(pin_hash=new)).rowcount
    return sealed
