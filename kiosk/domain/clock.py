"""Time helpers: everything is stored in UTC and shown in Asia/Seoul."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")

# Tests start kiosk processes that must share the test's clock: the composition root
# sets this from ``KIOSK_CLOCK_START`` (never set on a real kiosk), and every reading
# of "now" in the product goes through ``utc_now``.
CLOCK_START_ENV = "KIOSK_CLOCK_START"
_shift = timedelta(0)


def utc_now() -> datetime:
    """The current instant as an aware UTC datetime (the process clock)."""
    return datetime.now(UTC) + _shift


def start_clock_at(start: datetime) -> None:
    """Run this process's clock from ``start`` on, at the wall clock's speed."""
    global _shift
    _shift = to_utc(start) - datetime.now(UTC)


def clock_start_from(environ: Mapping[str, str]) -> datetime | None:
    """The instant ``KIOSK_CLOCK_START`` asks for, or None; a bad value is refused."""
    text = environ.get(CLOCK_START_ENV, "").strip()
    if not text:
        return None
    try:
        start = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{CLOCK_START_ENV} must be an ISO date-time with a zone, "
                         f"got {text!r}") from None
    return require_aware(start, CLOCK_START_ENV)


def require_aware(value: datetime, what: str = "datetime") -> datetime:
    """Refuse naive datetimes: a naive value is ambiguous between UTC and Seoul time."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must carry a time zone")
    return value


def to_utc(value: datetime) -> datetime:
    """Normalise an aware datetime to UTC."""
    return require_aware(value).astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """An aware datetime shown in Seoul time."""
    return require_aware(value).astimezone(SEOUL)


def local_midnight(day: date) -> datetime:
    """The instant a Seoul calendar day begins (Korea has no daylight saving time)."""
    return datetime.combine(day, time(0, 0), tzinfo=SEOUL)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The half-open UTC interval covering one Seoul calendar day."""
    start = local_midnight(day)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def minutes_after_midnight(value: datetime) -> int:
    """Minutes since the Seoul midnight of the same local day."""
    local = to_local(value)
    return local.hour * 60 + local.minute
