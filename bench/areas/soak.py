"""Soak: memory of the kiosk after 0, 1,000 and 5,000 scripted flows.

The kiosk is built exactly as ``kiosk run`` builds it (application, home window,
sweeper timer) in a child process, on a copy of the demo village, offscreen at 1920×1080. One
*flow* runs every step in ``FLOWS`` once. Memory is read after a garbage collection
and with the event loop drained, summed over the child and anything it started.

Hook for more flows: add ``(name, step)`` to ``FLOWS``; a step gets the ``FlowContext``
and should leave the kiosk back on the home screen, e.g. tap a resource card, choose a
slot, enter a PIN, confirm, go home.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.harness import Context, Report, Target, run_python

NAME = "soak"
TITLE = "Soak: memory after scripted flows"
SOAK_RESOURCE = "soak-room"
# Residents take turns, as at a real kiosk: one household booking 5,000 times would
# measure how its own history grows, not whether the kiosk leaks.
SOAK_HOUSEHOLDS = 200


@dataclass
class FlowContext:
    app: Any
    window: Any
    services: Any
    households: list[int]
    start: datetime
    counter: int = 0


def switch_language(ctx: FlowContext) -> None:
    """Tap the language button (Korean and English in turn; the home screen is rebuilt)."""
    ctx.window.language_button.click()
    ctx.app.processEvents()


def book_and_cancel(ctx: FlowContext) -> None:
    """Book a slot and cancel it through the services the window uses (no booking screen
    exists yet, so this is the service half of the booking flow)."""
    from kiosk.domain.bookings import Actor
    from kiosk.domain.policy import BookingRequest

    actor = Actor("kiosk", "soak")
    start = ctx.start + timedelta(minutes=30 * (ctx.counter % 40))
    household = ctx.households[ctx.counter % len(ctx.households)]
    ctx.counter += 1
    booking = ctx.services.bookings.book(
        BookingRequest(SOAK_RESOURCE, start, start + timedelta(minutes=30)), household, actor)
    ctx.services.bookings.cancel(booking.code, actor, household_id=household)
    ctx.app.processEvents()


FLOWS: list[tuple[str, Callable[[FlowContext], None]]] = [
    ("language switch, alternating ko/en (home screen rebuilt)", switch_language),
    ("book + cancel through the booking service", book_and_cancel),
]


def memory_mb() -> dict[str, float]:
    import psutil

    from bench.harness import tree_memory

    me = psutil.Process(os.getpid())
    rss, pss, _ = tree_memory(me)
    return {"rss_mb": rss, "pss_mb": pss, "uss_mb": me.memory_full_info().uss / 2**20}


def _child(checkpoints: list[int]) -> None:
    from kiosk.app import build_services
    from kiosk.config import load_settings
    from kiosk.domain.households import Household, PinHasher
    from kiosk.domain.resources import Location, Resource, ResourceKind
    from kiosk.domain.rules import BookingRules, OpeningHours
    from kiosk.ui.qt_app import build_home, make_application, start_sweeper

    services = build_services(load_settings())  # the demo village, made by the harness
    now = datetime.now(UTC)
    with services.bookings.uow(write=True) as uow:
        uow.resources.save(Resource(SOAK_RESOURCE, ResourceKind.SPACE, "소크 회의실",
                                    "Soak room", Location(37.6066, 127.0237), capacity=1,
                                    rules=BookingRules(hours=OpeningHours.daily("00:00-24:00"),
                                                       max_days_ahead=30)), now)
        pin_hash = PinHasher(n=2**4).hash("1234")
        households = [uow.households.add(Household("990", str(100 + i), pin_hash), now).id
                      for i in range(SOAK_HOUSEHOLDS)]
        uow.commit()
    app = make_application([])
    window, _languages = build_home(services, app)
    _timer = start_sweeper(services, window)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    start = (now + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    flow = FlowContext(app, window, services, [h for h in households if h is not None], start)

    def settle() -> dict[str, float]:
        for _ in range(3):
            app.processEvents()
            gc.collect()
        return memory_mb()

    done = 0
    began = time.perf_counter()
    for checkpoint in checkpoints:
        while done < checkpoint:
            for _name, step in FLOWS:
                step(flow)
            done += 1
        mem = settle()
        print(json.dumps({"flows": done, "seconds": time.perf_counter() - began, **mem}),
              flush=True)
    services.close()
    os._exit(0)  # skip Qt teardown: not what is measured


def run(ctx: Context) -> Report:
    from bench.areas.startup import copy_village, kiosk_env

    report = Report(NAME, TITLE)
    checkpoints = ctx.pick([0, 1000, 5000], [0, 10, 50])
    points: dict[int, list[dict[str, float]]] = {c: [] for c in checkpoints}
    for i in range(1):  # one long run: 5,000 flows take minutes
        env = kiosk_env(copy_village(ctx, f"soak-{i}"))
        proc = run_python(["-m", "bench.areas.soak", "--child",
                           ",".join(map(str, checkpoints))], timeout=1200, env=env)
        lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
        if proc.returncode != 0 or len(lines) != len(checkpoints):
            raise RuntimeError(f"soak child exited {proc.returncode}: {proc.stderr[-1500:]}")
        for line in lines:
            points[int(line["flows"])].append(line)
    for c in checkpoints:
        report.add(f"memory after {c:,} flows (PSS)", [p["pss_mb"] for p in points[c]], "MiB")
        report.add(f"memory after {c:,} flows (USS)", [p["uss_mb"] for p in points[c]], "MiB")
    last, mid = checkpoints[-1], checkpoints[1]
    report.add(f"growth {mid:,} → {last:,} flows (PSS)",
               [(b["pss_mb"] - a["pss_mb"]) / a["pss_mb"] * 100
                for a, b in zip(points[mid], points[last], strict=True)], "%")
    report.add("time per flow",
               [(b["seconds"] - a["seconds"]) / (last - mid) * 1000
                for a, b in zip(points[mid], points[last], strict=True)], "ms")
    report.notes.append("one flow = " + "; ".join(name for name, _ in FLOWS) + ". Covers the "
                        "home screen and the booking service only: the booking screens are "
                        "not built yet (add their flows to bench/areas/soak.py FLOWS).")
    report.targets = [Target("growth 1,000 → 5,000 flows (PSS)", "<=", 5.0,
                             "no memory growth beyond 5% between 1,000 and 5,000 flows")]
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True, help="checkpoints, e.g. 0,1000,5000")
    _child([int(x) for x in parser.parse_args().child.split(",")])
