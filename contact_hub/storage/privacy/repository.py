"""Queries for retention, subject access and erasure, so SQLAlchemy stays inside storage/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from contact_hub.storage.alerts.models import Alert, AlertContact
from contact_hub.storage.complaints.models import ComplaintContact, ComplaintRow
from contact_hub.storage.email.models import EmailNotification
from contact_hub.storage.homes.models import (
    HazardCase,
    HazardCaseContact,
    HazardNotice,
    HouseholdMember,
    MemberAddress,
    Property,
    RepairRequest,
    Tenancy,
    WorkOrderUpdate,
)
from contact_hub.storage.models import (
    Attachment,
    ConsentChange,
    Contact,
    ContactEvent,
    Conversation,
    Customer,
    CustomerChange,
    Identity,
    OutboundMessage,
)
from contact_hub.storage.privacy.models import LegalHold, PrivacyEvent
from contact_hub.storage.reports.models import ContactSurvey

__all__ = ["LegalHold", "PrivacyEvent"]


# --- holds ------------------------------------------------------------------------------


def active_holds(session: Session, customer_id: int) -> Sequence[LegalHold]:
    return session.scalars(
        select(LegalHold)
        .where(LegalHold.customer_id == customer_id, LegalHold.released_at.is_(None))
        .order_by(LegalHold.id)
    ).all()


def customers_on_hold(session: Session) -> set[int]:
    return set(session.scalars(
        select(LegalHold.customer_id).where(LegalHold.released_at.is_(None))
    ))


def holds_of(session: Session, customer_id: int) -> Sequence[LegalHold]:
    return session.scalars(
        select(LegalHold).where(LegalHold.customer_id == customer_id).order_by(LegalHold.id)
    ).all()


def get_hold(session: Session, hold_id: int) -> LegalHold | None:
    return session.get(LegalHold, hold_id)


def privacy_events_of(session: Session, customer_id: int) -> Sequence[PrivacyEvent]:
    return session.scalars(
        select(PrivacyEvent).where(PrivacyEvent.customer_id == customer_id)
        .order_by(PrivacyEvent.id)
    ).all()


# --- one person's records -----------------------------------------------------------------


def identities_of(session: Session, customer_id: int) -> Sequence[Identity]:
    return session.scalars(
        select(Identity).where(Identity.customer_id == customer_id).order_by(Identity.id)
    ).all()


def contacts_of(session: Session, customer_id: int) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).where(Contact.customer_id == customer_id).order_by(Contact.id)
    ).all()


def conversations_of(session: Session, customer_id: int) -> Sequence[Conversation]:
    return session.scalars(
        select(Conversation).where(Conversation.customer_id == customer_id)
        .order_by(Conversation.id)
    ).all()


def complaints_of(session: Session, customer_id: int) -> Sequence[ComplaintRow]:
    return session.scalars(
        select(ComplaintRow).where(ComplaintRow.customer_id == customer_id)
        .order_by(ComplaintRow.id)
    ).all()


def events_of_contacts(session: Session, contact_ids: Sequence[int]) -> Sequence[ContactEvent]:
    return session.scalars(
        select(ContactEvent).where(ContactEvent.contact_id.in_(contact_ids))
        .order_by(ContactEvent.id)
    ).all()


def attachments_of_contacts(session: Session, contact_ids: Sequence[int]) -> Sequence[Attachment]:
    return session.scalars(
        select(Attachment).where(Attachment.contact_id.in_(contact_ids)).order_by(Attachment.id)
    ).all()


def outbound_to(
    session: Session, contact_ids: Sequence[int], addresses: Sequence[str]
) -> Sequence[OutboundMessage]:
    """Messages sent about their contacts, or to any of their addresses."""
    conditions = [OutboundMessage.contact_id.in_(contact_ids)]
    if addresses:
        conditions.append(OutboundMessage.recipient.in_(addresses))
    return session.scalars(
        select(OutboundMessage).where(or_(*conditions)).order_by(OutboundMessage.id)
    ).all()


def consent_changes_of(session: Session, identity_ids: Sequence[int]) -> Sequence[ConsentChange]:
    return session.scalars(
        select(ConsentChange).where(ConsentChange.identity_id.in_(identity_ids))
        .order_by(ConsentChange.id)
    ).all()


def changes_of(session: Session, customer_id: int) -> Sequence[CustomerChange]:
    return session.scalars(
        select(CustomerChange).where(CustomerChange.customer_id == customer_id)
        .order_by(CustomerChange.id)
    ).all()


def alerts_reported_by(session: Session, contact_ids: Sequence[int]) -> Sequence[Alert]:
    reported = select(AlertContact.alert_id).where(AlertContact.contact_id.in_(contact_ids))
    return session.scalars(select(Alert).where(Alert.id.in_(reported)).order_by(Alert.id)).all()


def alert_of_contacts(session: Session, contact_ids: Sequence[int]) -> dict[int, Alert]:
    """Contact id -> the alert it is grouped into."""
    rows = session.execute(
        select(AlertContact.contact_id, Alert).join(Alert, Alert.id == AlertContact.alert_id)
        .where(AlertContact.contact_id.in_(contact_ids))
    ).all()
    return dict(rows)


def complaint_of_contacts(session: Session, contact_ids: Sequence[int]) -> dict[int, ComplaintRow]:
    """Contact id -> the complaint case it is linked to."""
    rows = session.execute(
        select(ComplaintContact.contact_id, ComplaintRow)
        .join(ComplaintRow, ComplaintRow.id == ComplaintContact.complaint_id)
        .where(ComplaintContact.contact_id.in_(contact_ids))
    ).all()
    return dict(rows)


def contacts_of_complaint(session: Session, complaint_id: int) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).join(ComplaintContact, ComplaintContact.contact_id == Contact.id)
        .where(ComplaintContact.complaint_id == complaint_id).order_by(Contact.id)
    ).all()


def email_notifications_of(
    session: Session, contact_ids: Sequence[int]
) -> Sequence[EmailNotification]:
    return session.scalars(
        select(EmailNotification).where(EmailNotification.contact_id.in_(contact_ids))
    ).all()


# --- retention candidates -----------------------------------------------------------------


def closed_complaints_before(
    session: Session, before: datetime, limit: int, after_id: int = 0
) -> Sequence[ComplaintRow]:
    """Ended cases not anonymised and untouched since ``before`` (closure is checked after),
    by id from ``after_id`` (held cases do not block the ones behind them)."""
    return session.scalars(
        select(ComplaintRow)
        .where(
            ComplaintRow.status.in_(("closed", "declined")),
            ComplaintRow.anonymised_at.is_(None),
            ComplaintRow.updated_at < before,
            ComplaintRow.id > after_id,
        )
        .order_by(ComplaintRow.id).limit(limit)
    ).all()


def contacts_inactive_since(
    session: Session, before: datetime, limit: int, after_id: int = 0
) -> Sequence[Contact]:
    """Contacts not anonymised whose last activity (resolution, else receipt) is before,
    by id from ``after_id``."""
    last_activity = func.coalesce(Contact.resolved_at, Contact.received_at)
    return session.scalars(
        select(Contact)
        .where(Contact.anonymised_at.is_(None), last_activity < before, Contact.id > after_id)
        .order_by(Contact.id).limit(limit)
    ).all()


def last_event_at(session: Session, contact_ids: Sequence[int]) -> dict[int, datetime]:
    rows = session.execute(
        select(ContactEvent.contact_id, func.max(ContactEvent.at))
        .where(ContactEvent.contact_id.in_(contact_ids)).group_by(ContactEvent.contact_id)
    ).all()
    return dict(rows)


def unlinked_outbound_before(
    session: Session, before: datetime, marker: str, limit: int
) -> Sequence[OutboundMessage]:
    """Messages with no contact (pages, letters) older than ``before``, not yet scrubbed."""
    return session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.contact_id.is_(None), OutboundMessage.created_at < before,
               OutboundMessage.body != marker)
        .order_by(OutboundMessage.id).limit(limit)
    ).all()


def customers_with_nothing_left(
    session: Session, before: datetime, limit: int
) -> Sequence[Customer]:
    """Customers not anonymised, known since before ``before``, whose every contact,
    complaint and hazard case has been anonymised (or who have none)."""
    live_contact = select(Contact.id).where(
        Contact.customer_id == Customer.id, Contact.anonymised_at.is_(None)
    ).exists()
    live_case = select(ComplaintRow.id).where(
        ComplaintRow.customer_id == Customer.id, ComplaintRow.anonymised_at.is_(None)
    ).exists()
    live_hazard = select(HazardCase.id).where(
        HazardCase.customer_id == Customer.id, HazardCase.anonymised_at.is_(None)
    ).exists()
    return session.scalars(
        select(Customer)
        .where(Customer.anonymised_at.is_(None), Customer.created_at < before,
               ~live_contact, ~live_case, ~live_hazard)
        .order_by(Customer.id).limit(limit)
    ).all()


def surveys_of(session: Session, customer_id: int) -> Sequence[ContactSurvey]:
    """The satisfaction questions asked of the person after their contacts, and answers."""
    return session.scalars(
        select(ContactSurvey).where(ContactSurvey.customer_id == customer_id)
        .order_by(ContactSurvey.id)
    ).all()


def surveys_of_contacts(session: Session, contact_ids: Sequence[int]) -> Sequence[ContactSurvey]:
    if not contact_ids:
        return []
    return session.scalars(
        select(ContactSurvey).where(ContactSurvey.contact_id.in_(contact_ids))
        .order_by(ContactSurvey.id)
    ).all()


# --- the homes register and hazard cases ------------------------------------------------


def closed_hazard_cases_before(
    session: Session, before: datetime, limit: int, after_id: int = 0
) -> Sequence[HazardCase]:
    """Closed hazard cases not anonymised, closed before ``before`` (the case's own
    retain-until date is checked after), by id from ``after_id``."""
    return session.scalars(
        select(HazardCase)
        .where(HazardCase.status == "closed", HazardCase.anonymised_at.is_(None),
               HazardCase.closed_at < before, HazardCase.id > after_id)
        .order_by(HazardCase.id).limit(limit)
    ).all()


def contacts_of_hazard_case(session: Session, case_id: int) -> Sequence[Contact]:
    return session.scalars(
        select(Contact).join(HazardCaseContact, HazardCaseContact.contact_id == Contact.id)
        .where(HazardCaseContact.case_id == case_id).order_by(Contact.id)
    ).all()


def hazard_case_of_contacts(session: Session, contact_ids: Sequence[int]) -> dict[int, HazardCase]:
    """Contact id -> the hazard case it reported."""
    rows = session.execute(
        select(HazardCaseContact.contact_id, HazardCase)
        .join(HazardCase, HazardCase.id == HazardCaseContact.case_id)
        .where(HazardCaseContact.contact_id.in_(contact_ids))
    ).all()
    return dict(rows)


def hazard_cases_of(session: Session, customer_id: int, contact_ids: Sequence[int]
                    ) -> Sequence[HazardCase]:
    """Hazard cases the person reported (as the case's customer or through a contact)."""
    linked = select(HazardCaseContact.case_id).where(HazardCaseContact.contact_id.in_(contact_ids))
    return session.scalars(
        select(HazardCase).where(or_(HazardCase.customer_id == customer_id,
                                     HazardCase.id.in_(linked)))
        .order_by(HazardCase.id)
    ).all()


def notices_of_hazard_case(session: Session, case_id: int) -> Sequence[HazardNotice]:
    return session.scalars(
        select(HazardNotice).where(HazardNotice.case_id == case_id).order_by(HazardNotice.id)
    ).all()


def work_order_updates_of(
    session: Session, contact_ids: Sequence[int], case_references: Sequence[str] = ()
) -> Sequence[WorkOrderUpdate]:
    """What the repairs system said about these contacts' repairs and these hazard cases."""
    repairs = select(RepairRequest.reference).where(RepairRequest.contact_id.in_(contact_ids))
    return session.scalars(
        select(WorkOrderUpdate).where(or_(WorkOrderUpdate.reference.in_(repairs),
                                          WorkOrderUpdate.reference.in_(case_references)))
        .order_by(WorkOrderUpdate.id)
    ).all()


def former_household_members(
    session: Session, limit: int, after_id: int = 0
) -> Sequence[tuple[HouseholdMember, Tenancy]]:
    """Members not anonymised who have left: their tenancy has an end date, or the housing
    system no longer lists them; with their tenancy, by id from ``after_id``."""
    return [(member, tenancy) for member, tenancy in session.execute(
        select(HouseholdMember, Tenancy).join(Tenancy, Tenancy.id == HouseholdMember.tenancy_id)
        .where(HouseholdMember.anonymised_at.is_(None), HouseholdMember.id > after_id,
               or_(Tenancy.end_date.is_not(None), HouseholdMember.current.is_(False)))
        .order_by(HouseholdMember.id).limit(limit)
    ).all()]


def household_members_reached_at(
    session: Session, addresses: Sequence[str]
) -> Sequence[tuple[HouseholdMember, Tenancy, Property]]:
    """Household members known by any of these phones or emails, with tenancy and home."""
    if not addresses:
        return []
    known = select(MemberAddress.member_id).where(MemberAddress.value.in_(addresses))
    return [(m, t, p) for m, t, p in session.execute(
        select(HouseholdMember, Tenancy, Property)
        .join(Tenancy, Tenancy.id == HouseholdMember.tenancy_id)
        .join(Property, Property.id == Tenancy.property_id)
        .where(HouseholdMember.id.in_(known)).order_by(HouseholdMember.id)
    ).all()]


def addresses_of_member(session: Session, member_id: int) -> Sequence[MemberAddress]:
    return session.scalars(
        select(MemberAddress).where(MemberAddress.member_id == member_id)
    ).all()
