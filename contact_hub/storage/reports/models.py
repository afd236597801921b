"""Tables for the annual report's written parts and for contact satisfaction surveys."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class GoverningBodyResponse(Base):
    """The governing body's response to a year's report, written by the Member Responsible
    for Complaints (Code 8.2); one per reporting year."""

    __tablename__ = "governing_body_responses"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    responded_by: Mapped[str] = mapped_column(String(200))
    responded_on: Mapped[date] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]


class SelfAssessmentCommentary(Base):
    """The landlord's own commentary on one provision of the self-assessment for a year."""

    __tablename__ = "self_assessment_commentary"
    __table_args__ = (UniqueConstraint("year", "provision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    provision: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]


class ContactSurvey(Base):
    """The satisfaction question asked after a resolved contact, and the answer.

    At most one per contact (unique); the answer is stored against the contact and the
    agent who resolved it."""

    __tablename__ = "contact_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    agent: Mapped[str | None] = mapped_column(String(100))
    asked_at: Mapped[datetime]  # when it was asked, or decided not to ask
    # Why the resident was not asked (opted out, asked recently, channel closed); None: asked.
    skipped_reason: Mapped[str | None] = mapped_column(String(100))
    score: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    # The complaint a free-text answer raised, if any.
    complaint_reference: Mapped[str | None] = mapped_column(String(20))


class IvrCall(Base):
    """A call to the IVR: whether the caller got anywhere (chose an option, was put
    through, left a message) and how the call ended (Twilio's status callback). A call
    that ended without getting anywhere was abandoned: the "abandoned calls" KPI."""

    __tablename__ = "ivr_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    progressed_at: Mapped[datetime | None]  # first time the caller got somewhere
    progress: Mapped[str | None] = mapped_column(String(40))  # how: "menu:<key>", "message"
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
    status: Mapped[str | None] = mapped_column(String(20))  # Twilio's final CallStatus
    duration_seconds: Mapped[int | None]
