"""Blackouts: periods when resources cannot be booked (repairs, village events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.clock import require_aware


@dataclass(frozen=True)
class Blackout:
    """Closes one or more resources over ``[start, end)``.

    ``cancel_overlapping`` records the association's choice for bookings already made
    in that period: cancel them, or keep them and only stop new ones.
    """

    resource_ids: frozenset[str]
    start: datetime
    end: datetime
    reason: str
    cancel_overlapping: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        require_aware(self.start, "start")
        require_aware(self.end, "end")
        if self.end <= self.start:
            raise ValueError("a blackout must end after it starts")
        if not self.resource_ids:
            raise ValueError("a blackout needs at least one resource")

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True if ``[start, end)`` shares any instant with the blackout."""
        return self.start < end and start < self.end
