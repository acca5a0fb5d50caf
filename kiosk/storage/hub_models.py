"""Tables for listings synced from the hub, rows the feeds got wrong, per-source sync
state, and the lease that keeps several kiosks on one PostgreSQL from syncing the same
source at once. On the shared `Base`, so migrations and `create_all` see them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import Base


class HubListingRow(Base):
    """One listing of one source. Retired listings stay (flagged) so a listing that comes
    back keeps its first-seen time and its row id (the map's marker id)."""

    __tablename__ = "hub_listings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    name_ko: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    description_ko: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300), default="")
    units_total: Mapped[int | None] = mapped_column(Integer)
    units_free: Mapped[int | None] = mapped_column(Integer)
    as_of: Mapped[datetime | None]
    bookable: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="available")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fingerprint: Mapped[str] = mapped_column(String(32))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    updated_at: Mapped[datetime]
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("source_id", "external_id", name="uq_hub_listings_source_external"),
        Index("ix_hub_listings_kind_retired", "kind", "retired"),
        Index("ix_hub_listings_lat_lon", "lat", "lon"),
    )


class HubQuarantineRow(Base):
    """A feed row that failed validation, with the reason, for the association."""

    __tablename__ = "hub_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(String(300))
    raw: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]

    __table_args__ = (Index("ix_hub_quarantine_source_id", "source_id", "id"),)


class HubSyncStateRow(Base):
    """Per-source bookkeeping: conditional-request tokens, errors, schedule, counts.

    `last_error` is stored already redacted: it never contains a source's key.
    """

    __tablename__ = "hub_sync_state"

    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), default="")
    interval_s: Mapped[int] = mapped_column(Integer, default=60)
    ttl_s: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    cursor: Mapped[str | None] = mapped_column(String(512))
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_label: Mapped[str | None] = mapped_column(String(40))
    last_error_at: Mapped[datetime | None]
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    listing_count: Mapped[int] = mapped_column(Integer, default=0)
    quarantined_count: Mapped[int] = mapped_column(Integer, default=0)
    last_summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HubSyncLeaseRow(Base):
    """Who is syncing a source right now, and until when the claim holds.

    A kiosk that dies mid-sync loses its claim when `expires_at` passes.
    """

    __tablename__ = "hub_sync_leases"

    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(160))
    acquired_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
