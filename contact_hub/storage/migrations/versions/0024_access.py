"""one role model for people and tokens; Entra ID sign-in; retention over hazard cases
and household members

API tokens take the roles people have (agent, handler, manager, admin). Before, an "agent"
token could act on complaint cases, which is now the complaint handler's permission, so
existing agent tokens become handler tokens and keep doing what they did.
Staff accounts gain the Entra ID identity (tenant id and object id) they sign in with; an
account made by a first Microsoft sign-in has no password (an empty hash never matches). Every sign-in decision is kept in staff_sign_ins.

Revision ID: 0024_access
Revises: 0019_one_ledger
Create Date: 2026-12-04 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_access"
down_revision = "0023_repairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE api_tokens SET role = 'handler' WHERE role = 'agent'")
    op.add_column("staff_users", sa.Column("entra_id", sa.String(length=80), nullable=True))
    op.create_index("ix_staff_users_entra_id", "staff_users", ["entra_id"], unique=True)
    op.create_table(
        "staff_sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=100), nullable=True),
        sa.Column("entra_id", sa.String(length=80), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_staff_sign_ins"),
    )
    op.create_index("ix_staff_sign_ins_at", "staff_sign_ins", ["at"])
    op.create_index("ix_staff_sign_ins_staff_user_id", "staff_sign_ins", ["staff_user_id"])
    # Retention over the homes register and hazard cases (services/privacy).
    op.add_column("hazard_cases", sa.Column("anonymised_at", sa.DateTime(timezone=True),
                                            nullable=True))
    op.add_column("household_members", sa.Column("anonymised_at", sa.DateTime(timezone=True),
                                                 nullable=True))


def downgrade() -> None:
    for table in ("household_members", "hazard_cases"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("anonymised_at")
    op.drop_table("staff_sign_ins")
    op.drop_index("ix_staff_users_entra_id", table_name="staff_users")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("entra_id")
    op.execute("UPDATE api_tokens SET role = 'agent' WHERE role = 'handler'")
