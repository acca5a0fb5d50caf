"""Hub sync use cases: apply one fetch of one source in a single transaction, keep the
per-source state and lease, and read listings back for the map and the desk app.

Rules:
* A fetch applies completely or not at all: upserts, tombstones, retiring what a
  complete snapshot no longer lists, quarantined rows and the new sync state are one
  write transaction.
* A complete snapshot that would retire most of a source, of any size, is refused (the
  Seoul API answers INFO-200 "no data" during its own outages; a broken feed can look
  empty; a kiosk's radius often holds only five stations) and the reason is recorded;
  the association can accept it explicitly.
* A snapshot in which no row was usable (every row rejected, or outside the area) is
  not applied either: the source needs attention, and the reason names what was wrong.
* A row that fails validation never removes the listing it describes: the last good
  version stays, with its figures shown as stale, and the row counts as quarantined.
* Unchanged listings are not rewritten; only their "last seen" time moves.
* Only the kiosk holding a source's lease applies its fetch, so several kiosks on one
  PostgreSQL never sync the same source at once.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from kiosk.domain.hub import (
    AVAILABLE,
    OUT_OF_SERVICE,
    STALE_FACTOR,
    HubSummary,
    LeaseLost,
    NearbyListing,
    QuarantinedRow,
    SourceStatus,
    StoredListing,
    SyncState,
    haversine_m,
)
from kiosk.domain.notices import NewsItem
from kiosk.services.ports import (
    FeedBatch,
    FeedNewsItem,
    FeedRecord,
    HubUnitOfWorkFactory,
    ListingWrite,
)

Clock = Callable[[], datetime]
QUARANTINE_KEEP = 500
OFFLINE_LABELS = frozenset({"offline", "timeout"})
REFUSED_LABEL = "refused"
UNUSABLE_LABEL = "no usable rows"
LEASE_LOST_LABEL = "lease lost"


@dataclass(frozen=True, slots=True)
class Claim:
    """The outcome of asking to sync a source now.

    `acquired` False: `reason` is "busy" (another kiosk holds the lease) or "not_due"
    (another kiosk synced it recently; `state.next_attempt_at` says when next).
    """

    acquired: bool
    state: SyncState
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """What one apply changed; `refused` carries the reason when nothing was applied
    (`attention` True when it was refused because no row was usable). `held` counts
    listings whose new row was rejected and whose last good version was kept."""

    source_id: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    quarantined: int = 0
    active: int = 0
    not_modified: bool = False
    refused: str | None = None
    attention: bool = False
    held: int = 0

    @property
    def applied(self) -> bool:
        return self.refused is None

    @property
    def changed(self) -> bool:
        return self.applied and bool(self.inserted or self.updated or self.retired)


def listing_status(record: FeedRecord) -> str:
    """Whether residents can use the listing now, from what the feed says."""
    extra = record.extra
    if extra.get("renting") == "false" or extra.get("status") in ("closed", "out_of_service"):
        return OUT_OF_SERVICE
    return AVAILABLE


def fingerprint(record: FeedRecord) -> str:
    """A digest of everything stored about a listing, to skip unchanged rows cheaply."""
    parts = (
        record.kind, record.name_ko, record.name_en, record.description_ko,
        record.description_en, repr(record.lat), repr(record.lon), record.address,
        str(record.units_total), str(record.units_free),
        record.as_of.isoformat() if record.as_of else "", "1" if record.bookable else "0",
        *(f"{k}\x1f{v}" for k, v in sorted(record.extra.items())),
    )
    return hashlib.blake2b("\x1e".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def health(state: SyncState) -> str:
    if state.needs_attention:
        return "attention"
    if state.last_error_label is None:  # a success clears the last error
        return "ok" if state.last_success_at is not None else "never"
    if state.last_error_label in OFFLINE_LABELS:
        return "offline"
    if state.last_error_label == REFUSED_LABEL:
        return "refused"
    return "error"


def news_item(source_id: str, item: FeedNewsItem) -> NewsItem:
    return NewsItem(source_id=source_id, external_id=item.external_id,
                    title_ko=item.title_ko, summary_ko=item.summary_ko,
                    published=item.published, title_en=item.title_en,
                    summary_en=item.summary_en, link=item.link, provider=item.provider)


def nothing_usable(batch: FeedBatch) -> str | None:
    """Why a complete snapshot brought rows but none usable, or None.

    E.g. "all 9 rows: PKLT_CD is missing" (a renamed field) or "all 2736 rows are
    outside the kiosk's area" (a centre in the wrong place). An answer with no rows at
    all is the shrink guard's business, not this.
    """
    if not batch.complete or batch.listings or batch.tombstones:
        return None
    rejected, outside = batch.rejected, batch.out_of_area
    if not rejected and not outside:
        return None
    reasons = Counter(q.reason for q in batch.quarantined if q.external_id is not None
                      or not q.reason.endswith("more rows quarantined"))
    parts: list[str] = []
    if rejected:
        common = reasons.most_common(3)
        if len(reasons) == 1 and not outside:
            return f"no usable rows: all {rejected} rows: {common[0][0]}"
        listed = "; ".join(f"{reason} ({count})" for reason, count in common)
        parts.append(f"{rejected} rejected ({listed})")
    if outside:
        parts.append(f"{outside} outside the kiosk's area (check the centre and radius)")
    total = rejected + outside
    if len(parts) == 1 and not rejected:
        return f"no usable rows: all {total} rows are outside the kiosk's area " \
               "(check the centre and radius)"
    return f"no usable rows: all {total} rows: " + ", ".join(parts)


def _box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    dlat = radius_m / 111_320.0 * 1.01
    dlon = radius_m / (111_320.0 * max(0.01, math.cos(math.radians(lat)))) * 1.01
    return (lat - dlat, lon - dlon, lat + dlat, lon + dlon)


@dataclass
class HubSyncService:
    """Apply fetched listings and read them back.

    `guard_min`: sources with fewer active listings are never guarded (1: every source
    is; a kiosk's area often holds only a handful of stations or lots).
    `guard_max_drop`: the largest share of a source one complete snapshot may retire.
    """

    uow: HubUnitOfWorkFactory
    clock: Clock
    lease_s: float = 600.0
    guard_min: int = 1
    guard_max_drop: float = 0.5
    stale_factor: float = STALE_FACTOR

    # -- claiming a source --------------------------------------------------------

    def claim(
        self, source_id: str, owner: str, *, kind: str = "", interval_s: int = 60,
        if_due: bool = True,
    ) -> Claim:
        """Take the source's lease for one fetch-and-apply; record the attempt."""
        now = self.clock()
        with self.uow(write=True) as uow:
            state = uow.hub_state.get(source_id, for_update=True) or SyncState(source_id)
            state = replace(state, kind=kind or state.kind, interval_s=interval_s)
            if if_due and state.next_attempt_at is not None and state.next_attempt_at > now:
                return Claim(False, state, "not_due")
            until = now + timedelta(seconds=self.lease_s)
            if not uow.hub_leases.try_acquire(source_id, owner, now, until):
                return Claim(False, state, "busy")
            state = replace(state, last_attempt_at=now)
            uow.hub_state.save(state)
            uow.commit()
        return Claim(True, state)

    def release(self, source_id: str, owner: str) -> None:
        """Give the lease back without recording anything (e.g. on shutdown)."""
        with self.uow(write=True) as uow:
            uow.hub_leases.release(source_id, owner)
            uow.commit()

    # -- applying a fetch ---------------------------------------------------------

    def apply(
        self,
        batch: FeedBatch,
        *,
        owner: str,
        next_attempt_at: datetime,
        retry_at: datetime,
        accept_shrink: bool = False,
    ) -> ApplyReport:
        """Apply one fetch in one transaction (see the module rules).

        `next_attempt_at` is stored on success (and when no row was usable), `retry_at`
        when the snapshot is refused. Raises LeaseLost (nothing applied) when this owner
        no longer holds the lease.
        """
        sid = batch.source_id
        now = self.clock()
        with self.uow(write=True) as uow:
            if not uow.hub_leases.holds(sid, owner, now):
                raise LeaseLost(f"source {sid} is being synced by another kiosk")
            state = uow.hub_state.get(sid, for_update=True) or SyncState(sid)
            if batch.not_modified:
                active = uow.hub_listings.count_active(sid)
                if batch.complete and active:
                    uow.hub_listings.touch(sid, now)
                report = ApplyReport(sid, active=active, not_modified=True)
            else:
                marks = uow.hub_listings.marks(sid)
                active_before = sum(1 for m in marks.values() if not m.retired)
                unusable = nothing_usable(batch)
                if unusable is not None:
                    # Nothing to show from this answer: keep every listing as it was,
                    # keep the rejected rows for the association, and say why.
                    uow.hub_quarantine.replace(sid, batch.quarantined, now)
                    state = replace(
                        state,
                        last_error=unusable,
                        last_error_label=UNUSABLE_LABEL,
                        last_error_at=now,
                        failures=state.failures + 1,
                        next_attempt_at=next_attempt_at,
                        needs_attention=True,
                        listing_count=active_before,
                        quarantined_count=uow.hub_quarantine.count(sid),
                        last_summary=dict(batch.summary()),
                    )
                    uow.hub_state.save(state)
                    uow.hub_leases.release(sid, owner)
                    uow.commit()
                    return ApplyReport(sid, active=active_before, refused=unusable,
                                       attention=True, quarantined=batch.rejected)
                inserts: list[ListingWrite] = []
                updates: list[ListingWrite] = []
                unchanged_ids: list[int] = []
                seen: set[str] = set()
                for record in batch.listings:
                    seen.add(record.external_id)
                    fp = fingerprint(record)
                    mark = marks.get(record.external_id)
                    if mark is None:
                        inserts.append(ListingWrite(record, fp, listing_status(record)))
                    elif mark.fingerprint != fp or mark.retired:
                        updates.append(ListingWrite(record, fp, listing_status(record), mark.id))
                    else:
                        unchanged_ids.append(mark.id)
                # A rejected row keeps its listing's last good version (not retired, not
                # touched, so its figures age and show as stale).
                held: set[str] = set()
                for rejected in batch.quarantined:
                    ext = rejected.external_id
                    mark = marks.get(ext) if ext is not None else None
                    if ext is not None and mark is not None and not mark.retired \
                            and ext not in seen:
                        held.add(ext)
                gone: list[int] = []
                if batch.complete:
                    gone = [m.id for ext, m in marks.items()
                            if not m.retired and ext not in seen and ext not in held]
                for tomb in batch.tombstones:
                    mark = marks.get(tomb.external_id)
                    if mark is not None and not mark.retired and tomb.external_id not in seen:
                        gone.append(mark.id)
                gone = list(dict.fromkeys(gone))
                revived = sum(1 for w in updates if marks[w.record.external_id].retired)
                active_after = active_before - len(gone) + revived + len(inserts)
                refusal = None
                if batch.complete and not accept_shrink:
                    refusal = self._shrink_refusal(active_before, active_after, len(gone),
                                                   batch.note)
                if refusal is not None:
                    report = ApplyReport(sid, active=active_before, refused=refusal)
                    state = replace(
                        state,
                        last_error=refusal,
                        last_error_label=REFUSED_LABEL,
                        last_error_at=now,
                        failures=state.failures + 1,
                        next_attempt_at=retry_at,
                        needs_attention=False,
                        listing_count=active_before,
                        last_summary=dict(batch.summary()),
                    )
                    uow.hub_state.save(state)
                    uow.hub_leases.release(sid, owner)
                    uow.commit()
                    return report
                if inserts:
                    uow.hub_listings.insert_many(inserts, now)
                if updates:
                    uow.hub_listings.update_many(updates, now)
                if gone:
                    uow.hub_listings.retire(gone, now)
                # Inserted and updated rows were written as seen now; only the unchanged
                # ones need touching. A complete snapshot touches them all in one
                # statement when they are most of the source (and none is held back).
                if (batch.complete and not held
                        and len(unchanged_ids) > len(inserts) + len(updates)):
                    uow.hub_listings.touch(sid, now)
                elif unchanged_ids:
                    uow.hub_listings.touch(sid, now, unchanged_ids)
                if batch.complete:
                    uow.hub_quarantine.replace(sid, batch.quarantined, now)
                elif batch.quarantined:
                    uow.hub_quarantine.append(sid, batch.quarantined, now, QUARANTINE_KEEP)
                if batch.complete or batch.news or batch.news_deleted:
                    uow.hub_news.apply(sid, [news_item(sid, n) for n in batch.news],
                                       batch.news_deleted, batch.complete, now)
                report = ApplyReport(
                    sid,
                    inserted=len(inserts),
                    updated=len(updates),
                    unchanged=len(unchanged_ids),
                    retired=len(gone),
                    quarantined=batch.rejected,
                    active=active_after,
                    held=len(held),
                )
            state = replace(
                state,
                ttl_s=batch.ttl_s,
                etag=batch.etag,
                last_modified=batch.last_modified,
                cursor=batch.cursor,
                last_success_at=now,
                last_error=None,
                last_error_label=None,
                last_error_at=None,
                failures=0,
                next_attempt_at=next_attempt_at,
                needs_attention=False,
                listing_count=report.active,
                quarantined_count=uow.hub_quarantine.count(sid),
                last_summary=dict(batch.summary()) | {
                    "inserted": report.inserted, "updated": report.updated,
                    "retired": report.retired, "held": report.held,
                },
            )
            uow.hub_state.save(state)
            uow.hub_leases.release(sid, owner)
            uow.commit()
        return report

    def _shrink_refusal(
        self, before: int, after: int, retiring: int, note: str = ""
    ) -> str | None:
        if before < self.guard_min or retiring <= before * self.guard_max_drop:
            return None
        why = f"{note}; " if note else ""
        return (
            f"snapshot refused: {why}it would retire {retiring} of {before} listings "
            f"(leaving {after}); the previous listings are kept and the source is retried "
            f"(`kiosk sync now --accept-shrink` if the source really shrank)"
        )

    def record_failure(
        self,
        source_id: str,
        *,
        owner: str,
        label: str,
        message: str,
        next_attempt_at: datetime,
        needs_attention: bool = False,
    ) -> SyncState:
        """Remember a failed fetch (message already free of secrets); listings stay."""
        now = self.clock()
        with self.uow(write=True) as uow:
            state = uow.hub_state.get(source_id, for_update=True) or SyncState(source_id)
            state = replace(
                state,
                last_error=message[:2000],
                last_error_label=label[:40],
                last_error_at=now,
                failures=state.failures + 1,
                next_attempt_at=next_attempt_at,
                needs_attention=needs_attention,
                listing_count=uow.hub_listings.count_active(source_id),
            )
            uow.hub_state.save(state)
            uow.hub_leases.release(source_id, owner)
            uow.commit()
        return state

    # -- reading -------------------------------------------------------------------

    def states(self) -> dict[str, SyncState]:
        with self.uow() as uow:
            return {s.source_id: s for s in uow.hub_state.list()}

    def status(self, configured: Iterable[tuple[str, str, int]] = ()) -> list[SourceStatus]:
        """Per source (configured ones first, then any others with stored data)."""
        now = self.clock()
        with self.uow() as uow:
            states = {s.source_id: s for s in uow.hub_state.list()}
            counts = uow.hub_listings.active_counts()
        out: list[SourceStatus] = []
        done: set[str] = set()
        for sid, kind, interval_s in configured:
            state = states.get(sid) or SyncState(sid, kind=kind, interval_s=interval_s)
            state = replace(state, kind=kind, interval_s=interval_s,
                            listing_count=counts.get(sid, 0))
            out.append(SourceStatus(state, True, state.is_stale(now, self.stale_factor),
                                    health(state)))
            done.add(sid)
        for sid in sorted(set(states) | set(counts)):
            if sid in done:
                continue
            state = replace(states.get(sid) or SyncState(sid), listing_count=counts.get(sid, 0))
            out.append(SourceStatus(state, False, state.is_stale(now, self.stale_factor),
                                    health(state)))
        return out

    def summary(self, configured: Iterable[tuple[str, str, int]] = ()) -> HubSummary:
        """Online/offline and the last successful sync, for the kiosk's status line."""
        statuses = [s for s in self.status(configured) if s.configured or not configured]
        tried = [s for s in statuses if s.health != "never"]
        successes = [s.state.last_success_at for s in statuses if s.state.last_success_at]
        online: bool | None = None
        if tried:
            online = not all(s.health == "offline" for s in tried)
        return HubSummary(
            online=online,
            last_success_at=max(successes) if successes else None,
            sources=len(statuses),
            failing=sum(1 for s in tried if s.health != "ok"),
            needs_attention=sum(1 for s in statuses if s.health == "attention"),
        )

    def nearby(
        self,
        lat: float,
        lon: float,
        *,
        kinds: Collection[str] | None = None,
        radius_m: float | None = None,
        limit: int | None = None,
        source_id: str | None = None,
    ) -> list[NearbyListing]:
        """Active listings nearest first, each with its distance and freshness."""
        now = self.clock()
        box = _box(lat, lon, radius_m) if radius_m is not None else None
        with self.uow() as uow:
            rows = uow.hub_listings.in_box(box, kinds, source_id)
            states = {s.source_id: s for s in uow.hub_state.list()}
            rejected: dict[tuple[str, str], QuarantinedRow] = {}
            for sid, st in states.items():
                if st.quarantined_count and (source_id is None or sid == source_id):
                    for q in uow.hub_quarantine.recent(sid, QUARANTINE_KEEP + 1):
                        if q.external_id is not None:
                            rejected.setdefault((sid, q.external_id), q)
        found: list[NearbyListing] = []
        limits: dict[str, timedelta] = {}
        for row in rows:
            distance = haversine_m(lat, lon, row.lat, row.lon)
            if radius_m is not None and distance > radius_m:
                continue
            near = self._nearby(row, distance, now, states, limits)
            bad = rejected.get((row.source_id, row.external_id))
            if bad is not None and bad.at > row.last_seen:
                # Rejected after it was last seen good: the last good version, held.
                near = replace(near, stale=True, held=bad.reason)
            found.append(near)
        found.sort(key=lambda n: (n.distance_m, n.listing.id))
        return found[:limit] if limit is not None else found

    def _nearby(
        self, row: StoredListing, distance: float, now: datetime,
        states: Mapping[str, SyncState], limits: dict[str, timedelta],
    ) -> NearbyListing:
        limit = limits.get(row.source_id)
        if limit is None:
            state = states.get(row.source_id) or SyncState(row.source_id)
            limit = limits[row.source_id] = state.stale_after(self.stale_factor)
        as_of = row.as_of or row.last_seen
        return NearbyListing(row, distance, as_of, now - as_of > limit)

    def listings_of(self, source_id: str, include_retired: bool = False) -> list[StoredListing]:
        with self.uow() as uow:
            return uow.hub_listings.by_source(source_id, include_retired)

    def quarantined(self, source_id: str | None = None, limit: int = 100) -> list[QuarantinedRow]:
        with self.uow() as uow:
            return uow.hub_quarantine.recent(source_id, limit)


__all__ = [
    "ApplyReport",
    "Claim",
    "HubSyncService",
    "LeaseLost",
    "fingerprint",
    "health",
    "listing_status",
    "nothing_usable",
]
