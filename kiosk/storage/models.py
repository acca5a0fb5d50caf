"""Typed SQLAlchemy tables. Times are stored as naive UTC and read back as aware UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Refuses naive datetimes on the way in; returns aware UTC on the way out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base; naming convention keeps migration constraint names stable."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict[str, Any]: JSON, list[str]: JSON,
    }


Base.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ResourceRow(Base):
    __tablename__ = "resources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name_ko: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    description_ko: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300), default="")
    where_ko: Mapped[str] = mapped_column(String(300), default="")
    where_en: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(64), default="local", index=True)
    bookable: Mapped[bool] = mapped_column(Boolean, default=True)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    out_of_service_reason: Mapped[str | None] = mapped_column(String(300))
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    live_units_free: Mapped[int | None] = mapped_column(Integer)
    live_units_total: Mapped[int | None] = mapped_column(Integer)
    live_as_of: Mapped[datetime | None]
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who provides it when not the village itself: {"kind", "name"[, "name_en"]}
    # (migration 0011); NULL means the village.
    owner: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (CheckConstraint("capacity >= 0", name="capacity_not_negative"),)


class HouseholdRow(Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    building: Mapped[str] = mapped_column(String(8))
    unit: Mapped[str] = mapped_column(String(8))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    plates: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("building", "unit", name="uq_households_building_unit"),)


class NeighbourRow(Base):
    """Neighbour members (migration 0007). ``phone`` holds digits only; ``phone_tail``
    (its last four) is indexed so the kiosk can find a member by it."""

    __tablename__ = "neighbours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(16), unique=True)
    phone_tail: Mapped[str] = mapped_column(String(4), index=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    expires_on: Mapped[date | None] = mapped_column(Date)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


ONE_PARTY = ("(household_id IS NOT NULL AND neighbour_id IS NULL) OR "
             "(household_id IS NULL AND neighbour_id IS NOT NULL)")


class BookingRow(Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    neighbour_id: Mapped[int | None] = mapped_column(ForeignKey("neighbours.id"))
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    units: Mapped[int] = mapped_column(Integer, default=1)
    plate: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    checked_in_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        CheckConstraint("units >= 1", name="units_positive"),
        CheckConstraint(ONE_PARTY, name="one_party"),
        Index("ix_bookings_resource_end", "resource_id", "end_at", "start_at"),
        Index("ix_bookings_household_start", "household_id", "start_at"),
        Index("ix_bookings_neighbour_start", "neighbour_id", "start_at"),
        Index("ix_bookings_status_end", "status", "end_at"),
        Index("ix_bookings_start", "start_at"),
    )


class BlackoutRow(Base):
    __tablename__ = "blackouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(300))
    cancel_overlapping: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]

    __table_args__ = (CheckConstraint("end_at > start_at", name="ends_after_start"),)


class BlackoutResourceRow(Base):
    __tablename__ = "blackout_resources"

    blackout_id: Mapped[int] = mapped_column(
        ForeignKey("blackouts.id", ondelete="CASCADE"), primary_key=True
    )
    resource_id: Mapped[str] = mapped_column(ForeignKey("resources.id"), primary_key=True)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
