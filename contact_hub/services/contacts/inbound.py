"""Inbound use cases: record a message (in the webhook), then route it (in a job).

`receive` commits the contact before anything else happens and is idempotent on
(channel, provider message id): a provider retry creates nothing new and gets the same
answer. An ordinary message is "accepted, then enriched": the webhook stores it in one
autocommitted INSERT and answers; every worker's `hand_off` (a few times a second) gives
accepted contacts to the queues, and `process` links each to its resident and
conversation, then routes it. What the webhook must decide at once still happens there: an
emergency (by the router's safety preview) is threaded, answered with safety advice and
queued as critical in the webhook itself. `process` claims the contact so that running it
twice routes it once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

import routing
from channels.base import Channel, ConsentAction, InboundMessage
from channels.meta_window import WINDOW_CHANNELS
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.contacts import replies
from contact_hub.domain.contacts.references import new_contact_reference
from contact_hub.domain.contacts.types import Category, ContactStatus
from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.services.contacts.identities import SenderKey, resolve_identity, sender_key
from contact_hub.services.contacts.routing import ContactRouting
from contact_hub.services.email.threads import reply_thread
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.safety.questions import SafetyQuestions
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage import intake_store
from contact_hub.storage import repository as repo
from contact_hub.storage.db import lost_a_race, retry_on_disconnect
from contact_hub.storage.intake_store import ContactRow

logger = logging.getLogger(__name__)

CONVERSATION_WINDOW = timedelta(days=14)
CONTEXT_WINDOW = timedelta(days=60)
HAND_OFF_BATCH = 500
# A routing batch the database undid this many times (deadlocks) goes one by one instead.
BATCH_ATTEMPTS = 3


class _AlreadyStored(Exception):
    """The provider sent this message before (a retried webhook)."""


@dataclass(frozen=True)
class Intake:
    """What the webhook needs to answer the provider."""

    contact_id: int | None
    reference: str | None
    duplicate: bool
    consent_action: str | None = None
    immediate_reply: str | None = None
    # An emergency's safety advice, however it goes out (for a page to show at once).
    safety_advice: str | None = None


def process_job(contact_id: int, *, urgent: bool = True, fresh: bool = False) -> JobRequest:
    """Route a contact in a worker. Emergencies (and anything we have not previewed, such
    as calls and recovered work) go on `critical`, ahead of the day's ordinary contacts."""
    return JobRequest(
        func=job_names.PROCESS_INBOUND,
        args=(contact_id,),
        job_id=f"inbound-{contact_id}",
        queue="critical" if urgent else "default",
        fresh=fresh,
    )


def batch_job(batch: str, contact_ids: Sequence[int]) -> JobRequest:
    """Route ordinary contacts handed off together (`batch` names the job, and is written
    on each contact it owns), on `default`."""
    return JobRequest(
        func=job_names.ROUTE_BATCH,
        args=(batch, list(contact_ids)),
        job_id=batch,
        queue="default",
        fresh=True,
    )


class InboundService:
    """Records inbound messages and routes contacts."""

    def __init__(
        self,
        uow: UnitsOfWork,
        dispatcher: Dispatcher,
        outbox: Outbox,
        contact_routing: ContactRouting,
        clock: Clock,
        *,
        safety: SafetyQuestions | None = None,
        acknowledgements: Callable[[InboundMessage], str | None] | None = None,
        batch_size: int = 20,
    ) -> None:
        self.uow = uow
        self.engine: Engine = uow.engine  # the webhook's one INSERT needs no session
        self.dispatcher = dispatcher
        self.outbox = outbox
        self.clock = clock
        # What follows routing (placing the contact, the alert, the complaint, the hazard
        # case), in order; the reclassifier shares its handlers.
        self.routing = contact_routing
        self.router = contact_routing.router
        self.organisation = contact_routing.organisation
        self.paging = contact_routing.paging  # may the words promise someone is alerted?
        # On-call staff's "ACK code" texts: answered, never stored as contacts.
        self.acknowledgements = acknowledgements
        # A resident's answer to the safety question: read before the message is routed; a
        # plain YES or NO is kept with its question, not routed.
        self.safety = safety
        self.batch_size = batch_size  # ordinary contacts one routing job takes at once

    # --- in the webhook -----------------------------------------------------------------

    def receive(
        self, message: InboundMessage, *, await_transcript: bool = False, answer_inline: bool = True
    ) -> Intake:
        """Store `message` (once) and say how to answer; enqueue routing after commit.

        With `await_transcript` (a voicemail) the contact is routed by `record_transcript`
        or `transcript_unavailable` instead, or by the sweeper if neither comes.
        A channel whose webhook cannot carry a reply (`answer_inline=False`: Meta, email,
        the web form) gets an emergency's immediate safety advice as a critical outbox
        message instead (`Intake.safety_advice` has it too, for a page to show at once).
        """
        if self.acknowledgements is not None and not await_transcript:
            ack_reply = self.acknowledgements(message)
            if ack_reply is not None:
                return Intake(None, None, duplicate=False, immediate_reply=ack_reply)
        if message.consent_action is not None:
            with self.uow() as uow:
                consent = self._record_consent(uow.session, message)
                uow.commit()
            if not self._answers_safety_question(message):
                return consent
            message = replace(message, consent_action=None)  # also stored as the answer
        preview = self._preview(message.channel.value, message.text)
        if not await_transcript and _accept_only(message, preview):
            # The sender is normalised when the worker threads it (`thread_contact`).
            row = self._contact_row(message, ContactStatus.ACCEPTED, flags=[])
            return self._accept(row, message, answer_inline)
        key = sender_key(message.channel, message.sender)
        status = ContactStatus.AWAITING_TRANSCRIPT if await_transcript else ContactStatus.RECEIVED
        row = self._contact_row(message, status, key.flags)

        def store() -> tuple[int, str | None]:
            with self.uow() as uow:
                contact_id = self._record(uow.session, key, row, message)
                advice = self._immediate_reply(uow, contact_id, row, preview, answer_inline)
                if not await_transcript:
                    urgent = preview is None or preview.category == Category.EMERGENCY
                    uow.enqueue(process_job(contact_id, urgent=urgent, fresh=True))
                uow.commit()
                return contact_id, advice

        try:
            contact_id, advice = retry_on_disconnect(store)
        except _AlreadyStored:
            return self._duplicate(message, answer_inline)
        logger.info("contact received contact_id=%s channel=%s", contact_id, row.channel)
        return Intake(contact_id, row.reference, duplicate=False,
                      immediate_reply=advice if answer_inline else None, safety_advice=advice)

    def receive_in(self, uow: UnitOfWork, message: InboundMessage) -> Intake:
        """Store `message` in the caller's unit of work (a page of email stored at once),
        as `receive` does with `answer_inline=False`: its jobs (its routing job included)
        are enqueued when the caller commits, and dropped if the caller rolls back.

        The caller has found the message not stored yet (a page of email asks for all its
        messages in one query); if another writer stores it meanwhile, this raises and
        rolls the caller's transaction back. Email only: a message `receive` treats
        specially (a consent keyword, an on-call "ACK" text) raises ValueError.
        """
        if message.channel != Channel.EMAIL or message.consent_action is not None:
            raise ValueError("store this message with `receive`")
        preview = self._preview(message.channel.value, message.text)
        key = sender_key(message.channel, message.sender)
        row = self._contact_row(message, ContactStatus.RECEIVED, key.flags)
        contact_id = self._record(uow.session, key, row, message)
        advice = self._immediate_reply(uow, contact_id, row, preview, False)
        urgent = preview is None or preview.category == Category.EMERGENCY
        uow.enqueue(process_job(contact_id, urgent=urgent, fresh=True))
        return Intake(contact_id, row.reference, duplicate=False, safety_advice=advice)

    def _answers_safety_question(self, message: InboundMessage) -> bool:
        """An opt-in keyword ("YES") from a resident asked the safety question is their
        answer too: stored as a message (once: a retried webhook finds it stored)."""
        return (
            message.consent_action == ConsentAction.OPT_IN
            and self.safety is not None
            and self.safety.expects_answer(message)
        )

    def answer_while_spilled(self, message: InboundMessage) -> str | None:
        """The webhook's answer when `message` could only be spilled (the database is
        down): an emergency still gets its safety advice at once; its reference follows by
        text once the message is stored (replayed with `answer_inline=False`)."""
        preview = self._preview(message.channel.value, message.text)
        if preview is None or preview.category != Category.EMERGENCY:
            return None
        return replies.emergency_immediate("to follow by text", preview.safety_advice,
                                           self.organisation)

    def _accept(self, row: ContactRow, message: InboundMessage, answer_inline: bool) -> Intake:
        """One autocommitted INSERT, nothing else: `hand_off` and `process` do the rest."""
        contact_id = retry_on_disconnect(lambda: intake_store.accept_contact(self.engine, row))
        if contact_id is None:
            return self._duplicate(message, answer_inline)
        logger.info("contact accepted contact_id=%s channel=%s", contact_id, row.channel)
        return Intake(contact_id, row.reference, duplicate=False)

    def _record(
        self, session: Session, key: SenderKey, row: ContactRow, message: InboundMessage
    ) -> int:
        """Thread the message to its customer and conversation and insert it, or raise
        `_AlreadyStored` (rolling the transaction back) if the provider sent it before."""
        now = self.clock()
        connection = session.connection()
        # An email reply joins the conversation it answers, if that is the sender's own.
        thread = reply_thread(connection, key, message, now) or intake_store.thread_for(
            connection, key, row.channel, now, now - CONVERSATION_WINDOW
        )
        contact_id = intake_store.insert_contact(connection, thread, row)
        if contact_id is None:
            raise _AlreadyStored
        return contact_id

    def _duplicate(self, message: InboundMessage, answer_inline: bool) -> Intake:
        with self.uow() as uow:
            existing = uow.contacts.by_provider_id(message.channel, message.provider_message_id)
            assert existing is not None  # a contact is never deleted
            self._adopt_sender(uow.session, existing, message)
            inline = repo.outbound_by_key(uow.session, f"inline-{existing.id}")
            reply = inline.body if inline is not None and answer_inline else None
            uow.commit()
            return Intake(existing.id, existing.reference, duplicate=True, immediate_reply=reply)

    @staticmethod
    def _contact_row(message: InboundMessage, status: str, flags: list[str]) -> ContactRow:
        return ContactRow(
            reference=new_contact_reference(),
            channel=message.channel.value,
            provider_message_id=message.provider_message_id,
            sender=message.sender,
            recipient=message.recipient,
            subject=message.subject,
            text=message.text,
            received_at=message.received_at,
            raw_payload=message.raw,
            flags=flags,
            routing_hint=message.routing_hint,
            status=status,
            attachments=tuple((a.url, a.content_type, a.filename) for a in message.attachments),
            reply_channel=message.reply_channel.value if message.reply_channel else None,
            reply_to=message.reply_to,
        )

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

    def _preview(self, channel: str, text: str) -> routing.Decision | None:
        """The router's quick view from the words alone (context can only add urgency)."""
        if channel == Channel.VOICE.value:
            return None  # a call hears its advice from the IVR; the reference goes by SMS
        return self.router.route(routing.Message(text=text, channel=channel), preview=True)

    def _immediate_reply(
        self,
        uow: UnitOfWork,
        contact_id: int,
        row: ContactRow,
        preview: routing.Decision | None,
        inline: bool,
    ) -> str | None:
        """An emergency gets safety advice at once: in the webhook response itself
        (recorded as sent), or where the response cannot carry it, as the first message
        out (critical). Either way the routing job then sends no second acknowledgement.
        Returns the advice (None: not an emergency)."""
        if preview is None or preview.category != Category.EMERGENCY:
            return None
        body = replies.emergency_immediate(
            row.reference, preview.safety_advice, self.organisation, self.paging()
        )
        advice = NewMessage(
            key=f"inline-{contact_id}",
            kind="safety_advice",
            channel=row.reply_channel or row.channel,
            recipient=row.reply_to or row.sender,
            body=body,
            contact_id=contact_id,
            priority="critical",
        )
        if not inline:
            _, job = self.outbox.queue(uow.session, advice)
            uow.enqueue(job)
            return body
        self.outbox.record_inline(uow.session, advice, transport="twiml")
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

    # --- voicemail transcripts (in the webhook) -----------------------------------------

    def record_transcript(self, message: InboundMessage) -> Intake:
        """A voicemail's transcript (same provider id as its recording) becomes its text.

        A voicemail awaiting its transcript is released for routing; one already routed
        (the transcript came late) is classified again and escalated if the transcript
        describes an emergency. With no recording stored yet, the transcript is the contact.
        """
        with self.uow() as uow:
            contact = uow.contacts.by_provider_id(message.channel, message.provider_message_id)
            if contact is not None:
                self._adopt_sender(uow.session, contact, message)
                duplicate = contact.text == message.text
                if not duplicate:
                    self._apply_transcript(uow, contact, message)
                uow.commit()
                return Intake(contact.id, contact.reference, duplicate=duplicate)
        return self.receive(message)

    def transcript_unavailable(self, channel: Channel, provider_message_id: str) -> None:
        """Transcription failed: route the voicemail now on what we have (its recording)."""
        with self.uow() as uow:
            contact = uow.contacts.by_provider_id(channel, provider_message_id)
            if contact is None or contact.status != ContactStatus.AWAITING_TRANSCRIPT:
                return
            self._release(uow.session, contact, "transcript_unavailable")
            uow.enqueue(process_job(contact.id))
            uow.commit()

    def _apply_transcript(
        self, uow: UnitOfWork, contact: repo.Contact, message: InboundMessage
    ) -> None:
        session = uow.session
        now = self.clock()
        detail = {"previous_text": contact.text}
        contact.text = message.text
        known = {a.url for a in contact.attachments}
        contact.attachments.extend(
            repo.Attachment(url=a.url, content_type=a.content_type, filename=a.filename)
            for a in message.attachments
            if a.url not in known
        )
        session.add(
            repo.ContactEvent(contact_id=contact.id, at=now, kind="transcribed", detail=detail)
        )
        if contact.status == ContactStatus.AWAITING_TRANSCRIPT:
            self._release(session, contact, None)
            uow.enqueue(process_job(contact.id))
        elif contact.status == ContactStatus.ROUTED and contact.category != Category.EMERGENCY:
            self._escalate_if_emergency(uow, contact)
        # else: still waiting for its routing job, which reads the new text

    def _release(self, session: Session, contact: repo.Contact, why: str | None) -> None:
        contact.status = ContactStatus.RECEIVED
        if why:
            session.add(
                repo.ContactEvent(contact_id=contact.id, at=self.clock(), kind=why, detail={})
            )

    def _escalate_if_emergency(self, uow: UnitOfWork, contact: repo.Contact) -> None:
        decision = self.routing.decide(uow.session, contact)
        if decision.category != Category.EMERGENCY:
            return  # a late transcript only ever upgrades: the caller already has an answer
        self.routing.apply(uow, contact, decision, f"ack-emergency-{contact.id}")
        logger.warning("voicemail escalated on its transcript contact_id=%s", contact.id)

    def _adopt_sender(
        self, session: Session, contact: repo.Contact, message: InboundMessage
    ) -> None:
        """A voicemail first stored from a callback without From gets its caller later."""
        if contact.sender or not message.sender:
            return
        key = sender_key(message.channel, message.sender)
        identity = resolve_identity(session, key, self.clock())
        conversation = self._conversation(session, identity.customer_id, message, self.clock())
        contact.sender = message.sender
        contact.identity_id = identity.id
        contact.customer_id = identity.customer_id
        contact.conversation_id = conversation.id
        contact.flags = key.flags

    # --- in the worker ------------------------------------------------------------------

    def hand_off(self, limit: int = HAND_OFF_BATCH) -> int:
        """Queue routing jobs for the accepted contacts (oldest first), up to `batch_size`
        contacts a job; return how many contacts were handed off.

        Every worker runs this a few times a second. The rows stay locked (SKIP LOCKED:
        two workers take different ones) until their jobs are in Redis; if Redis is down
        nothing changes and the next round tries again. (So, unlike other use cases, the
        jobs go before the commit: a routing job finds its contacts `received`.) Each
        contact records the job that owns it, which the sweeper asks about.
        """
        with self.uow() as uow:
            accepted = uow.contacts.lock_accepted(limit)
            jobs: list[JobRequest] = []
            handed = 0
            for start in range(0, len(accepted), self.batch_size):
                batch = f"batch-{accepted[start]}"
                moved = uow.contacts.hand_to(accepted[start:start + self.batch_size], batch)
                if moved:
                    jobs.append(batch_job(batch, moved))
                    handed += len(moved)
            if self.dispatcher.enqueue_all(jobs) < len(jobs):
                return 0  # rolled back: they stay accepted
            uow.commit()
        return handed

    def route_batch(self, batch: str, contact_ids: Sequence[int]) -> None:
        """Route together the contacts routing job `batch` still owns (`route_together`);
        what another job routed or took on meanwhile is left alone, so running it twice
        routes each contact once and acknowledges it once.

        A batch the database undid to let a racing transaction go first (a deadlock, a
        serialization failure) is run again; one that fails otherwise (a contact that
        cannot be routed), or keeps losing, hands each of its contacts still waiting to a
        routing job of its own, so one bad contact holds up none of the others (its own job
        fails, and the sweeper retries it and in the end hands it to a person)."""
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            try:
                self.route_together(batch, contact_ids)
                return
            except Exception as error:
                if not (lost_a_race(error) and attempt < BATCH_ATTEMPTS):
                    logger.exception("routing batch failed, its contacts go one by one "
                                     "batch=%s contacts=%s", batch, len(contact_ids))
                    break
                logger.warning("routing batch lost a race, running it again batch=%s", batch)
        with self.uow() as uow:
            given = uow.contacts.hand_on(contact_ids, batch, lambda i: process_job(i).job_id)
            uow.enqueue_all(process_job(i, urgent=False) for i in given)
            uow.commit()

    def route_together(self, batch: str, contact_ids: Sequence[int]) -> None:
        """Claim the contacts routing job `batch` owns, thread them, route them (one pass
        of the router, the decisions and acknowledgements written together) and commit once;
        then send the acknowledgements, claimed together and recorded together."""
        with self.uow() as uow:
            contacts = uow.contacts.claim_batch(contact_ids, batch)
            session = uow.session
            for contact in contacts:
                thread_contact(session, contact, flush=False)
            session.flush()  # the threading of them all, written together
            # Held until the commit, read in two queries (see `_route`).
            _held = (repo.rows_by_ids(session, repo.Identity, (c.identity_id for c in contacts)),
                     repo.rows_by_ids(session, repo.Customer, (c.customer_id for c in contacts)))
            routed = [c for c in contacts if not self._absorbed(uow, c)]
            decisions = self.routing.route_many(uow, routed) if routed else []
            self._send_after_commit(uow, uow.take_jobs())
            uow.commit()
        for contact, decision in zip(routed, decisions, strict=True):
            logger.info("contact routed contact_id=%s category=%s queue=%s",
                        contact.id, decision.category, decision.queue)

    def _absorbed(self, uow: UnitOfWork, contact: repo.Contact) -> bool:
        """Was `contact` a plain answer to the safety question (kept with it, not routed)?"""
        answer = self.safety.take_reply(uow, contact) if self.safety else None
        if answer is not None and answer.absorbed:
            logger.info("contact was an answer to the safety question contact_id=%s",
                        contact.id)
            return True
        return False

    def process(self, contact_id: int) -> None:
        """Thread (if accepted) and route a contact, and queue what follows (its
        acknowledgement's send too). A second run does nothing."""
        self._route(contact_id, lambda uow, jobs: uow.enqueue_all(jobs))

    def process_and_acknowledge(self, contact_id: int) -> None:
        """`process`, but the resident's acknowledgement is sent from here, after the
        commit, rather than by a job of its own: what the routing job runs, saving a whole
        job's Redis round trips and bookkeeping per contact. What others do (an alert's
        steps, its Slack post) is queued first; a send the provider cannot take now gets
        its own job, which retries it."""
        self._route(contact_id, self._send_after_commit)

    def _send_after_commit(self, uow: UnitOfWork, jobs: list[JobRequest]) -> None:
        """Enqueue `jobs` on commit, but send the messages due now from this job after it."""
        uow.enqueue_all([j for j in jobs if not self.outbox.sends_now(j)])
        sends = [j for j in jobs if self.outbox.sends_now(j)]
        if sends:
            uow.after_commit(lambda: self.dispatcher.enqueue_all(self.outbox.send_now(sends)))

    def _route(
        self, contact_id: int, settle: Callable[[UnitOfWork, list[JobRequest]], None]
    ) -> None:
        with self.uow() as uow:
            if not uow.contacts.claim_for_routing(contact_id):
                logger.info("contact already routed contact_id=%s", contact_id)
                return
            contact = uow.contacts.get(contact_id)
            assert contact is not None
            session = uow.session
            thread_contact(session, contact)
            # Held until the commit: a session keeps only weak references to rows it has not
            # changed, so each `session.get` of the sender's identity (the acknowledgement,
            # routed handlers) would read it again once the last one's caller let go.
            _sender = (session.get(repo.Identity, contact.identity_id)
                       if contact.identity_id else None)
            decision = None if self._absorbed(uow, contact) else self.routing.route(uow, contact)
            settle(uow, uow.take_jobs())
            uow.commit()
        if decision is None:
            return
        logger.info(
            "contact routed contact_id=%s category=%s queue=%s",
            contact_id,
            decision.category,
            decision.queue,
        )



def thread_contact(session: Session, contact: repo.Contact, *, flush: bool = True) -> None:
    """Link a contact the webhook only accepted to its resident, identity and open
    conversation, as the webhook would have done when it arrived (the conversation window
    counts from then). A contact already threaded is left as it is. (`flush=False`: the
    caller writes it, with others.)"""
    if contact.conversation_id is not None:
        return
    key = sender_key(Channel(contact.channel), contact.sender)
    at = contact.received_at
    thread = intake_store.thread_for(
        session.connection(), key, contact.channel, at, at - CONVERSATION_WINDOW
    )
    contact.customer_id = thread.customer_id
    contact.identity_id = thread.identity_id
    contact.conversation_id = thread.conversation_id
    contact.flags = key.flags
    if flush:
        session.flush()


def _accept_only(message: InboundMessage, preview: routing.Decision | None) -> bool:
    """May the webhook just store this message, leaving the rest to a worker?

    Not an emergency (or a call, which has no preview): those are threaded, answered and
    queued as critical at once. Not email, whose replies thread by their headers; not a
    channel with a reply window (Meta's 24 hours), which is read from the conversation, so
    it must be current before any reply to the resident goes out; nor a message with
    attachments (more than one INSERT).
    """
    return (
        preview is not None
        and preview.category != Category.EMERGENCY
        and message.channel != Channel.EMAIL
        and message.channel not in WINDOW_CHANNELS
        and not message.attachments
    )
