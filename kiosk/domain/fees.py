"""What using a shared facility costs, and what cancelling it late costs.

Korean complexes charge shared-facility use on the monthly 관리비 statement. A resource's
rules may carry a ``FeeRule``: a price per booking and/or per hour (whole won), minutes
free at the start of each booking, a neighbours' price that differs from the residents',
a note about a deposit, and cancellation penalties by notice. The fee of a booking is
computed here once, when it is made, and stored with it; a cancellation's penalty is a
share of that stored fee under the rule stored with it, so changing a resource's prices
never rewrites what was already booked.

Amounts are whole won (``int``), never floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.domain.clock import to_local

MAX_WON = 10_000_000
"""No single price or correction above ten million won: a typo, not a facility fee."""
MINUTES_PER_DAY = 24 * 60


def _check_won(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of won")
    if not 0 <= value <= MAX_WON:
        raise ValueError(f"{name} must be between 0 and {MAX_WON:,} won")


def _check_minutes(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of minutes, not negative")


@dataclass(frozen=True)
class FeeAmounts:
    """One group's price: once per booking, per unit-hour after the free minutes."""

    per_booking: int = 0
    per_hour: int = 0
    free_minutes: int = 0

    def __post_init__(self) -> None:
        _check_won("per_booking", self.per_booking)
        _check_won("per_hour", self.per_hour)
        _check_minutes("free_minutes", self.free_minutes)

    @property
    def free(self) -> bool:
        return not self.per_booking and not self.per_hour


@dataclass(frozen=True)
class NeighbourFees:
    """Where neighbour members pay differently; ``None`` keeps the residents' value."""

    per_booking: int | None = None
    per_hour: int | None = None
    free_minutes: int | None = None

    def __post_init__(self) -> None:
        for name in ("per_booking", "per_hour"):
            value = getattr(self, name)
            if value is not None:
                _check_won(f"neighbours.{name}", value)
        if self.free_minutes is not None:
            _check_minutes("neighbours.free_minutes", self.free_minutes)

    @property
    def empty(self) -> bool:
        return self.per_booking is None and self.per_hour is None and self.free_minutes is None


@dataclass(frozen=True)
class PenaltyTier:
    """A share of the fee charged for a cancellation: at any time (neither bound set),
    less than ``within_minutes`` before the start, or on the start's own local day."""

    percent: int
    within_minutes: int | None = None
    same_day: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.percent, bool) or not isinstance(self.percent, int) \
                or not 0 <= self.percent <= 100:
            raise ValueError("a penalty percent must be a whole number from 0 to 100")
        if self.within_minutes is not None:
            _check_minutes("within", self.within_minutes)
            if self.within_minutes < 1:
                raise ValueError("a penalty's notice must be at least 1 minute")
            if self.same_day:
                raise ValueError("a penalty applies within a notice or on the same day, "
                                 "not both")

    def applies(self, start: datetime, cancelled_at: datetime) -> bool:
        if self.same_day:
            return to_local(cancelled_at).date() >= to_local(start).date()
        if self.within_minutes is not None:
            return start - cancelled_at < timedelta(minutes=self.within_minutes)
        return True


@dataclass(frozen=True)
class FeeRule:
    """A resource's prices, deposit note and cancellation penalties. The default charges
    nothing."""

    residents: FeeAmounts = FeeAmounts()
    neighbours: NeighbourFees = NeighbourFees()
    deposit_note: str = ""
    deposit_note_en: str = ""
    penalties: tuple[PenaltyTier, ...] = ()
    free_cancel_minutes: int = 0
    """A cancellation within this many minutes of making the booking costs nothing."""

    def __post_init__(self) -> None:
        _check_minutes("free_cancel_minutes", self.free_cancel_minutes)
        if len(self.deposit_note) > 300 or len(self.deposit_note_en) > 300:
            raise ValueError("a deposit note is at most 300 characters")

    def amounts(self, neighbour: bool = False) -> FeeAmounts:
        """The price a resident (or, with ``neighbour``, a neighbour member) pays."""
        base = self.residents
        if not neighbour:
            return base
        extra = self.neighbours
        return FeeAmounts(
            base.per_booking if extra.per_booking is None else extra.per_booking,
            base.per_hour if extra.per_hour is None else extra.per_hour,
            base.free_minutes if extra.free_minutes is None else extra.free_minutes,
        )

    @property
    def charges(self) -> bool:
        """True when some booking of the resource can cost something."""
        return not (self.amounts(False).free and self.amounts(True).free)

    @property
    def is_default(self) -> bool:
        return self == FeeRule()


NO_FEES = FeeRule()


def booking_fee(rule: FeeRule, minutes: int, units: int = 1, neighbour: bool = False) -> int:
    """The fee of a booking of ``minutes`` and ``units``: the price per booking once, plus
    the hourly price for each unit over the minutes after the free ones, by the minute,
    rounded half up to the won."""
    price = rule.amounts(neighbour)
    billable = max(minutes - price.free_minutes, 0)
    hourly = (price.per_hour * billable * units * 2 + 60) // 120
    return price.per_booking + hourly


def penalty_percent(rule: FeeRule, start: datetime, booked_at: datetime,
                    cancelled_at: datetime) -> int:
    """The share of the fee a cancellation at ``cancelled_at`` costs: nothing within the
    free minutes after booking, else the highest tier that applies (0 when none)."""
    if cancelled_at - booked_at <= timedelta(minutes=rule.free_cancel_minutes) \
            and rule.free_cancel_minutes:
        return 0
    return max((t.percent for t in rule.penalties if t.applies(start, cancelled_at)),
               default=0)


def penalty_amount(fee: int, percent: int) -> int:
    """``percent`` of ``fee``, rounded half up to the won."""
    return (fee * percent * 2 + 100) // 200


# --------------------------------------------------------------------- in words
def won(amount: int, language: str = "ko") -> str:
    """``7,500원`` / ``₩7,500`` (a minus sign in front of a negative amount)."""
    sign = "-" if amount < 0 else ""
    if language == "en":
        return f"{sign}₩{abs(amount):,}"
    return f"{sign}{abs(amount):,}원"


def _span(minutes: int, language: str) -> str:
    if minutes % MINUTES_PER_DAY == 0:
        days = minutes // MINUTES_PER_DAY
        return f"{days} day{'s' if days != 1 else ''}" if language == "en" else f"{days}일"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}" if language == "en" \
            else f"{hours}시간"
    return f"{minutes} min" if language == "en" else f"{minutes}분"


def price_text(amounts: FeeAmounts, language: str = "ko") -> str:
    """``시간당 5,000원 (처음 30분 무료)`` / ``₩5,000 per hour (first 30 min free)``."""
    en = language == "en"
    if amounts.free:
        return "free of charge" if en else "무료"
    parts = []
    if amounts.per_booking:
        parts.append(f"{won(amounts.per_booking, language)} per booking" if en
                     else f"1회 {won(amounts.per_booking)}")
    if amounts.per_hour:
        parts.append(f"{won(amounts.per_hour, language)} per hour" if en
                     else f"시간당 {won(amounts.per_hour)}")
    text = " + ".join(parts)
    if amounts.free_minutes:
        free = _span(amounts.free_minutes, language)
        text += f" (first {free} free)" if en else f" (처음 {free} 무료)"
    return text


def penalty_text(rule: FeeRule, language: str = "ko") -> str:
    """The cancellation penalties in one line, e.g. ``취소 수수료: 언제 취소해도 10%, 7일
    안 30%, 당일 50% · 예약 후 10분 안에는 무료``; ``취소 수수료 없음`` without any."""
    en = language == "en"
    tiers = [t for t in rule.penalties if t.percent]
    if not tiers:
        return "No cancellation fee" if en else "취소 수수료 없음"

    def order(tier: PenaltyTier) -> tuple[int, int]:
        if tier.same_day:
            return (2, 0)
        if tier.within_minutes is not None:
            return (1, -tier.within_minutes)
        return (0, 0)

    said = []
    for tier in sorted(tiers, key=order):
        if tier.same_day:
            said.append(f"{tier.percent}% on the day" if en else f"당일 {tier.percent}%")
        elif tier.within_minutes is not None:
            span = _span(tier.within_minutes, language)
            said.append(f"{tier.percent}% within {span} of the start" if en
                        else f"{span} 안 {tier.percent}%")
        else:
            said.append(f"{tier.percent}% at any time" if en
                        else f"언제 취소해도 {tier.percent}%")
    text = ("Cancellation fee: " if en else "취소 수수료: ") + ", ".join(said)
    if rule.free_cancel_minutes:
        span = _span(rule.free_cancel_minutes, language)
        text += f"; free within {span} of booking" if en else f" · 예약 후 {span} 안에는 무료"
    return text


def fee_lines(rule: FeeRule, language: str = "ko", neighbour: bool | None = None
              ) -> list[str]:
    """A resource's fees as lines a resident reads, in Korean (``"ko"``) or English.

    ``neighbour=False`` gives the residents' price, ``True`` a neighbour member's (the
    kiosk knows who is booking); ``None`` gives both when they differ. Then the deposit
    note and the cancellation penalties. A resource that costs nothing says so in one
    line.
    """
    en = language == "en"
    if not rule.charges:
        lines = ["Free of charge" if en else "이용료 없음"]
    elif neighbour is None and rule.amounts(True) != rule.amounts(False):
        lines = [("Fee for residents: " if en else "이용료 (주민): ")
                 + price_text(rule.amounts(False), language),
                 ("Fee for neighbour members: " if en else "이용료 (이웃 회원): ")
                 + price_text(rule.amounts(True), language)]
    else:
        lines = [("Fee: " if en else "이용료: ")
                 + price_text(rule.amounts(bool(neighbour)), language)]
    note = (rule.deposit_note_en or rule.deposit_note) if en else rule.deposit_note
    if note:
        lines.append(("Deposit: " if en else "보증금: ") + note)
    if rule.charges:
        lines.append(penalty_text(rule, language))
        lines.append("Charged on the monthly maintenance bill" if en
                     else "월 관리비에 함께 청구됩니다")
    return lines


def fee_summary(rule: FeeRule, minutes: int, units: int = 1, neighbour: bool = False,
                language: str = "ko") -> str:
    """The fee of one booking as the confirm screen says it: ``이용료 7,500원 (관리비에
    청구)`` / ``Fee ₩7,500 (on the maintenance bill)``; ``이용료 없음`` when it is 0."""
    amount = booking_fee(rule, minutes, units, neighbour)
    en = language == "en"
    if not amount:
        return "No fee" if en else "이용료 없음"
    return (f"Fee {won(amount, language)} (on the maintenance bill)" if en
            else f"이용료 {won(amount)} (관리비에 청구)")


# ------------------------------------------------------------- stored charges
@dataclass(frozen=True)
class BookingFee:
    """The fee stored with a booking when it was made, with the rule it was computed
    under; ``penalty`` is set when the booking is cancelled (0 when it cost nothing)."""

    booking_id: int
    amount: int
    neighbour: bool
    rule: FeeRule
    penalty: int | None = None
    penalty_percent: int | None = None


def month_key(text: str) -> str:
    """``2026-11`` (also ``2026-1``, ``202611``, ``2026.11``) as ``YYYY-MM``, or ValueError."""
    cleaned = text.strip().replace(".", "-").replace("/", "-")
    if "-" not in cleaned and len(cleaned) == 6 and cleaned.isdigit():
        cleaned = f"{cleaned[:4]}-{cleaned[4:]}"
    try:
        year_text, month_text = cleaned.split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        raise ValueError(f"month must look like 2026-11, got {text[:20]!r}") from None
    if not (2000 <= year <= 2999 and 1 <= month <= 12):
        raise ValueError(f"month must look like 2026-11, got {text[:20]!r}")
    return f"{year:04d}-{month:02d}"


@dataclass(frozen=True)
class FeeCorrection:
    """A signed amount the office adds to (or takes off) one household's or neighbour's
    line of a month's statement, with the reason it was made."""

    month: str
    household_id: int | None
    neighbour_id: int | None
    amount: int
    reason: str
    created_by: str
    created_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        if (self.household_id is None) == (self.neighbour_id is None):
            raise ValueError("a correction is on exactly one household or neighbour")
        if month_key(self.month) != self.month:
            raise ValueError("a correction's month must be stored as YYYY-MM")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError("a correction is a whole number of won")
        if not self.amount or abs(self.amount) > MAX_WON:
            raise ValueError(f"a correction must be non-zero and at most {MAX_WON:,} won")
        if not self.reason.strip() or len(self.reason) > 300:
            raise ValueError("a correction needs a reason (at most 300 characters)")
