"""Twilio Programmable Voice, outbound paging calls, through the official client.

The outbox hands us one message per call. Twilio fetches what to say from our TwiML
endpoint `<script_base_url>/<idempotency key>` (the paging views), which reads the alert
and takes "press 1 to acknowledge". Without a public URL the call just speaks the body.
"""

from __future__ import annotations

from twilio.twiml.voice_response import VoiceResponse

from channels.base import OutboundMessage, SendResult
from channels.twilio_transport import create_at_twilio, twilio_client


class TwilioCallTransport:
    """Places one call per outbox row; errors mapped like SMS (rejected vs retryable)."""

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str,
        api_base_url: str,
        timeout: float,
        script_base_url: str | None,
    ) -> None:
        self.from_number = from_number
        self.script_base_url = script_base_url.rstrip("/") if script_base_url else None
        self.client = twilio_client(account_sid, auth_token, api_base_url, timeout)

    def send(self, message: OutboundMessage) -> SendResult:
        """Start the call; Twilio's "queued" means it has taken it (sent, to us)."""
        kwargs: dict[str, str] = {"to": message.recipient, "from_": self.from_number}
        if self.script_base_url:
            kwargs["url"] = f"{self.script_base_url}/{message.idempotency_key}"
        else:
            spoken = VoiceResponse()
            spoken.say(message.body, voice="Polly.Amy", language="en-GB", loop=2)
            kwargs["twiml"] = str(spoken)
        return create_at_twilio(self.client.calls.create, **kwargs)
