"""Village events with seats: offered at the desk or the command line, signed up for by
households at the kiosk (after their PIN) or by the desk on their behalf.

A sign-up locks the event's row inside a write unit of work, counts the active sign-ups
and inserts under that lock, so any number of kiosks and desks signing up at once never
hold more seats than the event has (the same guarantee as bookings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import Actor
from kiosk.domain.events import (
    Event,
    EventSeats,
    OpenTo,
    Signup,
    SignupRefusal,
    SignupRefused,
    check_signup,
    check_withdraw,
    upcoming_order,
)
from kiosk.domain.households import Household, parse_household_label
from kiosk.services.ports import Clock, StorageBusy, UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")


@dataclass
class EventBoard:
    uow: UnitOfWorkFactory
    clock: Clock
    busy_retries: int = 3

    # ------------------------------------------------------------------ the desk
    def add(self, event: Event, actor: Actor) -> Event:
        """Offer an event (checked by the domain when it was made); audited."""
        if not actor.is_admin:
            raise SignupRefused(SignupRefusal.NOT_ALLOWED)
        now = self.clock()
        with self.uow(write=True) as uow:
            stored = uow.events.add(replace(event, created_by=actor.label), now)
            assert stored.id is not None
            uow.audit.add(AuditEntry(now, actor.label, "event.add", "event", str(stored.id), {
                "title": stored.title_ko, "start": stored.start.isoformat(),
                "end": stored.end.isoformat() if stored.end else None,
                "place": stored.place, "seats": stored.seats, "fee_won": stored.fee_won,
                "open_to": stored.open_to.value,
                "signup_until": stored.deadline.isoformat()}))
            uow.commit()
        return stored

    def find_household(self, label: str) -> Household:
        """``101-1203`` to the registered household (for the desk and the command line)."""
        try:
            building, unit = parse_household_label(label)
        except ValueError:
            raise SignupRefused(SignupRefusal.NO_HOUSEHOLD, label) from None
        with self.uow() as uow:
            household = uow.households.find(building, unit)
        if household is None or household.id is None:
            raise SignupRefused(SignupRefusal.NO_HOUSEHOLD, label)
        return household

    # ------------------------------------------------------------------- reading
    def upcoming(self) -> list[EventSeats]:
        """Events not yet over, soonest first, with the seats taken."""
        now = self.clock()
        with self.uow() as uow:
            events = upcoming_order(uow.events.list(ending_after=now), now)
            taken = uow.events.taken([e.id for e in events if e.id is not None])
        return [EventSeats(e, taken.get(e.id or 0, 0)) for e in events]

    def all(self) -> list[EventSeats]:
        """Every event, past ones too, soonest first."""
        with self.uow() as uow:
            events = uow.events.list()
            taken = uow.events.taken([e.id for e in events if e.id is not None])
        return [EventSeats(e, taken.get(e.id or 0, 0)) for e in events]

    def seats(self, event_id: int) -> EventSeats:
        with self.uow() as uow:
            event = uow.events.get(event_id)
            if event is None:
                raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))
            taken = uow.events.taken([event_id])[event_id]
        return EventSeats(event, taken)

    def attendees(self, event_id: int) -> list[Signup]:
        """Households holding a seat, by 동 and 호 (never a PIN or a phone number)."""
        with self.uow() as uow:
            if uow.events.get(event_id) is None:
                raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))
            return uow.events.signups(event_id)

    def signed_up(self, household_id: int) -> set[int]:
        """The events a household holds a seat at (the kiosk's 신청 / 신청 취소)."""
        with self.uow() as uow:
            return uow.events.events_of(household_id)

    # ------------------------------------------------------------------- writing
    def sign_up(self, event_id: int, household_id: int, actor: Actor) -> EventSeats:
        """Take one seat for the household, or raise ``SignupRefused`` saying why."""
        def run() -> EventSeats:
            now = self.clock()
            with self.uow(write=True) as uow:
                event = uow.events.get_for_update(event_id)
                if event is None:
                    raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))
                household = self._household(uow, household_id)
                if event.open_to is not OpenTo.RESIDENTS:
                    raise SignupRefused(SignupRefusal.NOT_OPEN_TO)
                taken = uow.events.taken([event_id])[event_id]
                refusal = check_signup(event, now, taken,
                                       uow.events.is_signed_up(event_id, household_id))
                if refusal is not None:
                    raise SignupRefused(refusal)
                uow.events.sign_up(event_id, household_id, actor.label, now)
                uow.audit.add(AuditEntry(now, actor.label, "event.signup", "event",
                                         str(event_id), {"household": household.label,
                                                         "seats_taken": taken + 1}))
                uow.commit()
            return EventSeats(event, taken + 1)
        return self._with_retry(run)

    def withdraw(self, event_id: int, household_id: int, actor: Actor) -> EventSeats:
        """Give the seat back: a household before the deadline, the desk until the end."""
        def run() -> EventSeats:
            now = self.clock()
            with self.uow(write=True) as uow:
                event = uow.events.get_for_update(event_id)
                if event is None:
                    raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))
                household = self._household(uow, household_id)
                refusal = check_withdraw(event, now,
                                         uow.events.is_signed_up(event_id, household_id),
                                         by_desk=actor.is_admin)
                if refusal is not None:
                    raise SignupRefused(refusal)
                uow.events.withdraw(event_id, household_id, actor.label, now)
                taken = uow.events.taken([event_id])[event_id]
                uow.audit.add(AuditEntry(now, actor.label, "event.cancel", "event",
                                         str(event_id), {"household": household.label,
                                                         "seats_taken": taken}))
                uow.commit()
            return EventSeats(event, taken)
        return self._with_retry(run)

    # ------------------------------------------------------------------- helpers
    @staticmethod
    def _household(uow: UnitOfWork, household_id: int) -> Household:
        household = uow.households.get(household_id)
        if household is None:
            raise SignupRefused(SignupRefusal.NO_HOUSEHOLD, str(household_id))
        if not household.active:
            raise SignupRefused(SignupRefusal.HOUSEHOLD_INACTIVE, household.label)
        return household

    def _with_retry(self, work: Callable[[], T]) -> T:
        for attempt in range(self.busy_retries + 1):
            try:
                return work()
            except StorageBusy:
                if attempt == self.busy_retries:
                    raise SignupRefused(SignupRefusal.BUSY) from None
        raise AssertionError("unreachable")
