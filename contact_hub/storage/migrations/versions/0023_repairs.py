"""repairs: repair requests with their target times (service standards), reminders and
missed-target notices, status updates from the repairs system, and the work order status
on hazard cases

Revision ID: 0023_repairs
Revises: 0019_one_ledger
Create Date: 2026-12-04 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_repairs"
down_revision = "0021_report_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "repair_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("property_id", sa.Integer(), nullable=True),
        sa.Column("priority", sa.String(length=20), nullable=False),
        sa.Column("priority_set_by", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=10), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("work_order_ref", sa.String(length=100), nullable=True),
        sa.Column("work_order_status", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_repair_requests_contact_id_contacts")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_repair_requests_customer_id_customers")),
        sa.ForeignKeyConstraint(["property_id"], ["properties.id"],
                                name=op.f("fk_repair_requests_property_id_properties")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repair_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_repair_requests_reference")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_repair_requests_contact_id")),
    )
    with op.batch_alter_table("repair_requests") as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_requests_customer_id"), ["customer_id"])
        batch_op.create_index(batch_op.f("ix_repair_requests_property_id"), ["property_id"])
        batch_op.create_index(batch_op.f("ix_repair_requests_status"), ["status"])
        batch_op.create_index("ix_repair_requests_status_due", ["status", "due_at"])

    op.create_table(
        "repair_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("repair_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("outbound_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["repair_id"], ["repair_requests.id"],
                                name=op.f("fk_repair_notices_repair_id_repair_requests")),
        sa.ForeignKeyConstraint(["outbound_id"], ["outbound_messages.id"],
                                name=op.f("fk_repair_notices_outbound_id_outbound_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repair_notices")),
        sa.UniqueConstraint("key", name=op.f("uq_repair_notices_key")),
    )
    with op.batch_alter_table("repair_notices") as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_notices_repair_id"), ["repair_id"])
        batch_op.create_index(batch_op.f("ix_repair_notices_status"), ["status"])

    op.create_table(
        "work_order_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("work_order_ref", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_updates")),
        sa.UniqueConstraint("event_id", name=op.f("uq_work_order_updates_event_id")),
    )
    with op.batch_alter_table("work_order_updates") as batch_op:
        batch_op.create_index("ix_work_order_updates_subject", ["subject", "reference"])

    with op.batch_alter_table("hazard_cases") as batch_op:
        batch_op.add_column(sa.Column("work_order_ref", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("work_order_status", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hazard_cases") as batch_op:
        batch_op.drop_column("work_order_status")
        batch_op.drop_column("work_order_ref")
    op.drop_table("work_order_updates")
    op.drop_table("repair_notices")
    op.drop_table("repair_requests")
