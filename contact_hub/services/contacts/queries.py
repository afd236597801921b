"""Read-side queries for the API (what agents and operators look at)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from channels.phone import normalise_phone
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
    session: Session, filters: repo.ContactFilters, customer: str | None, limit: int, offset: int
) -> Page:
    if customer is not None:
        customer_id = customer_id_for(session, customer)
        if customer_id is None:
            return Page([], 0, limit, offset)
        filters = repo.ContactFilters(
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
