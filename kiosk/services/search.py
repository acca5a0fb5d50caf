"""Search across the village's own resources and the hub's listings, for the kiosk's
search screen and `kiosk listings list --search`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kiosk.domain.hub import NearbyListing, haversine_m
from kiosk.domain.owners import Owner, OwnerKind
from kiosk.domain.rules import Audience
from kiosk.domain.search import Candidate, search
from kiosk.services.booking import BookingService, ResourceOverview
from kiosk.services.hub_sync import HubSyncService


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One thing found: exactly one of `resource` (the village's, with what is free
    now) and `listing` (from the hub, with its freshness) is set.

    `id` is the resource's id or the listing's map id ("hub-12"), as the map uses
    them; `source` is "local" for the village's own, else the hub source's id.
    """

    id: str
    source: str
    kind: str
    name_ko: str
    name_en: str
    address: str
    lat: float
    lon: float
    distance_m: float
    owner: Owner | None
    score: int
    resource: ResourceOverview | None = None
    listing: NearbyListing | None = None

    @property
    def is_local(self) -> bool:
        return self.resource is not None

    def name(self, language: str = "ko") -> str:
        return self.name_en if language == "en" and self.name_en else self.name_ko

    def as_dict(self) -> dict[str, object]:
        """The JSON row of `kiosk listings list --search … --json`."""
        return {
            "id": self.id, "source": self.source, "kind": self.kind,
            "name": self.name_ko, "name_en": self.name_en, "address": self.address,
            "distance_m": round(self.distance_m, 1),
            "owner": self.owner.as_dict() if self.owner else None,
            "lat": self.lat, "lon": self.lon,
        }


def _resource_candidate(o: ResourceOverview, lat: float, lon: float
                        ) -> Candidate[ResourceOverview | NearbyListing]:
    r = o.resource
    loc = r.location
    return Candidate(
        item=o, id=r.id, source=r.source, kind=r.kind.value, name_ko=r.name_ko,
        name_en=r.name_en, address=loc.address, owner=o.owner or r.owner,
        distance_m=haversine_m(lat, lon, loc.lat, loc.lon),
        words=tuple(w for w in (loc.where_ko, loc.where_en) if w),
    )


def _listing_candidate(n: NearbyListing) -> Candidate[ResourceOverview | NearbyListing]:
    x = n.listing
    words = tuple(x.extra[k] for k in ("service_ko", "service_en", "system", "station_no",
                                         "category", "kind") if x.extra.get(k))
    return Candidate(
        item=n, id=x.map_id, source=x.source_id, kind=x.kind, name_ko=x.name_ko,
        name_en=x.name_en, address=x.address, owner=x.owner, distance_m=n.distance_m,
        words=words,
    )


@dataclass
class SearchService:
    """Finds resources and listings by a typed query (see kiosk.domain.search)."""

    bookings: BookingService
    hub: HubSyncService

    def search(
        self,
        query: str,
        lat: float,
        lon: float,
        *,
        kinds: Collection[str] | None = None,
        owner_kinds: Collection[OwnerKind | str] | None = None,
        owner: str | None = None,
        radius_m: float | None = None,
        limit: int | None = None,
        source: str | None = None,
        audience: Audience = Audience.RESIDENTS,
        include_hub: bool = True,
    ) -> list[SearchResult]:
        """What matches `query` near (lat, lon), nearest first: the village's resources
        (as ``BookingService.overview`` gives them, for `audience`) and, unless
        `include_hub` is False, the hub's active listings. `source` keeps one source
        ("local" for the village's own). Filters as ``kiosk.domain.search.search``."""
        candidates: list[Candidate[ResourceOverview | NearbyListing]] = []
        for o in self.bookings.overview(audience=audience):
            c = _resource_candidate(o, lat, lon)
            if source is not None and c.source != source:
                continue
            if radius_m is None or (c.distance_m or 0.0) <= radius_m:
                candidates.append(c)
        if include_hub and source != "local":
            for n in self.hub.nearby(lat, lon, kinds=kinds, radius_m=radius_m,
                                     source_id=source):
                candidates.append(_listing_candidate(n))
        hits = search(candidates, query, kinds=kinds, owner_kinds=owner_kinds, owner=owner,
                      limit=limit)
        out: list[SearchResult] = []
        for hit in hits:
            c = hit.candidate
            item = c.item
            if isinstance(item, ResourceOverview):
                loc = item.resource.location
                out.append(SearchResult(c.id, c.source, c.kind, c.name_ko, c.name_en,
                                        c.address, loc.lat, loc.lon, c.distance_m or 0.0,
                                        c.owner, hit.score, resource=item))
            else:
                out.append(SearchResult(c.id, c.source, c.kind, c.name_ko, c.name_en,
                                        c.address, item.listing.lat, item.listing.lon,
                                        c.distance_m or 0.0, c.owner, hit.score,
                                        listing=item))
        return out
