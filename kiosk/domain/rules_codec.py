"""Rules to and from plain JSON-able dicts (database column and import files)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from kiosk.domain.rules import (
    Audience,
    BookingRules,
    NeighbourRules,
    OpeningHours,
    Quota,
    QuotaPeriod,
    TimeWindow,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SCALARS = {f.name for f in fields(BookingRules)} - {"hours", "quotas", "open_to", "neighbours"}
_NEIGHBOUR_KEYS = {"max_days_ahead", "quotas", "max_upcoming"}


def rules_to_dict(rules: BookingRules) -> dict[str, Any]:
    """A stable, human-readable form (``"09:00-22:00"`` windows, ISO dates)."""
    data: dict[str, Any] = {name: getattr(rules, name) for name in sorted(_SCALARS)}
    data["hours"] = {
        day: [w.format() for w in windows]
        for day, windows in zip(WEEKDAYS, rules.hours.weekly, strict=True)
    }
    data["closed_dates"] = sorted(d.isoformat() for d in rules.hours.closed_dates)
    data["closed_on_public_holidays"] = rules.hours.closed_on_public_holidays
    data["quotas"] = _quotas_to_list(rules.quotas)
    data["open_to"] = rules.open_to.value
    extra = rules.neighbours
    data["neighbours"] = {k: v for k, v in (
        ("max_days_ahead", extra.max_days_ahead),
        ("quotas", None if extra.quotas is None else _quotas_to_list(extra.quotas)),
        ("max_upcoming", extra.max_upcoming)) if v is not None}
    return data


def _quotas_to_list(quotas: tuple[Quota, ...]) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in (("period", q.period.value), ("max_bookings", q.max_bookings),
                           ("max_minutes", q.max_minutes)) if v is not None}
        for q in quotas
    ]


def _quotas_from_list(items: list[dict[str, Any]]) -> tuple[Quota, ...]:
    return tuple(
        Quota(
            period=QuotaPeriod(q["period"]),
            max_bookings=q.get("max_bookings"),
            max_minutes=q.get("max_minutes"),
        )
        for q in items
    )


def _neighbour_rules(data: Any) -> NeighbourRules:
    """``[rules.neighbours]``: only what differs for neighbours."""
    if not isinstance(data, dict):
        raise ValueError("neighbours must be a table of rules for neighbours")
    unknown = set(data) - _NEIGHBOUR_KEYS
    if unknown:
        raise ValueError(f"unknown rule(s): neighbours.{', neighbours.'.join(sorted(unknown))}")
    quotas = data.get("quotas")
    return NeighbourRules(
        max_days_ahead=data.get("max_days_ahead"),
        quotas=None if quotas is None else _quotas_from_list(quotas),
        max_upcoming=data.get("max_upcoming"),
    )


def rules_from_dict(data: dict[str, Any]) -> BookingRules:
    """Read rules; missing keys take the defaults, unknown keys are refused by name."""
    data = dict(data)
    known = _SCALARS | {"hours", "closed_dates", "closed_on_public_holidays", "quotas",
                        "open_to", "neighbours"}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(sorted(unknown))}")
    hours_data = data.pop("hours", None)
    weekly: tuple[tuple[TimeWindow, ...], ...]
    if hours_data is None:
        weekly = OpeningHours().weekly
    elif isinstance(hours_data, str):
        weekly = ((TimeWindow.parse(hours_data),),) * 7
    elif isinstance(hours_data, dict):
        bad = set(hours_data) - set(WEEKDAYS)
        if bad:
            raise ValueError(f"unknown weekday(s) in hours: {', '.join(sorted(bad))}")
        weekly = tuple(
            tuple(TimeWindow.parse(text) for text in _as_list(hours_data.get(day, [])))
            for day in WEEKDAYS
        )
    else:
        raise ValueError("hours must be a window like 09:00-22:00 or a table per weekday")
    hours = OpeningHours(
        weekly=weekly,
        closed_dates=frozenset(date.fromisoformat(d) for d in data.pop("closed_dates", [])),
        closed_on_public_holidays=bool(data.pop("closed_on_public_holidays", False)),
    )
    quotas = _quotas_from_list(data.pop("quotas", []))
    open_text = data.pop("open_to", Audience.RESIDENTS.value)
    try:
        open_to = Audience(open_text)
    except ValueError:
        raise ValueError(f"open_to must be residents or neighbours, got {open_text!r}") from None
    neighbours = _neighbour_rules(data.pop("neighbours", {}))
    for name, value in data.items():
        default = getattr(BookingRules, name, None)
        if isinstance(default, bool) and not isinstance(value, bool):
            raise ValueError(f"rule {name} must be true or false")
    return BookingRules(hours=hours, quotas=quotas, open_to=open_to, neighbours=neighbours,
                        **data)


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
