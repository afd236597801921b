"""safety questions: "is anyone in danger?" asked when the router is unsure, its deadline
and its answer

Revision ID: 0018_safety_questions
Revises: 0020_ews_sync
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_safety_questions"
down_revision = "0020_ews_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=20), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answer_contact_id", sa.Integer(), nullable=True),
        sa.Column("outbound_key", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["answer_contact_id"], ["contacts.id"],
                                name=op.f("fk_safety_questions_answer_contact_id_contacts")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_safety_questions_contact_id_contacts")),
        sa.ForeignKeyConstraint(["identity_id"], ["identities.id"],
                                name=op.f("fk_safety_questions_identity_id_identities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_questions")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_safety_questions_contact_id")),
    )
    with op.batch_alter_table("safety_questions") as batch_op:
        batch_op.create_index("ix_safety_questions_status_due", ["status", "due_at"])
        batch_op.create_index("ix_safety_questions_identity_asked", ["identity_id", "asked_at"])


def downgrade() -> None:
    with op.batch_alter_table("safety_questions") as batch_op:
        batch_op.drop_index("ix_safety_questions_identity_asked")
        batch_op.drop_index("ix_safety_questions_status_due")
    op.drop_table("safety_questions")
