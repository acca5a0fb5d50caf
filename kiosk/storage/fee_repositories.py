"""Fees and corrections: rows to domain values and back; no rules live here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.fees import BookingFee, FeeCorrection
from kiosk.domain.rules_codec import fees_from_dict, fees_to_dict
from kiosk.storage.fee_models import BookingFeeRow, FeeCorrectionRow


def _fee(row: BookingFeeRow) -> BookingFee:
    return BookingFee(row.booking_id, row.amount_won, row.neighbour,
                      fees_from_dict(row.rule or {}), row.penalty_won, row.penalty_percent)


def _correction(row: FeeCorrectionRow) -> FeeCorrection:
    return FeeCorrection(row.month, row.household_id, row.neighbour_id, row.amount_won,
                         row.reason, row.created_by, row.created_at, row.id)


class SqlFeeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, fee: BookingFee, now: datetime) -> None:
        self.session.add(BookingFeeRow(
            booking_id=fee.booking_id, amount_won=fee.amount, neighbour=fee.neighbour,
            rule=fees_to_dict(fee.rule), penalty_won=fee.penalty,
            penalty_percent=fee.penalty_percent, created_at=now))
        self.session.flush()

    def get(self, booking_id: int) -> BookingFee | None:
        row = self.session.get(BookingFeeRow, booking_id)
        return _fee(row) if row else None

    def set_penalty(self, booking_id: int, percent: int, amount: int) -> None:
        row = self.session.get(BookingFeeRow, booking_id)
        if row is None:
            raise LookupError(f"booking {booking_id} has no fee")
        row.penalty_percent, row.penalty_won = percent, amount
        self.session.flush()

    def for_bookings(self, booking_ids: Collection[int]) -> dict[int, BookingFee]:
        found: dict[int, BookingFee] = {}
        ids = sorted(booking_ids)
        for offset in range(0, len(ids), 500):  # well under every driver's parameter limit
            rows = self.session.scalars(select(BookingFeeRow).where(
                BookingFeeRow.booking_id.in_(ids[offset:offset + 500])))
            found.update((row.booking_id, _fee(row)) for row in rows)
        return found

    def add_correction(self, correction: FeeCorrection) -> FeeCorrection:
        row = FeeCorrectionRow(
            month=correction.month, household_id=correction.household_id,
            neighbour_id=correction.neighbour_id, amount_won=correction.amount,
            reason=correction.reason, created_by=correction.created_by,
            created_at=correction.created_at)
        self.session.add(row)
        self.session.flush()
        return _correction(row)

    def corrections(self, month: str) -> list[FeeCorrection]:
        rows = self.session.scalars(select(FeeCorrectionRow).where(
            FeeCorrectionRow.month == month).order_by(FeeCorrectionRow.id))
        return [_correction(r) for r in rows]
