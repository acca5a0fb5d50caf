"""The desk's reads over bookings: counted pages, a booking's history, calendar days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.domain.audit import AuditEntry
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import Booking, normalise_code
from kiosk.domain.clock import local_day_bounds
from kiosk.domain.households import Household, parse_household_label
from kiosk.services.parties import PartyLabels, party_labels
from kiosk.services.ports import BookingListRow, BookingQuery, Clock, UnitOfWorkFactory


@dataclass
class BookingDesk:
    """Paged, sorted searches so a table of 100,000 bookings reads only what it shows."""

    uow: UnitOfWorkFactory
    clock: Clock

    def count(self, query: BookingQuery) -> int:
        with self.uow() as uow:
            return uow.booking_search.count(query)

    def page(self, query: BookingQuery, offset: int, limit: int) -> list[BookingListRow]:
        with self.uow() as uow:
            return uow.booking_search.page(query, offset, limit)

    def history(self, code: str) -> list[AuditEntry]:
        """Every recorded change of one booking, oldest first."""
        with self.uow() as uow:
            return uow.audit.for_entity("booking", normalise_code(code))

    def calendar(self, resource_id: str, first: date, days: int
                 ) -> tuple[list[Booking], list[Blackout]]:
        """Bookings starting in, and blackouts overlapping, ``days`` local days."""
        start, _ = local_day_bounds(first)
        _, end = local_day_bounds(first + timedelta(days=days - 1))
        with self.uow() as uow:
            found = uow.bookings.search(start_from=start - timedelta(days=1), start_before=end,
                                        resource_id=resource_id)
            blackouts = uow.blackouts.overlapping(resource_id, start, end)
        return [b for b in found if b.end > start], blackouts

    def household(self, label: str) -> Household | None:
        """A household from ``101-1203`` (or ``101동 1203호``); None if unknown."""
        building, unit = parse_household_label(label)
        with self.uow() as uow:
            return uow.households.find(building, unit)

    def household_labels(self) -> dict[int, str]:
        with self.uow() as uow:
            return {h.id: h.label for h in uow.households.list() if h.id is not None}

    def party_labels(self) -> PartyLabels:
        """Households' and neighbour members' labels, for the calendar's blocks."""
        with self.uow() as uow:
            return party_labels(uow)
