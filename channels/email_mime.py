"""Internet mail (RFC 5322/MIME bytes) into the normalised email message, defensively.

Exchange Web Services hands us each message's MIME content; whatever a sender put in it
(multiparts nested hundreds deep, megabyte headers, charsets that do not exist or lie,
broken base64) must become a readable message or a clear `PayloadInvalid`, never a crash
of the fetch job. The standard library's parser does the parsing; the limits are ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses
from itertools import islice
from urllib.parse import quote

from channels.base import Attachment, PayloadInvalid, clean_text
from channels.mail_rules import MAX_ADDRESS_CHARS, MAX_ATTACHMENTS, ParsedMail, resident_mail

MAX_MIME_BYTES = 25 * 1024 * 1024  # Exchange's default maximum message size is 25-35 MB
MAX_HEADER_CHARS = 8_000  # one header's value as we keep it
MAX_HEADERS = 500
MAX_PARTS = 200  # parts walked looking for the text and attachments
MAX_DEPTH = 20  # multipart nesting followed
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a text part decoded; the rest is not read
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|div|br|li|tr|h[1-6])\s*>|<br\s*/?>", re.IGNORECASE)
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def parse_mime(
    mime: bytes,
    *,
    mailbox: str,
    received_at: datetime,
    attachment_base: str,
    thread_key: str | None = None,
    raw: dict[str, object] | None = None,
) -> ParsedMail:
    """Turn a message's MIME bytes into the normalised email message, classified.

    Args:
        mime: The message as sent (RFC 5322 headers and MIME body).
        mailbox: Our shared mailbox (mail from it is our own).
        received_at: When the server received it.
        attachment_base: Where the message's attachments can be fetched from (a link
            prefix; the n-th attachment is `{attachment_base}/attachments/{n}`).
        thread_key: The server's conversation id, if it gives one.
        raw: What to keep as the contact's raw payload (ids, not the whole message).

    Raises:
        PayloadInvalid: too large, or no sender or Message-ID to identify it by.
    """
    if len(mime) > MAX_MIME_BYTES:
        raise PayloadInvalid(f"message: larger than {MAX_MIME_BYTES} bytes")
    message = BytesParser(policy=policy.default).parsebytes(mime)
    headers = _headers(message)
    sender = _sender(headers)
    if not sender:
        raise PayloadInvalid("From: no usable sender address")
    message_id = headers.get("message-id", "").strip()
    if not re.fullmatch(r"<[^<>\s]{1,500}>", message_id):
        raise PayloadInvalid("Message-ID: missing or malformed")
    text, attachments = _content(message, attachment_base)
    return resident_mail(
        internet_message_id=message_id,
        sender=sender,
        mailbox=mailbox,
        subject=headers.get("subject", ""),
        body=text,
        received_at=received_at,
        headers=headers,
        raw=dict(raw or {}),
        attachments=attachments,
        thread_key=thread_key,
    )


def _headers(message: Message) -> dict[str, str]:
    """Headers by lower-cased name (the first of a repeated one wins), each decoded
    (RFC 2047) where it can be and cut to a sane length."""
    found: dict[str, str] = {}
    for name, value in islice(message.raw_items(), MAX_HEADERS):
        key = name.strip().lower()
        if key in found:
            continue
        try:
            decoded: object = message.policy.header_fetch_parse(name, value[:MAX_HEADER_CHARS])
        except Exception:  # noqa: BLE001 - any header a sender can break stays raw
            decoded = value
        found[key] = _header_text(decoded)[:MAX_HEADER_CHARS]
    return found


def _header_text(value: object) -> str:
    try:
        text = str(value)
    except Exception:  # noqa: BLE001 - a header object that cannot even print
        text = ""
    return clean_text(" ".join(text.split()))


def _sender(headers: dict[str, str]) -> str | None:
    for name in ("from", "sender", "return-path"):
        try:
            pairs = getaddresses([headers.get(name, "")])
        except (ValueError, TypeError, IndexError):
            continue
        for _display, address in pairs:
            address = clean_text(address).strip().lower()
            if "@" in address and 0 < len(address) <= MAX_ADDRESS_CHARS:
                return address
    return None


def _walk(part: Message, depth: int = 0) -> Iterator[Message]:
    """Leaf parts in order, following multiparts at most MAX_DEPTH deep."""
    if not part.is_multipart():
        yield part
        return
    if depth >= MAX_DEPTH:
        return
    payload = part.get_payload()
    for child in payload if isinstance(payload, list) else []:
        if isinstance(child, Message):
            yield from _walk(child, depth + 1)


def _content(message: Message, attachment_base: str) -> tuple[str, tuple[Attachment, ...]]:
    """The plain text (else the HTML as text) and links to the attachments."""
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = []
    for index, part in enumerate(_walk(message)):
        if index >= MAX_PARTS:
            break
        content_type = part.get_content_type()
        disposition = (part.get_content_disposition() or "").lower()
        if content_type.startswith("text/") and disposition != "attachment":
            if content_type == "text/plain" and plain is None:
                plain = _decoded_text(part)
                continue
            if content_type == "text/html" and html is None:
                html = _decoded_text(part)
                continue
        if disposition in ("attachment", "inline") or not content_type.startswith("text/"):
            if content_type.startswith("multipart/") or len(attachments) >= MAX_ATTACHMENTS:
                continue
            name = _header_text(part.get_filename() or "attachment")[:200] or "attachment"
            url = f"{attachment_base}/attachments/{len(attachments)}#{quote(name)}"
            attachments.append(Attachment(url=url[:2000], content_type=content_type[:200]))
    text = plain if plain and plain.strip() else html_to_text(html or "")
    return text, tuple(attachments)


def _decoded_text(part: Message) -> str:
    """A text part as str, whatever its declared charset and transfer encoding."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    data = data[:MAX_TEXT_BYTES]
    charset = (part.get_content_charset() or "utf-8").strip().lower()
    for candidate in (charset, "utf-8", "windows-1252"):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")  # every byte is a character: never fails


def html_to_text(html: str) -> str:
    """Readable text from an HTML body: block ends as line breaks, tags and scripts gone."""
    text = _HIDDEN.sub(" ", html)
    text = _BLOCK_END.sub("\n", text)
    text = _TAG.sub(" ", text)
    for entity, character in _ENTITIES.items():
        text = text.replace(entity, character)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
