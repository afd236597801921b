"""alerts: emergency alerts, grouped contacts, audit events, notifications

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("alerts",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("ack_code", sa.String(8), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("last_contact_at", TS, nullable=False),
        sa.Column("policy_snapshot", sa.JSON(), nullable=False),
        sa.Column("incident", sa.JSON(), nullable=False),
        sa.Column("first_contact_id", sa.Integer(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("next_step_at", TS, nullable=True),
        sa.Column("escalation_token", sa.String(64), nullable=True),
        sa.Column("acknowledged_at", TS, nullable=True),
        sa.Column("acknowledged_by", sa.String(200), nullable=True),
        sa.Column("acknowledged_via", sa.String(20), nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.Column("resolved_by", sa.String(200), nullable=True),
        sa.Column("resolved_via", sa.String(20), nullable=True),
        sa.Column("slack_channel", sa.String(40), nullable=True),
        sa.Column("slack_ts", sa.String(40), nullable=True),
        sa.ForeignKeyConstraint(["first_contact_id"], ["contacts.id"],
                                name=op.f("fk_alerts_first_contact_id_contacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index("ix_alerts_state_next_step", "alerts", ["state", "next_step_at"])
    op.create_index(op.f("ix_alerts_ack_code"), "alerts", ["ack_code"])
    op.create_table(
        "alert_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"],
                                name=op.f("fk_alert_contacts_alert_id_alerts")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_alert_contacts_contact_id_contacts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_contacts")),
        sa.UniqueConstraint("contact_id", name="uq_alert_contacts_contact_id"),
    )
    op.create_index(op.f("ix_alert_contacts_alert_id"), "alert_contacts", ["alert_id"])
    op.create_table(
        "alert_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("via", sa.String(20), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"],
                                name=op.f("fk_alert_events_alert_id_alerts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_events")),
    )
    op.create_index(op.f("ix_alert_events_alert_id"), "alert_events", ["alert_id"])
    op.create_table(
        "alert_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("tier", sa.String(40), nullable=True),
        sa.Column("target_name", sa.String(200), nullable=True),
        sa.Column("target_mobile", sa.String(32), nullable=True),
        sa.Column("target_slack_user_id", sa.String(40), nullable=True),
        sa.Column("outbound_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"],
                                name=op.f("fk_alert_notifications_alert_id_alerts")),
        sa.ForeignKeyConstraint(["outbound_id"], ["outbound_messages.id"],
                                name=op.f("fk_alert_notifications_outbound_id_outbound_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_notifications")),
        sa.UniqueConstraint("key", name=op.f("uq_alert_notifications_key")),
    )
    op.create_index("ix_alert_notifications_alert_status", "alert_notifications",
                    ["alert_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_alert_notifications_alert_status", table_name="alert_notifications")
    op.drop_table("alert_notifications")
    op.drop_index(op.f("ix_alert_events_alert_id"), table_name="alert_events")
    op.drop_table("alert_events")
    op.drop_index(op.f("ix_alert_contacts_alert_id"), table_name="alert_contacts")
    op.drop_table("alert_contacts")
    op.drop_index(op.f("ix_alerts_ack_code"), table_name="alerts")
    op.drop_index("ix_alerts_state_next_step", table_name="alerts")
    op.drop_table("alerts")
