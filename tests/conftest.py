"""Shared fixtures: databases (SQLite file and real PostgreSQL), services, a fixed clock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.postgres_server import URL_ENV, ThrowawayPostgres


@pytest.fixture(autouse=True)
def process_clock_restored() -> Iterator[None]:
    """``kiosk.cli.main`` run in-process may start the process clock elsewhere
    (``KIOSK_CLOCK_START``); the next test starts on the real clock again (restored here,
    not through ``monkeypatch``, which a test may undo on its own)."""
    from kiosk.domain import clock

    shift = clock._shift
    try:
        yield
    finally:
        clock._shift = shift


@pytest.fixture(scope="session", autouse=True)
def pin_key_outside_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Services and ``kiosk`` processes the tests start keep their secret PIN key in a
    temporary folder (``KIOSK_PIN_KEY``), never in the tester's ~/.config."""
    if os.environ.get("KIOSK_PIN_KEY"):
        yield
        return
    os.environ["KIOSK_PIN_KEY"] = str(tmp_path_factory.mktemp("pin-key") / "pin.key")
    try:
        yield
    finally:
        os.environ.pop("KIOSK_PIN_KEY", None)


class _ErrorRecords(logging.Handler):
    """Collects the product's ERROR records while one test runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "kiosk" or record.name.startswith("kiosk."):
            self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_product_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails when product code logs ERROR, unless the test provokes that error on
    purpose and says so: ``@pytest.mark.logs_errors("pattern", ...)`` (regexes searched in
    the message; an unmatched pattern fails too, so the allow-list stays true)."""
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    marker = request.node.get_closest_marker("logs_errors")
    allowed = [re.compile(p) for p in (marker.args if marker else ())]
    messages = [f"{r.name}: {r.getMessage()}" for r in handler.records]
    unexpected = [m for m in messages if not any(p.search(m) for p in allowed)]
    unused = [p.pattern for p in allowed if not any(p.search(m) for m in messages)]
    if unexpected:
        pytest.fail("product code logged ERROR:\n  " + "\n  ".join(unexpected),
                    pytrace=False)
    if unused:
        pytest.fail(f"logs_errors expected an ERROR log matching {unused}; none came",
                    pytrace=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Admin URL of a PostgreSQL server; never skipped: PostgreSQL tests must run."""
    if os.environ.get(URL_ENV):
        yield os.environ[URL_ENV]
        return
    server = ThrowawayPostgres()
    try:
        url = server.start()
    except Exception as exc:
        server.stop()
        pytest.fail(f"could not start a throwaway PostgreSQL: {exc}")
    try:
        yield url
    finally:
        server.stop()


def fresh_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def drop_postgres_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each storage test runs on an SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kiosk.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    url, name = fresh_postgres_database(admin)
    yield url
    drop_postgres_database(admin, name)


@dataclass
class FixedClock:
    """A clock tests move by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now + timedelta(**delta)

    def environ(self) -> dict[str, str]:
        """What a process the test starts needs to run on this clock (from now on)."""
        from kiosk.domain.clock import CLOCK_START_ENV

        return {CLOCK_START_ENV: self.now.isoformat()}


@pytest.fixture
def clock() -> FixedClock:
    # Monday 2026-11-23 09:00 in Seoul.
    return FixedClock(datetime(2026, 11, 23, 0, 0, tzinfo=UTC))


@pytest.fixture
def services(database_url: str, clock: FixedClock, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.app import build_services
    from kiosk.config import Settings

    svc = build_services(Settings(database_url=database_url))
    # Cheaper scrypt keeps the suite fast; the production cost is tested on its own.
    cheap = replace(svc.bookings.hasher, n=2**10)  # the same key, a cheaper cost
    svc.bookings = replace(svc.bookings, clock=clock, hasher=cheap)
    svc.village = replace(svc.village, clock=clock, hasher=cheap)
    svc.notices = replace(svc.notices, clock=clock)
    svc.events = replace(svc.events, clock=clock)
    yield svc
    svc.close()
