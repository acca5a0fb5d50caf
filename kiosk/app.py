"""Composition root: the only place that builds engines, services and windows."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.calendars.korea import KoreanHolidays
from kiosk.config import Settings
from kiosk.domain.admin_accounts import PasswordHasher
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import local_midnight, to_local, utc_now
from kiosk.domain.errors import BookingRefused
from kiosk.domain.households import LockoutPolicy
from kiosk.domain.policy import BookingRequest
from kiosk.services.admin_accounts import AdminAccountService
from kiosk.services.booking import BookingService
from kiosk.services.booking_search import BookingDesk
from kiosk.services.household_admin import HouseholdAdmin
from kiosk.services.importing import VillageAdmin
from kiosk.services.reports import ReportService
from kiosk.services.resource_admin import ResourceAdmin
from kiosk.services.status import HeartbeatSource, NotConnected, SyncStatusSource
from kiosk.storage import maintenance, migrate
from kiosk.storage.engine import create_db_engine, session_factories
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = PROJECT_ROOT / "data" / "demo"
DEMO_ACTOR = Actor("admin", "demo", is_manager=True)


@dataclass
class Services:
    """Everything the UI and CLI call, built once per process."""

    settings: Settings
    engine: Engine
    bookings: BookingService
    village: VillageAdmin

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings, upgrade: bool = True) -> Services:
    """Engine → (migrations) → unit of work → services."""
    engine = create_db_engine(settings.effective_database_url, settings.busy_timeout_ms)
    if upgrade:
        migrate.upgrade(engine)
    reader, writer = session_factories(engine)
    uow = SqlUnitOfWorkFactory(reader, writer)
    bookings = BookingService(
        uow=uow,
        clock=utc_now,
        holidays=KoreanHolidays(settings.public_holidays, settings.extra_holidays),
        lockout=LockoutPolicy(settings.pin_max_attempts, settings.pin_lock_minutes),
    )
    return Services(settings, engine, bookings, VillageAdmin(uow=uow, clock=utc_now))


def read_resource_file(path: Path) -> list[dict[str, Any]]:
    """``[[resource]]`` tables from a TOML village file, or a JSON list."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".json":
        data = json.loads(raw.decode("utf-8"))
        records = data.get("resource", data) if isinstance(data, dict) else data
    else:
        records = tomllib.loads(raw.decode("utf-8")).get("resource", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError(f"{path}: expected a list of resources ([[resource]] tables)")
    return records


def load_demo(services: Services, reset: bool = False, sample_bookings: bool = True) -> str:
    """Create (or with ``reset`` recreate) the demo village; returns a summary line."""
    if not maintenance.is_empty(services.engine):
        if not reset:
            raise RuntimeError("the database already holds a village; "
                               "use `kiosk demo --reset` to replace it with the demo")
        maintenance.wipe_village(services.engine)
    resources = services.village.import_resources(
        read_resource_file(DEMO_DIR / "village.toml"), DEMO_ACTOR)
    added, _ = services.village.import_households(
        (DEMO_DIR / "households.csv").read_bytes(), DEMO_ACTOR)
    made = add_sample_bookings(services) if sample_bookings else 0
    return f"demo village ready: {resources} resources, {added} households, {made} bookings"


def add_sample_bookings(services: Services) -> int:
    """A few bookings around now so the demo shows units in use."""
    now = utc_now()
    today = to_local(now).date()
    wanted = [
        ("parking-b2-north", "101", "304", 0, 120, 1, "49너3961"),
        ("parking-b2-north", "102", "1503", 0, 180, 1, None),
        ("bike-village", "103", "702", 0, 60, 1, None),
        ("bike-village", "104", "1101", 0, 90, 1, None),
        ("room-community", "105", "803", 1, 120, 1, None),
        ("rooftop-garden", "106", "402", 1, 60, 1, None),
    ]
    made = 0
    with services.bookings.uow() as uow:
        households = {(h.building, h.unit): h for h in uow.households.list()}
    for resource_id, building, unit, day_offset, minutes, units, plate in wanted:
        household = households.get((building, unit))
        if household is None or household.id is None:
            continue
        resource = services.bookings.resource(resource_id)
        slot = resource.rules.slot_minutes
        if day_offset == 0:
            local_now = to_local(now)
            start = local_midnight(today) + timedelta(
                minutes=(local_now.hour * 60 + local_now.minute) // slot * slot)
        else:
            start = local_midnight(today + timedelta(days=day_offset)) + timedelta(hours=18)
        if plate is None and resource.rules.plate_required:
            plate = household.plates[0] if household.plates else "12가3456"
        try:
            services.bookings.book(
                BookingRequest(resource_id, start, start + timedelta(minutes=minutes), units,
                               plate),
                household.id, DEMO_ACTOR, override_reason="demo data")
            made += 1
        except BookingRefused:
            continue  # e.g. outside opening hours at this time of day
    return made


def run_kiosk(settings: Settings, fullscreen: bool = True, argv: list[str] | None = None) -> int:
    """Start the resident's touchscreen."""
    from kiosk.ui.qt_app import run

    services = build_services(settings)
    try:
        return run(services, fullscreen=fullscreen, argv=argv or [])
    finally:
        services.close()


@dataclass
class DeskServices:
    """What the association's desk app calls, built on the same units of work."""

    services: Services
    accounts: AdminAccountService
    search: BookingDesk
    resources: ResourceAdmin
    households: HouseholdAdmin
    reports: ReportService
    sync: SyncStatusSource
    heartbeats: HeartbeatSource

    @property
    def bookings(self) -> BookingService:
        return self.services.bookings


def build_desk(services: Services, hasher: PasswordHasher | None = None,
               sync: SyncStatusSource | None = None,
               heartbeats: HeartbeatSource | None = None) -> DeskServices:
    """The desk's services; sync and heartbeats stay "not connected" unless given."""
    uow, clock = services.bookings.uow, services.bookings.clock
    accounts = AdminAccountService(uow, clock) if hasher is None else \
        AdminAccountService(uow, clock, hasher=hasher)
    return DeskServices(
        services=services,
        accounts=accounts,
        search=BookingDesk(uow, clock),
        resources=ResourceAdmin(uow, clock, services.bookings),
        households=HouseholdAdmin(uow, clock, services.village, services.bookings),
        reports=ReportService(uow, clock),
        sync=sync or NotConnected(),
        heartbeats=heartbeats or NotConnected(),
    )


def run_admin(settings: Settings, screenshots: Path | None = None,
              argv: list[str] | None = None) -> int:
    """Start the association's desk window (or render every screen to ``screenshots``)."""
    from kiosk.admin.window import run

    services = build_services(settings)
    try:
        return run(build_desk(services), screenshots=screenshots, argv=argv or [])
    finally:
        services.close()
