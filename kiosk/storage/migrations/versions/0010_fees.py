"""fees: each booking's fee as computed when it was made, and the office's corrections

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 13:00:00

Two new tables; no existing table changes, so nothing is rebuilt. ``booking_fees`` holds
one row per booking of a resource that charges (its fee, the group it was charged as,
the fee rule it was computed under, and the penalty once cancelled); ``fee_corrections``
holds signed amounts the office adds to a household's or neighbour's line of a month.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ONE_PARTY = ("(household_id IS NOT NULL AND neighbour_id IS NULL) OR "
             "(household_id IS NULL AND neighbour_id IS NOT NULL)")


def upgrade() -> None:
    op.create_table(
        "booking_fees",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("amount_won", sa.Integer(), nullable=False),
        sa.Column("neighbour", sa.Boolean(), nullable=False),
        sa.Column("rule", sa.JSON(), nullable=False),
        sa.Column("penalty_won", sa.Integer(), nullable=True),
        sa.Column("penalty_percent", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_won >= 0", name=op.f("ck_booking_fees_amount_not_negative")),
        sa.CheckConstraint("penalty_won IS NULL OR penalty_won >= 0",
                           name=op.f("ck_booking_fees_penalty_not_negative")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], ondelete="CASCADE",
                                name=op.f("fk_booking_fees_booking_id_bookings")),
        sa.PrimaryKeyConstraint("booking_id", name=op.f("pk_booking_fees")),
    )
    op.create_table(
        "fee_corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("neighbour_id", sa.Integer(), nullable=True),
        sa.Column("amount_won", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(ONE_PARTY, name=op.f("ck_fee_corrections_one_party")),
        sa.CheckConstraint("amount_won <> 0", name=op.f("ck_fee_corrections_amount_not_zero")),
        sa.ForeignKeyConstraint(["household_id"], ["households.id"],
                                name=op.f("fk_fee_corrections_household_id_households")),
        sa.ForeignKeyConstraint(["neighbour_id"], ["neighbours.id"],
                                name=op.f("fk_fee_corrections_neighbour_id_neighbours")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_corrections")),
    )
    op.create_index("ix_fee_corrections_month", "fee_corrections", ["month"])


def downgrade() -> None:
    op.drop_index("ix_fee_corrections_month", table_name="fee_corrections")
    op.drop_table("fee_corrections")
    op.drop_table("booking_fees")
