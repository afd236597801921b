"""What staff read about safety questions ("check now"): plain dataclasses, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from contact_hub.clock import Clock
from contact_hub.storage.safety import repository as srepo


@dataclass(frozen=True)
class QuestionLine:
    """One question asked, for the check-now list."""

    id: int
    contact_id: int
    reference: str
    channel: str
    language: str | None
    status: str
    asked_at: datetime
    due_at: datetime
    settled_at: datetime | None
    answer: str | None
    seconds_left: int  # until it escalates by itself; 0 once due or settled
    queue: str | None
    category: str | None


def question_lines(
    session: Session, status: str | None, limit: int, offset: int, now: datetime
) -> tuple[list[QuestionLine], int]:
    """A page of questions in `status` (None: all), soonest deadline first, and the total."""
    rows, total = srepo.questions_with_contacts(session, status, limit, offset)
    lines = [
        QuestionLine(
            id=q.id, contact_id=c.id, reference=c.reference, channel=q.channel,
            language=q.language, status=q.status, asked_at=q.asked_at, due_at=q.due_at,
            settled_at=q.settled_at, answer=q.answer,
            seconds_left=max(0, int((q.due_at - now).total_seconds()))
            if q.status == srepo.PENDING else 0,
            queue=c.queue, category=c.category,
        )
        for q, c in rows
    ]
    return lines, total


class SafetyQuestionQueries:
    """The check-now list, read in its own session."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    def lines(
        self, status: str | None, limit: int, offset: int
    ) -> tuple[list[QuestionLine], int]:
        """A page of questions in `status` (None: all), soonest deadline first, and the
        total; seconds left are counted from now."""
        with self.sessions() as session:
            return question_lines(session, status, limit, offset, self.clock())
