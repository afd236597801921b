"""The outbox: every outbound message is a row first, then a send job.

At most once per idempotency key: the row's key is unique, the send job claims the row
(queued → sending) before calling the provider, and a send whose outcome is unknown is
never retried blindly.

A text message too long for the provider (over 1,600 characters at Twilio) is queued as
numbered parts, one row each, keyed ``<key>:part-<n>``; the first part's send job sends
the parts in order, each claimed on its own, so each part is still sent at most once.

Everything that leaves the service goes through here, staff notices too: an alert's Slack
card (post, thread replies, updates), complaint and hazard notices. Rows that share a
sequence key (one alert's card) are sent in the order queued: any of their send jobs
works the sequence's queued rows from the first, and stops at a transient failure, so a
reply or update never overtakes the post. A kind of message may bring a `Delivery`: what
its transport needs, read when it is sent (the card as the alert is now), and what its own
record learns when the row's status changes (the alert keeps the card's ts, a notice its
status). Slack's transient failures are retried by the outbox on its own clock, after
Retry-After when Slack gives one; other channels' by RQ (`SEND_RETRY_SECONDS`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from channels.base import (
    ChannelRejected,
    ChannelUnavailable,
    DeliveryUnknown,
    OutboundMessage,
    Transport,
)
from channels.slack import parse_posted_id
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.contacts.sms_parts import (
    SPLIT_CHANNELS,
    parse_part_key,
    part_key,
    split_message,
)
from contact_hub.queueing import SLACK_QUEUE, JobRequest
from contact_hub.services.contacts.messaging_window import send_context
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo

# What a channel's transport needs beyond the text, read in the send's transaction.
Details = Callable[[Session, repo.OutboundMessage], dict[str, Any]]

logger = logging.getLogger(__name__)

SEND_RETRY_SECONDS = (10, 60, 300)
MAX_SEND_ATTEMPTS = 8
# Channels whose retries the outbox schedules itself, by its clock and the provider's
# Retry-After (one job id per attempt); RQ retries every other channel's send job.
SCHEDULED_RETRY_SECONDS = {
    "slack": (5, 15, 60, 120, 300, 600),
    # Graph's 429/503 Retry-After and Exchange's ErrorServerBusy back-off are honoured.
    "email": (10, 60, 300, 600, 900, 900, 900),
    "repairs_system": (10, 30, 60, 300, 900, 1800),
}
RETRY_AFTER_MAX_SECONDS = 900  # a provider's Retry-After is honoured up to this
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
    priority: str = "default"  # also the queue its send job goes on
    suppressed_because: str | None = None
    sequence: str | None = None  # rows sharing it are sent in the order queued


class Delivery(Protocol):
    """What a kind of message adds to the outbox's send, inside the outbox's transactions."""

    # Attempts before a row that keeps meeting transient failures is failed (None: never;
    # the sweeper queues it again until it goes).
    max_attempts: int | None

    def prepare(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any] | None:
        """The transport's metadata for the claimed `row`, or None when it is no longer
        worth sending (the outbox marks it `superseded`)."""
        ...

    def finished(self, session: Session, row: repo.OutboundMessage) -> None:
        """`row` has a new status after a send (sent, failed, queued again, superseded)."""
        ...


class NoticeRecord(Protocol):
    """A staff notice's own row (complaint, hazard): what it says about its sending."""

    status: str
    error: str | None
    sent_at: datetime | None


class NoticeDelivery:
    """The outbox's delivery of one kind of staff notice: the notice's status follows its
    outbox row's (queued is `pending` there), and a notice is tried until it goes."""

    max_attempts: int | None = None  # a missed-deadline alert is not given up on

    def __init__(
        self, find: Callable[[Session, int], NoticeRecord | None], clock: Clock
    ) -> None:
        self.find = find  # the notice that outbox row id sends
        self.clock = clock

    def prepare(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any] | None:
        """A notice is its text: nothing to add."""
        return {}

    def finished(self, session: Session, row: repo.OutboundMessage) -> None:
        """Mirror the outcome onto the notice (its status, error, when and Slack ts)."""
        notice = self.find(session, row.id)
        if notice is None:
            return
        notice.status = "pending" if row.status == "queued" else row.status
        notice.error = row.error_message if row.status != "sent" else None
        if row.status == "sent":
            notice.sent_at = self.clock()
            posted = parse_posted_id(row.provider_message_id)
            if posted is not None and hasattr(notice, "slack_ts"):  # complaint notices keep it
                setattr(notice, "slack_ts", posted.ts)  # noqa: B010 - not on every notice


@dataclass(frozen=True)
class _Outcome:
    """What handing one message to its transport came to."""

    status: str
    transport: str
    provider_id: str | None = None
    error: tuple[str | None, str] | None = None
    unavailable: ChannelUnavailable | None = None  # the provider cannot take it now


class _RetryScheduled(Exception):
    """A transient failure whose retry the outbox has scheduled: stop this job quietly."""


class Outbox:
    """Queues messages in the caller's transaction and sends them from jobs."""

    def __init__(
        self,
        uow: UnitsOfWork,
        transports: Mapping[str, Transport],
        transport_name: str,
        clock: Clock,
        details: Mapping[str, Details] | None = None,
        *,
        deliveries: Mapping[str, Delivery] | None = None,
    ) -> None:
        self.uow = uow  # its dispatcher takes the retries the outbox schedules itself
        self.transports = transports
        self.transport_name = transport_name
        self.clock = clock
        self.deliveries: Mapping[str, Delivery] = deliveries or {}  # by message kind
        # Per channel, what its transport needs beyond the text (an email's subject and
        # the message it answers), read in the send's transaction.
        self.details: Mapping[str, Details] = dict(details or {})

    def queue(self, session: Session, message: NewMessage) -> tuple[int, JobRequest | None]:
        """Add a row unless the key exists; return its id and the send job to enqueue.

        An SMS or WhatsApp body over the safe limit becomes numbered part rows; the id
        and job returned are the first part's, and that job sends every part in order.
        Queueing the same key again (split or not) adds nothing.
        """
        return self.queue_many(session, [message])[0]

    def queue_many(
        self, session: Session, messages: Sequence[NewMessage]
    ) -> list[tuple[int, JobRequest | None]]:
        """`queue` for several messages at once: their keys looked up in one query and the
        new rows written in one flush; an id and job (or None) for each, in order."""
        keys = [key for m in messages for key in (m.key, part_key(m.key, 1))]
        found = repo.outbound_rows_by_keys(session, keys)
        firsts: list[tuple[repo.OutboundMessage, bool]] = []
        for message in messages:
            existing = found.get(message.key) or found.get(part_key(message.key, 1))
            if existing is not None:
                firsts.append((existing, False))
                continue
            bodies = (split_message(message.body) if message.channel in SPLIT_CHANNELS
                      else [message.body])
            if len(bodies) == 1:
                rows = [self._row(message)]
            else:
                rows = [self._row(replace(message, key=part_key(message.key, number), body=body))
                        for number, body in enumerate(bodies, 1)]
            session.add_all(rows)
            found[rows[0].idempotency_key] = rows[0]  # the same key twice adds one row
            firsts.append((rows[0], True))
        session.flush()
        return [(row.id, job_for(row) if new and row.status == "queued" else None)
                for row, new in firsts]

    def _row(self, message: NewMessage) -> repo.OutboundMessage:
        now = self.clock()
        return repo.OutboundMessage(
            idempotency_key=message.key,
            contact_id=message.contact_id,
            kind=message.kind,
            channel=message.channel,
            recipient=message.recipient,
            body=message.body,
            priority=message.priority,
            status="suppressed" if message.suppressed_because else "queued",
            error_message=message.suppressed_because,
            sequence_key=message.sequence,
            created_at=now,
            updated_at=now,
        )

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
        """Send one queued message, then any later parts of it; for a row in a sequence,
        the sequence's queued rows in order. Safe to run twice.

        Only the claimant of a row sends it; a row already claimed or sent is skipped, so
        a rerun after a retryable failure picks up at the part that failed.

        Raises:
            ChannelUnavailable: the provider is down or rate limiting; RQ retries later
                (for a channel whose retries the outbox schedules, it returns instead).
        """
        next_id: int | None = outbound_id
        try:
            while next_id is not None:
                next_id = self._send_one(next_id)
        except _RetryScheduled:
            return

    @staticmethod
    def sends_now(job: JobRequest) -> bool:
        """Whether `send_now` sends this job's message itself: a send due now, on the
        contact queues (Slack's queue has a worker and a circuit breaker of its own)."""
        return job.func == job_names.SEND_OUTBOUND and job.at is None and job.queue != SLACK_QUEUE

    def send_now(self, jobs: list[JobRequest]) -> list[JobRequest]:
        """Send, from the job that queued them (after its commit), the messages of the
        `jobs` that `sends_now`; return the jobs still to enqueue: the others, and a send the
        provider could not take now (its own job retries it). A worker saves a whole job's
        Redis round trips and bookkeeping per acknowledgement this way, and a batch of
        plain messages (a routing batch's acknowledgements) is claimed in one transaction
        and its outcomes recorded in another (`_send_together`)."""
        later = [job for job in jobs if not self.sends_now(job)]
        sends = [job for job in jobs if self.sends_now(job)]
        try:
            outcomes = self._send_together([int(job.args[0]) for job in sends])
        except Exception as error:  # the database, say: each send's own job tries again
            logger.warning("sends from the routing job failed, queued instead count=%s "
                           "error=%s", len(sends), type(error).__name__)
            return later + sends
        for job in sends:
            outcome = outcomes.get(int(job.args[0]))
            if outcome is None:
                later.extend(self._send_alone(job))
            elif outcome.unavailable is not None:
                later.append(self._first_retry(job, outcome.unavailable))
        return later

    def _send_alone(self, job: JobRequest) -> list[JobRequest]:
        """Send one job's message as its own job would; the job again if that must wait."""
        try:
            self.send(int(job.args[0]))
        except ChannelUnavailable as error:
            return [self._first_retry(job, error)]
        except Exception as error:  # the database, say: the send's own job tries again
            logger.warning("send from the routing job failed, queued instead "
                           "outbound_id=%s error=%s", job.args[0], type(error).__name__)
            return [job]
        return []

    def _first_retry(self, job: JobRequest, error: ChannelUnavailable) -> JobRequest:
        """This was the first attempt: the job tries again when its first retry would have
        (or when the provider asked), with the retries that are left."""
        wait = error.retry_after or (job.retry[0] if job.retry else 0)
        return replace(job, at=self.clock() + timedelta(seconds=wait), retry=job.retry[1:])

    def _send_together(self, ids: list[int]) -> dict[int, _Outcome]:
        """Claim the plain rows among `ids` (one message each, no sequence, no delivery of
        their own, retried by RQ) in one transaction, send each, and record the outcomes in
        one more; the outcome of each row claimed here. Rows left out are sent alone. A
        worker that dies between the two leaves its rows `sending` for the sweeper, as a
        single send would."""
        if len(ids) < 2:
            return {}
        messages: dict[int, OutboundMessage] = {}
        outcomes: dict[int, _Outcome] = {}
        with self.uow() as uow:
            session = uow.session
            rows = {row.id: row for row in repo.rows_by_ids(session, repo.OutboundMessage, ids)
                    if self._plain(row)}
            claimed = [rows[i] for i in repo.claim_outbound_many(session, list(rows), self.clock())]
            opted_out = repo.opted_out_numbers(session, map(_phone_number, claimed))
            for row in claimed:
                if _phone_number(row) in opted_out:
                    _suppress_opted_out(row)
                    outcomes[row.id] = _Outcome("suppressed", self.transport_name)
                    continue
                messages[row.id] = _message(session, row, {})
            uow.commit()  # the claims
        sent = {outbound_id: self._attempt(message) for outbound_id, message in messages.items()}
        with self.uow() as uow:
            for row in repo.rows_by_ids(uow.session, repo.OutboundMessage, sent):
                self._record_outcome(uow.session, row, sent[row.id])
            uow.commit()
        logger.info("outbound sent together count=%s", len(sent))
        return {**outcomes, **sent}

    def _plain(self, row: repo.OutboundMessage) -> bool:
        """A row `_send_together` may send: queued, one message, nothing of its own."""
        return (row.status == "queued" and row.sequence_key is None
                and parse_part_key(row.idempotency_key) is None
                and row.kind not in self.deliveries and row.channel not in self.details
                and row.channel not in SCHEDULED_RETRY_SECONDS)

    def _send_one(self, outbound_id: int) -> int | None:
        """Send one row if we can claim it; return the id of the row to send next (the
        message's next part, or its sequence's next queued row)."""
        with self.uow() as uow:
            next_id, message = self._claim(uow.session, outbound_id)
            uow.commit()  # the claim (and a row suppressed or superseded instead of sent)
        if message is not None:
            self._deliver(outbound_id, message)
        return next_id

    def _claim(
        self, session: Session, outbound_id: int
    ) -> tuple[int | None, OutboundMessage | None]:
        """Claim the row and build its message (None: not ours to send now), with the id
        of the row to send next."""
        row = repo.get_outbound(session, outbound_id)
        if row is None:
            return None, None
        if row.sequence_key is not None:
            queued = repo.queued_in_sequence(session, row.sequence_key)
            if queued and queued[0] < row.id:
                return queued[0], None  # an earlier row of the sequence still waits: it first
            next_id = next((later for later in queued if later > row.id), None)
        else:
            next_id = _next_part_id(session, row)
        if not repo.claim_outbound(session, outbound_id, self.clock()):  # `row` updated
            logger.info("outbound not queued, nothing to do outbound_id=%s", outbound_id)
            return next_id, None
        number = _phone_number(row)
        if number is not None and repo.opted_out_numbers(session, [number]):
            _suppress_opted_out(row)
            return next_id, None
        prepared = self._prepare(session, row)
        if prepared is None:
            return next_id, None
        return next_id, _message(session, row, {**self._details(session, row), **prepared})

    def _details(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any]:
        details = self.details.get(row.channel)
        return details(session, row) if details is not None else {}

    def _prepare(self, session: Session, row: repo.OutboundMessage) -> dict[str, Any] | None:
        """The kind's own metadata; None (and the row superseded) if it is not to go."""
        delivery = self.deliveries.get(row.kind)
        if delivery is None:
            return {}
        prepared = delivery.prepare(session, row)
        if prepared is None:
            row.status, row.updated_at = "superseded", self.clock()
            delivery.finished(session, row)
            logger.info("outbound superseded outbound_id=%s", row.id)
        return prepared

    def _deliver(self, outbound_id: int, message: OutboundMessage) -> None:
        outcome = self._attempt(message)
        attempts = self._finish(outbound_id, outcome)
        if outcome.unavailable is not None:
            if message.channel not in SCHEDULED_RETRY_SECONDS:
                raise outcome.unavailable
            self._schedule_retry(outbound_id, message.channel, attempts, outcome.unavailable)

    def _attempt(self, message: OutboundMessage) -> _Outcome:
        """Hand `message` to its channel's transport; what came of it."""
        transport = self.transports.get(message.channel)
        if transport is None:
            return _Outcome("failed", self.transport_name,
                            error=("no_transport", "no transport for channel"))
        # Channels may go through different providers (Twilio, Meta, dry run).
        used = str(getattr(transport, "name", self.transport_name))
        try:
            result = transport.send(message)
        except ChannelRejected as error:
            return _Outcome("failed", used, error=(error.code, str(error)))
        except DeliveryUnknown as error:
            return _Outcome("unknown", used, error=(error.code, str(error)))
        except ChannelUnavailable as error:
            return _Outcome("queued", used, error=(error.code, str(error)), unavailable=error)
        return _Outcome(result.status, used, provider_id=result.provider_message_id)

    def _finish(self, outbound_id: int, outcome: _Outcome) -> int | None:
        """Record the send's outcome; the row's attempts if it waits for a retry."""
        with self.uow() as uow:
            row = repo.get_outbound(uow.session, outbound_id)
            assert row is not None
            waiting = self._record_outcome(uow.session, row, outcome)
            status = row.status
            uow.commit()
        logger.info("outbound %s outbound_id=%s", status, outbound_id)
        return waiting

    def _record_outcome(
        self, session: Session, row: repo.OutboundMessage, outcome: _Outcome
    ) -> int | None:
        """Write a send's outcome on its row; the row's attempts if it waits for a retry."""
        now = self.clock()
        row.status = outcome.status
        row.updated_at = now
        row.transport = outcome.transport
        if outcome.provider_id:
            row.provider_message_id = outcome.provider_id
            row.sent_at = now
        if outcome.error:
            row.error_code, row.error_message = outcome.error[0], outcome.error[1][:500]
        delivery = self.deliveries.get(row.kind)
        limit = delivery.max_attempts if delivery is not None else _max_attempts(row)
        if row.status == "queued" and limit is not None and row.attempts >= limit:
            row.status = "failed"
        if delivery is not None:
            delivery.finished(session, row)
        return row.attempts if row.status == "queued" else None

    def _schedule_retry(
        self, outbound_id: int, channel: str, attempts: int | None, error: ChannelUnavailable
    ) -> None:
        """Send again after the provider's Retry-After, else the channel's next interval;
        stop this job (and its sequence) here either way, so nothing overtakes the row."""
        if attempts is not None:
            intervals = SCHEDULED_RETRY_SECONDS[channel]
            delay = (min(max(error.retry_after, 1.0), RETRY_AFTER_MAX_SECONDS)
                     if error.retry_after else intervals[min(attempts, len(intervals)) - 1])
            with self.uow() as uow:
                row = repo.get_outbound(uow.session, outbound_id)
                assert row is not None
                uow.enqueue(replace(retry_job(row), at=self.clock() + timedelta(seconds=delay)))
                uow.commit()
            logger.warning("outbound unavailable, retrying outbound_id=%s in=%ss code=%s",
                           outbound_id, delay, error.code)
        raise _RetryScheduled

    def status_changed(self, session: Session, row: repo.OutboundMessage) -> None:
        """Tell the row's kind that its status changed outside a send (the sweeper)."""
        delivery = self.deliveries.get(row.kind)
        if delivery is not None:
            delivery.finished(session, row)

    def record_delivery(self, provider_id: str, status: str, error_code: str | None) -> bool:
        """Apply a provider delivery callback; False if the message is not ours."""
        with self.uow() as uow:
            row = repo.outbound_by_provider_id(uow.session, provider_id)
            if row is None:
                return False
            if _is_progress(row.status, status):
                row.status = status
                row.updated_at = self.clock()
                if error_code:
                    row.error_code = error_code
                uow.commit()
            return True


def send_job(outbound_id: int, priority: str, channel: str | None = None) -> JobRequest:
    """The job that sends row `outbound_id`, on the queue named by its priority."""
    return JobRequest(
        func=job_names.SEND_OUTBOUND,
        args=(outbound_id,),
        job_id=f"send-{outbound_id}",
        queue=priority,
        retry=() if channel in SCHEDULED_RETRY_SECONDS else SEND_RETRY_SECONDS,
    )


def job_for(row: repo.OutboundMessage) -> JobRequest:
    """The send job of `row`."""
    return send_job(row.id, row.priority, row.channel)


def retry_job(row: repo.OutboundMessage) -> JobRequest:
    """The retry the outbox schedules for `row` after its latest attempt (an id of its own:
    the job that failed is still running when it is enqueued)."""
    return replace(job_for(row), job_id=f"send-{row.id}-r{row.attempts}")


def _max_attempts(row: repo.OutboundMessage) -> int:
    """Attempts before a row is failed: one more than its retries for a channel whose
    retries the outbox schedules, else `MAX_SEND_ATTEMPTS`."""
    intervals = SCHEDULED_RETRY_SECONDS.get(row.channel)
    return len(intervals) + 1 if intervals is not None else MAX_SEND_ATTEMPTS


def _next_part_id(session: Session, row: repo.OutboundMessage) -> int | None:
    """The row holding the next part of the same message, if this row is a part."""
    part = parse_part_key(row.idempotency_key)
    if part is None:
        return None
    following = repo.outbound_by_key(session, part_key(part[0], part[1] + 1))
    return following.id if following is not None else None


def _phone_number(row: repo.OutboundMessage) -> str | None:
    """The resident's number a text goes to (STOP applies to it); None for other channels."""
    if row.channel not in ("sms", "whatsapp"):
        return None
    return row.recipient.removeprefix("whatsapp:")


def _suppress_opted_out(row: repo.OutboundMessage) -> None:
    """A claimed row whose recipient sent STOP after it was queued: not sent, ever."""
    row.status, row.error_message = "suppressed", "recipient opted out (STOP)"


def _message(
    session: Session, row: repo.OutboundMessage, metadata: dict[str, Any]
) -> OutboundMessage:
    """What the transport is handed for `row`: its words, and where and how it goes."""
    return OutboundMessage(
        channel=row.channel,  # type: ignore[arg-type]
        recipient=row.recipient,
        body=row.body,
        idempotency_key=row.idempotency_key,
        metadata={**send_context(session, row.channel, row.recipient, row.kind), **metadata},
    )


def _is_progress(current: str, new: str) -> bool:
    """Callbacks arrive out of order; only move forwards (or to a final failure)."""
    if new in FINAL_FAILURES:
        return current not in FINAL_FAILURES
    if new not in DELIVERY_ORDER:
        return False
    if current not in DELIVERY_ORDER:
        return False
    return DELIVERY_ORDER.index(new) > DELIVERY_ORDER.index(current)


def queue_staff_notice(
    outbox: Outbox, session: Session, notice: Any, key_prefix: str, kind: str, channel: str
) -> list[JobRequest]:
    """A reminder or breach notice to staff on Slack, as an outbox row whose id is kept on the
    notice (`notice` has `id`, `text` and `outbound_id`); returns its send job, to enqueue
    after commit."""
    outbound_id, job = outbox.queue(session, NewMessage(
        key=f"{key_prefix}-{notice.id}", kind=kind, channel="slack", recipient=channel,
        body=notice.text, priority=SLACK_QUEUE))
    notice.outbound_id = outbound_id
    return [job] if job else []


def queue_pending_notices(
    outbox: Outbox, session: Session, model: Any, key_prefix: str, kind: str, channel: str,
    limit: int = 200,
) -> list[JobRequest]:
    """Every notice of `model` (a notices table: `status`, `outbound_id`) made but not yet
    queued in the outbox, queued now with `queue_staff_notice`; their send jobs."""
    jobs: list[JobRequest] = []
    for notice in session.scalars(select(model).where(
            model.status == "pending", model.outbound_id.is_(None)).limit(limit)):
        jobs.extend(queue_staff_notice(outbox, session, notice, key_prefix, kind, channel))
    return jobs


def notice_finder(model: Any) -> Callable[[Session, int], NoticeRecord | None]:
    """How a `NoticeDelivery` finds the notice of `model` that outbox row id sends."""

    def find(session: Session, outbound_id: int) -> NoticeRecord | None:
        return session.scalar(select(model).where(model.outbound_id == outbound_id))

    return find
