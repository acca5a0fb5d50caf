"""the village board: notices and the hubs' news

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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
    op.create_table(
        "hub_news",
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("title_ko", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("summary_ko", sa.Text(), nullable=False),
        sa.Column("summary_en", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_id", "external_id", name=op.f("pk_hub_news")),
    )
    op.create_index("ix_hub_news_published", "hub_news", ["published"])


def downgrade() -> None:
    op.drop_index("ix_hub_news_published", table_name="hub_news")
    op.drop_table("hub_news")
    op.drop_index("ix_notices_days", table_name="notices")
    op.drop_table("notices")
