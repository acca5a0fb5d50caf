"""the village board: notices

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title_ko", sa.String(length=80), nullable=False),
        sa.Column("body_ko", sa.Text(), nullable=False),
        sa.Column("title_en", sa.String(length=80), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=True),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    op.create_index("ix_notices_days", "notices", ["first_day", "last_day"])


def downgrade() -> None:
    op.drop_index("ix_notices_days", table_name="notices")
    op.drop_table("notices")
