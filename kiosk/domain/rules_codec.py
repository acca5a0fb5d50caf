"""Rules to and from plain JSON-able dicts (database column and import files)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from kiosk.domain.fees import FeeAmounts, FeeRule, NeighbourFees, PenaltyTier
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
_SCALARS = {f.name for f in fields(BookingRules)} - {"hours", "quotas", "open_to", "neighbours",
                                                    "fees"}
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
    if not rules.fees.is_default:
        data["fees"] = fees_to_dict(rules.fees)
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
                        "open_to", "neighbours", "fees"}
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
    fees = fees_from_dict(data.pop("fees", {}))
    for name, value in data.items():
        default = getattr(BookingRules, name, None)
        if isinstance(default, bool) and not isinstance(value, bool):
            raise ValueError(f"rule {name} must be true or false")
    return BookingRules(hours=hours, quotas=quotas, open_to=open_to, neighbours=neighbours,
                        fees=fees, **data)


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# ----------------------------------------------------------------------- fees
_AMOUNT_KEYS = ("per_booking", "per_hour", "free_minutes")
_FEE_KEYS = {*_AMOUNT_KEYS, "neighbours", "deposit_note", "deposit_note_en", "penalties",
             "free_cancel_minutes"}
_PENALTY_KEYS = {"percent", "within_days", "within_hours", "within_minutes", "same_day"}


def fees_to_dict(fees: FeeRule) -> dict[str, Any]:
    """``[rules.fees]``: only what is set (zero prices, empty notes left out)."""
    data: dict[str, Any] = {k: getattr(fees.residents, k) for k in _AMOUNT_KEYS
                            if getattr(fees.residents, k)}
    extra = {k: getattr(fees.neighbours, k) for k in _AMOUNT_KEYS
             if getattr(fees.neighbours, k) is not None}
    if extra:
        data["neighbours"] = extra
    for key in ("deposit_note", "deposit_note_en", "free_cancel_minutes"):
        if getattr(fees, key):
            data[key] = getattr(fees, key)
    if fees.penalties:
        data["penalties"] = [_penalty_to_dict(t) for t in fees.penalties]
    return data


def _penalty_to_dict(tier: PenaltyTier) -> dict[str, Any]:
    if tier.same_day:
        return {"same_day": True, "percent": tier.percent}
    minutes = tier.within_minutes
    if minutes is None:
        return {"percent": tier.percent}
    if minutes % (24 * 60) == 0:
        return {"within_days": minutes // (24 * 60), "percent": tier.percent}
    if minutes % 60 == 0:
        return {"within_hours": minutes // 60, "percent": tier.percent}
    return {"within_minutes": minutes, "percent": tier.percent}


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return value


def _penalty_from_dict(item: Any) -> PenaltyTier:
    if not isinstance(item, dict):
        raise ValueError("each of fees.penalties must be a table like "
                         "{ within_days = 7, percent = 30 }")
    unknown = set(item) - _PENALTY_KEYS
    if unknown:
        raise ValueError("unknown rule(s): " + _named("fees.penalties.", unknown))
    if "percent" not in item:
        raise ValueError("each of fees.penalties needs a percent")
    bounds = [k for k in ("within_days", "within_hours", "within_minutes") if k in item]
    if len(bounds) > 1:
        raise ValueError("a penalty takes one of within_days, within_hours, within_minutes")
    same_day = item.get("same_day", False)
    if not isinstance(same_day, bool):
        raise ValueError("rule fees.penalties.same_day must be true or false")
    minutes = None
    if bounds:
        scale = {"within_days": 24 * 60, "within_hours": 60, "within_minutes": 1}[bounds[0]]
        minutes = _whole(f"fees.penalties.{bounds[0]}", item[bounds[0]]) * scale
    return PenaltyTier(_whole("fees.penalties.percent", item["percent"]), minutes, same_day)


def fees_from_dict(data: Any) -> FeeRule:
    """Read ``[rules.fees]``; unknown keys are refused by name."""
    if not isinstance(data, dict):
        raise ValueError("fees must be a table of prices and penalties")
    unknown = set(data) - _FEE_KEYS
    if unknown:
        raise ValueError("unknown rule(s): " + _named("fees.", unknown))
    residents = FeeAmounts(**{k: _whole(f"fees.{k}", data[k]) for k in _AMOUNT_KEYS
                              if k in data})
    extra = data.get("neighbours", {})
    if not isinstance(extra, dict):
        raise ValueError("fees.neighbours must be a table of the neighbours' prices")
    bad = set(extra) - set(_AMOUNT_KEYS)
    if bad:
        raise ValueError("unknown rule(s): " + _named("fees.neighbours.", bad))
    neighbours = NeighbourFees(**{k: _whole(f"fees.neighbours.{k}", extra[k])
                                  for k in _AMOUNT_KEYS if k in extra})
    penalties = data.get("penalties", [])
    if not isinstance(penalties, list):
        raise ValueError("fees.penalties must be a list of tables")
    notes = {}
    for key in ("deposit_note", "deposit_note_en"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"fees.{key} must be text")
        notes[key] = value.strip()
    return FeeRule(
        residents=residents, neighbours=neighbours,
        penalties=tuple(_penalty_from_dict(p) for p in penalties),
        free_cancel_minutes=_whole("fees.free_cancel_minutes",
                                   data.get("free_cancel_minutes", 0)),
        **notes,
    )


def _named(prefix: str, keys: set[str]) -> str:
    return ", ".join(prefix + key for key in sorted(keys))
