"""Tables for the property register (issue 18): properties, tenancies, household members
and the phones and emails they reach us from, plus Awaab's Law hazard cases.

Properties belong to a building of the building register (`buildings`, shared with the
complaints' Building Safety Act checks). Household members are matched to a contact's
sender by `member_addresses` (kind, value): E.164 phones and lower-cased emails, the same
keys as `identities`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from contact_hub.storage.base import Base


class Property(Base):
    """A home the landlord owns or manages, keyed on the landlord's own reference."""

    __tablename__ = "properties"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(50), unique=True)
    uprn: Mapped[str | None] = mapped_column(String(12), unique=True)
    address_line_1: Mapped[str] = mapped_column(String(200))
    address_line_2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(8))  # formatted: "M1 1AE"
    postcode_key: Mapped[str] = mapped_column(String(7), index=True)  # "M11AE"
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    higher_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Tenancy(Base):
    """A tenancy (or lease) of one property."""

    __tablename__ = "tenancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(50), unique=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    tenure: Mapped[str | None] = mapped_column(String(40))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class HouseholdMember(Base):
    """A person in a tenancy's household; `name_key` keeps one row per name per tenancy."""

    __tablename__ = "household_members"
    __table_args__ = (
        UniqueConstraint("tenancy_id", "name_key", name="uq_household_members_tenancy_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenancy_id: Mapped[int] = mapped_column(ForeignKey("tenancies.id"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    phones: Mapped[list[Any]] = mapped_column(default=list)
    emails: Mapped[list[Any]] = mapped_column(default=list)
    # Free text as the housing system records it ("oxygen user", "two children under 5").
    vulnerabilities: Mapped[list[Any]] = mapped_column(default=list)
    reasonable_adjustments: Mapped[list[Any]] = mapped_column(default=list)
    # False once a later import of the tenancy no longer lists them (kept for the record).
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]
    anonymised_at: Mapped[datetime | None]  # by retention or erasure (services/privacy)


class MemberAddress(Base):
    """One phone (E.164) or email (lower case) a household member is known by."""

    __tablename__ = "member_addresses"
    __table_args__ = (Index("ix_member_addresses_kind_value", "kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("household_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # phone | email
    value: Mapped[str] = mapped_column(String(320))


class HazardCase(Base):
    """An Awaab's Law hazard case: what, where, and each clock with when it was met."""

    __tablename__ = "hazard_cases"
    __table_args__ = (Index("ix_hazard_cases_status_next_due", "status", "next_due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # emergency | significant
    hazard: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | closed
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    aware_at: Mapped[datetime]
    # name -> {"due": iso, "met_at": iso | null}; see domain.hazards.
    deadlines: Mapped[dict[str, Any]]
    findings: Mapped[str | None] = mapped_column(Text)
    alternative_accommodation: Mapped[str | None] = mapped_column(Text)
    next_due_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    retain_until: Mapped[date | None] = mapped_column(Date)
    # What the repairs system last said about the case's work order.
    work_order_ref: Mapped[str | None] = mapped_column(String(100))
    work_order_status: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    anonymised_at: Mapped[datetime | None]  # by retention (services/privacy)


class HazardCaseContact(Base):
    """A contact that reported the hazard (a contact belongs to at most one case)."""

    __tablename__ = "hazard_case_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("hazard_cases.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    linked_at: Mapped[datetime]


class StaffNotice:
    """The columns every staff notice table shares (hazard and repair notices): a reminder
    or missed-deadline alert for staff, at most once per key, sent to Slack by the outbox."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # reminder | breach
    due_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    # pending -> sending -> sent | failed; not_configured without Slack. Sent by the
    # outbox (`outbound_id`), which keeps this status in step with its row.
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(String(500))
    outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_messages.id"))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class HazardNotice(StaffNotice, Base):
    """A reminder or missed-clock alert for staff, at most once per key."""

    __tablename__ = "hazard_notices"

    case_id: Mapped[int] = mapped_column(ForeignKey("hazard_cases.id"), index=True)
    deadline: Mapped[str] = mapped_column(String(40))


class RepairRequest(Base):
    """A repair a resident reported: its priority (the router's, or an agent's), the
    landlord's target for that priority, and the work order sent to the repairs system."""

    __tablename__ = "repair_requests"
    __table_args__ = (Index("ix_repair_requests_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"), index=True)
    priority: Mapped[str] = mapped_column(String(20))  # emergency | urgent | routine
    priority_set_by: Mapped[str] = mapped_column(String(100))  # "router" or the agent
    target: Mapped[str] = mapped_column(String(10))  # as configured: "24h", "5wd"
    reported_at: Mapped[datetime]
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), index=True)  # open|completed|cancelled
    completed_at: Mapped[datetime | None]
    # What the repairs system last said (POST /webhooks/repairs).
    work_order_ref: Mapped[str | None] = mapped_column(String(100))
    work_order_status: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RepairNotice(StaffNotice, Base):
    """A reminder or missed-target alert for a manager, at most once per key."""

    __tablename__ = "repair_notices"

    repair_id: Mapped[int] = mapped_column(ForeignKey("repair_requests.id"), index=True)


class WorkOrderUpdate(Base):
    """A status update the repairs system posted about a repair or hazard case (once per
    event id: a replayed or retried post changes nothing)."""

    __tablename__ = "work_order_updates"
    __table_args__ = (Index("ix_work_order_updates_subject", "subject", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    subject: Mapped[str] = mapped_column(String(20))  # repair | hazard_case
    reference: Mapped[str] = mapped_column(String(20))
    work_order_ref: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]  # when it happened, as the repairs system says
    received_at: Mapped[datetime]
