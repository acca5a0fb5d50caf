"""Events and their sign-ups in and out of their tables."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from kiosk.domain.events import Event, OpenTo, Signup
from kiosk.storage.event_models import EventRow, EventSignupRow
from kiosk.storage.models import HouseholdRow

_EVENT_FOR_UPDATE = select(EventRow).where(EventRow.id == bindparam("event_id")).with_for_update()


def event_from_row(row: EventRow) -> Event:
    return Event(title_ko=row.title_ko, title_en=row.title_en, place=row.place,
                 start=row.starts_at, end=row.ends_at, seats=row.seats,
                 open_to=OpenTo(row.open_to), fee_won=row.fee_won,
                 signup_until=row.signup_until, created_by=row.created_by,
                 created_at=row.created_at, id=row.id)


class SqlEventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: Event, now: datetime) -> Event:
        row = EventRow(title_ko=event.title_ko, title_en=event.title_en, place=event.place,
                       starts_at=event.start, ends_at=event.end, seats=event.seats,
                       open_to=event.open_to.value, fee_won=event.fee_won,
                       signup_until=event.signup_until, created_by=event.created_by,
                       created_at=now)
        self.session.add(row)
        self.session.flush()
        return event_from_row(row)

    def get(self, event_id: int) -> Event | None:
        row = self.session.get(EventRow, event_id)
        return event_from_row(row) if row else None

    def get_for_update(self, event_id: int) -> Event | None:
        # PostgreSQL: this row lock serialises every sign-up of one event; SQLite
        # already holds the database write lock (BEGIN IMMEDIATE).
        row = self.session.execute(_EVENT_FOR_UPDATE, {"event_id": event_id}
                                   ).scalar_one_or_none()
        return event_from_row(row) if row else None

    def taken(self, event_ids: Collection[int]) -> dict[int, int]:
        """Active sign-ups per event."""
        if not event_ids:
            return {}
        rows = self.session.execute(
            select(EventSignupRow.event_id, func.count())
            .where(EventSignupRow.event_id.in_(list(event_ids)),
                   EventSignupRow.cancelled_at.is_(None))
            .group_by(EventSignupRow.event_id))
        counts = {int(e): int(n) for e, n in rows}
        return {e: counts.get(e, 0) for e in event_ids}

    def _row(self, event_id: int, household_id: int) -> EventSignupRow | None:
        return self.session.scalars(select(EventSignupRow).where(
            EventSignupRow.event_id == event_id,
            EventSignupRow.household_id == household_id)).one_or_none()

    def is_signed_up(self, event_id: int, household_id: int) -> bool:
        row = self._row(event_id, household_id)
        return row is not None and row.cancelled_at is None

    def sign_up(self, event_id: int, household_id: int, by: str, now: datetime) -> None:
        row = self._row(event_id, household_id)
        if row is None:
            self.session.add(EventSignupRow(event_id=event_id, household_id=household_id,
                                            created_by=by, created_at=now))
        else:  # signed up again after cancelling: the same row, a new seat
            row.created_by, row.created_at = by, now
            row.cancelled_at, row.cancelled_by = None, None
        self.session.flush()

    def withdraw(self, event_id: int, household_id: int, by: str, now: datetime) -> bool:
        row = self._row(event_id, household_id)
        if row is None or row.cancelled_at is not None:
            return False
        row.cancelled_at, row.cancelled_by = now, by
        self.session.flush()
        return True

    def signups(self, event_id: int) -> list[Signup]:
        """Active sign-ups of one event, by 동 and 호."""
        rows = self.session.execute(
            select(EventSignupRow, HouseholdRow.building, HouseholdRow.unit)
            .join(HouseholdRow, HouseholdRow.id == EventSignupRow.household_id)
            .where(EventSignupRow.event_id == event_id, EventSignupRow.cancelled_at.is_(None)))
        found = [Signup(row.event_id, row.household_id, f"{building}-{unit}", row.created_by,
                        row.created_at) for row, building, unit in rows]
        return sorted(found, key=lambda s: _label_key(s.household))

    def events_of(self, household_id: int) -> set[int]:
        """Events the household holds a seat at."""
        return set(self.session.scalars(select(EventSignupRow.event_id).where(
            EventSignupRow.household_id == household_id,
            EventSignupRow.cancelled_at.is_(None))))

    def list(self, ending_after: datetime | None = None) -> list[Event]:
        """All events, or those not over at ``ending_after``, soonest first."""
        query = select(EventRow).order_by(EventRow.starts_at, EventRow.id)
        if ending_after is not None:
            query = query.where(func.coalesce(EventRow.ends_at, EventRow.starts_at)
                                > ending_after)
        return [event_from_row(r) for r in self.session.scalars(query)]


def _label_key(label: str) -> tuple[tuple[int, str], ...]:
    """101-302 before 101-1203: numbers as numbers."""
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in label.split("-"))
