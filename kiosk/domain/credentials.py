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


def after_wrong_try(failed_attempts: int, now: datetime, max_attempts: int,
                    lock_minutes: int) -> tuple[int, datetime | None]:
    """The new (failed attempts, locked until) after one more wrong try: the last allowed
    one starts a lockout and clears the count."""
    attempts = failed_attempts + 1
    if attempts >= max_attempts:
        return 0, now + timedelta(minutes=lock_minutes)
    return attempts, None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
