"""Typed failures of a fetch, and redaction of secrets from what gets reported.

The sync scheduler decides what to do from the type alone: wait and retry
(OfflineError, RetryLater, BadResponse) or stop and tell the association
(ConfigError). Every message and URL carried by these errors is already redacted,
because they end up in logs and on the association's screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar
from urllib.parse import quote, quote_plus

REDACTED = "***"

# Query parameters that commonly carry credentials in open-data URLs.
_SECRET_QUERY = re.compile(
    r"(?i)([?&](?:key|apikey|api_key|servicekey|service_key|token|access_token|auth)=)[^&#\s]*"
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Remove every secret (plain or percent-encoded) and credential-like query value."""
    out = text
    for secret in secrets:
        if not secret or len(secret) < 3:
            # Too short to redact safely without mangling unrelated text; keys this
            # short are rejected by configuration anyway.
            continue
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            out = out.replace(form, REDACTED)
    return _SECRET_QUERY.sub(lambda m: m.group(1) + REDACTED, out)


class SyncError(Exception):
    """Base of every failure a source can report. `retryable` drives the scheduler."""

    retryable: ClassVar[bool] = True
    label: ClassVar[str] = "sync error"

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        code: str | None = None,
        source_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.code = code
        self.source_id = source_id

    def __str__(self) -> str:
        parts = [self.message]
        if self.code:
            parts.append(f"[{self.code}]")
        if self.url:
            parts.append(f"({self.url})")
        return " ".join(parts)


class OfflineError(SyncError):
    """The network or the host cannot be reached: normal for an offline building."""

    label = "offline"


class FetchTimeout(OfflineError):
    """Connecting, reading or the whole fetch took longer than allowed."""

    label = "timeout"


class RetryLater(SyncError):
    """The source is up but asked us to come back later (5xx, 429, Seoul ERROR-5xx/6xx)."""

    label = "retry later"

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        code: str | None = None,
        source_id: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(message, url=url, code=code, source_id=source_id)
        self.retry_after_s = retry_after_s


class ConfigError(SyncError):
    """The source configuration is wrong (bad key, bad URL, bad service name).

    Retrying will not help; the association has to fix the settings.
    """

    retryable = False
    label = "configuration"


class BadResponse(SyncError):
    """The source answered with something unusable: nothing of this fetch applies."""

    label = "bad response"


class ResponseTooLarge(BadResponse):
    """The body exceeded the configured size limit; reading stopped early."""

    label = "response too large"


class RedirectRefused(BadResponse):
    """The source redirected to another host (or downgraded to plain HTTP)."""

    label = "redirect refused"
