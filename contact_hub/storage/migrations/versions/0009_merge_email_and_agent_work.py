"""join the email (0006) and agents' work / customer records (0007, 0008) branches; new
migrations follow this one

Revision ID: 0009
Revises: 0006, 0008
Create Date: 2026-11-22 05:40:00
"""

from __future__ import annotations

revision = "0009"
down_revision = ("0006", "0008")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
