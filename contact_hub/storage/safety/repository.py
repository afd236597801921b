"""Queries over safety questions (rows locked where a decision depends on them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contact_hub.storage.models import Contact
from contact_hub.storage.safety.models import SafetyQuestion

PENDING = "pending"


def question_for_contact(session: Session, contact_id: int) -> SafetyQuestion | None:
    return session.scalar(select(SafetyQuestion).where(SafetyQuestion.contact_id == contact_id))


def lock_question(session: Session, question_id: int) -> SafetyQuestion | None:
    """The question, locked until the transaction ends (two jobs never settle it twice)."""
    return session.scalar(
        select(SafetyQuestion).where(SafetyQuestion.id == question_id).with_for_update()
    )


def may_be_answered(session: Session, identity_id: int, channel: str, settled_since: datetime
                    ) -> bool:
    """Whether a message from this identity on this channel may answer a question: one is
    pending, or was settled since `settled_since` (a late answer still counts)."""
    query = select(SafetyQuestion.id).where(
        SafetyQuestion.identity_id == identity_id, SafetyQuestion.channel == channel,
        (SafetyQuestion.status == PENDING) | (SafetyQuestion.settled_at >= settled_since),
    ).limit(1)
    return session.scalar(query) is not None


def questions_a_reply_may_answer(
    session: Session, identity_id: int, channel: str, received_at: datetime,
    settled_since: datetime,
) -> Sequence[SafetyQuestion]:
    """Questions asked of this identity on this channel before the reply came: pending ones,
    and ones settled since `settled_since` (a late answer); locked, newest first."""
    query = (
        select(SafetyQuestion)
        .where(
            SafetyQuestion.identity_id == identity_id,
            SafetyQuestion.channel == channel,
            SafetyQuestion.asked_at <= received_at,
            (SafetyQuestion.status == PENDING) | (SafetyQuestion.settled_at >= settled_since),
        )
        .order_by(SafetyQuestion.asked_at.desc(), SafetyQuestion.id.desc())
        .with_for_update()
    )
    return session.scalars(query).all()


def overdue_questions(session: Session, due_before: datetime, limit: int) -> Sequence[int]:
    """Ids of questions still pending whose answer was due before `due_before`."""
    query = (
        select(SafetyQuestion.id)
        .where(SafetyQuestion.status == PENDING, SafetyQuestion.due_at < due_before)
        .order_by(SafetyQuestion.due_at)
        .limit(limit)
    )
    return session.scalars(query).all()


def questions_with_contacts(
    session: Session, status: str | None, limit: int, offset: int
) -> tuple[Sequence[tuple[SafetyQuestion, Contact]], int]:
    """A page of questions (soonest due first) with their contacts, and the total."""
    query = select(SafetyQuestion, Contact).join(Contact, Contact.id == SafetyQuestion.contact_id)
    count = select(func.count(SafetyQuestion.id))
    if status is not None:
        query = query.where(SafetyQuestion.status == status)
        count = count.where(SafetyQuestion.status == status)
    result = session.execute(
        query.order_by(SafetyQuestion.due_at, SafetyQuestion.id).limit(limit).offset(offset))
    rows = [(question, contact) for question, contact in result]
    total = session.scalar(count) or 0
    return rows, total
