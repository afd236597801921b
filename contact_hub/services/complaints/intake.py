"""Raising complaint cases: from routed contacts, and as recorded by staff.

A routed complaint raises a case or joins the resident's open stage 1 case; a bare
"1".."5" from someone recently sent the satisfaction survey is their answer. Staff
record complaints taken by phone, letter or in person through ``record``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

import routing
from channels.base import Channel
from contact_hub.domain import complaints as domain
from contact_hub.domain.contacts.types import Category, Contact
from contact_hub.queueing import JobRequest
from contact_hub.services.complaints.letters import BY_POST, reply_route
from contact_hub.services.complaints.store import ComplaintStore, ComplaintView
from contact_hub.services.contacts.identities import resolve_identity, sender_key
from contact_hub.services.unit_of_work import UnitOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import repository as crepo

logger = logging.getLogger(__name__)

SYSTEM = "system"
SURVEY_ANSWER_WINDOW = timedelta(days=14)
SURVEY_REPLY = re.compile(r"^\s*([1-5])\s*[.!]?\s*$")


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


class ComplaintIntake(ComplaintStore):
    """Raises and joins cases from contacts; records complaints staff took."""

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, decision: routing.Decision
    ) -> None:
        """Routed handler: a complaint (or emergency that is also one) raises or joins a case.

        A bare "1".."5" from someone recently sent the satisfaction survey is their answer.
        """
        row = uow.contacts.row_of(contact)
        if _take_survey_answer(uow.session, row):
            return
        is_complaint = decision.category == Category.COMPLAINT or (
            decision.category == Category.EMERGENCY and decision.also_complaint
        )
        if not is_complaint:
            return
        safety = decision.category == Category.EMERGENCY or bool(decision.hazards)
        uow.enqueue_all(self.raise_from_contact(
            uow.session, row, SYSTEM, health_and_safety=safety,
            related=decision.related_request))

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
        for row in crepo.open_stage1_complaints(session, repo.customer_of(contact).id):
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
        customer = repo.customer_of(contact)
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
        channel, address = reply_route(
            customer, contact.channel, identity.value, identity.sms_capable, None
        )
        row = self._insert(session, transition.complaint, customer.id, channel, address, None, now)
        link = crepo.ComplaintContact(complaint_id=row.id, contact_id=contact.id, linked_at=now)
        session.add(link)
        logger.info("complaint raised complaint_id=%s contact_id=%s", row.id, contact.id)

    def record(self, new: NewComplaint, actor: str) -> ComplaintView:
        """Log a complaint an agent took by phone, letter, in person or found elsewhere."""
        now = self.clock()
        with self.uow() as uow:
            session = uow.session
            customer, phone = self._resident(session, new.resident, now)
            transition = self._run(
                lambda _c, _now: self._open_recorded(session, new, customer, actor, now),
                None,
                now,
            )
            channel, reply_to = _recorded_reply_route(customer, phone, new)
            row = self._insert(
                session, transition.complaint, customer.id, channel, reply_to, new.building_id, now
            )
            view = self._view(session, row, transition.complaint)
            uow.commit()
        logger.info("complaint recorded complaint_id=%s channel=%s", row.id, new.channel)
        return view

    def _open_recorded(
        self,
        session: Session,
        new: NewComplaint,
        customer: repo.Customer,
        actor: str,
        now: datetime,
    ) -> domain.Transition:
        return domain.open_complaint(
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
        )

    def _resident(
        self, session: Session, details: ResidentDetails, now: datetime
    ) -> tuple[repo.Customer, repo.Identity | None]:
        """The resident found by phone or email, else a new one; and their phone identity."""
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


def _recorded_reply_route(
    customer: repo.Customer, phone: repo.Identity | None, new: NewComplaint
) -> tuple[str, str]:
    """Where a recorded complaint's letters go; by post, to the address given if any."""
    resident = new.resident
    address = phone.value if phone else (resident.email or resident.address or "")
    sms_capable = bool(phone and phone.sms_capable)
    channel, reply_to = reply_route(customer, new.channel, address, sms_capable, resident.email)
    if channel == "letter":
        reply_to = resident.address or BY_POST
    return channel, reply_to


def _take_survey_answer(session: Session, contact: repo.Contact) -> bool:
    """Store a bare "1".."5" as the answer of a case surveyed in the last 14 days."""
    match = SURVEY_REPLY.match(contact.text or "")
    if match is None:
        return False
    since = contact.received_at - SURVEY_ANSWER_WINDOW
    row = crepo.awaiting_survey_answer(session, repo.customer_of(contact).id, since)
    if row is None:
        return False
    row.satisfaction_score = int(match.group(1))
    row.satisfaction_recorded_at = contact.received_at
    logger.info("survey answered complaint_id=%s contact_id=%s", row.id, contact.id)
    return True
