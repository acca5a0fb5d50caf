"""Fees stored with bookings, and the office's corrections (migration 0010)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import ONE_PARTY, Base


class BookingFeeRow(Base):
    """One booking's fee as computed when it was made, and the rule it was computed
    under (so a later price change rewrites nothing); the penalty once cancelled."""

    __tablename__ = "booking_fees"

    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True)
    amount_won: Mapped[int] = mapped_column(Integer)
    neighbour: Mapped[bool] = mapped_column(Boolean, default=False)
    rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    penalty_won: Mapped[int | None] = mapped_column(Integer)
    penalty_percent: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("amount_won >= 0", name="amount_not_negative"),
        CheckConstraint("penalty_won IS NULL OR penalty_won >= 0", name="penalty_not_negative"),
    )


class FeeCorrectionRow(Base):
    """A signed amount on one party's line of a month's statement, with its reason."""

    __tablename__ = "fee_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    neighbour_id: Mapped[int | None] = mapped_column(ForeignKey("neighbours.id"))
    amount_won: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(ONE_PARTY, name="one_party"),
        CheckConstraint("amount_won <> 0", name="amount_not_zero"),
        Index("ix_fee_corrections_month", "month"),
    )
