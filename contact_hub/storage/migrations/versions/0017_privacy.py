"""privacy: legal holds, the privacy audit, and when a customer, contact or complaint was
anonymised (erasure or retention)

Revision ID: 0017
Revises: 0012
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0012"
branch_labels = None
depends_on = None

ANONYMISED = ("customers", "contacts", "complaints")


def upgrade() -> None:
    for table in ANONYMISED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True)
            )
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_legal_holds_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_holds")),
    )
    op.create_index("ix_legal_holds_customer_released", "legal_holds",
                    ["customer_id", "released_at"])
    op.create_table(
        "privacy_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_events")),
    )
    op.create_index(op.f("ix_privacy_events_action"), "privacy_events", ["action"])
    op.create_index(op.f("ix_privacy_events_customer_id"), "privacy_events", ["customer_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_privacy_events_customer_id"), table_name="privacy_events")
    op.drop_index(op.f("ix_privacy_events_action"), table_name="privacy_events")
    op.drop_table("privacy_events")
    op.drop_index("ix_legal_holds_customer_released", table_name="legal_holds")
    op.drop_table("legal_holds")
    for table in ANONYMISED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("anonymised_at")
