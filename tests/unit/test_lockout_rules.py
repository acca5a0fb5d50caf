"""The one lockout rule escalates, and the village-wide guessing rule (pure domain)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.domain.credentials import LONG_LOCK, after_wrong_try
from kiosk.domain.lockouts import (
    LockoutEvent,
    LockoutKind,
    running_long_locks,
    suspected_kiosks,
)

NOW = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def test_third_lock_within_a_day_lasts_a_day_and_earlier_ones_do_not() -> None:
    assert after_wrong_try(0, NOW, 3, 15) == (1, None)
    assert after_wrong_try(2, NOW, 3, 15) == (0, NOW + timedelta(minutes=15))
    assert after_wrong_try(2, NOW, 3, 15, earlier_locks=1) == (0, NOW + timedelta(minutes=15))
    assert after_wrong_try(2, NOW, 3, 15, earlier_locks=2) == (0, NOW + LONG_LOCK)
    assert after_wrong_try(4, NOW, 5, 10, earlier_locks=7) == (0, NOW + LONG_LOCK)
    # A configured lock longer than a day is never shortened by escalation.
    assert after_wrong_try(2, NOW, 3, 2000, earlier_locks=2) == (
        0, NOW + timedelta(minutes=2000))


def locked(subject: str, minutes: float, kiosk: str = "lobby-1", long: bool = False,
           kind: LockoutKind = LockoutKind.HOUSEHOLD) -> LockoutEvent:
    at = NOW + timedelta(minutes=minutes)
    return LockoutEvent(kind, subject, kiosk, at, at + (LONG_LOCK if long else
                                                        timedelta(minutes=10)))


def test_five_households_within_an_hour_at_one_kiosk_is_a_suspected_attack() -> None:
    burst = [locked(f"101-{100 + i}", i * 12) for i in range(5)]  # 0..48 minutes
    found = suspected_kiosks(burst, NOW + timedelta(minutes=50))
    assert [(s.kiosk_id, len(s.households)) for s in found] == [("lobby-1", 5)]
    assert found[0].first == NOW and found[0].last == NOW + timedelta(minutes=48)
    # The same household five times is one forgetful family, not an attack.
    assert suspected_kiosks([locked("101-100", i * 12) for i in range(5)],
                            NOW + timedelta(minutes=50)) == []
    # Five households spread over two kiosks, or over more than an hour, are not either.
    spread = [locked(f"101-{100 + i}", i * 12, kiosk=f"lobby-{i % 2}") for i in range(5)]
    assert suspected_kiosks(spread, NOW + timedelta(minutes=50)) == []
    slow = [locked(f"101-{100 + i}", i * 16) for i in range(5)]  # 0..64 minutes
    assert suspected_kiosks(slow, NOW + timedelta(minutes=65)) == []
    # Desk accounts do not count as households.
    accounts = [locked(f"user{i}", i, kind=LockoutKind.ACCOUNT) for i in range(5)]
    assert suspected_kiosks(accounts, NOW + timedelta(minutes=10)) == []
    # The warning stays for an hour after the burst, then goes.
    assert suspected_kiosks(burst, NOW + timedelta(minutes=48 + 59)) != []
    assert suspected_kiosks(burst, NOW + timedelta(minutes=48 + 61)) == []


def test_only_running_long_locks_are_listed() -> None:
    events = [locked("101-1", 0, long=True), locked("101-2", 5), locked("101-3", 10, long=True)]
    assert [e.subject for e in running_long_locks(events, NOW + timedelta(hours=1))] == [
        "101-3", "101-1"]
    assert running_long_locks(events, NOW + timedelta(hours=24, minutes=5)) == [events[2]]
