"""Time helpers: everything is stored in UTC and shown in Asia/Seoul."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def utc_now() -> datetime:
    """The current instant as an aware UTC datetime."""
    return datetime.now(UTC)


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
