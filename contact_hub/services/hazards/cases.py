"""Hazard cases: opened when routing finds an emergency hazard or a significant hazard in
scope (configuration: HAZARD_CASES_SIGNIFICANT, HAZARD_CASES_EMERGENCY), joined by later
reports of the same hazard at the same home (or from the same resident when the home is
unknown), and moved on by what staff record (investigated, made safe, work started...).

Each change is made under the case's row lock (SELECT .. FOR UPDATE on PostgreSQL), the
clocks are stored as JSON (name -> due, met_at) with `next_due_at` for the monitor, and the
written summary goes to the tenant through the outbox once (its idempotency key is the
case's), in their own channel or preferred format.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import routing
from contact_hub.clock import Clock
from contact_hub.domain import hazards as rules
from contact_hub.domain.alerts.messages import hazard_words
from contact_hub.domain.complaints.messages import long_date
from contact_hub.domain.contacts.references import new_contact_reference
from contact_hub.domain.contacts.types import Category, Contact
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.working_days import WorkingCalendar, london_date
from contact_hub.queueing import JobRequest
from contact_hub.services.complaints.letters import reply_route
from contact_hub.services.contacts.routing import reply_blocked_because
from contact_hub.services.homes import listing
from contact_hub.services.homes.listing import HomeFilters
from contact_hub.services.homes.matching import Place, place_by_id
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.repairs.work_orders import WorkOrders
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

SIGNIFICANT_CUE = "significant_hazard:"  # the router's reason for a significant hazard
ALL = "all"


@dataclass(frozen=True)
class HazardScope:
    """Which hazards open cases (later phases of Awaab's Law add more)."""

    significant: frozenset[str] = frozenset({"damp_and_mould"})
    emergency: frozenset[str] = frozenset({ALL})

    def emergency_covers(self, hazard: str) -> bool:
        return ALL in self.emergency or hazard in self.emergency


@dataclass(frozen=True)
class HazardCaseView:
    reference: str
    kind: str
    hazard: str
    status: str
    place: Place | None
    customer_id: int | None
    aware_at: datetime
    deadlines: dict[str, rules.Deadline]
    overdue: list[str]
    contacts: Sequence[tuple[int, str]]  # (id, reference)
    findings: str | None
    alternative_accommodation: str | None
    closed_at: datetime | None
    retain_until: date | None
    work_order_ref: str | None = None
    work_order_status: str | None = None
    # (status, at, their reference, note) as the repairs system posted them, in order.
    work_order_updates: Sequence[tuple[str, datetime, str | None, str | None]] = ()


def found_hazards(decision: routing.Decision, scope: HazardScope) -> list[tuple[str, str]]:
    """(kind, hazard) pairs the decision opens cases for."""
    found: list[tuple[str, str]] = []
    if decision.category == Category.EMERGENCY:
        found += [(rules.HazardKind.EMERGENCY.value, h) for h in decision.hazards
                  if scope.emergency_covers(h)][:1]
    for reason in decision.reasons:
        if reason.cue.startswith(SIGNIFICANT_CUE):
            hazard = reason.cue[len(SIGNIFICANT_CUE):]
            if hazard in scope.significant and not found:
                found.append((rules.HazardKind.SIGNIFICANT.value, hazard))
    return found


class HazardCases:
    """Open, join, move on and show hazard cases."""

    def __init__(self, uow: UnitsOfWork, outbox: Outbox, clock: Clock,
                 calendar: WorkingCalendar, organisation: str,
                 scope: HazardScope | None = None, work_orders: WorkOrders | None = None
                 ) -> None:
        self.uow = uow
        self.outbox = outbox
        self.clock = clock
        self.calendar = calendar
        self.organisation = organisation
        self.scope = scope or HazardScope()
        self.work_orders = work_orders  # a work order to the repairs system per new case

    # --- from routing ---------------------------------------------------------------

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, decision: routing.Decision
    ) -> None:
        """The routed handler: open a case for a hazard in scope, or join the open one."""
        session = uow.session
        if session.scalar(select(homes.HazardCaseContact.id)
                          .where(homes.HazardCaseContact.contact_id == contact.id)):
            return  # routed again (reclassified): already on a case
        now = self.clock()
        for kind, hazard in found_hazards(decision, self.scope):
            row = self._open_case_for(session, kind, hazard, contact)
            if row is None:
                aware = min(contact.received_at, now)
                row = homes.HazardCase(
                    reference=self._new_reference(session), kind=kind, hazard=hazard,
                    status="open", property_id=contact.property_id,
                    customer_id=contact.customer_id, aware_at=aware,
                    deadlines={}, created_at=now, updated_at=now)
                _store(row, rules.opening_deadlines(rules.HazardKind(kind), aware,
                                                    self.calendar))
                session.add(row)
                session.flush()
                logger.warning("hazard case opened case_id=%s kind=%s hazard=%s", row.id,
                               kind, hazard)
                if self.work_orders is not None:
                    uow.enqueue_all(self.work_orders.hazard_case_opened(
                        session, row, uow.contacts.row_of(contact)))
            session.add(homes.HazardCaseContact(case_id=row.id, contact_id=contact.id,
                                                linked_at=now))
            session.add(repo.ContactEvent(contact_id=contact.id, at=now, kind="hazard_case",
                                          detail={"reference": row.reference, "kind": kind,
                                                  "hazard": hazard}))

    def _open_case_for(self, session: Session, kind: str, hazard: str,
                       contact: Contact) -> homes.HazardCase | None:
        place = (homes.HazardCase.property_id == contact.property_id
                 if contact.property_id is not None
                 else homes.HazardCase.customer_id == contact.customer_id)
        return session.scalars(
            select(homes.HazardCase).where(
                homes.HazardCase.status == "open", homes.HazardCase.kind == kind,
                homes.HazardCase.hazard == hazard, place)
            .order_by(homes.HazardCase.id.desc()).limit(1).with_for_update()
        ).first()

    def _new_reference(self, session: Session) -> str:
        while True:
            reference = "HZ-" + new_contact_reference()[3:]
            if not session.scalar(select(homes.HazardCase.id)
                                  .where(homes.HazardCase.reference == reference)):
                return reference

    # --- what staff record ----------------------------------------------------------

    def record(self, reference: str, step: str, actor: str, *, at: datetime | None = None,
               note: str | None = None, hazard_found: bool | None = None) -> HazardCaseView:
        """Record a step on the case (audited on its contacts). Raises NotFound, Invalid
        (unknown step, missing findings), Conflict (the case is closed)."""
        try:
            chosen = rules.Step(step)
        except ValueError:
            raise Invalid(f"step: one of {', '.join(s.value for s in rules.Step)}") from None
        now = self.clock()
        when = at or now
        if when > now:
            raise Invalid("at: must not be in the future")
        with self.uow.transaction() as uow:
            session = uow.session
            row = session.scalars(select(homes.HazardCase)
                                  .where(homes.HazardCase.reference == reference)
                                  .with_for_update()).first()
            if row is None:
                raise NotFound(f"no hazard case {reference}")
            if row.status == "closed":
                raise Conflict(f"hazard case {reference} is closed")
            uow.enqueue_all(self._apply(session, row, chosen, when, note, hazard_found))
            row.updated_at = now
            for contact_id in _contact_ids(session, row.id):
                session.add(repo.ContactEvent(
                    contact_id=contact_id, at=now, kind=f"hazard_{chosen.value}", actor=actor,
                    detail={"reference": reference, "at": when.isoformat()}))
        return self.get(reference)

    def _apply(self, session: Session, row: homes.HazardCase, step: rules.Step, when: datetime,
               note: str | None, hazard_found: bool | None) -> list[JobRequest]:
        kind = rules.HazardKind(row.kind)
        deadlines = rules.from_json(row.deadlines)
        jobs: list[JobRequest] = []
        if step is rules.Step.INVESTIGATED:
            if hazard_found is None or not (note or "").strip():
                raise Invalid("an investigation needs hazard_found (true or false) and its "
                              "findings in note (they go to the tenant)")
            row.findings = note.strip()[:4000] if note else None
            deadlines = rules.investigation_concluded(kind, deadlines, when, hazard_found,
                                                      self.calendar)
            job = self._send_summary(session, row, deadlines, when, hazard_found)
            if job is not None:
                jobs.append(job)
            deadlines = rules.met(deadlines, "summary_by", self.clock())
        elif step is rules.Step.ALTERNATIVE_ACCOMMODATION:
            if not (note or "").strip():
                raise Invalid("note: say what accommodation was offered")
            row.alternative_accommodation = f"{when.isoformat()}: {(note or '').strip()[:2000]}"
        elif step is rules.Step.CLOSED:
            row.status, row.closed_at = "closed", when
            row.retain_until = date(rules.retain_until_year(when), 12, 31)
        else:
            name = rules.MEETS[step]
            if name not in deadlines:
                raise Invalid(f"step: {step.value} does not apply to this case yet")
            deadlines = rules.met(deadlines, name, when)
        _store(row, deadlines)
        return jobs

    def _send_summary(self, session: Session, row: homes.HazardCase,
                      deadlines: dict[str, rules.Deadline], when: datetime,
                      hazard_found: bool) -> JobRequest | None:
        """The written summary of the findings, to the tenant, through the outbox once."""
        contact_ids = _contact_ids(session, row.id)
        if not contact_ids:
            return None
        contact = session.get(repo.Contact, contact_ids[0])
        assert contact is not None
        identity = session.get(repo.Identity, contact.identity_id)
        customer = session.get(repo.Customer, contact.customer_id)
        if identity is None or customer is None:
            return None
        channel, address = reply_route(customer, contact.channel, identity.value,
                                       identity.sms_capable, None)
        place = place_by_id(session, row.property_id)
        _, job = self.outbox.queue(session, NewMessage(
            key=f"hazard-summary-{row.reference}", kind="hazard_summary", channel=channel,
            recipient=address, contact_id=contact.id,
            body=summary_text(self.organisation, row.reference, row.hazard, place, when,
                              row.findings or "", hazard_found, deadlines),
            suppressed_because=reply_blocked_because(identity) if channel == "sms" else None))
        return job

    # --- reading ----------------------------------------------------------------------

    def get(self, reference: str) -> HazardCaseView:
        with self.uow() as uow:
            session = uow.session
            row = session.scalars(select(homes.HazardCase)
                                  .where(homes.HazardCase.reference == reference)).first()
            if row is None:
                raise NotFound(f"no hazard case {reference}")
            return self._view(session, row)

    def list(self, filters: HomeFilters, limit: int, offset: int
             ) -> tuple[list[HazardCaseView], int]:
        """Cases, the most recent report first."""
        case = homes.HazardCase
        query = listing.filtered(case, case.next_due_at, filters, self.clock())
        with self.uow() as uow:
            rows, total = listing.page(uow.session, query, (case.aware_at.desc(), case.id.desc()),
                                       limit, offset)
            return [self._view(uow.session, row) for row in rows], total

    def _view(self, session: Session, row: homes.HazardCase) -> HazardCaseView:
        deadlines = rules.from_json(row.deadlines)
        late = [d.name for d in rules.overdue(deadlines, self.clock())] \
            if row.status == "open" else []
        contacts = session.execute(
            select(repo.Contact.id, repo.Contact.reference)
            .join(homes.HazardCaseContact, homes.HazardCaseContact.contact_id == repo.Contact.id)
            .where(homes.HazardCaseContact.case_id == row.id).order_by(repo.Contact.id)).all()
        return HazardCaseView(
            reference=row.reference, kind=row.kind, hazard=row.hazard, status=row.status,
            place=place_by_id(session, row.property_id), customer_id=row.customer_id,
            aware_at=row.aware_at, deadlines=deadlines, overdue=late,
            contacts=[(c.id, c.reference) for c in contacts], findings=row.findings,
            alternative_accommodation=row.alternative_accommodation, closed_at=row.closed_at,
            retain_until=row.retain_until, work_order_ref=row.work_order_ref,
            work_order_status=row.work_order_status,
            work_order_updates=[(u.status, u.at, u.work_order_ref, u.note) for u in (
                self.work_orders.updates(session, row.reference) if self.work_orders else ())])


def summary_text(organisation: str, reference: str, hazard: str, place: Place | None,
                 concluded_at: datetime, findings: str, hazard_found: bool,
                 deadlines: dict[str, rules.Deadline]) -> str:
    """The written summary of an investigation's findings, as the tenant reads it."""
    where = f" at {place.address}" if place else ""
    lines = [f"{organisation}: written summary of our investigation into the "
             f"{hazard_words([hazard])} you reported{where} (ref {reference}), "
             f"concluded {long_date(london_date(concluded_at))}.", f"What we found: {findings}"]
    if hazard_found and "safety_work_by" in deadlines:
        lines.append("Work to make your home safe will begin by "
                     f"{long_date(london_date(deadlines['safety_work_by'].due))}, and work to "
                     "stop it coming back by "
                     f"{long_date(london_date(deadlines['preventative_work_by'].due))}.")
    elif not hazard_found:
        lines.append("We did not find a hazard that needs urgent work. If things get worse, "
                     "tell us straight away.")
    return "\n".join(lines)


def _store(row: homes.HazardCase, deadlines: dict[str, rules.Deadline]) -> None:
    row.deadlines = rules.to_json(deadlines)
    row.next_due_at = rules.next_due(deadlines)


def _contact_ids(session: Session, case_id: int) -> list[int]:
    return list(session.scalars(select(homes.HazardCaseContact.contact_id)
                                .where(homes.HazardCaseContact.case_id == case_id)
                                .order_by(homes.HazardCaseContact.contact_id)))
