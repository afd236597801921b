"""email over Microsoft Graph: notified inbox messages, mailbox subscription state

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "email_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("graph_message_id", sa.String(512), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=True),
        sa.Column("internet_message_id", sa.String(320), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_email_notifications_contact_id_contacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_notifications")),
        sa.UniqueConstraint("graph_message_id",
                            name=op.f("uq_email_notifications_graph_message_id")),
    )
    op.create_index("ix_email_notifications_status_updated", "email_notifications",
                    ["status", "updated_at"])
    op.create_table(
        "email_mailbox_state",
        sa.Column("mailbox", sa.String(320), nullable=False),
        sa.Column("subscription_id", sa.String(200), nullable=True),
        sa.Column("subscription_expires_at", TS, nullable=True),
        sa.Column("last_received_at", TS, nullable=True),
        sa.Column("last_polled_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("mailbox", name=op.f("pk_email_mailbox_state")),
    )


def downgrade() -> None:
    op.drop_table("email_mailbox_state")
    op.drop_index("ix_email_notifications_status_updated", table_name="email_notifications")
    op.drop_table("email_notifications")
