"""Queries for the annual report's inputs: survey answers and the landlord's commentary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contact_hub.storage.alerts.models import Alert, AlertContact
from contact_hub.storage.complaints.models import ComplaintContact, ComplaintRow
from contact_hub.storage.models import Contact, ContactEvent, OutboundMessage
from contact_hub.storage.reports.models import (
    ContactSurvey,
    GoverningBodyResponse,
    IvrCall,
    SelfAssessmentCommentary,
)

# Written by the agents' reply and the IVR (services.agent_work, services.voice); repeated
# here because storage may not import services.
AGENT_REPLY = "agent_reply"
CALL_ENDED_EVENT = "call_ended"

__all__ = [
    "ContactSurvey",
    "GoverningBodyResponse",
    "IvrCall",
    "SelfAssessmentCommentary",
    "alert_times",
    "call_endings",
    "complaint_survey_answers",
    "contact_facts_rows",
    "contact_survey_answers",
    "governing_body_response",
    "provision_commentary",
]


def complaint_survey_answers(
    session: Session, after: datetime, end: datetime
) -> Sequence[tuple[int, datetime, str]]:
    """(score, answered at, channel) of complaint surveys answered in (after, end]."""
    rows = session.execute(
        select(ComplaintRow.satisfaction_score, ComplaintRow.satisfaction_recorded_at,
               ComplaintRow.channel)
        .where(ComplaintRow.satisfaction_score.is_not(None))
        .where(ComplaintRow.satisfaction_recorded_at > after)
        .where(ComplaintRow.satisfaction_recorded_at <= end)
    ).all()
    return [(int(score), at, channel) for score, at, channel in rows if score is not None and at]


def contact_survey_answers(
    session: Session, after: datetime, end: datetime
) -> Sequence[tuple[int, datetime, str]]:
    """(score, answered at, channel) of contact surveys answered in (after, end]."""
    rows = session.execute(
        select(ContactSurvey.score, ContactSurvey.answered_at, ContactSurvey.channel)
        .where(ContactSurvey.score.is_not(None))
        .where(ContactSurvey.answered_at > after)
        .where(ContactSurvey.answered_at <= end)
    ).all()
    return [(int(score), at, channel) for score, at, channel in rows if score is not None and at]


def governing_body_response(session: Session, year: int) -> GoverningBodyResponse | None:
    return session.get(GoverningBodyResponse, year)


def provision_commentary(session: Session, year: int) -> dict[str, SelfAssessmentCommentary]:
    rows = session.scalars(
        select(SelfAssessmentCommentary).where(SelfAssessmentCommentary.year == year)
    ).all()
    return {row.provision: row for row in rows}


def contact_facts_rows(
    session: Session, after: datetime, until: datetime
) -> Sequence[tuple[Any, ...]]:
    """(channel, category, received_at, customer_id, first agent reply, resolved_at) of
    contacts received in (after, until]."""
    first_reply = (
        select(OutboundMessage.contact_id, func.min(OutboundMessage.created_at).label("at"))
        .where(OutboundMessage.kind == AGENT_REPLY)
        .group_by(OutboundMessage.contact_id)
        .subquery()
    )
    query = (
        select(Contact.channel, Contact.category, Contact.received_at, Contact.customer_id,
               first_reply.c.at, Contact.resolved_at)
        .outerjoin(first_reply, first_reply.c.contact_id == Contact.id)
        .where(Contact.received_at > after, Contact.received_at <= until)
    )
    return [tuple(row) for row in session.execute(query).all()]


def call_endings(
    session: Session, after: datetime, until: datetime
) -> Sequence[tuple[datetime, str]]:
    """(when, status) of emergency calls' endings recorded by the IVR in (after, until]."""
    rows = session.execute(
        select(ContactEvent.at, ContactEvent.detail)
        .where(ContactEvent.kind == CALL_ENDED_EVENT)
        .where(ContactEvent.at > after, ContactEvent.at <= until)
    ).all()
    return [(at, str((detail or {}).get("status", ""))) for at, detail in rows]


def alert_times(
    session: Session, after: datetime, until: datetime
) -> Sequence[tuple[datetime, datetime | None]]:
    """(opened, acknowledged) of alerts opened in (after, until]."""
    rows = session.execute(
        select(Alert.opened_at, Alert.acknowledged_at)
        .where(Alert.opened_at > after, Alert.opened_at <= until)
    ).all()
    return [(opened, acknowledged) for opened, acknowledged in rows]


def resolved_without_survey(
    session: Session, after: datetime, until: datetime, limit: int, not_by: str
) -> Sequence[Contact]:
    """Contacts from a known customer resolved in (after, until] with no survey yet, not
    dealt with as a complaint (a complaint has its own survey when it closes) and not
    resolved by ``not_by`` (the survey itself, for answers)."""
    return session.scalars(
        select(Contact)
        .where(Contact.resolved_at > after, Contact.resolved_at <= until)
        .where(Contact.customer_id.is_not(None), Contact.resolved_by != not_by)
        .where(~Contact.id.in_(select(ContactSurvey.contact_id)))
        .where(~Contact.id.in_(select(ComplaintContact.contact_id)))
        .order_by(Contact.resolved_at)
        .limit(limit)
    ).all()


def last_survey_asked(session: Session, customer_id: int) -> datetime | None:
    return session.scalar(
        select(func.max(ContactSurvey.asked_at))
        .where(ContactSurvey.customer_id == customer_id, ContactSurvey.skipped_reason.is_(None))
    )


def has_open_emergency(session: Session, customer_id: int) -> bool:
    """Whether an alert raised by any of the customer's contacts is not resolved yet."""
    found = session.scalar(
        select(Alert.id)
        .join(AlertContact, AlertContact.alert_id == Alert.id)
        .join(Contact, Contact.id == AlertContact.contact_id)
        .where(Contact.customer_id == customer_id, Alert.state != "resolved")
        .limit(1)
    )
    return found is not None


def survey_awaiting_answer(
    session: Session, customer_id: int, since: datetime
) -> ContactSurvey | None:
    """The customer's latest survey asked since ``since`` and not answered."""
    return session.scalars(
        select(ContactSurvey)
        .where(ContactSurvey.customer_id == customer_id, ContactSurvey.asked_at >= since)
        .where(ContactSurvey.answered_at.is_(None), ContactSurvey.skipped_reason.is_(None))
        .order_by(ContactSurvey.asked_at.desc())
        .limit(1)
    ).first()


def ivr_call(session: Session, call_sid: str) -> IvrCall:
    """The IVR call with ``call_sid``, locked, made if it is the first news of it (two
    webhooks of one call may race: the loser of the insert reads the winner's row)."""
    query = select(IvrCall).where(IvrCall.call_sid == call_sid).with_for_update()
    row = session.scalar(query)
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = IvrCall(call_sid=call_sid)
            session.add(row)
    except IntegrityError:
        row = session.scalar(query)
        assert row is not None
    return row


def ivr_call_endings(
    session: Session, after: datetime, until: datetime
) -> Sequence[tuple[datetime, str, bool]]:
    """(ended at, final status, got anywhere) of IVR calls that ended in (after, until]."""
    rows = session.execute(
        select(IvrCall.ended_at, IvrCall.status, IvrCall.progressed_at)
        .where(IvrCall.ended_at > after, IvrCall.ended_at <= until)
    ).all()
    return [(ended, str(status or ""), progressed is not None)
            for ended, status, progressed in rows if ended is not None]
