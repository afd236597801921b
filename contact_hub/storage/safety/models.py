"""The safety question table (see contact_hub/domain/safety)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class SafetyQuestion(Base):
    """"Is anyone in danger?" asked about one contact: where it went, by when an answer is
    due, and how it was settled. One per contact (asking twice is a no-op)."""

    __tablename__ = "safety_questions"
    __table_args__ = (
        Index("ix_safety_questions_status_due", "status", "due_at"),
        Index("ix_safety_questions_identity_asked", "identity_id", "asked_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    # Whose replies answer it: the resident's identity, on the channel it was asked on.
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id"))
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))  # domain.safety.questions.Status
    asked_at: Mapped[datetime]
    due_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(String(20))  # yes | no | unclear
    answer_text: Mapped[str | None] = mapped_column(Text)
    answer_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    outbound_key: Mapped[str | None] = mapped_column(String(200))
