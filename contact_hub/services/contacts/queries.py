"""Read-side queries for the API (what agents and operators look at).

`ContactQueries` opens its own read session and returns frozen dataclasses (read
models), so views and serializers never see a database row. The functions taking a
session are the row-level reads it (and the workspace queries) are built from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from channels.phone import normalise_phone
from contact_hub.domain.contacts.filters import ContactFilters
from contact_hub.domain.errors import NotFound
from contact_hub.services.homes.matching import Place, place_of
from contact_hub.storage import queue_repository
from contact_hub.storage import repository as repo


@dataclass(frozen=True)
class Page:
    items: Sequence[Any]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class ContactDetail:
    contact: repo.Contact
    conversation: repo.Conversation | None
    conversation_contacts: Sequence[repo.Contact]
    outbound: Sequence[repo.OutboundMessage]
    events: Sequence[repo.ContactEvent]
    history: Sequence[repo.Contact] = ()  # the customer's latest contacts, every channel


def customer_id_for(session: Session, customer: str) -> int | None:
    """A customer filter may be a phone number, an email address or a customer id."""
    if "@" in customer:
        identity = repo.identity_by_value(session, "email", customer.strip().lower())
        return identity.customer_id if identity else None
    number = normalise_phone(customer)
    if number.valid:  # a number written without +44 is all digits too: try phone first
        identity = repo.identity_by_value(session, "phone", number.key)
        return identity.customer_id if identity else None
    # An id the database can hold ("²".isdigit() is true; 2^31 overflows PostgreSQL).
    if customer.isascii() and customer.isdigit() and len(customer) <= 10:
        return int(customer) if 0 < int(customer) < 2**31 else None
    return None


def list_contacts(
    session: Session, filters: ContactFilters, customer: str | None, limit: int, offset: int
) -> Page:
    if customer is not None:
        customer_id = customer_id_for(session, customer)
        if customer_id is None:
            return Page([], 0, limit, offset)
        filters = ContactFilters(
            channel=filters.channel,
            category=filters.category,
            status=filters.status,
            customer_id=customer_id,
        )
    items, total = repo.list_contacts(session, filters, limit, offset)
    return Page(items, total, limit, offset)


def contact_detail(session: Session, contact_id: int) -> ContactDetail | None:
    contact = repo.get_contact(session, contact_id)
    if contact is None:
        return None
    events = _with_receipt(contact, repo.contact_events(session, contact.id))
    outbound = repo.outbound_for_contact(session, contact.id)
    if contact.conversation_id is None or contact.customer_id is None:
        # Accepted moments ago: the worker has not linked it to its resident yet.
        return ContactDetail(contact, None, (), outbound, events, ())
    return ContactDetail(
        contact=contact,
        conversation=session.get(repo.Conversation, contact.conversation_id),
        conversation_contacts=repo.conversation_contacts(session, contact.conversation_id),
        outbound=outbound,
        events=events,
        history=queue_repository.customer_history(session, contact.customer_id),
    )


def contact_by_provider_ids(
    session: Session, channel: str, provider_ids: Sequence[str]
) -> ContactDetail | None:
    """The contact a provider's message (or call, or its recording) became, if stored."""
    for provider_id in provider_ids:
        contact = repo.contact_by_provider_id(session, channel, provider_id)
        if contact is not None:
            return contact_detail(session, contact.id)
    return None


def _with_receipt(
    contact: repo.Contact, events: Sequence[repo.ContactEvent]
) -> Sequence[repo.ContactEvent]:
    """The audit trail, opening with the contact's receipt (the contact row records it;
    contacts stored before that change also have a "received" event row)."""
    if any(e.kind == "received" for e in events):
        return events
    receipt = repo.ContactEvent(
        contact_id=contact.id, at=contact.received_at, kind="received", actor="system", detail={}
    )
    return [receipt, *events]


def list_outbound(
    session: Session, status: str | None, contact_id: int | None, limit: int, offset: int
) -> Page:
    items, total = repo.list_outbound(session, status, contact_id, limit, offset)
    return Page(items, total, limit, offset)


# --- read models --------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentLink:
    """Media as the provider sent it: its link and declared type."""

    url: str
    content_type: str | None


@dataclass(frozen=True)
class MediaFile:
    """A file the media job kept (served to staff at /media/<id>); never its bytes."""

    id: int
    content_type: str | None  # from the content itself, else as the sender declared it
    size_bytes: int | None
    filename: str | None


@dataclass(frozen=True)
class ContactSummary:
    id: int
    reference: str
    channel: str
    status: str
    category: str | None
    priority: int | None
    queue: str | None
    customer_id: int | None
    conversation_id: int | None
    sender: str
    subject: str | None
    text: str
    flags: tuple[str, ...]
    routing_hint: Any
    received_at: datetime
    routed_at: datetime | None
    assigned_to: str | None
    assigned_at: datetime | None
    resolved_at: datetime | None
    resolved_by: str | None
    attachments: tuple[AttachmentLink, ...]
    place: Place | None
    property_suggestion: Any


@dataclass(frozen=True)
class ConversationEntry:
    id: int
    reference: str
    received_at: datetime
    text: str


@dataclass(frozen=True)
class ConversationRecord:
    id: int
    channel: str
    status: str
    started_at: datetime | None
    last_message_at: datetime | None
    contacts: tuple[ConversationEntry, ...]


@dataclass(frozen=True)
class HistoryEntry:
    """One of the resident's latest contacts, on any channel."""

    id: int
    reference: str
    channel: str
    category: str | None
    received_at: datetime
    text: str


@dataclass(frozen=True)
class EventRecord:
    at: datetime
    kind: str
    actor: str
    detail: Any


@dataclass(frozen=True)
class OutboundRecord:
    """One outbox row."""

    id: int
    idempotency_key: str
    contact_id: int | None
    kind: str
    channel: str
    recipient: str
    body: str
    status: str
    transport: str | None
    provider_message_id: str | None
    error_code: str | None
    error_message: str | None
    attempts: int
    created_at: datetime | None
    sent_at: datetime | None


@dataclass(frozen=True)
class CustomerNeeds:
    """What an agent must know before replying: vulnerabilities and adjustments."""

    id: int
    display_name: str | None
    preferred_channel: str | None
    vulnerabilities: tuple[str, ...]
    reasonable_adjustments: tuple[str, ...]  # codes (domain/contacts/adjustments)


@dataclass(frozen=True)
class ContactRecord:
    """A contact with its decision, conversation, resident, history, outbox, audit trail
    and kept media."""

    summary: ContactSummary
    decision: Any
    conversation: ConversationRecord | None
    customer: CustomerNeeds | None
    history: tuple[HistoryEntry, ...]
    outbound: tuple[OutboundRecord, ...]
    events: tuple[EventRecord, ...]
    media: tuple[MediaFile, ...]


@dataclass(frozen=True)
class IdentityRecord:
    id: int
    kind: str
    value: str
    valid: bool
    sms_capable: bool
    opted_out_at: datetime | None


@dataclass(frozen=True)
class ChangeRecord:
    at: datetime
    actor: str
    reason: str | None
    changes: Any


@dataclass(frozen=True)
class CustomerRecord:
    """A resident's record: needs, identities, latest contacts and who changed what."""

    needs: CustomerNeeds
    created_at: datetime | None
    identities: tuple[IdentityRecord, ...]
    recent_contacts: tuple[ContactSummary, ...]
    changes: tuple[ChangeRecord, ...]


class ContactQueries:
    """The contact list, one contact, the outbox and residents' records, as read models."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def contacts(
        self, filters: ContactFilters, customer: str | None, limit: int, offset: int
    ) -> Page:
        """A page of ContactSummary; `customer` is an id, phone number or email address."""
        with self.sessions() as session:
            page = list_contacts(session, filters, customer, limit, offset)
            return Page([summary_of(c) for c in page.items], page.total, limit, offset)

    def contact(self, contact_id: int) -> ContactRecord | None:
        with self.sessions() as session:
            detail = contact_detail(session, contact_id)
            return record_of(detail) if detail is not None else None

    def contact_for_provider_ids(
        self, channel: str, provider_ids: Sequence[str]
    ) -> ContactRecord | None:
        """The contact a provider's message (or call, or its recording) became, if stored."""
        with self.sessions() as session:
            detail = contact_by_provider_ids(session, channel, provider_ids)
            return record_of(detail) if detail is not None else None

    def outbox(
        self, status: str | None, contact_id: int | None, limit: int, offset: int
    ) -> Page:
        """A page of OutboundRecord, newest first."""
        with self.sessions() as session:
            page = list_outbound(session, status, contact_id, limit, offset)
            return Page([outbound_of(m) for m in page.items], page.total, limit, offset)

    def outbound(self, outbound_id: int) -> OutboundRecord | None:
        with self.sessions() as session:
            message = repo.get_outbound(session, outbound_id)
            return outbound_of(message) if message is not None else None

    def customer(self, customer_id: int) -> CustomerRecord:
        """Raises NotFound: no such customer."""
        with self.sessions() as session:
            customer = session.get(repo.Customer, customer_id)
            if customer is None:
                raise NotFound(f"no customer {customer_id}")
            return CustomerRecord(
                needs=needs_of(customer),
                created_at=customer.created_at,
                identities=tuple(
                    IdentityRecord(i.id, i.kind, i.value, i.valid, i.sms_capable, i.opted_out_at)
                    for i in customer.identities),
                recent_contacts=tuple(summary_of(c) for c in
                                      queue_repository.customer_history(session, customer_id)),
                changes=tuple(ChangeRecord(c.at, c.actor, c.reason, c.changes)
                              for c in repo.customer_changes(session, customer_id)),
            )


def summary_of(contact: repo.Contact) -> ContactSummary:
    return ContactSummary(
        id=contact.id, reference=contact.reference, channel=contact.channel,
        status=contact.status, category=contact.category, priority=contact.priority,
        queue=contact.queue, customer_id=contact.customer_id,
        conversation_id=contact.conversation_id, sender=contact.sender,
        subject=contact.subject, text=contact.text, flags=tuple(contact.flags or ()),
        routing_hint=contact.routing_hint, received_at=contact.received_at,
        routed_at=contact.routed_at, assigned_to=contact.assigned_to,
        assigned_at=contact.assigned_at, resolved_at=contact.resolved_at,
        resolved_by=contact.resolved_by,
        attachments=tuple(AttachmentLink(a.url, a.content_type) for a in contact.attachments),
        place=place_of(contact.home) if contact.home else None,
        property_suggestion=contact.property_suggestion,
    )


def record_of(detail: ContactDetail) -> ContactRecord:
    contact, conversation = detail.contact, detail.conversation
    return ContactRecord(
        summary=summary_of(contact),
        decision=contact.decision,
        conversation=ConversationRecord(
            id=conversation.id, channel=conversation.channel, status=conversation.status,
            started_at=conversation.started_at, last_message_at=conversation.last_message_at,
            contacts=tuple(ConversationEntry(c.id, c.reference, c.received_at, c.text)
                           for c in detail.conversation_contacts),
        ) if conversation is not None else None,
        customer=needs_of(contact.customer) if contact.customer is not None else None,
        history=tuple(HistoryEntry(c.id, c.reference, c.channel, c.category, c.received_at,
                                   c.text) for c in detail.history),
        outbound=tuple(outbound_of(m) for m in detail.outbound),
        events=tuple(EventRecord(e.at, e.kind, e.actor, e.detail) for e in detail.events),
        media=tuple(MediaFile(a.id, a.detected_type or a.content_type, a.size_bytes, a.filename)
                    for a in contact.attachments if a.status == "kept"),
    )


def outbound_of(message: repo.OutboundMessage) -> OutboundRecord:
    return OutboundRecord(
        id=message.id, idempotency_key=message.idempotency_key,
        contact_id=message.contact_id, kind=message.kind, channel=message.channel,
        recipient=message.recipient, body=message.body, status=message.status,
        transport=message.transport, provider_message_id=message.provider_message_id,
        error_code=message.error_code, error_message=message.error_message,
        attempts=message.attempts, created_at=message.created_at, sent_at=message.sent_at,
    )


def needs_of(customer: repo.Customer) -> CustomerNeeds:
    return CustomerNeeds(
        id=customer.id, display_name=customer.display_name,
        preferred_channel=customer.preferred_channel,
        vulnerabilities=tuple(customer.vulnerabilities or ()),
        reasonable_adjustments=tuple(customer.reasonable_adjustments or ()),
    )
