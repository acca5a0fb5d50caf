"""The capacity invariant under a real multi-process race, on SQLite and PostgreSQL."""

from __future__ import annotations

from bench.race import run_race


def test_many_processes_booking_the_last_units(database_url: str) -> None:
    result = run_race(database_url, processes=8, attempts=200, capacity=5)
    print(f"\nrace {database_url.split(':')[0]}: {result.attempts} attempts, "
          f"{result.successes} booked, refusals {result.refusals}, {result.elapsed_s:.2f} s")
    assert result.successes == 5
    # Every loser is told the units were just taken; nobody gets an error or "busy".
    assert result.refusals == {"taken": 195}
    assert result.peak_units == 5


def test_households_and_neighbours_racing_for_the_last_units(database_url: str) -> None:
    """Half the attempts are neighbour members': the capacity holds for both parties."""
    result = run_race(database_url, processes=6, attempts=120, capacity=4, neighbours=60)
    assert result.successes == 4
    assert result.refusals == {"taken": 116}
    assert result.peak_units == 4
