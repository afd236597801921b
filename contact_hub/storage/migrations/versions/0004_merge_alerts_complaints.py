"""join the alerts (0002) and complaints (0003) branches; new migrations follow this one

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-22 03:10:00
"""

from __future__ import annotations

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
