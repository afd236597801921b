"""Tables for complaint cases (issue 5).

A complaint is stored whole as a JSON document (``domain.complaints.serialisation``) plus
flat, indexed copies of the fields that lists and the monitor filter on. The
``version`` column is SQLAlchemy's optimistic lock: two handlers changing the same
case at once cannot overwrite each other; the loser gets a conflict.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contact_hub.storage.base import Base

_LIST = JSON(none_as_null=True)


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

    # The case's report facts, rewritten with it on every save (repository.write).
    facts: Mapped[ComplaintReportFacts | None] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", uselist=False
    )

    __mapper_args__ = {"version_id_col": version}


class ComplaintReportFacts(Base):
    """One narrow row per complaint: what the reports and the managers' dashboard count
    (``domain.reports.facts``), so they need not rebuild every case from its document.

    Written only by ``repository.write`` and ``repository.refresh_facts``, in the same
    transaction as the case; ``contact-hub report rebuild-facts`` rewrites them all.
    Dates are London dates; ``s1_*`` and ``s2_*`` are the two stages' clocks.
    """

    __tablename__ = "complaint_report_facts"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    complaint: Mapped[ComplaintRow] = relationship(back_populates="facts")
    reference: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(index=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(30))
    stage: Mapped[int] = mapped_column(Integer)
    handler_id: Mapped[str | None] = mapped_column(String(100))
    building_id: Mapped[str | None] = mapped_column(String(100))  # the property, if known
    priority: Mapped[bool] = mapped_column(Boolean)
    bsa_relevant: Mapped[bool] = mapped_column(Boolean)
    safeguarding: Mapped[bool] = mapped_column(Boolean)
    declined_stage: Mapped[int | None] = mapped_column(Integer)
    declined_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    service_area: Mapped[str | None] = mapped_column(String(60))
    category: Mapped[str | None] = mapped_column(String(60))
    independent: Mapped[bool] = mapped_column(Boolean)
    needs_independent_handler: Mapped[bool] = mapped_column(Boolean)
    s1_requested_on: Mapped[date | None] = mapped_column(Date)
    s1_acknowledge_by: Mapped[date | None] = mapped_column(Date)
    s1_acknowledged_on: Mapped[date | None] = mapped_column(Date)
    s1_response_due_base: Mapped[date | None] = mapped_column(Date)
    s1_response_due: Mapped[date | None] = mapped_column(Date)
    s1_responded_on: Mapped[date | None] = mapped_column(Date, index=True)
    s1_decision: Mapped[str | None] = mapped_column(String(30))
    s1_extended_on: Mapped[date | None] = mapped_column(Date)
    s1_extension_reason: Mapped[str | None] = mapped_column(Text)
    s2_requested_on: Mapped[date | None] = mapped_column(Date)
    s2_acknowledge_by: Mapped[date | None] = mapped_column(Date)
    s2_acknowledged_on: Mapped[date | None] = mapped_column(Date)
    s2_response_due_base: Mapped[date | None] = mapped_column(Date)
    s2_response_due: Mapped[date | None] = mapped_column(Date)
    s2_responded_on: Mapped[date | None] = mapped_column(Date, index=True)
    s2_decision: Mapped[str | None] = mapped_column(String(30))
    s2_extended_on: Mapped[date | None] = mapped_column(Date)
    s2_extension_reason: Mapped[str | None] = mapped_column(Text)
    remedy_pence: Mapped[int] = mapped_column(Integer)  # financial remedies offered
    upheld: Mapped[bool] = mapped_column(Boolean)  # upheld or partly at any stage
    # Small JSON lists; SQL NULL when empty (most cases), so reading them decodes nothing.
    declined_grounds: Mapped[list[Any] | None] = mapped_column(_LIST)
    root_causes: Mapped[list[Any] | None] = mapped_column(_LIST)
    independent_reasons: Mapped[list[Any] | None] = mapped_column(_LIST)
    remedies: Mapped[list[Any] | None] = mapped_column(_LIST)  # [stage, type, pence, offered]
    lessons: Mapped[list[Any] | None] = mapped_column(_LIST)  # [text, recorded on]
    improvements: Mapped[list[Any] | None] = mapped_column(_LIST)  # [what, owner, agreed, ...]
    ombudsman: Mapped[list[Any] | None] = mapped_column(_LIST)  # [referred, determination, ...]


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
    # pending → sending → sent | failed | unknown; not_configured without Slack. Sent by
    # the outbox (`outbound_id`), which keeps this status in step with its row.
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(String(500))
    slack_ts: Mapped[str | None] = mapped_column(String(40))
    outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_messages.id"))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class Building(Base):
    """The building register: which buildings are higher-risk under the Building Safety Act."""

    __tablename__ = "buildings"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    higher_risk: Mapped[bool] = mapped_column(Boolean, default=False)
