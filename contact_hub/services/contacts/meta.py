"""One Meta webhook delivery: many messages (from many residents) and delivery statuses.

Each message is received on its own, so one that cannot be stored never costs the
others. If any could not be stored the caller answers with an error and Meta delivers
the whole batch again; intake is idempotent, so what was stored the first time is not
stored twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from channels.meta import MetaBatch
from contact_hub.services.contacts.inbound import InboundService
from contact_hub.services.outbox import Outbox

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOutcome:
    """How many of the delivery's events ended each way (for metrics and the answer)."""

    accepted: int = 0
    duplicate: int = 0
    status: int = 0
    ignored: int = 0
    skipped: int = 0
    failed: int = 0


def receive_batch(inbound: InboundService, outbox: Outbox, batch: MetaBatch) -> BatchOutcome:
    """Store every message (safety advice queued first for emergencies) and apply statuses."""
    accepted = duplicate = status = failed = 0
    for message in batch.messages:
        try:
            intake = inbound.receive(message, answer_inline=False)
        except Exception as error:  # reported as failed: the caller asks Meta to retry
            failed += 1
            # Ids and the error's type only: database errors can quote the message text.
            logger.error(
                "meta message not stored channel=%s provider_message_id=%s error=%s",
                message.channel, message.provider_message_id, type(error).__name__,
            )
            continue
        duplicate += intake.duplicate
        accepted += not intake.duplicate
    for receipt in batch.statuses:
        try:
            status += outbox.record_delivery(
                receipt.provider_message_id, receipt.status, receipt.error_code
            )
        except Exception as error:  # a receipt is worth a retry too, never a lost batch
            failed += 1
            logger.error("meta status not applied error=%s", type(error).__name__)
    if batch.skipped:
        logger.warning("meta events skipped count=%s reasons=%s", len(batch.skipped),
                       "; ".join(sorted(set(batch.skipped)))[:500])
    return BatchOutcome(accepted, duplicate, status, batch.ignored, len(batch.skipped), failed)
