"""What a transport must know about the resident beyond the message itself.

Meta's channels only allow free text within 24 hours of the resident's last message to
us on that channel (`channels.meta_window`), so the outbox tells the transport when that
was: the last inbound message of the resident's latest conversation on the channel.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from channels.base import Channel
from channels.meta_window import WINDOW_CHANNELS
from contact_hub.services.contacts.identities import sender_key
from contact_hub.storage import repository as repo

_EVER = datetime(1970, 1, 1, tzinfo=UTC)


# Written by a person, not sent by the hub itself: Meta's HUMAN_AGENT tag may carry these
# up to 7 days after the resident's last message (Messenger, Instagram).
HUMAN_WRITTEN_KINDS = frozenset({"agent_reply"})


def send_context(
    session: Session, channel: str, recipient: str, kind: str | None = None
) -> dict[str, Any]:
    """Metadata for `OutboundMessage` on Meta's channels (`last_inbound_at`, and whether a
    person wrote it); nothing elsewhere."""
    if channel not in WINDOW_CHANNELS:
        return {}
    return {
        "last_inbound_at": last_inbound_at(session, Channel(channel), recipient),
        "human_agent": kind in HUMAN_WRITTEN_KINDS,
    }


def last_inbound_at(session: Session, channel: Channel, address: str) -> datetime | None:
    """When the resident at `address` last wrote to us on `channel` (None: never)."""
    key = sender_key(channel, address)
    identity = repo.identity_by_value(session, key.kind, key.value)
    if identity is None:
        return None
    # A conversation's last_message_at moves only when the resident writes (intake).
    conversation = repo.latest_conversation(session, identity.customer_id, channel.value, _EVER)
    return conversation.last_message_at if conversation is not None else None
