"""Satisfaction surveys after resolved contacts: asking (a periodic job, safe to run twice)
and reading the reply (a routed handler).

Asking: every worker's timer calls ``ask_due``; each resolved contact gets at most one
survey row (unique per contact) and one outbox message (keyed by the contact), queued in
the same transaction, so a second run or a second worker adds nothing. A contact whose
resident is not to be asked gets a row saying why, so it is not looked at again; one
waiting for an emergency to be resolved is looked at again until it is. The rules are
``domain.reports.satisfaction.should_ask``.

Answering: the reply comes in as an ordinary contact and is routed like any other, so a
complaint in it raises a complaint through the usual path. This handler, run after the
others, stores a reply starting "1".."5" (and any words after it) against the survey,
notes the complaint it raised if any, and takes a bare score out of the agents' queue;
words without a score are an ordinary new contact.
"NO SURVEYS" opts the resident out.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

import routing
from channels.base import Channel
from channels.meta_window import WINDOW_CHANNELS, free_text_window
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import Contact
from contact_hub.domain.reports.satisfaction import (
    SurveyCandidate,
    read_answer,
    should_ask,
    survey_question,
)
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.identities import sender_key
from contact_hub.services.contacts.messaging_window import last_inbound_at
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.services.workspace.agent_work import mark_resolved
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.reports import repository as rrepo

logger = logging.getLogger(__name__)

LOOK_BACK = timedelta(days=3)  # resolved longer ago than this is too late to ask
ANSWER_WINDOW = timedelta(days=14)
BATCH = 200
OPT_OUT = re.compile(r"^\s*no\s+(more\s+)?surveys?\s*[.!]?\s*$", re.IGNORECASE)
SURVEY_CHANNELS = ("sms", "whatsapp", "messenger", "instagram", "email")
ACTOR = "satisfaction survey"


class SatisfactionSurveys:
    """Asks residents how we did after a resolved contact, and keeps their answers."""

    def __init__(
        self,
        uow: UnitsOfWork,
        outbox: Outbox,
        clock: Clock,
        *,
        organisation: str,
        delay: timedelta,
        min_gap: timedelta,
    ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.clock = clock
        self.organisation = organisation
        self.delay = delay
        self.min_gap = min_gap

    def ask_due(self) -> int:
        """Ask every resident whose resolved contact is due a survey; how many were asked."""
        now = self.clock()
        asked = 0
        with self.uow() as uow:
            for contact in rrepo.resolved_without_survey(
                uow.session, now - LOOK_BACK, now - self.delay, BATCH, ACTOR
            ):
                was_asked, job = self._maybe_ask(uow.session, contact, now)
                asked += was_asked
                uow.enqueue(job)
            uow.commit()
        if asked:
            logger.info("satisfaction surveys asked count=%s", asked)
        return asked

    def _maybe_ask(
        self, session: Session, contact: repo.Contact, now: datetime
    ) -> tuple[bool, JobRequest | None]:
        """Whether the resident was asked, and the survey's send job if the outbox made one."""
        customer = repo.customer_of(contact)
        channel, recipient = self._route(session, contact)
        assert contact.resolved_at is not None  # selected as resolved
        candidate = SurveyCandidate(
            contact_id=contact.id,
            channel=contact.channel,
            resolved_at=contact.resolved_at,
            opted_out=customer.surveys_opted_out_at is not None,
            open_emergency=rrepo.has_open_emergency(session, customer.id),
            last_asked_at=rrepo.last_survey_asked(session, customer.id),
            channel_open=channel is not None,
        )
        ask, why = should_ask(candidate, now=now, delay=self.delay, min_gap=self.min_gap)
        if not ask or channel is None or recipient is None:
            if not candidate.open_emergency:  # final: recorded, so it is not looked at again
                session.add(rrepo.ContactSurvey(
                    contact_id=contact.id, customer_id=customer.id, channel=contact.channel,
                    agent=contact.resolved_by, asked_at=now, skipped_reason=why[:100]))
            return False, None
        session.add(rrepo.ContactSurvey(
            contact_id=contact.id, customer_id=customer.id, channel=channel,
            agent=contact.resolved_by, asked_at=now))
        _, job = self.outbox.queue(session, NewMessage(
            key=f"survey-contact-{contact.id}", kind="satisfaction_survey", channel=channel,
            recipient=recipient, body=survey_question(self.organisation, contact.reference),
            contact_id=contact.id, priority="low"))
        session.flush()
        return True, job

    def _route(self, session: Session, contact: repo.Contact) -> tuple[str | None, str | None]:
        """The resident's own channel, if it can carry the question now."""
        channel = contact.channel
        if channel not in SURVEY_CHANNELS or channel not in self.outbox.transports:
            return None, None
        if channel in WINDOW_CHANNELS:
            last = last_inbound_at(session, Channel(channel), contact.sender)
            if not free_text_window(channel, last, self.clock()).allowed:
                return None, None
        if channel == "sms":
            key = sender_key(Channel.SMS, contact.sender)
            identity = repo.identity_by_value(session, key.kind, key.value)
            if identity is not None and identity.opted_out_at is not None:
                return None, None
        return channel, contact.sender

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, _decision: routing.Decision
    ) -> None:
        """Routed handler: a reply to a survey asked in the last 14 days is its answer."""
        session, row = uow.session, uow.contacts.row_of(contact)
        customer = repo.customer_of(row)
        text = row.text or ""
        if OPT_OUT.match(text):
            customer.surveys_opted_out_at = contact.received_at
            mark_resolved(session, row, ACTOR, self.clock(), {"surveys": "opted out"})
            return
        survey = rrepo.survey_awaiting_answer(
            session, customer.id, contact.received_at - ANSWER_WINDOW)
        if survey is None or survey.contact_id == contact.id:
            return
        score, comment = read_answer(text)
        if score is None:
            return  # words alone are a new contact, not an answer
        survey.score, survey.comment = score, comment
        survey.answered_at = contact.received_at
        raised = crepo.complaint_for_contact(session, contact.id)
        survey.complaint_reference = raised.reference if raised else None
        if comment is None:  # a bare score needs nobody's attention
            mark_resolved(session, row, ACTOR, self.clock(), {"survey_score": score})
        logger.info("survey answered survey_id=%s contact_id=%s", survey.id, contact.id)
