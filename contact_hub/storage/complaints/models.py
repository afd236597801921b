"""Tables for complaint cases (issue 5).

A complaint is stored whole as a JSON document (``domain.complaints.serialisation``) plus
flat, indexed copies of the fields that lists and the monitor filter on. The
``version`` column is SQLAlchemy's optimistic lock: two handlers changing the same
case at once cannot overwrite each other; the loser gets a conflict.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class ComplaintRow(Base):
    """One complaint case: the domain document and its index fields."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30), index=True)
    handler_id: Mapped[str | None] = mapped_column(String(100), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime]
    acknowledge_by: Mapped[date] = mapped_column(Date)
    acknowledged_at: Mapped[datetime | None]
    response_due: Mapped[date | None] = mapped_column(Date)
    responded_at: Mapped[datetime | None]
    next_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    bsa_relevant: Mapped[bool] = mapped_column(Boolean, default=False)
    retain_until: Mapped[date | None] = mapped_column(Date)
    unreasonable_behaviour_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where letters to the complainant go: their channel, or their preferred one.
    reply_channel: Mapped[str] = mapped_column(String(20))
    reply_to: Mapped[str] = mapped_column(String(500))
    building_id: Mapped[str | None] = mapped_column(String(100))
    survey_sent_at: Mapped[datetime | None]
    satisfaction_score: Mapped[int | None]
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    satisfaction_recorded_at: Mapped[datetime | None]
    document: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # Set when the complainant's details and the case's words were removed (services/privacy).
    anonymised_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __mapper_args__ = {"version_id_col": version}


class ComplaintContact(Base):
    """A contact linked to a case; a contact belongs to at most one case."""

    __tablename__ = "complaint_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    linked_at: Mapped[datetime]


class ComplaintNotice(Base):
    """A reminder or breach alert for staff, at most once per key (Reminder.key)."""

    __tablename__ = "complaint_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # reminder | breach
    deadline_kind: Mapped[str] = mapped_column(String(30))
    due_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # pending → sending → sent | failed | unknown; not_configured without Slack.
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(String(500))
    slack_ts: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class Building(Base):
    """The building register: which buildings are higher-risk under the Building Safety Act."""

    __tablename__ = "buildings"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    higher_risk: Mapped[bool] = mapped_column(Boolean, default=False)
