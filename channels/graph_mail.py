"""Microsoft Graph mail, inbound: change notifications and messages, as pure parsing.

Graph posts `{"value": [notification, ...]}` to our webhook; each names a message by its
Graph id and carries the `clientState` we chose when subscribing (the only proof that the
post came from our subscription). The message itself is fetched later in a job and turned
into an `InboundMessage` here, or classed as mail that is not a resident writing to us
(our own sent mail, auto-replies, bounces), which is recorded but never routed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeGuard
from urllib.parse import quote

from channels.base import (
    Attachment,
    Channel,
    InboundMessage,
    PayloadInvalid,
    SignatureInvalid,
    VerificationNotConfigured,
    clean_text,
)
from channels.json_limits import load_json

MAX_NOTIFICATIONS = 1000
MAX_RESOURCE_ID_CHARS = 512
MAX_BODY_CHARS = 20_000
MAX_SUBJECT_CHARS = 500
MAX_ADDRESS_CHARS = 320
MAX_PROVIDER_ID_CHARS = 200  # contacts.provider_message_id; longer ids are stored hashed
MAX_ATTACHMENTS = 50
# Graph message ids are base64 (standard or URL-safe); anything else is not Graph's.
_RESOURCE_ID = re.compile(r"^[A-Za-z0-9+/=_-]+$")
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,500}>")
# The internetMessageId we give our own mail (see `our_message_id`).
_OUR_MESSAGE_ID = re.compile(r"^<ch-[0-9a-f]{40}@[^<>\s]+>$")

# The fields the fetch job asks Graph for.
MESSAGE_SELECT = (
    "id,internetMessageId,conversationId,subject,from,sender,receivedDateTime,body,"
    "hasAttachments,internetMessageHeaders"
)
ATTACHMENTS_EXPAND = "attachments($select=id,name,contentType,size,isInline)"

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
class Notification:
    """One change notification: which message, from which subscription."""

    subscription_id: str
    client_state: str
    change_type: str
    message_id: str  # Graph's id of the message (resourceData.id)


@dataclass(frozen=True)
class ParsedMail:
    """A fetched message: a resident's `message`, or why it is not one (`ignored`)."""

    message: InboundMessage
    ignored: str | None = None  # own_mail | auto_reply | bounce


def parse_notifications(body: bytes) -> list[Notification]:
    """The notifications in a webhook body.

    Raises:
        PayloadInvalid: the body is not the JSON shape Graph documents.
    """
    document = load_json(body)
    values = document.get("value") if isinstance(document, dict) else None
    if not isinstance(values, list) or not values:
        raise PayloadInvalid("value: expected a non-empty list of notifications")
    if len(values) > MAX_NOTIFICATIONS:
        raise PayloadInvalid(f"value: at most {MAX_NOTIFICATIONS} notifications")
    return [_notification(index, item) for index, item in enumerate(values)]


def _notification(index: int, item: object) -> Notification:
    if not isinstance(item, dict):
        raise PayloadInvalid(f"value[{index}]: expected an object")
    data = item.get("resourceData")
    resource_id = data.get("id") if isinstance(data, dict) else None
    if not is_graph_id(resource_id):
        raise PayloadInvalid(f"value[{index}].resourceData.id: expected a Graph message id")
    state = item.get("clientState")
    return Notification(
        subscription_id=_short(item.get("subscriptionId")),
        client_state=state if isinstance(state, str) else "",
        change_type=_short(item.get("changeType")),
        message_id=resource_id,
    )


def is_graph_id(value: object) -> TypeGuard[str]:
    """True for something shaped like a Graph message id (safe to store and to fetch)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_RESOURCE_ID_CHARS
        and bool(_RESOURCE_ID.match(value))
    )


def _short(value: object) -> str:
    return clean_text(value)[:200] if isinstance(value, str) else ""


def verify_client_state(notifications: Sequence[Notification], expected: str | None) -> None:
    """Raise `SignatureInvalid` unless every notification carries our client state.

    Compared in constant time: the client state is the webhook's only shared secret.
    """
    if not expected:
        raise VerificationNotConfigured("GRAPH_CLIENT_STATE is not configured; cannot verify Graph")
    wanted = expected.encode()
    for notification in notifications:
        if not hmac.compare_digest(notification.client_state.encode(), wanted):
            raise SignatureInvalid("clientState does not match")


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


def parse_message(
    payload: Mapping[str, Any], mailbox: str, attachment_base: str, now: datetime
) -> ParsedMail:
    """Turn a fetched Graph message into an email `InboundMessage` (and classify it).

    Args:
        payload: The message as `GET /users/{mailbox}/messages/{id}` returned it.
        mailbox: Our shared mailbox's address (mail from it is our own).
        attachment_base: `{api}/users/{mailbox}/messages`, for links to attachments.
        now: When the message reached us, if Graph gives no received time.

    Raises:
        PayloadInvalid: the message lacks an id, internetMessageId or sender.
    """
    headers = _headers(payload.get("internetMessageHeaders"))
    graph_id = _required_text(payload, "id", MAX_RESOURCE_ID_CHARS)
    message_id = _required_text(payload, "internetMessageId", MAX_ADDRESS_CHARS)
    sender = _address(payload.get("from")) or _address(payload.get("sender"))
    if not sender:
        raise PayloadInvalid("from.emailAddress.address: required")
    subject = clean_text(str(payload.get("subject") or ""))[:MAX_SUBJECT_CHARS]
    body = _body_text(payload.get("body"))
    message = InboundMessage(
        channel=Channel.EMAIL,
        provider_message_id=stored_message_id(message_id),
        sender=sender,
        recipient=mailbox.lower(),
        text=trim_quoted_reply(body)[:MAX_BODY_CHARS],
        received_at=_received_at(payload.get("receivedDateTime"), now),
        raw=dict(payload),
        subject=subject or None,
        attachments=_attachments(
            payload.get("attachments"), f"{attachment_base}/{quote(graph_id, safe='')}"
        ),
        thread_key=_short(payload.get("conversationId")) or None,
        replies_to=reply_ids(headers),
    )
    return ParsedMail(message, ignored=_not_a_resident(message, headers, mailbox))


def _required_text(payload: Mapping[str, Any], name: str, limit: int) -> str:
    value = payload.get(name)
    text = clean_text(value).strip() if isinstance(value, str) else ""
    if not text or len(text) > limit:
        raise PayloadInvalid(f"{name}: required")
    return text


def _address(value: object) -> str | None:
    email = value.get("emailAddress") if isinstance(value, dict) else None
    address = email.get("address") if isinstance(email, dict) else None
    if not isinstance(address, str):
        return None
    address = clean_text(address).strip().lower()
    return address if 0 < len(address) <= MAX_ADDRESS_CHARS else None


def _headers(value: object) -> dict[str, str]:
    """Internet headers by lower-cased name (the first of a repeated header wins)."""
    found: dict[str, str] = {}
    for header in value if isinstance(value, list) else []:
        if isinstance(header, dict):
            name, text = header.get("name"), header.get("value")
            if isinstance(name, str) and isinstance(text, str):
                found.setdefault(name.strip().lower(), clean_text(text))
    return found


def reply_ids(headers: Mapping[str, str]) -> tuple[str, ...]:
    """The message ids a message answers: In-Reply-To first, then References."""
    ids: list[str] = []
    for name in ("in-reply-to", "references"):
        for found in _MESSAGE_ID.findall(headers.get(name, "")):
            if found not in ids:
                ids.append(found)
    return tuple(ids[:50])


def _body_text(value: object) -> str:
    content = value.get("content") if isinstance(value, dict) else None
    if not isinstance(content, str):
        return ""
    if isinstance(value, dict) and str(value.get("contentType", "")).lower() == "html":
        # We ask for text (Prefer: outlook.body-content-type="text"); strip tags if not.
        content = re.sub(r"<[^>]*>", " ", content)
    return clean_text(content).replace("\r\n", "\n").strip()


def _received_at(value: object, now: datetime) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return now
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return now


def _attachments(value: object, base: str) -> tuple[Attachment, ...]:
    """Links to attachments at Graph (name and type known; content not downloaded)."""
    found: list[Attachment] = []
    for item in (value if isinstance(value, list) else [])[:MAX_ATTACHMENTS]:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        name = clean_text(str(item.get("name") or "attachment"))[:200]
        content_type = item.get("contentType")
        url = f"{base}/attachments/{quote(item['id'], safe='')}#{quote(name)}"
        found.append(
            Attachment(
                url=url[:2000],
                content_type=clean_text(content_type)[:200]
                if isinstance(content_type, str)
                else None,
            )
        )
    return tuple(found)


def _not_a_resident(
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
