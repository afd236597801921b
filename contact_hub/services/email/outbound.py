"""What an outgoing email needs beyond its text: a subject with the contact reference,
and the resident's message it answers (so their mail program threads our reply)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from contact_hub.storage import repository as repo

_MESSAGE_ID = re.compile(r"^<[^<>\s]+>$")
_REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv)\s*:\s*", re.IGNORECASE)


def email_details(session: Session, row: repo.OutboundMessage) -> dict[str, Any]:
    """Subject and reply headers for an outbox row, from the contact it answers."""
    contact = repo.get_contact(session, row.contact_id) if row.contact_id else None
    if contact is None:
        return {"subject": email_subject(row.kind, row.body, None, None)}
    by_email = contact.channel == "email"
    answers = contact.provider_message_id if by_email else None
    return envelope(
        row.kind, row.body, contact.reference, contact.subject if by_email else None, answers
    )


def envelope(
    kind: str, body: str, reference: str | None, subject: str | None, answers: str | None
) -> dict[str, Any]:
    """The transport's metadata: subject, and In-Reply-To/References when replying."""
    details: dict[str, Any] = {"subject": email_subject(kind, body, reference, subject)}
    if answers and _MESSAGE_ID.match(answers):
        details["in_reply_to"] = answers
        details["references"] = [answers]
    return details


def email_subject(kind: str, body: str, reference: str | None, subject: str | None) -> str:
    """A complaint letter's own title, else "Re:" the resident's subject; either way
    with the contact reference, which is how a later reply finds its conversation."""
    if kind.startswith("complaint_"):
        title = body.strip().split("\n", 1)[0].strip()[:150] or "Your complaint"
    elif subject:
        title = "Re: " + _REPLY_PREFIX.sub("", subject).strip()[:150]
    else:
        title = "Your message to us"
    if reference and reference.upper() not in title.upper():
        title = f"{title} [{reference}]"
    return title
