"""drop ix_contacts_channel: uq_contacts_provider (channel, provider_message_id) leads
with channel and serves the same lookups, so every webhook's insert maintained one
index too many

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 04:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.drop_index("ix_contacts_channel")


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.create_index("ix_contacts_channel", ["channel"], unique=False)
