"""Work orders out to the repairs system, and its status updates back.

When a repair or a hazard case is opened (or a repair's priority changes) a JSON event is
queued in the outbox, in the routing transaction, on the `repairs_system` channel: one row
per event (idempotency key = the event id), rows of one repair or case sharing a sequence
key so an update never overtakes the work order it changes. The outbox claims each row
before posting, retries transient failures on its own clock with the same key, and never
posts a row twice once the repairs system has taken it. The wire format is in
docs/repairs.md; the transport and the signature are `channels/repairs_system.py`.

The repairs system's status updates (signed the same way) are applied once per event id:
they show as events on the contacts and on the repair or case, and a repair the repairs
system reports completed meets its target clock.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from channels.repairs_system import CHANNEL, StatusUpdate, canonical_json
from contact_hub.clock import Clock
from contact_hub.domain.errors import NotFound
from contact_hub.queueing import JobRequest
from contact_hub.services.homes.matching import place_by_id
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.homes import models as homes

logger = logging.getLogger(__name__)

KIND = "work_order"  # the outbox kind of every event to the repairs system
SEQUENCE_PREFIX = "work-order:"
REPAIR_PREFIX, CASE_PREFIX = "RP-", "HZ-"


class WorkOrders:
    """Queues work order events (when a repairs system URL is configured) and applies the
    repairs system's status updates."""

    def __init__(self, uow: UnitsOfWork, outbox: Outbox, clock: Clock,
                 url: str | None) -> None:
        self.uow = uow
        self.outbox = outbox
        self.clock = clock
        self.url = url  # None: no repairs system; nothing is queued

    # --- out ----------------------------------------------------------------------------

    def repair_opened(self, session: Session, repair: homes.RepairRequest,
                      contact: repo.Contact) -> list[JobRequest]:
        return self._queue(session, repair.reference, contact.id, "repair.opened", {
            "repair": _repair(repair), "contact": _contact(contact),
            "property": _place(session, repair.property_id),
            "resident": _resident(session, contact)})

    def repair_priority_changed(self, session: Session, repair: homes.RepairRequest,
                                reason: str) -> list[JobRequest]:
        return self._queue(session, repair.reference, repair.contact_id,
                           "repair.priority_changed",
                           {"repair": _repair(repair), "reason": reason},
                           suffix="." + repair.updated_at.strftime("%Y%m%dT%H%M%S%f"))

    def hazard_case_opened(self, session: Session, case: homes.HazardCase,
                           contact: repo.Contact) -> list[JobRequest]:
        return self._queue(session, case.reference, contact.id, "hazard_case.opened", {
            "hazard_case": {"reference": case.reference, "kind": case.kind,
                            "hazard": case.hazard, "aware_at": case.aware_at.isoformat(),
                            "deadlines": case.deadlines},
            "contact": _contact(contact), "property": _place(session, case.property_id),
            "resident": _resident(session, contact)})

    def _queue(self, session: Session, reference: str, contact_id: int, event: str,
               payload: dict[str, Any], suffix: str = "") -> list[JobRequest]:
        """One event, keyed `<reference>.<event><suffix>` (its id on the wire too), kept
        against the contact it is about (erasure scrubs it with the contact's messages)."""
        if self.url is None:
            return []
        event_id = f"{reference}.{event}{suffix}"
        body = canonical_json({"id": event_id, "type": event,
                               "created_at": self.clock().isoformat(), **payload})
        _, job = self.outbox.queue(session, NewMessage(
            key=event_id, kind=KIND, channel=CHANNEL, recipient=self.url, body=body,
            contact_id=contact_id, sequence=SEQUENCE_PREFIX + reference))
        return [job] if job else []

    # --- in -----------------------------------------------------------------------------

    def receive(self, update: StatusUpdate) -> bool:
        """Apply one status update; False when its event id was seen before (nothing done).
        Raises NotFound for a reference that is neither a repair nor a hazard case here."""
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            if session.scalar(select(homes.WorkOrderUpdate.id).where(
                    homes.WorkOrderUpdate.event_id == update.event_id)):
                return False
            subject, contact_ids = _subject(session, update, now)
            session.add(homes.WorkOrderUpdate(
                event_id=update.event_id, subject=subject, reference=update.reference,
                work_order_ref=update.work_order_ref, status=update.status, note=update.note,
                at=update.at, received_at=now))
            for contact_id in contact_ids:
                session.add(repo.ContactEvent(
                    contact_id=contact_id, at=now, kind="work_order_update",
                    actor="repairs system", detail={
                        "reference": update.reference, "status": update.status,
                        "work_order": update.work_order_ref, "note": update.note,
                        "at": update.at.isoformat()}))
        logger.info("work order update reference=%s status=%s", update.reference, update.status)
        return True

    def updates(self, session: Session, reference: str) -> list[homes.WorkOrderUpdate]:
        """What the repairs system has said about `reference`, in the order it happened."""
        return list(session.scalars(select(homes.WorkOrderUpdate).where(
            homes.WorkOrderUpdate.reference == reference).order_by(
            homes.WorkOrderUpdate.at, homes.WorkOrderUpdate.id)))


def _subject(session: Session, update: StatusUpdate, now: datetime
             ) -> tuple[str, list[int]]:
    """Apply the update to its repair or hazard case; ("repair" | "hazard_case", the
    contacts to show it on)."""
    if update.reference.startswith(REPAIR_PREFIX):
        repair = session.scalars(select(homes.RepairRequest).where(
            homes.RepairRequest.reference == update.reference).with_for_update()).first()
        if repair is not None:
            _latest(repair, update, session)
            if repair.status == "open" and update.status in ("completed", "cancelled"):
                repair.status = update.status
                repair.completed_at = update.at if update.status == "completed" else None
            repair.updated_at = now
            return "repair", [repair.contact_id]
    if update.reference.startswith(CASE_PREFIX):
        case = session.scalars(select(homes.HazardCase).where(
            homes.HazardCase.reference == update.reference).with_for_update()).first()
        if case is not None:
            _latest(case, update, session)
            return "hazard_case", list(session.scalars(
                select(homes.HazardCaseContact.contact_id).where(
                    homes.HazardCaseContact.case_id == case.id)))
    raise NotFound(f"no repair or hazard case {update.reference}")


def _latest(row: homes.RepairRequest | homes.HazardCase, update: StatusUpdate,
            session: Session) -> None:
    """The work order's status is its latest update's (updates may arrive out of order)."""
    newest = session.scalar(select(homes.WorkOrderUpdate.at).where(
        homes.WorkOrderUpdate.reference == update.reference).order_by(
        homes.WorkOrderUpdate.at.desc()).limit(1))
    if newest is None or update.at >= newest:
        row.work_order_status = update.status
        row.work_order_ref = update.work_order_ref or row.work_order_ref


def _repair(repair: homes.RepairRequest) -> dict[str, Any]:
    return {"reference": repair.reference, "priority": repair.priority,
            "target": repair.target, "reported_at": repair.reported_at.isoformat(),
            "due_at": repair.due_at.isoformat()}


def _contact(contact: repo.Contact) -> dict[str, Any]:
    return {"reference": contact.reference, "channel": contact.channel,
            "received_at": contact.received_at.isoformat(), "text": contact.text,
            "hazards": list((contact.decision or {}).get("hazards", ()))}


def _place(session: Session, property_id: int | None) -> dict[str, Any] | None:
    place = place_by_id(session, property_id)
    return place.to_dict() if place is not None else None


def _resident(session: Session, contact: repo.Contact) -> dict[str, Any]:
    """Who to call back, and what the operative must know before knocking."""
    identity = session.get(repo.Identity, contact.identity_id) if contact.identity_id else None
    customer = session.get(repo.Customer, contact.customer_id) if contact.customer_id else None
    member = (session.get(homes.HouseholdMember, contact.household_member_id)
              if contact.household_member_id else None)
    needs = [*(customer.vulnerabilities if customer else []),
             *(member.vulnerabilities if member else [])]
    return {"name": (member.name if member else None) or (customer.display_name
                                                           if customer else None),
            "phone": identity.value if identity and identity.kind == "phone" else None,
            "email": identity.value if identity and identity.kind == "email" else None,
            "vulnerabilities": list(dict.fromkeys(str(n) for n in needs)),
            "reasonable_adjustments": list(customer.reasonable_adjustments or [])
            if customer else []}


class WorkOrderDelivery:
    """The outbox's delivery of work orders: never given up on (the sweeper queues a row
    again until the repairs system takes it), and each outcome shown on the contacts."""

    max_attempts: int | None = None

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def prepare(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any] | None:
        return {}

    def finished(self, session: Session, row: repo.OutboundMessage) -> None:
        if row.status not in ("sent", "failed"):
            return  # queued again for a retry: the row itself shows the attempt
        reference = (row.sequence_key or "").removeprefix(SEQUENCE_PREFIX)
        for contact_id in _contacts_of(session, reference):
            session.add(repo.ContactEvent(
                contact_id=contact_id, at=self.clock(), kind=f"work_order_{row.status}",
                actor="repairs system", detail={
                    "reference": reference, "event": row.idempotency_key,
                    "work_order": row.provider_message_id if row.status == "sent" else None,
                    "error": row.error_message if row.status == "failed" else None}))


def _contacts_of(session: Session, reference: str) -> list[int]:
    if reference.startswith(REPAIR_PREFIX):
        return list(session.scalars(select(homes.RepairRequest.contact_id).where(
            homes.RepairRequest.reference == reference)))
    return list(session.scalars(
        select(homes.HazardCaseContact.contact_id).join(
            homes.HazardCase, homes.HazardCase.id == homes.HazardCaseContact.case_id)
        .where(homes.HazardCase.reference == reference)))
