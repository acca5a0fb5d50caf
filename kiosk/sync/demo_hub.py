"""A demo hub on 127.0.0.1 serving every feed the kiosk syncs from.

* GBFS v3.0 (`/gbfs/v3/gbfs.json`) and v2.3 (`/gbfs/v2/gbfs.json`, Korean and English
  files) for Ttareungyi-style stations and a few free-floating vehicles;
* the Seoul Open API (`/seoul/{KEY}/json/{SERVICE}/{START}/{END}/`): `bikeList`,
  `GetParkInfo`, `GetParkingInfo`, with its result codes and 1,000-row windows;
* the sharing-hub feed (`/hub/v1/listings`), paged, incremental, with tombstones
  and ETags (`HubFeedModel` is the reference server side of docs/hub-feed.md).

Live figures move a little on every request, so a kiosk pointed at the demo hub shows
counts changing. Used for demonstrations, manual testing, tests and the benchmark.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import quote, unquote, urlencode

from kiosk.domain.clock import utc_now
from kiosk.domain.owners import guess_kind
from kiosk.sync.demo_data import (
    KIOSK_LAT,
    KIOSK_LON,
    LISTINGS,
    LOTS,
    NEWS,
    STATIONS,
    DemoListing,
    DemoNews,
)
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.validate import KST

DEMO_KEY: Final = "DEMOKEY0000"
HUB_PATH: Final = "/hub/v1/listings"
FEED_VERSION: Final = "1.0"
# Owners whose kind the provider's name does not tell (the rest are guessed from it).
DEMO_OWNER_KINDS: Final = {"성북 자원순환센터": "district", "나눔카 (서울시)": "company"}
# Where the demo stations send a phone to rent (the service's real rental site).
DEMO_RENTAL_URL: Final = "https://www.bikeseoul.com/"

JsonObject = dict[str, object]


def _json(doc: object, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, dict(headers or {}))


def _rfc3339(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- the hub feed, server side -------------------------------------------------------------


class HubFeedModel:
    """In-memory server side of the sharing-hub feed (docs/hub-feed.md).

    Every change gets the next sequence number. A cursor ("v{n}") means "I have
    everything up to change n". Full snapshots page in id order, change sets in
    change order; both stop at the version current when the first page was served,
    so a fetch that pages while data changes is consistent and misses nothing: what
    changed meanwhile comes with the next cursor. The ETag is the data version.
    """

    def __init__(self, *, path: str = HUB_PATH, ttl_s: int = 60, max_page_size: int = 5000) -> None:
        self.path = path
        self.ttl_s = ttl_s
        self.max_page_size = max_page_size
        self._lock = threading.Lock()
        self._seq = 0
        self._rows: dict[str, tuple[int, JsonObject]] = {}
        self._deleted: dict[str, int] = {}
        self._log: list[tuple[int, str]] = []
        self._sorted_ids: list[str] | None = None
        self._news: dict[str, tuple[int, JsonObject]] = {}
        self._news_deleted: dict[str, int] = {}
        self.requests = 0

    @property
    def version(self) -> int:
        return self._seq

    @property
    def etag(self) -> str:
        return f'"v{self._seq}"'

    def upsert(self, row: JsonObject, *, when: datetime | None = None) -> int:
        ident = str(row["id"])
        with self._lock:
            self._seq += 1
            stamped = dict(row)
            stamped["updated_at"] = _rfc3339(when or utc_now())
            if ident not in self._rows:
                self._sorted_ids = None
            self._rows[ident] = (self._seq, stamped)
            self._deleted.pop(ident, None)
            self._log.append((self._seq, ident))
            self._compact()
            return self._seq

    def upsert_many(self, rows: list[JsonObject]) -> None:
        for row in rows:
            self.upsert(row)

    def delete(self, ident: str) -> bool:
        with self._lock:
            if ident not in self._rows:
                return False
            self._seq += 1
            del self._rows[ident]
            self._sorted_ids = None
            self._deleted[ident] = self._seq
            self._log.append((self._seq, ident))
            self._compact()
            return True

    def upsert_news(self, item: JsonObject) -> int:
        """A newsletter item (title, summary, date, link, provider) added or changed."""
        with self._lock:
            self._seq += 1
            self._news[str(item["id"])] = (self._seq, dict(item))
            self._news_deleted.pop(str(item["id"]), None)
            return self._seq

    def delete_news(self, ident: str) -> bool:
        with self._lock:
            if self._news.pop(ident, None) is None:
                return False
            self._seq += 1
            self._news_deleted[ident] = self._seq
            return True

    def _news_page(self, since: int | None, upto: int) -> tuple[list[JsonObject],
                                                                 list[JsonObject]]:
        """News go with the first page of a fetch: all of them in a full snapshot, the
        changes since the cursor otherwise."""
        items = sorted(self._news.values(), key=lambda e: (str(e[1].get("date")), e[0]),
                       reverse=True)
        if since is None:
            return [row for _seq, row in items], []
        changed = [row for seq, row in items if since < seq <= upto]
        gone = [{"id": i} for i, seq in self._news_deleted.items() if since < seq <= upto]
        return changed, gone

    def get(self, ident: str) -> JsonObject | None:
        with self._lock:
            entry = self._rows.get(ident)
            return dict(entry[1]) if entry else None

    def ids(self) -> list[str]:
        with self._lock:
            return sorted(self._rows)

    def _compact(self) -> None:
        # Keep one log entry per id (its latest change) so the log stays bounded.
        if len(self._log) > 2 * (len(self._rows) + len(self._deleted)) + 1024:
            latest = {i: s for s, i in self._log}
            self._log = sorted((s, i) for i, s in latest.items())

    # -- HTTP ---------------------------------------------------------------------------

    def respond(self, request: Request) -> Reply:
        self.requests += 1
        try:
            size = int(request.param("page_size") or "500")
        except ValueError:
            return _json({"error": "page_size must be a whole number"}, 400)
        size = max(1, min(size, self.max_page_size))
        token = request.param("page")
        with self._lock:
            etag = self.etag
            if token is None and request.headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag, "Cache-Control": f"max-age={self.ttl_s}"})
            if token is not None:
                state = _decode_token(token)
                if state is None:
                    return _json({"error": "bad page token"}, 400)
                mode, upto, since, after = state
            else:
                since = _decode_cursor(request.param("updated_since"), self._seq)
                mode = "full" if since is None else "changes"
                upto, after = self._seq, ""
            if mode == "full":
                listings, more, last = self._full_page(after, size)
                deleted: list[JsonObject] = []
            else:
                listings, deleted, more, last = self._change_page(since or 0, upto, after, size)
            news, deleted_news = self._news_page(since, upto) if token is None else ([], [])
        doc: JsonObject = {
            "version": FEED_VERSION,
            "generated_at": _rfc3339(utc_now()),
            "ttl": self.ttl_s,
            "complete": mode == "full",
            "listings": listings,
            "deleted": deleted,
            "news": news,
            "deleted_news": deleted_news,
            "next": None,
        }
        if more:
            params = {"page_size": str(size), "page": _encode_token(mode, upto, since, last)}
            doc["next"] = f"{self.path}?{urlencode(params)}"
        else:
            doc["cursor"] = f"v{upto}"
        headers = {"ETag": f'"v{upto}"', "Cache-Control": f"max-age={self.ttl_s}"}
        return _json(doc, headers=headers)

    def _full_page(self, after: str, size: int) -> tuple[list[JsonObject], bool, str]:
        if self._sorted_ids is None:
            self._sorted_ids = sorted(self._rows)
        ids = self._sorted_ids
        start = bisect.bisect_right(ids, after) if after else 0
        chunk = ids[start : start + size]
        rows = [self._rows[i][1] for i in chunk]
        return rows, start + size < len(ids), chunk[-1] if chunk else after

    def _change_page(
        self, since: int, upto: int, after: str, size: int
    ) -> tuple[list[JsonObject], list[JsonObject], bool, str]:
        after_seq = int(after) if after.isdigit() else since
        index = bisect.bisect_right(self._log, (max(since, after_seq), "\U0010ffff"))
        listings: list[JsonObject] = []
        deleted: list[JsonObject] = []
        last = after_seq
        while index < len(self._log) and len(listings) + len(deleted) < size:
            seq, ident = self._log[index]
            index += 1
            if seq > upto:
                break
            last = seq
            row = self._rows.get(ident)
            if row is not None and row[0] == seq:
                listings.append(row[1])
            elif self._deleted.get(ident) == seq:
                deleted.append({"id": ident})
        more = index < len(self._log) and self._log[index][0] <= upto
        return listings, deleted, more, str(last)


def _encode_token(mode: str, upto: int, since: int | None, after: str) -> str:
    raw = json.dumps([mode, upto, since, after], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode_token(token: str) -> tuple[str, int, int | None, str] | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        mode, upto, since, after = json.loads(raw)
    except (ValueError, binascii.Error, TypeError):
        return None
    if mode not in ("full", "changes") or not isinstance(upto, int) or not isinstance(after, str):
        return None
    if since is not None and not isinstance(since, int):
        return None
    return mode, upto, since, after


def _decode_cursor(cursor: str | None, current: int) -> int | None:
    """The change number of a cursor, or None (→ full snapshot) when unusable."""
    if not cursor or not re.fullmatch(r"v\d{1,18}", cursor):
        return None
    value = int(cursor[1:])
    return value if value <= current else None


# -- live figures ------------------------------------------------------------------------


class _Walker:
    """Counts that drift by -1/0/+1 per step, within 0..capacity; thread-safe."""

    def __init__(self, capacities: Mapping[str, int], seed: int) -> None:
        self._rng = random.Random(seed)
        self._cap = dict(capacities)
        self._now = {k: self._rng.randint(0, v) for k, v in capacities.items()}
        self._lock = threading.Lock()

    def step(self) -> dict[str, int]:
        with self._lock:
            for key, cap in self._cap.items():
                self._now[key] = min(cap, max(0, self._now[key] + self._rng.choice((-1, 0, 0, 1))))
            return dict(self._now)

    def peek(self) -> dict[str, int]:
        with self._lock:
            return dict(self._now)


def news_row(item: DemoNews, now: datetime) -> JsonObject:
    """A demo newsletter item in the hub feed's news format."""
    row: JsonObject = {
        "id": item.id,
        "title": {"ko": item.title_ko, "en": item.title_en},
        "summary": {"ko": item.summary_ko, "en": item.summary_en},
        "date": (now - timedelta(days=item.days_ago)).astimezone(KST).date().isoformat(),
        "provider": item.provider,
    }
    if item.link:
        row["link"] = item.link
    return row


def hub_row(item: DemoListing, free: int | None, now: datetime) -> JsonObject:
    """A demo listing in the hub feed's listing format."""
    row: JsonObject = {
        "id": item.id,
        "kind": item.kind,
        "category": item.category,
        "name": {"ko": item.name_ko, "en": item.name_en},
        "lat": item.lat,
        "lon": item.lon,
        "units_total": item.units_total,
        "units_free": free,
        "as_of": _rfc3339(now),
        "bookable": item.bookable,
        "provider": item.provider,
        "owner": {"kind": DEMO_OWNER_KINDS.get(item.provider) or guess_kind(item.provider).value,
                  "name": item.provider},
    }
    if item.description_ko or item.description_en:
        row["description"] = {"ko": item.description_ko, "en": item.description_en}
    if item.address:
        row["address"] = item.address
    if item.hours:
        row["hours"] = item.hours
    if item.fee:
        row["fee"] = item.fee
    return row


POPUP: Final = DemoListing(
    "popup-market",
    "space",
    "market",
    "주말 나눔장터 (임시)",
    "Weekend Sharing Market (pop-up)",
    "이웃과 물건을 나누는 장터입니다.",
    "A market for swapping things with neighbours.",
    37.6059,
    127.0249,
    "길음동 어린이공원",
    None,
    "길음동 주민자치회",
    "10:00-15:00",
    "무료",
    False,
)


# -- the demo hub ---------------------------------------------------------------------------


class DemoHub:
    """Loopback server with all demo feeds. Use as a context manager or start()/stop().

    `hub_tick_s`: at most one change of the hub feed per this many seconds (so that
    ETags and 304s can be seen between changes); 0 changes on every request.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        seed: int = 7,
        hub_tick_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._server = LoopbackServer(self.handle, port=port)
        self._bikes = _Walker({s.station_id: s.racks for s in STATIONS}, seed)
        self._parking = _Walker({lot.code: lot.spaces for lot in LOTS}, seed + 1)
        self._items = _Walker(
            {x.id: x.units_total for x in LISTINGS if x.units_total is not None}, seed + 2
        )
        self._rng = random.Random(seed + 3)
        self._vehicle_lock = threading.Lock()
        self.hub = HubFeedModel(ttl_s=30)
        now = utc_now()
        free = self._items.peek()
        for item in LISTINGS:
            self.hub.upsert(hub_row(item, free.get(item.id), now), when=now)
        for news in NEWS:
            self.hub.upsert_news(news_row(news, now))
        self._tick_s = hub_tick_s
        self._clock = clock
        self._last_tick = clock()
        self._ticks = 0

    # lifecycle
    def start(self) -> DemoHub:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> DemoHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def port(self) -> int:
        return self._server.port

    def source_configs(
        self, *, center: tuple[float, float] = (KIOSK_LAT, KIOSK_LON), radius_m: float = 3000
    ) -> list[dict[str, object]]:
        """Settings for one source of each kind, pointing at this hub."""
        base = self.base_url
        common: dict[str, object] = {"center": list(center), "radius_m": radius_m}
        return [
            {
                "id": "demo-gbfs-v3",
                "kind": "gbfs",
                "url": f"{base}/gbfs/v3/gbfs.json",
                "interval_s": 30,
                **common,
            },
            {
                "id": "demo-gbfs-v2",
                "kind": "gbfs",
                "url": f"{base}/gbfs/v2/gbfs.json",
                "interval_s": 30,
                **common,
            },
            {
                "id": "demo-seoul-bikes",
                "kind": "seoul_bike",
                "url": f"{base}/seoul",
                "key": DEMO_KEY,
                "interval_s": 60,
                **common,
            },
            {
                "id": "demo-seoul-parking",
                "kind": "seoul_parking",
                "url": f"{base}/seoul",
                "key": DEMO_KEY,
                "interval_s": 60,
                "options": {"district": "성북구"},
                **common,
            },
            {
                "id": "demo-hub",
                "kind": "sharehub",
                "url": f"{base}{HUB_PATH}",
                "interval_s": 30,
                **common,
            },
        ]

    # routing
    def handle(self, request: Request) -> Reply:
        path = request.path
        if path in ("/", "/index.json"):
            return _json(self._index())
        if path == HUB_PATH:
            self._maybe_tick()
            return self.hub.respond(request)
        if path.startswith("/gbfs/v3/"):
            return self._gbfs_v3(path.removeprefix("/gbfs/v3/"))
        if path.startswith("/gbfs/v2/"):
            return self._gbfs_v2(path.removeprefix("/gbfs/v2/"))
        if path.startswith("/seoul/"):
            return self._seoul(path.removeprefix("/seoul/"))
        return _json({"error": "not found"}, 404)

    def _index(self) -> JsonObject:
        return {
            "gbfs_v3": f"{self.base_url}/gbfs/v3/gbfs.json",
            "gbfs_v2": f"{self.base_url}/gbfs/v2/gbfs.json",
            "seoul": f"{self.base_url}/seoul/{DEMO_KEY}/json/bikeList/1/1000/",
            "hub": f"{self.base_url}{HUB_PATH}",
        }

    # -- hub changes -------------------------------------------------------------------

    def _maybe_tick(self) -> None:
        now = self._clock()
        if now - self._last_tick < self._tick_s:
            return
        self._last_tick = now
        self._ticks += 1
        when = utc_now()
        free = self._items.step()
        changed = [x for x in LISTINGS if x.id in free]
        for item in self._rng.sample(changed, k=min(2, len(changed))):
            self.hub.upsert(hub_row(item, free[item.id], when), when=when)
        if self._ticks % 3 == 0:
            if self.hub.get(POPUP.id) is None:
                self.hub.upsert(hub_row(POPUP, None, when), when=when)
            else:
                self.hub.delete(POPUP.id)

    # -- GBFS --------------------------------------------------------------------------

    def _vehicles(self) -> list[JsonObject]:
        with self._vehicle_lock:
            out: list[JsonObject] = []
            for n in range(5):
                out.append(
                    {
                        "id": f"demo-v{n + 1}",
                        "lat": round(KIOSK_LAT + self._rng.uniform(-0.006, 0.006), 6),
                        "lon": round(KIOSK_LON + self._rng.uniform(-0.008, 0.008), 6),
                        "type": "scooter" if n < 3 else "bike",
                        "fuel": round(self._rng.uniform(0.2, 1.0), 2),
                    }
                )
            return out

    def _gbfs_v3(self, name: str) -> Reply:
        base = f"{self.base_url}/gbfs/v3"
        now = utc_now()
        stamp = _rfc3339(now)

        def doc(data: JsonObject, ttl: int) -> Reply:
            return _json({"last_updated": stamp, "ttl": ttl, "version": "3.0", "data": data})

        if name == "gbfs.json":
            feeds = [
                "system_information",
                "station_information",
                "station_status",
                "vehicle_status",
                "vehicle_types",
            ]
            return doc({"feeds": [{"name": f, "url": f"{base}/{f}.json"} for f in feeds]}, 3600)
        if name == "system_information.json":
            return doc(
                {
                    "system_id": "seoul-sharing-village-demo",
                    "languages": ["ko", "en"],
                    "name": [
                        {"text": "따릉이 (데모)", "language": "ko"},
                        {"text": "Ttareungyi (demo)", "language": "en"},
                    ],
                    "operator": [
                        {"text": "서울시설공단", "language": "ko"},
                        {"text": "Seoul Facilities Corporation", "language": "en"},
                    ],
                    "phone_number": "1599-0120",
                    "opening_hours": "24/7",
                    "feed_contact_email": "sharing@example.org",
                    "timezone": "Asia/Seoul",
                },
                86400,
            )
        if name == "station_information.json":
            stations = [
                {
                    "station_id": s.station_id,
                    "name": [
                        {"text": s.name_ko, "language": "ko"},
                        {"text": s.name_en, "language": "en"},
                    ],
                    "short_name": [{"text": str(s.number), "language": "ko"}],
                    "lat": s.lat,
                    "lon": s.lon,
                    "capacity": s.racks,
                    "is_virtual_station": False,
                    "rental_methods": ["transitcard", "phone"],
                    "rental_uris": {"web": DEMO_RENTAL_URL},
                }
                for s in STATIONS
            ]
            return doc({"stations": stations}, 3600)
        if name == "station_status.json":
            counts = self._bikes.step()
            stations = [
                {
                    "station_id": s.station_id,
                    "num_vehicles_available": counts[s.station_id],
                    "num_docks_available": s.racks - counts[s.station_id],
                    "is_installed": True,
                    "is_renting": True,
                    "is_returning": True,
                    "last_reported": stamp,
                }
                for s in STATIONS
            ]
            return doc({"stations": stations}, 0)
        if name == "vehicle_types.json":
            return doc({"vehicle_types": _vehicle_types(v3=True)}, 3600)
        if name == "vehicle_status.json":
            vehicles = [
                {
                    "vehicle_id": v["id"],
                    "lat": v["lat"],
                    "lon": v["lon"],
                    "is_reserved": False,
                    "is_disabled": False,
                    "vehicle_type_id": v["type"],
                    "last_reported": stamp,
                    "current_fuel_percent": v["fuel"],
                    "current_range_meters": 20000,
                }
                for v in self._vehicles()
            ]
            return doc({"vehicles": vehicles}, 0)
        return _json({"error": "not found"}, 404)

    def _gbfs_v2(self, name: str) -> Reply:
        base = f"{self.base_url}/gbfs/v2"
        stamp = int(utc_now().timestamp())

        def doc(data: JsonObject, ttl: int) -> Reply:
            return _json({"last_updated": stamp, "ttl": ttl, "version": "2.3", "data": data})

        if name == "gbfs.json":
            feeds = [
                "system_information",
                "station_information",
                "station_status",
                "free_bike_status",
                "vehicle_types",
            ]
            return doc(
                {
                    lang: {"feeds": [{"name": f, "url": f"{base}/{lang}/{f}.json"} for f in feeds]}
                    for lang in ("ko", "en")
                },
                3600,
            )
        lang, _, file = name.partition("/")
        if lang not in ("ko", "en"):
            return _json({"error": "not found"}, 404)
        if file == "system_information.json":
            return doc(
                {
                    "system_id": "seoul-sharing-village-demo",
                    "language": lang,
                    "name": "따릉이 (데모)" if lang == "ko" else "Ttareungyi (demo)",
                    "operator": "서울시설공단" if lang == "ko" else "Seoul Facilities Corporation",
                    "phone_number": "1599-0120",
                    "timezone": "Asia/Seoul",
                },
                86400,
            )
        if file == "station_information.json":
            stations = [
                {
                    "station_id": s.station_id,
                    "name": s.name_ko if lang == "ko" else s.name_en,
                    "short_name": str(s.number),
                    "lat": s.lat,
                    "lon": s.lon,
                    "capacity": s.racks,
                    "rental_methods": ["TRANSITCARD", "PHONE"],
                    "rental_uris": {"web": DEMO_RENTAL_URL},
                }
                for s in STATIONS
            ]
            return doc({"stations": stations}, 3600)
        if file == "station_status.json":
            counts = self._bikes.step()
            stations = [
                {
                    "station_id": s.station_id,
                    "num_bikes_available": counts[s.station_id],
                    "num_docks_available": s.racks - counts[s.station_id],
                    "is_installed": True,
                    "is_renting": True,
                    "is_returning": True,
                    "last_reported": stamp,
                }
                for s in STATIONS
            ]
            return doc({"stations": stations}, 10)
        if file == "vehicle_types.json":
            return doc({"vehicle_types": _vehicle_types(v3=False)}, 3600)
        if file == "free_bike_status.json":
            bikes = [
                {
                    "bike_id": v["id"],
                    "lat": v["lat"],
                    "lon": v["lon"],
                    "is_reserved": False,
                    "is_disabled": False,
                    "vehicle_type_id": v["type"],
                    "last_reported": stamp,
                }
                for v in self._vehicles()
            ]
            return doc({"bikes": bikes}, 10)
        return _json({"error": "not found"}, 404)

    # -- Seoul Open API ----------------------------------------------------------------

    def _seoul(self, rest: str) -> Reply:
        parts = [unquote(p) for p in rest.strip("/").split("/")]
        if len(parts) < 5:
            return _seoul_error("ERROR-300", "필수 값이 누락되어 있습니다.")
        key, kind, service, start_s, end_s = parts[:5]
        district = parts[5] if len(parts) > 5 else None
        if key != DEMO_KEY:
            return _seoul_error("INFO-100", "인증키가 유효하지 않습니다.")
        if kind != "json":
            return _seoul_error("ERROR-301", "파일타입 값이 누락 혹은 유효하지 않습니다.")
        if not (start_s.isdigit() and end_s.isdigit()):
            return _seoul_error("ERROR-333", "요청위치 값의 타입이 유효하지 않습니다.")
        start, end = int(start_s), int(end_s)
        if start < 1:
            return _seoul_error("ERROR-331", "요청시작위치 값을 확인하십시오.")
        if start > end:
            return _seoul_error("ERROR-334", "요청종료위치 보다 요청시작위치가 더 큽니다.")
        if end - start + 1 > 1000:
            return _seoul_error("ERROR-336", "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.")
        if service == "bikeList":
            rows = self._bike_rows()
            root = "rentBikeStatus"
        elif service == "GetParkInfo":
            rows, root = self._park_rows(), service
        elif service == "GetParkingInfo":
            rows, root = self._parking_rows(), service
        else:
            return _seoul_error("INFO-200", "해당하는 데이터가 없습니다.")
        if district and service != "bikeList":
            rows = [r for r in rows if district in str(r.get("ADDR", ""))]
        return seoul_page(root, rows, start, end)

    def _bike_rows(self) -> list[JsonObject]:
        counts = self._bikes.step()
        return [
            {
                "rackTotCnt": str(s.racks),
                "stationName": f"{s.number}. {s.name_ko}",
                "parkingBikeTotCnt": str(counts[s.station_id]),
                "shared": str(round(100 * counts[s.station_id] / s.racks)),
                "stationLatitude": f"{s.lat:.8f}",
                "stationLongitude": f"{s.lon:.8f}",
                "stationId": s.station_id,
            }
            for s in STATIONS
        ]

    def _park_rows(self) -> list[JsonObject]:
        rows: list[JsonObject] = []
        for lot in LOTS:
            row: JsonObject = {
                "PKLT_CD": lot.code,
                "PKLT_NM": lot.name,
                "ADDR": lot.address,
                "PKLT_TYPE": "NW",
                "PRK_TYPE_NM": "노외 주차장",
                "OPER_SE": "1",
                "OPER_SE_NM": "시간제 주차장",
                "TELNO": lot.phone,
                "PRK_STTS_YN": "1" if lot.live else "0",
                "TPKCT": float(lot.spaces),
                "PAY_YN": "Y" if lot.base_fee else "N",
                "PAY_YN_NM": "유료" if lot.base_fee else "무료",
                "WD_OPER_BGNG_TM": lot.weekday[0],
                "WD_OPER_END_TM": lot.weekday[1],
                "WE_OPER_BGNG_TM": lot.weekend[0],
                "WE_OPER_END_TM": lot.weekend[1],
                "LHLDY_OPER_BGNG_TM": lot.weekend[0],
                "LHLDY_OPER_END_TM": lot.weekend[1],
                "BSC_PRK_CRG": float(lot.base_fee),
                "BSC_PRK_HR": 5.0,
                "ADD_PRK_CRG": float(lot.base_fee),
                "ADD_PRK_HR": 5.0,
                "DAY_MAX_CRG": float(lot.base_fee * 60),
                "SHRN_PKLT_YN": "Y" if lot.shared else "N",
                "LAT": lot.lat,
                "LOT": lot.lon,
            }
            rows.append(row)
            # The real service repeats a lot's row; the adapter must merge them.
            rows.append({**row, "LHLDY_OPER_BGNG_TM": "", "LHLDY_OPER_END_TM": ""})
        return rows

    def _parking_rows(self) -> list[JsonObject]:
        counts = self._parking.step()
        stamp = utc_now().astimezone(KST).strftime("%Y-%m-%d %H:%M:%S")
        return [
            {
                "PKLT_CD": lot.code,
                "PKLT_NM": lot.name,
                "ADDR": lot.address,
                "PRK_STTS_YN": "1" if lot.live else "0",
                "TPKCT": float(lot.spaces),
                "NOW_PRK_VHCL_CNT": float(lot.spaces - counts[lot.code]) if lot.live else 0.0,
                "NOW_PRK_VHCL_UPDT_TM": stamp if lot.live else "",
                "SHRN_PKLT_YN": "Y" if lot.shared else "N",
            }
            for lot in LOTS
        ]


def _vehicle_types(*, v3: bool) -> list[JsonObject]:
    def name(ko: str, en: str) -> object:
        return [{"text": ko, "language": "ko"}, {"text": en, "language": "en"}] if v3 else ko

    return [
        {
            "vehicle_type_id": "bike",
            "form_factor": "bicycle",
            "propulsion_type": "human",
            "name": name("공유 자전거", "Shared bike"),
        },
        {
            "vehicle_type_id": "scooter",
            "form_factor": "scooter_standing",
            "propulsion_type": "electric",
            "max_range_meters": 30000,
            "name": name("전동 킥보드", "E-scooter"),
        },
    ]


def seoul_error(code: str, message: str) -> JsonObject:
    """A Seoul Open API error as it arrives without the service wrapper."""
    return {"RESULT": {"CODE": code, "MESSAGE": message}}


def _seoul_error(code: str, message: str) -> Reply:
    return _json(seoul_error(code, message))


def seoul_page(root: str, rows: list[JsonObject], start: int, end: int) -> Reply:
    """One 1-based window [start, end] of `rows`, in the Seoul Open API's JSON form."""
    window = rows[start - 1 : end]
    if not window:
        empty = {"CODE": "INFO-200", "MESSAGE": "해당하는 데이터가 없습니다."}
        return _json({root: {"list_total_count": len(rows), "RESULT": empty}})
    return _json(
        {
            root: {
                "list_total_count": len(rows),
                "RESULT": {"CODE": "INFO-000", "MESSAGE": "정상 처리되었습니다"},
                "row": window,
            }
        }
    )


def seoul_url(base_url: str, service: str, start: int = 1, end: int = 1000) -> str:
    """The demo hub's URL for a Seoul service window (for manual checks)."""
    return f"{base_url}/seoul/{quote(DEMO_KEY)}/json/{service}/{start}/{end}/"
