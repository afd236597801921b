"""one role model for people and tokens; Entra ID sign-in

API tokens take the roles people have (agent, handler, manager, admin). Before, an "agent"
token could act on complaint cases, which is now the complaint handler's permission, so
existing agent tokens become handler tokens and keep doing what they did.
Staff accounts gain the Entra ID identity (tenant id and object id) they sign in with; an
account made by a first Microsoft sign-in has no password (an empty hash never matches).

Revision ID: 0024_access
Revises: 0019_one_ledger
Create Date: 2026-12-04 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_access"
down_revision = "0019_one_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE api_tokens SET role = 'handler' WHERE role = 'agent'")
    op.add_column("staff_users", sa.Column("entra_id", sa.String(length=80), nullable=True))
    op.create_index("ix_staff_users_entra_id", "staff_users", ["entra_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_staff_users_entra_id", table_name="staff_users")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("entra_id")
    op.execute("UPDATE api_tokens SET role = 'agent' WHERE role = 'handler'")
