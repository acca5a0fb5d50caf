"""neighbours: members from outside the complex, and bookings that belong to one

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 11:00:00

A booking now belongs to a household or a neighbour member: ``household_id`` becomes
nullable, ``neighbour_id`` is added, and a CHECK keeps exactly one of them set, so no
query can find a booking without a party or with two. Existing bookings all have a
household, so they satisfy it as they are. On SQLite the bookings table is rebuilt
(batch mode) with its existing constraints.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ONE_PARTY = ("(household_id IS NOT NULL AND neighbour_id IS NULL) OR "
             "(household_id IS NULL AND neighbour_id IS NOT NULL)")


def upgrade() -> None:
    op.create_table(
        "neighbours",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("phone_tail", sa.String(length=4), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbours")),
        sa.UniqueConstraint("phone", name=op.f("uq_neighbours_phone")),
    )
    op.create_index(op.f("ix_neighbours_phone_tail"), "neighbours", ["phone_tail"])
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("neighbour_id", sa.Integer(), nullable=True))
        batch_op.alter_column("household_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(op.f("fk_bookings_neighbour_id_neighbours"), "neighbours",
                                    ["neighbour_id"], ["id"])
        batch_op.create_check_constraint("one_party", ONE_PARTY)
        batch_op.create_index("ix_bookings_neighbour_start", ["neighbour_id", "start_at"],
                              unique=False)


def downgrade() -> None:
    # Neighbours' bookings have no household to keep: they go with the neighbours.
    op.execute("DELETE FROM bookings WHERE neighbour_id IS NOT NULL")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_neighbour_start")
        batch_op.drop_constraint(op.f("ck_bookings_one_party"), type_="check")
        batch_op.drop_constraint(op.f("fk_bookings_neighbour_id_neighbours"),
                                 type_="foreignkey")
        batch_op.alter_column("household_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("neighbour_id")
    op.drop_index(op.f("ix_neighbours_phone_tail"), table_name="neighbours")
    op.drop_table("neighbours")
