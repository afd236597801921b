"""one delivery ledger: Slack alert cards, complaint notices and hazard notices go out
through the outbox. Outbox rows may share a sequence key (an alert's Slack card actions, in
the order queued); notices point at the outbox row that sends them.

Revision ID: 0019_one_ledger
Revises: 0018_safety_questions
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_one_ledger"
down_revision = "0018_safety_questions"
branch_labels = None
depends_on = None

NOTICE_TABLES = ("complaint_notices", "hazard_notices")


def upgrade() -> None:
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.add_column(sa.Column("sequence_key", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_outbound_sequence_status", ["sequence_key", "status"])
    for table in NOTICE_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("outbound_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_outbound_id_outbound_messages"), "outbound_messages",
                ["outbound_id"], ["id"])


def downgrade() -> None:
    for table in NOTICE_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"fk_{table}_outbound_id_outbound_messages"),
                                     type_="foreignkey")
            batch_op.drop_column("outbound_id")
    with op.batch_alter_table("outbound_messages") as batch_op:
        batch_op.drop_index("ix_outbound_sequence_status")
        batch_op.drop_column("sequence_key")
