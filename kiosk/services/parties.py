"""Names of booking parties as the desk, reports and the CLI show them.

A booking belongs to a household (``101-1203``) or a neighbour member (``이웃 N-0003
홍*동``); these labels never carry a phone number or a full name, so they may go into
exported reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain.bookings import Booking
from kiosk.services.ports import UnitOfWork


@dataclass(frozen=True)
class PartyLabels:
    households: dict[int, str] = field(default_factory=dict)
    neighbours: dict[int, str] = field(default_factory=dict)

    def of(self, booking: Booking) -> str:
        if booking.neighbour_id is not None:
            return self.neighbours.get(booking.neighbour_id, "?")
        if booking.household_id is None:
            return "?"
        return self.households.get(booking.household_id, "?")


def party_labels(uow: UnitOfWork) -> PartyLabels:
    """Every household's and neighbour's label, read in the caller's unit of work."""
    return PartyLabels(
        {h.id: h.label for h in uow.households.list() if h.id is not None},
        {n.id: n.label("ko") for n in uow.neighbours.list() if n.id is not None},
    )
