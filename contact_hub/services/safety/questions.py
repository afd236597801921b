"""The safety question flow: ask when the router is unsure, read the answer, escalate in time.

1. `on_routed` (a routed handler, in the routing transaction): a contact the router marked
   `ask_safety_question` gets one question row and one outbox message on the resident's own
   channel, in their language where it is held, and a timeout job scheduled for its deadline.
   Where nothing can be sent (opted out, a landline), no answer can come: it escalates at once.
2. `take_reply` (in the routing job of the resident's next message, before that message is
   routed): a reply to a pending question settles it: YES or danger words escalate, NO keeps
   the router's decision. A plain YES or NO is kept with the question rather than routed as
   a new contact; anything else is also routed as a message of its own.
3. `time_out` (the scheduled job) and `check` (every worker's timer): a question still
   pending at its deadline escalates. The row lock and its status make each safe to run twice;
   `check` finds the questions whose job was lost (a worker restart, a Redis outage).

Escalating is the router's own `apply` with an emergency decision, so the alert, the
resident's emergency acknowledgement and the timeline are exactly as for any emergency.
Every step is a `contact_events` row on the contact asked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

import routing
from channels.base import InboundMessage
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import Category, Contact, ContactStatus
from contact_hub.domain.safety import questions as rules
from contact_hub.domain.safety.questions import Action, Status, Step, Wordings
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.identities import sender_key
from contact_hub.services.contacts.routing import (
    ContactRouting,
    reply_address,
    reply_blocked_because,
    reply_channel,
)
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.safety import repository as srepo
from contact_hub.storage.safety.models import SafetyQuestion

logger = logging.getLogger(__name__)

BATCH = 100
QUESTION_KIND = "safety_question"
ANSWER_TEXT_LIMIT = 1000


def timeout_job(question_id: int, at: datetime | None) -> JobRequest:
    """The job that settles a question still unanswered at `at` (None: now)."""
    return JobRequest(
        func=job_names.SAFETY_QUESTION_TIMEOUT,
        args=(question_id,),
        job_id=f"safety-timeout-{question_id}",
        queue="critical",
        at=at,
    )


@dataclass(frozen=True)
class ReplyOutcome:
    """What a resident's message did to their questions."""

    answered: bool  # it settled (or was recorded against) at least one question
    absorbed: bool  # it was only an answer: not routed as a contact of its own


class SafetyQuestions:
    """Asks the safety question, settles it by answer or deadline, escalates when in doubt."""

    def __init__(
        self,
        uow: UnitsOfWork,
        outbox: Outbox,
        contact_routing: ContactRouting,
        clock: Clock,
        *,
        organisation: str,
        wait: timedelta = rules.DEFAULT_WAIT,
        grace: timedelta = timedelta(seconds=20),
        wordings: Wordings | None = None,
    ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.routing = contact_routing
        self.clock = clock
        self.organisation = organisation
        self.wait = wait  # how long the resident has to answer
        self.grace = grace  # a question this overdue was missed by its job: `check` settles it
        self.wordings = wordings or rules.packaged_wordings()

    # --- asking (a routed handler) --------------------------------------------------------

    def on_routed(
        self, uow: UnitOfWork, record: Contact, decision: routing.Decision
    ) -> None:
        """Ask once when the router is unsure; routed again (reclassified), nothing new."""
        if not decision.ask_safety_question or decision.category == Category.EMERGENCY:
            return
        session = uow.session
        if srepo.question_for_contact(session, record.id) is not None:
            return
        contact = uow.contacts.row_of(record)
        now = self.clock()
        identity = session.get(repo.Identity, contact.identity_id) if contact.identity_id else None
        blocked = reply_blocked_because(identity) if identity else "no address to reply to"
        row = SafetyQuestion(
            contact_id=contact.id, identity_id=contact.identity_id,
            channel=reply_channel(contact), language=decision.language,
            status=Status.PENDING.value, asked_at=now, due_at=now + self.wait,
        )
        session.add(row)
        session.flush()
        if blocked or identity is None:
            self._settle(uow, row, rules.on_cannot_ask(blocked or "no address"), now)
            return
        row.outbound_key = f"safety-question-{contact.id}"
        _, send = self.outbox.queue(session, NewMessage(
            key=row.outbound_key, kind=QUESTION_KIND, channel=row.channel,
            recipient=reply_address(contact, identity), contact_id=contact.id,
            body=self.wordings.question(row.language, contact.reference, self.organisation),
            priority="critical",
        ))
        wording = self.wordings.by_language.get(row.language or rules.ENGLISH)
        _event(session, contact.id, now, "safety_question_asked", {
            "question_id": row.id, "channel": row.channel, "due_at": row.due_at.isoformat(),
            "language": row.language, "in_own_language": wording is not None,
            "wording_reviewed": wording.reviewed if wording is not None else None,
        })
        logger.info("safety question asked contact_id=%s question_id=%s", contact.id, row.id)
        uow.enqueue(send, timeout_job(row.id, row.due_at))

    # --- a reply (in the reply's routing job) ---------------------------------------------

    def expects_answer(self, message: InboundMessage) -> bool:
        """Whether `message` may answer a question asked of its sender on its channel (one
        pending, or settled within the late-answer window). A "YES" by SMS is also Twilio's
        opt-in keyword: from someone we asked, it is their answer as well."""
        key = sender_key(message.channel, message.sender)
        with self.uow() as uow:
            identity = repo.identity_by_value(uow.session, key.kind, key.value)
            if identity is None:
                return False
            return srepo.may_be_answered(uow.session, identity.id, message.channel.value,
                                         message.received_at - rules.LATE_ANSWER_WINDOW)

    def take_reply(self, uow: UnitOfWork, reply: repo.Contact) -> ReplyOutcome:
        """Settle the sender's questions with `reply`, if it answers any (what follows is
        enqueued in `uow`)."""
        if reply.identity_id is None:
            return ReplyOutcome(False, False)
        session = uow.session
        questions = srepo.questions_a_reply_may_answer(
            session, reply.identity_id, reply.channel, reply.received_at,
            reply.received_at - rules.LATE_ANSWER_WINDOW)
        pending = [q for q in questions if q.status == Status.PENDING]
        targets = pending or list(questions[:1])
        if not targets:
            return ReplyOutcome(False, False)
        preview = self.routing.router.route(
            routing.Message(text=reply.text, channel=reply.channel), preview=True)
        danger = preview.category == Category.EMERGENCY
        now = self.clock()
        answered = absorbed = False
        for question in targets:
            reading = rules.read_reply(reply.text, self.wordings.for_reply(question.language),
                                       danger_by_rules=danger)
            step = rules.on_reply(Status(question.status), reading, question.settled_at,
                                  reply.received_at)
            if step.action == Action.NOTHING:
                continue
            answered = True
            absorbed |= step.absorb_reply
            self._settle(uow, question, step, now, reading, reply)
        # A reply whose own words are an emergency is routed as one too (it joins the alert).
        absorbed = absorbed and not danger
        if absorbed:
            _absorb(session, reply, now, [q.contact_id for q in targets])
        return ReplyOutcome(answered, absorbed)

    # --- the deadline (the scheduled job, and every worker's timer) ---------------------------

    def time_out(self, question_id: int) -> None:
        """Escalate the question if it is still unanswered at its deadline. Safe to run twice."""
        with self.uow() as uow:
            row = srepo.lock_question(uow.session, question_id)
            if row is None:
                return
            now = self.clock()
            step = rules.on_timeout(Status(row.status), row.due_at, now)
            if step.action == Action.WAIT:
                logger.info("safety question not due yet question_id=%s", question_id)
                return  # `check` settles it once it is overdue
            if step.action != Action.NOTHING:
                self._settle(uow, row, step, now)
            uow.commit()

    def check(self) -> int:
        """Settle questions overdue by more than the grace (their job was lost); return how
        many were found."""
        with self.uow() as uow:
            overdue = srepo.overdue_questions(uow.session, self.clock() - self.grace, BATCH)
        for question_id in overdue:
            logger.warning("safety question overdue, settled by the sweep question_id=%s",
                           question_id)
            self.time_out(question_id)
        return len(overdue)

    # --- settling ------------------------------------------------------------------------------

    def _settle(
        self, uow: UnitOfWork, row: SafetyQuestion, step: Step, now: datetime,
        reading: rules.Reading | None = None, reply: repo.Contact | None = None,
    ) -> None:
        session = uow.session
        contact = repo.get_contact(session, row.contact_id)
        assert contact is not None
        settling = row.status == Status.PENDING or step.status != row.status
        if settling:
            row.status, row.settled_at = step.status.value, now
            if reading is not None and reply is not None:
                row.answer, row.answer_contact_id = reading.answer.value, reply.id
                row.answer_text = reply.text[:ANSWER_TEXT_LIMIT]
        kind = _EVENT_KINDS[step.status] if settling else "safety_question_late_answer"
        detail: dict[str, object] = {"question_id": row.id, "status": row.status,
                                     "why": step.why, "action": step.action.value}
        if reading is not None and reply is not None:
            detail |= {"answer": reading.answer.value, "reply_contact_id": reply.id,
                       "reply_reference": reply.reference}
        _event(session, contact.id, now, kind, detail)
        if step.action != Action.ESCALATE or contact.category == Category.EMERGENCY:
            return
        decision = self._emergency(contact, row, step)
        self.routing.apply(uow, contact, decision, f"ack-emergency-{contact.id}")
        _event(session, contact.id, now, "safety_question_escalated",
               {"question_id": row.id, "why": step.why})
        logger.warning("safety question escalated contact_id=%s status=%s", contact.id,
                       row.status)

    def _emergency(self, contact: repo.Contact, row: SafetyQuestion, step: Step
                   ) -> routing.Decision:
        """The router's decision on the contact, raised to an emergency by the question."""
        before = contact.decision or {}
        reasons = tuple(routing.Reason(r["cue"], r["words"]) for r in before.get("reasons", ()))
        advice = self.routing.router.advice.in_language((), row.language)
        return routing.Decision(
            category=Category.EMERGENCY, priority=1, queue="emergencies",
            reasons=(*reasons, routing.Reason(f"safety_question:{row.status}", step.why)),
            hazards=tuple(before.get("hazards", ())),
            vulnerabilities=tuple(before.get("vulnerabilities", ())),
            also_complaint=before.get("category") == "complaint" or bool(
                before.get("also_complaint")),
            safety_advice=advice, related_request=before.get("related_request"),
            language=row.language,
        )


_EVENT_KINDS = {
    Status.ANSWERED_YES: "safety_question_answered",
    Status.ANSWERED_NO: "safety_question_answered",
    Status.UNCLEAR: "safety_question_answered",
    Status.TIMED_OUT: "safety_question_timed_out",
    Status.NOT_ASKED: "safety_question_not_asked",
    Status.PENDING: "safety_question_late_answer",
}


def _event(session: Session, contact_id: int, at: datetime, kind: str,
           detail: dict[str, object]) -> None:
    session.add(repo.ContactEvent(contact_id=contact_id, at=at, kind=kind, detail=detail))


def _absorb(session: Session, reply: repo.Contact, now: datetime, asked: list[int]) -> None:
    """A plain YES or NO is kept as the answer it is: routed nowhere, resolved at once."""
    reply.status, reply.routed_at = ContactStatus.ROUTED, now
    reply.resolved_at, reply.resolved_by = now, "system"
    _event(session, reply.id, now, "safety_answer", {"answers_contacts": asked})
