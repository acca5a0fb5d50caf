"""Seoul Open API (openapi.seoul.go.kr:8088) sources: Ttareungyi bikes and parking.

URL form: `{base}/{KEY}/json/{SERVICE}/{START}/{END}/[{district}/]`, at most 1,000
rows per call, so every service is read in windows of 1,000 until a window comes back
short or answers INFO-200 (`list_total_count` counts the rows of one window only).

Result codes (in `RESULT.CODE`, inside the service wrapper or at top level, and for
some failures as XML):

* INFO-000 ok; INFO-200 no data (an empty result, not an error);
* INFO-100 bad key, INFO-300/400 key restricted, ERROR-3xx bad request
  → ConfigError: stop and tell the association;
* ERROR-5xx / ERROR-6xx server or database trouble → RetryLater.

The key is part of the URL path, so every URL is redacted before it is logged or
put into an exception.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from urllib.parse import quote

from kiosk.domain.clock import utc_now
from kiosk.domain.owners import SEOUL_CITY
from kiosk.sync.base import Clock, Monotonic, SourceBase
from kiosk.sync.config import SourceConfig
from kiosk.sync.errors import BadResponse, ConfigError, RetryLater
from kiosk.sync.http import Fetcher
from kiosk.sync.records import FeedListing, FetchResult
from kiosk.sync.validate import (
    ADDRESS_MAX,
    EXTRA_VALUE_MAX,
    NAME_MAX,
    ResultBuilder,
    RowError,
    clamp_free,
    clean_id,
    clean_text,
    drain,
    parse_bool,
    parse_coordinates,
    parse_count,
    parse_number,
    parse_time,
    sane_as_of,
)

MAX_WINDOW: Final = 1000
# The wrapper key of a service's JSON answer when it differs from the service name.
_ROOTS: Final[Mapping[str, str]] = {"bikeList": "rentBikeStatus"}
_CODE_XML = re.compile(r"<CODE>\s*(?:<!\[CDATA\[)?\s*([A-Z]+-\d{3})", re.IGNORECASE)
_MESSAGE_XML = re.compile(
    r"<MESSAGE>\s*(?:<!\[CDATA\[)?(.{0,300}?)(?:\]\]>)?\s*</MESSAGE>", re.IGNORECASE | re.DOTALL
)
# The service each listing comes from, as residents know it (Korean first).
# Both services are the city's (서울특별시): its owner travels with every listing.
BIKE_SERVICE: Final[Mapping[str, str]] = {
    "service_ko": "따릉이", "service_en": "Ttareungyi (Seoul Bike)",
    # What bikeList does not say but every Ttareungyi station has in common: how to
    # rent, the service's help line, and the day-pass prices (as of 2025).
    "rent_how_ko": "따릉이 앱 또는 대여소 단말기에서 대여",
    "rent_how_en": "Rent with the Ttareungyi app or at the station's terminal",
    "phone": "1599-0120",
    "price_ko": "1시간권 1,000원 · 2시간권 2,000원",
    "price_en": "1-hour pass KRW 1,000 · 2-hour pass KRW 2,000",
    "hours": "24시간",
} | SEOUL_CITY.as_facts()
PARKING_SERVICE: Final[Mapping[str, str]] = {
    "service_ko": "서울시 공영주차장", "service_en": "Seoul public parking",
} | SEOUL_CITY.as_facts()
_STATION_PREFIX = re.compile(r"^\s*(\d{1,6})\s*[.)]\s*")


@dataclass(frozen=True, slots=True)
class SeoulPage:
    code: str
    total: int | None
    rows: list[object]


def classify_code(code: str) -> str:
    """ "ok", "empty", "config", "retry" or "unknown" for a Seoul result code."""
    code = code.strip().upper()
    if code == "INFO-000":
        return "ok"
    if code == "INFO-200":
        return "empty"
    if code.startswith("INFO-"):
        return "config"  # INFO-100 bad key, INFO-300 key restricted, INFO-400 no rights
    if code.startswith("ERROR-3"):
        return "config"
    if code.startswith(("ERROR-5", "ERROR-6")):
        return "retry"
    return "unknown"


class SeoulOpenApi:
    """Paged reading of one Seoul Open API service with result-code handling."""

    def __init__(self, source: SeoulSourceBase) -> None:
        self._source = source

    def url(self, service: str, start: int, end: int, district: str | None) -> str:
        cfg = self._source.config
        key = quote(cfg.key or "", safe="")
        url = f"{cfg.url}/{key}/json/{quote(service, safe='')}/{start}/{end}/"
        if district:
            url += quote(district, safe="") + "/"
        return url

    def page(self, service: str, start: int, end: int, district: str | None) -> SeoulPage:
        url = self.url(service, start, end, district)
        resp = self._source._get(url)
        shown = self._source._redact(url)
        body = resp.body.lstrip(b"\xef\xbb\xbf \t\r\n")
        if body.startswith(b"<"):
            return self._xml(body, shown)
        doc = self._source._json(resp, f"Seoul {service}")
        wrapper: Mapping[str, object] = doc
        for name in (service, _ROOTS.get(service, service)):
            candidate = doc.get(name)
            if isinstance(candidate, dict):
                wrapper = candidate
                break
        else:
            for value in doc.values():
                if isinstance(value, dict) and ("RESULT" in value or "row" in value):
                    wrapper = value
                    break
        result = next((r for r in (wrapper.get("RESULT"), wrapper.get("result"),
                                    doc.get("RESULT"), doc.get("result")) if r is not None), doc)
        code, message = _code_message(result)
        if code is None:
            raise BadResponse(
                f"Seoul {service}: answer has no result code",
                url=shown,
                source_id=self._source.config.id,
            )
        self._raise_for(code, message, shown)
        if classify_code(code) == "empty":
            return SeoulPage(code, 0, [])
        total_raw = wrapper.get("list_total_count")
        try:
            total = parse_count(total_raw, field="list_total_count")
        except RowError:
            total = None
        if total is None and total_raw is not None:
            raise BadResponse(
                f"Seoul {service}: bad list_total_count",
                url=shown,
                source_id=self._source.config.id,
            )
        rows = wrapper.get("row", [])
        if not isinstance(rows, list):
            raise BadResponse(
                f"Seoul {service}: row is not a list", url=shown, source_id=self._source.config.id
            )
        return SeoulPage(code, total, rows)

    def _xml(self, body: bytes, shown: str) -> SeoulPage:
        # Only the result code and message are needed from an XML answer, so it is
        # read with two bounded patterns instead of an XML parser (no entity tricks).
        head = body[:8192].decode("utf-8", "replace")
        code_match = _CODE_XML.search(head)
        if not code_match:
            raise BadResponse(
                "unexpected XML or HTML answer without a result code",
                url=shown,
                source_id=self._source.config.id,
            )
        message_match = _MESSAGE_XML.search(head)
        code = code_match.group(1).upper()
        self._raise_for(code, message_match.group(1) if message_match else "", shown)
        if classify_code(code) == "empty":
            return SeoulPage(code, 0, [])
        raise BadResponse(
            "data arrived as XML; the JSON form was requested",
            url=shown,
            code=code,
            source_id=self._source.config.id,
        )

    def _raise_for(self, code: str, message: str, shown: str) -> None:
        kind = classify_code(code)
        if kind in ("ok", "empty"):
            return
        text = self._source._redact(clean_text(message, field="message", max_len=160))
        sid = self._source.config.id
        if kind == "config":
            hint = (
                "check the API key"
                if code.upper() in ("INFO-100", "INFO-300")
                else ("check the service settings")
            )
            raise ConfigError(
                f"Seoul Open API refused the request ({hint}): {text}",
                url=shown,
                code=code,
                source_id=sid,
            )
        if kind == "retry":
            raise RetryLater(
                f"Seoul Open API is having trouble: {text}", url=shown, code=code, source_id=sid
            )
        raise BadResponse(f"unknown Seoul result code: {text}", url=shown, code=code, source_id=sid)

    def rows(self, service: str, *, district: str | None = None) -> Iterator[object]:
        """Every row of a service, window by window; a failing window fails the whole read.

        The live services report `list_total_count` as the rows of *that* window (1000,
        1000, 736), not the grand total, so it is never used to stop: windows continue
        until one comes back short or with INFO-200. Each window's rows are released as
        they are consumed, so memory stays at one window even for large services.
        """
        cfg = self._source.config
        size = cfg.option_int("page_size", MAX_WINDOW, low=1, high=MAX_WINDOW)
        max_rows = cfg.option_int("max_rows", 100_000, low=1, high=1_000_000)
        start = 1
        while True:
            end = start + size - 1
            page = self.page(service, start, end, district)
            if start == 1 and classify_code(page.code) == "empty":
                self._source._no_data.append(service)
            if page.total is not None and page.total > max_rows:
                raise BadResponse(
                    f"Seoul {service} lists {page.total} rows, more than max_rows ({max_rows})",
                    source_id=cfg.id,
                )
            self._source._pages += 1
            got = len(page.rows)
            yield from drain(page.rows)
            if got < size:
                return
            start = end + 1
            if start > max_rows:
                raise BadResponse(
                    f"Seoul {service} sent more than max_rows ({max_rows}) rows",
                    source_id=cfg.id,
                )


def _code_message(result: object) -> tuple[str | None, str]:
    if not isinstance(result, Mapping):
        return None, ""
    code = result.get("CODE", result.get("code"))
    message = result.get("MESSAGE", result.get("message", ""))
    if not isinstance(code, str) or not code.strip():
        return None, ""
    return code.strip().upper(), message if isinstance(message, str) else ""


def _field(row: Mapping[str, object], *names: str) -> object:
    """The first present, non-empty value among a field's current and older names."""
    for name in names:
        value = row.get(name)
        if value is not None and value != "":
            return value
    return None


class SeoulSourceBase(SourceBase):
    """Shared construction for the Seoul sources."""

    def __init__(
        self,
        config: SourceConfig | Mapping[str, object],
        fetcher: Fetcher | None = None,
        *,
        clock: Clock = utc_now,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__(config, fetcher, clock=clock, monotonic=monotonic)
        if not self.config.key:
            raise ValueError("the Seoul Open API needs a key")
        self.api = SeoulOpenApi(self)
        self._pages = 0
        self._no_data: list[str] = []

    def _start(self) -> None:
        self._pages = 0
        self._no_data = []

    def _note(self, builder: ResultBuilder) -> str:
        """Why nothing came, in words the association understands (INFO-200)."""
        if builder.count or not self._no_data:
            return ""
        return f"the service answered no data ({', '.join(self._no_data)}: INFO-200)"


_BIKE_KEYS: Final = ("stationId", "stationName", "stationLatitude", "stationLongitude",
                     "rackTotCnt", "parkingBikeTotCnt", "shared")


def _bike_keys(row: dict[str, object]) -> dict[str, object]:
    """The row with bikeList's camel-case keys, also when they come in lower case."""
    if "stationId" in row:
        return row
    folded = {str(k).lower(): v for k, v in row.items()}
    return {name: folded[name.lower()] for name in _BIKE_KEYS if name.lower() in folded}


class SeoulBikeSource(SeoulSourceBase):
    """Ttareungyi (Seoul public bike) stations from `bikeList`.

    The service has no time stamp, so `as_of` is left empty and the figures count from
    when the kiosk last received them (the listing's "last seen"): stamping the fetch
    time would make every unchanged station look changed on every sync. It has no
    English names either. The "102. " number prefix of station names goes to
    `extra["station_no"]`.
    """

    source_kind = "seoul_bike"

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult:
        fetched_at = self._clock()
        self._start()
        builder = self._builder(complete=True)
        for row in self.api.rows("bikeList"):
            external_id: str | None = None
            try:
                if not isinstance(row, dict):
                    raise RowError("row is not an object")
                row = _bike_keys(row)
                external_id = clean_id(row.get("stationId"), "stationId")
                listing = self._listing(row, external_id, fetched_at)
            except RowError as exc:
                builder.quarantine(external_id, str(exc), row)
                continue
            builder.add(listing, row)
        return builder.build(fetched_at=fetched_at, pages=self._pages, note=self._note(builder))

    def _listing(
        self, row: Mapping[str, object], external_id: str, fetched_at: datetime
    ) -> FeedListing:
        raw_name = row.get("stationName")
        if not isinstance(raw_name, str):
            raise RowError("stationName must be text")
        extra: dict[str, str] = dict(BIKE_SERVICE)
        match = _STATION_PREFIX.match(raw_name)
        if match:
            extra["station_no"] = match.group(1)
            raw_name = raw_name[match.end() :]
        name = clean_text(raw_name, field="stationName", max_len=NAME_MAX, required=True)
        lat, lon = parse_coordinates(row.get("stationLatitude"), row.get("stationLongitude"))
        total = parse_count(row.get("rackTotCnt"), field="rackTotCnt")
        free = parse_count(row.get("parkingBikeTotCnt"), field="parkingBikeTotCnt")
        shared = parse_number(row.get("shared"), field="shared")
        if shared is not None and 0 <= shared <= 10_000:
            extra["occupancy_pct"] = str(round(shared))
        if total is not None and free is not None:
            # Racks without a bike: where a resident can return one.
            extra["docks_available"] = str(max(0, total - free))
        free = clamp_free(total, free, extra)
        return FeedListing(
            source_id=self.config.id,
            external_id=external_id,
            kind="bike",
            name_ko=name,
            name_en="",
            description_ko="",
            description_en="",
            lat=lat,
            lon=lon,
            address="",
            units_total=total,
            units_free=free,
            as_of=None,
            extra=extra,
        )


# -- parking --------------------------------------------------------------------------

_CODE = ("PKLT_CD", "PARKING_CODE")
_NAME = ("PKLT_NM", "PARKING_NAME")
_TOTAL = ("TPKCT", "CAPACITY")
_NOW = ("NOW_PRK_VHCL_CNT", "CUR_PARKING")
_NOW_TIME = ("NOW_PRK_VHCL_UPDT_TM", "CUR_PARKING_TIME")
_LIVE_FLAG = ("PRK_STTS_YN", "QUE_STATUS")
_LAT = ("LAT",)
_LON = ("LOT", "LNG", "LON")
# Every descriptive field of GetParkInfo / GetParkingInfo, current name first, then the
# names the services used before 2024. Keys are matched whatever their case (see _upper).
_TEXT_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "address": ("ADDR",),
    "phone": ("TELNO", "TEL"),
    "lot_type": ("PRK_TYPE_NM", "PARKING_TYPE_NM"),
    "lot_type_code": ("PKLT_TYPE", "PARKING_TYPE"),
    "operation": ("OPER_SE_NM", "OPERATION_RULE_NM"),
    "paid": ("PAY_YN_NM", "PAY_NM"),
    "paid_saturday": ("SAT_CHGD_FREE_NM", "SATURDAY_PAY_NM"),
    "paid_holiday": ("LHLDY_CHGD_FREE_SE_NAME", "LHLDY_NM", "HOLIDAY_PAY_NM"),
    "night_open": ("NGHT_PAY_YN_NM", "NIGHT_FREE_OPEN_NM"),
    "live_info": ("PRK_STTS_NM", "QUE_STATUS_NM"),
    "street_group": ("STRT_PKLT_MNG_NO", "GRP_PARKNM"),
    "shared_manager": ("SHRN_PKLT_MNG_NM",),
    "shared_note": ("SHRN_PKLT_ETC",),
}
# Y/N codes that stand in for a missing name field: (name key, code fields, Y, N).
_CODED_FIELDS: Final = (
    ("paid", ("PAY_YN",), "유료", "무료"),
    ("paid_saturday", ("SAT_CHGD_FREE_SE", "SATURDAY_PAY_YN"), "유료", "무료"),
    ("paid_holiday", ("LHLDY_CHGD_FREE_SE", "LHLDY_YN", "HOLIDAY_PAY_YN"), "유료", "무료"),
    ("night_open", ("NGHT_PAY_YN", "NIGHT_FREE_OPEN"), "야간 개방", "야간 미개방"),
)
_FEE_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "fee_base_krw": ("BSC_PRK_CRG", "RATES"),
    "fee_base_min": ("BSC_PRK_HR", "TIME_RATE"),
    "fee_add_krw": ("ADD_PRK_CRG", "ADD_RATES"),
    "fee_add_min": ("ADD_PRK_HR", "ADD_TIME_RATE"),
    # The day pass: the most a car pays in one day (일 최대 요금).
    "fee_day_max_krw": ("DAY_MAX_CRG", "DAY_MAXIMUM"),
    "fee_month_krw": ("PRD_AMT", "FULLTIME_MONTHLY"),
    "fee_bus_base_krw": ("BUS_BSC_PRK_CRG", "BUS_RATES"),
    "fee_bus_base_min": ("BUS_BSC_PRK_HR", "BUS_TIME_RATE"),
    "fee_bus_add_krw": ("BUS_ADD_PRK_CRG", "BUS_ADD_RATES"),
    "fee_bus_add_min": ("BUS_ADD_PRK_HR", "BUS_ADD_TIME_RATE"),
}
_HOURS: Final[Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "hours_weekday": (
        ("WD_OPER_BGNG_TM", "WEEKDAY_BEGIN_TIME"),
        ("WD_OPER_END_TM", "WEEKDAY_END_TIME"),
    ),
    "hours_weekend": (
        ("WE_OPER_BGNG_TM", "WEEKEND_BEGIN_TIME"),
        ("WE_OPER_END_TM", "WEEKEND_END_TIME"),
    ),
    "hours_holiday": (
        ("LHLDY_OPER_BGNG_TM", "HOLIDAY_BEGIN_TIME"),
        ("LHLDY_OPER_END_TM", "HOLIDAY_END_TIME"),
    ),
}


def _upper(row: dict[str, object]) -> dict[str, object]:
    """The row with upper-case keys: some answers spell them in lower case ("pklt_cd")."""
    for key in row:
        if not key.isupper():
            return {str(k).upper(): v for k, v in row.items()}
    return row


def _hhmm(value: object) -> str | None:
    """ "0900" → "09:00"; anything else (including "2500") → None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{int(value):04d}"
    if not isinstance(value, str):
        return None
    text = value.strip().replace(":", "")
    if len(text) == 3:
        text = "0" + text
    if len(text) != 4 or not text.isdigit():
        return None
    hh, mm = int(text[:2]), int(text[2:])
    if hh > 24 or mm > 59 or (hh == 24 and mm):
        return None
    return f"{hh:02d}:{mm:02d}"


# Live figures of one lot: (occupied, update time, live flag, total spaces).
_Live = tuple[object, object, object, object]


@dataclass(slots=True)
class _Lot:
    code: str
    name: str = ""
    lat: object = None
    lon: object = None
    total: object = None
    shared: bool = False
    facts: dict[str, str] = field(default_factory=dict)
    raw: object = None


class SeoulParkingSource(SeoulSourceBase):
    """Public parking lots: `GetParkInfo` (lots, fees, hours) joined on PKLT_CD with
    `GetParkingInfo` (live occupancy). The lot list changes rarely, so it is re-read
    only every `static_interval_s` (option, default one day); the live figures every
    fetch. Options: `district` (e.g. "성북구") narrows both services, `live` (default
    true) turns the occupancy service off.
    """

    source_kind = "seoul_parking"

    def __init__(
        self,
        config: SourceConfig | Mapping[str, object],
        fetcher: Fetcher | None = None,
        *,
        clock: Clock = utc_now,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__(config, fetcher, clock=clock, monotonic=monotonic)
        self._lots: dict[str, _Lot] | None = None
        self._rejects: list[tuple[str, object]] = []
        self._reject_count = 0
        self._lots_expire = 0.0
        self._static_s = self.config.option_int(
            "static_interval_s", 86_400, low=0, high=30 * 86_400
        )
        self._district = self.config.option_str("district")
        self._live = self.config.option_bool("live", True)

    def _catalog(self) -> dict[str, _Lot]:
        now = self._monotonic()
        if self._lots is not None and now < self._lots_expire:
            return self._lots
        lots: dict[str, _Lot] = {}
        rejects: list[tuple[str, object]] = []
        reject_count = 0
        for row in self.api.rows("GetParkInfo", district=self._district):
            try:
                if not isinstance(row, dict):
                    raise RowError("row is not an object")
                row = _upper(row)
                code = clean_id(_field(row, *_CODE), "PKLT_CD")
            except RowError as exc:
                reject_count += 1
                if len(rejects) < 50:
                    rejects.append((f"GetParkInfo: {exc}", row))
                continue
            lot = lots.get(code)
            if lot is None:
                lot = lots[code] = _Lot(code, raw=row)
            # The service repeats a lot's row (one per fee/operating variant): merge,
            # first non-empty value wins.
            _merge_lot(lot, row)
        self._lots = lots
        self._rejects = rejects
        self._reject_count = reject_count
        # An empty lot list (no data, every row rejected) is asked again next time.
        self._lots_expire = now + self._static_s if lots else now
        return lots

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult:
        fetched_at = self._clock()
        self._start()
        catalog = self._catalog()
        live: dict[str, _Live] = {}
        builder = self._builder(complete=True)
        for reason, raw in self._rejects:
            builder.quarantine(None, reason, raw)
        builder.quarantine_more(self._reject_count - len(self._rejects))
        if self._live:
            for row in self.api.rows("GetParkingInfo", district=self._district):
                if not isinstance(row, dict):
                    builder.quarantine(None, "GetParkingInfo: row is not an object", row)
                    continue
                row = _upper(row)
                try:
                    code = clean_id(_field(row, *_CODE), "PKLT_CD")
                except RowError as exc:
                    builder.quarantine(None, f"GetParkingInfo: {exc}", row)
                    continue
                if code in live:
                    continue  # repeated live rows carry the same figures
                live[code] = (
                    _field(row, *_NOW),
                    _field(row, *_NOW_TIME),
                    _field(row, *_LIVE_FLAG),
                    _field(row, *_TOTAL),
                )
                if code not in catalog:
                    # A lot only the live service knows: it may carry coordinates itself.
                    extra_lot = _Lot(code, raw=row)
                    _merge_lot(extra_lot, row)
                    catalog = dict(catalog) if catalog is self._lots else catalog
                    catalog[code] = extra_lot
        for code, lot in catalog.items():
            try:
                listing = self._listing(lot, live.get(code), fetched_at)
            except RowError as exc:
                builder.quarantine(code, str(exc), lot.raw)
                continue
            builder.add(listing, lot.raw)
        return builder.build(fetched_at=fetched_at, pages=self._pages, note=self._note(builder))

    def _listing(
        self,
        lot: _Lot,
        live: _Live | None,
        fetched_at: datetime,
    ) -> FeedListing:
        name = clean_text(lot.name, field="PKLT_NM", max_len=NAME_MAX, required=True)
        lat, lon = parse_coordinates(lot.lat, lot.lon)
        total = parse_count(lot.total, field="TPKCT")
        extra = dict(PARKING_SERVICE) | lot.facts
        if lot.shared:
            extra["shared_lot"] = "Y"
        free: int | None = None
        as_of: datetime | None = None
        if live is not None:
            now_count, now_time, flag, live_total = live
            if total is None:
                total = parse_count(live_total, field="TPKCT")
            occupied = parse_count(now_count, field="NOW_PRK_VHCL_CNT")
            has_live = flag is None or str(flag).strip() not in ("0", "N", "")
            if has_live and occupied is not None and total is not None:
                if occupied > total:
                    extra["reported_occupied"] = str(occupied)
                free = max(0, total - occupied)
                as_of = sane_as_of(parse_time(now_time), fetched_at)
        free = clamp_free(total, free, extra)
        return FeedListing(
            source_id=self.config.id,
            external_id=lot.code,
            kind="parking",
            name_ko=name,
            name_en="",
            description_ko="",
            description_en="",
            lat=lat,
            lon=lon,
            address=extra.pop("address", ""),
            units_total=total,
            units_free=free,
            as_of=as_of,
            extra=extra,
        )


def _merge_lot(lot: _Lot, row: Mapping[str, object]) -> None:
    if not lot.name:
        name = _field(row, *_NAME)
        lot.name = name if isinstance(name, str) else ""
    if lot.lat is None or lot.lon is None:
        lat, lon = _field(row, *_LAT), _field(row, *_LON)
        if lat is not None and lon is not None:
            lot.lat, lot.lon = lat, lon
    if lot.total is None:
        lot.total = _field(row, *_TOTAL)
    if parse_bool(_field(row, "SHRN_PKLT_YN")):
        lot.shared = True
    for key, names in _TEXT_FIELDS.items():
        if key not in lot.facts:
            value = _field(row, *names)
            if isinstance(value, str | int) and not isinstance(value, bool):
                limit = ADDRESS_MAX if key == "address" else EXTRA_VALUE_MAX
                text = clean_text(value, field=key, max_len=limit)
                if text:
                    lot.facts[key] = text
    for key, codes, yes, no in _CODED_FIELDS:
        if key not in lot.facts:
            flag = _field(row, *codes)
            if isinstance(flag, str) and flag.strip().upper() in ("Y", "N"):
                lot.facts[key] = yes if flag.strip().upper() == "Y" else no
    for key, names in _FEE_FIELDS.items():
        if key not in lot.facts:
            try:
                amount = parse_number(_field(row, *names), field=key)
            except RowError:
                amount = None
            if amount is not None and amount.is_integer() and 0 <= amount <= 10_000_000:
                lot.facts[key] = str(int(amount))
    for key, (begin_names, end_names) in _HOURS.items():
        if key not in lot.facts:
            begin, end = _hhmm(_field(row, *begin_names)), _hhmm(_field(row, *end_names))
            if begin and end:
                lot.facts[key] = f"{begin}-{end}"
