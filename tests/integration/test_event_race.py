"""The seats of an event under a real multi-process race, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from bench.event_race import run_event_race


def test_many_processes_signing_up_for_the_last_seats(database_url: str, clock: Any) -> None:
    result = run_event_race(database_url, processes=8, households=64, seats=5, now=clock.now)
    print(f"\nevent race {database_url.split(':')[0]}: {result.attempts} attempts, "
          f"{result.signed_up} signed up, refusals {result.refusals}, "
          f"{result.elapsed_s:.2f} s")
    assert result.signed_up == result.stored == 5  # exactly the seats, 0 over capacity
    # Losers are told the event is full, or that their household already holds the seat;
    # nobody gets an error or "busy".
    assert set(result.refusals) <= {"full", "already"}
    assert sum(result.refusals.values()) == result.attempts - 5
    assert result.shared_household_seats <= 1  # one seat per household, whoever raced
