"""kiosk heartbeat

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-21 15:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kiosk_heartbeat",
        sa.Column("kiosk_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("uptime_s", sa.Integer(), nullable=False),
        sa.Column("last_touch", sa.DateTime(), nullable=True),
        sa.Column("database_bytes", sa.BigInteger(), nullable=True),
        sa.Column("free_disk_bytes", sa.BigInteger(), nullable=True),
        sa.Column("sync_state", sa.Text(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosk_heartbeat")),
    )


def downgrade() -> None:
    op.drop_table("kiosk_heartbeat")
