"""Village resources and hub listings as one list of places, nearest the kiosk first."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.domain.clock import to_local
from kiosk.domain.resources import ResourceKind
from kiosk.map.listing import MapListing
from kiosk.services.booking import ResourceOverview
from kiosk.ui.text import clock_text, day_text, tr

EARTH_M = 6_371_000.0


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_M * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Entry:
    """One row of a browse list: a village resource (``overview``) or a hub listing."""

    id: str
    kind: str
    metres: float
    overview: ResourceOverview | None = None
    listing: MapListing | None = None

    @property
    def is_hub(self) -> bool:
        return self.listing is not None

    def name(self, language: str) -> str:
        if self.overview is not None:
            return self.overview.resource.name(language)
        assert self.listing is not None
        return self.listing.name(language)

    def where(self, language: str) -> str:
        if self.overview is None:
            return tr("공공 공유 정보")
        location = self.overview.resource.location
        return location.where_en if language == "en" and location.where_en else location.where_ko

    @property
    def usable_now(self) -> bool:
        if self.overview is not None:
            r = self.overview.resource
            if not r.bookable:
                return r.in_service and (self.overview.units_free or 0) > 0
            return r.in_service and self.overview.open_now and (self.overview.units_free or 0) > 0
        assert self.listing is not None
        return self.listing.status != "out_of_service" and (self.listing.units_free or 0) > 0

    def free_text(self, today: date) -> str:
        """Units left now, or the live count with its time, or why it cannot be used."""
        if self.overview is not None:
            overview = self.overview
            resource = overview.resource
            if not resource.in_service:
                return tr("사용 중지: {reason}").format(reason=resource.out_of_service_reason)
            if not resource.bookable:
                live = resource.live
                if live is not None and live.units_free is not None:
                    return _live_text(live.units_free, live.units_total, live.as_of, today)
                return tr("안내 전용 · 예약 없이 이용")
            if not overview.open_now:
                return tr("지금은 운영 시간이 아닙니다")
            return tr("지금 {free} / {total} 이용 가능").format(
                free=overview.units_free, total=resource.capacity)
        assert self.listing is not None
        listing = self.listing
        if listing.status == "out_of_service":
            return tr("지금은 이용할 수 없습니다")
        if listing.units_free is None:
            return tr("실시간 정보 없음")
        text = _live_text(listing.units_free, listing.units_total, listing.as_of, today)
        return tr("{figure} · 오래된 정보").format(figure=text) if listing.stale else text

    @property
    def stale(self) -> bool:
        """A hub figure older than its source allows: shown, but greyed and marked."""
        return self.listing is not None and self.listing.stale


def _live_text(free: int, total: int | None, as_of: datetime | None, today: date) -> str:
    count = (tr("지금 {free} / {total} 이용 가능").format(free=free, total=total)
             if total else tr("지금 {free}개 이용 가능").format(free=free))
    if as_of is None:
        return count
    if as_of.tzinfo is None:
        return count
    local = to_local(as_of)
    when = clock_text(as_of) if local.date() == today else day_text(local.date(), today)
    return tr("{count} · {time} 기준").format(count=count, time=when)


def build_entries(overviews: list[ResourceOverview], listings: list[MapListing],
                  kiosk: tuple[float, float], kind: str | None = None) -> list[Entry]:
    """Nearest first; hub listings already stored as resources are not repeated."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for overview in overviews:
        resource = overview.resource
        if resource.retired or (kind is not None and resource.kind.value != kind):
            continue
        seen.add(resource.id)
        here = (resource.location.lat, resource.location.lon)
        entries.append(Entry(resource.id, resource.kind.value, distance_m(kiosk, here),
                             overview=overview))
    for listing in listings:
        if listing.id in seen or (kind is not None and listing.map_kind != kind):
            continue
        entries.append(Entry(listing.id, listing.map_kind,
                             distance_m(kiosk, (listing.lat, listing.lon)), listing=listing))
    entries.sort(key=lambda e: (e.metres, e.id))
    return entries


def map_listings(overviews: list[ResourceOverview], hub: list[MapListing]) -> list[MapListing]:
    """What the map shows: the village's resources with free units, then hub listings."""
    found: list[MapListing] = []
    seen: set[str] = set()
    for overview in overviews:
        r = overview.resource
        if r.retired:
            continue
        seen.add(r.id)
        total = r.capacity if r.bookable else (r.live.units_total if r.live else None)
        as_of = r.live.as_of if (r.live and not r.bookable) else None
        found.append(MapListing(
            id=r.id, kind=r.kind.value, name_ko=r.name_ko, name_en=r.name_en,
            lat=r.location.lat, lon=r.location.lon, units_free=overview.units_free,
            units_total=total, as_of=as_of,
            status="available" if r.in_service else "out_of_service"))
    found.extend(item for item in hub if item.id not in seen)
    return found


KIND_ORDER: tuple[ResourceKind, ...] = (ResourceKind.PARKING, ResourceKind.BIKE,
                                        ResourceKind.SPACE, ResourceKind.ITEM)
