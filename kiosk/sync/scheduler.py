"""When to fetch a source next: pure functions, so the policy is testable without
clocks, threads or a network.

* After a success: wait the configured interval, or the source's ttl when that is
  longer (asking earlier cannot give newer data). ttl 0 means "no hint".
* After a retryable failure: exponential backoff with jitter, never sooner than a
  server's Retry-After, never later than `max_backoff_s`.
* After a configuration error: retry only slowly (hourly by default); the
  association has to fix the settings, and is shown the error meanwhile.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

from kiosk.sync.errors import ConfigError, RetryLater, SyncError
from kiosk.sync.records import FetchResult

DEFAULT_BASE_S: Final = 5.0
DEFAULT_MAX_BACKOFF_S: Final = 900.0
CONFIG_ERROR_RETRY_S: Final = 3600.0
MAX_INTERVAL_S: Final = 86_400.0


def backoff_delay(
    attempt: int,
    *,
    jitter: float,
    base_s: float = DEFAULT_BASE_S,
    cap_s: float = DEFAULT_MAX_BACKOFF_S,
) -> float:
    """Delay before retry number `attempt` (1 = first retry), in seconds.

    The ceiling doubles per attempt up to `cap_s`; the delay is half the ceiling plus
    `jitter` (0..1, e.g. random.random()) times the other half ("equal jitter"), so
    kiosks that lost the network together do not all come back in the same second,
    yet none retries immediately.
    """
    if attempt <= 0:
        return 0.0
    if not math.isfinite(jitter):
        jitter = 0.5
    jitter = min(1.0, max(0.0, jitter))
    ceiling = min(cap_s, base_s * 2.0 ** min(attempt - 1, 40))
    return ceiling / 2.0 + ceiling / 2.0 * jitter


def success_delay(interval_s: float, ttl_s: int | None) -> float:
    """Seconds to wait after a successful fetch."""
    wait = max(float(interval_s), float(ttl_s or 0))
    return min(max(wait, 1.0), MAX_INTERVAL_S)


def failure_delay(
    error: SyncError,
    failures: int,
    *,
    jitter: float,
    base_s: float = DEFAULT_BASE_S,
    max_backoff_s: float = DEFAULT_MAX_BACKOFF_S,
) -> float:
    """Seconds to wait after the `failures`-th consecutive failure."""
    if isinstance(error, ConfigError) or not error.retryable:
        return CONFIG_ERROR_RETRY_S
    delay = backoff_delay(failures, jitter=jitter, base_s=base_s, cap_s=max_backoff_s)
    if isinstance(error, RetryLater) and error.retry_after_s is not None:
        delay = max(delay, min(error.retry_after_s, MAX_INTERVAL_S))
    return delay


def next_attempt(
    now: datetime,
    *,
    interval_s: float,
    ttl_s: int | None = None,
    failures: int = 0,
    error: SyncError | None = None,
    jitter: float = 0.5,
) -> datetime:
    """The time of the next fetch, after a success (error=None) or a failure."""
    if error is None:
        return now + timedelta(seconds=success_delay(interval_s, ttl_s))
    return now + timedelta(seconds=failure_delay(error, max(1, failures), jitter=jitter))


@dataclass(frozen=True, slots=True)
class SourceSchedule:
    """What the engine remembers between attempts for one source."""

    next_at: datetime | None = None
    failures: int = 0
    last_success_at: datetime | None = None
    last_error: str | None = None
    needs_attention: bool = False  # a configuration error: show it to the association

    def due(self, now: datetime) -> bool:
        return self.next_at is None or now >= self.next_at

    def after_success(
        self, now: datetime, result: FetchResult, interval_s: float
    ) -> SourceSchedule:
        return SourceSchedule(
            next_at=next_attempt(now, interval_s=interval_s, ttl_s=result.ttl_s),
            failures=0,
            last_success_at=now,
            last_error=None,
            needs_attention=False,
        )

    def after_failure(
        self, now: datetime, error: SyncError, interval_s: float, *, jitter: float
    ) -> SourceSchedule:
        failures = self.failures + 1
        return replace(
            self,
            next_at=next_attempt(
                now, interval_s=interval_s, failures=failures, error=error, jitter=jitter
            ),
            failures=failures,
            last_error=f"{error.label}: {error}",
            needs_attention=isinstance(error, ConfigError),
        )
