"""the village board: events with seats and households' sign-ups

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title_ko", sa.String(length=80), nullable=False),
        sa.Column("title_en", sa.String(length=80), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("open_to", sa.String(length=20), nullable=False),
        sa.Column("fee_won", sa.Integer(), nullable=False),
        sa.Column("signup_until", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("seats >= 1", name=op.f("ck_events_seats_positive")),
        sa.CheckConstraint("fee_won >= 0", name=op.f("ck_events_fee_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_start", "events", ["starts_at"])
    op.create_table(
        "event_signups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_event_signups_event_id_events")),
        sa.ForeignKeyConstraint(["household_id"], ["households.id"],
                                name=op.f("fk_event_signups_household_id_households")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_signups")),
        sa.UniqueConstraint("event_id", "household_id", name="uq_event_signups_household"),
    )
    op.create_index("ix_event_signups_active", "event_signups", ["event_id", "cancelled_at"])


def downgrade() -> None:
    op.drop_index("ix_event_signups_active", table_name="event_signups")
    op.drop_table("event_signups")
    op.drop_index("ix_events_start", table_name="events")
    op.drop_table("events")
