"""complaint learning: the governing body's response and self-assessment commentary for
the annual report, satisfaction surveys after resolved contacts, and residents' opt-out
from surveys (complaint categories, causes, lessons and improvements live in the
complaint document and need no column)

Revision ID: 0016_complaint_learning
Revises: 0015_web_form_and_media
Create Date: 2026-12-03 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_complaint_learning"
down_revision = "0015_web_form_and_media"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "governing_body_responses",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responded_by", sa.String(length=200), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_governing_body_responses")),
    )
    op.create_table(
        "self_assessment_commentary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("provision", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_assessment_commentary")),
        sa.UniqueConstraint("year", "provision", name=op.f("uq_self_assessment_commentary_year")),
    )
    op.create_table(
        "contact_surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("agent", sa.String(length=100), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("skipped_reason", sa.String(length=100), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("complaint_reference", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_contact_surveys_contact_id_contacts")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_contact_surveys_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_surveys")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_contact_surveys_contact_id")),
    )
    with op.batch_alter_table("contact_surveys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_surveys_customer_id"), ["customer_id"],
                              unique=False)
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("surveys_opted_out_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("surveys_opted_out_at")
    with op.batch_alter_table("contact_surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_surveys_customer_id"))
    op.drop_table("contact_surveys")
    op.drop_table("self_assessment_commentary")
    op.drop_table("governing_body_responses")
