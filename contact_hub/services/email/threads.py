"""Threading an email reply into the conversation it answers (see domain.email_threading)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from channels.base import Channel, InboundMessage
from contact_hub.domain.contacts.email_threading import choose_thread, thread_refs
from contact_hub.services.contacts.identities import SenderKey
from contact_hub.storage.email import store as email_store
from contact_hub.storage.intake_store import Thread


def reply_thread(
    connection: Connection, key: SenderKey, message: InboundMessage, now: datetime
) -> Thread | None:
    """The conversation an email names (by our message ids or a reference) if it is this
    sender's own; None otherwise, and for every other channel."""
    if message.channel != Channel.EMAIL or key.kind != "email":
        return None
    refs = thread_refs(message.subject, message.replies_to)
    if not refs:
        return None
    chosen = choose_thread(key.value, email_store.thread_candidates(connection, refs))
    if chosen is None:
        return None
    email_store.touch_conversation(connection, chosen.conversation_id, now)
    return Thread(chosen.customer_id, chosen.identity_id, chosen.conversation_id)
