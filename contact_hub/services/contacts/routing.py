"""Routing a contact: the router's decision in context, recorded, then what follows.

Shared by the routing job, a late voicemail transcript and anything else that decides a
contact's category: the decision is applied, the resident is acknowledged with the
reference, and every routed handler (open an alert, raise a complaint) runs in the same
unit of work, given the contact's `Contact` record, and enqueues its jobs there (they go
after commit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from sqlalchemy.orm import Session

import routing
from channels.base import Channel
from channels.twilio_voice import router_choice
from contact_hub.clock import Clock
from contact_hub.domain.contacts import replies
from contact_hub.domain.contacts.types import IVR_EMERGENCY, Category, Contact
from contact_hub.queueing import JobRequest
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.contacts import contact_record

CONTEXT_WINDOW = timedelta(days=60)
NOBODY_PAGED = "nobody_paged"  # an emergency no on-call person could be paged for
AGENT_RECLASSIFIED = "agent_reclassified"  # the reason's cue on an agent's decision

RoutedHandler = Callable[[UnitOfWork, Contact, routing.Decision], None]
"""Runs in the routing unit of work once a contact has a decision (e.g. open an alert for
an emergency, raise a complaint case) and enqueues its jobs there (`uow.enqueue`). A
handler that changes the contact's row reads it with `uow.contacts.row_of` (the session's
identity map: no query)."""


class ContactRouting:
    """Decides and records a contact's route, and queues its follow-ups."""

    def __init__(
        self,
        router: routing.Router,
        outbox: Outbox,
        clock: Clock,
        organisation: str,
        handlers: list[RoutedHandler],
        paging: Callable[[], replies.Paging] = lambda: replies.PAGING_WORKS,
    ) -> None:
        self.router = router
        self.outbox = outbox
        self.clock = clock
        self.organisation = organisation
        self.handlers = handlers
        self.paging = paging

    def route(
        self, uow: UnitOfWork, contact: repo.Contact, ack_key: str | None = None
    ) -> routing.Decision:
        """Decide, record, acknowledge and hand on (the jobs enqueued in `uow`); return
        the decision."""
        decision = self.decide(uow.session, contact)
        self.apply(uow, contact, decision, ack_key)
        return decision

    def apply(
        self,
        uow: UnitOfWork,
        contact: repo.Contact,
        decision: routing.Decision,
        ack_key: str | None = None,
    ) -> None:
        """Record `decision` on the contact and run what follows from it (its jobs
        enqueued in `uow`)."""
        session = uow.session
        self._record(session, contact, decision)
        paging = self.paging() if decision.category == Category.EMERGENCY else replies.PAGING_WORKS
        if not paging.anyone_reachable:
            self._flag_nobody_paged(session, contact)
        uow.enqueue(self._acknowledge(session, contact, decision, ack_key, paging))
        run_handlers(self.handlers, uow, contact, decision)

    def decide(self, session: Session, contact: repo.Contact) -> routing.Decision:
        """The router's decision on the contact in the customer's context."""
        decision = self.router.route(self._message(contact), self._context(session, contact))
        if (
            contact.channel == Channel.VOICE.value
            and contact.routing_hint == IVR_EMERGENCY
            and decision.category != Category.EMERGENCY
        ):
            # The caller pressed "emergency": never second-guess that on the words alone.
            decision = replace(
                decision,
                category=Category.EMERGENCY,
                priority=1,
                queue="emergencies",
                also_complaint=decision.category == Category.COMPLAINT,
                safety_advice=decision.safety_advice or self.router.advice.lines_for(()),
                reasons=(
                    *decision.reasons,
                    routing.Reason(
                        "ivr_emergency_option", "caller chose the emergency option by phone"
                    ),
                ),
            )
        return decision

    def _message(self, contact: repo.Contact) -> routing.Message:
        return routing.Message(
            text=contact.text,
            channel=contact.channel,
            subject=contact.subject,
            ivr_choice=router_choice(contact.routing_hint),
        )

    def _context(self, session: Session, contact: repo.Contact) -> routing.Context:
        since = contact.received_at - CONTEXT_WINDOW
        customer = repo.customer_of(contact)
        earlier = repo.open_contacts_for_customer(session, customer.id, contact.id, since)
        return routing.Context(
            open_requests=tuple(
                routing.OpenRequest(
                    reference=c.reference,
                    category=c.category or Category.SERVICE_REQUEST,
                    queue=c.queue or "general",
                    hazards=tuple((c.decision or {}).get("hazards", ())),
                    opened_at=c.received_at,
                    text=c.text,
                )
                for c in earlier
            ),
            recorded_vulnerabilities=tuple(customer.vulnerabilities or ()),
            now=self.clock(),
        )

    def _record(
        self, session: Session, contact: repo.Contact, decision: routing.Decision
    ) -> None:
        now = self.clock()
        contact.category = decision.category
        contact.priority = decision.priority
        contact.queue = decision.queue
        contact.decision = decision.to_dict()
        contact.routed_at = now
        session.add(
            repo.ContactEvent(
                contact_id=contact.id, at=now, kind="routed", detail=decision.to_dict()
            )
        )

    def _flag_nobody_paged(self, session: Session, contact: repo.Contact) -> None:
        """An emergency nobody can be paged for goes to the first agent, flagged, with why."""
        if NOBODY_PAGED in (contact.flags or []):
            return
        contact.flags = [*(contact.flags or []), NOBODY_PAGED]
        session.add(repo.ContactEvent(
            contact_id=contact.id, at=self.clock(), kind="nobody_paged",
            detail={"reason": "no on-call person or channel can be paged; an agent must act"},
        ))

    def _acknowledge(
        self,
        session: Session,
        contact: repo.Contact,
        decision: routing.Decision,
        key: str | None,
        paging: replies.Paging,
    ) -> JobRequest | None:
        if repo.outbound_by_key(session, f"inline-{contact.id}") is not None:
            return None  # the webhook already answered with the reference and safety advice
        identity = session.get(repo.Identity, contact.identity_id)
        assert identity is not None
        _, job = self.outbox.queue(
            session,
            NewMessage(
                key=key or f"ack-{contact.id}",
                kind="acknowledgement",
                channel=reply_channel(contact),
                recipient=reply_address(contact, identity),
                body=replies.acknowledgement(
                    contact.reference, decision.category, self.organisation,
                    reply_channel(contact), paging,
                ),
                contact_id=contact.id,
                priority="critical" if decision.category == Category.EMERGENCY else "default",
                suppressed_because=reply_blocked_because(identity),
            ),
        )
        return job


def run_handlers(
    handlers: Sequence[RoutedHandler],
    uow: UnitOfWork,
    row: repo.Contact,
    decision: routing.Decision,
) -> None:
    """Run each routed handler in turn on the contact as it then stands: the record is
    built afresh (no query) for each, so one that places the contact (its property) is
    seen by the next."""
    for handler in handlers:
        handler(uow, contact_record(row), decision)


def reply_channel(contact: repo.Contact) -> str:
    """Where a reply to `contact` goes: the channel it asked for (the web form's email or
    text), else its own channel; a caller is answered by text."""
    if contact.reply_channel:
        return contact.reply_channel
    return "sms" if contact.channel == Channel.VOICE.value else contact.channel


def reply_address(contact: repo.Contact, identity: repo.Identity) -> str:
    """The address on `reply_channel(contact)`: the one the contact named (a public
    comment's private reply), else the sender's."""
    if contact.reply_to:
        return contact.reply_to
    if contact.channel == "whatsapp":
        return f"whatsapp:{identity.value}"
    return identity.value


def reply_blocked_because(identity: repo.Identity) -> str | None:
    """Why nothing may be sent to this identity (opted out, no SMS-capable number)."""
    if identity.opted_out_at is not None:
        return "recipient opted out of texts (STOP)"
    if identity.kind == "phone" and not identity.valid:
        return f"the sender {identity.value!r} is not a phone number that can be texted back"
    if identity.kind == "phone" and not identity.sms_capable:
        return "no SMS-capable number for this sender"
    return None
