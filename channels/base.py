"""What every channel adapter shares: normalised messages, the transport protocol, errors.

Adapters translate their vendor's wire format into these types at the edge, so nothing
past `channels/` knows what a Twilio form or a Meta payload looks like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


def clean_text(value: str) -> str:
    """Drop NUL characters: PostgreSQL text and JSON cannot store them, and no resident
    means them. Everything else (emoji, other scripts) is kept as sent."""
    return value.replace("\x00", "")


class Channel(StrEnum):
    """The ways a resident gets in touch (and the ways we reply)."""

    SMS = "sms"
    VOICE = "voice"
    EMAIL = "email"
    MESSENGER = "messenger"
    INSTAGRAM = "instagram"
    WHATSAPP = "whatsapp"
    WEB = "web"
    PHONE = "phone"  # taken by an agent on the phone
    LETTER = "letter"
    IN_PERSON = "in_person"


class ConsentAction(StrEnum):
    """Carrier keyword commands; they change consent and are not contacts."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


@dataclass(frozen=True)
class Attachment:
    """A file the resident sent (photo of the damp, a voicemail recording)."""

    url: str
    content_type: str | None = None
    filename: str | None = None  # as the sender named it (shown to staff, never trusted)


@dataclass(frozen=True)
class InboundMessage:
    """One message from a resident, normalised from any provider.

    `provider_message_id` is unique per channel and is what makes intake idempotent.
    `sender` is the provider's address for the resident exactly as given (phone number,
    email address, social id); the inbound service resolves it to a customer.
    """

    channel: Channel
    provider_message_id: str
    sender: str
    recipient: str
    text: str
    received_at: datetime
    raw: dict[str, Any]
    subject: str | None = None
    attachments: tuple[Attachment, ...] = ()
    consent_action: ConsentAction | None = None
    routing_hint: str | None = None  # e.g. the IVR menu option chosen
    thread_key: str | None = None  # provider thread/conversation id, if any
    replies_to: tuple[str, ...] = ()  # message ids it answers (email In-Reply-To/References)
    # Replies go here instead of to `sender` on `channel` (None: there): the web form's
    # chosen email or text; a public comment's private reply through "comment:<id>".
    reply_channel: Channel | None = None
    reply_to: str | None = None


@dataclass(frozen=True)
class OutboundMessage:
    """A message to send, as the outbox hands it to a transport."""

    channel: Channel
    recipient: str
    body: str
    idempotency_key: str
    sender: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SendResult:
    """What the provider said when it accepted a message."""

    provider_message_id: str
    status: str = "sent"


class Transport(Protocol):
    """Sends one outbound message; raises a `ChannelError` subclass on failure."""

    def send(self, message: OutboundMessage) -> SendResult:
        """Hand the message to the provider and return its id."""
        ...


class ChannelError(Exception):
    """Base of the small error tree every adapter maps vendor errors into."""

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class ChannelUnavailable(ChannelError):
    """Transient: timeouts, 5xx, rate limits. Safe and useful to retry later."""

    def __init__(
        self, message: str, *, code: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class ChannelRejected(ChannelError):
    """Permanent: the provider refused this message (unsubscribed, invalid number).

    Retrying cannot help; the outbox records it as failed with the reason.
    """


class SignatureInvalid(Exception):
    """A webhook request did not carry a valid provider signature."""


class VerificationNotConfigured(SignatureInvalid):
    """A webhook cannot be verified at all: its secret is not configured here (an
    operator's problem, not the caller's; the message names the setting, never a value)."""


class PayloadInvalid(ValueError):
    """A signed webhook whose body is not what the provider documents (missing fields)."""


class DeliveryUnknown(ChannelError):
    """The provider may or may not have accepted the message (e.g. a read timeout).

    Never retried automatically: sending again could deliver the message twice.
    """
