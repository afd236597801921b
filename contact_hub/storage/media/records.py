"""The attachments table as the media job and the staff pages use it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from contact_hub.storage.models import Attachment, Contact

PENDING = "pending"
ERASED = "erased"  # the contact was anonymised (services/privacy): its file must go too


def get_attachment(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def pending_attachment_ids(session: Session, contact_id: int) -> list[int]:
    return list(session.scalars(
        select(Attachment.id)
        .where(Attachment.contact_id == contact_id, Attachment.status == PENDING)
        .order_by(Attachment.id)
    ))


def claim_attempt(session: Session, attachment_id: int) -> Attachment | None:
    """Count one more try at a pending attachment (row-locked); None if it is settled."""
    row = session.scalars(
        select(Attachment).where(Attachment.id == attachment_id).with_for_update()
    ).first()
    if row is None or row.status != PENDING:
        return None
    row.attempts += 1
    return row


def settle(session: Session, attachment_id: int, **values: object) -> bool:
    """Record an outcome if the attachment is still pending (a second run changes nothing)."""
    result = session.execute(
        update(Attachment)
        .where(Attachment.id == attachment_id, Attachment.status == PENDING)
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def contacts_with_pending_media(
    session: Session, max_attempts: int, routed_before: datetime, limit: int
) -> list[int]:
    """Routed contacts whose media is still waiting (their job was lost or failed)."""
    return list(session.scalars(
        select(Attachment.contact_id)
        .join(Contact, Contact.id == Attachment.contact_id)
        .where(Attachment.status == PENDING, Attachment.attempts < max_attempts,
               Contact.routed_at.is_not(None), Contact.routed_at < routed_before)
        .distinct()
        .limit(limit)
    ))


def erased_with_files(session: Session, limit: int) -> list[Attachment]:
    """Attachments whose contact was anonymised but whose kept file is still stored."""
    return list(session.scalars(
        select(Attachment)
        .where(Attachment.status == ERASED, Attachment.stored_key.is_not(None))
        .order_by(Attachment.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ))


def referenced_urls(session: Session, urls: list[str]) -> set[str]:
    """Which of these attachment links some attachment row still holds."""
    if not urls:
        return set()
    return set(session.scalars(select(Attachment.url).where(Attachment.url.in_(urls))))
