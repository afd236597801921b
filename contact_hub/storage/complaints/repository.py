"""Queries for complaint cases, so SQLAlchemy stays inside storage/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from contact_hub.domain.complaints.filters import ComplaintFilters
from contact_hub.domain.complaints.model import Complaint, Status
from contact_hub.domain.complaints.serialisation import (
    complaint_from_dict,
    complaint_to_dict,
    index_fields,
)
from contact_hub.domain.reports.facts import (
    COLUMNS as FACT_COLUMNS,
)
from contact_hub.domain.reports.facts import (
    ComplaintFacts,
    facts_from_columns,
    facts_of,
    facts_to_columns,
)
from contact_hub.storage.complaints.models import (
    Building,
    ComplaintContact,
    ComplaintNotice,
    ComplaintReportFacts,
    ComplaintRow,
)
from contact_hub.storage.models import Contact

__all__ = [
    "Building",
    "ComplaintContact",
    "ComplaintFilters",
    "ComplaintNotice",
    "ComplaintReportFacts",
    "ComplaintRow",
    "StaleDataError",
]

def to_domain(row: ComplaintRow) -> Complaint:
    """The complaint stored in ``row``."""
    return complaint_from_dict(row.document)


def write(row: ComplaintRow, complaint: Complaint, now: datetime) -> None:
    """Store ``complaint`` in ``row``: the document and its flat index columns."""
    for name, value in index_fields(complaint).items():
        if name != "resident_id":  # stored as customer_id, a real foreign key
            setattr(row, name, value)
    row.document = complaint_to_dict(complaint)
    row.updated_at = now
    _write_facts(row, complaint)


def refresh_facts(row: ComplaintRow) -> bool:
    """Rewrite the case's report facts from its stored document (after the document was
    changed in place, as anonymisation does, or to rebuild them); True if they changed."""
    return _write_facts(row, to_domain(row))


def _write_facts(row: ComplaintRow, complaint: Complaint) -> bool:
    """The one place report facts are written: from the case being saved, in its
    transaction, so they cannot drift from it."""
    columns = facts_to_columns(facts_of(complaint))
    columns["building_id"] = row.building_id
    if row.facts is None:
        row.facts = ComplaintReportFacts(**columns)
        return True
    changed = False
    for name, value in columns.items():
        if getattr(row.facts, name) != value:
            setattr(row.facts, name, value)
            changed = True
    return changed


def report_facts_received_by(session: Session, moment: datetime) -> list[ComplaintFacts]:
    """The report facts of cases received up to ``moment``, read as plain rows (no case
    document is decoded: this is what keeps a 50,000-case report fast)."""
    table = ComplaintReportFacts.__table__
    query = (
        select(*(table.c[name] for name in FACT_COLUMNS))
        .where(table.c.received_at <= moment)
        .order_by(table.c.complaint_id)
    )
    return [facts_from_columns(row) for row in session.execute(query).mappings().all()]


def complaint_ids(session: Session, after: int, limit: int) -> Sequence[int]:
    """Case ids above ``after``, in order, a batch at a time (for rebuilding facts)."""
    return session.scalars(
        select(ComplaintRow.id).where(ComplaintRow.id > after)
        .order_by(ComplaintRow.id).limit(limit)
    ).all()


def complaints_by_ids(session: Session, ids: Sequence[int]) -> Sequence[ComplaintRow]:
    return session.scalars(
        select(ComplaintRow).where(ComplaintRow.id.in_(ids)).order_by(ComplaintRow.id)
    ).all()


def complaint_by_reference(
    session: Session, reference: str, *, for_update: bool = False
) -> ComplaintRow | None:
    """The case with ``reference``; ``for_update`` row-locks it on PostgreSQL."""
    query = select(ComplaintRow).where(ComplaintRow.reference == reference)
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def reference_taken(session: Session, reference: str) -> bool:
    found = session.scalar(select(ComplaintRow.id).where(ComplaintRow.reference == reference))
    return found is not None


def complaint_for_contact(session: Session, contact_id: int) -> ComplaintRow | None:
    """The case a contact is already linked to, if any."""
    return session.scalar(
        select(ComplaintRow)
        .join(ComplaintContact, ComplaintContact.complaint_id == ComplaintRow.id)
        .where(ComplaintContact.contact_id == contact_id)
    )


def contacts_of_complaint(session: Session, complaint_id: int) -> Sequence[Contact]:
    """The contacts a case was raised from or joined by."""
    return session.scalars(
        select(Contact)
        .join(ComplaintContact, ComplaintContact.contact_id == Contact.id)
        .where(ComplaintContact.complaint_id == complaint_id)
        .order_by(Contact.id)
    ).all()


def open_stage1_complaints(session: Session, customer_id: int) -> Sequence[ComplaintRow]:
    """The customer's stage 1 cases still awaiting their response, newest first."""
    return session.scalars(
        select(ComplaintRow)
        .where(
            ComplaintRow.customer_id == customer_id,
            ComplaintRow.stage == 1,
            ComplaintRow.status.in_((Status.RECEIVED, Status.ACKNOWLEDGED)),
        )
        .order_by(ComplaintRow.received_at.desc(), ComplaintRow.id.desc())
        .with_for_update()
    ).all()


def list_complaints(
    session: Session, filters: ComplaintFilters, limit: int, offset: int
) -> tuple[Sequence[ComplaintRow], int]:
    """A page of cases, the most pressing (earliest next deadline) first."""
    conditions: list[Any] = []
    if filters.stage is not None:
        conditions.append(ComplaintRow.stage == filters.stage)
    if filters.status:
        conditions.append(ComplaintRow.status == filters.status)
    if filters.handler_id:
        conditions.append(ComplaintRow.handler_id == filters.handler_id)
    if filters.due_before is not None:
        conditions.append(ComplaintRow.next_due_on < filters.due_before)
    if filters.overdue_on is not None:
        conditions.append(ComplaintRow.next_due_on < filters.overdue_on)
    if filters.not_overdue_on is not None:
        due = ComplaintRow.next_due_on
        conditions.append(due.is_(None) | (due >= filters.not_overdue_on))
    total = session.scalar(select(func.count(ComplaintRow.id)).where(*conditions)) or 0
    items = session.scalars(
        select(ComplaintRow)
        .where(*conditions)
        .order_by(ComplaintRow.next_due_on.is_(None), ComplaintRow.next_due_on, ComplaintRow.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return items, total


def complaints_with_deadlines(session: Session) -> Sequence[ComplaintRow]:
    """Every case with something still to be done by a date (for reminders and breaches)."""
    return session.scalars(
        select(ComplaintRow)
        .where(ComplaintRow.next_due_on.is_not(None))
        .order_by(ComplaintRow.id)
    ).all()


def notice_exists(session: Session, key: str) -> bool:
    return session.scalar(select(ComplaintNotice.id).where(ComplaintNotice.key == key)) is not None


def get_notice(session: Session, notice_id: int) -> ComplaintNotice | None:
    return session.get(ComplaintNotice, notice_id)


def notice_by_outbound(session: Session, outbound_id: int) -> ComplaintNotice | None:
    """The notice the outbox row `outbound_id` sends."""
    return session.scalar(select(ComplaintNotice).where(ComplaintNotice.outbound_id == outbound_id))


def notices_outside_outbox(session: Session, limit: int = 200) -> Sequence[ComplaintNotice]:
    """Pending notices with no outbox row (made before the outbox sent notices)."""
    return session.scalars(
        select(ComplaintNotice)
        .where(ComplaintNotice.status == "pending", ComplaintNotice.outbound_id.is_(None))
        .order_by(ComplaintNotice.id)
        .limit(limit)
    ).all()


def notices_for(session: Session, complaint_id: int) -> Sequence[ComplaintNotice]:
    return session.scalars(
        select(ComplaintNotice)
        .where(ComplaintNotice.complaint_id == complaint_id)
        .order_by(ComplaintNotice.id)
    ).all()


def get_building(session: Session, building_id: str) -> Building | None:
    return session.get(Building, building_id)


def latest_complaint_for_customer(session: Session, customer_id: int) -> ComplaintRow | None:
    return session.scalar(
        select(ComplaintRow)
        .where(ComplaintRow.customer_id == customer_id)
        .order_by(ComplaintRow.received_at.desc(), ComplaintRow.id.desc())
        .limit(1)
    )


def awaiting_survey_answer(
    session: Session, customer_id: int, sent_since: datetime
) -> ComplaintRow | None:
    """The customer's latest case whose satisfaction survey went out since ``sent_since``."""
    return session.scalar(
        select(ComplaintRow)
        .where(
            ComplaintRow.customer_id == customer_id,
            ComplaintRow.survey_sent_at >= sent_since,
            ComplaintRow.satisfaction_score.is_(None),
        )
        .order_by(ComplaintRow.survey_sent_at.desc())
        .limit(1)
    )
