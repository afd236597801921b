"""A contact as the rest of the service sees it: its category, its status, and the
`Contact` record storage maps its rows to.

The enums are `StrEnum`s whose values are the strings stored in the database and shown in
the API and JSON, so a member compares equal to (and serialises as) today's string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Category(StrEnum):
    """What a contact is, as the router decides it (routing.types.CATEGORIES)."""

    EMERGENCY = "emergency"
    COMPLAINT = "complaint"
    SERVICE_REQUEST = "service_request"


class ContactStatus(StrEnum):
    """Where a contact is between the webhook and an agent's queue."""

    # Stored by the webhook in one INSERT; a worker threads it to its resident and routes it.
    ACCEPTED = "accepted"
    # Threaded (or handed off) and waiting for its routing job.
    RECEIVED = "received"
    # A voicemail routed once its transcript is in (or the transcript fails).
    AWAITING_TRANSCRIPT = "awaiting_transcript"
    # Decided: in an agent's queue, an alert or a complaint case.
    ROUTED = "routed"
    # Routing failed MAX_PROCESSING_ATTEMPTS times: a person decides.
    NEEDS_ATTENTION = "needs_attention"


# Statuses a routing job may claim a contact from.
ROUTABLE = (ContactStatus.ACCEPTED, ContactStatus.RECEIVED)
# The IVR option a caller presses for an emergency is named after the category it means.
IVR_EMERGENCY = Category.EMERGENCY.value


@dataclass(frozen=True)
class Contact:
    """One resident's contact, without its database session (see storage's
    `contact_record`)."""

    id: int
    reference: str
    channel: str
    status: ContactStatus
    category: Category | None
    priority: int | None
    queue: str | None
    received_at: datetime
    routed_at: datetime | None
    resolved_at: datetime | None
    customer_id: int | None
    conversation_id: int | None
    property_id: int | None
    assigned_to: str | None

    @property
    def is_emergency(self) -> bool:
        return self.category == Category.EMERGENCY

    @property
    def is_open(self) -> bool:
        """In a queue (or waiting for a person) and not yet resolved."""
        return self.resolved_at is None and self.status in (
            ContactStatus.ROUTED, ContactStatus.NEEDS_ATTENTION)
