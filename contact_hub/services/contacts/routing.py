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
OPEN_REQUESTS = 20  # a resident's latest routed contacts the router sees as open requests
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
        paging = self._paging(session, contact, decision)
        uow.enqueue_all(self._acknowledge(session, [(contact, decision, paging)], ack_key))
        run_handlers(self.handlers, uow, contact, decision)

    def decide(self, session: Session, contact: repo.Contact) -> routing.Decision:
        """The router's decision on the contact in the customer's context."""
        decision = self.router.route(self._message(contact), self._context(session, contact))
        return self._as_caller_chose(contact, decision)

    def route_many(
        self, uow: UnitOfWork, contacts: Sequence[repo.Contact]
    ) -> list[routing.Decision]:
        """`route` for a batch of threaded contacts in one unit of work: classified together
        (`Router.route_many`), the decisions written and the acknowledgements queued
        together, then each contact's handlers in turn; the decisions, in order.

        A contact whose resident has an earlier one in the batch is decided after it, with
        that one among its open requests, as routing them one by one would."""
        session = uow.session
        decided: dict[int, routing.Decision] = {}
        for turn in _turns(contacts):
            later = [c.id for c in contacts if c.id not in decided]
            for contact, decision in zip(turn, self._decide_many(session, turn, later),
                                         strict=True):
                self._record(session, contact, decision)
                decided[contact.id] = decision
        pagings = [self._paging(session, c, decided[c.id]) for c in contacts]
        uow.enqueue_all(self._acknowledge(session, [
            (c, decided[c.id], paging) for c, paging in zip(contacts, pagings, strict=True)]))
        for contact in contacts:
            run_handlers(self.handlers, uow, contact, decided[contact.id])
        return [decided[c.id] for c in contacts]

    def _decide_many(
        self, session: Session, contacts: Sequence[repo.Contact], undecided: Sequence[int]
    ) -> list[routing.Decision]:
        """`decide` for contacts of different residents, in one pass of the router; none of
        `undecided` (claimed, not decided yet) counts as an open request."""
        contexts = self._contexts(session, contacts, undecided)
        decisions = self.router.route_many([self._message(c) for c in contacts], contexts)
        return [self._as_caller_chose(c, d) for c, d in zip(contacts, decisions, strict=True)]

    def _as_caller_chose(
        self, contact: repo.Contact, decision: routing.Decision
    ) -> routing.Decision:
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
        earlier = repo.open_contacts_for_customer(session, customer.id, contact.id, since,
                                                   OPEN_REQUESTS)
        return self._context_of(customer, earlier)

    def _contexts(
        self, session: Session, contacts: Sequence[repo.Contact], undecided: Sequence[int]
    ) -> list[routing.Context]:
        """`_context` for contacts of different residents, their open requests read in one
        query (each resident's latest since the earliest window, then cut to its own)."""
        customers = [repo.customer_of(c) for c in contacts]
        since = min(c.received_at for c in contacts) - CONTEXT_WINDOW
        open_rows = repo.open_contacts_for_customers(
            session, [c.id for c in customers], undecided, since, OPEN_REQUESTS)
        return [
            self._context_of(customer, [
                row for row in open_rows if row.customer_id == customer.id
                and row.received_at >= contact.received_at - CONTEXT_WINDOW][:OPEN_REQUESTS])
            for contact, customer in zip(contacts, customers, strict=True)
        ]

    def _context_of(
        self, customer: repo.Customer, earlier: Sequence[repo.Contact]
    ) -> routing.Context:
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

    def _paging(
        self, session: Session, contact: repo.Contact, decision: routing.Decision
    ) -> replies.Paging:
        """Whether anyone can be paged for this contact (flagged on it if nobody can)."""
        paging = self.paging() if decision.category == Category.EMERGENCY else replies.PAGING_WORKS
        if not paging.anyone_reachable:
            self._flag_nobody_paged(session, contact)
        return paging

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
        routed: Sequence[tuple[repo.Contact, routing.Decision, replies.Paging]],
        key: str | None = None,
    ) -> list[JobRequest | None]:
        """Queue the acknowledgement of each routed contact the webhook has not already
        answered (with the reference and safety advice); their send jobs. The webhook's
        answers are looked up in one query and the acknowledgements queued together.
        `key`: the acknowledgement's own key, for one contact routed alone."""
        answered = repo.outbound_rows_by_keys(session, [f"inline-{c.id}" for c, _, _ in routed])
        messages = [self._acknowledgement(session, contact, decision, key, paging)
                    for contact, decision, paging in routed
                    if f"inline-{contact.id}" not in answered]
        return [job for _, job in self.outbox.queue_many(session, messages)]

    def _acknowledgement(
        self,
        session: Session,
        contact: repo.Contact,
        decision: routing.Decision,
        key: str | None,
        paging: replies.Paging,
    ) -> NewMessage:
        identity = session.get(repo.Identity, contact.identity_id)
        assert identity is not None
        return NewMessage(
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
        )


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


def _turns(contacts: Sequence[repo.Contact]) -> list[list[repo.Contact]]:
    """The batch in turns: each resident's first contact, then each one's second, and so
    on, so a resident's later contact is decided with the earlier one's decision known."""
    turns: list[list[repo.Contact]] = []
    seen: dict[int | None, int] = {}
    for contact in contacts:
        n = seen[contact.customer_id] = seen.get(contact.customer_id, -1) + 1
        if n == len(turns):
            turns.append([])
        turns[n].append(contact)
    return turns
