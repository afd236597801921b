"""Contact-centre agents' work: the queues, the next most urgent contact, replies, done.

An agent asks a queue for its next contact and holds it for `CLAIM_LEASE`; after that a
contact nobody resolved is offered again, so one left open at the end of a shift is
never stranded. Replies go to the resident on the channel they used, through the
outbox like every other message (at most once per idempotency key), and every step is
an audited contact event with the agent's name.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from channels.base import Channel
from channels.meta_window import WINDOW_CHANNELS, free_text_window
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.services.contacts.inbound import thread_contact
from contact_hub.services.contacts.messaging_window import last_inbound_at
from contact_hub.services.contacts.routing import (
    reply_address,
    reply_blocked_because,
    reply_channel,
)
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import queue_repository as queues
from contact_hub.storage import repository as repo
from routing.types import QUEUES

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=30)
WORK_QUEUES = (*QUEUES, queues.NEEDS_ATTENTION)
MAX_REPLY_CHARACTERS = 4000


@dataclass(frozen=True)
class ReplyCheck:
    """Before an agent writes: where a reply would go, and why it cannot, if it cannot."""

    channel: str
    recipient: str | None
    blocked_because: str | None = None
    instead: str | None = None  # what happens to a reply sent anyway


@dataclass(frozen=True)
class QueueSummary:
    """What is waiting in one queue."""

    queue: str
    open: int
    held: int
    by_priority: dict[int, int]
    oldest_received_at: datetime | None


class AgentWork:
    """Use cases behind the agents' queue API."""

    def __init__(
        self, uow: UnitsOfWork, outbox: Outbox, clock: Clock
    ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.clock = clock

    def summary(self) -> list[QueueSummary]:
        """Every queue (empty ones too), with its open contacts by priority."""
        with self.uow() as uow:
            session = uow.session
            rows = queues.queue_rows(session, self.clock() - CLAIM_LEASE)
        return [_summarise(name, [r for r in rows if r.queue == name]) for name in WORK_QUEUES]

    def claim_next(self, queue: str, agent: str) -> int | None:
        """Hand `agent` the most urgent free contact in `queue`; None when it is empty."""
        if queue not in WORK_QUEUES:
            raise NotFound(f"no queue {queue!r}; queues: {', '.join(WORK_QUEUES)}")
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            contact = queues.claim_next(session, queue, agent, now, now - CLAIM_LEASE)
            if contact is None:
                return None
            _event(session, contact.id, now, "assigned", agent, {"queue": queue})
            logger.info("contact assigned contact_id=%s queue=%s", contact.id, queue)
            return contact.id

    def reply(self, contact_id: int, agent: str, body: str, key: str | None = None) -> int:
        """Send `body` to the resident on their channel; the same request twice sends once.

        Returns the outbox row's id. A resident who opted out gets nothing: the row is
        stored `suppressed` with the reason, for the agent to see.
        """
        text = body.strip()
        if not text or len(text) > MAX_REPLY_CHARACTERS:
            raise Invalid(f"body: 1 to {MAX_REPLY_CHARACTERS} characters")
        digest = hashlib.sha256(f"{agent}\n{key or text}".encode()).hexdigest()[:24]
        with self.uow.transaction() as uow:
            session = uow.session
            contact = _contact(session, contact_id)
            thread_contact(session, contact)  # an agent may be quicker than the hand-off
            identity = session.get(repo.Identity, contact.identity_id)
            assert identity is not None
            outbound_id, job = self.outbox.queue(
                session,
                NewMessage(
                    key=f"reply-{contact.id}-{digest}", kind="agent_reply",
                    channel=reply_channel(contact), recipient=reply_address(contact, identity),
                    body=text, contact_id=contact.id,
                    suppressed_because=reply_blocked_because(identity),
                ),
            )
            if job is not None:
                _event(session, contact.id, self.clock(), "replied", agent,
                       {"outbound_id": outbound_id})
            uow.enqueue(job)
        return outbound_id

    def reply_check(self, contact_id: int) -> ReplyCheck:
        """Whether a reply can reach the resident now, checked as the send would be."""
        with self.uow() as uow:
            session = uow.session
            contact = _contact(session, contact_id)
            channel = reply_channel(contact)
            identity = (
                session.get(repo.Identity, contact.identity_id) if contact.identity_id else None
            )
            if identity is None:
                return ReplyCheck(channel, None, "the sender is not linked to a resident yet",
                                  "Wait a moment and reload the page.")
            recipient = reply_address(contact, identity)
            blocked = reply_blocked_because(identity) or _window_closed(
                session, channel, recipient, self.clock()
            )
        if blocked is None:
            return ReplyCheck(channel, recipient)
        return ReplyCheck(
            channel, recipient, blocked,
            "A reply will be kept on the contact with this reason and not sent: phone the "
            "resident or write to them instead.",
        )

    def add_note(self, contact_id: int, agent: str, text: str) -> None:
        """An internal note on the contact, for colleagues only (never sent)."""
        note = text.strip()
        if not note or len(note) > MAX_REPLY_CHARACTERS:
            raise Invalid(f"note: 1 to {MAX_REPLY_CHARACTERS} characters")
        with self.uow.transaction() as uow:
            session = uow.session
            _contact(session, contact_id)
            _event(session, contact_id, self.clock(), "note", agent, {"text": note})

    def resolve(self, contact_id: int, agent: str, note: str | None = None) -> None:
        """Mark the contact dealt with; it leaves its queue. Resolving twice is a no-op."""
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            contact = _contact(session, contact_id)
            if contact.resolved_at is not None:
                return
            if contact.status not in (ContactStatus.ROUTED, queues.NEEDS_ATTENTION):
                raise Conflict("the contact has not been routed yet; try again in a moment")
            mark_resolved(session, contact, agent, now, {"note": (note or "")[:1000]})

    def release(self, contact_id: int, agent: str, *, admin: bool = False) -> None:
        """Put a held contact back in its queue (its holder, or an admin, may do this)."""
        with self.uow.transaction() as uow:
            session = uow.session
            contact = _contact(session, contact_id)
            if contact.assigned_to is None:
                return
            if contact.assigned_to != agent and not admin:
                raise Conflict(f"held by {contact.assigned_to}; only they or an admin can release")
            contact.assigned_to, contact.assigned_at = None, None
            _event(session, contact.id, self.clock(), "released", agent, {})


def mark_resolved(
    session: Session, contact: repo.Contact, by: str, now: datetime, detail: dict[str, Any]
) -> None:
    """Take a contact out of its queue as dealt with (once), audited."""
    if contact.resolved_at is None:
        contact.resolved_at, contact.resolved_by = now, by
        _event(session, contact.id, now, "resolved", by, detail)


def _window_closed(session: Session, channel: str, recipient: str, now: datetime) -> str | None:
    """Why Meta would refuse an agent's free text now (None: it may go)."""
    if channel not in WINDOW_CHANNELS:
        return None
    decision = free_text_window(
        channel, last_inbound_at(session, Channel(channel), recipient), now, human_agent=True
    )
    return None if decision.allowed else decision.reason


def _contact(session: Session, contact_id: int) -> repo.Contact:
    contact = repo.get_contact(session, contact_id)
    if contact is None:
        raise NotFound(f"no contact {contact_id}")
    return contact


def _event(
    session: Session, contact_id: int, at: datetime, kind: str, actor: str, detail: dict[str, Any]
) -> None:
    event = repo.ContactEvent(contact_id=contact_id, at=at, kind=kind, actor=actor, detail=detail)
    session.add(event)


def _summarise(queue: str, rows: list[queues.QueueRow]) -> QueueSummary:
    oldest = [r.oldest_received_at for r in rows if r.oldest_received_at is not None]
    return QueueSummary(
        queue=queue,
        open=sum(r.open for r in rows),
        held=sum(r.held for r in rows),
        by_priority={r.priority or 0: r.open for r in rows},
        oldest_received_at=min(oldest) if oldest else None,
    )
