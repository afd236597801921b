"""contacts.routing_job: the routing job (a batch's, or the contact's own) that owns a
contact waiting to be routed, so the sweeper knows which job to ask about

Revision ID: 0025_routing_batches
Revises: 0024_access
Create Date: 2026-12-04 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025_routing_batches"
down_revision = "0024_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("routing_job", sa.String(length=80), nullable=True))


def downgrade() -> None:
    op.drop_column("contacts", "routing_job")
