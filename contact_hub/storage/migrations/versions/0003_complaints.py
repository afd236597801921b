"""complaint cases, linked contacts, staff notices and the building register (issue 5)

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "buildings",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("higher_risk", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buildings")),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("handler_id", sa.String(length=100), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_at", UTC_DATETIME, nullable=False),
        sa.Column("acknowledge_by", sa.Date(), nullable=False),
        sa.Column("acknowledged_at", UTC_DATETIME, nullable=True),
        sa.Column("response_due", sa.Date(), nullable=True),
        sa.Column("responded_at", UTC_DATETIME, nullable=True),
        sa.Column("next_due_on", sa.Date(), nullable=True),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("bsa_relevant", sa.Boolean(), nullable=False),
        sa.Column("retain_until", sa.Date(), nullable=True),
        sa.Column("unreasonable_behaviour_flagged", sa.Boolean(), nullable=False),
        sa.Column("reply_channel", sa.String(length=20), nullable=False),
        sa.Column("reply_to", sa.String(length=500), nullable=False),
        sa.Column("building_id", sa.String(length=100), nullable=True),
        sa.Column("survey_sent_at", UTC_DATETIME, nullable=True),
        sa.Column("satisfaction_score", sa.Integer(), nullable=True),
        sa.Column("satisfaction_comment", sa.Text(), nullable=True),
        sa.Column("satisfaction_recorded_at", UTC_DATETIME, nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_complaints_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaints_reference")),
    )
    with op.batch_alter_table("complaints") as batch:
        for column in ("customer_id", "status", "handler_id", "next_due_on"):
            batch.create_index(batch.f(f"ix_complaints_{column}"), [column], unique=False)
    op.create_table(
        "complaint_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_contacts_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_complaint_contacts_contact_id_contacts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_contacts")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_complaint_contacts_contact_id")),
    )
    with op.batch_alter_table("complaint_contacts") as batch:
        batch.create_index(
            batch.f("ix_complaint_contacts_complaint_id"), ["complaint_id"], unique=False
        )
    op.create_table(
        "complaint_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("deadline_kind", sa.String(length=30), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("slack_ts", sa.String(length=40), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("sent_at", UTC_DATETIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_notices_complaint_id_complaints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_notices")),
        sa.UniqueConstraint("key", name=op.f("uq_complaint_notices_key")),
    )
    with op.batch_alter_table("complaint_notices") as batch:
        batch.create_index(
            batch.f("ix_complaint_notices_complaint_id"), ["complaint_id"], unique=False
        )
        batch.create_index(batch.f("ix_complaint_notices_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("complaint_notices")
    op.drop_table("complaint_contacts")
    op.drop_table("complaints")
    op.drop_table("buildings")
