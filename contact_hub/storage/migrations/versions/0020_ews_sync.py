"""email over Exchange Web Services: each folder's sync state and pull subscription

Revision ID: 0020_ews_sync
Revises: 0016_complaint_learning
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_ews_sync"
down_revision = "0016_complaint_learning"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "email_folder_sync",
        sa.Column("mailbox", sa.String(320), nullable=False),
        sa.Column("folder", sa.String(50), nullable=False),
        sa.Column("sync_state", sa.Text(), nullable=True),
        sa.Column("started_at", TS, nullable=True),
        sa.Column("last_synced_at", TS, nullable=True),
        sa.Column("subscription_id", sa.String(400), nullable=True),
        sa.Column("watermark", sa.String(400), nullable=True),
        sa.Column("subscribed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("mailbox", "folder", name=op.f("pk_email_folder_sync")),
    )


def downgrade() -> None:
    op.drop_table("email_folder_sync")
