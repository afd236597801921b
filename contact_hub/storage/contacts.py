"""The contacts repository a unit of work exposes, and the mapping of a contact's row to
the domain's `Contact` record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.domain.contacts.types import Category, Contact, ContactStatus
from contact_hub.storage import repository as repo


def contact_record(row: repo.Contact) -> Contact:
    """The domain's view of a contact's row (no session, no lazy loads)."""
    return Contact(
        id=row.id,
        reference=row.reference,
        channel=row.channel,
        status=ContactStatus(row.status),
        category=Category(row.category) if row.category else None,
        priority=row.priority,
        queue=row.queue,
        received_at=row.received_at,
        routed_at=row.routed_at,
        resolved_at=row.resolved_at,
        customer_id=row.customer_id,
        conversation_id=row.conversation_id,
        property_id=row.property_id,
        assigned_to=row.assigned_to,
    )


class ContactRepository:
    """Contacts within one unit of work's session (rows to change, records to read)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, contact_id: int) -> repo.Contact | None:
        """The contact's row, with its attachments."""
        return repo.get_contact(self.session, contact_id)

    def row_of(self, contact: Contact) -> repo.Contact:
        """The row behind a record read in this unit of work: from the session's identity
        map, so no query (a routed handler that changes the row, or reads its text)."""
        row = self.session.get(repo.Contact, contact.id)
        if row is None:
            raise LookupError(f"contact {contact.id} is not in the database")
        return row

    def record(self, contact_id: int) -> Contact | None:
        row = self.session.get(repo.Contact, contact_id)
        return contact_record(row) if row is not None else None

    def by_provider_id(self, channel: str, provider_id: str) -> repo.Contact | None:
        return repo.contact_by_provider_id(self.session, channel, provider_id)

    def by_reference(self, reference: str) -> repo.Contact | None:
        return repo.contact_by_reference(self.session, reference)

    def claim_for_routing(self, contact_id: int) -> bool:
        return repo.claim_contact_for_routing(self.session, contact_id)

    def lock_accepted(self, limit: int) -> list[int]:
        return repo.lock_accepted_contacts(self.session, limit)

    def hand_to(self, ids: Sequence[int], job_id: str) -> list[int]:
        return repo.hand_contacts_to(self.session, ids, job_id)

    def claim_batch(self, ids: Sequence[int], job_id: str) -> list[repo.Contact]:
        """The contacts among `ids` that routing job `job_id` owns and nobody has routed,
        claimed (now `routed`) and loaded, oldest first."""
        return repo.contacts_by_ids(
            self.session, repo.claim_contacts_for_routing(self.session, ids, job_id))

    def hand_on(self, ids: Sequence[int], owner: str, job_of: Callable[[int], str]) -> list[int]:
        return repo.hand_contacts_on(self.session, ids, owner, job_of)

    def stale_received(self, before: datetime, limit: int) -> Sequence[repo.Contact]:
        return repo.stale_received_contacts(self.session, before, limit)

    def waiting_since(
        self, status: ContactStatus, before: datetime, limit: int
    ) -> Sequence[repo.Contact]:
        return repo.contacts_waiting_since(self.session, status, before, limit)

    def add_event(
        self, contact_id: int, at: datetime, kind: str, detail: dict[str, Any] | None = None
    ) -> None:
        """Append to the contact's audit trail."""
        self.session.add(repo.ContactEvent(contact_id=contact_id, at=at, kind=kind,
                                           detail=detail or {}))
