"""pin key id: which secret key the PIN hashes are sealed with

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 10:00:00

Only the key's id is stored, never the key. Existing plain scrypt hashes are sealed with
the key by the kiosk on its next start (``kiosk.storage.pin_key.open_pin_key``): the key
lives in a file the migration does not read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pin_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pin_key")),
    )


def downgrade() -> None:
    op.drop_table("pin_key")
