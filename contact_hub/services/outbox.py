"""The outbox: every outbound message is a row first, then a send job.

At most once per idempotency key: the row's key is unique, the send job claims the row
(queued → sending) before calling the provider, and a send whose outcome is unknown is
never retried blindly.

A text message too long for the provider (over 1,600 characters at Twilio) is queued as
numbered parts, one row each, keyed ``<key>:part-<n>``; the first part's send job sends
the parts in order, each claimed on its own, so each part is still sent at most once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from channels.base import (
    ChannelRejected,
    ChannelUnavailable,
    DeliveryUnknown,
    OutboundMessage,
    Transport,
)
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.contacts.sms_parts import (
    SPLIT_CHANNELS,
    parse_part_key,
    part_key,
    split_message,
)
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.messaging_window import send_context
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction

# What a channel's transport needs beyond the text, read in the send's transaction.
Details = Callable[[Session, repo.OutboundMessage], dict[str, Any]]

logger = logging.getLogger(__name__)

SEND_RETRY_SECONDS = (10, 60, 300)
MAX_SEND_ATTEMPTS = 8
# Provider delivery statuses, in the order they can happen; we never move backwards.
DELIVERY_ORDER = ("queued", "sending", "sent", "simulated", "delivered", "read")
FINAL_FAILURES = {"failed", "undelivered"}


@dataclass(frozen=True)
class NewMessage:
    """What a service asks the outbox to send."""

    key: str
    kind: str
    channel: str
    recipient: str
    body: str
    contact_id: int | None = None
    priority: str = "default"
    suppressed_because: str | None = None


class Outbox:
    """Queues messages in the caller's transaction and sends them from jobs."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        transports: Mapping[str, Transport],
        transport_name: str,
        clock: Clock,
        details: Mapping[str, Details] | None = None,
    ) -> None:
        self.sessions = sessions
        self.transports = transports
        self.transport_name = transport_name
        self.clock = clock
        # Per channel, what its transport needs beyond the text (an email's subject and
        # the message it answers), read in the send's transaction.
        self.details: Mapping[str, Details] = dict(details or {})

    def queue(self, session: Session, message: NewMessage) -> tuple[int, JobRequest | None]:
        """Add a row unless the key exists; return its id and the send job to enqueue.

        An SMS or WhatsApp body over the safe limit becomes numbered part rows; the id
        and job returned are the first part's, and that job sends every part in order.
        Queueing the same key again (split or not) adds nothing.
        """
        existing = repo.outbound_by_key(session, message.key) or repo.outbound_by_key(
            session, part_key(message.key, 1)
        )
        if existing is not None:
            return existing.id, None
        bodies = (
            split_message(message.body) if message.channel in SPLIT_CHANNELS else [message.body]
        )
        if len(bodies) == 1:
            row = self._add(session, message)
        else:
            parts = [
                self._add(session, replace(message, key=part_key(message.key, number), body=body))
                for number, body in enumerate(bodies, 1)
            ]
            row = parts[0]
        if row.status != "queued":
            return row.id, None
        return row.id, send_job(row.id, row.priority)

    def _add(self, session: Session, message: NewMessage) -> repo.OutboundMessage:
        now = self.clock()
        row = repo.OutboundMessage(
            idempotency_key=message.key,
            contact_id=message.contact_id,
            kind=message.kind,
            channel=message.channel,
            recipient=message.recipient,
            body=message.body,
            priority=message.priority,
            status="suppressed" if message.suppressed_because else "queued",
            error_message=message.suppressed_because,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        return row

    def record_inline(self, session: Session, message: NewMessage, transport: str) -> None:
        """Record a reply already given in the webhook response (TwiML) as sent."""
        if repo.outbound_by_key(session, message.key) is not None:
            return
        now = self.clock()
        session.add(
            repo.OutboundMessage(
                idempotency_key=message.key,
                contact_id=message.contact_id,
                kind=message.kind,
                channel=message.channel,
                recipient=message.recipient,
                body=message.body,
                priority=message.priority,
                status="sent",
                transport=transport,
                attempts=1,
                created_at=now,
                updated_at=now,
                sent_at=now,
            )
        )

    def send(self, outbound_id: int) -> None:
        """Send one queued message, then any later parts of it. Safe to run twice.

        Only the claimant of a row sends it; a row already claimed or sent is skipped, so
        a rerun after a retryable failure picks up at the part that failed.

        Raises:
            ChannelUnavailable: the provider is down or rate limiting; RQ retries later.
        """
        next_id: int | None = outbound_id
        while next_id is not None:
            next_id = self._send_one(next_id)

    def send_now(self, jobs: list[JobRequest]) -> list[JobRequest]:
        """Send, from the job that queued them (after its commit), the messages `jobs`
        would send; return the jobs still to enqueue: the others, and a send the provider
        could not take now (its own job retries it). A worker saves a whole job's Redis
        round trips and bookkeeping per acknowledgement this way."""
        later: list[JobRequest] = []
        for job in jobs:
            if job.func != job_names.SEND_OUTBOUND or job.at is not None:
                later.append(job)
                continue
            try:
                self.send(int(job.args[0]))
            except ChannelUnavailable as error:
                # This was the first attempt: the job tries again when its first retry
                # would have (or when the provider asked), with the retries that are left.
                wait = error.retry_after or (job.retry[0] if job.retry else 0)
                later.append(replace(job, at=self.clock() + timedelta(seconds=wait),
                                     retry=job.retry[1:]))
        return later

    def _send_one(self, outbound_id: int) -> int | None:
        """Send one row if we can claim it; return the id of the message's next part."""
        with transaction(self.sessions) as session:
            row = repo.get_outbound(session, outbound_id)
            if row is None:
                return None
            next_id = _next_part_id(session, row)
            if not repo.claim_outbound(session, outbound_id, self.clock()):
                logger.info("outbound not queued, nothing to do outbound_id=%s", outbound_id)
                return next_id
            session.refresh(row)
            if _opted_out_since_queued(session, row):
                row.status, row.error_message = "suppressed", "recipient opted out (STOP)"
                return next_id
            message = OutboundMessage(
                channel=row.channel,  # type: ignore[arg-type]
                recipient=row.recipient,
                body=row.body,
                idempotency_key=row.idempotency_key,
                metadata={
                    **send_context(session, row.channel, row.recipient, row.kind),
                    **self._details(session, row),
                },
            )
        self._deliver(outbound_id, message)
        return next_id

    def _details(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any]:
        details = self.details.get(row.channel)
        return details(session, row) if details is not None else {}

    def _deliver(self, outbound_id: int, message: OutboundMessage) -> None:
        transport = self.transports.get(message.channel)
        if transport is None:
            self._finish(outbound_id, "failed", error=("no_transport", "no transport for channel"))
            return
        # Channels may go through different providers (Twilio, Meta, dry run).
        used = str(getattr(transport, "name", self.transport_name))
        try:
            result = transport.send(message)
        except ChannelRejected as error:
            self._finish(outbound_id, "failed", error=(error.code, str(error)), transport=used)
        except DeliveryUnknown as error:
            self._finish(outbound_id, "unknown", error=(error.code, str(error)), transport=used)
        except ChannelUnavailable as error:
            self._finish(outbound_id, "queued", error=(error.code, str(error)), transport=used)
            raise
        else:
            self._finish(
                outbound_id, result.status, provider_id=result.provider_message_id, transport=used
            )

    def _finish(
        self,
        outbound_id: int,
        status: str,
        *,
        provider_id: str | None = None,
        error: tuple[str | None, str] | None = None,
        transport: str | None = None,
    ) -> None:
        with transaction(self.sessions) as session:
            row = repo.get_outbound(session, outbound_id)
            assert row is not None
            now = self.clock()
            row.status = status
            row.updated_at = now
            row.transport = transport or self.transport_name
            if provider_id:
                row.provider_message_id = provider_id
                row.sent_at = now
            if error:
                row.error_code, row.error_message = error[0], error[1][:500]
            if status == "queued" and row.attempts >= MAX_SEND_ATTEMPTS:
                row.status = "failed"
        logger.info("outbound %s outbound_id=%s", status, outbound_id)

    def record_delivery(self, provider_id: str, status: str, error_code: str | None) -> bool:
        """Apply a provider delivery callback; False if the message is not ours."""
        with transaction(self.sessions) as session:
            row = repo.outbound_by_provider_id(session, provider_id)
            if row is None:
                return False
            if _is_progress(row.status, status):
                row.status = status
                row.updated_at = self.clock()
                if error_code:
                    row.error_code = error_code
            return True


def send_job(outbound_id: int, priority: str) -> JobRequest:
    return JobRequest(
        func=job_names.SEND_OUTBOUND,
        args=(outbound_id,),
        job_id=f"send-{outbound_id}",
        queue=priority,
        retry=SEND_RETRY_SECONDS,
    )


def _next_part_id(session: Session, row: repo.OutboundMessage) -> int | None:
    """The row holding the next part of the same message, if this row is a part."""
    part = parse_part_key(row.idempotency_key)
    if part is None:
        return None
    following = repo.outbound_by_key(session, part_key(part[0], part[1] + 1))
    return following.id if following is not None else None


def _opted_out_since_queued(session: Session, row: repo.OutboundMessage) -> bool:
    if row.channel not in ("sms", "whatsapp"):
        return False
    number = row.recipient.removeprefix("whatsapp:")
    identity = repo.identity_by_value(session, "phone", number)
    return identity is not None and identity.opted_out_at is not None


def _is_progress(current: str, new: str) -> bool:
    """Callbacks arrive out of order; only move forwards (or to a final failure)."""
    if new in FINAL_FAILURES:
        return current not in FINAL_FAILURES
    if new not in DELIVERY_ORDER:
        return False
    if current not in DELIVERY_ORDER:
        return False
    return DELIVERY_ORDER.index(new) > DELIVERY_ORDER.index(current)
