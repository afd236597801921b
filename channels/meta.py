"""Meta webhooks (Messenger, Instagram Messaging, WhatsApp Cloud API, and public comments
on the Page and Instagram posts), inbound: the subscription handshake, the
X-Hub-Signature-256 check and parsing. Pure: no Flask.

One POST can carry many events from many people. The body's outer shape must be right
(else `PayloadInvalid`, a 400); an individual event we cannot read is counted and
skipped so that it never costs the others. Echoes of our own sends, read receipts and
other non-message events are ignored; delivery events become `DeliveryStatus`es for the
outbox. Nothing here logs: callers log ids only.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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
from channels.meta_comments import PROVIDER_PREFIX, private_reply_address

MAX_TEXT_CHARS = 20_000
MAX_ID_CHARS = 200  # the storage limit for a provider message id
MAX_ADDRESS_CHARS = 320
MAX_URL_CHARS = 2000
MAX_ATTACHMENTS = 10
MAX_CHALLENGE_CHARS = 200
OBJECTS = {"page": Channel.MESSENGER, "instagram": Channel.INSTAGRAM}
WHATSAPP_OBJECT = "whatsapp_business_account"
_MIME_BY_KIND = {"image": "image/*", "audio": "audio/*", "video": "video/*"}
# WhatsApp message types that are not something a resident said to us.
_WHATSAPP_IGNORED = {"reaction", "system", "request_welcome", "ephemeral"}
_WHATSAPP_MEDIA = ("image", "audio", "video", "document", "sticker", "voice")
# Where a Page's and an Instagram account's public comments arrive (`changes[].field`).
COMMENT_FIELDS = {Channel.MESSENGER: ("feed",), Channel.INSTAGRAM: ("comments", "live_comments")}


class SubscriptionRefused(Exception):
    """Meta's GET handshake did not match our verify token (or none is configured)."""


@dataclass(frozen=True)
class DeliveryStatus:
    """What Meta says happened to a message we sent (WhatsApp statuses, Messenger delivery)."""

    provider_message_id: str
    status: str
    error_code: str | None = None


@dataclass
class MetaBatch:
    """Everything one webhook POST carried."""

    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[DeliveryStatus] = field(default_factory=list)
    ignored: int = 0  # echoes, reads, reactions: events that are not contacts
    skipped: list[str] = field(default_factory=list)  # why each unreadable event was dropped


def subscription_challenge(verify_token: str | None, params: Mapping[str, str]) -> str:
    """The `hub.challenge` to echo back when Meta subscribes with our verify token.

    Raises:
        SubscriptionRefused: not configured, wrong mode, or a token that does not match.
    """
    if not verify_token:
        raise SubscriptionRefused("META_VERIFY_TOKEN is not configured; cannot subscribe")
    if params.get("hub.mode") != "subscribe":
        raise SubscriptionRefused("hub.mode must be 'subscribe'")
    given = params.get("hub.verify_token", "")
    if not hmac.compare_digest(given.encode(), verify_token.encode()):
        raise SubscriptionRefused("hub.verify_token does not match")
    challenge = params.get("hub.challenge", "")
    if not challenge or len(challenge) > MAX_CHALLENGE_CHARS or not challenge.isprintable():
        raise SubscriptionRefused("hub.challenge: missing or malformed")
    return challenge


def signature_for(app_secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 value Meta sends for `body` (used by tests and fakes too)."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


def verify_signature(app_secret: str | None, body: bytes, header: str) -> None:
    """Raise `SignatureInvalid` unless `header` is Meta's HMAC-SHA256 of the raw `body`."""
    if not app_secret:
        raise VerificationNotConfigured("META_APP_SECRET is not configured; cannot verify Meta")
    expected = signature_for(app_secret, body)
    # Meta sends lowercase hex; compare bytes in constant time whatever was sent.
    if not header or not hmac.compare_digest(header.strip().lower().encode(), expected.encode()):
        raise SignatureInvalid("X-Hub-Signature-256 does not match")


def parse_webhook(body: bytes, received_at: datetime) -> MetaBatch:
    """Turn one signed webhook body into messages, delivery statuses and skips.

    Raises:
        PayloadInvalid: the body is not JSON, or not a Meta webhook we subscribe to.
    """
    payload = _load(body)
    kind = payload.get("object")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        raise PayloadInvalid("entry: expected a list")
    batch = MetaBatch()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            batch.skipped.append(f"entry[{index}]: not an object")
            continue
        try:
            if kind == WHATSAPP_OBJECT:
                _whatsapp_entry(entry, received_at, batch)
            else:
                _messaging_entry(OBJECTS[str(kind)], entry, received_at, batch)
        except RecursionError:  # hostile nesting inside one entry costs only that entry
            batch.skipped.append(f"entry[{index}]: nested too deeply")
    return batch


def _load(body: bytes) -> dict[str, Any]:
    payload = load_json(body, parse_constant=_no_constant, parse_float=_finite)
    if not isinstance(payload, dict):
        raise PayloadInvalid("body: expected a JSON object")
    if payload.get("object") not in (*OBJECTS, WHATSAPP_OBJECT):
        raise PayloadInvalid("object: expected page, instagram or whatsapp_business_account")
    return payload


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")  # NaN/Infinity: PostgreSQL JSON refuses them


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return number


# --- Messenger and Instagram -----------------------------------------------------------


def _messaging_entry(
    channel: Channel, entry: dict[str, Any], received_at: datetime, batch: MetaBatch
) -> None:
    events = entry.get("messaging", [])
    if not isinstance(events, list):
        batch.skipped.append(f"{channel}: messaging is not a list")
        return
    for event in events:
        try:
            _messaging_event(channel, event, received_at, batch)
        except PayloadInvalid as error:
            batch.skipped.append(f"{channel}: {error}")
    for change in _list(entry.get("changes")):
        try:
            found = _comment(channel, entry, change, received_at)
        except PayloadInvalid as error:
            batch.skipped.append(f"{channel} comment: {error}")
            continue
        if found is None:
            batch.ignored += 1
        else:
            batch.messages.append(found)


def _messaging_event(
    channel: Channel, event: Any, received_at: datetime, batch: MetaBatch
) -> None:
    """One `messaging[]` item: a message, a postback, a delivery receipt or something else."""
    if not isinstance(event, dict):
        raise PayloadInvalid("event: not an object")
    if isinstance(event.get("delivery"), dict):
        mids = [mid for mid in _list(event["delivery"].get("mids")) if _is_id(mid)]
        batch.statuses.extend(DeliveryStatus(_id(mid, "mid"), "delivered") for mid in mids)
        batch.ignored += not mids
        return
    message = event.get("message")
    postback = event.get("postback")
    if isinstance(message, dict) and not message.get("is_echo") and not message.get("is_deleted"):
        found = _messenger_message(channel, event, message, received_at)
    elif isinstance(postback, dict):
        found = _postback(channel, event, postback, received_at)
    else:
        found = None  # echoes, reads, reactions, referrals, handover: not contacts
    if found is None:
        batch.ignored += 1
    else:
        batch.messages.append(found)


def _messenger_message(
    channel: Channel, event: dict[str, Any], message: dict[str, Any], received_at: datetime
) -> InboundMessage | None:
    text = _text(message.get("text"))
    attachments, described = _messenger_attachments(message.get("attachments"))
    quick_reply = message.get("quick_reply")
    if not text and isinstance(quick_reply, dict):
        text = _text(quick_reply.get("payload"))
    text = "\n".join(part for part in (text, *described) if part)
    if not text and not attachments:
        return None
    return InboundMessage(
        channel=channel,
        provider_message_id=_id(message.get("mid"), "message.mid"),
        sender=_address(event, "sender"),
        recipient=_address(event, "recipient"),
        text=text[:MAX_TEXT_CHARS],
        received_at=received_at,
        raw=_clean_json(event),
        attachments=attachments,
    )


def _postback(
    channel: Channel, event: dict[str, Any], postback: dict[str, Any], received_at: datetime
) -> InboundMessage:
    """A tapped button: its title is what the resident "said"; its payload is ours."""
    sender = _address(event, "sender")
    text = _text(postback.get("title")) or _text(postback.get("payload"))
    if not text:
        raise PayloadInvalid("postback: no title or payload")
    mid = postback.get("mid")
    if not _is_id(mid):  # older postbacks carry no mid; sender + time identifies the tap
        mid = f"postback-{sender}-{_id(event.get('timestamp'), 'timestamp')}"
    return InboundMessage(
        channel=channel,
        provider_message_id=_id(mid, "postback.mid"),
        sender=sender,
        recipient=_address(event, "recipient"),
        text=text[:MAX_TEXT_CHARS],
        received_at=received_at,
        raw=_clean_json(event),
    )


def _messenger_attachments(value: Any) -> tuple[tuple[Attachment, ...], list[str]]:
    """Files with a URL become attachments; a shared location becomes words."""
    found: list[Attachment] = []
    described: list[str] = []
    for item in _list(value)[:MAX_ATTACHMENTS]:
        if not isinstance(item, dict):
            continue
        kind = str(item.get("type") or "file")
        payload = _obj(item.get("payload"))
        coordinates = payload.get("coordinates")
        if kind == "location" and isinstance(coordinates, dict):
            described.append(_location(coordinates.get("lat"), coordinates.get("long")))
        url = payload.get("url")
        if isinstance(url, str) and _is_url(url):
            found.append(Attachment(url=_clean(url), content_type=_MIME_BY_KIND.get(kind)))
    return tuple(found), described


# --- Page and Instagram comments ------------------------------------------------------


def _comment(
    channel: Channel, entry: dict[str, Any], change: Any, received_at: datetime
) -> InboundMessage | None:
    """A new public comment by someone else, as a message answered privately
    (`channels.meta_comments`); None for likes, edits, posts and our own comments."""
    if not isinstance(change, dict) or change.get("field") not in COMMENT_FIELDS[channel]:
        return None
    value = _obj(change.get("value"))
    if channel == Channel.MESSENGER and (value.get("item") != "comment"
                                         or value.get("verb") != "add"):
        return None
    sender = _id(_obj(value.get("from")).get("id"), "comment from.id")
    if sender == _text(entry.get("id")):
        return None  # the Page's or account's own comment (staff answering in public)
    comment_id = _id(value.get("comment_id") or value.get("id"), "comment id")
    text = _text(value.get("message") if channel == Channel.MESSENGER else value.get("text"))
    photo = value.get("photo")
    attachments = (
        (Attachment(_clean(photo), "image/*"),) if isinstance(photo, str) and _is_url(photo)
        else ())
    if not text and not attachments:
        raise PayloadInvalid("no text or photo")
    return InboundMessage(
        channel=channel,
        provider_message_id=_id(PROVIDER_PREFIX + comment_id, "comment id"),
        sender=sender,
        recipient=_text(entry.get("id"))[:MAX_ADDRESS_CHARS] or str(channel),
        text=text[:MAX_TEXT_CHARS],
        received_at=received_at,
        # The commenter's name stays in the stored payload for staff; it is never logged.
        raw=_clean_json({"comment": value, "field": change.get("field")}),
        attachments=attachments,
        reply_to=private_reply_address(comment_id),
    )


# --- WhatsApp Cloud API ----------------------------------------------------------------


def _whatsapp_entry(entry: dict[str, Any], received_at: datetime, batch: MetaBatch) -> None:
    for change in _list(entry.get("changes")):
        value = change.get("value") if isinstance(change, dict) else None
        if not isinstance(value, dict):
            batch.skipped.append("whatsapp: change without a value")
            continue
        for status in _list(value.get("statuses")):
            try:
                batch.statuses.append(_whatsapp_status(status))
            except PayloadInvalid as error:
                batch.skipped.append(f"whatsapp status: {error}")
        for message in _list(value.get("messages")):
            try:
                found = _whatsapp_message(value, message, received_at)
            except PayloadInvalid as error:
                batch.skipped.append(f"whatsapp: {error}")
                continue
            if found is None:
                batch.ignored += 1
            else:
                batch.messages.append(found)


def _whatsapp_message(
    value: dict[str, Any], message: Any, received_at: datetime
) -> InboundMessage | None:
    if not isinstance(message, dict):
        raise PayloadInvalid("message: not an object")
    kind = _text(message.get("type"))
    if kind in _WHATSAPP_IGNORED:
        return None
    sender = _whatsapp_number(message.get("from"))
    text, attachments = _whatsapp_content(kind, message)
    if not text and not attachments:
        raise PayloadInvalid("message: no text or media")
    metadata = _obj(value.get("metadata"))
    recipient = metadata.get("display_phone_number") or metadata.get("phone_number_id") or ""
    profile = next(
        (c for c in _list(value.get("contacts")) if isinstance(c, dict)
         and str(c.get("wa_id")) == sender.removeprefix("+")),
        None,
    )
    return InboundMessage(
        channel=Channel.WHATSAPP,
        provider_message_id=_id(message.get("id"), "message.id"),
        sender=sender,
        recipient=_text(recipient)[:MAX_ADDRESS_CHARS] or "whatsapp",
        text=text[:MAX_TEXT_CHARS],
        received_at=received_at,
        # The profile name stays in the stored payload for staff; it is never logged.
        raw=_clean_json({"message": message, "contact": profile, "metadata": metadata}),
        attachments=attachments,
    )


def _whatsapp_content(kind: str, message: dict[str, Any]) -> tuple[str, tuple[Attachment, ...]]:
    """What the resident said, in words, and any media (kept as a Graph media id)."""
    body = _obj(message.get(kind))
    if kind == "text":
        return _text(body.get("body")), ()
    if kind in _WHATSAPP_MEDIA:
        media_id = body.get("id")
        # WhatsApp gives a media id, not a URL; the URL is fetched with our token later.
        media = (Attachment(f"whatsapp-media:{media_id}", _text(body.get("mime_type"))[:200]
                            or None),) if _is_id(media_id) else ()
        return _text(body.get("caption")), media
    if kind == "location":
        words = [_location(body.get("latitude"), body.get("longitude"))]
        words += [_text(body.get(k)) for k in ("name", "address")]
        return "\n".join(w for w in words if w), ()
    if kind == "button":
        return _text(body.get("text")) or _text(body.get("payload")), ()
    if kind == "interactive":
        reply = _obj(body.get("button_reply") or body.get("list_reply"))
        words = [_text(reply.get("title")), _text(reply.get("description"))]
        return "\n".join(w for w in words if w), ()
    # Contacts cards, orders, unsupported types: still a resident reaching out, so a
    # person sees it rather than it vanishing.
    return f"[WhatsApp {_text(kind)[:40] or 'unknown'} message]", ()


def _whatsapp_status(status: Any) -> DeliveryStatus:
    if not isinstance(status, dict):
        raise PayloadInvalid("status: not an object")
    state = _text(status.get("status")).lower()
    if not state:
        raise PayloadInvalid("status.status: required")
    errors = [e for e in _list(status.get("errors")) if isinstance(e, dict)]
    code = _text(errors[0].get("code"))[:40] or None if errors else None
    return DeliveryStatus(_id(status.get("id"), "status.id"), state[:20], code)


def _whatsapp_number(value: Any) -> str:
    """WhatsApp's `from` is the number's digits; E.164 adds the plus."""
    digits = _text(value)
    if not digits.isascii() or not digits.isdigit() or not 6 <= len(digits) <= 15:
        raise PayloadInvalid("message.from: expected the sender's phone number digits")
    return "+" + digits


# --- small readers ---------------------------------------------------------------------


def _address(event: dict[str, Any], name: str) -> str:
    party = event.get(name)
    value = party.get("id") if isinstance(party, dict) else None
    if not _is_id(value) or len(str(value)) > MAX_ADDRESS_CHARS:
        raise PayloadInvalid(f"{name}.id: required")
    return _clean(str(value)).strip()


def _id(value: Any, name: str) -> str:
    if not _is_id(value):
        raise PayloadInvalid(f"{name}: required")
    text = _clean(str(value)).strip()
    if not text or len(text) > MAX_ID_CHARS:
        raise PayloadInvalid(f"{name}: missing or longer than {MAX_ID_CHARS} characters")
    return text


def _is_id(value: Any) -> bool:
    """Ids arrive as strings (some as numbers); booleans and objects are not ids."""
    if isinstance(value, bool):
        return False
    return (isinstance(value, str) and bool(value.strip())) or isinstance(value, int)


def _is_url(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(("https://", "http://"))
        and len(value) <= MAX_URL_CHARS
    )


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return _clean(str(value)).strip()


def _location(lat: Any, long: Any) -> str:
    return f"Location shared: {_text(lat)}, {_text(long)}"


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _clean(value: str) -> str:
    """NULs dropped and lone surrogates (valid in JSON escapes, not in UTF-8) replaced."""
    return clean_text(value).encode("utf-8", "replace").decode("utf-8")


def _clean_json(value: Any) -> Any:
    """The event as stored: NUL characters removed (PostgreSQL cannot store them)."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {_clean(str(k)): _clean_json(v) for k, v in value.items()}
    return value
