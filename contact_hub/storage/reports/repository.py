"""Queries for the annual report's inputs: survey answers and the landlord's commentary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.storage.complaint_models import ComplaintRow
from contact_hub.storage.reports.models import (
    ContactSurvey,
    GoverningBodyResponse,
    SelfAssessmentCommentary,
)

__all__ = [
    "ContactSurvey",
    "GoverningBodyResponse",
    "SelfAssessmentCommentary",
    "complaint_survey_answers",
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
