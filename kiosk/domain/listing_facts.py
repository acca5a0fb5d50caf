"""Everything a feed said about a hub listing, as labelled lines for the detail screen,
and the provider's own link for a resident's phone.

The facts are the listing's stored `extra` (text values written by the sync sources,
docs/hub-feed.md and docs/sync.md name them). Each line is (label_ko, label_en,
value[, value_en]); a value with no language (a number, a time) has no `value_en`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from kiosk.domain.owners import owner_from_facts


@dataclass(frozen=True, slots=True)
class Fact:
    """One line of the detail screen: a label in both languages and its value."""

    label_ko: str
    label_en: str
    value: str
    value_en: str = ""

    def label(self, language: str = "ko") -> str:
        return self.label_en if language == "en" else self.label_ko

    def text(self, language: str = "ko") -> str:
        """The value in `language` (the Korean value when there is no English one)."""
        return self.value_en if language == "en" and self.value_en else self.value


def _int(facts: Mapping[str, str], key: str) -> int | None:
    value = facts.get(key, "").strip()
    return int(value) if value.isdigit() else None


def _won(amount: int) -> tuple[str, str]:
    return f"{amount:,}원", f"KRW {amount:,}"


def _fee(facts: Mapping[str, str], krw: str, minutes: str) -> tuple[str, str] | None:
    amount = _int(facts, krw)
    if amount is None:
        return None
    ko, en = _won(amount)
    per = _int(facts, minutes)
    if per:
        return f"{ko} / {per}분", f"{en} per {per} min"
    return ko, en


def _distance(metres: int) -> str:
    return f"{metres / 1000:.1f} km" if metres >= 1000 else f"{metres} m"


_PROPULSION: Final[Mapping[str, tuple[str, str]]] = {
    "human": ("사람 힘", "Pedal"),
    "electric_assist": ("전기 보조", "Electric assist"),
    "electric": ("전기", "Electric"),
    "combustion": ("내연기관", "Combustion engine"),
    "combustion_diesel": ("디젤", "Diesel"),
    "hybrid": ("하이브리드", "Hybrid"),
    "plug_in_hybrid": ("플러그인 하이브리드", "Plug-in hybrid"),
    "hydrogen_fuel_cell": ("수소", "Hydrogen"),
}
_PAID: Final[Mapping[str, str]] = {"유료": "Paid", "무료": "Free"}

# Plain text facts: (fact key, label_ko, label_en, English value key or "").
_TEXT: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("vehicle_types", "자전거 종류", "Vehicle types", ""),
)
_LATER_TEXT: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("price_ko", "요금", "Price", "price_en"),
    ("fee", "요금", "Fee", ""),
    ("deposit", "보증금", "Deposit", ""),
    ("hours", "운영 시간", "Hours", ""),
    ("hours_weekday", "평일 운영", "Weekdays", ""),
    ("hours_saturday", "토요일 운영", "Saturdays", ""),
    ("hours_weekend", "주말 운영", "Weekends", ""),
    ("hours_holiday", "공휴일 운영", "Public holidays", ""),
    ("night_open", "야간 개방", "Open at night", ""),
    ("rent_how_ko", "대여 방법", "How to rent", "rent_how_en"),
    ("phone", "전화", "Phone", ""),
    ("contact", "연락처", "Contact", ""),
    ("lot_type", "주차장 종류", "Lot type", ""),
    ("operation", "운영 방식", "Operation", ""),
)


def listing_facts(facts: Mapping[str, str]) -> list[Fact]:
    """What the feed said, in the order the detail screen shows it: station number,
    free docks and e-bikes, vehicle types, battery and range, prices, hours, how to
    rent, phone, and who provides it. Facts a feed did not send are left out."""
    out: list[Fact] = []

    def add(label_ko: str, label_en: str, value: str, value_en: str = "") -> None:
        if value:
            out.append(Fact(label_ko, label_en, value, value_en))

    number = facts.get("station_no")
    if number:
        add("대여소 번호", "Station number", number)
    counted: tuple[tuple[str, str, str, Callable[[int], tuple[str, str]]], ...] = (
        ("docks_available", "빈 거치대", "Free docks", lambda n: (f"{n}개", str(n))),
        ("electric_available", "전기자전거", "E-bikes", lambda n: (f"{n}대", str(n))),
    )
    for key, ko, en, words in counted:
        count = _int(facts, key)
        if count is not None:
            add(ko, en, *words(count))
    for key, ko, en, en_key in _TEXT:
        add(ko, en, facts.get(key, ""), facts.get(en_key, "") if en_key else "")
    propulsion = facts.get("propulsion")
    if propulsion:
        add("동력", "Power", *_PROPULSION.get(propulsion, (propulsion, propulsion)))
    battery = _int(facts, "battery_pct")
    if battery is not None:
        add("배터리", "Battery", f"{battery}%")
    reach = _int(facts, "range_m")
    if reach is not None:
        add("주행 가능 거리", "Range", _distance(reach))
    paid = facts.get("paid")
    if paid:
        add("요금 구분", "Charged", paid, _PAID.get(paid, ""))
    for krw, minutes, ko, en in (
        ("fee_base_krw", "fee_base_min", "기본 요금", "Base fee"),
        ("fee_add_krw", "fee_add_min", "추가 요금", "Extra fee"),
    ):
        fee = _fee(facts, krw, minutes)
        if fee:
            add(ko, en, *fee)
    for key, ko, en in (("fee_day_max_krw", "일 최대 요금", "Day maximum"),
                        ("fee_month_krw", "월 정기권", "Monthly pass")):
        amount = _int(facts, key)
        if amount is not None:
            add(ko, en, *_won(amount))
    for key, ko, en, en_key in _LATER_TEXT:
        add(ko, en, facts.get(key, ""), facts.get(en_key, "") if en_key else "")
    owner = owner_from_facts(facts)
    if owner is not None:
        add("제공", "Provided by", owner.name, owner.name_en)
    return out


# The provider's page for one listing, most useful first: a GBFS station's web rental
# link works on any phone; app links only on that kind of phone.
LINK_KEYS: Final = ("rental_uri_web", "url", "rental_uri_ios", "rental_uri_android")


def is_web_link(url: str) -> bool:
    """True for an http(s) address with a host: the only links the kiosk hands on."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


def provider_link(facts: Mapping[str, str]) -> str | None:
    """The provider's link for a listing (GBFS `rental_uris`, the hub feed's `url`), for
    a QR code the resident scans; None when the feed gave none."""
    for key in LINK_KEYS:
        url = facts.get(key, "").strip()
        if url and is_web_link(url):
            return url
    return None
