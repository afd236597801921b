"""Queries the services need, so SQLAlchemy stays inside storage/.

Claims are conditional UPDATEs (`... WHERE status = 'queued'`): whichever worker's
update changes the row owns the work, on SQLite and PostgreSQL alike, so a job that
runs twice cannot act twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from contact_hub.domain.contacts.filters import ContactFilters
from contact_hub.domain.contacts.types import ROUTABLE, ContactStatus
from contact_hub.storage.models import (
    ApiToken,
    Attachment,
    ConsentChange,
    Contact,
    ContactEvent,
    Conversation,
    Customer,
    CustomerChange,
    Identity,
    OutboundMessage,
)

T = TypeVar("T")

__all__ = [
    "ApiToken",
    "Attachment",
    "ConsentChange",
    "Contact",
    "ContactEvent",
    "ContactFilters",
    "Conversation",
    "Customer",
    "CustomerChange",
    "Identity",
    "IntegrityError",
    "OutboundMessage",
]


# --- contacts ---------------------------------------------------------------------------


def contact_by_provider_id(session: Session, channel: str, provider_id: str) -> Contact | None:
    return session.scalar(
        select(Contact).where(
            Contact.channel == channel, Contact.provider_message_id == provider_id
        )
    )


def get_contact(session: Session, contact_id: int) -> Contact | None:
    return session.get(Contact, contact_id, options=[selectinload(Contact.attachments)])


def customer_of(contact: Contact) -> Customer:
    """The contact's customer. Only an `accepted` contact has none: the worker threads it
    (services.inbound) before anything that needs the customer runs."""
    if contact.customer is None:
        raise LookupError(f"contact {contact.id} has not been threaded to a customer yet")
    return contact.customer


def contact_by_reference(session: Session, reference: str) -> Contact | None:
    return session.scalar(select(Contact).where(Contact.reference == reference))


def claim_contact_for_routing(session: Session, contact_id: int) -> bool:
    """Move a contact from accepted or received to routed; False if another worker got
    there first."""
    result = session.execute(
        update(Contact)
        .where(Contact.id == contact_id, Contact.status.in_(ROUTABLE))
        .values(status=ContactStatus.ROUTED)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def lock_accepted_contacts(session: Session, limit: int) -> list[int]:
    """Ids of the oldest accepted contacts, locked; rows another worker holds are skipped."""
    return list(
        session.scalars(
            select(Contact.id)
            .where(Contact.status == ContactStatus.ACCEPTED)
            .order_by(Contact.received_at, Contact.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )


def hand_contacts_to(session: Session, ids: Sequence[int], job_id: str) -> list[int]:
    """Move accepted contacts to `received`, owned by routing job `job_id` (the sweeper
    asks about that job); return the ids this call moved. A contact another worker moved
    first is left out, so each is queued once even where FOR UPDATE is ignored (SQLite)."""
    if not ids:
        return []
    return list(
        session.scalars(
            update(Contact)
            .where(Contact.id.in_(ids), Contact.status == ContactStatus.ACCEPTED)
            .values(status=ContactStatus.RECEIVED, routing_job=job_id)
            .returning(Contact.id),
            execution_options={"synchronize_session": False},
        )
    )


def claim_contacts_for_routing(session: Session, ids: Sequence[int], job_id: str) -> list[int]:
    """Move the contacts among `ids` that routing job `job_id` still owns from accepted or
    received to routed, in one statement; return the ids claimed (a contact routed or
    handed on meanwhile is left out, so no contact is routed twice)."""
    if not ids:
        return []
    return sorted(
        session.scalars(
            update(Contact)
            .where(Contact.id.in_(ids), Contact.routing_job == job_id,
                   Contact.status.in_(ROUTABLE))
            .values(status=ContactStatus.ROUTED)
            .returning(Contact.id),
            execution_options={"synchronize_session": False},
        )
    )


def contacts_by_ids(session: Session, ids: Sequence[int]) -> list[Contact]:
    """The contacts of `ids` (oldest first), with their attachments, in two queries."""
    return list(session.scalars(
        select(Contact).where(Contact.id.in_(ids)).order_by(Contact.id)
        .options(selectinload(Contact.attachments))))


def hand_contacts_on(
    session: Session, ids: Sequence[int], owner: str, job_of: Callable[[int], str]
) -> list[int]:
    """Give each of `ids` that routing job `owner` holds and nobody has routed to a job of
    its own (`job_of(id)` names it); return the ids given."""
    given: list[int] = []
    for contact_id in ids:
        moved = session.scalar(
            update(Contact)
            .where(Contact.id == contact_id, Contact.routing_job == owner,
                   Contact.status.in_(ROUTABLE))
            .values(routing_job=job_of(contact_id))
            .returning(Contact.id),
            execution_options={"synchronize_session": False},
        )
        if moved is not None:
            given.append(moved)
    return given


def rows_by_ids(session: Session, model: type[T], ids: Iterable[int | None]) -> list[T]:
    """Rows of `model` by primary key (None: none), in one query (held in the session's
    identity map, so a later `session.get` of one needs no query while they are
    referenced)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return []
    return list(session.scalars(select(model).where(model.id.in_(wanted))))  # type: ignore[attr-defined]


def open_contacts_for_customer(
    session: Session, customer_id: int, exclude_id: int, since: datetime, limit: int
) -> Sequence[Contact]:
    """The customer's `limit` latest routed contacts (their open requests, for routing
    context)."""
    return session.scalars(
        select(Contact)
        .where(
            Contact.customer_id == customer_id,
            Contact.id != exclude_id,
            Contact.status == ContactStatus.ROUTED,
            Contact.received_at >= since,
        )
        .order_by(Contact.received_at.desc())
        .limit(limit)
    ).all()


def open_contacts_for_customers(
    session: Session, customer_ids: Sequence[int], exclude_ids: Sequence[int], since: datetime,
    per_customer: int,
) -> Sequence[Contact]:
    """`open_contacts_for_customer` for many customers in one query: each customer's
    `per_customer` latest routed contacts received since `since`, none of `exclude_ids`."""
    latest = (
        select(Contact.id, func.row_number().over(
            partition_by=Contact.customer_id,
            order_by=(Contact.received_at.desc(), Contact.id.desc())).label("n"))
        .where(Contact.customer_id.in_(customer_ids), Contact.id.not_in(exclude_ids),
               Contact.status == ContactStatus.ROUTED, Contact.received_at >= since)
        .subquery()
    )
    return session.scalars(
        select(Contact).join(latest, latest.c.id == Contact.id)
        .where(latest.c.n <= per_customer)
        .order_by(Contact.received_at.desc(), Contact.id.desc())
    ).all()


def stale_received_contacts(session: Session, before: datetime, limit: int) -> Sequence[Contact]:
    return session.scalars(
        select(Contact)
        .where(Contact.status == ContactStatus.RECEIVED, Contact.received_at < before)
        .order_by(Contact.received_at)
        .limit(limit)
    ).all()


def contacts_waiting_since(
    session: Session, status: str, before: datetime, limit: int
) -> Sequence[Contact]:
    """Contacts still in `status` that arrived before `before` (oldest first)."""
    return session.scalars(
        select(Contact)
        .where(Contact.status == status, Contact.received_at < before)
        .order_by(Contact.received_at)
        .limit(limit)
    ).all()


def list_contacts(
    session: Session, filters: ContactFilters, limit: int, offset: int
) -> tuple[Sequence[Contact], int]:
    """A page of contacts, newest first, and the total that match."""
    conditions: list[Any] = []
    if filters.channel:
        conditions.append(Contact.channel == filters.channel)
    if filters.category:
        conditions.append(Contact.category == filters.category)
    if filters.status:
        conditions.append(Contact.status == filters.status)
    if filters.customer_id is not None:
        conditions.append(Contact.customer_id == filters.customer_id)
    total = session.scalar(select(func.count(Contact.id)).where(*conditions)) or 0
    items = session.scalars(
        select(Contact)
        .where(*conditions)
        .options(selectinload(Contact.attachments))
        .order_by(Contact.received_at.desc(), Contact.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return items, total


def conversation_contacts(
    session: Session, conversation_id: int, limit: int = 200
) -> Sequence[Contact]:
    """The messages of one conversation, newest first."""
    return session.scalars(
        select(Contact)
        .where(Contact.conversation_id == conversation_id)
        .order_by(Contact.received_at.desc(), Contact.id.desc())
        .limit(limit)
    ).all()


def contact_events(session: Session, contact_id: int) -> Sequence[ContactEvent]:
    return session.scalars(
        select(ContactEvent).where(ContactEvent.contact_id == contact_id).order_by(ContactEvent.id)
    ).all()


def contact_counts(session: Session) -> list[tuple[str, str | None, int]]:
    """(channel, category, count) for the metrics endpoint."""
    rows = session.execute(
        select(Contact.channel, Contact.category, func.count(Contact.id)).group_by(
            Contact.channel, Contact.category
        )
    ).all()
    return [(channel, category, count) for channel, category, count in rows]


def contact_status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Contact.status, func.count(Contact.id)).group_by(Contact.status))
    return {row[0]: row[1] for row in rows.all()}


def oldest_waiting_contacts(session: Session) -> dict[str, datetime]:
    """When the oldest contact still waiting for a worker arrived, per waiting status
    (`accepted`: not handed off yet; `received`: queued, not routed yet)."""
    rows = session.execute(
        select(Contact.status, func.min(Contact.received_at))
        .where(Contact.status.in_((ContactStatus.ACCEPTED, ContactStatus.RECEIVED)))
        .group_by(Contact.status)
    )
    return {row[0]: row[1] for row in rows.all()}


# --- customers and identities -----------------------------------------------------------


def identity_by_value(session: Session, kind: str, value: str) -> Identity | None:
    return session.scalar(select(Identity).where(Identity.kind == kind, Identity.value == value))


def latest_conversation(
    session: Session, customer_id: int, channel: str, active_since: datetime
) -> Conversation | None:
    return session.scalar(
        select(Conversation)
        .where(
            Conversation.customer_id == customer_id,
            Conversation.channel == channel,
            Conversation.status == "open",
            Conversation.last_message_at >= active_since,
        )
        .order_by(Conversation.last_message_at.desc())
        .limit(1)
    )


def consent_change_exists(session: Session, channel: str, provider_id: str) -> bool:
    found = session.scalar(
        select(ConsentChange.id).where(
            ConsentChange.channel == channel, ConsentChange.provider_message_id == provider_id
        )
    )
    return found is not None


# --- outbox -----------------------------------------------------------------------------


def outbound_by_key(session: Session, key: str) -> OutboundMessage | None:
    return session.scalar(select(OutboundMessage).where(OutboundMessage.idempotency_key == key))


def outbound_rows_by_keys(session: Session, keys: Sequence[str]) -> dict[str, OutboundMessage]:
    """The rows with any of `keys`, by key (one query)."""
    if not keys:
        return {}
    return {row.idempotency_key: row for row in session.scalars(
        select(OutboundMessage).where(OutboundMessage.idempotency_key.in_(keys)))}


def outbound_by_provider_id(session: Session, provider_id: str) -> OutboundMessage | None:
    return session.scalar(
        select(OutboundMessage).where(OutboundMessage.provider_message_id == provider_id)
    )


def get_outbound(session: Session, outbound_id: int) -> OutboundMessage | None:
    return session.get(OutboundMessage, outbound_id)


def queued_in_sequence(session: Session, sequence_key: str) -> Sequence[int]:
    """The queued rows of one sequence, in the order they were queued."""
    return session.scalars(
        select(OutboundMessage.id)
        .where(OutboundMessage.sequence_key == sequence_key, OutboundMessage.status == "queued")
        .order_by(OutboundMessage.id)
    ).all()


def claim_outbound_many(session: Session, ids: Sequence[int], now: datetime) -> list[int]:
    """`claim_outbound` for several rows in one statement (each row claimed on its own
    terms: only if still queued); the ids claimed. Loaded rows are brought up to date."""
    if not ids:
        return []
    claimed = session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(ids), OutboundMessage.status == "queued")
        .values(status="sending", attempts=OutboundMessage.attempts + 1, updated_at=now)
        .returning(OutboundMessage.id, OutboundMessage.status, OutboundMessage.attempts,
                   OutboundMessage.updated_at),
        execution_options={"synchronize_session": False},
    ).all()
    for found in claimed:
        row = session.identity_map.get(identity_key(OutboundMessage, found.id))
        if row is not None:
            for name, value in found._mapping.items():
                set_committed_value(row, name, value)
    return [found.id for found in claimed]


def opted_out_numbers(session: Session, numbers: Iterable[str | None]) -> set[str]:
    """Which of these phone numbers (None: not a phone) have opted out (STOP), in one
    query."""
    wanted = {number for number in numbers if number is not None}
    if not wanted:
        return set()
    return set(session.scalars(select(Identity.value).where(
        Identity.kind == "phone", Identity.value.in_(wanted), Identity.opted_out_at.is_not(None))))


def claim_outbound(session: Session, outbound_id: int, now: datetime) -> bool:
    """Move a message from queued to sending; False if it is not queued any more. The
    row, if loaded in `session`, is brought up to date with what the claim wrote (its
    attempts as counted by the database), without reading it again."""
    return bool(claim_outbound_many(session, [outbound_id], now))


def stale_outbound(
    session: Session, status: str, before: datetime, limit: int, *, kind: str | None = None
) -> Sequence[OutboundMessage]:
    """Messages in `status` since before `before` (of one `kind` if given), oldest first."""
    conditions = [OutboundMessage.status == status, OutboundMessage.updated_at < before]
    if kind is not None:
        conditions.append(OutboundMessage.kind == kind)
    return session.scalars(
        select(OutboundMessage)
        .where(*conditions)
        .order_by(OutboundMessage.updated_at)
        .limit(limit)
    ).all()


def list_outbound(
    session: Session, status: str | None, contact_id: int | None, limit: int, offset: int
) -> tuple[Sequence[OutboundMessage], int]:
    conditions: list[Any] = []
    if status:
        conditions.append(OutboundMessage.status == status)
    if contact_id is not None:
        conditions.append(OutboundMessage.contact_id == contact_id)
    total = session.scalar(select(func.count(OutboundMessage.id)).where(*conditions)) or 0
    items = session.scalars(
        select(OutboundMessage)
        .where(*conditions)
        .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return items, total


def outbound_for_contact(session: Session, contact_id: int) -> Sequence[OutboundMessage]:
    return session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.contact_id == contact_id)
        .order_by(OutboundMessage.id)
    ).all()


def outbound_status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(OutboundMessage.status, func.count(OutboundMessage.id)).group_by(
            OutboundMessage.status
        )
    )
    return {row[0]: row[1] for row in rows.all()}


# --- API tokens -------------------------------------------------------------------------


def customer_changes(session: Session, customer_id: int) -> Sequence[CustomerChange]:
    """The audit of a customer's record, oldest first."""
    return session.scalars(
        select(CustomerChange)
        .where(CustomerChange.customer_id == customer_id)
        .order_by(CustomerChange.id)
    ).all()
