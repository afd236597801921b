"""Twilio Programmable Messaging, outbound, through the official client.

The default Twilio HTTP client has no timeout, so we always pass one; the API base URL
is configurable so tests can point the real client at a Prism mock of Twilio's spec.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from channels.base import (
    ChannelRejected,
    ChannelUnavailable,
    DeliveryUnknown,
    OutboundMessage,
    SendResult,
)

LOOKUP_LIMIT = 20  # recent messages to one number looked through for a cut-off send

# Twilio error codes that no retry can fix (https://www.twilio.com/docs/api/errors).
REJECTED_CODES = {
    21211: "invalid 'To' number",
    21408: "permission to send to this region not enabled",
    21610: "recipient has opted out (replied STOP)",
    21612: "cannot route to this number",
    21614: "'To' number is not a mobile number",
    21617: "message body too long",
    21635: "'To' number is a landline",
    30004: "message blocked",
    30005: "unknown destination handset",
    30006: "landline or unreachable carrier",
}


class TwilioSmsTransport:
    """Sends SMS (and WhatsApp via Twilio) with bounded time and mapped errors."""

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str,
        api_base_url: str,
        timeout: float,
        status_callback: str | None = None,
    ) -> None:
        self.from_number = from_number
        self.status_callback = status_callback
        self.client = twilio_client(account_sid, auth_token, api_base_url, timeout)

    def send(self, message: OutboundMessage) -> SendResult:
        """Create the message at Twilio; raise ChannelRejected or ChannelUnavailable."""
        kwargs = {"to": message.recipient, "from_": self._sender(message), "body": message.body}
        if self.status_callback:
            kwargs["status_callback"] = self.status_callback
        return create_at_twilio(self.client.messages.create, **kwargs)

    def find_sent(self, message: OutboundMessage, since: datetime) -> SendResult | None:
        """Did Twilio take `message` (same recipient, sender and body) since `since`? For
        a send cut off by a crash between our claim and our record of the answer: None
        means Twilio has no such message, so it is safe to send it.

        Raises:
            ChannelUnavailable: Twilio cannot be asked now; ask again later.
        """
        try:
            recent = self.client.messages.list(
                to=message.recipient, from_=self._sender(message), limit=LOOKUP_LIMIT)
        except (TwilioException, requests.RequestException) as error:
            raise ChannelUnavailable(f"Twilio lookup failed: {type(error).__name__}") from error
        for found in recent:
            created = found.date_created
            if found.body == message.body and (created is None or created >= since):
                return SendResult(provider_message_id=str(found.sid), status="sent")
        return None

    def _sender(self, message: OutboundMessage) -> str:
        sender = message.sender or self.from_number
        if message.recipient.startswith("whatsapp:") and not sender.startswith("whatsapp:"):
            sender = "whatsapp:" + sender
        return sender


def twilio_client(account_sid: str, auth_token: str, api_base_url: str, timeout: float) -> Client:
    """The official client with a bounded timeout (its default waits forever)."""
    client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout))
    # Messages and Calls route through the Api domain, so this redirects them (tests).
    client.api.base_url = api_base_url.rstrip("/")
    return client


def create_at_twilio(create: Callable[..., Any], **kwargs: Any) -> SendResult:
    """Create a message or call; map every failure into our error tree.

    Raises:
        ChannelRejected: Twilio refused it; retrying cannot help.
        ChannelUnavailable: rate limited, down or unreachable; retry later.
        DeliveryUnknown: no answer in time; it may have been created, so never resend.
    """
    try:
        created = create(**kwargs)
    except TwilioRestException as error:
        raise map_twilio_error(error) from error
    except requests.ReadTimeout as error:
        raise DeliveryUnknown("Twilio did not answer in time; outcome unknown") from error
    except requests.RequestException as error:
        raise ChannelUnavailable(f"Twilio unreachable: {type(error).__name__}") from error
    except TwilioException as error:
        raise ChannelUnavailable(f"Twilio client error: {type(error).__name__}") from error
    # Twilio says "queued"/"accepted" for what it has taken; to us that is sent
    # (callbacks move it on). Our own "queued" means "not yet handed over".
    return SendResult(provider_message_id=str(created.sid), status="sent")


def map_twilio_error(error: TwilioRestException) -> ChannelRejected | ChannelUnavailable:
    """Rate limits and server errors are retryable; anything else Twilio refused is final."""
    code = str(error.code) if error.code is not None else None
    if error.status == 429 or error.status >= 500:
        return ChannelUnavailable(f"Twilio returned HTTP {error.status}", code=code)
    fallback = f"Twilio refused the message (HTTP {error.status})"
    reason = REJECTED_CODES.get(int(error.code or 0), fallback)
    return ChannelRejected(reason, code=code)
