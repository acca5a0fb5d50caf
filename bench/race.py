"""Race: many processes book the same remaining units at once.

    python -m bench.race --url sqlite:////tmp/race.db --processes 8 --attempts 200

Prints attempts, successes, refusals by reason and elapsed time. The capacity
invariant is checked afterwards from the stored bookings.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

RESOURCE = "race-spots"


@dataclass(frozen=True)
class RaceResult:
    attempts: int
    successes: int
    refusals: dict[str, int]
    elapsed_s: float
    peak_units: int
    capacity: int


def _worker(url: str, parties: list[tuple[str, int]], start_iso: str, barrier: Any,
            queue: Any) -> None:
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.bookings import Actor
    from kiosk.domain.errors import BookingRefused
    from kiosk.domain.policy import BookingRequest

    services = build_services(Settings(database_url=url), upgrade=False)
    start = datetime.fromisoformat(start_iso)
    request = BookingRequest(RESOURCE, start, start + timedelta(hours=1))
    actor = Actor("kiosk", f"race-{mp.current_process().pid}")
    outcomes: Counter[str] = Counter()
    barrier.wait()
    for kind, party_id in parties:
        try:
            if kind == "neighbour":
                services.bookings.book_neighbour(request, party_id, actor)
            else:
                services.bookings.book(request, party_id, actor)
            outcomes["booked"] += 1
        except BookingRefused as exc:
            outcomes[exc.reason.value] += 1
        except Exception as exc:  # any failure is reported, never raised
            outcomes[f"error:{type(exc).__name__}"] += 1
    services.close()
    queue.put(dict(outcomes))


def prepare(url: str, capacity: int, households: int, neighbours: int = 0
            ) -> tuple[list[tuple[str, int]], datetime]:
    """A fresh resource with ``capacity`` units, open to neighbours, and ``households``
    parties of which the last ``neighbours`` are neighbour members."""
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.households import Household
    from kiosk.domain.neighbours import Neighbour
    from kiosk.domain.resources import Location, Resource, ResourceKind
    from kiosk.domain.rules import Audience, BookingRules

    services = build_services(Settings(database_url=url))
    now = datetime.now(UTC)
    hasher = replace(services.bookings.hasher, n=2**4)  # its key, a cheap cost
    pin_hash = hasher.hash("1234")
    with services.bookings.uow(write=True) as uow:
        uow.resources.save(Resource(RESOURCE, ResourceKind.PARKING, "경합 주차", "Race parking",
                                    Location(37.6066, 127.0237), capacity=capacity,
                                    rules=BookingRules(max_days_ahead=30,
                                                       open_to=Audience.NEIGHBOURS)), now)
        ids: list[tuple[str, int]] = []
        for i in range(households - neighbours):
            h = uow.households.add(Household("900", str(1000 + i), pin_hash), now)
            assert h.id is not None
            ids.append(("household", h.id))
        for i in range(neighbours):
            n = uow.neighbours.add(Neighbour(f"이웃{i}", f"0100000{i:04d}", pin_hash), now)
            assert n.id is not None
            ids.append(("neighbour", n.id))
        # Interleaved, so every process alternates households and neighbours.
        households_first, members = ids[:households - neighbours], ids[households - neighbours:]
        ids = [p for pair in zip(households_first, members, strict=False) for p in pair] + \
            households_first[len(members):] + members[len(households_first):]
        uow.commit()
    services.close()
    start = (now + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return ids, start


def stored_peak(url: str) -> int:
    """Most units held at once by active bookings of the race resource."""
    from kiosk.app import build_services
    from kiosk.config import Settings
    from kiosk.domain.availability import occupancy, peak_units
    from kiosk.domain.bookings import ACTIVE_STATUSES

    services = build_services(Settings(database_url=url), upgrade=False)
    with services.bookings.uow() as uow:
        active = uow.bookings.search(resource_id=RESOURCE, statuses=ACTIVE_STATUSES)
    services.close()
    if not active:
        return 0
    held = [occupancy(b.start, b.end, b.units, 0) for b in active]
    return peak_units(held, min(b.start for b in active), max(b.end for b in active))


def race(worker: Callable[..., None], args: list[tuple[Any, ...]]
         ) -> tuple[Counter[str], float]:
    """One spawned process per ``args`` running ``worker(*args, barrier, queue)``, all
    released at once by the barrier; their outcome counts summed, and the seconds from
    the release until the last reported."""
    context = mp.get_context("spawn")
    barrier = context.Barrier(len(args) + 1)
    queue = context.Queue()
    workers = [context.Process(target=worker, args=(*a, barrier, queue)) for a in args]
    for process in workers:
        process.start()
    barrier.wait()
    began = time.perf_counter()
    totals: Counter[str] = Counter()
    for _ in workers:
        totals.update(queue.get(timeout=300))
    elapsed = time.perf_counter() - began
    for process in workers:
        process.join(timeout=60)
    queue.close()
    queue.join_thread()
    return totals, elapsed


def run_race(url: str, processes: int = 8, attempts: int = 200, capacity: int = 5,
             neighbours: int = 0) -> RaceResult:
    """``neighbours`` of the ``attempts`` are made by neighbour members, spread over
    every process like the households' attempts."""
    ids, start = prepare(url, capacity, attempts, neighbours)
    shares = [ids[i::processes] for i in range(processes)]
    totals, elapsed = race(_worker, [(url, share, start.isoformat()) for share in shares])
    successes = totals.pop("booked", 0)
    return RaceResult(attempts, successes, dict(totals), elapsed, stored_peak(url), capacity)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--neighbours", type=int, default=0,
                        help="how many of the attempts neighbour members make")
    args = parser.parse_args()
    result = run_race(args.url, args.processes, args.attempts, args.capacity, args.neighbours)
    print(json.dumps(result.__dict__, indent=2))


if __name__ == "__main__":
    main()
