"""Storage for email over Graph: notified messages, mailbox state, reply threading."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from contact_hub.domain.contacts.email_threading import (
    HEADER,
    REFERENCE,
    ThreadCandidate,
    ThreadRefs,
)
from contact_hub.storage.email.models import (
    EmailFolderSync,
    EmailMailboxState,
    EmailNotification,
)
from contact_hub.storage.models import Contact, Conversation, Identity, OutboundMessage

__all__ = ["EmailFolderSync", "EmailMailboxState", "EmailNotification"]

NOTIFICATIONS: Table = EmailNotification.__table__  # type: ignore[assignment]


def record_messages(
    session: Session, graph_ids: Sequence[str], source: str, now: datetime
) -> list[int]:
    """Store each message id not seen before; return the ids of the new rows only.

    One round trip for the whole batch (a sync page holds up to 200)."""
    values = [
        {"graph_message_id": graph_id, "source": source, "status": "pending",
         "attempts": 0, "created_at": now, "updated_at": now}
        for graph_id in dict.fromkeys(graph_ids)
    ]
    if not values:
        return []
    connection = session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    # One statement with the rows as parameters (SQLAlchemy's "insertmanyvalues"): compiled
    # once and cached, where a statement with the values inside was compiled every time.
    statement = (
        dialect.insert(NOTIFICATIONS)
        .on_conflict_do_nothing(index_elements=[NOTIFICATIONS.c.graph_message_id])
        .returning(NOTIFICATIONS.c.id)
    )
    return sorted(int(row_id) for row_id in connection.execute(statement, values).scalars())


def get_notification(session: Session, row_id: int) -> EmailNotification | None:
    return session.get(EmailNotification, row_id)


def pending_in(session: Session, first_id: int, last_id: int) -> list[tuple[int, str]]:
    """(row id, provider id) of the pending messages whose row ids are in this range."""
    rows = session.execute(
        select(EmailNotification.id, EmailNotification.graph_message_id)
        .where(EmailNotification.id.between(first_id, last_id),
               EmailNotification.status == "pending")
        .order_by(EmailNotification.id)
    )
    return [(int(row_id), str(provider_id)) for row_id, provider_id in rows]


def lock_pending(session: Session, row_ids: Sequence[int]) -> list[EmailNotification]:
    """These rows, if still pending, locked for this transaction; rows another worker is
    storing right now are skipped (it stores them)."""
    return list(session.scalars(
        select(EmailNotification)
        .where(EmailNotification.id.in_(row_ids), EmailNotification.status == "pending")
        .order_by(EmailNotification.id)
        .with_for_update(skip_locked=True)
    ))


def email_contacts_by_message_id(
    session: Session, message_ids: Sequence[str]
) -> dict[str, tuple[int, str]]:
    """Email contacts already stored for these internet message ids: id -> (contact id,
    reference). One query for a page of messages."""
    if not message_ids:
        return {}
    rows = session.execute(
        select(Contact.provider_message_id, Contact.id, Contact.reference)
        .where(Contact.channel == "email", Contact.provider_message_id.in_(message_ids))
    )
    return {str(pid): (int(contact_id), str(reference)) for pid, contact_id, reference in rows}


def notifications_with_status(session: Session, status: str) -> Sequence[EmailNotification]:
    return session.scalars(
        select(EmailNotification)
        .where(EmailNotification.status == status)
        .order_by(EmailNotification.id)
    ).all()


def stale_pending(session: Session, before: datetime, limit: int) -> Sequence[EmailNotification]:
    """Pending messages nobody has tried since `before` (lost job, Redis outage)."""
    return session.scalars(
        select(EmailNotification)
        .where(EmailNotification.status == "pending", EmailNotification.updated_at < before)
        .order_by(EmailNotification.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()


def status_counts(session: Session) -> dict[str, int]:
    """How many notified emails are in each status (for the metrics endpoint)."""
    rows = session.execute(
        select(EmailNotification.status, func.count()).group_by(EmailNotification.status)
    )
    return {status: int(count) for status, count in rows}


def mailbox_state(session: Session, mailbox: str) -> EmailMailboxState:
    """The mailbox's state row, created on first use."""
    state = session.get(EmailMailboxState, mailbox)
    if state is None:
        state = EmailMailboxState(mailbox=mailbox)
        session.add(state)
        session.flush()
    return state


def thread_candidates(connection: Connection, refs: ThreadRefs) -> list[ThreadCandidate]:
    """Earlier email contacts carrying these references, and contacts whose email
    replies we sent with these message ids, with the address each belongs to."""
    found: list[ThreadCandidate] = []
    columns = (
        Contact.conversation_id, Contact.customer_id, Contact.identity_id, Identity.value
    )
    if refs.references:
        rows = connection.execute(
            select(*columns, Contact.received_at)
            .join(Identity, Identity.id == Contact.identity_id)
            .where(Contact.reference.in_(refs.references), Contact.channel == "email",
                   Identity.kind == "email")
        )
        found += [_candidate(row, REFERENCE) for row in rows]
    if refs.message_ids:
        rows = connection.execute(
            select(*columns, OutboundMessage.created_at, OutboundMessage.recipient)
            .join(Contact, Contact.id == OutboundMessage.contact_id)
            .join(Identity, Identity.id == Contact.identity_id)
            .where(OutboundMessage.provider_message_id.in_(refs.message_ids),
                   OutboundMessage.channel == "email", Contact.channel == "email")
        )
        # Only mail we sent to the contact's own address speaks for that contact.
        found += [_candidate(row, HEADER) for row in rows if _sent_to_contact(row)]
    return found


def _sent_to_contact(row: Any) -> bool:
    return str(row[5]).strip().lower() == str(row[3]).lower()


def _candidate(row: Any, via: str) -> ThreadCandidate:
    return ThreadCandidate(
        conversation_id=row[0], customer_id=row[1], identity_id=row[2],
        address=str(row[3]).lower(), via=via, at=row[4],
    )


def touch_conversation(connection: Connection, conversation_id: int, now: datetime) -> None:
    """A reply joined the conversation: it is the latest message now."""
    connection.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id)
        .values(last_message_at=now, status="open")
    )


def folder_sync(session: Session, mailbox: str, folder: str) -> EmailFolderSync:
    """The folder's EWS sync row, locked for this transaction (created on first use), so
    two workers never sync the same folder at once."""
    found = session.scalar(
        select(EmailFolderSync)
        .where(EmailFolderSync.mailbox == mailbox, EmailFolderSync.folder == folder)
        .with_for_update()
    )
    if found is None:
        found = EmailFolderSync(mailbox=mailbox, folder=folder)
        session.add(found)
        session.flush()
    return found
