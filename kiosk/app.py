"""Composition root: the only place that builds engines, services and windows."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from kiosk.calendars.korea import KoreanHolidays
from kiosk.config import Settings
from kiosk.domain.admin_accounts import PasswordHasher
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import local_midnight, to_local, utc_now
from kiosk.domain.errors import BookingRefused
from kiosk.domain.households import LockoutPolicy, PinHasher
from kiosk.domain.owners import Owner, OwnerKind
from kiosk.domain.policy import BookingRequest
from kiosk.services.admin_accounts import AdminAccountService
from kiosk.services.booking import BookingService
from kiosk.services.booking_search import BookingDesk
from kiosk.services.desk_alerts import DeskAlerts
from kiosk.services.events import EventBoard
from kiosk.services.fees import FeeService
from kiosk.services.household_admin import HouseholdAdmin
from kiosk.services.hub_sync import HubSyncService
from kiosk.services.importing import VillageAdmin
from kiosk.services.neighbour_admin import NeighbourAdmin
from kiosk.services.notices import NoticeBoard
from kiosk.services.reports import ReportService
from kiosk.services.resource_admin import ResourceAdmin
from kiosk.services.search import SearchService
from kiosk.services.status import (
    HeartbeatSource,
    KioskHeartbeat,
    NotConnected,
    SourceStatus,
    SyncStatusSource,
)
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine, session_factories
from kiosk.storage.pin_key import PinKeyStatus, open_pin_key
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.map.listing import MapListing
    from kiosk.map.view import MapView
    from kiosk.ui.hub import SyncedHub

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
    hub: HubSyncService
    notices: NoticeBoard
    events: EventBoard
    pin_key: PinKeyStatus | None = None

    @property
    def neighbours(self) -> NeighbourAdmin:
        """Built on the booking service as it is now (its clock, hasher and key)."""
        b = self.bookings
        return NeighbourAdmin(b.uow, b.clock, b.hasher, b)

    @property
    def fees(self) -> FeeService:
        """The month's fee statement and corrections, on the booking service's clock."""
        return FeeService(self.bookings.uow, self.bookings.clock)

    @property
    def search(self) -> SearchService:
        """Search over the village's resources and the hub's listings."""
        return SearchService(self.bookings, self.hub)

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings, upgrade: bool = True) -> Services:
    """Engine → (migrations) → unit of work → services."""
    engine = create_db_engine(settings.effective_database_url, settings.busy_timeout_ms)
    if upgrade:
        migrate.upgrade_if_behind(engine)
    reader, writer = session_factories(engine)
    uow = SqlUnitOfWorkFactory(reader, writer)
    # The secret PIN key (created on a database's first start; a missing or wrong one
    # makes the hasher refuse PINs with a message, it never stops the kiosk).
    pin_key = open_pin_key(engine, settings.effective_pin_key_path, utc_now())
    hasher = PinHasher(key=pin_key.key, key_problem=pin_key.problem)
    bookings = BookingService(
        uow=uow,
        clock=utc_now,
        holidays=KoreanHolidays(settings.public_holidays, settings.extra_holidays),
        lockout=LockoutPolicy(settings.pin_max_attempts, settings.pin_lock_minutes),
        kiosk_id=settings.kiosk_id,
        hasher=hasher,
        village=Owner(OwnerKind.VILLAGE, settings.village_name or "나눔마을",
                      settings.village_name_en),
    )
    return Services(settings, engine, bookings,
                    VillageAdmin(uow=uow, clock=utc_now, hasher=hasher),
                    HubSyncService(uow=uow, clock=utc_now), NoticeBoard(uow=uow, clock=utc_now),
                    EventBoard(uow=uow, clock=utc_now), pin_key)


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
    from kiosk.storage import maintenance

    if not maintenance.is_empty(services.engine):
        if not reset:
            raise RuntimeError("the database already holds a village; "
                               "use `kiosk demo --reset` to replace it with the demo")
        maintenance.wipe_village(services.engine)
    resources = services.village.import_resources(
        read_resource_file(DEMO_DIR / "village.toml"), DEMO_ACTOR)
    added, _ = services.village.import_households(
        (DEMO_DIR / "households.csv").read_bytes(), DEMO_ACTOR)
    neighbours = add_demo_neighbours(services)
    made = add_sample_bookings(services) if sample_bookings else 0
    return (f"demo village ready: {resources} resources, {added} households, "
            f"{neighbours} neighbour members, {made} bookings")


DEMO_NEIGHBOURS = (("홍길동", "010-0000-1234"), ("김영희", "010-0000-5678"))
"""Neighbour members of the demo (numbers in the unassigned 010-0000 range); each PIN is
the last four digits of the phone."""


def add_demo_neighbours(services: Services) -> int:
    admin = services.neighbours
    for name, phone in DEMO_NEIGHBOURS:
        admin.add(name, phone, phone[-4:], DEMO_ACTOR, admin.default_expiry())
    return len(DEMO_NEIGHBOURS)


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
    made += _sample_neighbour_booking(services, now)
    made += _sample_fee_bookings(services, now, households)
    return made


def _sample_fee_bookings(services: Services, now: datetime,
                         households: dict[tuple[str, str], Any]) -> int:
    """Paid rooms for the fee statement: a kitchen and a room booked a week ago (the room
    then cancelled by its household, which costs the penalty), neighbours in both."""
    today = to_local(now).date()
    week_ago = replace(services.bookings, clock=lambda: now - timedelta(days=7))
    made = 0

    def first_that_books(service: BookingService, resource_id: str, offsets: Sequence[int],
                         hour: int, minutes: int, household: Any = None,
                         neighbour: int | None = None) -> str | None:
        for offset in offsets:
            start = local_midnight(today + timedelta(days=offset)) + timedelta(hours=hour)
            request = BookingRequest(resource_id, start, start + timedelta(minutes=minutes))
            try:
                if neighbour is not None:
                    return service.book_neighbour(request, neighbour, DEMO_ACTOR,
                                                  override_reason="demo data").code
                return service.book(request, household.id, DEMO_ACTOR,
                                    override_reason="demo data").code
            except BookingRefused:
                continue
        return None

    kitchen_user = households.get(("101", "302"))
    room_user = households.get(("102", "502"))
    if kitchen_user is not None and first_that_books(
            week_ago, "kitchen-shared", (-2, -3, -4), 11, 120, kitchen_user):
        made += 1
    if room_user is not None:
        code = first_that_books(week_ago, "room-community", (3, 4, 5), 14, 120, room_user)
        if code is not None:
            made += 1
            services.bookings.cancel(code, Actor("kiosk", "demo"), room_user.id,
                                     reason="일정이 바뀌었습니다")
    with services.bookings.uow() as uow:
        members = [n.id for n in uow.neighbours.list() if n.id is not None]
    if members and first_that_books(services.bookings, "room-community", (2, 3), 19, 120,
                                    neighbour=members[0]):
        made += 1
    if len(members) > 1 and first_that_books(services.bookings, "kitchen-shared", (1, 2, 3),
                                             12, 60, neighbour=members[1]):
        made += 1
    return made


def _sample_neighbour_booking(services: Services, now: datetime) -> int:
    """The first demo neighbour in the rooftop garden tomorrow evening."""
    with services.bookings.uow() as uow:
        members = [n for n in uow.neighbours.list() if n.id is not None]
    if not members:
        return 0
    start = local_midnight(to_local(now).date() + timedelta(days=1)) + timedelta(hours=17)
    try:
        services.bookings.book_neighbour(
            BookingRequest("rooftop-garden", start, start + timedelta(hours=1)),
            members[0].id or 0, DEMO_ACTOR, override_reason="demo data")
    except BookingRefused:
        return 0
    return 1


def run_kiosk(settings: Settings, fullscreen: bool = True, argv: list[str] | None = None,
              smoke: bool = False, screenshots: Path | None = None,
              demo_hub: bool = False) -> int:
    """Start the resident's touchscreen (``smoke``: start, measure, exit; ``demo_hub``:
    sync from sample feeds served on loopback, for the demo village without internet)."""
    if demo_hub:
        from kiosk.config import with_office_from
        from kiosk.sync.config import SourceConfig
        from kiosk.sync.demo_hub import DemoHub

        # The demo village's office (its phone is an example) unless the config names one.
        settings = with_office_from(settings, DEMO_DIR / "village.toml")
        server = DemoHub().start()
        try:
            demo_sources = tuple(SourceConfig.from_mapping(c) for c in server.source_configs())
            return run_kiosk(replace(settings, hub_sources=settings.hub_sources + demo_sources),
                             fullscreen, argv, smoke, screenshots)
        finally:
            server.stop()
    from kiosk.ui.hub import SyncedHub
    from kiosk.ui.qt_app import after_first_paint, run

    # Smoke and screenshot runs measure and draw: no run marker, lockdown or sync.
    measuring = smoke or screenshots is not None
    prepared = None
    if not measuring:
        from kiosk.field.runtime import prepare

        prepared = prepare(settings)
    if prepared is not None and not prepared.integrity.ok:
        from kiosk.ui.qt_app import run_out_of_order

        try:
            return run_out_of_order(prepared.integrity.advice(), fullscreen, argv,
                                    on_shown=keep_watchdog_fed)
        finally:
            prepared.marker.end()
    services = build_services(settings)
    configured = [(s.id, s.kind, s.interval_s) for s in settings.hub_sources]
    hub = SyncedHub(services.hub, (settings.kiosk_lat, settings.kiosk_lon),
                    settings.hub_radius_km * 1000, configured)
    hub.refresh()  # what earlier syncs stored: the kiosk starts with it, online or not
    runner = None
    if not measuring and settings.hub_sources:
        from kiosk.sync.runner import build_runner

        runner = build_runner(settings.hub_sources, services.hub, kiosk_id=settings.kiosk_id,
                              on_applied=lambda _outcome: hub.refresh())

    def map_view(px_per_mm: float,
                 listings: Callable[[], Sequence[MapListing]]) -> MapView:
        from kiosk.map.basemap import village_map_files
        from kiosk.map.cli import configured_packs, default_tiles_dir
        from kiosk.map.view import MapView

        # The village's own plan; the demo village (its default name) ships one.
        plan = [settings.village_map] if settings.village_map is not None \
            else village_map_files(DEMO_DIR / "village.toml") \
            if settings.village_name == Settings.village_name else []
        return MapView(center=(settings.kiosk_lat, settings.kiosk_lon),
                       center_label=settings.kiosk_label,
                       center_label_en=settings.kiosk_label_en,
                       listings=listings,
                       tile_packs=configured_packs(settings, default_tiles_dir()),
                       basemap_geojson=plan,
                       language=settings.language, px_per_mm=px_per_mm,
                       radius_km=max(settings.hub_radius_km, 1.0))

    def start_field(app: QApplication, window: QWidget) -> Callable[[], None]:
        """Lockdown and READY now; sync, the first heartbeat and backup check once the
        home screen is painted (they would only slow the first frame down)."""
        from kiosk.field.runtime import FieldRuntime

        assert prepared is not None
        runtime = FieldRuntime.start(prepared, settings, services.engine, app, window,
                                     lock=fullscreen, sync_state=lambda: hub_state(hub),
                                     first_round_now=False, status=voice_note(window))
        after_first_paint(window, runtime.first_round)
        if runner is not None:
            after_first_paint(window, runner.start)
        return runtime.stop

    try:
        return run(services, hub, map_view, fullscreen=fullscreen, argv=argv or [],
                   smoke=smoke, screenshots=screenshots,
                   on_shown=None if measuring else start_field)
    finally:
        if runner is not None:
            runner.stop()
        services.close()


def hub_state(hub: SyncedHub) -> str:
    """The sync state a heartbeat reports: online or not, and the age of the listings."""
    status = hub.status()
    when = status.listings_as_of.isoformat(timespec="minutes") if status.listings_as_of else "-"
    state = {True: "online", False: "offline", None: "not synced"}[status.online]
    return f"{state}; listings as of {when}"


def voice_note(window: QWidget) -> Callable[[], str]:
    """The heartbeat's ``voice=<status>`` note, so the desk learns a kiosk cannot speak.
    Kept up to date on the GUI thread; the heartbeat worker only reads the string."""
    guide = getattr(window, "guide", None)
    if guide is None:
        return lambda: ""
    note = {"text": ""}

    def update() -> None:
        note["text"] = f"voice={guide.status.value}"

    guide.statusChanged.connect(update)
    update()
    return lambda: note["text"]


def keep_watchdog_fed(app: QApplication, _window: QWidget) -> Callable[[], None]:
    """READY and watchdog pings for a notice screen, so systemd does not restart in a loop."""
    from kiosk.watchdog.notify import SystemdNotifier
    from kiosk.watchdog.pinger import WatchdogPinger

    pinger = WatchdogPinger(SystemdNotifier(), app)
    pinger.start("database damaged: waiting for a restore")
    return pinger.stop


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
    alerts: DeskAlerts

    @property
    def bookings(self) -> BookingService:
        return self.services.bookings

    @property
    def notices(self) -> NoticeBoard:
        return self.services.notices

    @property
    def neighbours(self) -> NeighbourAdmin:
        return self.services.neighbours

    @property
    def events(self) -> EventBoard:
        return self.services.events

    @property
    def fees(self) -> FeeService:
        return self.services.fees


def build_desk(services: Services, hasher: PasswordHasher | None = None,
               sync: SyncStatusSource | None = None,
               heartbeats: HeartbeatSource | None = None) -> DeskServices:
    """The desk's services; sync and heartbeats stay "not connected" unless given."""
    from kiosk.storage.heartbeats import SqlHeartbeatStore

    uow, clock = services.bookings.uow, services.bookings.clock
    place = f"{services.settings.kiosk_id}-desk"
    accounts = AdminAccountService(uow, clock, place=place) if hasher is None else \
        AdminAccountService(uow, clock, hasher=hasher, place=place)
    sync = sync or NotConnected()
    return DeskServices(
        services=services,
        accounts=accounts,
        search=BookingDesk(uow, clock),
        resources=ResourceAdmin(uow, clock, services.bookings),
        households=HouseholdAdmin(uow, clock, services.village, services.bookings),
        reports=ReportService(uow, clock),
        sync=sync,
        heartbeats=heartbeats or NotConnected(),
        alerts=DeskAlerts(uow, clock, SqlHeartbeatStore(services.engine), sync,
                          services.settings.heartbeat_interval_s),
    )


def run_admin(settings: Settings, screenshots: Path | None = None,
              argv: list[str] | None = None) -> int:
    """Start the association's desk window (or render every screen to ``screenshots``)."""
    from kiosk.admin.window import run

    services = build_services(settings)
    try:
        return run(build_desk(services, sync=DeskSyncStatus(services),
                              heartbeats=DeskHeartbeats(services)),
                   screenshots=screenshots, argv=argv or [])
    finally:
        services.close()


class DeskSyncStatus:
    """The desk's view of hub sync: the sources' stored state, and "sync now" on a thread."""

    connected = True

    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings

    def sources(self) -> list[SourceStatus]:
        configured = [(s.id, s.kind, s.interval_s) for s in self.settings.hub_sources]
        return [SourceStatus(name=status.state.source_id,
                             last_success=status.state.last_success_at,
                             last_error=status.state.last_error,
                             last_error_at=status.state.last_error_at,
                             quarantined_rows=status.state.quarantined_count)
                for status in self.services.hub.status(configured)]

    def sync_now(self, name: str) -> None:
        """Returns at once; the fetch runs on its own thread and its result is stored."""
        import threading

        from kiosk.sync.runner import build_runner

        configs = [c for c in self.settings.hub_sources if c.id == name]
        if not configs:
            raise KeyError(name)
        runner = build_runner(configs, self.services.hub, kiosk_id=f"{self.settings.kiosk_id}-desk")
        threading.Thread(target=runner.run_once, args=(name,), name=f"desk-sync-{name}",
                         daemon=True).start()


class DeskHeartbeats:
    """Kiosks that share this database, from their heartbeat rows."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def heartbeats(self) -> list[KioskHeartbeat]:
        from kiosk.health.heartbeat import build_heartbeat

        service = build_heartbeat(self.services.settings, self.services.engine)
        return [KioskHeartbeat(kiosk_id=h.heartbeat.kiosk_id, label=h.heartbeat.kiosk_id,
                               last_seen=h.heartbeat.last_seen, version=h.heartbeat.version,
                               uptime_s=h.heartbeat.uptime_s)
                for h in service.overview()]
