"""Microsoft Graph mail, inbound: change notifications and messages, as pure parsing.

Graph posts `{"value": [notification, ...]}` to our webhook; each names a message by its
Graph id and carries the `clientState` we chose when subscribing (the only proof that the
post came from our subscription). The message itself is fetched later in a job and turned
into an `InboundMessage` here, or classed as mail that is not a resident writing to us
(our own sent mail, auto-replies, bounces), which is recorded but never routed.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeGuard
from urllib.parse import quote

from channels.base import (
    Attachment,
    PayloadInvalid,
    SignatureInvalid,
    VerificationNotConfigured,
    clean_text,
)
from channels.json_limits import load_json
from channels.mail_rules import (
    MAX_ADDRESS_CHARS,
    MAX_ATTACHMENTS,
    ParsedMail,
    is_auto_reply,
    our_message_id,
    reply_ids,
    resident_mail,
    stored_message_id,
    trim_quoted_reply,
)

# Re-exported: the Graph-specific modules and their tests name them from here.
__all__ = [
    "ParsedMail", "is_auto_reply", "our_message_id", "reply_ids", "stored_message_id",
    "trim_quoted_reply",
]

MAX_NOTIFICATIONS = 1000
MAX_RESOURCE_ID_CHARS = 512
# Graph message ids are base64 (standard or URL-safe); anything else is not Graph's.
_RESOURCE_ID = re.compile(r"^[A-Za-z0-9+/=_-]+$")

# The fields the fetch job asks Graph for.
MESSAGE_SELECT = (
    "id,internetMessageId,conversationId,subject,from,sender,receivedDateTime,body,"
    "hasAttachments,internetMessageHeaders"
)
ATTACHMENTS_EXPAND = "attachments($select=id,name,contentType,size,isInline)"


@dataclass(frozen=True)
class Notification:
    """One change notification: which message, from which subscription."""

    subscription_id: str
    client_state: str
    change_type: str
    message_id: str  # Graph's id of the message (resourceData.id)


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
    return resident_mail(
        internet_message_id=message_id,
        sender=sender,
        mailbox=mailbox,
        subject=str(payload.get("subject") or ""),
        body=_body_text(payload.get("body")),
        received_at=_received_at(payload.get("receivedDateTime"), now),
        headers=headers,
        raw=dict(payload),
        attachments=_attachments(
            payload.get("attachments"), f"{attachment_base}/{quote(graph_id, safe='')}"
        ),
        thread_key=_short(payload.get("conversationId")) or None,
    )


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


