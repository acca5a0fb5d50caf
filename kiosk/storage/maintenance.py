"""Whole-database operations the CLI needs: emptiness check and a demo reset."""

from __future__ import annotations

from sqlalchemy import Engine, delete, func, select

from kiosk.storage.event_models import EventRow, EventSignupRow
from kiosk.storage.fee_models import BookingFeeRow, FeeCorrectionRow
from kiosk.storage.models import (
    AuditRow,
    BlackoutResourceRow,
    BlackoutRow,
    BookingRow,
    HouseholdRow,
    NeighbourRow,
    ResourceRow,
)


def is_empty(engine: Engine) -> bool:
    """True when no resource and no household exists yet."""
    with engine.connect() as connection:
        resources = connection.scalar(select(func.count()).select_from(ResourceRow))
        households = connection.scalar(select(func.count()).select_from(HouseholdRow))
    return not resources and not households


def wipe_village(engine: Engine) -> None:
    """Delete every village row in one transaction (children first)."""
    with engine.begin() as connection:
        for table in (EventSignupRow, EventRow, BookingFeeRow, FeeCorrectionRow,
                      BlackoutResourceRow, BlackoutRow, BookingRow, AuditRow, HouseholdRow,
                      NeighbourRow, ResourceRow):
            connection.execute(delete(table))
