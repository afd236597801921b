"""Email in (over Microsoft Graph or EWS): messages are stored, fetched, then received.

Both backends feed the same rows: Graph's webhook and catch-up poll, and the EWS folder
sync (services.email.ews_sync), store each message's provider id; the fetch job asks the
configured `MailSource` for the message, parsed by the same rules either way.

The webhook stores each notified message id (a durable row, unique on Graph's id) and
only then enqueues its fetch job, so Graph's duplicate notifications, a Redis outage or
a lost job never lose an email: the sweeper re-enqueues rows still pending, and the
catch-up poll lists the inbox for messages whose notification never came. A fetch that
keeps failing is handed to a person (`needs_attention`), never dropped.

Mail that is not a resident writing to us (our own, auto-replies, bounces) is recorded on
its row as `ignored` with the reason, and not routed: an out-of-office answering our
acknowledgement would otherwise become a contact that we acknowledge again, a mail loop,
and a bounce is not a request for help. The row keeps it auditable.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from channels.base import ChannelRejected, ChannelUnavailable, DeliveryUnknown, PayloadInvalid
from channels.graph_api import GraphApi
from channels.graph_mail import (
    ATTACHMENTS_EXPAND,
    MESSAGE_SELECT,
    Notification,
    is_graph_id,
    parse_message,
)
from channels.mail_rules import ParsedMail
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.services.contacts.inbound import InboundService
from contact_hub.storage.db import transaction
from contact_hub.storage.email import store as email_store

logger = logging.getLogger(__name__)

FETCH_RETRY_SECONDS = (10, 60, 300)
MAX_FETCH_ATTEMPTS = 6
BATCH = 200
CATCH_UP_EVERY = timedelta(minutes=5)
CATCH_UP_OVERLAP = timedelta(minutes=10)  # Graph's clock and indexing lag a little
FIRST_CATCH_UP = timedelta(days=1)
CATCH_UP_PAGES = 200  # of 50: 10,000 messages a tick at most
# More new messages than this at once is a backlog (after an outage): their fetches go on
# the `default` queue, so a mailbox backlog never delays an emergency on another channel.
BACKLOG_AT = 50


def fetch_job(row_id: int, queue: str = "critical") -> JobRequest:
    """Fetch a notified message. On `critical`: until it is read it may be an emergency.
    The row id is deterministic per message (unique) and safe in an RQ job id."""
    return JobRequest(
        func=job_names.FETCH_EMAIL,
        args=(row_id,),
        job_id=f"email-fetch-{row_id}",
        queue=queue,
        retry=FETCH_RETRY_SECONDS,
    )


class MailSource(Protocol):
    """Where messages are fetched from: Graph, or Exchange over EWS."""

    @property
    def mailbox(self) -> str:
        """The shared mailbox's address."""
        ...

    def fetch(self, provider_id: str, now: datetime) -> ParsedMail:
        """The message with this provider id, parsed and classified."""
        ...


@dataclass(frozen=True)
class GraphMailbox:
    """The Graph client and the mailbox it reads (None when email is not configured)."""

    api: GraphApi
    mailbox: str

    def fetch(self, provider_id: str, now: datetime) -> ParsedMail:
        """A message from Graph, parsed (mail rules shared with EWS)."""
        payload = self.api.get_message(provider_id, MESSAGE_SELECT, ATTACHMENTS_EXPAND)
        return parse_message(payload, self.mailbox, self.api.messages_url, now)


class EmailIntake:
    """Stores notified inbox messages and turns them into contacts."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        inbound: InboundService,
        source: MailSource | None,
        clock: Clock,
        stale_after: timedelta,
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.inbound = inbound
        self.source = source
        self.graph = source if isinstance(source, GraphMailbox) else None  # catch-up poll
        self.clock = clock
        self.stale_after = stale_after

    # --- in the webhook -----------------------------------------------------------------

    def accept(self, notifications: Sequence[Notification]) -> int:
        """Store each message not seen before, then enqueue its fetch; return how many."""
        return self.record([n.message_id for n in notifications], "notification")

    def record(self, provider_ids: Sequence[str], source: str) -> int:
        """Store each message id not seen before (committed), then enqueue its fetch."""
        with transaction(self.sessions) as session:
            created = email_store.record_messages(session, provider_ids, source, self.clock())
        queue = "default" if len(created) > BACKLOG_AT else "critical"
        self.dispatcher.enqueue_all(
            replace(fetch_job(row_id, queue), fresh=True) for row_id in created
        )
        if created:
            logger.info("email notified source=%s new=%s", source, len(created))
        return len(created)

    # --- in the worker ------------------------------------------------------------------

    def fetch(self, row_id: int) -> None:
        """Fetch one notified message and receive it (or record why not). Safe to rerun.

        Raises:
            ChannelUnavailable: Graph is down or rate limiting; RQ retries later.
        """
        with transaction(self.sessions) as session:
            row = email_store.get_notification(session, row_id)
            if row is None or row.status != "pending":
                return
            graph_id = row.graph_message_id
        try:
            self._fetch_and_receive(row_id, graph_id)
        except (ChannelRejected, DeliveryUnknown, PayloadInvalid) as error:
            self._failed(row_id, error, final=True)  # retrying cannot help: a person looks
        except Exception as error:
            # Graph down or rate limiting (or anything unforeseen): count it, let RQ retry,
            # and after MAX_FETCH_ATTEMPTS hand it to a person rather than loop for ever.
            self._failed(row_id, error, final=False)
            raise

    def _fetch_and_receive(self, row_id: int, graph_id: str) -> None:
        parsed = self._fetch(graph_id)
        message = parsed.message
        if parsed.ignored:
            self._finish(row_id, "ignored", parsed.ignored, message.provider_message_id)
            return
        intake = self.inbound.receive(message, answer_inline=False)
        self._finish(row_id, "received", None, message.provider_message_id, intake.contact_id)

    def _fetch(self, provider_id: str) -> ParsedMail:
        if self.source is None:
            raise ChannelUnavailable("email is not configured in this process")
        return self.source.fetch(provider_id, self.clock())

    def _finish(
        self,
        row_id: int,
        status: str,
        outcome: str | None,
        internet_message_id: str,
        contact_id: int | None = None,
    ) -> None:
        with transaction(self.sessions) as session:
            row = email_store.get_notification(session, row_id)
            assert row is not None
            row.status, row.outcome, row.updated_at = status, outcome, self.clock()
            row.internet_message_id = internet_message_id[:320]
            row.contact_id = contact_id
        logger.info("email %s row_id=%s contact_id=%s", outcome or status, row_id, contact_id)

    def _failed(self, row_id: int, error: Exception, *, final: bool) -> None:
        with transaction(self.sessions) as session:
            row = email_store.get_notification(session, row_id)
            assert row is not None
            row.attempts += 1
            row.outcome = f"{type(error).__name__}: {error}"[:200]
            row.updated_at = self.clock()
            if final or row.attempts >= MAX_FETCH_ATTEMPTS:
                row.status = "needs_attention"
                logger.error("email fetch needs attention row_id=%s", row_id)
            else:
                logger.warning("email fetch failed, will retry row_id=%s", row_id)

    # --- periodic -----------------------------------------------------------------------

    def sweep(self) -> int:
        """Re-enqueue fetches that a lost job or a Redis outage left pending."""
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            before = self.clock() - self.stale_after
            for row in email_store.stale_pending(session, before, BATCH):
                job = fetch_job(row.id)
                if self.dispatcher.is_pending(job.job_id):
                    continue
                if row.attempts >= MAX_FETCH_ATTEMPTS:
                    row.status = "needs_attention"
                    logger.error("email fetch needs attention row_id=%s", row.id)
                    continue
                row.updated_at = self.clock()
                jobs.append(job)
        self.dispatcher.enqueue_all(jobs)
        if jobs:
            logger.warning("email sweep re-enqueued fetches count=%s", len(jobs))
        return len(jobs)

    def catch_up(self, max_pages: int = CATCH_UP_PAGES) -> int:
        """List the inbox since the last poll and store what no notification told us of,
        a page at a time (rows, then how far we got); a backlog longer than `max_pages`
        carries on at the next tick instead of waiting for the next poll."""
        if self.graph is None:
            return 0
        now = self.clock()
        with transaction(self.sessions) as session:
            state = email_store.mailbox_state(session, self.graph.mailbox)
            if state.last_polled_at is not None and now - state.last_polled_at < CATCH_UP_EVERY:
                return 0
            since = (state.last_received_at or now - FIRST_CATCH_UP) - CATCH_UP_OVERLAP
        created, pages = 0, 0
        for page in self.graph.api.inbox_pages(since, max_pages):
            pages += 1
            created += self.record(
                [item["id"] for item in page if is_graph_id(item.get("id"))], "catch_up"
            )
            self._caught_up_to(max(filter(None, map(_received, page)), default=None))
        if pages < max_pages:  # reached the end: the next poll waits CATCH_UP_EVERY
            with transaction(self.sessions) as session:
                email_store.mailbox_state(session, self.graph.mailbox).last_polled_at = now
        if created:
            logger.warning("email catch-up found unnotified messages count=%s", created)
        return created

    def _caught_up_to(self, newest: datetime | None) -> None:
        if newest is None or self.graph is None:
            return
        with transaction(self.sessions) as session:
            state = email_store.mailbox_state(session, self.graph.mailbox)
            if (state.last_received_at or newest) <= newest:
                state.last_received_at = newest


def _received(item: dict[str, object]) -> datetime | None:
    value = item.get("receivedDateTime")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
