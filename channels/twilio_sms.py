"""Twilio Programmable Messaging, inbound: signature check, parsing, TwiML replies.

Twilio posts a form (`MessageSid`, `From`, `To`, `Body`, `NumMedia`, `MediaUrl{N}`, ...)
and may add parameters without notice, so we validate the signature over everything
received and read only the fields we know.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol

from twilio.request_validator import RequestValidator, compare
from twilio.twiml.messaging_response import MessagingResponse

from channels.base import (
    Attachment,
    Channel,
    ConsentAction,
    InboundMessage,
    PayloadInvalid,
    SignatureInvalid,
    VerificationNotConfigured,
    clean_text,
)

MAX_MEDIA = 10
MAX_BODY_CHARS = 20_000
MAX_ADDRESS_CHARS = 320  # the storage limit for a sender or recipient address
MAX_URL_CHARS = 2000

# Twilio's default opt-out keyword set for long codes and toll-free numbers; only a
# message that is exactly one keyword counts ("STOP PLEASE" is a message, not a command).
CONSENT_KEYWORDS: dict[str, ConsentAction] = {
    **dict.fromkeys(
        ("STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT"),
        ConsentAction.OPT_OUT,
    ),
    **dict.fromkeys(("START", "YES", "UNSTOP"), ConsentAction.OPT_IN),
    **dict.fromkeys(("HELP", "INFO"), ConsentAction.HELP),
}
_OPT_OUT_TYPES = {"STOP": ConsentAction.OPT_OUT, "START": ConsentAction.OPT_IN}


class FormLike(Protocol):
    """What we need of a request form: Werkzeug's MultiDict fits."""

    def __iter__(self) -> Iterator[str]: ...

    def __contains__(self, key: object, /) -> bool: ...

    def __getitem__(self, key: str, /) -> str: ...

    def getlist(self, key: str) -> list[str]: ...


def _get(form: FormLike, key: str) -> str | None:
    return form[key] if key in form else None  # noqa: SIM401 - FormLike has no get()


class _Params:
    """A form as twilio's validator reads it, without an AttributeError per parameter
    (it asks for `getall` first, which Werkzeug's MultiDict does not have)."""

    def __init__(self, form: FormLike) -> None:
        self.form = form

    def __iter__(self) -> Iterator[str]:
        return iter(self.form)

    def getall(self, key: str) -> list[str]:
        return self.form.getlist(key)


def verify_signature(auth_token: str | None, url: str, form: FormLike, signature: str) -> None:
    """Raise `SignatureInvalid` unless `signature` is Twilio's HMAC of `url` and `form`.

    The URL exactly as called is tried first: it is what Twilio signs, and one HMAC is half
    the work of `RequestValidator.validate`, which is asked only when that fails (it also
    accepts the URL with its default port added or removed, as Twilio sometimes signs).
    """
    if not auth_token:
        raise VerificationNotConfigured("TWILIO_AUTH_TOKEN is not configured; cannot verify Twilio")
    validator = RequestValidator(auth_token)
    params = _Params(form)
    if signature and compare(validator.compute_signature(url, params), signature):
        return
    if not signature or not validator.validate(url, params, signature):
        raise SignatureInvalid("X-Twilio-Signature does not match")


def form_snapshot(form: FormLike) -> dict[str, Any]:
    """The received parameters as a plain dict (lists only where a key repeats)."""
    snapshot: dict[str, Any] = {}
    for key in form:
        values = [clean_text(str(v)) for v in form.getlist(key)]
        snapshot[clean_text(key)] = values[0] if len(values) == 1 else values
    return snapshot


def consent_action(form: FormLike, body: str) -> ConsentAction | None:
    """Twilio's Advanced Opt-Out `OptOutType`, else a single-keyword body."""
    opt_out_type = str(_get(form, "OptOutType") or "").upper()
    if opt_out_type in _OPT_OUT_TYPES:
        return _OPT_OUT_TYPES[opt_out_type]
    return CONSENT_KEYWORDS.get(body.strip().strip(".!").upper())


def parse_sms(form: FormLike, received_at: datetime) -> InboundMessage:
    """Turn Twilio's inbound SMS/MMS form into an `InboundMessage`.

    Raises:
        PayloadInvalid: a required field is missing or malformed.
    """
    sid = _required(form, "MessageSid")
    if not sid.isalnum() or len(sid) > 64:
        raise PayloadInvalid("MessageSid: expected Twilio's alphanumeric message SID")
    sender = _required(form, "From")
    recipient = _required(form, "To")
    body = _get(form, "Body")
    attachments = _attachments(form)
    if body is None and not attachments:
        raise PayloadInvalid("Body: missing (and no media attached)")
    text = clean_text(str(body or ""))[:MAX_BODY_CHARS]
    channel = Channel.WHATSAPP if sender.lower().startswith("whatsapp:") else Channel.SMS
    return InboundMessage(
        channel=channel,
        provider_message_id=sid,
        sender=sender,
        recipient=recipient,
        text=text,
        received_at=received_at,
        raw=form_snapshot(form),
        attachments=attachments,
        consent_action=consent_action(form, text),
    )


def _required(form: FormLike, name: str) -> str:
    value = _get(form, name)
    text = clean_text(str(value or "")).strip()
    if not text:
        raise PayloadInvalid(f"{name}: required")
    if len(text) > MAX_ADDRESS_CHARS:
        raise PayloadInvalid(f"{name}: longer than {MAX_ADDRESS_CHARS} characters")
    return text


def _attachments(form: FormLike) -> tuple[Attachment, ...]:
    raw_count = _get(form, "NumMedia") or "0"
    try:
        count = int(raw_count)
    except ValueError:
        raise PayloadInvalid("NumMedia: must be a whole number") from None
    if not 0 <= count <= MAX_MEDIA:
        raise PayloadInvalid(f"NumMedia: must be between 0 and {MAX_MEDIA}")
    found = []
    for index in range(count):
        url = _get(form, f"MediaUrl{index}")
        if not url or not str(url).startswith(("https://", "http://")) or len(url) > MAX_URL_CHARS:
            raise PayloadInvalid(f"MediaUrl{index}: missing or not a URL")
        content_type = _get(form, f"MediaContentType{index}")
        found.append(
            Attachment(
                url=clean_text(str(url)),
                content_type=content_type and clean_text(content_type)[:200],
            )
        )
    return tuple(found)


_NO_REPLY = str(MessagingResponse())  # most answers: built once


def twiml_reply(text: str | None = None) -> str:
    """TwiML answering the inbound message: one reply, or nothing (`<Response/>`)."""
    if not text:
        return _NO_REPLY
    response = MessagingResponse()
    response.message(text)
    return str(response)
