"""Tables for emergency alerts and their escalation (issue 4).

`alerts` holds the escalation state the step jobs fence on (`escalation_token`) and the
due time of the next step (`next_step_at`) that the periodic audit checks, so a lost
job delays a page by one audit interval and never drops it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class Alert(Base):
    """An emergency being escalated until someone acknowledges it."""

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_state_next_step", "state", "next_step_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open|acknowledged|resolved
    ack_code: Mapped[str] = mapped_column(String(8), index=True)
    opened_at: Mapped[datetime]
    last_contact_at: Mapped[datetime]
    policy_snapshot: Mapped[dict[str, Any]]
    incident: Mapped[dict[str, Any]]  # hazards + place keys (uprn, block, address, customer)
    first_contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    step_index: Mapped[int] = mapped_column(Integer, default=0)
    next_step_at: Mapped[datetime | None]
    escalation_token: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    acknowledged_via: Mapped[str | None] = mapped_column(String(20))
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_via: Mapped[str | None] = mapped_column(String(20))
    slack_channel: Mapped[str | None] = mapped_column(String(40))
    slack_ts: Mapped[str | None] = mapped_column(String(40))
    # Reminders sent while acknowledged and unresolved (domain.alerts.reminder_due).
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AlertContact(Base):
    """A resident contact grouped into an alert (one alert per contact)."""

    __tablename__ = "alert_contacts"
    __table_args__ = (UniqueConstraint("contact_id", name="uq_alert_contacts_contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    joined_at: Mapped[datetime]


class AlertEvent(Base):
    """Append-only audit trail: opened, joined, paged, acknowledged, recovered, failed..."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200), default="system")
    via: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AlertNotification(Base):
    """One page (SMS, call) or Slack action (post, thread reply, card update).

    SMS and calls are sent by the outbox (`outbound_id`); Slack rows are worked by the
    Slack job, which claims each row (queued -> sending) so two jobs never post it twice.
    """

    __tablename__ = "alert_notifications"
    __table_args__ = (Index("ix_alert_notifications_alert_status", "alert_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"))
    step_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # slack_post|slack_reply|slack_update|sms|voice
    tier: Mapped[str | None] = mapped_column(String(40))
    target_name: Mapped[str | None] = mapped_column(String(200))
    target_mobile: Mapped[str | None] = mapped_column(String(32))
    target_slack_user_id: Mapped[str | None] = mapped_column(String(40))
    outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_messages.id"))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
