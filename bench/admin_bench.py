"""The desk's bookings table over many bookings: time to open, scroll, sort and filter.

    python -m bench.admin_bench [--url sqlite:////tmp/admin-bench.db] [--rows 100000]

Fills the demo village with ``--rows`` bookings (bulk insert, spread over two years),
then drives the real table model and view offscreen and prints milliseconds for each
step (until the rows on screen are shown; queries run off the GUI thread) and how many
pages each step read from the database.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select

STATUSES = ("confirmed", "completed", "completed", "completed", "cancelled", "no_show",
            "pending", "checked_in", "rejected")
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def fill_bookings(engine: Engine, rows: int, seed: int = 7,
                  around: datetime | None = None) -> int:
    """Insert ``rows`` bookings for existing resources and households (bulk, one commit).

    Bookings are not checked against the rules: this measures reading, not booking.
    """
    from kiosk.storage.models import BookingRow, HouseholdRow, ResourceRow

    rng = random.Random(seed)
    centre = around or datetime.now(UTC)
    with engine.connect() as connection:
        resources = connection.scalars(
            select(ResourceRow.id).where(ResourceRow.bookable.is_(True))).all()
        households = connection.scalars(select(HouseholdRow.id)).all()
    if not resources or not households:
        raise RuntimeError("load a village first (resources and households)")
    codes: set[str] = set()
    batch: list[dict[str, Any]] = []
    with engine.begin() as connection:
        for _ in range(rows):
            code = "".join(rng.choice(ALPHABET) for _ in range(6))
            while code in codes:
                code = "".join(rng.choice(ALPHABET) for _ in range(6))
            codes.add(code)
            start = (centre - timedelta(days=rng.randint(-30, 700))).replace(
                minute=0, second=0, microsecond=0) + timedelta(hours=rng.randint(0, 14))
            end = start + timedelta(minutes=30 * rng.randint(1, 6))
            batch.append({
                "code": code, "resource_id": rng.choice(resources),
                "household_id": rng.choice(households), "start_at": start, "end_at": end,
                "units": 1, "plate": None, "status": rng.choice(STATUSES), "note": "",
                "created_by": "bench:fill", "created_at": start - timedelta(days=1),
                "updated_at": start - timedelta(days=1), "checked_in_at": None,
                "decided_by": None, "reason": None,
            })
            if len(batch) == 5000:
                connection.execute(insert(BookingRow), batch)
                batch = []
        if batch:
            connection.execute(insert(BookingRow), batch)
    return rows


def _timed(label: str, work: Callable[[], Any], model: Any) -> None:
    before = model.fetches
    began = time.perf_counter()
    work()
    elapsed = (time.perf_counter() - began) * 1000
    print(f"{label:<34} {elapsed:9.1f} ms   pages read: {model.fetches - before}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: a fresh SQLite)")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from kiosk.admin.bookings_model import BookingTableModel
    from kiosk.app import build_desk, build_services, load_demo
    from kiosk.config import Settings
    from kiosk.domain.bookings import BookingStatus
    from kiosk.services.ports import BookingQuery

    folder = tempfile.mkdtemp(prefix="admin-bench-")
    url = args.url or f"sqlite:///{folder}/bench.db"
    services = build_services(Settings(database_url=url))
    try:
        load_demo(services, reset=True, sample_bookings=False)
        began = time.perf_counter()
        fill_bookings(services.engine, args.rows)
        print(f"filled {args.rows:,} bookings in {time.perf_counter() - began:.1f} s ({url})")
        desk = build_desk(services)
        app = QApplication.instance() or QApplication([])
        model = BookingTableModel(desk.search)
        view = QTableView()
        view.resize(1400, 900)
        view.setModel(model)
        view.show()

        def settle() -> None:
            """Until the rows on screen are read: queries run on the thread pool."""
            for _ in range(3):
                view.viewport().repaint()
                while not model.idle:
                    app.processEvents()
                    time.sleep(0.001)
                app.processEvents()

        _timed("open (count + first screen)",
               lambda: (model.set_query(BookingQuery()), settle()), model)
        print(f"  rows: {model.total:,}")
        _timed("scroll to the middle",
               lambda: (view.scrollTo(model.index(model.total // 2, 0)), settle()), model)
        _timed("scroll to the end", lambda: (view.scrollToBottom(), settle()), model)
        for step in range(5):
            _timed(f"page down #{step + 1}", lambda: (
                view.verticalScrollBar().setValue(view.verticalScrollBar().value()
                                                  - view.verticalScrollBar().pageStep()),
                settle()), model)
        _timed("sort by household (desc)", lambda: (
            model.sort(2, Qt.SortOrder.DescendingOrder), settle()), model)
        _timed("sort by status", lambda: (model.sort(6), settle()), model)
        _timed("filter building 101", lambda: (
            model.set_query(BookingQuery(household="101")), settle()), model)
        print(f"  rows: {model.total:,}")
        _timed("filter 101-1203 + pending", lambda: (
            model.set_query(BookingQuery(household="101-1203",
                                         statuses=frozenset({BookingStatus.PENDING}))),
            settle()), model)
        _timed("filter code prefix 'AB'", lambda: (
            model.set_query(BookingQuery(code="AB")), settle()), model)
        print(f"  rows: {model.total:,}")
        print(f"pages held in memory at most: {model.max_pages} × {model.page_size} rows")
        view.close()
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
