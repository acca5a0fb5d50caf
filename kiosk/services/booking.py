"""Booking use cases. Every rule is checked through ``kiosk.domain.policy`` inside the
same write transaction that stores the result, so the capacity invariant holds with
any number of kiosks and desk PCs writing at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from kiosk.domain.audit import AuditEntry
from kiosk.domain.availability import (
    NEXT_OPENING_DAYS,
    Occupancy,
    Slot,
    UsageProfile,
    day_slots,
    is_within_opening_hours,
    next_opening,
    occupancy,
    units_free_now,
)
from kiosk.domain.blackouts import Blackout
from kiosk.domain.bookings import (
    ACTIVE_STATUSES,
    Actor,
    Booking,
    BookingStatus,
    PartyRef,
    new_booking_code,
    normalise_code,
)
from kiosk.domain.clock import local_day_bounds, to_local
from kiosk.domain.errors import OVERRIDABLE, BookingRefused, Refusal
from kiosk.domain.fees import BookingFee, booking_fee, penalty_amount, penalty_percent
from kiosk.domain.households import Household, LockoutPolicy, PinHasher, PinKeyUnavailable
from kiosk.domain.lockouts import LockoutKind
from kiosk.domain.neighbours import Neighbour, parse_member_id
from kiosk.domain.owners import Owner, OwnerKind
from kiosk.domain.plates import normalise_plate
from kiosk.domain.policy import (
    BookingRequest,
    check_booking,
    check_cancel,
    check_checkin,
    next_status_on_sweep,
    quota_span,
    rules_for,
)
from kiosk.domain.resources import Resource, ResourceKind
from kiosk.domain.rules import Audience
from kiosk.services.lockouts import earlier_locks, record_lockout
from kiosk.services.ports import (
    Clock,
    HolidayCalendar,
    StorageBusy,
    UnitOfWork,
    UnitOfWorkFactory,
)

T = TypeVar("T")


@dataclass(frozen=True)
class VerifiedHousehold:
    """What the kiosk may know after a correct PIN: never the PIN itself."""

    id: int
    label: str
    masked_ko: str
    masked_en: str
    plates: tuple[str, ...]


@dataclass(frozen=True)
class VerifiedNeighbour:
    """What the kiosk may know after a neighbour's correct PIN: the member id and masked
    name and phone, never the PIN, the full name or the full phone."""

    id: int
    member_id: str
    label_ko: str
    label_en: str
    phone_masked: str
    expires_on: date | None


@dataclass(frozen=True)
class ResourceOverview:
    """A resource with what is free right now, for tiles and lists, and who provides
    it (``overview`` always fills ``owner``: the resource's own, else the village)."""

    resource: Resource
    units_free: int | None
    open_now: bool = True
    opens_at: datetime | None = None
    """When closed now: the next opening (within two weeks), for "내일 09:00부터"."""
    owner: Owner | None = None


@dataclass(frozen=True)
class SweepResult:
    no_shows: int = 0
    completed: int = 0
    expired: int = 0


class NoHolidays:
    """A calendar without public holidays (tests, or villages that ignore them)."""

    def holidays_between(self, first: date, last: date) -> frozenset[date]:
        return frozenset()


@dataclass
class BookingService:
    """Book, cancel, check in, approve and release, on units of work from ``uow``."""

    uow: UnitOfWorkFactory
    clock: Clock
    holidays: HolidayCalendar = field(default_factory=NoHolidays)
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)
    hasher: PinHasher = field(default_factory=PinHasher)
    busy_retries: int = 3
    kiosk_id: str = ""
    """Where wrong PINs are typed, recorded with each lockout for the desk."""
    on_change: list[Callable[[str], None]] = field(default_factory=list)
    village: Owner = field(default_factory=lambda: Owner(OwnerKind.VILLAGE, "나눔마을",
                                                         "Sharing village"))
    """The owner of the village's own resources (named from the kiosk's settings)."""

    # ----------------------------------------------------------------- households
    def verify_household(self, building: str, unit: str, pin: str) -> VerifiedHousehold:
        """Check a PIN, counting wrong ones; a locked household is refused with the time."""
        now = self.clock()
        with self.uow(write=True) as uow:
            household = uow.households.find(building, unit, for_update=True)
            if household is None or household.id is None:
                # Same answer as a wrong PIN would leak which units exist, but the
                # unit list is public in a village; say plainly it is not registered.
                raise BookingRefused(Refusal.NOT_FOUND, "household not registered")
            if not household.active:
                raise BookingRefused(Refusal.HOUSEHOLD_INACTIVE)
            if household.is_locked(now):
                raise BookingRefused(Refusal.HOUSEHOLD_LOCKED, until=household.locked_until)
            try:
                good_pin = self.hasher.matches(pin, household.pin_hash)
            except PinKeyUnavailable as exc:  # no guessing, no count: the office must act
                raise BookingRefused(Refusal.PIN_KEY_UNAVAILABLE, str(exc)) from None
            if not good_pin:
                updated = household.after_failed_pin(
                    now, self.lockout,
                    earlier_locks(uow, LockoutKind.HOUSEHOLD, household.label, now))
                uow.households.save(updated, now)
                if updated.locked_until is not None:
                    self._audit(uow, now, "system:kiosk", "household.locked", "household",
                                household.label, until=updated.locked_until.isoformat())
                    record_lockout(uow, LockoutKind.HOUSEHOLD, household.label, self.kiosk_id,
                                   now, updated.locked_until)
                uow.commit()
                if updated.locked_until is not None:
                    raise BookingRefused(Refusal.HOUSEHOLD_LOCKED, until=updated.locked_until)
                raise BookingRefused(
                    Refusal.WRONG_PIN, attempts_left=updated.attempts_left(self.lockout)
                )
            if household.failed_attempts or household.locked_until:
                uow.households.save(household.after_good_pin(), now)
                uow.commit()
            return VerifiedHousehold(
                household.id, household.label, household.masked("ko"), household.masked("en"),
                household.plates,
            )

    def verify_neighbour(self, member: str, pin: str) -> VerifiedNeighbour:
        """Check a neighbour member's PIN by member id (``N-0003``, ``n3`` or ``3``), with
        the households' lockout and refusals: NOT_FOUND, HOUSEHOLD_INACTIVE (deactivated or
        expired; details ``party="neighbour"``), HOUSEHOLD_LOCKED, WRONG_PIN,
        PIN_KEY_UNAVAILABLE."""
        try:
            neighbour_id = parse_member_id(member)
        except ValueError as exc:
            raise BookingRefused(Refusal.NOT_FOUND, str(exc)) from None
        return self._verify_neighbour(lambda uow: uow.neighbours.get(neighbour_id, True), pin)

    def verify_neighbour_by_phone(self, last_four: str, pin: str) -> VerifiedNeighbour:
        """As ``verify_neighbour``, by the last four digits of the registered phone. When
        several current members' phones end so, NEIGHBOUR_AMBIGUOUS (nothing counted):
        the member id is needed."""
        digits = last_four.strip()
        if len(digits) != 4 or not digits.isdigit():
            raise BookingRefused(Refusal.NOT_FOUND, "the last four digits of the phone")
        today = to_local(self.clock()).date()

        def find(uow: UnitOfWork) -> Neighbour | None:
            found = uow.neighbours.with_phone_tail(digits, for_update=True)
            current = [n for n in found if n.is_current(today)] or found
            if len(current) > 1:
                raise BookingRefused(Refusal.NEIGHBOUR_AMBIGUOUS, count=len(current))
            return current[0] if current else None
        return self._verify_neighbour(find, pin)

    def _verify_neighbour(self, find: Callable[[UnitOfWork], Neighbour | None],
                          pin: str) -> VerifiedNeighbour:
        now = self.clock()
        with self.uow(write=True) as uow:
            neighbour = find(uow)
            if neighbour is None or neighbour.id is None:
                raise BookingRefused(Refusal.NOT_FOUND, "neighbour member not registered")
            if not neighbour.is_current(to_local(now).date()):
                raise BookingRefused(Refusal.HOUSEHOLD_INACTIVE, party="neighbour",
                                     expires_on=neighbour.expires_on)
            if neighbour.is_locked(now):
                raise BookingRefused(Refusal.HOUSEHOLD_LOCKED, until=neighbour.locked_until,
                                     party="neighbour")
            try:
                good_pin = self.hasher.matches(pin, neighbour.pin_hash)
            except PinKeyUnavailable as exc:
                raise BookingRefused(Refusal.PIN_KEY_UNAVAILABLE, str(exc)) from None
            subject = neighbour.member_id
            if not good_pin:
                updated = neighbour.after_failed_pin(
                    now, self.lockout, earlier_locks(uow, LockoutKind.NEIGHBOUR, subject, now))
                uow.neighbours.save(updated, now)
                if updated.locked_until is not None:
                    self._audit(uow, now, "system:kiosk", "neighbour.locked", "neighbour",
                                subject, until=updated.locked_until.isoformat())
                    record_lockout(uow, LockoutKind.NEIGHBOUR, subject, self.kiosk_id, now,
                                   updated.locked_until)
                uow.commit()
                if updated.locked_until is not None:
                    raise BookingRefused(Refusal.HOUSEHOLD_LOCKED, until=updated.locked_until,
                                         party="neighbour")
                raise BookingRefused(Refusal.WRONG_PIN,
                                     attempts_left=updated.attempts_left(self.lockout))
            if neighbour.failed_attempts or neighbour.locked_until:
                uow.neighbours.save(neighbour.after_good_pin(), now)
                uow.commit()
            return VerifiedNeighbour(neighbour.id, subject, neighbour.label("ko"),
                                     neighbour.label("en"), neighbour.phone_masked,
                                     neighbour.expires_on)

    def addresses(self) -> dict[str, frozenset[str]]:
        """Every 동 and its 호 (active households; addresses only, public in a village), so
        the keypad can move on by itself once a number is complete."""
        with self.uow() as uow:
            households = uow.households.list()
        found: dict[str, set[str]] = {}
        for household in households:
            if household.active:
                found.setdefault(household.building, set()).add(household.unit)
        return {building: frozenset(units) for building, units in found.items()}

    # ------------------------------------------------------------------- reading
    def overview(self, kind: ResourceKind | None = None,
                 audience: Audience = Audience.RESIDENTS) -> list[ResourceOverview]:
        """Resources with units free now (live counts for hub listings); for
        ``Audience.NEIGHBOURS`` only the village's resources open to neighbours."""
        now = self.clock()
        with self.uow() as uow:
            result = []
            for resource in uow.resources.list(kind=kind):
                if audience is Audience.NEIGHBOURS and not (
                        resource.bookable and resource.is_local
                        and resource.rules.admits(audience)):
                    continue
                open_now = True
                opens_at: datetime | None = None
                if resource.bookable:
                    held = self._held(uow, resource, now, now + timedelta(seconds=1))
                    free: int | None = units_free_now(resource, now, held)
                    if not resource.in_service:
                        free = 0
                    today = to_local(now).date()
                    open_now = is_within_opening_hours(
                        now.replace(second=0, microsecond=0),
                        now.replace(second=0, microsecond=0) + timedelta(minutes=1),
                        resource.rules.hours, self.holidays.holidays_between(today, today))
                    if not open_now:
                        opens_at = next_opening(resource.rules.hours, now,
                                                self.holidays.holidays_between(
                                                    today, today + timedelta(
                                                        days=NEXT_OPENING_DAYS)))
                else:
                    free = resource.live.units_free if resource.live else None
                result.append(ResourceOverview(resource, free, open_now, opens_at,
                                               resource.owner or self.village))
            return result

    def resource(self, resource_id: str) -> Resource:
        with self.uow() as uow:
            resource = uow.resources.get(resource_id)
        if resource is None:
            raise BookingRefused(Refusal.NOT_FOUND, f"no resource {resource_id}")
        return resource

    def availability(self, resource_id: str, day: date,
                     audience: Audience = Audience.RESIDENTS) -> list[Slot]:
        """The slot grid of one local day with units left and why a slot is closed."""
        return self.availability_days(resource_id, day, 1, audience)[day]

    def availability_days(self, resource_id: str, first: date, days: int,
                          audience: Audience = Audience.RESIDENTS) -> dict[date, list[Slot]]:
        """Slot grids for ``days`` consecutive local days, read in one query, under the
        rules of ``audience`` (neighbours may see fewer days ahead)."""
        now = self.clock()
        last = first + timedelta(days=days - 1)
        start, _ = local_day_bounds(first)
        _, end = local_day_bounds(last)
        with self.uow() as uow:
            resource = uow.resources.get(resource_id)
            if resource is None:
                raise BookingRefused(Refusal.NOT_FOUND, f"no resource {resource_id}")
            resource = rules_for(resource, audience)
            buffer = timedelta(minutes=resource.rules.buffer_minutes)
            held = self._held(uow, resource, start - buffer, end + buffer)
            blackouts = uow.blackouts.overlapping(resource_id, start, end)
        holidays = self.holidays.holidays_between(first, last)
        usage = UsageProfile(held)  # sorted once for every slot of every day
        return {
            first + timedelta(days=i): day_slots(
                resource, first + timedelta(days=i), now, usage, blackouts, holidays
            )
            for i in range(days)
        }

    def bookings_of(self, household_id: int, upcoming_only: bool = True) -> list[Booking]:
        """A household's bookings, soonest first (the "My bookings" list)."""
        now = self.clock()
        with self.uow() as uow:
            found = uow.bookings.for_household(household_id)
        if upcoming_only:
            found = [b for b in found if b.is_active and b.end > now]
        return found

    def bookings_of_neighbour(self, neighbour_id: int,
                              upcoming_only: bool = True) -> list[Booking]:
        """A neighbour member's bookings, soonest first (their "My bookings" list)."""
        now = self.clock()
        with self.uow() as uow:
            found = uow.bookings.for_neighbour(neighbour_id)
        if upcoming_only:
            found = [b for b in found if b.is_active and b.end > now]
        return found

    def get(self, code: str) -> Booking:
        with self.uow() as uow:
            booking = uow.bookings.get_by_code(normalise_code(code))
        if booking is None:
            raise BookingRefused(Refusal.NOT_FOUND, f"no booking {code}")
        return booking

    # ------------------------------------------------------------------- writing
    def book(
        self,
        request: BookingRequest,
        household_id: int | None,
        actor: Actor,
        override_reason: str | None = None,
        note: str = "",
        *,
        neighbour_id: int | None = None,
    ) -> Booking:
        """Book for a household (or, with ``neighbour_id`` and ``household_id=None``, a
        neighbour member), or raise ``BookingRefused`` naming the rule; losers of a race
        get TAKEN."""
        party = PartyRef(household_id, neighbour_id)
        if override_reason is not None and not (actor.is_admin and actor.is_manager):
            raise BookingRefused(Refusal.BAD_STATE, "only a manager may override rules")
        return self._with_retry(lambda: self._book_once(request, party, actor,
                                                       override_reason, note))

    def book_neighbour(self, request: BookingRequest, neighbour_id: int, actor: Actor,
                       override_reason: str | None = None, note: str = "") -> Booking:
        """Book for a neighbour member: only resources open to neighbours, under the
        neighbours' rules of each (RESIDENTS_ONLY otherwise)."""
        return self.book(request, None, actor, override_reason, note, neighbour_id=neighbour_id)

    def _book_once(
        self, request: BookingRequest, party: PartyRef, actor: Actor,
        override_reason: str | None, note: str,
    ) -> Booking:
        with self.uow(write=True) as uow:
            booking = self.book_in(uow, request, party.household_id, actor, override_reason,
                                   note, neighbour_id=party.neighbour_id)
            uow.commit()
        self._changed(booking.resource_id)
        return booking

    def book_in(
        self, uow: UnitOfWork, request: BookingRequest, household_id: int | None, actor: Actor,
        override_reason: str | None = None, note: str = "", *, neighbour_id: int | None = None,
    ) -> Booking:
        """Book inside a caller's write unit of work (imports book many rows at once)."""
        now = self.clock()
        party = PartyRef(household_id, neighbour_id)
        resource = uow.resources.get_for_update(request.resource_id)
        if resource is None:
            raise BookingRefused(Refusal.NOT_FOUND, f"no resource {request.resource_id}")
        who: Household | Neighbour | None
        if party.neighbour_id is not None:
            who = uow.neighbours.get(party.neighbour_id)
            if who is None:
                raise BookingRefused(Refusal.NOT_FOUND, "neighbour member not registered")
            named = {"neighbour": who.label("ko")}
        else:
            assert party.household_id is not None
            who = uow.households.get(party.household_id)
            if who is None:
                raise BookingRefused(Refusal.NOT_FOUND, "household not registered")
            named = {"household": who.masked("ko")}
        plate = normalise_plate(request.plate) if request.plate else None
        request = BookingRequest(request.resource_id, request.start, request.end,
                                 request.units, plate)
        buffer = timedelta(minutes=resource.rules.buffer_minutes)
        held = self._held(uow, resource, request.start - buffer, request.end + buffer)
        audience = Audience.NEIGHBOURS if party.is_neighbour else Audience.RESIDENTS
        mine = (self._counted_bookings(uow, rules_for(resource, audience), party,
                                       request.start, now)
                if resource.rules.admits(audience) else [])
        blackouts = uow.blackouts.overlapping(resource.id, request.start, request.end)
        holidays = self.holidays.holidays_between(
            to_local(request.start).date(), to_local(request.end).date()
        )
        refusals = check_booking(request, resource, who, now, held, mine,
                                 blackouts, holidays)
        overridden = self._apply_override(refusals, override_reason)
        status = (
            BookingStatus.PENDING
            if resource.rules.approval_required and not actor.is_admin
            else BookingStatus.CONFIRMED
        )
        code = self._fresh_code(uow)
        booking = uow.bookings.add(Booking(
            code=code, resource_id=resource.id, household_id=party.household_id,
            neighbour_id=party.neighbour_id,
            start=request.start, end=request.end, units=request.units,
            status=status, created_by=actor.label, created_at=now, updated_at=now,
            plate=plate, note=note,
        ))
        details: dict[str, Any] = {
            "resource": resource.id, **named,
            "start": request.start.isoformat(), "end": request.end.isoformat(),
            "units": request.units, "status": status.value,
        }
        fees = resource.rules.fees
        if fees.charges:
            # Computed once, now, under the rule of now: later price changes rewrite nothing.
            assert booking.id is not None
            amount = booking_fee(fees, booking.minutes, booking.units, party.is_neighbour)
            uow.fees.add(BookingFee(booking.id, amount, party.is_neighbour, fees), now)
            details["fee"] = amount
        if overridden:
            details["overridden"] = sorted(r.value for r in overridden)
            details["override_reason"] = override_reason
        self._audit(uow, now, actor.label, "booking.create", "booking", code, **details)
        return booking

    @staticmethod
    def _apply_override(
        refusals: Sequence[BookingRefused], override_reason: str | None
    ) -> list[Refusal]:
        if not refusals:
            return []
        if override_reason is None or not override_reason.strip():
            raise refusals[-1] if refusals[-1].reason is Refusal.TAKEN else refusals[0]
        blocking = [r for r in refusals if r.reason not in OVERRIDABLE]
        if blocking:
            raise blocking[0]
        return [r.reason for r in refusals]

    def cancel(
        self, code: str, actor: Actor, household_id: int | None = None, reason: str = "",
        override_reason: str | None = None, *, neighbour_id: int | None = None,
        waive_penalty: bool = False,
    ) -> Booking:
        """Cancel; a household (or neighbour) only its own and before the cut-off, an
        admin any. A booking that has a fee costs the cancellation penalty of the rule it
        was booked under (``kiosk.domain.fees.penalty_percent``), unless an admin waives
        it (the village cancelled, not the household)."""
        if waive_penalty and not actor.is_admin:
            raise BookingRefused(Refusal.BAD_STATE, "only the association waives a penalty")
        def run() -> Booking:
            now = self.clock()
            with self.uow(write=True) as uow:
                booking, resource = self._load_for_change(uow, code)
                if not actor.is_admin and not _owns(booking, household_id, neighbour_id):
                    raise BookingRefused(Refusal.NOT_FOUND, f"no booking {code}")
                refusals = check_cancel(booking, resource, now)
                overridden: list[Refusal] = []
                if refusals and actor.is_admin:
                    if refusals[0].reason is Refusal.CANCEL_CLOSED:
                        overridden = [Refusal.CANCEL_CLOSED]
                    else:
                        raise refusals[0]
                elif refusals:
                    raise refusals[0]
                updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label,
                                           reason or None)
                uow.bookings.save(updated)
                charged: dict[str, Any] = {}
                fee = uow.fees.get(booking.id) if booking.id is not None else None
                if fee is not None:
                    percent = 0 if waive_penalty else penalty_percent(
                        fee.rule, booking.start, booking.created_at, now)
                    penalty = penalty_amount(fee.amount, percent)
                    uow.fees.set_penalty(fee.booking_id, percent, penalty)
                    charged = {"penalty": penalty, "penalty_percent": percent}
                    if waive_penalty:
                        charged["penalty_waived"] = True
                self._audit(uow, now, actor.label, "booking.cancel", "booking", booking.code,
                            reason=reason, overridden=[r.value for r in overridden],
                            **charged)
                uow.commit()
            self._changed(resource.id)
            return updated
        return self._with_retry(run)

    def check_in(self, code: str, actor: Actor, household_id: int | None = None, *,
                 neighbour_id: int | None = None) -> Booking:
        """Check in within the window; a late arrival after auto-release is refused."""
        def run() -> Booking:
            now = self.clock()
            with self.uow(write=True) as uow:
                booking, resource = self._load_for_change(uow, code)
                if not actor.is_admin and not _owns(booking, household_id, neighbour_id):
                    raise BookingRefused(Refusal.NOT_FOUND, f"no booking {code}")
                refusals = check_checkin(booking, resource, now)
                if refusals:
                    raise refusals[0]
                updated = booking.moved_to(BookingStatus.CHECKED_IN, now)
                uow.bookings.save(updated)
                self._audit(uow, now, actor.label, "booking.check_in", "booking", booking.code)
                uow.commit()
            self._changed(resource.id)
            return updated
        return self._with_retry(run)

    def decide(self, code: str, actor: Actor, approve: bool, reason: str = "") -> Booking:
        """Approve or reject a pending booking (association only)."""
        if not actor.is_admin:
            raise BookingRefused(Refusal.BAD_STATE, "only the association approves bookings")
        if not approve and not reason.strip():
            raise BookingRefused(Refusal.BAD_STATE, "a rejection needs a reason")

        def run() -> Booking:
            now = self.clock()
            with self.uow(write=True) as uow:
                booking, resource = self._load_for_change(uow, code)
                status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
                updated = booking.moved_to(status, now, actor.label, reason or None)
                uow.bookings.save(updated)
                self._audit(uow, now, actor.label,
                            "booking.approve" if approve else "booking.reject",
                            "booking", booking.code, reason=reason)
                uow.commit()
            self._changed(resource.id)
            return updated
        return self._with_retry(run)

    def mark_no_show(self, code: str, actor: Actor) -> Booking:
        """The association records that nobody came."""
        if not actor.is_admin:
            raise BookingRefused(Refusal.BAD_STATE, "only the association marks no-shows")

        def run() -> Booking:
            now = self.clock()
            with self.uow(write=True) as uow:
                booking, resource = self._load_for_change(uow, code)
                if now < booking.start:
                    raise BookingRefused(Refusal.BAD_STATE, "the booking has not started yet")
                updated = booking.moved_to(BookingStatus.NO_SHOW, now, actor.label)
                uow.bookings.save(updated)
                self._audit(uow, now, actor.label, "booking.no_show", "booking", booking.code)
                uow.commit()
            self._changed(resource.id)
            return updated
        return self._with_retry(run)

    def sweep(self) -> SweepResult:
        """Release no-shows, complete finished bookings, expire unapproved ones.

        Runs on an in-process timer; safe to run from several kiosks at once because
        each change is a status transition checked inside the write transaction.
        """
        def run() -> SweepResult:
            now = self.clock()
            counts = {BookingStatus.NO_SHOW: 0, BookingStatus.COMPLETED: 0,
                      BookingStatus.REJECTED: 0}
            changed: set[str] = set()
            with self.uow(write=True) as uow:
                resources: dict[str, Resource | None] = {}
                for booking in uow.bookings.due_for_sweep(now):
                    if booking.resource_id not in resources:
                        resources[booking.resource_id] = uow.resources.get(booking.resource_id)
                    resource = resources[booking.resource_id]
                    if resource is None:
                        continue
                    status = next_status_on_sweep(booking, resource, now)
                    if status is None:
                        continue
                    reason = "not approved before the start" if status is BookingStatus.REJECTED \
                        else None
                    uow.bookings.save(booking.moved_to(status, now, "system:kiosk", reason))
                    counts[status] += 1
                    changed.add(booking.resource_id)
                    if status is not BookingStatus.COMPLETED:
                        self._audit(uow, now, "system:kiosk", f"booking.{status.value}",
                                    "booking", booking.code)
                uow.commit()
            for resource_id in changed:
                self._changed(resource_id)
            return SweepResult(counts[BookingStatus.NO_SHOW], counts[BookingStatus.COMPLETED],
                               counts[BookingStatus.REJECTED])
        return self._with_retry(run)

    def add_blackout(self, blackout: Blackout, actor: Actor) -> tuple[Blackout, list[Booking]]:
        """Close resources for a period; cancel or keep overlapping bookings as chosen."""
        if not actor.is_admin:
            raise BookingRefused(Refusal.BAD_STATE, "only the association adds blackouts")

        def run() -> tuple[Blackout, list[Booking]]:
            now = self.clock()
            cancelled: list[Booking] = []
            with self.uow(write=True) as uow:
                for resource_id in sorted(blackout.resource_ids):
                    if uow.resources.get_for_update(resource_id) is None:
                        raise BookingRefused(Refusal.NOT_FOUND, f"no resource {resource_id}")
                stored = uow.blackouts.add(blackout, actor.label, now)
                if blackout.cancel_overlapping:
                    for resource_id in sorted(blackout.resource_ids):
                        for booking in uow.bookings.overlapping(
                            resource_id, blackout.start, blackout.end,
                            (BookingStatus.PENDING, BookingStatus.CONFIRMED),
                        ):
                            updated = booking.moved_to(BookingStatus.CANCELLED, now, actor.label,
                                                       f"blackout: {blackout.reason}")
                            uow.bookings.save(updated)
                            cancelled.append(updated)
                            self._audit(uow, now, actor.label, "booking.cancel", "booking",
                                        booking.code, reason=f"blackout: {blackout.reason}")
                self._audit(uow, now, actor.label, "blackout.create", "blackout", str(stored.id),
                            resources=sorted(blackout.resource_ids), reason=blackout.reason,
                            start=blackout.start.isoformat(), end=blackout.end.isoformat(),
                            cancel_overlapping=blackout.cancel_overlapping,
                            cancelled=[b.code for b in cancelled])
                uow.commit()
            for resource_id in blackout.resource_ids:
                self._changed(resource_id)
            return stored, cancelled
        return self._with_retry(run)

    # ------------------------------------------------------------------- helpers
    @staticmethod
    def _held(uow: UnitOfWork, resource: Resource, start: datetime, end: datetime
              ) -> list[Occupancy]:
        buffer = resource.rules.buffer_minutes
        return [
            occupancy(b_start, b_end, units, buffer)
            for b_start, b_end, units in uow.bookings.held_between(
                resource.id, start - timedelta(minutes=buffer), end, ACTIVE_STATUSES
            )
        ]

    @staticmethod
    def _counted_bookings(uow: UnitOfWork, resource: Resource, party: PartyRef,
                          start: datetime, now: datetime) -> list[Booking]:
        """The party's bookings of this resource that the quota rules (of its group: pass
        the resource with them) can count: those starting in the widest quota period,
        and active ones not yet ended when upcoming bookings are limited. Never the
        party's whole history."""
        rules = resource.rules
        found: dict[str, Booking] = {}
        span = quota_span(start, rules)
        if span is not None:
            if party.neighbour_id is not None:
                within = uow.bookings.for_neighbour(
                    party.neighbour_id, resource_id=resource.id, start_from=span[0],
                    start_before=span[1])
            else:
                assert party.household_id is not None
                within = uow.bookings.for_household(
                    party.household_id, resource_id=resource.id, start_from=span[0],
                    start_before=span[1])
            for booking in within:
                found[booking.code] = booking
        if rules.max_upcoming_per_household is not None:
            if party.neighbour_id is not None:
                ahead = uow.bookings.upcoming_for_neighbour(
                    party.neighbour_id, resource.id, now, ACTIVE_STATUSES)
            else:
                assert party.household_id is not None
                ahead = uow.bookings.upcoming_for_household(
                    party.household_id, resource.id, now, ACTIVE_STATUSES)
            for booking in ahead:
                found.setdefault(booking.code, booking)
        return list(found.values())

    @staticmethod
    def _load_for_change(uow: UnitOfWork, code: str) -> tuple[Booking, Resource]:
        booking = uow.bookings.get_by_code(normalise_code(code))
        if booking is None:
            raise BookingRefused(Refusal.NOT_FOUND, f"no booking {code}")
        resource = uow.resources.get_for_update(booking.resource_id)
        if resource is None:
            raise BookingRefused(Refusal.NOT_FOUND, f"no resource {booking.resource_id}")
        # Re-read under the lock: another kiosk may have changed it meanwhile.
        fresh = uow.bookings.get_by_code(booking.code)
        assert fresh is not None
        return fresh, resource

    @staticmethod
    def _fresh_code(uow: UnitOfWork) -> str:
        for _ in range(20):
            code = new_booking_code()
            if not uow.bookings.code_exists(code):
                return code
        raise RuntimeError("could not find a free booking code")

    @staticmethod
    def _audit(uow: UnitOfWork, now: datetime, actor: str, action: str, entity: str,
               entity_id: str, **details: Any) -> None:
        uow.audit.add(AuditEntry(now, actor, action, entity, entity_id, details))

    def _with_retry(self, work: Callable[[], T]) -> T:
        for attempt in range(self.busy_retries + 1):
            try:
                return work()
            except StorageBusy:
                if attempt == self.busy_retries:
                    raise BookingRefused(Refusal.BUSY, "the database is busy; try again") from None
        raise AssertionError("unreachable")

    def _changed(self, resource_id: str) -> None:
        for listener in self.on_change:
            listener(resource_id)


def _owns(booking: Booking, household_id: int | None, neighbour_id: int | None) -> bool:
    """A kiosk acts only on the verified party's own bookings; naming no party owns none."""
    if neighbour_id is not None:
        return booking.neighbour_id == neighbour_id
    return household_id is not None and booking.household_id == household_id
