"""Complaint cases (issue 5): thin use cases over the pure core in ``domain.complaints``.

Each use case loads the case under a row lock (and an optimistic version check),
applies one domain action, saves it, and queues any letter to the complainant in
the same transaction through the outbox; send jobs are enqueued after commit.
Reminders and breach alerts live in ``complaint_monitor``.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

import routing
from channels.base import Channel
from contact_hub.clock import Clock
from contact_hub.domain import complaints as domain
from contact_hub.domain.complaint_messages import (
    Message,
    acknowledgement_message,
    decline_message,
    extension_notice,
    satisfaction_survey_question,
    stage_response_message,
)
from contact_hub.domain.complaint_reports import complaints_report
from contact_hub.domain.complaint_serialisation import complaint_to_dict
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.references import ALPHABET, LENGTH
from contact_hub.domain.working_days import CalendarNotCovered, WorkingCalendar, end_of_london_day
from contact_hub.domain.working_days import london_date as to_london_date
from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.services.identities import resolve_identity, sender_key
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import complaint_repository as crepo
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction

logger = logging.getLogger(__name__)

SYSTEM = "system"
SURVEY_ANSWER_WINDOW = timedelta(days=14)
SURVEY_REPLY = re.compile(r"^\s*([1-5])\s*[.!]?\s*$")
PHONE_CHANNELS = ("sms", "whatsapp", "voice", "phone")
# Channels letters can go back through; anything else is answered by post.
REPLY_CHANNELS = ("sms", "whatsapp", "email", "messenger", "instagram", "letter")


def new_complaint_reference() -> str:
    """A reference like ``CMP-7K3QM9P``: distinct from contact references (``CH-``)."""
    return "CMP-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


@dataclass(frozen=True)
class ResidentDetails:
    """Who is complaining, as an agent records it (phone, letter, in person)."""

    name: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    kind: domain.ComplainantKind = domain.ComplainantKind.RESIDENT
    advocate: domain.Advocate | None = None
    preferred_channel: str | None = None


@dataclass(frozen=True)
class NewComplaint:
    """A complaint recorded through the API, possibly received outside the system."""

    resident: ResidentDetails
    channel: str
    text: str
    received_at: datetime | None = None
    issue_occurred_on: date | None = None
    concerns_health_and_safety: bool = False
    concerns_safeguarding: bool = False
    building_id: str | None = None
    building_safety_concerns: tuple[domain.BuildingSafetyConcern, ...] = ()
    related_references: tuple[str, ...] = ()


@dataclass(frozen=True)
class SafetyUpdate:
    """What the complaint is about, for priority, the 12-month rule and the BSA."""

    concerns_health_and_safety: bool
    concerns_safeguarding: bool
    building_id: str | None
    building_safety_concerns: tuple[domain.BuildingSafetyConcern, ...]


@dataclass(frozen=True)
class ComplaintView:
    """A case as the API shows it."""

    complaint: domain.Complaint
    reply_channel: str
    building_id: str | None
    survey: dict[str, Any]
    notices: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = complaint_to_dict(self.complaint)
        data.pop("schema_version", None)
        data.update(
            reply_channel=self.reply_channel,
            building_id=self.building_id,
            survey=self.survey,
            notices=self.notices,
        )
        return data


Change = Callable[[domain.Complaint, datetime], domain.Transition]
Letter = Callable[[domain.Complaint], Message]


class ComplaintService:
    """Raises, progresses, lists and reports complaint cases."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        outbox: Outbox,
        clock: Clock,
        calendar: WorkingCalendar,
        homes: int,
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.outbox = outbox
        self.clock = clock
        self.calendar = calendar
        self.homes = homes

    # --- raising ------------------------------------------------------------------------

    def on_routed(
        self, session: Session, contact: repo.Contact, decision: routing.Decision
    ) -> list[JobRequest]:
        """Routed handler: a complaint (or emergency that is also one) raises or joins a case.

        A bare "1".."5" from someone recently sent the satisfaction survey is their answer.
        """
        if self._take_survey_answer(session, contact):
            return []
        is_complaint = decision.category == "complaint" or (
            decision.category == "emergency" and decision.also_complaint
        )
        if not is_complaint:
            return []
        safety = decision.category == "emergency" or bool(decision.hazards)
        return self.raise_from_contact(
            session, contact, SYSTEM, health_and_safety=safety, related=decision.related_request
        )

    def raise_from_contact(
        self,
        session: Session,
        contact: repo.Contact,
        actor: str,
        *,
        health_and_safety: bool = False,
        related: str | None = None,
    ) -> list[JobRequest]:
        """Raise a case for ``contact``, or join the resident's open stage 1 case.

        Safe to call twice: a contact already on a case changes nothing. The contact
        itself (e.g. a service request the resident is unhappy about) stays open.
        """
        if crepo.complaint_for_contact(session, contact.id) is not None:
            return []
        now = self.clock()
        for row in crepo.open_stage1_complaints(session, contact.customer_id):
            complaint = crepo.to_domain(row)
            if domain.join_or_new(complaint, related=True).join:
                self._join(session, row, complaint, contact, actor, now)
                return []
        self._open_from_contact(session, contact, actor, now, health_and_safety, related)
        return []

    def _join(
        self,
        session: Session,
        row: crepo.ComplaintRow,
        complaint: domain.Complaint,
        contact: repo.Contact,
        actor: str,
        now: datetime,
    ) -> None:
        at = max(contact.received_at, complaint.timeline[-1].at)
        transition = domain.add_contact(
            complaint, contact_id=str(contact.id), at=at, now=now, actor=actor
        )
        crepo.write(row, transition.complaint, now)
        link = crepo.ComplaintContact(complaint_id=row.id, contact_id=contact.id, linked_at=now)
        session.add(link)
        logger.info("contact joined complaint complaint_id=%s contact_id=%s", row.id, contact.id)

    def _open_from_contact(
        self,
        session: Session,
        contact: repo.Contact,
        actor: str,
        now: datetime,
        health_and_safety: bool,
        related: str | None,
    ) -> None:
        customer = contact.customer
        identity = session.get(repo.Identity, contact.identity_id)
        assert identity is not None
        earlier = crepo.latest_complaint_for_customer(session, customer.id)
        related_refs = tuple(r for r in (related, earlier.reference if earlier else None) if r)
        transition = domain.open_complaint(
            reference=self._new_reference(session),
            complainant=domain.Complainant(
                name=customer.display_name or "Resident", resident_id=str(customer.id)
            ),
            channel=contact.channel,
            received_at=min(contact.received_at, now),
            now=now,
            actor=actor,
            summary=contact.text,
            calendar=self.calendar,
            contact_ids=(str(contact.id),),
            concerns_health_and_safety=health_and_safety,
            related_references=related_refs,
        )
        channel, address = _reply_route(
            customer, contact.channel, identity.value, identity.sms_capable, None
        )
        row = self._insert(session, transition.complaint, customer.id, channel, address, None, now)
        link = crepo.ComplaintContact(complaint_id=row.id, contact_id=contact.id, linked_at=now)
        session.add(link)
        logger.info("complaint raised complaint_id=%s contact_id=%s", row.id, contact.id)

    def record(self, new: NewComplaint, actor: str) -> ComplaintView:
        """Log a complaint an agent took by phone, letter, in person or found elsewhere."""
        now = self.clock()
        with transaction(self.sessions) as session:
            customer, phone = self._resident(session, new.resident, now)
            transition = self._run(
                lambda _c, _now: domain.open_complaint(
                    reference=self._new_reference(session),
                    complainant=domain.Complainant(
                        name=new.resident.name,
                        resident_id=str(customer.id),
                        kind=new.resident.kind,
                        advocate=new.resident.advocate,
                    ),
                    channel=new.channel,
                    received_at=new.received_at or now,
                    now=now,
                    actor=actor,
                    summary=new.text,
                    calendar=self.calendar,
                    issue_occurred_on=new.issue_occurred_on,
                    concerns_health_and_safety=new.concerns_health_and_safety,
                    concerns_safeguarding=new.concerns_safeguarding,
                    building_safety=self._building_safety(
                        session, new.building_id, new.building_safety_concerns
                    ),
                    related_references=new.related_references,
                ),
                None,
                now,
            )
            address = phone.value if phone else (new.resident.email or new.resident.address or "")
            sms_capable = bool(phone and phone.sms_capable)
            channel, reply_to = _reply_route(
                customer, new.channel, address, sms_capable, new.resident.email
            )
            if channel == "letter":
                reply_to = new.resident.address or "the address on file"
            row = self._insert(
                session, transition.complaint, customer.id, channel, reply_to, new.building_id, now
            )
            view = self._view(session, row, transition.complaint)
        logger.info("complaint recorded complaint_id=%s channel=%s", row.id, new.channel)
        return view

    def _resident(
        self, session: Session, details: ResidentDetails, now: datetime
    ) -> tuple[repo.Customer, repo.Identity | None]:
        phone = email = None
        if details.phone:
            phone = resolve_identity(session, sender_key(Channel.PHONE, details.phone), now)
        if details.email:
            email = resolve_identity(session, sender_key(Channel.EMAIL, details.email), now)
        found = phone or email
        if found is not None:
            customer = found.customer
        else:
            customer = repo.Customer(created_at=now, vulnerabilities=[])
            session.add(customer)
            session.flush()
        customer.display_name = customer.display_name or details.name.strip()[:200]
        if details.preferred_channel:
            customer.preferred_channel = details.preferred_channel
        return customer, phone

    def _building_safety(
        self,
        session: Session,
        building_id: str | None,
        concerns: tuple[domain.BuildingSafetyConcern, ...],
    ) -> domain.BuildingSafety:
        if building_id is None:
            return domain.BuildingSafety(concerns=concerns)
        building = crepo.get_building(session, building_id)
        if building is None:
            raise Invalid(f"building_id: {building_id} is not in the building register")
        return domain.BuildingSafety(higher_risk_building=building.higher_risk, concerns=concerns)

    def _new_reference(self, session: Session) -> str:
        while True:
            reference = new_complaint_reference()
            if not crepo.reference_taken(session, reference):
                return reference

    def _insert(
        self,
        session: Session,
        complaint: domain.Complaint,
        customer_id: int,
        reply_channel: str,
        reply_to: str,
        building_id: str | None,
        now: datetime,
    ) -> crepo.ComplaintRow:
        row = crepo.ComplaintRow(
            customer_id=customer_id,
            reply_channel=reply_channel,
            reply_to=reply_to[:500],
            building_id=building_id,
            created_at=now,
        )
        crepo.write(row, complaint, now)
        session.add(row)
        session.flush()
        return row

    # --- actions on a case --------------------------------------------------------------

    def acknowledge(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        handler: domain.Person,
        definition: domain.ComplaintDefinition,
        late_acceptance_reason: str | None = None,
    ) -> ComplaintView:
        """Acknowledge, define and log the stage; the acknowledgement letter goes out."""
        return self._act(
            reference,
            lambda c, now: domain.acknowledge(
                c,
                at=at or now,
                now=now,
                actor=actor,
                handler=handler,
                definition=definition,
                calendar=self.calendar,
                late_acceptance_reason=late_acceptance_reason,
            ),
            acknowledgement_message,
        )

    def extend(
        self, reference: str, *, actor: str, at: datetime | None, reason: str, new_due: date
    ) -> ComplaintView:
        """Agree the stage's one extension; the resident is told why and the new date."""
        return self._act(
            reference,
            lambda c, now: domain.extend(
                c,
                at=at or now,
                now=now,
                actor=actor,
                reason=reason,
                new_due=new_due,
                calendar=self.calendar,
            ),
            extension_notice,
        )

    def respond(
        self, reference: str, *, actor: str, at: datetime | None, draft: domain.ResponseDraft
    ) -> ComplaintView:
        """Issue the stage response (only once the checklist passes) and send it."""
        return self._act(
            reference,
            lambda c, now: domain.respond(c, at=at or now, now=now, actor=actor, draft=draft),
            lambda c: stage_response_message(c, c.stage),
        )

    def escalate(self, reference: str, *, actor: str, at: datetime | None) -> ComplaintView:
        """Log the resident's request for stage 2 (no reason asked of them)."""
        return self._act(
            reference,
            lambda c, now: domain.request_escalation(
                c, at=at or now, now=now, actor=actor, calendar=self.calendar
            ),
        )

    def decline(
        self,
        reference: str,
        *,
        actor: str,
        at: datetime | None,
        exclusions: tuple[domain.Exclusion, ...],
        explanation: str,
    ) -> ComplaintView:
        """Decline on the policy's grounds; the letter gives the right to the Ombudsman."""
        return self._act(
            reference,
            lambda c, now: domain.decline(
                c,
                exclusions=exclusions,
                explanation=explanation,
                at=at or now,
                now=now,
                actor=actor,
            ),
            decline_message,
        )

    def close(
        self, reference: str, *, actor: str, at: datetime | None, reason: str
    ) -> ComplaintView:
        """Close a responded case and ask the complainant how we handled it."""
        return self._act(
            reference,
            lambda c, now: domain.close(c, at=at or now, now=now, actor=actor, reason=reason),
            survey=True,
        )

    def record_remedy(
        self, reference: str, *, actor: str, at: datetime | None, remedy: domain.Remedy
    ) -> ComplaintView:
        """Record a remedy or compensation (never offset against debt without consent)."""
        return self._act(
            reference,
            lambda c, now: domain.record_remedy(
                c, remedy=remedy, at=at or now, now=now, actor=actor
            ),
        )

    def complete_action(
        self, reference: str, action_id: str, *, actor: str, at: datetime | None
    ) -> ComplaintView:
        """Mark a promised outstanding action done; until then it stays on reminder lists."""
        return self._act(
            reference,
            lambda c, now: domain.complete_outstanding_action(
                c, action_id=action_id, at=at or now, now=now, actor=actor
            ),
        )

    def flag_unreasonable_behaviour(
        self, reference: str, *, actor: str, at: datetime | None, reason: str, review_on: date
    ) -> ComplaintView:
        """Flag a vexatious or repeated complaint; deadlines and reminders still apply."""
        return self._act(
            reference,
            lambda c, now: domain.flag_unreasonable_behaviour(
                c, reason=reason, review_on=review_on, at=at or now, now=now, actor=actor
            ),
        )

    def update_safety(
        self, reference: str, *, actor: str, at: datetime | None, update: SafetyUpdate
    ) -> ComplaintView:
        """Mark safety concerns and the building (BSA relevant complaints are kept 7 years)."""
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            row = self._locked(session, reference)
            building = self._building_safety(
                session, update.building_id, update.building_safety_concerns
            )
            transition = self._run(
                lambda c, now: domain.update_safety(
                    c,
                    at=at or now,
                    now=now,
                    actor=actor,
                    concerns_health_and_safety=update.concerns_health_and_safety,
                    concerns_safeguarding=update.concerns_safeguarding,
                    building_safety=building,
                ),
                crepo.to_domain(row),
                self.clock(),
            )
            row.building_id = update.building_id
            return self._save(session, row, transition, None, False, jobs)

    def record_satisfaction(
        self, reference: str, *, score: int, comment: str | None, at: datetime | None
    ) -> ComplaintView:
        """Store the complainant's answer to the survey (1 very satisfied .. 5 very not)."""
        if not 1 <= score <= 5:
            raise Invalid("score: must be 1 (very satisfied) to 5 (very dissatisfied)")
        with transaction(self.sessions) as session:
            row = self._locked(session, reference)
            if row.survey_sent_at is None:
                raise Conflict(f"{reference} has not been sent the satisfaction survey yet")
            when = at or self.clock()
            if when > self.clock():
                raise Conflict("the answer cannot be recorded as given in the future")
            row.satisfaction_score, row.satisfaction_comment = score, comment
            row.satisfaction_recorded_at = when
            return self._view(session, row, crepo.to_domain(row))

    def _take_survey_answer(self, session: Session, contact: repo.Contact) -> bool:
        match = SURVEY_REPLY.match(contact.text or "")
        if match is None:
            return False
        since = contact.received_at - SURVEY_ANSWER_WINDOW
        row = crepo.awaiting_survey_answer(session, contact.customer_id, since)
        if row is None:
            return False
        row.satisfaction_score = int(match.group(1))
        row.satisfaction_recorded_at = contact.received_at
        logger.info("survey answered complaint_id=%s contact_id=%s", row.id, contact.id)
        return True

    def _act(
        self, reference: str, change: Change, letter: Letter | None = None, *, survey: bool = False
    ) -> ComplaintView:
        jobs: list[JobRequest] = []
        try:
            with transaction(self.sessions) as session:
                row = self._locked(session, reference)
                transition = self._run(change, crepo.to_domain(row), self.clock())
                view = self._save(session, row, transition, letter, survey, jobs)
        except crepo.StaleDataError as error:
            raise Conflict(f"{reference} was changed by someone else; try again") from error
        self.dispatcher.enqueue_all(jobs)
        event = transition.events[-1]
        logger.info("complaint %s reference=%s", event.kind, reference)
        return view

    def _locked(self, session: Session, reference: str) -> crepo.ComplaintRow:
        row = crepo.complaint_by_reference(session, reference, for_update=True)
        if row is None:
            raise NotFound(f"no complaint {reference}")
        return row

    def _run(self, change: Change, complaint: Any, now: datetime) -> domain.Transition:
        try:
            return change(complaint, now)
        except domain.InvalidTransition as error:
            raise Conflict(error.reason) from error
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def _save(
        self,
        session: Session,
        row: crepo.ComplaintRow,
        transition: domain.Transition,
        letter: Letter | None,
        survey: bool,
        jobs: list[JobRequest],
    ) -> ComplaintView:
        complaint = transition.complaint
        now = self.clock()
        crepo.write(row, complaint, now)
        if letter is not None:
            message = letter(complaint)
            kind = transition.events[-1].kind
            body = f"{message.subject}\n\n{message.body}"
            jobs.extend(self._send(session, row, complaint, kind, body))
        if survey:
            question = satisfaction_survey_question(complaint)
            jobs.extend(self._send(session, row, complaint, "survey", question))
            row.survey_sent_at = now
        session.flush()
        return self._view(session, row, complaint)

    def _send(
        self,
        session: Session,
        row: crepo.ComplaintRow,
        complaint: domain.Complaint,
        kind: str,
        body: str,
    ) -> list[JobRequest]:
        """Queue a letter through the complainant's reply channel, once per timeline entry."""
        electronic = row.reply_channel in self.outbox.transports
        contact_id = int(complaint.contact_ids[0]) if complaint.contact_ids else None
        _, job = self.outbox.queue(
            session,
            NewMessage(
                key=f"complaint-{complaint.reference}-{len(complaint.timeline)}-{kind}",
                kind=f"complaint_{kind}",
                channel=row.reply_channel,
                recipient=row.reply_to,
                body=body,
                contact_id=contact_id,
                suppressed_because=None
                if electronic
                else f"no {row.reply_channel} transport here: send it by hand",
            ),
        )
        return [job] if job else []

    # --- reading ------------------------------------------------------------------------

    def get(self, reference: str) -> ComplaintView:
        """One case with its stages, timeline, survey answer and staff notices."""
        with self.sessions() as session:
            row = crepo.complaint_by_reference(session, reference)
            if row is None:
                raise NotFound(f"no complaint {reference}")
            return self._view(session, row, crepo.to_domain(row))

    def search(
        self, filters: crepo.ComplaintFilters, overdue: bool | None, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of case summaries, earliest next deadline first."""
        today = to_london_date(self.clock())
        if overdue is True:
            filters = _replace_filters(filters, overdue_on=today)
        elif overdue is False:
            filters = _replace_filters(filters, not_overdue_on=today)
        with self.sessions() as session:
            rows, total = crepo.list_complaints(session, filters, limit, offset)
            return [_summary(row, today) for row in rows], total

    def report(self, start: date, end: date) -> dict[str, Any]:
        """TSM CH01/CH02 and Code timeliness for a period of London dates."""
        if self.homes <= 0:
            raise Conflict("COMPLAINTS_HOMES is not set: the TSM rates are per 1,000 homes")
        if end < start:
            raise Invalid("to: the period ends before it starts")
        with self.sessions() as session:
            rows = crepo.complaints_received_by(session, end_of_london_day(end))
            complaints = [crepo.to_domain(row) for row in rows]
        try:
            return complaints_report(
                complaints,
                period_start=start,
                period_end=end,
                homes=self.homes,
                calendar=self.calendar,
            )
        except CalendarNotCovered as error:
            raise Invalid(str(error)) from error

    def register_building(self, building_id: str, name: str, higher_risk: bool) -> None:
        """Add or update a building in the register (higher-risk under the BSA or not)."""
        with transaction(self.sessions) as session:
            building = crepo.get_building(session, building_id)
            if building is None:
                session.add(crepo.Building(id=building_id, name=name, higher_risk=higher_risk))
            else:
                building.name, building.higher_risk = name, higher_risk

    def _view(
        self, session: Session, row: crepo.ComplaintRow, complaint: domain.Complaint
    ) -> ComplaintView:
        survey = {
            "sent_at": _iso(row.survey_sent_at),
            "score": row.satisfaction_score,
            "comment": row.satisfaction_comment,
            "answered_at": _iso(row.satisfaction_recorded_at),
        }
        notices = [
            {
                "kind": n.kind,
                "deadline": n.deadline_kind,
                "due_on": n.due_on.isoformat(),
                "status": n.status,
                "created_at": _iso(n.created_at),
            }
            for n in crepo.notices_for(session, row.id)
        ]
        return ComplaintView(complaint, row.reply_channel, row.building_id, survey, notices)


def _reply_route(
    customer: repo.Customer,
    channel: str,
    address: str,
    sms_capable: bool,
    email: str | None,
) -> tuple[str, str]:
    """Where letters go: the preferred channel if we can reach it, else the complaint's own.

    A phone or voice complaint is answered by SMS to a mobile; with no electronic
    route, by post.
    """
    preferred = customer.preferred_channel
    if preferred:
        found = _address_on_file(customer, preferred)
        if found:
            return preferred, found
    if channel in PHONE_CHANNELS and channel != "whatsapp":
        return ("sms", address) if sms_capable else ("letter", "the address on file")
    if channel == "whatsapp":
        return "whatsapp", f"whatsapp:{address}"
    if channel == "web" and email:
        return "email", email
    if channel in REPLY_CHANNELS and address:
        return channel, address
    return "letter", "the address on file"


def _address_on_file(customer: repo.Customer, channel: str) -> str | None:
    if channel == "letter":
        return "the address on file"
    kind = "phone" if channel in PHONE_CHANNELS else channel
    for identity in customer.identities:
        if identity.kind == kind and identity.opted_out_at is None:
            if channel in ("sms", "voice", "phone") and not identity.sms_capable:
                continue
            prefix = "whatsapp:" if channel == "whatsapp" else ""
            return prefix + identity.value
    return None


def _replace_filters(filters: crepo.ComplaintFilters, **changes: Any) -> crepo.ComplaintFilters:
    values = {**filters.__dict__, **changes}
    return crepo.ComplaintFilters(**values)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _summary(row: crepo.ComplaintRow, today: date) -> dict[str, Any]:
    return {
        "reference": row.reference,
        "stage": row.stage,
        "status": row.status,
        "handler_id": row.handler_id,
        "channel": row.channel,
        "received_at": row.received_at.isoformat(),
        "acknowledge_by": row.acknowledge_by.isoformat(),
        "response_due": row.response_due.isoformat() if row.response_due else None,
        "next_due_on": row.next_due_on.isoformat() if row.next_due_on else None,
        "overdue": bool(row.next_due_on and row.next_due_on < today),
        "priority": row.priority,
        "bsa_relevant": row.bsa_relevant,
        "unreasonable_behaviour_flagged": row.unreasonable_behaviour_flagged,
    }
