"""What the services need from storage, as protocols (storage implements them)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.audit import AuditEntry
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.fees import BookingFee, FeeCorrection
from kiosk.domain.households import Household
from kiosk.domain.hub import ListingMark, QuarantinedRow, StoredListing, SyncState
from kiosk.domain.lockouts import LockoutEvent, LockoutKind
from kiosk.domain.neighbours import Neighbour
from kiosk.domain.resources import Resource, ResourceKind


class StorageBusy(Exception):
    """Storage could not take its write lock in time (raised by storage adapters)."""


class ResourceRepository(Protocol):
    def get(self, resource_id: str) -> Resource | None: ...
    def get_for_update(self, resource_id: str) -> Resource | None: ...
    def list(
        self, kind: ResourceKind | None = None, source: str | None = None,
        include_retired: bool = False,
    ) -> list[Resource]: ...
    def save(self, resource: Resource, now: datetime) -> None: ...


class HouseholdRepository(Protocol):
    def get(self, household_id: int) -> Household | None: ...
    def find(self, building: str, unit: str, for_update: bool = False) -> Household | None: ...
    def list(self) -> list[Household]: ...
    def add(self, household: Household, now: datetime) -> Household: ...
    def save(self, household: Household, now: datetime) -> None: ...


class NeighbourRepository(Protocol):
    def get(self, neighbour_id: int, for_update: bool = False) -> Neighbour | None: ...
    def find_phone(self, phone: str) -> Neighbour | None: ...
    def with_phone_tail(self, tail: str, for_update: bool = False) -> list[Neighbour]: ...
    def list(self) -> list[Neighbour]: ...
    def add(self, neighbour: Neighbour, now: datetime) -> Neighbour: ...
    def save(self, neighbour: Neighbour, now: datetime) -> None: ...


class BookingRepository(Protocol):
    def add(self, booking: Booking) -> Booking: ...
    def save(self, booking: Booking) -> None: ...
    def get_by_code(self, code: str) -> Booking | None: ...
    def code_exists(self, code: str) -> bool: ...
    def held_between(
        self, resource_id: str, start: datetime, end: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[tuple[datetime, datetime, int]]: ...
    def upcoming_for_household(
        self, household_id: int, resource_id: str, after: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]: ...
    def overlapping(
        self, resource_id: str, start: datetime, end: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]: ...
    def for_household(
        self, household_id: int, resource_id: str | None = None,
        start_from: datetime | None = None, start_before: datetime | None = None,
    ) -> list[Booking]: ...
    def upcoming_for_neighbour(
        self, neighbour_id: int, resource_id: str, after: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]: ...
    def for_neighbour(
        self, neighbour_id: int, resource_id: str | None = None,
        start_from: datetime | None = None, start_before: datetime | None = None,
    ) -> list[Booking]: ...
    def due_for_sweep(self, now: datetime) -> list[Booking]: ...
    def search(
        self, start_from: datetime | None = None, start_before: datetime | None = None,
        resource_id: str | None = None, household_id: int | None = None,
        statuses: Collection[BookingStatus] | None = None, code: str | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Booking]: ...


class BlackoutRepository(Protocol):
    def add(self, blackout: Blackout, created_by: str, now: datetime) -> Blackout: ...
    def overlapping(self, resource_id: str, start: datetime, end: datetime) -> list[Blackout]: ...
    def list(self) -> list[Blackout]: ...


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None: ...
    def for_entity(self, entity: str, entity_id: str) -> list[AuditEntry]: ...
    def recent(self, limit: int = 100) -> list[AuditEntry]: ...


class AdminAccountRepository(Protocol):
    def get(self, account_id: int) -> AdminAccount | None: ...
    def find(self, username: str, for_update: bool = False) -> AdminAccount | None: ...
    def list(self) -> list[AdminAccount]: ...
    def count(self) -> int: ...
    def add(self, account: AdminAccount, now: datetime) -> AdminAccount: ...
    def save(self, account: AdminAccount, now: datetime) -> None: ...


BOOKING_SORT_KEYS = ("code", "resource", "household", "start", "end", "status", "created")


@dataclass(frozen=True)
class BookingQuery:
    """The desk's bookings filter; every field narrows, ``None`` means any."""

    start_from: datetime | None = None
    start_before: datetime | None = None
    resource_id: str | None = None
    household: str | None = None  # "101" (a building) or "101-1203" (a unit)
    statuses: frozenset[BookingStatus] | None = None
    code: str | None = None  # a prefix of the booking code
    sort: str = "start"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.sort not in BOOKING_SORT_KEYS:
            raise ValueError(f"cannot sort bookings by {self.sort}")


@dataclass(frozen=True)
class BookingListRow:
    """One line of the desk's bookings table, with names already joined in."""

    code: str
    resource_id: str
    resource_name: str
    household: str
    start: datetime
    end: datetime
    units: int
    status: BookingStatus
    plate: str | None = None
    created_by: str = ""
    reason: str | None = None
    resource_name_en: str = ""


class BookingSearchRepository(Protocol):
    """Counted, sorted, paged reads for tables that must not load every row."""

    def count(self, query: BookingQuery) -> int: ...
    def page(self, query: BookingQuery, offset: int, limit: int) -> list[BookingListRow]: ...


class LockoutRepository(Protocol):
    """Every lockout as an event (see ``kiosk.domain.lockouts``)."""

    def add(self, event: LockoutEvent) -> None: ...
    def count_since(self, kind: LockoutKind, subject: str, since: datetime) -> int: ...
    def relevant(self, since: datetime, now: datetime) -> list[LockoutEvent]: ...


class FeeRepository(Protocol):
    """Fees stored with bookings, and the office's corrections by month."""

    def add(self, fee: BookingFee, now: datetime) -> None: ...
    def get(self, booking_id: int) -> BookingFee | None: ...
    def set_penalty(self, booking_id: int, percent: int, amount: int) -> None: ...
    def for_bookings(self, booking_ids: Collection[int]) -> dict[int, BookingFee]: ...
    def add_correction(self, correction: FeeCorrection) -> FeeCorrection: ...
    def corrections(self, month: str) -> list[FeeCorrection]: ...


class InstallerGateRepository(Protocol):
    """Each kiosk's wrong installer PINs: (failed attempts, locked until)."""

    def get(self, kiosk_id: str, for_update: bool = False) -> tuple[int, datetime | None]: ...
    def save(self, kiosk_id: str, failed_attempts: int,
             locked_until: datetime | None) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. Leaving the ``with`` block without ``commit()`` rolls back."""

    resources: ResourceRepository
    households: HouseholdRepository
    neighbours: NeighbourRepository
    bookings: BookingRepository
    blackouts: BlackoutRepository
    audit: AuditRepository
    admins: AdminAccountRepository
    booking_search: BookingSearchRepository
    lockouts: LockoutRepository
    installer_gates: InstallerGateRepository
    fees: FeeRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Makes units of work; ``write=True`` takes the database's write lock up front."""

    def __call__(self, write: bool = False) -> UnitOfWork: ...


class HolidayCalendar(Protocol):
    """Public holidays (Korea by default, configurable)."""

    def holidays_between(self, first: date, last: date) -> frozenset[date]: ...


class Clock(Protocol):
    def __call__(self) -> datetime: ...


# -- hub sync ---------------------------------------------------------------------
# What a sync source hands over (kiosk.sync.records satisfies these structurally, so
# services need not import the sync package).


class FeedRecord(Protocol):
    """One validated listing from a feed."""

    @property
    def source_id(self) -> str: ...
    @property
    def external_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name_ko(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def description_ko(self) -> str: ...
    @property
    def description_en(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def address(self) -> str: ...
    @property
    def units_total(self) -> int | None: ...
    @property
    def units_free(self) -> int | None: ...
    @property
    def as_of(self) -> datetime | None: ...
    @property
    def bookable(self) -> bool: ...
    @property
    def extra(self) -> Mapping[str, str]: ...


class FeedRejected(Protocol):
    """A feed row that failed validation."""

    @property
    def external_id(self) -> str | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def raw(self) -> str: ...


class FeedDeletion(Protocol):
    """The feed says this listing no longer exists."""

    @property
    def external_id(self) -> str: ...


class FeedBatch(Protocol):
    """Everything one fetch of one source produced (see kiosk.sync.records.FetchResult)."""

    @property
    def source_id(self) -> str: ...
    @property
    def listings(self) -> Sequence[FeedRecord]: ...
    @property
    def quarantined(self) -> Sequence[FeedRejected]: ...
    @property
    def tombstones(self) -> Sequence[FeedDeletion]: ...
    @property
    def complete(self) -> bool: ...
    @property
    def not_modified(self) -> bool: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def last_modified(self) -> str | None: ...
    @property
    def cursor(self) -> str | None: ...
    @property
    def ttl_s(self) -> int | None: ...
    @property
    def fetched_at(self) -> datetime: ...
    @property
    def out_of_area(self) -> int: ...
    @property
    def rejected(self) -> int: ...
    @property
    def note(self) -> str: ...
    def summary(self) -> Mapping[str, object]: ...


@dataclass(frozen=True, slots=True)
class ListingWrite:
    """A listing to insert (row_id None) or to overwrite (row_id set)."""

    record: FeedRecord
    fingerprint: str
    status: str
    row_id: int | None = None


class HubListingRepository(Protocol):
    def marks(self, source_id: str) -> dict[str, ListingMark]: ...
    def insert_many(self, items: Sequence[ListingWrite], now: datetime) -> None: ...
    def update_many(self, items: Sequence[ListingWrite], now: datetime) -> None: ...
    def retire(self, row_ids: Sequence[int], now: datetime) -> None: ...
    def touch(
        self, source_id: str, now: datetime, row_ids: Sequence[int] | None = None
    ) -> None: ...
    def count_active(self, source_id: str | None = None) -> int: ...
    def active_counts(self) -> dict[str, int]: ...
    def in_box(
        self, box: tuple[float, float, float, float] | None, kinds: Collection[str] | None,
        source_id: str | None = None,
    ) -> list[StoredListing]: ...
    def by_source(self, source_id: str, include_retired: bool = False) -> list[StoredListing]: ...


class HubQuarantineRepository(Protocol):
    def replace(self, source_id: str, rows: Sequence[FeedRejected], now: datetime) -> None: ...
    def append(
        self, source_id: str, rows: Sequence[FeedRejected], now: datetime, keep: int
    ) -> None: ...
    def count(self, source_id: str) -> int: ...
    def recent(self, source_id: str | None = None, limit: int = 100) -> list[QuarantinedRow]: ...


class HubSyncStateRepository(Protocol):
    def get(self, source_id: str, for_update: bool = False) -> SyncState | None: ...
    def save(self, state: SyncState) -> None: ...
    def list(self) -> list[SyncState]: ...


class HubLeaseRepository(Protocol):
    def try_acquire(self, source_id: str, owner: str, now: datetime, until: datetime) -> bool: ...
    def holds(self, source_id: str, owner: str, now: datetime) -> bool: ...
    def release(self, source_id: str, owner: str) -> None: ...


class HubUnitOfWork(Protocol):
    """One transaction over the hub tables; rolls back unless committed."""

    hub_listings: HubListingRepository
    hub_quarantine: HubQuarantineRepository
    hub_state: HubSyncStateRepository
    hub_leases: HubLeaseRepository

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class HubUnitOfWorkFactory(Protocol):
    def __call__(self, write: bool = False) -> HubUnitOfWork: ...


__all__ = [
    "BOOKING_SORT_KEYS",
    "AdminAccountRepository",
    "AuditRepository",
    "BlackoutRepository",
    "BookingListRow",
    "BookingQuery",
    "BookingRepository",
    "BookingSearchRepository",
    "Clock",
    "FeeRepository",
    "FeedBatch",
    "FeedDeletion",
    "FeedRecord",
    "FeedRejected",
    "HolidayCalendar",
    "HouseholdRepository",
    "HubLeaseRepository",
    "HubListingRepository",
    "HubQuarantineRepository",
    "HubSyncStateRepository",
    "HubUnitOfWork",
    "HubUnitOfWorkFactory",
    "ListingWrite",
    "NeighbourRepository",
    "ResourceRepository",
    "StorageBusy",
    "UnitOfWork",
    "UnitOfWorkFactory",
]
