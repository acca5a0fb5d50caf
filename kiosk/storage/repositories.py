"""Repositories: translate between domain objects and rows; no rules live here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    CursorResult,
    Row,
    Table,
    bindparam,
    delete,
    exists,
    insert,
    select,
)
from sqlalchemy.orm import Session

from kiosk.domain.audit import AuditEntry
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.households import Household
from kiosk.domain.neighbours import Neighbour
from kiosk.domain.owners import Owner
from kiosk.domain.resources import LiveCount, Location, Resource, ResourceKind
from kiosk.domain.rules_codec import rules_from_dict, rules_to_dict
from kiosk.storage.models import (
    AuditRow,
    BlackoutResourceRow,
    BlackoutRow,
    BookingRow,
    HouseholdRow,
    NeighbourRow,
    ResourceRow,
)


def on_connection(session: Session) -> Connection:
    """The session's own connection, for the booking path's prepared Core statements.

    Same transaction (rolled back with the unit of work unless committed), without the
    ORM's per-statement machinery, which cost more than SQLite takes to run them. Pending
    ORM changes are flushed first, as ``Session.execute`` would.
    """
    session.flush()
    return session.connection()


def resource_from_row(row: ResourceRow | Row[Any]) -> Resource:
    live = None
    if row.live_units_free is not None or row.live_units_total is not None:
        live = LiveCount(row.live_units_free, row.live_units_total, row.live_as_of)
    return Resource(
        id=row.id,
        kind=ResourceKind(row.kind),
        name_ko=row.name_ko,
        name_en=row.name_en,
        description_ko=row.description_ko,
        description_en=row.description_en,
        location=Location(row.lat, row.lon, row.address, row.where_ko, row.where_en),
        capacity=row.capacity,
        bookable=row.bookable,
        source=row.source,
        out_of_service_reason=row.out_of_service_reason,
        rules=rules_from_dict(row.rules or {}),
        live=live,
        retired=row.retired,
        owner=_owner(row.owner),
    )


def _owner(data: Any) -> Owner | None:
    """A stored owner; an unreadable one (edited by hand) counts as the village's."""
    if not isinstance(data, dict):
        return None
    try:
        return Owner.from_dict(data)
    except ValueError:
        return None


_RESOURCES = cast(Table, ResourceRow.__table__)
_RESOURCE_FOR_UPDATE = (
    select(_RESOURCES).where(_RESOURCES.c.id == bindparam("resource_id")).with_for_update()
)


class SqlResourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, resource_id: str) -> Resource | None:
        row = self.session.get(ResourceRow, resource_id)
        return resource_from_row(row) if row else None

    def get_for_update(self, resource_id: str) -> Resource | None:
        # On PostgreSQL this row lock serialises every booking of one resource;
        # SQLite already holds the database write lock (BEGIN IMMEDIATE).
        row = on_connection(self.session).execute(
            _RESOURCE_FOR_UPDATE, {"resource_id": resource_id}
        ).one_or_none()
        return resource_from_row(row) if row else None

    def list(
        self, kind: ResourceKind | None = None, source: str | None = None,
        include_retired: bool = False,
    ) -> list[Resource]:
        query = select(ResourceRow).order_by(ResourceRow.kind, ResourceRow.id)
        if kind is not None:
            query = query.where(ResourceRow.kind == kind.value)
        if source is not None:
            query = query.where(ResourceRow.source == source)
        if not include_retired:
            query = query.where(ResourceRow.retired.is_(False))
        return [resource_from_row(r) for r in self.session.scalars(query)]

    def save(self, resource: Resource, now: datetime) -> None:
        row = self.session.get(ResourceRow, resource.id)
        if row is None:
            row = ResourceRow(id=resource.id, created_at=now)
            self.session.add(row)
        loc = resource.location
        row.kind = resource.kind.value
        row.name_ko, row.name_en = resource.name_ko, resource.name_en
        row.description_ko, row.description_en = resource.description_ko, resource.description_en
        row.lat, row.lon, row.address = loc.lat, loc.lon, loc.address
        row.where_ko, row.where_en = loc.where_ko, loc.where_en
        row.source = resource.source
        row.bookable = resource.bookable
        row.capacity = resource.capacity
        row.out_of_service_reason = resource.out_of_service_reason
        row.rules = rules_to_dict(resource.rules)
        row.live_units_free = resource.live.units_free if resource.live else None
        row.live_units_total = resource.live.units_total if resource.live else None
        row.live_as_of = resource.live.as_of if resource.live else None
        row.retired = resource.retired
        row.owner = resource.owner.as_dict() if resource.owner else None
        row.updated_at = now
        self.session.flush()


def household_from_row(row: HouseholdRow | Row[Any]) -> Household:
    return Household(
        id=row.id,
        building=row.building,
        unit=row.unit,
        pin_hash=row.pin_hash,
        active=row.active,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        plates=tuple(row.plates or ()),
    )


_HOUSEHOLDS = cast(Table, HouseholdRow.__table__)
_HOUSEHOLD_BY_ID = select(_HOUSEHOLDS).where(_HOUSEHOLDS.c.id == bindparam("household_id"))


class SqlHouseholdRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, household_id: int) -> Household | None:
        row = on_connection(self.session).execute(
            _HOUSEHOLD_BY_ID, {"household_id": household_id}).one_or_none()
        return household_from_row(row) if row else None

    def find(self, building: str, unit: str, for_update: bool = False) -> Household | None:
        query = select(HouseholdRow).where(
            HouseholdRow.building == building, HouseholdRow.unit == unit
        )
        if for_update:
            query = query.with_for_update()
        row = self.session.execute(query).scalar_one_or_none()
        return household_from_row(row) if row else None

    def list(self) -> list[Household]:
        rows = self.session.scalars(
            select(HouseholdRow).order_by(HouseholdRow.building, HouseholdRow.unit)
        )
        return [household_from_row(r) for r in rows]

    def add(self, household: Household, now: datetime) -> Household:
        row = HouseholdRow(created_at=now)
        self._copy(household, row, now)
        self.session.add(row)
        self.session.flush()
        return household_from_row(row)

    def save(self, household: Household, now: datetime) -> None:
        if household.id is None:
            raise ValueError("household has no id; use add()")
        row = self.session.get(HouseholdRow, household.id)
        if row is None:
            raise LookupError(f"household {household.id} does not exist")
        self._copy(household, row, now)
        self.session.flush()

    @staticmethod
    def _copy(household: Household, row: HouseholdRow, now: datetime) -> None:
        row.building, row.unit = household.building, household.unit
        row.pin_hash = household.pin_hash
        row.active = household.active
        row.failed_attempts = household.failed_attempts
        row.locked_until = household.locked_until
        row.plates = list(household.plates)
        row.updated_at = now


def neighbour_from_row(row: NeighbourRow) -> Neighbour:
    return Neighbour(
        id=row.id, name=row.name, phone=row.phone, pin_hash=row.pin_hash, active=row.active,
        expires_on=row.expires_on, failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
    )


class SqlNeighbourRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, neighbour_id: int, for_update: bool = False) -> Neighbour | None:
        query = select(NeighbourRow).where(NeighbourRow.id == neighbour_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.execute(query).scalar_one_or_none()
        return neighbour_from_row(row) if row else None

    def find_phone(self, phone: str) -> Neighbour | None:
        row = self.session.execute(
            select(NeighbourRow).where(NeighbourRow.phone == phone)).scalar_one_or_none()
        return neighbour_from_row(row) if row else None

    def with_phone_tail(self, tail: str, for_update: bool = False) -> list[Neighbour]:
        query = select(NeighbourRow).where(NeighbourRow.phone_tail == tail)
        if for_update:
            query = query.with_for_update()
        return [neighbour_from_row(r)
                for r in self.session.scalars(query.order_by(NeighbourRow.id))]

    def list(self) -> list[Neighbour]:
        rows = self.session.scalars(select(NeighbourRow).order_by(NeighbourRow.id))
        return [neighbour_from_row(r) for r in rows]

    def add(self, neighbour: Neighbour, now: datetime) -> Neighbour:
        row = NeighbourRow(created_at=now)
        self._copy(neighbour, row, now)
        self.session.add(row)
        self.session.flush()
        return neighbour_from_row(row)

    def save(self, neighbour: Neighbour, now: datetime) -> None:
        row = self.session.get(NeighbourRow, neighbour.id) if neighbour.id else None
        if row is None:
            raise LookupError(f"no neighbour {neighbour.member_id}")
        self._copy(neighbour, row, now)
        self.session.flush()

    @staticmethod
    def _copy(neighbour: Neighbour, row: NeighbourRow, now: datetime) -> None:
        row.name, row.phone = neighbour.name, neighbour.phone
        row.phone_tail = neighbour.phone_tail
        row.pin_hash = neighbour.pin_hash
        row.active, row.expires_on = neighbour.active, neighbour.expires_on
        row.failed_attempts, row.locked_until = neighbour.failed_attempts, neighbour.locked_until
        row.updated_at = now


def booking_from_row(row: BookingRow) -> Booking:
    return Booking(
        id=row.id,
        code=row.code,
        resource_id=row.resource_id,
        household_id=row.household_id,
        neighbour_id=row.neighbour_id,
        start=row.start_at,
        end=row.end_at,
        units=row.units,
        status=BookingStatus(row.status),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        plate=row.plate,
        note=row.note,
        checked_in_at=row.checked_in_at,
        decided_by=row.decided_by,
        reason=row.reason,
    )


_BOOKINGS = cast(Table, BookingRow.__table__)
# Statements of the booking path, built once: constructing them costs more than SQLite
# takes to run them.
_INSERT_BOOKING = insert(_BOOKINGS)
_CODE_EXISTS = select(exists().where(BookingRow.code == bindparam("code")))
_HELD = select(BookingRow.start_at, BookingRow.end_at, BookingRow.units).where(
    BookingRow.resource_id == bindparam("resource_id"),
    BookingRow.end_at > bindparam("start"),
    BookingRow.start_at < bindparam("end"),
    BookingRow.status.in_(bindparam("statuses", expanding=True)),
)
_UPCOMING_OF_HOUSEHOLD = select(BookingRow).where(
    BookingRow.household_id == bindparam("household_id"),
    BookingRow.resource_id == bindparam("resource_id"),
    BookingRow.end_at > bindparam("after"),
    BookingRow.status.in_(bindparam("statuses", expanding=True)),
).order_by(BookingRow.start_at)
_UPCOMING_OF_NEIGHBOUR = select(BookingRow).where(
    BookingRow.neighbour_id == bindparam("household_id"),
    BookingRow.resource_id == bindparam("resource_id"),
    BookingRow.end_at > bindparam("after"),
    BookingRow.status.in_(bindparam("statuses", expanding=True)),
).order_by(BookingRow.start_at)


class SqlBookingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, booking: Booking) -> Booking:
        # A Core insert in the session's transaction: no unit-of-work flush for one row,
        # and still rolled back with everything else unless the unit of work commits.
        result = cast(CursorResult[Any],
                      on_connection(self.session).execute(_INSERT_BOOKING, self._values(booking)))
        key = result.inserted_primary_key
        assert key is not None
        return replace(booking, id=int(key[0]))

    @staticmethod
    def _values(booking: Booking) -> dict[str, object]:
        return {
            "code": booking.code, "resource_id": booking.resource_id,
            "household_id": booking.household_id, "neighbour_id": booking.neighbour_id,
            "start_at": booking.start,
            "end_at": booking.end, "units": booking.units, "plate": booking.plate,
            "status": booking.status.value, "note": booking.note,
            "created_by": booking.created_by, "created_at": booking.created_at,
            "updated_at": booking.updated_at, "checked_in_at": booking.checked_in_at,
            "decided_by": booking.decided_by, "reason": booking.reason,
        }

    def save(self, booking: Booking) -> None:
        row = self.session.get(BookingRow, booking.id)
        if row is None:
            raise LookupError(f"booking {booking.code} does not exist")
        self._copy(booking, row)
        self.session.flush()

    @staticmethod
    def _copy(booking: Booking, row: BookingRow) -> None:
        row.code = booking.code
        row.resource_id = booking.resource_id
        row.household_id = booking.household_id
        row.neighbour_id = booking.neighbour_id
        row.start_at, row.end_at = booking.start, booking.end
        row.units = booking.units
        row.plate = booking.plate
        row.status = booking.status.value
        row.note = booking.note
        row.created_by = booking.created_by
        row.created_at, row.updated_at = booking.created_at, booking.updated_at
        row.checked_in_at = booking.checked_in_at
        row.decided_by, row.reason = booking.decided_by, booking.reason

    def get_by_code(self, code: str) -> Booking | None:
        row = self.session.execute(
            select(BookingRow).where(BookingRow.code == code)
        ).scalar_one_or_none()
        return booking_from_row(row) if row else None

    def code_exists(self, code: str) -> bool:
        return bool(on_connection(self.session).scalar(_CODE_EXISTS, {"code": code}))

    def held_between(
        self, resource_id: str, start: datetime, end: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[tuple[datetime, datetime, int]]:
        """(start, end, units) of bookings overlapping ``[start, end)``, without loading
        whole bookings: capacity maths needs nothing else."""
        rows = on_connection(self.session).execute(_HELD, {
            "resource_id": resource_id, "start": start, "end": end,
            "statuses": [s.value for s in statuses]})
        return [(s, e, units) for s, e, units in rows]

    def upcoming_for_household(
        self, household_id: int, resource_id: str, after: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]:
        """A household's bookings of one resource in ``statuses`` ending after ``after``."""
        rows = self.session.scalars(_UPCOMING_OF_HOUSEHOLD, {
            "household_id": household_id, "resource_id": resource_id, "after": after,
            "statuses": [s.value for s in statuses]})
        return [booking_from_row(r) for r in rows]

    def upcoming_for_neighbour(
        self, neighbour_id: int, resource_id: str, after: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]:
        """``upcoming_for_household`` for a neighbour member."""
        rows = self.session.scalars(_UPCOMING_OF_NEIGHBOUR, {
            "household_id": neighbour_id, "resource_id": resource_id, "after": after,
            "statuses": [s.value for s in statuses]})
        return [booking_from_row(r) for r in rows]

    def overlapping(
        self, resource_id: str, start: datetime, end: datetime,
        statuses: Collection[BookingStatus],
    ) -> list[Booking]:
        rows = self.session.scalars(
            select(BookingRow).where(
                BookingRow.resource_id == resource_id,
                BookingRow.end_at > start,
                BookingRow.start_at < end,
                BookingRow.status.in_([s.value for s in statuses]),
            )
        )
        return [booking_from_row(r) for r in rows]

    def for_household(
        self, household_id: int, resource_id: str | None = None,
        start_from: datetime | None = None, start_before: datetime | None = None,
    ) -> list[Booking]:
        return self._of_party(BookingRow.household_id == household_id, resource_id,
                              start_from, start_before)

    def for_neighbour(
        self, neighbour_id: int, resource_id: str | None = None,
        start_from: datetime | None = None, start_before: datetime | None = None,
    ) -> list[Booking]:
        return self._of_party(BookingRow.neighbour_id == neighbour_id, resource_id,
                              start_from, start_before)

    def _of_party(self, party: Any, resource_id: str | None, start_from: datetime | None,
                  start_before: datetime | None) -> list[Booking]:
        query = select(BookingRow).where(party)
        if resource_id is not None:
            query = query.where(BookingRow.resource_id == resource_id)
        if start_from is not None:
            query = query.where(BookingRow.start_at >= start_from)
        if start_before is not None:
            query = query.where(BookingRow.start_at < start_before)
        rows = self.session.scalars(query.order_by(BookingRow.start_at))
        return [booking_from_row(r) for r in rows]

    def due_for_sweep(self, now: datetime) -> list[Booking]:
        # Only bookings already started can change status with time alone.
        rows = self.session.scalars(
            select(BookingRow).where(
                BookingRow.status.in_(["pending", "confirmed", "checked_in"]),
                BookingRow.start_at <= now,
            )
        )
        return [booking_from_row(r) for r in rows]

    def search(
        self, start_from: datetime | None = None, start_before: datetime | None = None,
        resource_id: str | None = None, household_id: int | None = None,
        statuses: Collection[BookingStatus] | None = None, code: str | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Booking]:
        query = select(BookingRow)
        if start_from is not None:
            query = query.where(BookingRow.start_at >= start_from)
        if start_before is not None:
            query = query.where(BookingRow.start_at < start_before)
        if resource_id is not None:
            query = query.where(BookingRow.resource_id == resource_id)
        if household_id is not None:
            query = query.where(BookingRow.household_id == household_id)
        if statuses is not None:
            query = query.where(BookingRow.status.in_([s.value for s in statuses]))
        if code is not None:
            query = query.where(BookingRow.code == code)
        query = query.order_by(BookingRow.start_at, BookingRow.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return [booking_from_row(r) for r in self.session.scalars(query)]


_BLACKOUTS_OVERLAPPING = (
    select(BlackoutRow.id)
    .join(BlackoutResourceRow, BlackoutResourceRow.blackout_id == BlackoutRow.id)
    .where(BlackoutResourceRow.resource_id == bindparam("resource_id"),
           BlackoutRow.start_at < bindparam("end"), BlackoutRow.end_at > bindparam("start"))
)


class SqlBlackoutRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, blackout: Blackout, created_by: str, now: datetime) -> Blackout:
        row = BlackoutRow(
            start_at=blackout.start, end_at=blackout.end, reason=blackout.reason,
            cancel_overlapping=blackout.cancel_overlapping, created_by=created_by, created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        self.session.execute(delete(BlackoutResourceRow).where(
            BlackoutResourceRow.blackout_id == row.id))
        for resource_id in sorted(blackout.resource_ids):
            self.session.add(BlackoutResourceRow(blackout_id=row.id, resource_id=resource_id))
        self.session.flush()
        return Blackout(blackout.resource_ids, blackout.start, blackout.end, blackout.reason,
                        blackout.cancel_overlapping, row.id)

    def overlapping(self, resource_id: str, start: datetime, end: datetime) -> list[Blackout]:
        ids = on_connection(self.session).execute(_BLACKOUTS_OVERLAPPING, {
            "resource_id": resource_id, "start": start, "end": end}).scalars().all()
        return [self._load(i) for i in ids]

    def list(self) -> list[Blackout]:
        ids = self.session.scalars(select(BlackoutRow.id).order_by(BlackoutRow.start_at)).all()
        return [self._load(i) for i in ids]

    def _load(self, blackout_id: int) -> Blackout:
        row = self.session.get_one(BlackoutRow, blackout_id)
        resource_ids = self.session.scalars(
            select(BlackoutResourceRow.resource_id).where(
                BlackoutResourceRow.blackout_id == blackout_id)
        ).all()
        return Blackout(frozenset(resource_ids), row.start_at, row.end_at, row.reason,
                        row.cancel_overlapping, row.id)


_INSERT_AUDIT = insert(cast(Table, AuditRow.__table__))


class SqlAuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        # Core insert in the session's transaction (see SqlBookingRepository.add).
        on_connection(self.session).execute(_INSERT_AUDIT, {
            "at": entry.at, "actor": entry.actor, "action": entry.action,
            "entity": entry.entity, "entity_id": entry.entity_id, "details": entry.details,
        })

    def for_entity(self, entity: str, entity_id: str) -> list[AuditEntry]:
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.entity == entity, AuditRow.entity_id == entity_id)
            .order_by(AuditRow.id)
        )
        return [self._entry(r) for r in rows]

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        rows = self.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [self._entry(r) for r in rows]

    @staticmethod
    def _entry(row: AuditRow) -> AuditEntry:
        return AuditEntry(row.at, row.actor, row.action, row.entity, row.entity_id,
                          dict(row.details or {}), row.id)
