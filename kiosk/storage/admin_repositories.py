"""Repositories of the association desk: admin accounts and the paged bookings search."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kiosk.domain.admin_accounts import AdminAccount, Role
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.neighbours import mask_name, member_id, parse_member_id
from kiosk.services.ports import BookingListRow, BookingQuery
from kiosk.storage.admin_models import AdminAccountRow
from kiosk.storage.models import BookingRow, HouseholdRow, NeighbourRow, ResourceRow


def account_from_row(row: AdminAccountRow) -> AdminAccount:
    return AdminAccount(
        username=row.username, display_name=row.display_name, role=Role(row.role),
        password_hash=row.password_hash, id=row.id, active=row.active,
        failed_attempts=row.failed_attempts, locked_until=row.locked_until,
        last_sign_in=row.last_sign_in,
    )


class SqlAdminAccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, account_id: int) -> AdminAccount | None:
        row = self.session.get(AdminAccountRow, account_id)
        return account_from_row(row) if row else None

    def find(self, username: str, for_update: bool = False) -> AdminAccount | None:
        query = select(AdminAccountRow).where(AdminAccountRow.username == username)
        if for_update:
            query = query.with_for_update()
        row = self.session.execute(query).scalar_one_or_none()
        return account_from_row(row) if row else None

    def list(self) -> list[AdminAccount]:
        rows = self.session.scalars(select(AdminAccountRow).order_by(AdminAccountRow.username))
        return [account_from_row(r) for r in rows]

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(AdminAccountRow)) or 0)

    def add(self, account: AdminAccount, now: datetime) -> AdminAccount:
        row = AdminAccountRow(created_at=now)
        self._copy(account, row, now)
        self.session.add(row)
        self.session.flush()
        return account_from_row(row)

    def save(self, account: AdminAccount, now: datetime) -> None:
        row = self.session.get(AdminAccountRow, account.id)
        if row is None:
            raise LookupError(f"no admin account {account.username}")
        self._copy(account, row, now)
        self.session.flush()

    @staticmethod
    def _copy(account: AdminAccount, row: AdminAccountRow, now: datetime) -> None:
        row.username, row.display_name = account.username, account.display_name
        row.role, row.password_hash = account.role.value, account.password_hash
        row.active, row.failed_attempts = account.active, account.failed_attempts
        row.locked_until, row.last_sign_in = account.locked_until, account.last_sign_in
        row.updated_at = now


def _household_label() -> Any:
    return HouseholdRow.building + "-" + HouseholdRow.unit


AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
_SORT_COLUMNS: dict[str, Any] = {
    "code": BookingRow.code,
    "resource": ResourceRow.name_ko,
    "household": (HouseholdRow.building, HouseholdRow.unit, BookingRow.neighbour_id),
    "start": BookingRow.start_at,
    "end": BookingRow.end_at,
    # Status then end time: walks the (status, end_at) index instead of sorting every row.
    "status": (BookingRow.status, BookingRow.end_at),
    "created": BookingRow.created_at,
}


class SqlBookingSearchRepository:
    """One indexed query per page: a table view never holds more than it shows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _filtered(self, query: AnySelect, q: BookingQuery) -> AnySelect:
        if q.start_from is not None:
            query = query.where(BookingRow.start_at >= q.start_from)
        if q.start_before is not None:
            query = query.where(BookingRow.start_at < q.start_before)
        if q.resource_id:
            query = query.where(BookingRow.resource_id == q.resource_id)
        if q.household and _is_member_id(q.household):
            query = query.where(BookingRow.neighbour_id == parse_member_id(q.household))
        elif q.household:
            # "101", "101-1203" or "101동 1203호", as people type them.
            text = q.household.replace("동", " ").replace("호", " ").replace("-", " ")
            building, *rest = text.split() or [""]
            query = query.where(HouseholdRow.building == building)
            if rest:
                query = query.where(HouseholdRow.unit == rest[0])
        if q.statuses is not None:
            query = query.where(BookingRow.status.in_(sorted(s.value for s in q.statuses)))
        if q.code:
            query = query.where(BookingRow.code.startswith(q.code.strip().upper(),
                                                           autoescape=True))
        return query

    def count(self, query: BookingQuery) -> int:
        base = select(func.count(BookingRow.id)).select_from(BookingRow)
        if query.household and not _is_member_id(query.household):
            base = base.join(HouseholdRow, HouseholdRow.id == BookingRow.household_id)
        return int(self.session.scalar(self._filtered(base, query)) or 0)

    def page(self, query: BookingQuery, offset: int, limit: int) -> list[BookingListRow]:
        base = (
            select(BookingRow.code, BookingRow.resource_id, ResourceRow.name_ko,
                   ResourceRow.name_en,
                   HouseholdRow.building, HouseholdRow.unit, BookingRow.start_at,
                   BookingRow.end_at, BookingRow.units, BookingRow.status, BookingRow.plate,
                   BookingRow.created_by, BookingRow.reason, BookingRow.neighbour_id,
                   NeighbourRow.name)
            .join(ResourceRow, ResourceRow.id == BookingRow.resource_id)
            .outerjoin(HouseholdRow, HouseholdRow.id == BookingRow.household_id)
            .outerjoin(NeighbourRow, NeighbourRow.id == BookingRow.neighbour_id)
        )
        sort = _SORT_COLUMNS[query.sort]
        columns = sort if isinstance(sort, tuple) else (sort,)
        order = [c.desc() if query.descending else c.asc() for c in columns]
        order.append(BookingRow.id.desc() if query.descending else BookingRow.id.asc())
        rows = self.session.execute(
            self._filtered(base, query).order_by(*order).offset(offset).limit(limit))
        return [
            BookingListRow(
                code=r.code, resource_id=r.resource_id, resource_name=r.name_ko,
                household=(f"{r.building}-{r.unit}" if r.neighbour_id is None else
                           f"이웃 {member_id(r.neighbour_id)} {mask_name(r.name or '')}"),
                start=r.start_at, end=r.end_at,
                units=r.units, status=BookingStatus(r.status), plate=r.plate,
                created_by=r.created_by, reason=r.reason, resource_name_en=r.name_en,
            )
            for r in rows
        ]


def _is_member_id(text: str) -> bool:
    """``N-0003`` or ``이웃 N-0003`` in the household filter means a neighbour member."""
    cleaned = text.strip().removeprefix("이웃").strip().upper()
    if not cleaned.startswith("N"):
        return False
    try:
        parse_member_id(cleaned)
    except ValueError:
        return False
    return True
