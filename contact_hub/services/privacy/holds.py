"""Legal holds, and the reasons a person's records must be kept whatever was asked.

Three things stop erasure and retention: an explicit hold an admin sets with a reason
(litigation, an Ombudsman or regulator investigation, a safeguarding inquiry), an open
complaint (the landlord still owes a response), and a Building Safety Act relevant
complaint within its 7 years. An emergency alert still open keeps its contacts too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from contact_hub.clock import Clock
from contact_hub.domain.complaints.model import Status
from contact_hub.domain.errors import Conflict, Invalid, NotFound
from contact_hub.domain.privacy.retention import RetentionPolicy, is_due
from contact_hub.services.privacy import audit
from contact_hub.services.privacy.registers import hazard_keep_reason, member_keep_reason
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.privacy import repository as prepo

logger = logging.getLogger(__name__)

ENDED = (Status.CLOSED.value, Status.DECLINED.value, Status.WITHDRAWN.value)


@dataclass(frozen=True)
class HoldView:
    id: int
    customer_id: int
    reason: str
    set_by: str
    set_at: datetime
    released_at: datetime | None
    released_by: str | None

    @classmethod
    def of(cls, hold: prepo.LegalHold) -> HoldView:
        return cls(hold.id, hold.customer_id, hold.reason, hold.set_by, hold.set_at,
                   hold.released_at, hold.released_by)


@dataclass
class Keep:
    """What must be kept for one person, and why (each reason readable by a person)."""

    everything: str | None = None  # an explicit legal hold
    complaints: dict[int, str] = field(default_factory=dict)  # complaint row id -> reason
    contacts: dict[int, str] = field(default_factory=dict)  # contact id -> reason
    hazard_cases: dict[int, str] = field(default_factory=dict)  # hazard case id -> reason
    household: dict[int, str] = field(default_factory=dict)  # household member id -> reason
    identity: str | None = None  # why their name and addresses stay (an open complaint)


def check_reason(reason: str) -> None:
    """A reason is kept in the audit: plain text of at most 1000 characters."""
    if len(reason) > 1000:
        raise Invalid("reason: at most 1000 characters")
    if any(ord(character) < 32 and character not in "\t\n" for character in reason):
        raise Invalid("reason: control characters are not allowed")


def closed_at(row: crepo.ComplaintRow) -> datetime:
    """When the case ended: its last timeline entry (the outcome), else its last change."""
    timeline = row.document.get("timeline") or []
    if timeline:
        return datetime.fromisoformat(timeline[-1]["at"])
    return row.updated_at


def complaint_keep_reason(
    row: crepo.ComplaintRow, policy: RetentionPolicy, now: datetime
) -> str | None:
    """Why a case must be kept now (None: it may be anonymised)."""
    if row.status not in ENDED:
        return f"complaint {row.reference} is open: the landlord still owes a response"
    if row.bsa_relevant:
        until = policy.complaint_expires_on(closed_at(row), bsa_relevant=True)
        if not is_due(until, now):
            return (f"complaint {row.reference} is a Building Safety Act relevant complaint: "
                    f"its record is kept until {until.isoformat()}")
    return None


def what_to_keep(
    session: Session, customer_id: int, policy: RetentionPolicy, now: datetime
) -> Keep:
    """Everything about ``customer_id`` that erasure must leave, with the reason."""
    keep = Keep()
    holds = prepo.active_holds(session, customer_id)
    if holds:
        keep.everything = "; ".join(
            f"legal hold #{hold.id} set by {hold.set_by} on {hold.set_at.date().isoformat()}: "
            f"{hold.reason}" for hold in holds)
        return keep
    for row in prepo.complaints_of(session, customer_id):
        reason = complaint_keep_reason(row, policy, now)
        if reason is None:
            continue
        keep.complaints[row.id] = reason
        for contact in prepo.contacts_of_complaint(session, row.id):
            keep.contacts[contact.id] = reason
        if row.status not in ENDED:
            keep.identity = reason + " (its reply goes to their address)"
    contact_ids = [contact.id for contact in prepo.contacts_of(session, customer_id)]
    for contact_id, alert in prepo.alert_of_contacts(session, contact_ids).items():
        if alert.state != "resolved":
            keep.contacts.setdefault(
                contact_id, f"emergency alert #{alert.id} is still {alert.state}")
    _keep_hazard_cases(session, keep, customer_id, contact_ids, policy, now)
    addresses = [identity.value for identity in prepo.identities_of(session, customer_id)]
    for member, tenancy, _home in prepo.household_members_reached_at(session, addresses):
        reason = member_keep_reason(member, tenancy, policy, now)
        if reason is not None and member.anonymised_at is None:
            keep.household[member.id] = reason
    return keep


def _keep_hazard_cases(
    session: Session, keep: Keep, customer_id: int, contact_ids: list[int],
    policy: RetentionPolicy, now: datetime,
) -> None:
    """An open hazard case keeps its contacts and the person's addresses (the written
    summary of findings goes to them); a closed one is kept for its years."""
    for case in prepo.hazard_cases_of(session, customer_id, contact_ids):
        reason = hazard_keep_reason(case, policy, now)
        if reason is None or case.anonymised_at is not None:
            continue
        keep.hazard_cases[case.id] = reason
        for contact in prepo.contacts_of_hazard_case(session, case.id):
            keep.contacts.setdefault(contact.id, reason)
        if case.status != "closed":
            keep.identity = keep.identity or reason + " (its findings go to them)"


class LegalHolds:
    """Set and release explicit holds (admins), audited."""

    def __init__(self, uow: UnitsOfWork, clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    def place(self, customer_id: int, reason: str, actor: str) -> HoldView:
        """Hold everything about a person until released.

        Raises:
            NotFound: no such customer.
            Invalid: no reason given.
        """
        reason = (reason or "").strip()
        if not reason:
            raise Invalid("reason: required (why must this person's records be kept?)")
        check_reason(reason)
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            if session.get(repo.Customer, customer_id) is None:
                raise NotFound(f"no customer {customer_id}")
            hold = prepo.LegalHold(customer_id=customer_id, reason=reason, set_by=actor[:100],
                                   set_at=now)
            session.add(hold)
            session.flush()
            audit.record(session, now, actor, "hold_set", customer_id, {"hold_id": hold.id})
            view = HoldView.of(hold)
        logger.info("legal hold set hold_id=%s customer_id=%s", view.id, customer_id)
        return view

    def release(self, hold_id: int, actor: str) -> HoldView:
        """End a hold (retention and erasure apply again); 409 if already released."""
        now = self.clock()
        with self.uow.transaction() as uow:
            session = uow.session
            hold = prepo.get_hold(session, hold_id)
            if hold is None:
                raise NotFound(f"no legal hold {hold_id}")
            if hold.released_at is not None:
                raise Conflict(f"legal hold {hold_id} was already released")
            hold.released_at, hold.released_by = now, actor[:100]
            audit.record(session, now, actor, "hold_released", hold.customer_id,
                         {"hold_id": hold.id})
            view = HoldView.of(hold)
        logger.info("legal hold released hold_id=%s", hold_id)
        return view

    def list(self, customer_id: int) -> Sequence[HoldView]:
        with self.uow() as uow:
            session = uow.session
            if session.get(repo.Customer, customer_id) is None:
                raise NotFound(f"no customer {customer_id}")
            return [HoldView.of(hold) for hold in prepo.holds_of(session, customer_id)]
