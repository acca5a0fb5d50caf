"""hub listings, quarantined feed rows, per-source sync state and sync leases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 14:56:48.976954
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "hub_listings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("description_ko", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("units_total", sa.Integer(), nullable=True),
        sa.Column("units_free", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.DateTime(), nullable=True),
        sa.Column("bookable", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_listings")),
        sa.UniqueConstraint("source_id", "external_id", name="uq_hub_listings_source_external"),
    )
    with op.batch_alter_table("hub_listings", schema=None) as batch_op:
        batch_op.create_index("ix_hub_listings_kind_retired", ["kind", "retired"], unique=False)
        batch_op.create_index("ix_hub_listings_lat_lon", ["lat", "lon"], unique=False)

    op.create_table(
        "hub_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_quarantine")),
    )
    with op.batch_alter_table("hub_quarantine", schema=None) as batch_op:
        batch_op.create_index("ix_hub_quarantine_source_id", ["source_id", "id"], unique=False)

    op.create_table(
        "hub_sync_leases",
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=160), nullable=True),
        sa.Column("acquired_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_hub_sync_leases")),
    )
    op.create_table(
        "hub_sync_state",
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("interval_s", sa.Integer(), nullable=False),
        sa.Column("ttl_s", sa.Integer(), nullable=True),
        sa.Column("etag", sa.String(length=512), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("cursor", sa.String(length=512), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_label", sa.String(length=40), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("needs_attention", sa.Boolean(), nullable=False),
        sa.Column("listing_count", sa.Integer(), nullable=False),
        sa.Column("quarantined_count", sa.Integer(), nullable=False),
        sa.Column("last_summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_hub_sync_state")),
    )


def downgrade() -> None:

    op.drop_table("hub_sync_state")
    op.drop_table("hub_sync_leases")
    with op.batch_alter_table("hub_quarantine", schema=None) as batch_op:
        batch_op.drop_index("ix_hub_quarantine_source_id")

    op.drop_table("hub_quarantine")
    with op.batch_alter_table("hub_listings", schema=None) as batch_op:
        batch_op.drop_index("ix_hub_listings_lat_lon")
        batch_op.drop_index("ix_hub_listings_kind_retired")

    op.drop_table("hub_listings")
