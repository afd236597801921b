"""Removing who a person is and what they said from stored rows, keeping the counts.

Used by erasure (one person, on request) and retention (whatever has expired). Each
function is idempotent: a row already anonymised is left as it is. What stays: ids,
channel, category, priority, queue, status and dates (the statistics by category and
channel, the complaint reports); what goes: names, phone numbers, email addresses, social
ids, message texts, attachments, free-text notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from contact_hub.domain.privacy.retention import REMOVED, anonymise_complaint_document
from contact_hub.storage import repository as repo
from contact_hub.storage.complaints import repository as crepo
from contact_hub.storage.complaints.models import ComplaintRow
from contact_hub.storage.homes.models import HazardCase, HouseholdMember
from contact_hub.storage.privacy import repository as prepo


def anonymise_contacts(session: Session, contacts: Sequence[repo.Contact], now: datetime) -> int:
    """Remove the words and addresses of ``contacts`` (and of what was sent about them)."""
    todo = [contact for contact in contacts if contact.anonymised_at is None]
    ids = [contact.id for contact in todo]
    if not ids:
        return 0
    for contact in todo:
        contact.sender = contact.recipient = REMOVED
        contact.subject = REMOVED if contact.subject is not None else None
        contact.text = REMOVED
        contact.raw_payload = {}
        contact.decision = _decision_without_words(contact.decision)
        contact.anonymised_at = now
    for attachment in prepo.attachments_of_contacts(session, ids):
        if attachment.stored_key:  # the kept file is removed by the media sweep after commit
            attachment.url, attachment.filename, attachment.status = REMOVED, None, "erased"
        else:
            session.delete(attachment)
    for event in prepo.events_of_contacts(session, ids):
        event.detail = {}  # notes, reasons and reply texts; the kind, time and actor stay
    anonymise_surveys(session, ids)
    _blank_work_order_notes(session, ids)
    for message in prepo.outbound_to(session, ids, ()):
        scrub_outbound(message)
    for notification in prepo.email_notifications_of(session, ids):
        notification.internet_message_id = None
        notification.outcome = None
    return len(todo)


def anonymise_surveys(session: Session, contact_ids: Sequence[int]) -> int:
    """The free-text answers to the satisfaction question asked after these contacts
    removed; the score, channel and times stay, so satisfaction figures still add up.
    Returns how many answers lost their words."""
    count = 0
    for survey in prepo.surveys_of_contacts(session, contact_ids):
        if survey.comment is not None and survey.comment != REMOVED:
            survey.comment = REMOVED
            count += 1
    return count


def scrub_outbound(message: repo.OutboundMessage) -> None:
    """A sent message without its recipient or words (its kind, channel and status stay)."""
    message.recipient = REMOVED
    message.body = REMOVED
    message.error_message = None


def anonymise_complaint(session: Session, row: ComplaintRow, now: datetime) -> bool:
    """The case without the complainant's details or anyone's words; False if already."""
    if row.anonymised_at is not None:
        return False
    row.document = anonymise_complaint_document(row.document)
    crepo.refresh_facts(row)  # lessons and improvements in the facts lose their words too
    row.reply_to = REMOVED
    row.satisfaction_comment = None
    row.anonymised_at = now
    return True


def anonymise_customer(session: Session, customer: repo.Customer, now: datetime) -> bool:
    """The person without name, addresses, needs or the history of changes to them.

    Their identities keep their kind (how many residents use WhatsApp still adds up) but
    lose the address: a later message from the same number is a new person.
    """
    if customer.anonymised_at is not None:
        return False
    customer.display_name = None
    customer.preferred_channel = None
    customer.vulnerabilities = []
    customer.reasonable_adjustments = None
    for identity in prepo.identities_of(session, customer.id):
        identity.value = f"{REMOVED}:{identity.id}"  # unique per (kind, value)
        identity.valid = False
        identity.sms_capable = False
    for change in prepo.changes_of(session, customer.id):
        change.changes = dict.fromkeys(change.changes, REMOVED)
        change.reason = REMOVED if change.reason else None
    customer.anonymised_at = now
    return True


def _decision_without_words(decision: dict[str, object] | None) -> dict[str, object] | None:
    """The routing decision keeps its category and queue; its reasons quote the message."""
    if decision is None:
        return None
    kept = ("category", "priority", "queue", "hazards", "also_complaint", "language")
    return {key: value for key, value in decision.items() if key in kept}


def anonymise_hazard_case(session: Session, case: HazardCase, now: datetime) -> bool:
    """The case without anyone's words (findings, accommodation offered, the notices that
    quoted the reporter); its hazard, kind, dates and clocks stay for the figures."""
    if case.anonymised_at is not None:
        return False
    case.findings = REMOVED if case.findings else None
    case.alternative_accommodation = REMOVED if case.alternative_accommodation else None
    for notice in prepo.notices_of_hazard_case(session, case.id):
        notice.text = REMOVED
        notice.error = None
    _blank_work_order_notes(session, (), (case.reference,))
    case.anonymised_at = now
    return True


def _blank_work_order_notes(session: Session, contact_ids: Sequence[int],
                            case_references: Sequence[str] = ()) -> None:
    """The repairs system's notes (free text: who was in, what they said) on these
    contacts' repairs and these hazard cases; the statuses and times stay."""
    for update in prepo.work_order_updates_of(session, contact_ids, case_references):
        if update.note is not None:
            update.note = REMOVED


def anonymise_household_member(session: Session, member: HouseholdMember, now: datetime) -> bool:
    """A former household member without name, birth date, phones, emails or needs; the
    row stays so the tenancy's history still counts them."""
    if member.anonymised_at is not None:
        return False
    member.name = REMOVED
    member.name_key = f"{REMOVED}:{member.id}"  # unique per tenancy
    member.date_of_birth = None
    member.phones, member.emails = [], []
    member.vulnerabilities, member.reasonable_adjustments = [], []
    for address in prepo.addresses_of_member(session, member.id):
        session.delete(address)
    member.anonymised_at = now
    return True
