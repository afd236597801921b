"""Email rules both mail backends share (Microsoft Graph and Exchange Web Services).

Whichever way a message arrives, it is judged the same way here: its id as the contact's
provider id, the ids it answers (In-Reply-To, References), the new part of its text
without the quoted conversation, and whether it is a resident writing to us at all (our own
sent mail, an auto-reply or a bounce is recorded but never routed, so an out-of-office
answer to our acknowledgement cannot start a mail loop). `resident_mail` builds the one
normalised `ParsedMail` from the fields each backend extracts in its own way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from channels.base import Attachment, Channel, InboundMessage, clean_text

MAX_BODY_CHARS = 20_000
MAX_SUBJECT_CHARS = 500
MAX_ADDRESS_CHARS = 320
MAX_PROVIDER_ID_CHARS = 200  # contacts.provider_message_id; longer ids are stored hashed
MAX_ATTACHMENTS = 50
MAX_THREAD_KEY_CHARS = 200
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,500}>")
# The internet message id we give our own mail (see `our_message_id`).
_OUR_MESSAGE_ID = re.compile(r"^<ch-[0-9a-f]{40}@[^<>\s]+>$")
# Asks Exchange/Outlook not to answer our automatic mail with out-of-office replies.
AUTO_RESPONSE_SUPPRESS = ("X-Auto-Response-Suppress", "OOF, AutoReply")

AUTO_REPLY_PREFIXES = (
    "automatic reply:", "auto reply:", "autoreply:", "auto-reply:", "out of office:",
    "out of office reply", "autosvar:", "réponse automatique",
)
BOUNCE_PREFIXES = (
    "undeliverable:", "undelivered mail", "delivery status notification",
    "mail delivery failed", "returned mail:", "delivery has failed", "failure notice",
)
BOUNCE_SENDERS = ("mailer-daemon@", "postmaster@", "microsoftexchange")


@dataclass(frozen=True)
class ParsedMail:
    """A fetched message: a resident's `message`, or why it is not one (`ignored`)."""

    message: InboundMessage
    ignored: str | None = None  # own_mail | auto_reply | bounce


def resident_mail(
    *,
    internet_message_id: str,
    sender: str,
    mailbox: str,
    subject: str,
    body: str,
    received_at: datetime,
    headers: Mapping[str, str],
    raw: dict[str, Any],
    attachments: tuple[Attachment, ...] = (),
    thread_key: str | None = None,
) -> ParsedMail:
    """The normalised email message, classified; the same for every backend.

    `headers` are the internet headers by lower-cased name; `body` is plain text (the
    quoted earlier conversation is trimmed here).
    """
    subject = clean_text(subject)[:MAX_SUBJECT_CHARS]
    message = InboundMessage(
        channel=Channel.EMAIL,
        provider_message_id=stored_message_id(internet_message_id),
        sender=sender,
        recipient=mailbox.lower(),
        text=trim_quoted_reply(clean_text(body).replace("\r\n", "\n").strip())[:MAX_BODY_CHARS],
        received_at=received_at,
        raw=raw,
        subject=subject or None,
        attachments=attachments[:MAX_ATTACHMENTS],
        thread_key=clean_text(thread_key)[:MAX_THREAD_KEY_CHARS] if thread_key else None,
        replies_to=reply_ids(headers),
    )
    return ParsedMail(message, ignored=not_a_resident(message, headers, mailbox))


def stored_message_id(internet_message_id: str) -> str:
    """The internetMessageId as the contact's provider id; one too long to store is kept
    as its hash (still stable across notifications, so intake stays idempotent)."""
    if len(internet_message_id) <= MAX_PROVIDER_ID_CHARS:
        return internet_message_id
    return "sha256:" + hashlib.sha256(internet_message_id.encode()).hexdigest()


def our_message_id(idempotency_key: str, mailbox: str) -> str:
    """The internetMessageId we give a message we send: stable per outbox key, so a
    resident's reply (In-Reply-To) and our own copy can both be recognised."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = mailbox.rpartition("@")[2] or "contact-hub.invalid"
    return f"<ch-{digest}@{domain}>"


def reply_ids(headers: Mapping[str, str]) -> tuple[str, ...]:
    """The message ids a message answers: In-Reply-To first, then References."""
    ids: list[str] = []
    for name in ("in-reply-to", "references"):
        for found in _MESSAGE_ID.findall(headers.get(name, "")):
            if found not in ids:
                ids.append(found)
    return tuple(ids[:50])


def not_a_resident(
    message: InboundMessage, headers: Mapping[str, str], mailbox: str
) -> str | None:
    """Why this mail must not become a contact, or None for a resident's message."""
    if message.sender == mailbox.lower() or _OUR_MESSAGE_ID.match(message.provider_message_id):
        return "own_mail"
    subject = (message.subject or "").lower()
    if (
        subject.startswith(BOUNCE_PREFIXES)
        or message.sender.startswith(BOUNCE_SENDERS)
        or "report-type=delivery-status" in headers.get("content-type", "").lower()
    ):
        return "bounce"
    if is_auto_reply(headers, subject):
        return "auto_reply"
    return None


def is_auto_reply(headers: Mapping[str, str], subject: str) -> bool:
    """RFC 3834 `Auto-Submitted`, `Precedence: auto_reply`, or an auto-reply subject.

    `X-Auto-Response-Suppress` alone is not enough: it asks *us* not to auto-reply and
    is set by case-management and ticketing systems too, so an advocate's system passing
    on "tenant smells gas" must not be dropped as an auto-reply. Exchange's own
    out-of-office replies also carry `Auto-Submitted: auto-replied`, which is caught.
    """
    auto_submitted = headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if headers.get("precedence", "").strip().lower() == "auto_reply":
        return True
    if "x-autoreply" in headers or "x-autorespond" in headers:
        return True
    return subject.lower().startswith(AUTO_REPLY_PREFIXES)


# Where the quoted earlier conversation starts in a plain-text reply.
_QUOTE_MARKERS = (
    re.compile(r"^-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's rule above the quoted header block
    re.compile(r"^On .{4,200}wrote:\s*$", re.IGNORECASE | re.DOTALL),
)
_HEADER_LINE = re.compile(r"^(From|Sent|Date|To|Subject|Cc):\s", re.IGNORECASE)


def trim_quoted_reply(text: str) -> str:
    """The new part of a reply, without the earlier messages it quotes.

    Trimmed only where the quote's start is unmistakable (an "Original Message" or
    Outlook rule, "On ... wrote:", a From:/Sent: header block, or a trailing run of
    "> " lines); otherwise, and if nothing would be left, the text is kept whole. The
    router must not read our own quoted safety advice as a new emergency.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _starts_quote(lines, index, line.strip()):
            kept = "\n".join(lines[:index]).strip()
            return kept or text
    return _trim_trailing_quote(lines) or text


def _starts_quote(lines: list[str], index: int, line: str) -> bool:
    if any(marker.match(line) for marker in _QUOTE_MARKERS):
        return True
    if line.startswith("On ") and not line.endswith("wrote:") and index + 1 < len(lines):
        joined = f"{line} {lines[index + 1].strip()}"  # "On ..., X <x@y>\nwrote:"
        if _QUOTE_MARKERS[2].match(joined):
            return True
    if _HEADER_LINE.match(line) and line.lower().startswith("from:"):
        following = [candidate.strip() for candidate in lines[index + 1 : index + 5]]
        return sum(1 for candidate in following if _HEADER_LINE.match(candidate)) >= 2
    return False


def _trim_trailing_quote(lines: list[str]) -> str:
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith(">")):
        end -= 1
    if end == len(lines) or not any(line.lstrip().startswith(">") for line in lines[end:]):
        return ""
    return "\n".join(lines[:end]).strip()
