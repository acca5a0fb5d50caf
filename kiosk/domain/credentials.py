"""Secrets the kiosk and the desk check: scrypt hashes and lockout after wrong tries.

Household PINs and desk passwords differ in who enters them and how costly the hash is,
not in how they are stored or counted, so both go through these two pieces.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime, timedelta

SCRYPT_MAXMEM = 256 * 1024 * 1024
"""Room for the desk's n=2**15 (32 MiB), above hashlib's 32 MiB default."""


def scrypt_hash(secret: str, n: int, r: int, p: int) -> str:
    """``scrypt$n$r$p$salt$digest`` with a fresh salt: the cost travels with the hash,
    so it can be raised later without breaking stored ones."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=SCRYPT_MAXMEM)
    return "$".join(("scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)))


def scrypt_verify(secret: str, stored: str) -> bool:
    """Constant-time check against a stored hash; a malformed one never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                            p=int(p), dklen=len(expected), maxmem=SCRYPT_MAXMEM)
    return hmac.compare_digest(actual, expected)


KEYED_SCHEME = "scrypt-hmac1"
"""``scrypt-hmac1$n$r$p$salt$mac``: mac = HMAC-SHA256(key, scrypt(secret, salt)). The
scheme name is the version marker; a keyed check accepts nothing else."""


def keyed_scrypt_hash(secret: str, key: bytes, n: int, r: int, p: int) -> str:
    """A fresh salted scrypt, sealed with ``key``: without the key a copied hash cannot be
    searched offline, however few PINs there are."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=SCRYPT_MAXMEM)
    return "$".join((KEYED_SCHEME, str(n), str(r), str(p), _b64(salt),
                     _b64(_seal(key, digest))))


def keyed_scrypt_verify(secret: str, stored: str, key: bytes) -> bool:
    """Constant-time check of a keyed hash; a plain or malformed one never matches."""
    try:
        scheme, n, r, p, salt, mac = stored.split("$")
        if scheme != KEYED_SCHEME:
            return False
        expected = base64.b64decode(mac, validate=True)
        digest = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt, validate=True),
                                n=int(n), r=int(r), p=int(p), dklen=32, maxmem=SCRYPT_MAXMEM)
    except ValueError:  # binascii.Error is a ValueError too
        return False
    return hmac.compare_digest(_seal(key, digest), expected)


def seal_scrypt_hash(stored: str, key: bytes) -> str | None:
    """The keyed form of a plain ``scrypt$`` hash, made without knowing the secret (how
    existing hashes are upgraded); None when ``stored`` is not a well-formed plain hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or not all(part.isdigit() for part in (n, r, p)):
            return None
        raw = base64.b64decode(digest, validate=True)
        base64.b64decode(salt, validate=True)
    except ValueError:
        return None
    if len(raw) != 32:
        return None
    return "$".join((KEYED_SCHEME, n, r, p, salt, _b64(_seal(key, raw))))


def key_fingerprint(key: bytes) -> str:
    """A short id of ``key`` to store in the database: says which key its hashes need,
    and cannot be turned back into the key."""
    return hmac.new(key, b"sharing-village-kiosk pin key id", hashlib.sha256).hexdigest()[:16]


def _seal(key: bytes, digest: bytes) -> bytes:
    return hmac.new(key, digest, hashlib.sha256).digest()


ESCALATION_WINDOW = timedelta(hours=24)
"""Lockouts of one household, account or installer PIN counted together for escalation."""
LONG_LOCK_AFTER = 3
"""The third lockout within the window lasts ``LONG_LOCK``: guessing at 3 tries per
15 minutes all day would otherwise get through a 4-digit PIN in days."""
LONG_LOCK = timedelta(hours=24)


def after_wrong_try(failed_attempts: int, now: datetime, max_attempts: int,
                    lock_minutes: int, earlier_locks: int = 0) -> tuple[int, datetime | None]:
    """The new (failed attempts, locked until) after one more wrong try: the last allowed
    one starts a lockout and clears the count. ``earlier_locks`` is how many lockouts the
    same secret had within ``ESCALATION_WINDOW``; the ``LONG_LOCK_AFTER``-th lasts a day."""
    attempts = failed_attempts + 1
    if attempts >= max_attempts:
        if earlier_locks + 1 >= LONG_LOCK_AFTER:
            return 0, now + max(LONG_LOCK, timedelta(minutes=lock_minutes))
        return 0, now + timedelta(minutes=lock_minutes)
    return attempts, None


def is_long_lock(locked_at: datetime, locked_until: datetime) -> bool:
    """An escalated lockout, which the desk is told about."""
    return locked_until - locked_at >= LONG_LOCK


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
