"""The landlord's repairs system: signed JSON work orders out, signed status updates in.

Both directions are signed the same way, as Slack and Stripe sign their webhooks: the
sender takes the Unix time in seconds, computes HMAC-SHA256 with the shared secret
(`REPAIRS_SYSTEM_SECRET`) over ``<timestamp>.<raw body>``, and sends

    X-Signature-Timestamp: 1764806400
    X-Signature: v1=<hex digest>

The receiver recomputes it over the bytes it got, compares in constant time, and refuses a
timestamp more than five minutes from its own clock (a replayed request). A work order
also carries ``Idempotency-Key``: a retry after a timeout sends the same key and the same
event id, and the repairs system must treat a second delivery as the first (docs/repairs.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from channels.base import (
    ChannelRejected,
    ChannelUnavailable,
    OutboundMessage,
    PayloadInvalid,
    SendResult,
    SignatureInvalid,
    VerificationNotConfigured,
    clean_text,
)
from channels.json_limits import load_json

CHANNEL = "repairs_system"  # the outbox channel of work orders
TIMESTAMP_HEADER = "X-Signature-Timestamp"
SIGNATURE_HEADER = "X-Signature"
VERSION = "v1"
TOLERANCE_SECONDS = 300
# What the repairs system may say about a work order.
STATUSES = ("received", "scheduled", "in_progress", "on_hold", "completed", "cancelled")


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    """`v1=` and the hex HMAC-SHA256 of ``<timestamp>.<body>`` under `secret`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"{VERSION}={mac.hexdigest()}"


def signed_headers(secret: str, body: bytes, now: datetime) -> dict[str, str]:
    """The two signature headers for `body` sent at `now`."""
    stamp = int(now.timestamp())
    return {TIMESTAMP_HEADER: str(stamp), SIGNATURE_HEADER: signature(secret, stamp, body)}


def verify(secret: str | None, body: bytes, headers: Mapping[str, str], now: datetime) -> None:
    """Raise SignatureInvalid unless `body` was signed with `secret` within five minutes of
    `now` (VerificationNotConfigured when no secret is set here)."""
    if not secret:
        raise VerificationNotConfigured(
            "REPAIRS_SYSTEM_SECRET is not configured; cannot verify the repairs system")
    raw_stamp = headers.get(TIMESTAMP_HEADER, "")
    given = headers.get(SIGNATURE_HEADER, "")
    if not raw_stamp.isdigit() or len(raw_stamp) > 12:
        raise SignatureInvalid(f"{TIMESTAMP_HEADER} missing or not a Unix time")
    if abs(now.timestamp() - int(raw_stamp)) > TOLERANCE_SECONDS:
        raise SignatureInvalid(f"{TIMESTAMP_HEADER} is more than 5 minutes from our clock")
    if not hmac.compare_digest(given.encode(), signature(secret, raw_stamp, body).encode()):
        raise SignatureInvalid(f"{SIGNATURE_HEADER} does not match the body")


def canonical_json(payload: Mapping[str, Any]) -> str:
    """A work order's body as stored in the outbox and sent byte for byte."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class StatusUpdate:
    """One status update from the repairs system, checked."""

    event_id: str
    reference: str  # ours: RP-... (a repair) or HZ-... (a hazard case)
    status: str
    at: datetime
    work_order_ref: str | None
    note: str | None


def parse_update(body: bytes) -> StatusUpdate:
    """A signed status update's body; PayloadInvalid naming what is wrong."""
    data = load_json(body)
    if not isinstance(data, dict):
        raise PayloadInvalid("body: a JSON object")
    event_id = _text(data, "id", 200, required=True)
    reference = _text(data, "reference", 20, required=True)
    status = _text(data, "status", 40, required=True)
    if status not in STATUSES:
        raise PayloadInvalid(f"status: one of {', '.join(STATUSES)}")
    raw_at = _text(data, "at", 40, required=True)
    try:
        at = datetime.fromisoformat(str(raw_at))
    except ValueError:
        raise PayloadInvalid("at: an ISO 8601 time with its offset") from None
    if at.tzinfo is None:
        raise PayloadInvalid("at: an ISO 8601 time with its offset")
    assert event_id and reference and status
    return StatusUpdate(event_id, reference, status, at,
                        _text(data, "work_order", 100), _text(data, "note", 2000))


def _text(data: Mapping[str, Any], name: str, limit: int, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise PayloadInvalid(f"{name}: text of 1 to {limit} characters"
                             + ("" if required else ", or null"))
    return clean_text(value.strip())


class RepairsSystemTransport:
    """Posts work orders (the outbox row's body, JSON) to the repairs system's URL.

    A 2xx is sent; 408, 429 and 5xx, a refused connection or a timeout are transient (the
    outbox retries with the same idempotency key); any other answer is a refusal.
    """

    name = CHANNEL

    def __init__(self, url: str, secret: str, timeout: float, clock: Any) -> None:
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.clock = clock
        self.http = requests.Session()

    def send(self, message: OutboundMessage) -> SendResult:
        body = message.body.encode("utf-8")
        headers = {"Content-Type": "application/json", "Idempotency-Key":
                   message.idempotency_key, "User-Agent": "contact-hub work orders",
                   **signed_headers(self.secret, body, self.clock())}
        try:
            response = self.http.post(self.url, data=body, headers=headers,
                                      timeout=(min(self.timeout, 5.0), self.timeout))
        except requests.Timeout as error:
            # The repairs system may have taken it: the retry carries the same key.
            raise ChannelUnavailable("repairs system did not answer in time",
                                     code="timeout") from error
        except requests.RequestException as error:
            raise ChannelUnavailable("repairs system unreachable", code="unreachable") from error
        status = response.status_code
        if 200 <= status < 300:
            return SendResult(provider_message_id=_work_order_ref(response)
                              or message.idempotency_key)
        if status in (408, 429) or status >= 500:
            raise ChannelUnavailable(f"repairs system answered HTTP {status}",
                                     code=f"http_{status}", retry_after=_retry_after(response))
        raise ChannelRejected(f"repairs system refused the work order (HTTP {status})",
                              code=f"http_{status}")


def _work_order_ref(response: requests.Response) -> str | None:
    """The repairs system's own reference, if its answer gives one (`work_order`)."""
    try:
        data = response.json()
    except ValueError:
        return None
    ref = data.get("work_order") if isinstance(data, dict) else None
    return clean_text(ref)[:100] if isinstance(ref, str) and ref.strip() else None


def _retry_after(response: requests.Response) -> float | None:
    raw = response.headers.get("Retry-After")
    try:
        return max(0.0, min(float(raw), 3600.0)) if raw is not None else None
    except ValueError:
        return None
