"""Repair requests and the landlord's service standards (issue 18 point 7).

A routed contact that is a repair (an emergency about the home, or a service request on
the repairs queue) opens a repair request with the priority the router's decision implies
and the target the landlord publishes for it (`REPAIR_TARGETS`): due at a time (emergency,
24 hours) or at the end of a working day (bank holidays skipped, the calendar the
complaint and hazard clocks use). An agent may change the priority, with a reason, and the
target is then counted again from the report. The clock is met when the repair is
completed (by an agent, or by the repairs system's status update).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import routing
from contact_hub.clock import Clock
from contact_hub.domain import repairs as rules
from contact_hub.domain.contacts.references import new_contact_reference
from contact_hub.domain.contacts.types import Category, Contact
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.services.contacts.routing import AGENT_RECLASSIFIED
from contact_hub.services.homes import listing
from contact_hub.services.homes.listing import HomeFilters
from contact_hub.services.homes.matching import Place, place_by_id
from contact_hub.services.repairs.work_orders import WorkOrders
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

STATUSES = ("open", "completed", "cancelled")
ROUTER = "router"


@dataclass(frozen=True)
class RepairFilters(HomeFilters):
    priority: str | None = None


@dataclass(frozen=True)
class WorkOrderLine:
    """One thing the repairs system said about the work order."""

    status: str
    at: datetime
    work_order_ref: str | None
    note: str | None


@dataclass(frozen=True)
class RepairView:
    reference: str
    contact_id: int
    contact_reference: str
    customer_id: int | None
    place: Place | None
    priority: str
    priority_set_by: str
    target: rules.Target
    reported_at: datetime
    due_at: datetime
    status: str
    completed_at: datetime | None
    overdue: bool
    work_order_ref: str | None
    work_order_status: str | None
    work_order_updates: tuple[WorkOrderLine, ...]


def _reclassified_as_no_repair(decision: routing.Decision) -> bool:
    """An agent's decision that the contact is not a repair. An emergency (a safety
    question's or a late transcript's escalation, or an agent's) never cancels one."""
    return (decision.category != Category.EMERGENCY
            and any(r.cue == AGENT_RECLASSIFIED for r in decision.reasons))


class RepairRequests:
    """Open repairs from routing, change their priority, complete them, and show them."""

    def __init__(self, uow: UnitsOfWork, clock: Clock, calendar: WorkingCalendar,
                 standards: rules.Standards, work_orders: WorkOrders) -> None:
        self.uow = uow
        self.clock = clock
        self.calendar = calendar
        self.standards = standards
        self.work_orders = work_orders

    def on_routed(self, uow: UnitOfWork, contact: Contact,
                  decision: routing.Decision) -> None:
        """The routed handler: a repair request for a contact that is a repair (once); an
        agent's reclassifying it as something else cancels its open repair."""
        session = uow.session
        priority = rules.repair_priority(decision.category, decision.queue,
                                         decision.priority, decision.hazards)
        if priority is None:
            if _reclassified_as_no_repair(decision):  # no query on the router's own path
                self._cancel_open(session, contact, decision)
            return
        if session.scalar(select(homes.RepairRequest.id).where(
                homes.RepairRequest.contact_id == contact.id)):
            return
        now = self.clock()
        target = self.standards[priority]
        reported = min(contact.received_at, now)
        row = homes.RepairRequest(
            reference=self._new_reference(session), contact_id=contact.id,
            customer_id=contact.customer_id, property_id=contact.property_id,
            priority=priority.value, priority_set_by=ROUTER, target=target.code,
            reported_at=reported, due_at=target.due(reported, self.calendar), status="open",
            created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        session.add(repo.ContactEvent(contact_id=contact.id, at=now, kind="repair_opened",
                                      detail={"reference": row.reference,
                                              "priority": row.priority,
                                              "target": target.words,
                                              "due_at": row.due_at.isoformat()}))
        logger.info("repair opened repair_id=%s priority=%s", row.id, row.priority)
        uow.enqueue_all(self.work_orders.repair_opened(session, row,
                                                       uow.contacts.row_of(contact)))

    def _cancel_open(self, session: Session, contact: Contact,
                     decision: routing.Decision) -> None:
        row = session.scalars(select(homes.RepairRequest).where(
            homes.RepairRequest.contact_id == contact.id,
            homes.RepairRequest.status == "open").with_for_update()).first()
        if row is None:
            return
        now = self.clock()
        row.status, row.completed_at, row.updated_at = "cancelled", None, now
        session.add(repo.ContactEvent(
            contact_id=contact.id, at=now, kind="repair_cancelled",
            detail={"reference": row.reference, "at": now.isoformat(),
                    "note": f"the contact was reclassified as {decision.category}: "
                            "no longer a repair"}))
        logger.info("repair cancelled on reclassification repair_id=%s", row.id)

    def _new_reference(self, session: Session) -> str:
        while True:
            reference = "RP-" + new_contact_reference()[3:]
            if not session.scalar(select(homes.RepairRequest.id)
                                  .where(homes.RepairRequest.reference == reference)):
                return reference

    def set_priority(self, reference: str, priority: str, actor: str, reason: str
                     ) -> RepairView:
        """An agent's priority, audited on the contact; the target counts from the report.
        Raises NotFound, Invalid (unknown priority, no reason), Conflict (not open)."""
        try:
            chosen = rules.RepairPriority(priority)
        except ValueError:
            raise Invalid("priority: one of "
                          + ", ".join(p.value for p in rules.RepairPriority)) from None
        if not reason.strip():
            raise Invalid("reason: required (a change of priority is audited)")
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            row = self._open_row(session, reference)
            before = row.priority
            target = self.standards[chosen]
            row.priority, row.priority_set_by, row.target = chosen.value, actor, target.code
            row.due_at, row.updated_at = target.due(row.reported_at, self.calendar), now
            session.add(repo.ContactEvent(
                contact_id=row.contact_id, at=now, kind="repair_priority_changed", actor=actor,
                detail={"reference": reference, "from": before, "to": chosen.value,
                        "reason": reason.strip()[:1000], "due_at": row.due_at.isoformat()}))
            uow.enqueue_all(self.work_orders.repair_priority_changed(
                session, row, reason.strip()[:1000]))
        return self.get(reference)

    def finish(self, reference: str, status: str, actor: str, note: str | None,
               at: datetime | None = None) -> RepairView:
        """Record the repair completed (its target met, or missed, at `at`) or cancelled."""
        if status not in ("completed", "cancelled"):
            raise Invalid("status: completed or cancelled")
        now = self.clock()
        when = at or now
        if when > now:
            raise Invalid("at: must not be in the future")
        with self.uow.transaction() as uow:
            session = uow.session
            row = self._open_row(session, reference)
            row.status, row.updated_at = status, now
            row.completed_at = when if status == "completed" else None
            session.add(repo.ContactEvent(
                contact_id=row.contact_id, at=now, kind=f"repair_{status}", actor=actor,
                detail={"reference": reference, "at": when.isoformat(),
                        "note": (note or "").strip()[:1000] or None}))
        return self.get(reference)

    def _open_row(self, session: Session, reference: str) -> homes.RepairRequest:
        row = session.scalars(select(homes.RepairRequest).where(
            homes.RepairRequest.reference == reference).with_for_update()).first()
        if row is None:
            raise NotFound(f"no repair {reference}")
        if row.status != "open":
            raise Conflict(f"repair {reference} is {row.status}")
        return row

    # --- reading ----------------------------------------------------------------------

    def get(self, reference: str) -> RepairView:
        with self.uow() as uow:
            session = uow.session
            row = session.scalars(select(homes.RepairRequest).where(
                homes.RepairRequest.reference == reference)).first()
            if row is None:
                raise NotFound(f"no repair {reference}")
            return self.view(session, row)

    def repair_of(self, contact_id: int) -> RepairView | None:
        """`for_contact` in a read session of its own (for the API and the pages)."""
        with self.uow() as uow:
            return self.for_contact(uow.session, contact_id)

    def for_contact(self, session: Session, contact_id: int) -> RepairView | None:
        """The repair a contact opened, if any (for the contact's JSON and page)."""
        row = session.scalars(select(homes.RepairRequest).where(
            homes.RepairRequest.contact_id == contact_id)).first()
        return self.view(session, row) if row is not None else None

    def list(self, filters: RepairFilters, limit: int, offset: int
             ) -> tuple[list[RepairView], int]:
        """Repairs, soonest due first (the ones about to miss their target at the top)."""
        repair = homes.RepairRequest
        query = listing.filtered(repair, repair.due_at, filters, self.clock())
        if filters.priority is not None:
            query = query.where(repair.priority == filters.priority)
        with self.uow() as uow:
            rows, total = listing.page(uow.session, query, (repair.due_at, repair.id),
                                       limit, offset)
            return [self.view(uow.session, row) for row in rows], total

    def view(self, session: Session, row: homes.RepairRequest) -> RepairView:
        contact_reference = session.scalar(select(repo.Contact.reference).where(
            repo.Contact.id == row.contact_id)) or ""
        return RepairView(
            reference=row.reference, contact_id=row.contact_id,
            contact_reference=contact_reference, customer_id=row.customer_id,
            place=place_by_id(session, row.property_id), priority=row.priority,
            priority_set_by=row.priority_set_by, target=rules.Target.from_code(row.target),
            reported_at=row.reported_at, due_at=row.due_at, status=row.status,
            completed_at=row.completed_at,
            overdue=row.status == "open" and rules.overdue(row.due_at, None, self.clock()),
            work_order_ref=row.work_order_ref, work_order_status=row.work_order_status,
            work_order_updates=tuple(
                WorkOrderLine(u.status, u.at, u.work_order_ref, u.note)
                for u in self.work_orders.updates(session, row.reference)))
