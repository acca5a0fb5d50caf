"""The SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.services.ports import (
    HubLeaseRepository,
    HubListingRepository,
    HubQuarantineRepository,
    HubSyncStateRepository,
    StorageBusy,
)
from kiosk.storage.admin_repositories import (
    SqlAdminAccountRepository,
    SqlBookingSearchRepository,
)
from kiosk.storage.event_repositories import SqlEventRepository
from kiosk.storage.fee_repositories import SqlFeeRepository
from kiosk.storage.hub_repositories import (
    SqlHubLeaseRepository,
    SqlHubListingRepository,
    SqlHubQuarantineRepository,
    SqlHubSyncStateRepository,
)
from kiosk.storage.lockout_repositories import (
    SqlInstallerGateRepository,
    SqlLockoutRepository,
)
from kiosk.storage.notice_repositories import SqlHubNewsRepository, SqlNoticeRepository
from kiosk.storage.repositories import (
    SqlAuditRepository,
    SqlBlackoutRepository,
    SqlBookingRepository,
    SqlHouseholdRepository,
    SqlNeighbourRepository,
    SqlResourceRepository,
)


def is_lock_contention(exc: OperationalError) -> bool:
    """SQLite's busy/locked errors and PostgreSQL's lock time-outs and deadlocks."""
    text = str(exc.orig).lower()
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return "locked" in text or "busy" in text or sqlstate in {"40001", "40P01", "55P03"}


class SqlUnitOfWork:
    """Repositories over one session. ``commit()`` or nothing is written."""

    hub_listings: HubListingRepository
    hub_quarantine: HubQuarantineRepository
    hub_state: HubSyncStateRepository
    hub_leases: HubLeaseRepository

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session | None = None

    def __enter__(self) -> Self:
        self.session = self._factory()
        self.resources = SqlResourceRepository(self.session)
        self.households = SqlHouseholdRepository(self.session)
        self.neighbours = SqlNeighbourRepository(self.session)
        self.bookings = SqlBookingRepository(self.session)
        self.blackouts = SqlBlackoutRepository(self.session)
        self.audit = SqlAuditRepository(self.session)
        self.hub_listings = SqlHubListingRepository(self.session)
        self.hub_quarantine = SqlHubQuarantineRepository(self.session)
        self.hub_state = SqlHubSyncStateRepository(self.session)
        self.hub_leases = SqlHubLeaseRepository(self.session)
        self.admins = SqlAdminAccountRepository(self.session)
        self.booking_search = SqlBookingSearchRepository(self.session)
        self.lockouts = SqlLockoutRepository(self.session)
        self.installer_gates = SqlInstallerGateRepository(self.session)
        self.notices = SqlNoticeRepository(self.session)
        self.hub_news = SqlHubNewsRepository(self.session)
        self.events = SqlEventRepository(self.session)
        self.fees = SqlFeeRepository(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.session is not None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self.session = None
        if isinstance(exc, OperationalError) and is_lock_contention(exc):
            raise StorageBusy(str(exc.orig)) from exc

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()


class SqlUnitOfWorkFactory:
    """Hands out read or write units of work over one engine's session factories."""

    def __init__(self, reader: sessionmaker[Session], writer: sessionmaker[Session]) -> None:
        self._reader = reader
        self._writer = writer

    def __call__(self, write: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._writer if write else self._reader)
