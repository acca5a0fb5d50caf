"""What a synced listing says, in the words residents and the association read: the
service's own name (따릉이, not "a public sharing listing"), the station number on the
sign, the real bike count even above the rack count, free docks, e-bikes, parking fees,
hours and phone, and times in Seoul time with a date when not today.

Shared by `kiosk listings list` (text and --json) and any screen that shows details;
it only reads the stored listing, so every figure is what the feed said.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from kiosk.domain.clock import to_local
from kiosk.domain.hub import NearbyListing

_DIRECTIONS: Final = (
    ("북쪽", "north"), ("북동쪽", "north-east"), ("동쪽", "east"), ("남동쪽", "south-east"),
    ("남쪽", "south"), ("남서쪽", "south-west"), ("서쪽", "west"), ("북서쪽", "north-west"),
)
_FEES: Final = ("fee_base_krw", "fee_base_min", "fee_add_krw", "fee_add_min",
                "fee_day_max_krw", "fee_month_krw", "fee_bus_base_krw", "fee_bus_base_min",
                "fee_bus_add_krw", "fee_bus_add_min")
_HOURS: Final = ("hours_weekday", "hours_saturday", "hours_weekend", "hours_holiday")
_GENERIC: Final = {
    "bike": ("공공 자전거", "Public bike"),
    "parking": ("공영주차장", "Public parking"),
}


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from point 1 to point 2, 0–360 degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def direction(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[str, str]:
    """Eight-point direction (Korean, English) from the kiosk to a listing."""
    index = int((bearing_deg(lat1, lon1, lat2, lon2) + 22.5) // 45) % 8
    return _DIRECTIONS[index]


def local_time_text(when: datetime | None, now: datetime) -> str:
    """ "08:59" for a time of today in Seoul, "2020-03-14 16:17" for any other day."""
    if when is None:
        return "-"
    local, today = to_local(when), to_local(now).date()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


def _int(extra: Mapping[str, str], key: str) -> int | None:
    value = extra.get(key, "")
    return int(value) if value.isdigit() else None


def real_free(near: NearbyListing) -> int | None:
    """The count the feed reported, also when it is above the rack count (Seoul
    stations really do hold more bikes than racks; the stored figure is capped)."""
    reported = _int(near.listing.extra, "reported_free")
    return reported if reported is not None else near.listing.units_free


def labels(found: Sequence[NearbyListing], lat: float, lon: float
           ) -> dict[int, tuple[str, str]]:
    """A name per listing that tells apart stations sharing one (three "길음시장 입구"
    within 130 m): the sign's number first ("3504번"), and the direction when needed."""
    counts = Counter(n.listing.name_ko for n in found)
    out: dict[int, tuple[str, str]] = {}
    for n in found:
        x = n.listing
        number = x.extra.get("station_no")
        ko = f"{number}번 {x.name_ko}" if number else x.name_ko
        en_name = x.name_en or x.name_ko
        en = f"No. {number} {en_name}" if number else en_name
        if counts[x.name_ko] > 1:
            d_ko, d_en = direction(lat, lon, x.lat, x.lon)
            metres = round(n.distance_m)
            ko += f" ({d_ko} {metres} m)"
            en += f" ({metres} m {d_en})"
        out[x.id] = (ko, en)
    return out


def describe(near: NearbyListing, lat: float, lon: float, *, now: datetime,
             label: tuple[str, str] | None = None) -> dict[str, object]:
    """Everything the feed said about one listing, as plain JSON-ready values."""
    x = near.listing
    extra = x.extra
    generic = _GENERIC.get(x.kind, ("공유 자원", "Shared resource"))
    service_ko = extra.get("service_ko") or extra.get("system") or generic[0]
    service_en = extra.get("service_en") or extra.get("system") or generic[1]
    d_ko, d_en = direction(lat, lon, x.lat, x.lon)
    free = real_free(near)
    label_ko, label_en = label or (x.name_ko, x.name_en or x.name_ko)
    doc: dict[str, object] = {
        "id": x.map_id, "source": x.source_id, "external_id": x.external_id,
        "kind": x.kind, "service_ko": service_ko, "service_en": service_en,
        "name_ko": x.name_ko, "name_en": x.name_en,
        "label_ko": label_ko, "label_en": label_en,
        "station_no": extra.get("station_no"),
        "lat": x.lat, "lon": x.lon, "address": x.address,
        "distance_m": round(near.distance_m, 1),
        "direction_ko": d_ko, "direction_en": d_en,
        "units_free": free, "units_total": x.units_total,
        "over_capacity": free is not None and x.units_total is not None
        and free > x.units_total,
        "docks_available": _int(extra, "docks_available"),
        "electric_available": _int(extra, "electric_available"),
        "vehicle_types": extra.get("vehicle_types"),
        "battery_pct": _int(extra, "battery_pct"),
        "range_m": _int(extra, "range_m"),
        "propulsion": extra.get("propulsion"),
        "fees": {k: int(extra[k]) for k in _FEES if extra.get(k, "").isdigit()},
        "hours": {k.removeprefix("hours_"): extra[k] for k in _HOURS if k in extra},
        "phone": extra.get("phone"),
        "paid": extra.get("paid"),
        "paid_saturday": extra.get("paid_saturday"),
        "paid_holiday": extra.get("paid_holiday"),
        "lot_type": extra.get("lot_type"),
        "operation": extra.get("operation"),
        "night_open": extra.get("night_open"),
        "as_of_local": local_time_text(near.as_of, now),
        "stale": near.stale, "held": near.held,
        "status": x.status, "bookable": x.bookable,
        "facts": dict(extra),
    }
    return doc
