"""Reads behind the staff pages that no other part of the service needs, and staff
accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from contact_hub.storage.access.staff_models import StaffUser
from contact_hub.storage.alerts.models import Alert
from contact_hub.storage.complaints.models import ComplaintReportFacts, ComplaintRow
from contact_hub.storage.models import Contact, ContactEvent, OutboundMessage


def outbound_for_contacts(
    session: Session, contact_ids: Sequence[int]
) -> Sequence[OutboundMessage]:
    """Every message sent (or held) about these contacts, oldest first."""
    if not contact_ids:
        return []
    return session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.contact_id.in_(contact_ids))
        .order_by(OutboundMessage.created_at, OutboundMessage.id)
    ).all()


def events_for_contacts(
    session: Session, contact_ids: Sequence[int], kinds: Sequence[str]
) -> Sequence[ContactEvent]:
    """Audit events of `kinds` on these contacts, oldest first."""
    if not contact_ids:
        return []
    return session.scalars(
        select(ContactEvent)
        .where(ContactEvent.contact_id.in_(contact_ids), ContactEvent.kind.in_(kinds))
        .order_by(ContactEvent.at, ContactEvent.id)
    ).all()


def contact_texts(session: Session, contact_ids: Sequence[int]) -> dict[int, str]:
    """What the resident wrote, by contact id."""
    if not contact_ids:
        return {}
    rows = session.execute(select(Contact.id, Contact.text).where(Contact.id.in_(contact_ids)))
    return {int(row[0]): str(row[1]) for row in rows}


def staff_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.email == email)).first()


def any_staff(session: Session) -> bool:
    return session.scalars(select(StaffUser.id).limit(1)).first() is not None


def contacts_by_day(
    session: Session, since: datetime, until: datetime | None = None
) -> list[tuple[date, str, str, int]]:
    """(UTC day, channel, category, contacts) for contacts received from `since` (and
    before `until`): one pass over the period for both dashboard charts."""
    day = func.date(Contact.received_at)
    query = (
        # count(*), not count(id): the (received_at, channel, category) index covers it
        select(day, Contact.channel, Contact.category, func.count())
        .where(Contact.received_at >= since)
        .group_by(day, Contact.channel, Contact.category)
    )
    if until is not None:
        query = query.where(Contact.received_at < until)
    rows = session.execute(query).all()
    return [(_as_date(d), str(channel), str(category or ""), int(n))
            for d, channel, category, n in rows]


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def acknowledgement_waits(session: Session, since: datetime) -> list[tuple[datetime, datetime]]:
    """(opened, acknowledged) for emergencies opened since `since` and acknowledged."""
    rows = session.execute(
        select(Alert.opened_at, Alert.acknowledged_at)
        .where(Alert.opened_at >= since, Alert.acknowledged_at.is_not(None))
    ).all()
    return [(opened, acked) for opened, acked in rows if acked is not None]


def stage_timeliness_by_day(
    session: Session, since: date
) -> list[tuple[int, date, int, int, int]]:
    """(stage, London day, responses, on time by the Code's deadline, on time allowing any
    extension) for stage responses sent on or after `since`, counted in SQL from the report
    facts (no case document is read)."""
    found: list[tuple[int, date, int, int, int]] = []
    for stage in (1, 2):
        responded = ComplaintReportFacts.__table__.c[f"s{stage}_responded_on"]
        base = ComplaintReportFacts.__table__.c[f"s{stage}_response_due_base"]
        due = ComplaintReportFacts.__table__.c[f"s{stage}_response_due"]
        rows = session.execute(
            select(responded, func.count(),
                   func.sum(case((responded <= base, 1), else_=0)),
                   func.sum(case((responded <= due, 1), else_=0)))
            .where(responded >= since, base.is_not(None))
            .group_by(responded)
        ).all()
        found += [(stage, _as_date(day), int(n), int(in_time or 0), int(extended or 0))
                  for day, n, in_time, extended in rows]
    return found


def satisfaction_scores(session: Session, since: datetime) -> list[tuple[datetime, int]]:
    rows = session.execute(
        select(ComplaintRow.satisfaction_recorded_at, ComplaintRow.satisfaction_score)
        .where(ComplaintRow.satisfaction_recorded_at >= since,
               ComplaintRow.satisfaction_score.is_not(None))
    ).all()
    return [(at, int(score)) for at, score in rows if at is not None and score is not None]


def held_letters(session: Session, reference: str) -> list[OutboundMessage]:
    """A complaint's letters held for a person to send (no transport, a closed messaging
    window, or a copy in another format), oldest first."""
    return list(session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.idempotency_key.startswith(f"complaint-{reference}-"),
               OutboundMessage.status == "suppressed")
        .order_by(OutboundMessage.id)
    ))
