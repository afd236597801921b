"""contacts may be stored before they are threaded: the webhook accepts a message in one
INSERT and the worker links it to its customer, identity and conversation ("accepted, then
enriched"), so those three columns are empty until then

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

THREAD_COLUMNS = ("customer_id", "identity_id", "conversation_id")


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch_op:
        for column in THREAD_COLUMNS:
            batch_op.alter_column(column, existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch_op:
        for column in THREAD_COLUMNS:
            batch_op.alter_column(column, existing_type=sa.Integer(), nullable=False)
