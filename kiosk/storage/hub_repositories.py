"""Repositories for the hub tables. Bulk statements keep a 100,000-listing sync to a
few seconds; no sync rules live here (see kiosk.services.hub_sync)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from kiosk.domain.hub import ListingMark, QuarantinedRow, StoredListing, SyncState
from kiosk.services.ports import FeedRejected, ListingWrite
from kiosk.storage.hub_models import (
    HubListingRow,
    HubQuarantineRow,
    HubSyncLeaseRow,
    HubSyncStateRow,
)

CHUNK = 2000
MEMO_LIMIT = 10_000
T = TypeVar("T")
_LISTINGS = HubListingRow.__table__.c
_UPDATED = (
    "kind", "name_ko", "name_en", "description_ko", "description_en", "lat", "lon", "address",
    "units_total", "units_free", "as_of", "bookable", "status", "extra", "fingerprint",
    "last_seen", "updated_at", "retired", "retired_at",
)


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_INSERTED = ("source_id", "external_id", *_UPDATED, "first_seen")


def _same(value: Any) -> Any:
    return value


def _items(value: Any) -> Any:
    return tuple(value.items())


_MISSING = object()


class _BulkWriter:
    """Bulk INSERT/UPDATE of listings through the session's own connection (so in its
    transaction), with values encoded by the columns' own bind processors.

    SQLAlchemy's executemany runs every type's processor on every value of every row;
    here the write time (one value for the whole batch) is encoded once, and ``extra``
    and ``as_of`` once per distinct value, since most listings of a feed share them.
    """

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        dialect = self.connection.dialect
        self.mark = "?" if dialect.paramstyle == "qmark" else "%s"
        processors = {name: _LISTINGS[name].type.dialect_impl(dialect).bind_processor(dialect)
                      for name in _INSERTED}
        identity: Callable[[Any], Any] = _same
        self.encode: dict[str, Callable[[Any], Any]] = {
            name: (identity if proc is None else proc) for name, proc in processors.items()}

    def _run(self, sql: str, items: Sequence[ListingWrite],
             row: Callable[[ListingWrite], tuple[Any, ...]]) -> None:
        for chunk in _chunks(items):  # rows built a chunk at a time: bounded memory
            self.connection.exec_driver_sql(sql, [row(item) for item in chunk])

    def _row(self, item: ListingWrite, now: Any, as_of: Callable[[Any], Any],
             extra: Callable[[Any], Any], flag: Callable[[Any], Any]) -> tuple[Any, ...]:
        r = item.record
        return (
            r.kind, r.name_ko, r.name_en, r.description_ko, r.description_en, r.lat, r.lon,
            r.address, r.units_total, r.units_free, as_of(r.as_of), flag(r.bookable),
            item.status, extra(r.extra), item.fingerprint, now, now, flag(False), None,
        )

    def _memo(self, name: str, key: Callable[[Any], Any],
              prepare: Callable[[Any], Any] = _same) -> Callable[[Any], Any]:
        """Column ``name``'s encoder, run once per distinct value: most listings of a feed
        share a few extra facts (provider, fee, hours) and the same as-of time."""
        encode = self.encode[name]
        seen: dict[Any, Any] = {}

        def encoded(value: Any) -> Any:
            k = key(value)
            found = seen.get(k, _MISSING)
            if found is _MISSING:
                found = encode(prepare(value))
                if len(seen) < MEMO_LIMIT:
                    seen[k] = found
            return found

        return encoded

    def insert(self, items: Sequence[ListingWrite], now: datetime) -> None:
        if not items:
            return
        enc = self.encode
        at = enc["last_seen"](now)
        as_of, flag = self._memo("as_of", _same), enc["bookable"]
        extra = self._memo("extra", _items, dict)
        sql = (f"INSERT INTO hub_listings ({', '.join(_INSERTED)}) "
               f"VALUES ({', '.join([self.mark] * len(_INSERTED))})")
        self._run(sql, items, lambda item: (
            item.record.source_id, item.record.external_id,
            *self._row(item, at, as_of, extra, flag), at))

    def update(self, items: Sequence[ListingWrite], now: datetime) -> None:
        if not items:
            return
        enc = self.encode
        at = enc["last_seen"](now)
        as_of, flag = self._memo("as_of", _same), enc["bookable"]
        extra = self._memo("extra", _items, dict)
        sql = (f"UPDATE hub_listings SET {', '.join(f'{n} = {self.mark}' for n in _UPDATED)} "
               f"WHERE id = {self.mark}")
        self._run(sql, items,
                  lambda item: (*self._row(item, at, as_of, extra, flag), item.row_id))




def listing_from_row(row: RowMapping) -> StoredListing:
    return StoredListing(
        id=row["id"],
        source_id=row["source_id"],
        external_id=row["external_id"],
        kind=row["kind"],
        name_ko=row["name_ko"],
        name_en=row["name_en"],
        description_ko=row["description_ko"],
        description_en=row["description_en"],
        lat=row["lat"],
        lon=row["lon"],
        address=row["address"],
        units_total=row["units_total"],
        units_free=row["units_free"],
        as_of=row["as_of"],
        bookable=row["bookable"],
        status=row["status"],
        extra=dict(row["extra"] or {}),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        retired=row["retired"],
    )


class SqlHubListingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def marks(self, source_id: str) -> dict[str, ListingMark]:
        query = select(
            _LISTINGS.external_id, _LISTINGS.id, _LISTINGS.fingerprint, _LISTINGS.retired
        ).where(_LISTINGS.source_id == source_id)
        return {
            ext: ListingMark(row_id, fp, retired)
            for ext, row_id, fp, retired in self.session.execute(query)
        }

    def insert_many(self, items: Sequence[ListingWrite], now: datetime) -> None:
        _BulkWriter(self.session).insert(items, now)

    def update_many(self, items: Sequence[ListingWrite], now: datetime) -> None:
        _BulkWriter(self.session).update(items, now)

    def retire(self, row_ids: Sequence[int], now: datetime) -> None:
        for chunk in _chunks(row_ids, 500):
            self.session.execute(
                update(HubListingRow)
                .where(HubListingRow.id.in_(chunk))
                .values(retired=True, retired_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )

    def touch(self, source_id: str, now: datetime, row_ids: Sequence[int] | None = None) -> None:
        base = update(HubListingRow).execution_options(synchronize_session=False)
        if row_ids is None:
            self.session.execute(
                base.where(
                    HubListingRow.source_id == source_id, HubListingRow.retired.is_(False)
                ).values(last_seen=now)
            )
            return
        for chunk in _chunks(row_ids, 500):
            self.session.execute(base.where(HubListingRow.id.in_(chunk)).values(last_seen=now))

    def count_active(self, source_id: str | None = None) -> int:
        query = select(func.count()).select_from(HubListingRow).where(
            HubListingRow.retired.is_(False)
        )
        if source_id is not None:
            query = query.where(HubListingRow.source_id == source_id)
        return int(self.session.execute(query).scalar_one())

    def active_counts(self) -> dict[str, int]:
        query = (
            select(HubListingRow.source_id, func.count())
            .where(HubListingRow.retired.is_(False))
            .group_by(HubListingRow.source_id)
        )
        return {sid: int(n) for sid, n in self.session.execute(query)}

    def in_box(
        self,
        box: tuple[float, float, float, float] | None,
        kinds: Collection[str] | None,
        source_id: str | None = None,
    ) -> list[StoredListing]:
        """Active listings inside (south, west, north, east), or all when box is None."""
        query = select(HubListingRow.__table__).where(_LISTINGS.retired.is_(False))
        if box is not None:
            south, west, north, east = box
            query = query.where(
                _LISTINGS.lat.between(south, north), _LISTINGS.lon.between(west, east)
            )
        if kinds:
            query = query.where(_LISTINGS.kind.in_(sorted(kinds)))
        if source_id is not None:
            query = query.where(_LISTINGS.source_id == source_id)
        return [listing_from_row(row._mapping) for row in self.session.execute(query)]

    def by_source(self, source_id: str, include_retired: bool = False) -> list[StoredListing]:
        query = (
            select(HubListingRow.__table__)
            .where(_LISTINGS.source_id == source_id)
            .order_by(_LISTINGS.external_id)
        )
        if not include_retired:
            query = query.where(_LISTINGS.retired.is_(False))
        return [listing_from_row(row._mapping) for row in self.session.execute(query)]


class SqlHubQuarantineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _insert(self, source_id: str, rows: Sequence[FeedRejected], now: datetime) -> None:
        for chunk in _chunks(rows):
            self.session.execute(
                insert(HubQuarantineRow),
                [
                    {
                        "source_id": source_id,
                        "external_id": (r.external_id or None) and r.external_id[:128],
                        "reason": r.reason[:300],
                        "raw": r.raw,
                        "at": now,
                    }
                    for r in chunk
                ],
            )

    def replace(self, source_id: str, rows: Sequence[FeedRejected], now: datetime) -> None:
        self.session.execute(
            delete(HubQuarantineRow).where(HubQuarantineRow.source_id == source_id)
        )
        self._insert(source_id, rows, now)

    def append(
        self, source_id: str, rows: Sequence[FeedRejected], now: datetime, keep: int
    ) -> None:
        self._insert(source_id, rows, now)
        cutoff = self.session.execute(
            select(HubQuarantineRow.id)
            .where(HubQuarantineRow.source_id == source_id)
            .order_by(HubQuarantineRow.id.desc())
            .offset(keep)
            .limit(1)
        ).scalar_one_or_none()
        if cutoff is not None:
            self.session.execute(
                delete(HubQuarantineRow).where(
                    HubQuarantineRow.source_id == source_id, HubQuarantineRow.id <= cutoff
                )
            )

    def count(self, source_id: str) -> int:
        query = select(func.count()).where(HubQuarantineRow.source_id == source_id)
        return int(self.session.execute(query).scalar_one())

    def recent(self, source_id: str | None = None, limit: int = 100) -> list[QuarantinedRow]:
        query = select(HubQuarantineRow).order_by(HubQuarantineRow.id.desc()).limit(limit)
        if source_id is not None:
            query = query.where(HubQuarantineRow.source_id == source_id)
        return [
            QuarantinedRow(r.source_id, r.external_id, r.reason, r.raw, r.at)
            for r in self.session.scalars(query)
        ]


_STATE_FIELDS = (
    "kind", "interval_s", "ttl_s", "etag", "last_modified", "cursor", "last_attempt_at",
    "last_success_at", "last_error", "last_error_label", "last_error_at", "failures",
    "next_attempt_at", "needs_attention", "listing_count", "quarantined_count",
)


def state_from_row(row: HubSyncStateRow) -> SyncState:
    values = {name: getattr(row, name) for name in _STATE_FIELDS}
    return SyncState(source_id=row.source_id, last_summary=dict(row.last_summary or {}), **values)


class SqlHubSyncStateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, source_id: str, for_update: bool = False) -> SyncState | None:
        query = select(HubSyncStateRow).where(HubSyncStateRow.source_id == source_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.execute(query).scalar_one_or_none()
        return state_from_row(row) if row else None

    def save(self, state: SyncState) -> None:
        row = self.session.get(HubSyncStateRow, state.source_id)
        if row is None:
            row = HubSyncStateRow(source_id=state.source_id)
            self.session.add(row)
        for name in _STATE_FIELDS:
            setattr(row, name, getattr(state, name))
        row.last_summary = dict(state.last_summary)
        self.session.flush()

    def list(self) -> list[SyncState]:
        rows = self.session.scalars(select(HubSyncStateRow).order_by(HubSyncStateRow.source_id))
        return [state_from_row(r) for r in rows]


class SqlHubLeaseRepository:
    """A row per source; a claim is an UPDATE that only succeeds when the row is free or
    expired, so on PostgreSQL the second of two racing kiosks sees the first's claim."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _ensure_row(self, source_id: str) -> None:
        name = self.session.get_bind().dialect.name
        stmt: Any
        if name == "postgresql":
            stmt = postgresql.insert(HubSyncLeaseRow).on_conflict_do_nothing()
        elif name == "sqlite":
            stmt = sqlite.insert(HubSyncLeaseRow).on_conflict_do_nothing()
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            if self.session.get(HubSyncLeaseRow, source_id) is not None:
                return
            stmt = insert(HubSyncLeaseRow)
        self.session.execute(stmt.values(source_id=source_id, owner=None))

    def try_acquire(self, source_id: str, owner: str, now: datetime, until: datetime) -> bool:
        self._ensure_row(source_id)
        result = self.session.execute(
            update(HubSyncLeaseRow)
            .where(
                HubSyncLeaseRow.source_id == source_id,
                or_(
                    HubSyncLeaseRow.owner.is_(None),
                    HubSyncLeaseRow.owner == owner,
                    HubSyncLeaseRow.expires_at.is_(None),
                    HubSyncLeaseRow.expires_at <= now,
                ),
            )
            .values(owner=owner, acquired_at=now, expires_at=until)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0)) == 1

    def holds(self, source_id: str, owner: str, now: datetime) -> bool:
        row = self.session.execute(
            select(HubSyncLeaseRow).where(HubSyncLeaseRow.source_id == source_id).with_for_update()
        ).scalar_one_or_none()
        return (
            row is not None
            and row.owner == owner
            and row.expires_at is not None
            and row.expires_at > now
        )

    def release(self, source_id: str, owner: str) -> None:
        self.session.execute(
            update(HubSyncLeaseRow)
            .where(HubSyncLeaseRow.source_id == source_id, HubSyncLeaseRow.owner == owner)
            .values(owner=None, expires_at=None)
            .execution_options(synchronize_session=False)
        )
