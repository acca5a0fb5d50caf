"""lockouts that hold: lockout events, installer gates, heartbeat status

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lockout_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=60), nullable=False),
        sa.Column("kiosk_id", sa.String(length=60), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lockout_events")),
    )
    op.create_index("ix_lockout_events_subject", "lockout_events",
                    ["kind", "subject", "locked_at"])
    op.create_index("ix_lockout_events_locked_at", "lockout_events", ["locked_at"])
    op.create_table(
        "installer_gates",
        sa.Column("kiosk_id", sa.String(length=60), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_installer_gates")),
    )
    with op.batch_alter_table("kiosk_heartbeat") as batch:
        batch.add_column(sa.Column("status", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("kiosk_heartbeat") as batch:
        batch.drop_column("status")
    op.drop_table("installer_gates")
    op.drop_index("ix_lockout_events_locked_at", table_name="lockout_events")
    op.drop_index("ix_lockout_events_subject", table_name="lockout_events")
    op.drop_table("lockout_events")
