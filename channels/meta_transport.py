"""Meta Graph API, outbound: Messenger and Instagram Send API (with private replies to
public comments), WhatsApp Cloud API.

Every send checks Meta's 24-hour window first (`channels.meta_window`): the outbox puts
when the resident last wrote in `OutboundMessage.metadata["last_inbound_at"]`. Requests
have a bounded timeout; Graph errors map into our error tree at this edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from channels.base import (
    Channel,
    ChannelRejected,
    ChannelUnavailable,
    DeliveryUnknown,
    OutboundMessage,
    SendResult,
)
from channels.meta_comments import comment_id_of
from channels.meta_window import free_text_window

# Graph error codes (https://developers.facebook.com/docs/graph-api/guides/error-handling,
# Messenger and WhatsApp Cloud API error references).
RATE_LIMIT_CODES = {4, 17, 32, 613, 80007, 130429, 131048, 131056}
TRANSIENT_CODES = {1, 2, 131000, 131016}
REJECTED_CODES: dict[int, str] = {
    10: "Meta does not allow this message (permission or messaging window)",
    100: "Meta refused the request as invalid (bad recipient id?)",
    190: "Meta access token invalid or expired: check META_PAGE_ACCESS_TOKEN",
    200: "the app lacks permission to message this person",
    551: "this person isn't available right now (blocked or left)",
    131026: "WhatsApp could not deliver: not a WhatsApp user, or an old app",
    131030: "WhatsApp: recipient not on the test number's allowed list",
    131047: "WhatsApp: more than 24 hours since the resident wrote (re-engagement needed)",
    131051: "WhatsApp: message type not supported",
}
REJECTED_SUBCODES: dict[int, str] = {
    2018278: "outside Messenger's 24-hour messaging window",
    2018001: "no matching Messenger user for this recipient id",
    2018108: "this person cannot receive messages from the page",
}
TEXT_LIMITS = {Channel.MESSENGER: 2000, Channel.INSTAGRAM: 1000, Channel.WHATSAPP: 4096}


@dataclass(frozen=True)
class MetaConfig:
    """Where and as whom to send; a channel without credentials is not offered."""

    graph_base_url: str
    page_access_token: str | None
    whatsapp_phone_number_id: str | None
    whatsapp_token: str | None
    timeout: float


class MetaTransport:
    """Sends text on Messenger, Instagram and WhatsApp (Cloud API) through the Graph API."""

    name = "meta"

    def __init__(
        self,
        config: MetaConfig,
        clock: Callable[[], datetime],
        session: requests.Session | None = None,
    ) -> None:
        self.config = config
        self.clock = clock
        self.http = session or requests.Session()

    def send(self, message: OutboundMessage) -> SendResult:
        """Send `message` if Meta's window allows; map every failure into our errors."""
        channel = Channel(message.channel)
        decision = free_text_window(
            channel,
            message.metadata.get("last_inbound_at"),
            self.clock(),
            human_agent=message.metadata.get("human_agent") is True,
            private_reply=comment_id_of(message.recipient) is not None,
        )
        if not decision.allowed:
            raise ChannelRejected(decision.reason or "outside Meta's window", code="window")
        if len(message.body) > TEXT_LIMITS.get(channel, 2000):
            raise ChannelRejected(f"message too long for {channel}", code="too_long")
        url, token, body = self._request(channel, message, decision.tag)
        return self._post(url, token, body)

    def _request(
        self, channel: Channel, message: OutboundMessage, tag: str | None
    ) -> tuple[str, str, dict[str, Any]]:
        base = self.config.graph_base_url.rstrip("/")
        if channel == Channel.WHATSAPP:
            if not (self.config.whatsapp_phone_number_id and self.config.whatsapp_token):
                raise ChannelRejected("WhatsApp Cloud API is not configured", code="config")
            to = message.recipient.removeprefix("whatsapp:").removeprefix("+")
            body: dict[str, Any] = {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": {"preview_url": False, "body": message.body},
            }
            url = f"{base}/{self.config.whatsapp_phone_number_id}/messages"
            return url, self.config.whatsapp_token, body
        if not self.config.page_access_token:
            raise ChannelRejected("META_PAGE_ACCESS_TOKEN is not configured", code="config")
        comment_id = comment_id_of(message.recipient)
        if comment_id is not None:  # a private reply to a public comment (never a public one)
            body = {"recipient": {"comment_id": comment_id}, "message": {"text": message.body}}
            return f"{base}/me/messages", self.config.page_access_token, body
        body = {
            "recipient": {"id": message.recipient},
            "messaging_type": "MESSAGE_TAG" if tag else "RESPONSE",
            "message": {"text": message.body},
        }
        if tag:
            body["tag"] = tag
        return f"{base}/me/messages", self.config.page_access_token, body

    def _post(self, url: str, token: str, body: dict[str, Any]) -> SendResult:
        try:
            response = self.http.post(
                url,
                json=body,
                headers={"Authorization": f"Bearer {token}"},
                timeout=self.config.timeout,
            )
        except requests.ReadTimeout as error:
            raise DeliveryUnknown("Meta did not answer in time; outcome unknown") from error
        except requests.RequestException as error:
            raise ChannelUnavailable(f"Meta unreachable: {type(error).__name__}") from error
        if response.status_code >= 300:
            raise map_graph_error(response.status_code, _json(response), _retry_after(response))
        return _accepted(_json(response))


def map_graph_error(
    status: int, payload: dict[str, Any], retry_after: float | None = None
) -> ChannelRejected | ChannelUnavailable:
    """Rate limits, transient errors and 5xx are retryable; anything else is final."""
    error = payload.get("error") if isinstance(payload.get("error"), dict) else {}
    assert isinstance(error, dict)
    code = _int(error.get("code"))
    subcode = _int(error.get("error_subcode"))
    code_text = str(code) if code is not None else None
    if subcode in REJECTED_SUBCODES:
        return ChannelRejected(REJECTED_SUBCODES[subcode], code=f"{code}/{subcode}")
    transient = code in RATE_LIMIT_CODES or code in TRANSIENT_CODES or error.get("is_transient")
    if status == 429 or status >= 500 or transient:
        label = "rate limited" if status == 429 or code in RATE_LIMIT_CODES else "unavailable"
        return ChannelUnavailable(
            f"Meta {label} (HTTP {status})", code=code_text, retry_after=retry_after
        )
    reason = REJECTED_CODES.get(code or 0, f"Meta refused the message (HTTP {status})")
    return ChannelRejected(reason, code=code_text)


def _accepted(payload: dict[str, Any]) -> SendResult:
    """Messenger answers {message_id}; WhatsApp answers {messages: [{id}]}."""
    message_id = payload.get("message_id")
    messages = payload.get("messages")
    if not message_id and isinstance(messages, list) and messages:
        first = messages[0]
        message_id = first.get("id") if isinstance(first, dict) else None
    if not isinstance(message_id, str) or not message_id:
        raise DeliveryUnknown("Meta accepted the request but returned no message id")
    return SendResult(provider_message_id=message_id[:200], status="sent")


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        payload = response.json()
    except ValueError:
        return {}
    return payload if isinstance(payload, dict) else {}


def _retry_after(response: requests.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
