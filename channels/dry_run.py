"""The dry-run transport: with no provider credentials the outbox itself is the transport.

Messages are stored and shown through the API as `simulated`; nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from channels.base import OutboundMessage, SendResult


class DryRunTransport:
    """Accepts every message and invents a stable provider id for it."""

    name = "dry_run"

    def find_sent(self, message: OutboundMessage, since: datetime) -> SendResult | None:
        """Nothing leaves the machine: a send cut off by a crash can simply run again."""
        return None

    def send(self, message: OutboundMessage) -> SendResult:
        digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:24]
        return SendResult(provider_message_id=f"DRY{digest}", status="simulated")
