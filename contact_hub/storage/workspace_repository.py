"""Reads behind the staff pages that no other part of the service needs, and staff
accounts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from contact_hub.storage.models import Contact, ContactEvent, OutboundMessage
from contact_hub.storage.staff_models import StaffUser


def outbound_for_contacts(
    session: Session, contact_ids: Sequence[int]
) -> Sequence[OutboundMessage]:
    """Every message sent (or held) about these contacts, oldest first."""
    if not contact_ids:
        return []
    return session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.contact_id.in_(contact_ids))
        .order_by(OutboundMessage.created_at, OutboundMessage.id)
    ).all()


def events_for_contacts(
    session: Session, contact_ids: Sequence[int], kinds: Sequence[str]
) -> Sequence[ContactEvent]:
    """Audit events of `kinds` on these contacts, oldest first."""
    if not contact_ids:
        return []
    return session.scalars(
        select(ContactEvent)
        .where(ContactEvent.contact_id.in_(contact_ids), ContactEvent.kind.in_(kinds))
        .order_by(ContactEvent.at, ContactEvent.id)
    ).all()


def contact_texts(session: Session, contact_ids: Sequence[int]) -> dict[int, str]:
    """What the resident wrote, by contact id."""
    if not contact_ids:
        return {}
    rows = session.execute(select(Contact.id, Contact.text).where(Contact.id.in_(contact_ids)))
    return {int(row[0]): str(row[1]) for row in rows}


def staff_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.email == email)).first()


def any_staff(session: Session) -> bool:
    return session.scalars(select(StaffUser.id).limit(1)).first() is not None
