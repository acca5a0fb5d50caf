"""GBFS (General Bikeshare Feed Specification) v2.3 and v3.0 source.

Reads the discovery file (`gbfs.json`), then system_information, station_information,
station_status, free-floating vehicles (v2 `free_bike_status`, v3 `vehicle_status`)
and vehicle_types. Each file's own `ttl` is respected: a file is not requested again
before its ttl runs out (ttl 0 = every fetch), and requests are conditional, so a
fetch where no file changed returns `not_modified`.

Docked stations become `bike` listings (capacity → units_total, bikes or vehicles
available → units_free). Free-floating vehicles that are neither reserved nor
disabled become one-unit listings (`bike` for bicycles, `other` for scooters, cars).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from urllib.parse import urljoin, urlsplit

from kiosk.domain.clock import utc_now
from kiosk.domain.listing_facts import is_web_link
from kiosk.domain.owners import Owner, guess_kind
from kiosk.sync.base import Clock, Monotonic, SourceBase
from kiosk.sync.config import SourceConfig
from kiosk.sync.errors import BadResponse
from kiosk.sync.http import Fetcher
from kiosk.sync.records import FeedListing, FetchResult, ListingKind
from kiosk.sync.validate import (
    ADDRESS_MAX,
    NAME_MAX,
    ResultBuilder,
    RowError,
    clamp_free,
    clean_id,
    clean_text,
    not_modified_result,
    parse_bool,
    parse_coordinates,
    parse_count,
    parse_number,
    parse_time,
    sane_as_of,
)

log = logging.getLogger("kiosk.sync.gbfs")

MAX_TTL_S: Final = 7 * 24 * 3600

_VEHICLE_NAMES: Final[Mapping[str, tuple[str, str]]] = {
    "bicycle": ("공유 자전거", "Shared bike"),
    "cargo_bicycle": ("공유 화물자전거", "Shared cargo bike"),
    "scooter_standing": ("공유 킥보드", "Shared e-scooter"),
    "scooter_seated": ("공유 스쿠터", "Shared seated scooter"),
    "moped": ("공유 스쿠터", "Shared moped"),
    "car": ("공유 차량", "Shared car"),
    "other": ("공유 이동수단", "Shared vehicle"),
}


# station_information's rental_methods in words (GBFS enum values, any case).
_RENTAL_METHODS: Final[Mapping[str, tuple[str, str]]] = {
    "key": ("회원 카드", "member card"),
    "creditcard": ("신용카드", "credit card"),
    "paypass": ("비접촉 카드", "contactless card"),
    "applepay": ("Apple Pay", "Apple Pay"),
    "androidpay": ("Google Pay", "Google Pay"),
    "transitcard": ("교통카드", "transit card"),
    "accountnumber": ("회원 번호", "account number"),
    "phone": ("휴대전화 앱", "phone app"),
}
_URI_KEYS: Final = ("web", "ios", "android")
TEXT_FACT_MAX: Final = 200


def _rental_facts(row: Mapping[str, object], extra: dict[str, str]) -> None:
    """rental_uris (web, ios, android; http(s) links only) and rental_methods in words."""
    uris = row.get("rental_uris")
    if isinstance(uris, Mapping):
        for key in _URI_KEYS:
            value = uris.get(key)
            if isinstance(value, str) and len(value) <= 1000 and is_web_link(value):
                extra[f"rental_uri_{key}"] = value.strip()
    methods = row.get("rental_methods")
    if isinstance(methods, list):
        words = [_RENTAL_METHODS[m.lower()] for m in methods[:8]
                 if isinstance(m, str) and m.lower() in _RENTAL_METHODS]
        if words:
            extra["rent_how_ko"] = ", ".join(ko for ko, _ in words) + "(으)로 대여"
            extra["rent_how_en"] = "Rent with " + ", ".join(en for _, en in words)


def _system_facts(data: Mapping[str, object]) -> dict[str, str]:
    """What system_information says for every listing: the operator as owner (the
    `operator`, else the system's `name`), the phone number and the opening hours."""
    facts: dict[str, str] = {}
    for field in ("operator", "name"):
        raw = data.get(field)
        if raw is None:
            continue
        try:
            ko, en = _names(raw)
        except RowError:
            continue
        facts.update(Owner(guess_kind(ko), ko, en if en != ko else "").as_facts())
        break
    for key, field in (("phone", "phone_number"), ("hours", "opening_hours")):
        value = data.get(field)
        if isinstance(value, str):
            try:
                text = clean_text(value, field=field, max_len=TEXT_FACT_MAX)
            except RowError:
                continue
            if text:
                facts[key] = text
    return facts


@dataclass(slots=True)
class _Doc:
    doc: dict[str, object]
    data: dict[str, object]
    token: int
    ttl: int
    expires: float
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class _VehicleType:
    form_factor: str
    propulsion: str
    name_ko: str
    name_en: str


def _localized(value: object, language: str) -> str | None:
    """Text for `language` from a v3 localized-string array, a plain string, or None."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return None
    fallback: str | None = None
    for entry in value:
        if not isinstance(entry, dict):
            continue
        text, lang = entry.get("text"), entry.get("language")
        if not isinstance(text, str):
            continue
        if isinstance(lang, str) and lang.lower().split("-")[0] == language:
            return text
        if fallback is None:
            fallback = text
    return fallback if language == "*" else None


def _names(value: object, en_value: object = None) -> tuple[str, str]:
    """(name_ko, name_en) from a v3 localized array, or from v2 text in the file's
    language plus optional English text. Korean falls back to the first text given."""
    if isinstance(value, str):
        ko: str | None = value
        en: str | None = en_value if isinstance(en_value, str) else ""
    else:
        ko = _localized(value, "ko") or _localized(value, "*")
        en = _localized(value, "en") or ""
    return (
        clean_text(ko, field="name", max_len=NAME_MAX, required=True),
        clean_text(en, field="name_en", max_len=NAME_MAX),
    )


class GbfsSource(SourceBase):
    """GBFS v2.x / v3.x feed. Options: `language` (v2 file language to prefer,
    default "ko"), `include_vehicles` (default true), `allow_other_hosts` (feed
    files on another host than gbfs.json; default false)."""

    source_kind = "gbfs"

    def __init__(
        self,
        config: SourceConfig | Mapping[str, object],
        fetcher: Fetcher | None = None,
        *,
        clock: Clock = utc_now,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__(config, fetcher, clock=clock, monotonic=monotonic)
        self._docs: dict[str, _Doc] = {}
        self._tokens = 0
        self._last_signature: tuple[int, ...] | None = None
        self._language = self.config.option_str("language", "ko") or "ko"
        self._include_vehicles = self.config.option_bool("include_vehicles", True)
        self._other_hosts = self.config.option_bool("allow_other_hosts", False)
        self._system_name = ""
        self._system_facts: dict[str, str] = {}
        self._dropped: dict[str, None] = {}
        self._types: dict[str, _VehicleType] = {}

    # -- documents --------------------------------------------------------------------

    def _load(self, name: str, url: str, used: dict[str, _Doc]) -> _Doc:
        now = self._monotonic()
        cached = self._docs.get(url)
        if cached is not None and now < cached.expires:
            used[url] = cached
            return cached
        resp = self._get(
            url,
            etag=cached.etag if cached else None,
            last_modified=cached.last_modified if cached else None,
        )
        if resp.not_modified:
            if cached is None:
                raise BadResponse(
                    f"GBFS {name}: 304 for an unconditional request",
                    url=self._redact(url),
                    source_id=self.config.id,
                )
            cached.expires = now + cached.ttl
            used[url] = cached
            return cached
        doc = self._json(resp, f"GBFS {name}")
        data = doc.get("data")
        if not isinstance(data, dict):
            raise BadResponse(
                f"GBFS {name} has no data object", url=self._redact(url), source_id=self.config.id
            )
        ttl_raw = doc.get("ttl")
        ttl = ttl_raw if isinstance(ttl_raw, int) and not isinstance(ttl_raw, bool) else None
        if ttl is None or ttl < 0:
            ttl = resp.max_age() or 0
        ttl = min(ttl, MAX_TTL_S)
        self._tokens += 1
        entry = _Doc(doc, data, self._tokens, ttl, now + ttl, resp.etag, resp.last_modified)
        self._docs[url] = entry
        used[url] = entry
        return entry

    def _feed_url(self, raw: object) -> str | None:
        if not isinstance(raw, str):
            return None
        url = urljoin(self.config.url, raw.strip())
        parts, base = urlsplit(url), urlsplit(self.config.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        if not self._other_hosts and parts.hostname.lower() != (base.hostname or "").lower():
            self._dropped.setdefault(parts.hostname.lower(), None)
            return None
        return url

    def _other_host_hint(self) -> str:
        """What to do when feeds were left out for being on another host."""
        if not self._dropped:
            return ""
        hosts = ", ".join(list(self._dropped)[:3])
        return (
            f"; feeds on another host ({hosts}) were left out: if that host belongs to the "
            f"same operator, set options = {{ allow_other_hosts = true }} for source "
            f"{self.config.id}"
        )

    def _discover(self, doc: _Doc) -> tuple[int, dict[str, dict[str, str]]]:
        """(major version, {language or "": {feed name: url}})."""
        version = doc.doc.get("version")
        data = doc.data
        self._dropped = {}
        if isinstance(version, str) and version[:1].isdigit():
            major = int(version.split(".")[0])
        else:
            major = 3 if "feeds" in data else 2
        groups: dict[str, object] = {"": data} if major >= 3 else dict(data)
        out: dict[str, dict[str, str]] = {}
        for lang, group in groups.items():
            if not isinstance(group, dict) or not isinstance(group.get("feeds"), list):
                continue
            feeds: dict[str, str] = {}
            for feed in group["feeds"]:
                if not isinstance(feed, dict) or not isinstance(feed.get("name"), str):
                    continue
                url = self._feed_url(feed.get("url"))
                if url is not None:
                    feeds.setdefault(feed["name"], url)
            if feeds:
                out[str(lang).lower()] = feeds
        if not out:
            raise BadResponse(
                "GBFS discovery lists no usable feeds" + self._other_host_hint(),
                url=self._redact(self.config.url),
                source_id=self.config.id,
            )
        return major, out

    def _pick_language(self, langs: list[str]) -> str:
        for wanted in (self._language, "ko", "en"):
            for lang in langs:
                if lang.split("-")[0] == wanted:
                    return lang
        return langs[0]

    # -- fetch ------------------------------------------------------------------------

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult:
        fetched_at = self._clock()
        used: dict[str, _Doc] = {}
        discovery = self._load("gbfs.json", self.config.url, used)
        major, by_lang = self._discover(discovery)
        if self._dropped:
            log.warning("GBFS %s: %s", self.config.id, self._other_host_hint()[2:])
        lang = self._pick_language(list(by_lang))
        feeds = by_lang[lang]
        vehicles_name = "vehicle_status" if major >= 3 else "free_bike_status"
        if vehicles_name not in feeds:  # tolerate feeds that use the other version's name
            vehicles_name = "free_bike_status" if major >= 3 else "vehicle_status"
        has_stations = "station_information" in feeds and "station_status" in feeds
        has_vehicles = self._include_vehicles and vehicles_name in feeds
        if not has_stations and not has_vehicles:
            raise BadResponse(
                "GBFS feed has neither station_information+station_status nor vehicles"
                + self._other_host_hint(),
                url=self._redact(self.config.url),
                source_id=self.config.id,
            )
        live: list[_Doc] = []
        info = status = en_info = vehicles = types = None
        system_name = ""
        system_facts: dict[str, str] = {}
        if "system_information" in feeds:
            system = self._load("system_information", feeds["system_information"], used)
            try:
                system_name = _names(system.data.get("name"))[0]
            except RowError:
                system_name = ""
            system_facts = _system_facts(system.data)
        if has_stations:
            info = self._load("station_information", feeds["station_information"], used)
            status = self._load("station_status", feeds["station_status"], used)
            live.append(status)
            en_group = next(
                (g for k, g in by_lang.items() if k.split("-")[0] == "en" and k != lang), None
            )
            if (
                major < 3
                and lang.split("-")[0] != "en"
                and en_group
                and ("station_information" in en_group)
            ):
                en_info = self._load(
                    "station_information (en)", en_group["station_information"], used
                )
        if has_vehicles:
            vehicles = self._load(vehicles_name, feeds[vehicles_name], used)
            live.append(vehicles)
        if (has_vehicles or has_stations) and "vehicle_types" in feeds:
            types = self._load("vehicle_types", feeds["vehicle_types"], used)

        # Forget documents the discovery file no longer lists (no growth over months).
        self._docs = {url: doc for url, doc in self._docs.items() if url in used}
        ttl_s = min((d.ttl for d in live), default=discovery.ttl)
        signature = tuple(d.token for d in used.values())
        if signature == self._last_signature:
            return not_modified_result(self.config.id, fetched_at=fetched_at, ttl_s=ttl_s)

        builder = self._builder(complete=True)
        self._system_name = system_name
        self._system_facts = system_facts
        primary_is_en = lang.split("-")[0] == "en"
        self._types = self._vehicle_types(types)
        if info is not None and status is not None:
            self._stations(builder, major, info, status, en_info, primary_is_en, fetched_at)
        if vehicles is not None:
            self._vehicles(builder, major, vehicles, types, fetched_at)
        result = builder.build(fetched_at=fetched_at, ttl_s=ttl_s, pages=len(used))
        self._last_signature = signature
        return result

    # -- stations -----------------------------------------------------------------------

    def _stations(
        self,
        builder: ResultBuilder,
        major: int,
        info: _Doc,
        status: _Doc,
        en_info: _Doc | None,
        primary_is_en: bool,
        fetched_at: datetime,
    ) -> None:
        doc_time = parse_time(status.doc.get("last_updated"))
        status_rows: dict[str, dict[str, object]] = {}
        raw_status = status.data.get("stations")
        for row in raw_status if isinstance(raw_status, list) else []:
            if isinstance(row, dict) and isinstance(row.get("station_id"), str | int):
                status_rows.setdefault(str(row["station_id"]), row)
        en_names: dict[str, object] = {}
        if en_info is not None:
            en_rows = en_info.data.get("stations")
            for row in en_rows if isinstance(en_rows, list) else []:
                if isinstance(row, dict) and isinstance(row.get("station_id"), str | int):
                    en_names.setdefault(str(row["station_id"]), row.get("name"))
        rows = info.data.get("stations")
        if not isinstance(rows, list):
            raise BadResponse(
                "GBFS station_information has no stations list", source_id=self.config.id
            )
        for row in rows:
            external_id: str | None = None
            try:
                if not isinstance(row, dict):
                    raise RowError("station is not an object")
                station_id = clean_id(row.get("station_id"), "station_id")
                external_id = f"station:{station_id}"
                if builder.seen(external_id):
                    builder.quarantine(external_id, "duplicate id in this fetch", row)
                    continue
                listing = self._station(
                    row,
                    station_id,
                    external_id,
                    status_rows.get(str(row.get("station_id"))),
                    en_names.get(str(row.get("station_id"))),
                    major,
                    primary_is_en,
                    doc_time,
                    fetched_at,
                )
            except RowError as exc:
                builder.quarantine(external_id, str(exc), row)
                continue
            if listing is not None:
                builder.add(listing, row)

    def _station(
        self,
        row: dict[str, object],
        station_id: str,
        external_id: str,
        status: dict[str, object] | None,
        en_name: object,
        major: int,
        primary_is_en: bool,
        doc_time: datetime | None,
        fetched_at: datetime,
    ) -> FeedListing | None:
        raw_name = row.get("name")
        if major < 3:
            if not isinstance(raw_name, str):
                raise RowError("name must be text")
            if primary_is_en:
                name_ko, name_en = _names(raw_name, raw_name)
            else:
                name_ko, name_en = _names(raw_name, en_name if isinstance(en_name, str) else "")
        else:
            if not isinstance(raw_name, list) or not raw_name:
                raise RowError("name must be a list of localized strings")
            name_ko, name_en = _names(raw_name)
        lat, lon = parse_coordinates(row.get("lat"), row.get("lon"), allow_text=False)
        total = parse_count(row.get("capacity"), field="capacity", allow_text=False)
        extra: dict[str, str] = {"station_id": station_id} | self._system_facts
        if self._system_name:
            extra["system"] = self._system_name
        short = row.get("short_name")
        number = short if isinstance(short, str) else _localized(short, "*")
        if number:
            extra["station_no"] = clean_text(number, field="short_name", max_len=40)
        _rental_facts(row, extra)
        free: int | None = None
        as_of: datetime | None = None
        if status is not None:
            if not parse_bool(status.get("is_installed"), default=True):
                return None  # not on the street: leave it off the map
            field = "num_vehicles_available" if major >= 3 else "num_bikes_available"
            raw_free = status.get(field, status.get("num_bikes_available"))
            free = parse_count(raw_free, field=field, allow_text=False)
            docks = parse_count(
                status.get("num_docks_available"), field="num_docks_available", allow_text=False
            )
            if docks is not None:
                extra["docks_available"] = str(docks)
                if total is None and free is not None:
                    total = free + docks
            if not parse_bool(status.get("is_renting"), default=True):
                extra["renting"] = "false"
                if free:
                    extra["bikes_present"] = str(free)
                free = 0
            if not parse_bool(status.get("is_returning"), default=True):
                extra["returning"] = "false"
            self._station_types(status.get("vehicle_types_available"), extra)
            as_of = parse_time(status.get("last_reported")) or doc_time
        free = clamp_free(total, free, extra)
        address = clean_text(row.get("address"), field="address", max_len=ADDRESS_MAX)
        return FeedListing(
            source_id=self.config.id,
            external_id=external_id,
            kind="bike",
            name_ko=name_ko,
            name_en=name_en,
            description_ko="",
            description_en="",
            lat=lat,
            lon=lon,
            address=address,
            units_total=total,
            units_free=free,
            as_of=sane_as_of(as_of, fetched_at),
            extra=extra,
        )

    def _station_types(self, value: object, extra: dict[str, str]) -> None:
        """What kinds of vehicle a station holds: "일반 6, 전기 2" style counts for the
        detail screen, and the e-bike count on its own (residents ask for those)."""
        if not isinstance(value, list):
            return
        parts: list[str] = []
        electric = 0
        for item in value[:8]:
            if not isinstance(item, dict):
                continue
            try:
                count = parse_count(item.get("count"), field="count", allow_text=False)
            except RowError:
                continue
            type_id = item.get("vehicle_type_id")
            if count is None or not isinstance(type_id, str):
                continue
            vtype = self._types.get(type_id)
            if vtype is not None and vtype.propulsion.startswith("electric"):
                electric += count
            label = (vtype.name_ko if vtype and vtype.name_ko else type_id)
            parts.append(f"{clean_text(label, field='vehicle type', max_len=40)} {count}")
        if parts:
            extra["vehicle_types"] = ", ".join(parts)
            extra["electric_available"] = str(electric)

    # -- free-floating vehicles ---------------------------------------------------------

    def _vehicle_types(self, types: _Doc | None) -> dict[str, _VehicleType]:
        out: dict[str, _VehicleType] = {}
        rows = types.data.get("vehicle_types") if types is not None else None
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict) or not isinstance(row.get("vehicle_type_id"), str):
                continue
            form = row.get("form_factor")
            prop = row.get("propulsion_type")
            try:
                ko, en = _names(row.get("name")) if row.get("name") else ("", "")
            except RowError:
                ko, en = "", ""
            out.setdefault(
                str(row["vehicle_type_id"]),
                _VehicleType(
                    form if isinstance(form, str) and form in _VEHICLE_NAMES else "other",
                    prop if isinstance(prop, str) else "",
                    ko,
                    en,
                ),
            )
        return out

    def _vehicles(
        self,
        builder: ResultBuilder,
        major: int,
        vehicles: _Doc,
        types_doc: _Doc | None,
        fetched_at: datetime,
    ) -> None:
        types = self._types or self._vehicle_types(types_doc)
        doc_time = parse_time(vehicles.doc.get("last_updated"))
        rows = vehicles.data.get("vehicles" if major >= 3 else "bikes")
        if rows is None:
            rows = vehicles.data.get("bikes" if major >= 3 else "vehicles")
        if not isinstance(rows, list):
            raise BadResponse("GBFS vehicle feed has no vehicle list", source_id=self.config.id)
        for row in rows:
            external_id: str | None = None
            try:
                if not isinstance(row, dict):
                    raise RowError("vehicle is not an object")
                raw_id = row.get("vehicle_id", row.get("bike_id"))
                external_id = f"vehicle:{clean_id(raw_id, 'vehicle_id')}"
                if row.get("station_id") is not None and row.get("lat") is None:
                    continue  # docked: counted by its station
                if parse_bool(row.get("is_reserved")) or parse_bool(row.get("is_disabled")):
                    continue
                lat, lon = parse_coordinates(row.get("lat"), row.get("lon"), allow_text=False)
                vtype = types.get(str(row.get("vehicle_type_id")))
                form = vtype.form_factor if vtype else "bicycle"
                kind: ListingKind = "bike" if form in ("bicycle", "cargo_bicycle") else "other"
                default_ko, default_en = _VEHICLE_NAMES.get(form, _VEHICLE_NAMES["other"])
                extra = {"form_factor": form} | self._system_facts
                _rental_facts(row, extra)
                if vtype and vtype.propulsion:
                    extra["propulsion"] = clean_text(
                        vtype.propulsion, field="propulsion", max_len=40
                    )
                fuel = parse_number(
                    row.get("current_fuel_percent"), field="current_fuel_percent", allow_text=False
                )
                if fuel is not None and 0 <= fuel <= 1:
                    extra["battery_pct"] = str(round(fuel * 100))
                rng = parse_number(
                    row.get("current_range_meters"), field="current_range_meters", allow_text=False
                )
                if rng is not None and 0 <= rng <= 1_000_000:
                    extra["range_m"] = str(round(rng))
                as_of = parse_time(row.get("last_reported")) or doc_time
                listing = FeedListing(
                    source_id=self.config.id,
                    external_id=external_id,
                    kind=kind,
                    name_ko=(vtype.name_ko if vtype and vtype.name_ko else default_ko),
                    name_en=(vtype.name_en if vtype and vtype.name_en else default_en),
                    description_ko="",
                    description_en="",
                    lat=lat,
                    lon=lon,
                    address="",
                    units_total=1,
                    units_free=1,
                    as_of=sane_as_of(as_of, fetched_at),
                    extra=extra,
                )
            except RowError as exc:
                builder.quarantine(external_id, str(exc), row)
                continue
            builder.add(listing, row)
