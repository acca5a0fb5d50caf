"""owners: who provides each of the village's resources

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 09:00:00

``resources.owner`` holds {"kind", "name"[, "name_en"]} for a resource the village
shows on behalf of someone else (a sharing group's tool library, the district's room);
NULL, as for every existing resource, means the village itself. Hub listings keep
their owner among their facts (``hub_listings.extra``), so they need no column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("resources", sa.Column("owner", sa.JSON(), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): rebuilding the table in batch
    # mode would drop a table that bookings refer to.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE resources DROP COLUMN owner")
    else:
        op.drop_column("resources", "owner")
