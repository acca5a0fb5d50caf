"""The month's fee statement for the 관리비 bill, and the office's corrections to it.

A booking belongs to the month its start falls in (Seoul time). Its line carries the fee
stored with it when it was used or held (confirmed, checked in, completed, no-show), the
penalty stored with it when it was cancelled, and nothing when it was rejected or is
still waiting for approval. Corrections are signed amounts the office adds to a party's
line of a month, each with a reason, written all together or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import Actor, Booking, BookingStatus, normalise_code
from kiosk.domain.clock import local_day_bounds, to_local
from kiosk.domain.fees import MAX_WON, BookingFee, FeeCorrection, month_key
from kiosk.domain.households import parse_household_label
from kiosk.domain.neighbours import parse_member_id
from kiosk.services.parties import party_labels
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory
from kiosk.services.reports import write_csv
from kiosk.services.spreadsheet import write_xlsx

CHARGED = frozenset({BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN,
                     BookingStatus.COMPLETED, BookingStatus.NO_SHOW})
"""Bookings whose fee is on the bill: used, held, or booked and not turned up to."""


class FeeRefused(ValueError):
    """A correction that cannot be written; nothing of the batch was. ``problem`` says
    which rule (``not_manager``, ``bad_month``, ``no_reason``, ``long_reason``,
    ``nothing``, ``no_party``, ``no_household``, ``no_neighbour``, ``bad_amount``),
    ``line`` which item (from 1) and ``value`` what was typed there."""

    def __init__(self, message: str, problem: str, line: int | None = None,
                 value: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.line = line
        self.value = value


def month_bounds(month: str) -> tuple[date, date]:
    """First and last local day of ``YYYY-MM``."""
    year, number = (int(part) for part in month_key(month).split("-"))
    first = date(year, number, 1)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after - timedelta(days=1)


@dataclass(frozen=True)
class PartyKey:
    household_id: int | None = None
    neighbour_id: int | None = None


@dataclass(frozen=True)
class Charge:
    """One item of a statement: a use, a penalty or a correction."""

    kind: str  # "use" | "penalty" | "correction"
    party: str
    amount: int
    resource_id: str = ""
    resource_name: str = ""
    resource_name_en: str = ""
    code: str = ""
    start: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class StatementLine:
    """One household's (or neighbour member's, masked) line of the month."""

    party: str
    building: str
    unit: str
    uses: int
    use_won: int
    penalty_won: int
    correction_won: int
    key: PartyKey = field(default_factory=PartyKey, compare=False)

    @property
    def total_won(self) -> int:
        return self.use_won + self.penalty_won + self.correction_won


@dataclass(frozen=True)
class ResourceTotal:
    resource_id: str
    name: str
    name_en: str
    uses: int
    use_won: int
    penalty_won: int

    @property
    def total_won(self) -> int:
        return self.use_won + self.penalty_won


@dataclass(frozen=True)
class Statement:
    month: str
    lines: list[StatementLine]
    resources: list[ResourceTotal]
    charges: list[Charge]

    @property
    def correction_won(self) -> int:
        return sum(line.correction_won for line in self.lines)

    @property
    def total_won(self) -> int:
        return sum(line.total_won for line in self.lines)


@dataclass(frozen=True)
class CorrectionRequest:
    """What the office types: whose line (``101-1203`` or ``N-0003``) and how much
    (negative to take off)."""

    party: str
    amount: int


@dataclass
class FeeService:
    uow: UnitOfWorkFactory
    clock: Clock

    def statement(self, month: str) -> Statement:
        """The statement of ``YYYY-MM``: a line per party with a charge, totals per
        resource, and every charge behind them."""
        month = month_key(month)
        first, last = month_bounds(month)
        start, _ = local_day_bounds(first)
        _, end = local_day_bounds(last)
        with self.uow() as uow:
            listed = {r.id: r for r in uow.resources.list(include_retired=True)}
            bookings = [b for b in uow.bookings.search(start_from=start, start_before=end)
                        if b.id is not None]
            fees = uow.fees.for_bookings([b.id for b in bookings if b.id is not None])
            corrections = uow.fees.corrections(month)
            labels = party_labels(uow)
            addresses = {h.id: (h.building, h.unit) for h in uow.households.list()
                         if h.id is not None}
        charges: list[Charge] = []
        for booking in bookings:
            fee = fees.get(booking.id or 0)
            if fee is None:
                continue
            resource = listed.get(booking.resource_id)
            name = resource.name_ko if resource else booking.resource_id
            name_en = resource.name_en if resource else ""
            common: dict[str, Any] = {
                "party": labels.of(booking), "resource_id": booking.resource_id,
                "resource_name": name, "resource_name_en": name_en, "code": booking.code,
                "start": booking.start}
            if booking.status in CHARGED and fee.amount:
                charges.append(Charge("use", amount=fee.amount, **common))
            elif booking.status is BookingStatus.CANCELLED and fee.penalty:
                charges.append(Charge("penalty", amount=fee.penalty,
                                      note=f"{fee.penalty_percent}%", **common))
        keys: dict[str, PartyKey] = {}
        for booking in bookings:
            keys.setdefault(labels.of(booking), PartyKey(booking.household_id,
                                                         booking.neighbour_id))
        for correction in corrections:
            label = (labels.neighbours.get(correction.neighbour_id, "?")
                     if correction.neighbour_id is not None
                     else labels.households.get(correction.household_id or 0, "?"))
            keys.setdefault(label, PartyKey(correction.household_id, correction.neighbour_id))
            charges.append(Charge("correction", label, correction.amount,
                                  note=correction.reason))
        return Statement(month, _lines(charges, keys, addresses), _totals(charges), charges)

    def fee_of(self, code: str) -> BookingFee | None:
        """The fee stored with a booking (None when its resource charged nothing)."""
        with self.uow() as uow:
            booking = uow.bookings.get_by_code(normalise_code(code))
            if booking is None or booking.id is None:
                return None
            return uow.fees.get(booking.id)

    def correct(self, month: str, items: Sequence[CorrectionRequest], reason: str,
                actor: Actor) -> list[FeeCorrection]:
        """Add every correction to ``month``'s statement in one transaction, or none
        (``FeeRefused`` naming the first bad one). A manager's work; the reason is
        required and goes to the audit log with each amount."""
        if not (actor.is_admin and actor.is_manager):
            raise FeeRefused("only a manager corrects the fee statement", "not_manager")
        try:
            month = month_key(month)
        except ValueError as exc:
            raise FeeRefused(str(exc), "bad_month", value=month[:20]) from None
        reason = " ".join(reason.split())
        if not reason:
            raise FeeRefused("a correction needs a reason; it goes to the audit log", "no_reason")
        if len(reason) > 300:
            raise FeeRefused("a reason is at most 300 characters", "long_reason")
        if not items:
            raise FeeRefused("no correction to make", "nothing")
        now = self.clock()
        written: list[FeeCorrection] = []
        with self.uow(write=True) as uow:
            labels = party_labels(uow)
            for number, item in enumerate(items, start=1):
                household_id, neighbour_id = _party(uow, item.party, number)
                amount = item.amount
                if isinstance(amount, bool) or not isinstance(amount, int) or not amount \
                        or abs(amount) > MAX_WON:
                    raise FeeRefused(f"line {number}: the amount must be a non-zero whole "
                                     f"number of won, at most {MAX_WON:,}", "bad_amount",
                                     number, str(amount))
                stored = uow.fees.add_correction(FeeCorrection(
                    month, household_id, neighbour_id, amount, reason, actor.label, now))
                label = (labels.neighbours.get(neighbour_id, "?") if neighbour_id is not None
                         else labels.households.get(household_id or 0, "?"))
                uow.audit.add(AuditEntry(now, actor.label, "fee.correct", "fee_correction",
                                         str(stored.id), {"month": month, "party": label,
                                                          "amount": amount,
                                                          "reason": reason}))
                written.append(stored)
            uow.commit()
        return written


def _party(uow: UnitOfWork, text: str, number: int) -> tuple[int | None, int | None]:
    """A typed ``101-1203`` or ``N-0003`` as the stored household or neighbour id."""
    cleaned = text.strip()
    if not cleaned:
        raise FeeRefused(f"line {number}: whose line? type 101-1203 or N-0003", "no_party",
                         number)
    if cleaned.upper().startswith(("N", "이웃")):
        try:
            neighbour_id = parse_member_id(cleaned)
        except ValueError:
            raise FeeRefused(f"line {number}: no neighbour member {cleaned[:20]}",
                             "no_neighbour", number, cleaned[:20]) from None
        if uow.neighbours.get(neighbour_id) is None:
            raise FeeRefused(f"line {number}: no neighbour member {cleaned[:20]}",
                             "no_neighbour", number, cleaned[:20])
        return None, neighbour_id
    try:
        building, unit = parse_household_label(cleaned)
    except ValueError:
        raise FeeRefused(f"line {number}: no household {cleaned[:20]}", "no_household",
                         number, cleaned[:20]) from None
    household = uow.households.find(building, unit)
    if household is None or household.id is None:
        raise FeeRefused(f"line {number}: no household {cleaned[:20]}", "no_household",
                         number, cleaned[:20])
    return household.id, None


def _sort_unit(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (1 << 30, text)


def _lines(charges: Sequence[Charge], keys: dict[str, PartyKey],
           addresses: dict[int, tuple[str, str]]) -> list[StatementLine]:
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for charge in charges:
        figures = sums[charge.party]
        if charge.kind == "use":
            figures[0] += 1
            figures[1] += charge.amount
        elif charge.kind == "penalty":
            figures[2] += charge.amount
        else:
            figures[3] += charge.amount
    lines = []
    for party, (uses, use_won, penalty_won, correction_won) in sums.items():
        key = keys.get(party, PartyKey())
        building, unit = addresses.get(key.household_id or 0, ("", "")) \
            if key.household_id is not None else ("", "")
        lines.append(StatementLine(party, building, unit, uses, use_won, penalty_won,
                                   correction_won, key))
    # Households by 동 and 호 as the 관리비 bill lists them, then neighbour members.
    return sorted(lines, key=lambda line: (line.key.household_id is None,
                                           _sort_unit(line.building), _sort_unit(line.unit),
                                           line.party))


def _totals(charges: Sequence[Charge]) -> list[ResourceTotal]:
    found: dict[str, list[Any]] = {}
    for charge in charges:
        if charge.kind == "correction":
            continue
        entry = found.setdefault(charge.resource_id, [charge.resource_name,
                                                      charge.resource_name_en, 0, 0, 0])
        if charge.kind == "use":
            entry[2] += 1
            entry[3] += charge.amount
        else:
            entry[4] += charge.amount
    return [ResourceTotal(rid, name, name_en, uses, use_won, penalty_won)
            for rid, (name, name_en, uses, use_won, penalty_won) in sorted(found.items())]


# --------------------------------------------------------------------- exports
def statement_rows(statement: Statement) -> list[list[object]]:
    """One row per line: party, 동, 호, uses, use, penalties, corrections, total (won)."""
    return [[line.party, line.building, line.unit, line.uses, line.use_won,
             line.penalty_won, line.correction_won, line.total_won]
            for line in statement.lines]


def resource_rows(statement: Statement, english: bool = False) -> list[list[object]]:
    return [[(t.name_en or t.name) if english else t.name, t.uses, t.use_won,
             t.penalty_won, t.total_won] for t in statement.resources]


def charge_rows(statement: Statement, english: bool = False) -> list[list[object]]:
    kinds = {"use": ("이용", "Use"), "penalty": ("취소 수수료", "Cancellation fee"),
             "correction": ("조정", "Correction")}
    return [[c.party, kinds[c.kind][1 if english else 0],
             ((c.resource_name_en or c.resource_name) if english else c.resource_name),
             c.code, to_local(c.start).strftime("%Y-%m-%d %H:%M") if c.start else "",
             c.amount, c.note] for c in statement.charges]


LINE_HEADER = ("party", "building", "unit", "uses", "use_won", "penalty_won",
               "correction_won", "total_won")
RESOURCE_HEADER = ("resource", "uses", "use_won", "penalty_won", "total_won")
CHARGE_HEADER = ("party", "kind", "resource", "code", "start", "amount_won", "note")


def export_statement(statement: Statement, path: Path, kind: str,
                     headers: tuple[Sequence[str], Sequence[str], Sequence[str]] = (
                         LINE_HEADER, RESOURCE_HEADER, CHARGE_HEADER),
                     titles: tuple[str, str, str] = ("statement", "resources", "charges"),
                     english: bool = False) -> None:
    """CSV: the lines of the bill, one per party (what a 관리비 program imports). XLSX:
    the lines, the totals per resource and every charge, one sheet each. Written whole
    or not at all; no cell starts a formula."""
    lines = statement_rows(statement)
    if kind == "xlsx":
        write_xlsx(path, [(titles[0], headers[0], lines),
                          (titles[1], headers[1], resource_rows(statement, english)),
                          (titles[2], headers[2], charge_rows(statement, english))])
    else:
        write_csv(path, headers[0], lines)


def booking_month(booking: Booking) -> str:
    """The statement a booking's charges go on: the month its start falls in."""
    return to_local(booking.start).strftime("%Y-%m")
