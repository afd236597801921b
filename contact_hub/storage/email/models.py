"""Tables for email over Microsoft Graph.

`email_notifications` is the durable record of every inbox message we have been told of
(by a change notification or the catch-up poll), written before the webhook answers:
a lost fetch job, a Redis outage or a crash delays an email, and the sweeper finds it.
`email_mailbox_state` keeps the Graph subscription and how far the catch-up poll got.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class EmailNotification(Base):
    """One inbox message to fetch (unique on Graph's id: duplicates create nothing)."""

    __tablename__ = "email_notifications"
    __table_args__ = (Index("ix_email_notifications_status_updated", "status", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    graph_message_id: Mapped[str] = mapped_column(String(512), unique=True)
    source: Mapped[str] = mapped_column(String(20))  # notification | catch_up
    # pending -> received (a contact) | ignored (own mail, auto-reply, bounce)
    #         -> needs_attention (kept failing: a person looks)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(200))  # why ignored / last error
    internet_message_id: Mapped[str | None] = mapped_column(String(320))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class EmailMailboxState(Base):
    """The shared mailbox's Graph subscription and catch-up position."""

    __tablename__ = "email_mailbox_state"

    mailbox: Mapped[str] = mapped_column(String(320), primary_key=True)
    subscription_id: Mapped[str | None] = mapped_column(String(200))
    subscription_expires_at: Mapped[datetime | None]
    last_received_at: Mapped[datetime | None]  # newest message the catch-up poll saw
    last_polled_at: Mapped[datetime | None]
