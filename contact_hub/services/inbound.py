"""Inbound use cases: record a message (in the webhook), then route it (in a job).

`receive` commits the contact before anything else happens and is idempotent on
(channel, provider message id): a provider retry creates nothing new and gets the same
answer. `process` runs in a worker; it claims the contact so that running it twice
routes it once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

import routing
from channels.base import ConsentAction, InboundMessage
from contact_hub.clock import Clock
from contact_hub.domain import replies
from contact_hub.domain.references import new_contact_reference
from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.services.identities import resolve_identity, sender_key
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction

logger = logging.getLogger(__name__)

CONVERSATION_WINDOW = timedelta(days=14)
CONTEXT_WINDOW = timedelta(days=60)


RoutedHandler = Callable[[Session, repo.Contact, routing.Decision], list[JobRequest]]
"""Runs in the routing transaction once a contact has a decision (e.g. open an alert for
an emergency, raise a complaint case); returns the jobs to enqueue after commit."""


@dataclass(frozen=True)
class Intake:
    """What the webhook needs to answer the provider."""

    contact_id: int | None
    reference: str | None
    duplicate: bool
    consent_action: str | None = None
    immediate_reply: str | None = None


def process_job(contact_id: int) -> JobRequest:
    return JobRequest(
        func="contact_hub.jobs.process_inbound",
        args=(contact_id,),
        job_id=f"inbound-{contact_id}",
        queue="critical",  # routing decides whether it is an emergency: never wait behind bulk
    )


class InboundService:
    """Records inbound messages and routes contacts."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        outbox: Outbox,
        router: routing.Router,
        clock: Clock,
        organisation: str,
        routed_handlers: Sequence[RoutedHandler] = (),
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.outbox = outbox
        self.router = router
        self.clock = clock
        self.organisation = organisation
        self.routed_handlers = list(routed_handlers)

    # --- in the webhook -----------------------------------------------------------------

    def receive(self, message: InboundMessage) -> Intake:
        """Store `message` (once) and say how to answer; enqueue routing after commit."""
        with transaction(self.sessions) as session:
            if message.consent_action is not None:
                return self._record_consent(session, message)
            existing = repo.contact_by_provider_id(
                session, message.channel, message.provider_message_id
            )
            if existing is not None:
                return self._duplicate(session, existing)
            contact = self._insert_contact(session, message)
            reply = self._immediate_reply(session, contact)
        self.dispatcher.enqueue_all([process_job(contact.id)])
        logger.info("contact received contact_id=%s channel=%s", contact.id, contact.channel)
        return Intake(contact.id, contact.reference, duplicate=False, immediate_reply=reply)

    def _duplicate(self, session: Session, contact: repo.Contact) -> Intake:
        inline = repo.outbound_by_key(session, f"inline-{contact.id}")
        reply = inline.body if inline is not None else None
        return Intake(contact.id, contact.reference, duplicate=True, immediate_reply=reply)

    def _insert_contact(self, session: Session, message: InboundMessage) -> repo.Contact:
        now = self.clock()
        key = sender_key(message.channel, message.sender)
        identity = resolve_identity(session, key, now)
        conversation = self._conversation(session, identity.customer_id, message, now)
        contact = repo.Contact(
            reference=new_contact_reference(),
            channel=message.channel.value,
            provider_message_id=message.provider_message_id,
            customer_id=identity.customer_id,
            identity_id=identity.id,
            conversation_id=conversation.id,
            sender=message.sender,
            recipient=message.recipient,
            subject=message.subject,
            text=message.text,
            received_at=message.received_at,
            raw_payload=message.raw,
            flags=key.flags,
            routing_hint=message.routing_hint,
            status="received",
        )
        contact.attachments = [
            repo.Attachment(url=a.url, content_type=a.content_type) for a in message.attachments
        ]
        session.add(contact)
        session.flush()
        session.add(repo.ContactEvent(contact_id=contact.id, at=now, kind="received", detail={}))
        return contact

    def _conversation(
        self, session: Session, customer_id: int, message: InboundMessage, now: datetime
    ) -> repo.Conversation:
        conversation = repo.latest_conversation(
            session, customer_id, message.channel.value, now - CONVERSATION_WINDOW
        )
        if conversation is None:
            conversation = repo.Conversation(
                customer_id=customer_id,
                channel=message.channel.value,
                started_at=now,
                last_message_at=now,
            )
            session.add(conversation)
            session.flush()
        conversation.last_message_at = now
        return conversation

    def _immediate_reply(self, session: Session, contact: repo.Contact) -> str | None:
        """An emergency gets safety advice in the webhook response itself, recorded."""
        preview = self.router.route(routing.Message(text=contact.text, channel=contact.channel))
        if preview.category != "emergency":
            return None
        body = replies.emergency_immediate(
            contact.reference, preview.safety_advice, self.organisation
        )
        self.outbox.record_inline(
            session,
            NewMessage(
                key=f"inline-{contact.id}",
                kind="safety_advice",
                channel=contact.channel,
                recipient=contact.sender,
                body=body,
                contact_id=contact.id,
                priority="critical",
            ),
            transport="twiml",
        )
        return body

    def _record_consent(self, session: Session, message: InboundMessage) -> Intake:
        assert message.consent_action is not None
        action = message.consent_action
        if repo.consent_change_exists(session, message.channel, message.provider_message_id):
            return Intake(None, None, duplicate=True, consent_action=action.value)
        now = self.clock()
        identity = resolve_identity(session, sender_key(message.channel, message.sender), now)
        session.add(
            repo.ConsentChange(
                identity_id=identity.id,
                channel=message.channel.value,
                provider_message_id=message.provider_message_id,
                action=action.value,
                keyword=message.text.strip()[:40],
                received_at=message.received_at,
            )
        )
        if action == ConsentAction.OPT_OUT:
            identity.opted_out_at = identity.opted_out_at or now
        elif action == ConsentAction.OPT_IN:
            identity.opted_out_at = None
        reply = replies.help_reply(self.organisation) if action == ConsentAction.HELP else None
        logger.info("consent %s identity_id=%s", action.value, identity.id)
        return Intake(
            None, None, duplicate=False, consent_action=action.value, immediate_reply=reply
        )

    # --- in the worker ------------------------------------------------------------------

    def process(self, contact_id: int) -> None:
        """Route a received contact and queue what follows. A second run does nothing."""
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            if not repo.claim_contact_for_routing(session, contact_id):
                logger.info("contact already routed contact_id=%s", contact_id)
                return
            contact = repo.get_contact(session, contact_id)
            assert contact is not None
            decision = self.router.route(self._message(contact), self._context(session, contact))
            self._apply(session, contact, decision)
            jobs.extend(self._follow_up(session, contact, decision))
            for handler in self.routed_handlers:
                jobs.extend(handler(session, contact, decision))
        self.dispatcher.enqueue_all(jobs)
        logger.info(
            "contact routed contact_id=%s category=%s queue=%s",
            contact_id,
            decision.category,
            decision.queue,
        )

    def _message(self, contact: repo.Contact) -> routing.Message:
        return routing.Message(
            text=contact.text,
            channel=contact.channel,
            subject=contact.subject,
            ivr_choice=contact.routing_hint,
        )

    def _context(self, session: Session, contact: repo.Contact) -> routing.Context:
        since = contact.received_at - CONTEXT_WINDOW
        earlier = repo.open_contacts_for_customer(session, contact.customer_id, contact.id, since)
        return routing.Context(
            open_requests=tuple(
                routing.OpenRequest(
                    reference=c.reference,
                    category=c.category or "service_request",
                    queue=c.queue or "general",
                    hazards=tuple((c.decision or {}).get("hazards", ())),
                    opened_at=c.received_at,
                    text=c.text,
                )
                for c in earlier
            ),
            recorded_vulnerabilities=tuple(contact.customer.vulnerabilities or ()),
            now=self.clock(),
        )

    def _apply(self, session: Session, contact: repo.Contact, decision: routing.Decision) -> None:
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

    def _follow_up(
        self, session: Session, contact: repo.Contact, decision: routing.Decision
    ) -> list[JobRequest]:
        if repo.outbound_by_key(session, f"inline-{contact.id}") is not None:
            return []  # the webhook already answered with the reference and safety advice
        identity = session.get(repo.Identity, contact.identity_id)
        assert identity is not None
        _, job = self.outbox.queue(
            session,
            NewMessage(
                key=f"ack-{contact.id}",
                kind="acknowledgement",
                channel=contact.channel,
                recipient=_reply_address(contact, identity),
                body=replies.acknowledgement(
                    contact.reference, decision.category, self.organisation
                ),
                contact_id=contact.id,
                priority="critical" if decision.category == "emergency" else "default",
                suppressed_because=_suppression(identity),
            ),
        )
        return [job] if job else []


def _reply_address(contact: repo.Contact, identity: repo.Identity) -> str:
    if contact.channel == "whatsapp":
        return f"whatsapp:{identity.value}"
    return identity.value


def _suppression(identity: repo.Identity) -> str | None:
    if identity.opted_out_at is not None:
        return "recipient opted out of texts (STOP)"
    if identity.kind == "phone" and not identity.sms_capable:
        return "no SMS-capable number for this sender"
    return None
