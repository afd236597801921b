"""Queries behind the agents' queues: what is waiting, and claiming the next contact.

A claim is a conditional UPDATE (`... WHERE nobody holds it`), so two agents asking at
once never get the same contact; on PostgreSQL the candidate is also read with
`FOR UPDATE SKIP LOCKED` so they do not queue behind each other's row lock. A claim
lapses after its lease, so a contact an agent opened and left is offered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.storage.models import Contact

# Contacts routing could not place (a person decides): a status, and a queue of their own.
NEEDS_ATTENTION = ContactStatus.NEEDS_ATTENTION


@dataclass(frozen=True)
class QueueRow:
    """Open contacts of one queue at one priority."""

    queue: str
    priority: int | None
    open: int
    held: int
    oldest_received_at: datetime | None


def _queue_name() -> Any:
    return case((Contact.status == NEEDS_ATTENTION, NEEDS_ATTENTION), else_=Contact.queue)


def _open() -> Any:
    return and_(Contact.status.in_((ContactStatus.ROUTED, NEEDS_ATTENTION)),
                Contact.resolved_at.is_(None))


def _open_in(queue: str) -> Any:
    if queue == NEEDS_ATTENTION:
        return and_(Contact.status == NEEDS_ATTENTION, Contact.resolved_at.is_(None))
    return and_(Contact.status == ContactStatus.ROUTED, Contact.queue == queue,
                Contact.resolved_at.is_(None))


def _free(lease_start: datetime) -> Any:
    return or_(Contact.assigned_to.is_(None), Contact.assigned_at < lease_start)


def queue_rows(session: Session, lease_start: datetime) -> Sequence[QueueRow]:
    """Open contacts per queue and priority, how many an agent holds, the oldest."""
    name = _queue_name()
    held = func.sum(case((_free(lease_start), 0), else_=1))
    rows = session.execute(
        select(name, Contact.priority, func.count(Contact.id), held, func.min(Contact.received_at))
        .where(_open())
        .group_by(name, Contact.priority)
    ).all()
    return [
        QueueRow(queue, priority, count, int(held_count or 0), oldest)
        for queue, priority, count, held_count, oldest in rows
    ]


def claim_next(
    session: Session, queue: str, agent: str, now: datetime, lease_start: datetime
) -> Contact | None:
    """Give `agent` the most urgent free contact in `queue` (oldest first within a priority)."""
    for _ in range(5):  # another agent may take the candidate between our read and write
        candidate = session.scalar(
            select(Contact.id)
            .where(_open_in(queue), _free(lease_start))
            # Unrouted contacts carry no priority: treat them as the most urgent.
            .order_by(func.coalesce(Contact.priority, 0), Contact.received_at, Contact.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if candidate is None:
            return None
        claimed = session.execute(
            update(Contact)
            .where(Contact.id == candidate, _free(lease_start))
            .values(assigned_to=agent, assigned_at=now)
        )
        if getattr(claimed, "rowcount", 0) == 1:
            return session.get(Contact, candidate, populate_existing=True)
    return None


def customer_history(session: Session, customer_id: int, limit: int = 20) -> Sequence[Contact]:
    """The customer's latest contacts on every channel, newest first."""
    return session.scalars(
        select(Contact)
        .where(Contact.customer_id == customer_id)
        .order_by(Contact.received_at.desc(), Contact.id.desc())
        .limit(limit)
    ).all()

