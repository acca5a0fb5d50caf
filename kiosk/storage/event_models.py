"""The events tables: events with seats, and the households signed up for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import Base


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("seats >= 1", name="seats_positive"),
        CheckConstraint("fee_won >= 0", name="fee_not_negative"),
        Index("ix_events_start", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title_ko: Mapped[str] = mapped_column(String(80))
    title_en: Mapped[str] = mapped_column(String(80), default="")
    place: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    seats: Mapped[int] = mapped_column(Integer)
    open_to: Mapped[str] = mapped_column(String(20), default="residents")
    fee_won: Mapped[int] = mapped_column(Integer, default=0)
    signup_until: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]


class EventSignupRow(Base):
    """One row per household and event; a cancelled seat keeps its row (``cancelled_at``)
    and is taken up again by signing up anew, so the pair stays unique."""

    __tablename__ = "event_signups"
    __table_args__ = (
        UniqueConstraint("event_id", "household_id", name="uq_event_signups_household"),
        Index("ix_event_signups_active", "event_id", "cancelled_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(80))


__all__ = ["Base", "EventRow", "EventSignupRow"]
