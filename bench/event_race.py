"""Race: many processes sign households up for the last seats of one event at once.

    python -m bench.event_race --url sqlite:////tmp/race.db --processes 8 --households 64

Prints sign-ups, refusals by reason and elapsed time; the stored sign-ups are counted
afterwards from the database.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.race import race


@dataclass(frozen=True)
class EventRaceResult:
    attempts: int
    signed_up: int
    refusals: dict[str, int]
    elapsed_s: float
    stored: int
    seats: int
    shared_household_seats: int


def _worker(url: str, event_id: int, household_ids: list[int], clock_start: str,
            barrier: Any, queue: Any) -> None:
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.bookings import Actor
    from kiosk.domain.clock import start_clock_at
    from kiosk.domain.events import SignupRefused

    start_clock_at(datetime.fromisoformat(clock_start))  # the caller's clock, not today
    services = build_services(Settings(database_url=url), upgrade=False)
    actor = Actor("kiosk", f"race-{mp.current_process().pid}")
    outcomes: Counter[str] = Counter()
    barrier.wait()
    for household_id in household_ids:
        try:
            services.events.sign_up(event_id, household_id, actor)
            outcomes["signed_up"] += 1
        except SignupRefused as exc:
            outcomes[exc.reason.value] += 1
        except Exception as exc:  # any failure is reported, never raised
            outcomes[f"error:{type(exc).__name__}"] += 1
    services.close()
    queue.put(dict(outcomes))


def prepare(url: str, seats: int, households: int, now: datetime) -> tuple[int, list[int]]:
    """A fresh event with ``seats`` seats tomorrow and ``households`` households."""
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.bookings import Actor
    from kiosk.domain.events import Event
    from kiosk.domain.households import Household

    services = build_services(Settings(database_url=url))
    hasher = replace(services.bookings.hasher, n=2**4)  # its key, a cheap cost
    pin_hash = hasher.hash("1234")
    board = replace(services.events, clock=lambda: now)
    event = board.add(Event("옥상 나눔 장터", now + timedelta(days=1), seats, place="옥상"),
                      Actor("admin", "race"))
    assert event.id is not None
    with services.bookings.uow(write=True) as uow:
        ids = []
        for i in range(households):
            h = uow.households.add(Household("900", str(1000 + i), pin_hash), now)
            assert h.id is not None
            ids.append(h.id)
        uow.commit()
    services.close()
    return event.id, ids


def stored_signups(url: str, event_id: int, household_id: int) -> tuple[int, int]:
    """Active sign-ups of the event, and seats (rows) the shared household holds."""
    from sqlalchemy import func, select

    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.storage.event_models import EventSignupRow

    services = build_services(Settings(database_url=url), upgrade=False)
    with services.engine.connect() as connection:
        active = connection.scalar(select(func.count()).select_from(EventSignupRow).where(
            EventSignupRow.event_id == event_id, EventSignupRow.cancelled_at.is_(None)))
        shared = connection.scalar(select(func.count()).select_from(EventSignupRow).where(
            EventSignupRow.event_id == event_id, EventSignupRow.household_id == household_id))
    services.close()
    return int(active or 0), int(shared or 0)


def run_event_race(url: str, processes: int = 8, households: int = 64, seats: int = 5,
                   now: datetime | None = None) -> EventRaceResult:
    """Every process first tries one shared household, then its own share of the rest."""
    now = now or datetime.now(UTC)
    event_id, ids = prepare(url, seats, households, now)
    shared, rest = ids[0], ids[1:]
    shares = [[shared, *rest[i::processes]] for i in range(processes)]
    totals, elapsed = race(_worker, [(url, event_id, share, now.isoformat())
                                     for share in shares])
    signed = totals.pop("signed_up", 0)
    stored, shared_rows = stored_signups(url, event_id, shared)
    return EventRaceResult(sum(len(s) for s in shares), signed, dict(totals), elapsed,
                           stored, seats, shared_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--households", type=int, default=64)
    parser.add_argument("--seats", type=int, default=5)
    args = parser.parse_args()
    result = run_event_race(args.url, args.processes, args.households, args.seats)
    print(json.dumps(result.__dict__, indent=2))


if __name__ == "__main__":
    main()
