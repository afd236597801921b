"""report facts: one narrow row per complaint with what the reports and the managers'
dashboard count (complaint_report_facts), back-filled from every case's document; IVR
calls, how far each got and how it ended, for the abandoned-calls KPI (ivr_calls); an index
covering the dashboard's contacts-per-day counts.

Revision ID: 0021_report_facts
Revises: 0019_one_ledger
Create Date: 2026-12-04 00:30:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0021_report_facts"
down_revision = "0019_one_ledger"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)
STAGE_DATES = ("requested_on", "acknowledge_by", "acknowledged_on", "response_due_base",
               "response_due", "responded_on")
BATCH = 1000


def _stage_columns(n: int) -> list[sa.Column[Any]]:
    return [
        *(sa.Column(f"s{n}_{name}", sa.Date(), nullable=True) for name in STAGE_DATES),
        sa.Column(f"s{n}_decision", sa.String(length=30), nullable=True),
        sa.Column(f"s{n}_extended_on", sa.Date(), nullable=True),
        sa.Column(f"s{n}_extension_reason", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "complaint_report_facts",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_at", UTC_DATETIME, nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("handler_id", sa.String(length=100), nullable=True),
        sa.Column("building_id", sa.String(length=100), nullable=True),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("bsa_relevant", sa.Boolean(), nullable=False),
        sa.Column("safeguarding", sa.Boolean(), nullable=False),
        sa.Column("declined_stage", sa.Integer(), nullable=True),
        sa.Column("declined_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("service_area", sa.String(length=60), nullable=True),
        sa.Column("category", sa.String(length=60), nullable=True),
        sa.Column("independent", sa.Boolean(), nullable=False),
        sa.Column("needs_independent_handler", sa.Boolean(), nullable=False),
        *_stage_columns(1),
        *_stage_columns(2),
        sa.Column("remedy_pence", sa.Integer(), nullable=False),
        sa.Column("upheld", sa.Boolean(), nullable=False),
        *(sa.Column(name, sa.JSON(), nullable=True) for name in (
            "declined_grounds", "root_causes", "independent_reasons", "remedies", "lessons",
            "improvements", "ombudsman")),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"],
                                name=op.f("fk_complaint_report_facts_complaint_id_complaints"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_report_facts")),
    )
    with op.batch_alter_table("complaint_report_facts") as batch_op:
        for name in ("received_at", "received_on", "s1_responded_on", "s2_responded_on"):
            batch_op.create_index(batch_op.f(f"ix_complaint_report_facts_{name}"), [name])
    op.create_table(
        "ivr_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("progressed_at", UTC_DATETIME, nullable=True),
        sa.Column("progress", sa.String(length=40), nullable=True),
        sa.Column("ended_at", UTC_DATETIME, nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ivr_calls")),
        sa.UniqueConstraint("call_sid", name=op.f("uq_ivr_calls_call_sid")),
    )
    with op.batch_alter_table("ivr_calls") as batch_op:
        batch_op.create_index(batch_op.f("ix_ivr_calls_ended_at"), ["ended_at"])
    op.create_index("ix_contacts_received_channel_category", "contacts",
                    ["received_at", "channel", "category"])
    _backfill()


def _backfill() -> None:
    """Facts for every existing case, from its document (the same code the app saves with)."""
    from contact_hub.domain.complaints.serialisation import complaint_from_dict
    from contact_hub.domain.reports.facts import facts_of, facts_to_columns
    from contact_hub.storage.complaints.models import ComplaintReportFacts

    bind = op.get_bind()
    facts = ComplaintReportFacts.__table__
    last = 0
    while True:
        rows = bind.execute(sa.text(
            "SELECT id, document, building_id FROM complaints WHERE id > :last "
            "ORDER BY id LIMIT :batch"), {"last": last, "batch": BATCH}).all()
        if not rows:
            return
        values = []
        for complaint_id, document, building_id in rows:
            data = json.loads(document) if isinstance(document, str) else document
            columns = facts_to_columns(facts_of(complaint_from_dict(data)))
            values.append({**columns, "complaint_id": complaint_id, "building_id": building_id})
        bind.execute(facts.insert(), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_contacts_received_channel_category", table_name="contacts")
    with op.batch_alter_table("ivr_calls") as batch_op:
        batch_op.drop_index(batch_op.f("ix_ivr_calls_ended_at"))
    op.drop_table("ivr_calls")
    with op.batch_alter_table("complaint_report_facts") as batch_op:
        for name in ("received_at", "received_on", "s1_responded_on", "s2_responded_on"):
            batch_op.drop_index(batch_op.f(f"ix_complaint_report_facts_{name}"))
    op.drop_table("complaint_report_facts")
