"""Core tables: customers, identities, conversations, contacts, the outbox, API tokens.

Every timestamp is stored as UTC and comes back timezone-aware on both SQLite and
PostgreSQL (see storage/base.py), so services never compare naive and aware datetimes.
Each subsystem keeps its tables in its own module beside this one; storage/schema.py
gathers them all.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.storage.base import Base

if TYPE_CHECKING:
    from contact_hub.storage.homes.models import Property


class Customer(Base):
    """A resident (or member of the public) who has been in touch."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    vulnerabilities: Mapped[list[Any]] = mapped_column(default=list)
    # What we do differently for them (large print, a named contact, ...); None: none.
    reasonable_adjustments: Mapped[list[Any] | None]
    created_at: Mapped[datetime]
    # Set when erasure or retention removed who they are (services/privacy).
    anonymised_at: Mapped[datetime | None]
    # They asked not to be sent satisfaction surveys (issue 20).
    surveys_opted_out_at: Mapped[datetime | None]

    identities: Mapped[list[Identity]] = relationship(back_populates="customer")


class CustomerChange(Base):
    """Who changed what in a customer's record, when and why (vulnerabilities are
    special-category data: every change is accountable)."""

    __tablename__ = "customer_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    changes: Mapped[dict[str, Any]]
    reason: Mapped[str | None] = mapped_column(String(1000))


class Identity(Base):
    """One address a customer reaches us from: E.164 phone, email, social id."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_identities_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # phone | email | messenger | ...
    value: Mapped[str] = mapped_column(String(320))  # normalised, or raw when unparseable
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    sms_capable: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    customer: Mapped[Customer] = relationship(back_populates="identities")


class ConsentChange(Base):
    """A STOP/START/HELP keyword: recorded, applied to the identity, not a contact."""

    __tablename__ = "consent_changes"
    __table_args__ = (
        UniqueConstraint("channel", "provider_message_id", name="uq_consent_changes_provider"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("identities.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    provider_message_id: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    keyword: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime]


class Conversation(Base):
    """The thread that ties a customer's messages on one channel together."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="open")
    started_at: Mapped[datetime]
    last_message_at: Mapped[datetime]


class Contact(Base):
    """One inbound message from a resident, as received and as routed."""

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("channel", "provider_message_id", name="uq_contacts_provider"),
        Index("ix_contacts_status_received", "status", "received_at"),
        Index("ix_contacts_queue_open", "queue", "resolved_at"),
        # Covers the dashboard's contacts-per-day counts (an index-only scan on PostgreSQL).
        Index("ix_contacts_received_channel_category", "received_at", "channel", "category"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(20))  # indexed by uq_contacts_provider
    provider_message_id: Mapped[str] = mapped_column(String(200))
    # Empty while the contact is `accepted`: the worker threads it before routing.
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id"), index=True
    )
    sender: Mapped[str] = mapped_column(String(320))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    raw_payload: Mapped[dict[str, Any]]
    flags: Mapped[list[Any]] = mapped_column(default=list)
    routing_hint: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default=ContactStatus.RECEIVED)
    processing_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The routing job that owns the contact while it waits (a batch's, or its own): the
    # sweeper asks whether that job is still pending before handing the contact on.
    routing_job: Mapped[str | None] = mapped_column(String(80))
    category: Mapped[str | None] = mapped_column(String(20), index=True)
    priority: Mapped[int | None]
    queue: Mapped[str | None] = mapped_column(String(40))
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    routed_at: Mapped[datetime | None]
    # An agent's claim (from the queue) lapses after a while so no contact is stranded.
    assigned_to: Mapped[str | None] = mapped_column(String(100))
    assigned_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    # Set when its words and addresses were removed (erasure or retention); counts stay.
    anonymised_at: Mapped[datetime | None]
    # Where and who, from the property register (services/homes/matching.py): set when
    # the sender is a known household member; otherwise a suggestion with its evidence.
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"), index=True)
    household_member_id: Mapped[int | None] = mapped_column(ForeignKey("household_members.id"))
    property_suggestion: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Where replies go when not on the contact's own channel to its sender: the web form
    # asks "email or text?"; a public comment is answered privately, through the comment.
    reply_channel: Mapped[str | None] = mapped_column(String(20))
    reply_to: Mapped[str | None] = mapped_column(String(320))

    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id")
    customer: Mapped[Customer | None] = relationship()
    home: Mapped[Property | None] = relationship(viewonly=True)


class Attachment(Base):
    """Media a resident sent with a contact: the provider's link (or our upload), and the
    copy the media job keeps in the file store (services/media)."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    content_type: Mapped[str | None] = mapped_column(String(200))  # as the sender declared it
    # pending (to fetch) | kept (in the file store) | refused (type, size, virus) | failed
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    filename: Mapped[str | None] = mapped_column(String(200))
    detected_type: Mapped[str | None] = mapped_column(String(100))  # from the content itself
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    stored_key: Mapped[str | None] = mapped_column(String(300))  # the file store's name for it
    error: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    kept_at: Mapped[datetime | None]


class ContactEvent(Base):
    """Append-only audit trail: received, routed, reclassified, acknowledged..."""

    __tablename__ = "contact_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100), default="system")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboundMessage(Base):
    """The outbox: every message we send, at most once per idempotency key."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        Index("ix_outbound_status_created", "status", "created_at"),
        Index("ix_outbound_sequence_status", "sequence_key", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # acknowledgement, safety_advice, ...
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(320))
    body: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(20), default="default")
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    transport: Mapped[str | None] = mapped_column(String(20))
    provider_message_id: Mapped[str | None] = mapped_column(String(200), index=True)
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Rows sharing a sequence key go out in the order queued (an alert's Slack card: the
    # post before its thread replies and updates); None for a message on its own.
    sequence_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ApiToken(Base):
    """A bearer token for the API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]  # None: until revoked
