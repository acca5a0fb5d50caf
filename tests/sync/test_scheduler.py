"""Pure scheduling policy: backoff with jitter, ttl versus interval, error kinds."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sync.errors import BadResponse, ConfigError, FetchTimeout, OfflineError, RetryLater
from kiosk.sync.records import FetchResult
from kiosk.sync.scheduler import (
    CONFIG_ERROR_RETRY_S,
    SourceSchedule,
    backoff_delay,
    failure_delay,
    next_attempt,
    success_delay,
)

NOW = datetime(2025, 5, 17, tzinfo=UTC)


def test_backoff_doubles_up_to_the_cap() -> None:
    assert backoff_delay(0, jitter=0.5) == 0
    assert [backoff_delay(n, jitter=0.0) for n in range(1, 6)] == [2.5, 5, 10, 20, 40]
    assert [backoff_delay(n, jitter=1.0) for n in range(1, 6)] == [5, 10, 20, 40, 80]
    assert backoff_delay(50, jitter=1.0) == 900
    assert backoff_delay(10_000, jitter=0.0) == 450


@settings(derandomize=True, database=None, max_examples=300)
@given(st.integers(1, 10_000), st.floats(allow_nan=True, allow_infinity=True))
def test_backoff_is_bounded_for_any_input(attempt: int, jitter: float) -> None:
    delay = backoff_delay(attempt, jitter=jitter)
    assert math.isfinite(delay)
    ceiling = min(900.0, 5.0 * 2.0 ** min(attempt - 1, 40))
    assert ceiling / 2 <= delay <= ceiling


def test_success_delay_prefers_the_longer_of_interval_and_ttl() -> None:
    assert success_delay(60, None) == 60
    assert success_delay(60, 0) == 60
    assert success_delay(60, 300) == 300
    assert success_delay(60, 10) == 60
    assert success_delay(60, 10**9) == 86_400


def test_failure_delays_by_kind() -> None:
    assert failure_delay(ConfigError("bad key"), 1, jitter=0.5) == CONFIG_ERROR_RETRY_S
    assert failure_delay(OfflineError("down"), 3, jitter=0.0) == 10
    assert failure_delay(FetchTimeout("slow"), 1, jitter=1.0) == 5
    assert failure_delay(BadResponse("junk"), 2, jitter=0.0) == 5
    assert failure_delay(RetryLater("busy", retry_after_s=600), 1, jitter=0.0) == 600
    assert failure_delay(RetryLater("busy", retry_after_s=1), 4, jitter=0.0) == 20


def test_next_attempt() -> None:
    assert next_attempt(NOW, interval_s=60) == NOW + timedelta(seconds=60)
    assert next_attempt(NOW, interval_s=60, ttl_s=120) == NOW + timedelta(seconds=120)
    later = next_attempt(NOW, interval_s=60, failures=2, error=OfflineError("x"), jitter=0.0)
    assert later == NOW + timedelta(seconds=5)


def test_schedule_state_machine() -> None:
    state = SourceSchedule()
    assert state.due(NOW)
    state = state.after_failure(NOW, OfflineError("no network"), 60, jitter=0.0)
    assert state.failures == 1 and state.next_at == NOW + timedelta(seconds=2.5)
    assert not state.due(NOW) and state.due(NOW + timedelta(seconds=3))
    assert state.last_error == "offline: no network" and not state.needs_attention
    state = state.after_failure(NOW, ConfigError("bad key", code="INFO-100"), 60, jitter=0.0)
    assert state.needs_attention and state.failures == 2
    assert state.last_error == "configuration: bad key [INFO-100]"
    result = FetchResult((), (), (), True, False, None, None, 30, NOW)
    state = state.after_success(NOW, result, 60)
    assert state == SourceSchedule(
        next_at=NOW + timedelta(seconds=60), failures=0, last_success_at=NOW
    )


@pytest.mark.parametrize("failures", [1, 5, 50])
def test_retry_never_sooner_than_retry_after(failures: int) -> None:
    error = RetryLater("busy", retry_after_s=777)
    assert next_attempt(NOW, interval_s=60, failures=failures, error=error, jitter=0.0) >= (
        NOW + timedelta(seconds=777)
    )
