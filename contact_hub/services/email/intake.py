"""Email in over Microsoft Graph: notified messages are stored, fetched, then received.

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

from sqlalchemy.orm import Session, sessionmaker

from channels.base import ChannelRejected, ChannelUnavailable, DeliveryUnknown, PayloadInvalid
from channels.graph_api import GraphApi
from channels.graph_mail import (
    ATTACHMENTS_EXPAND,
    MESSAGE_SELECT,
    Notification,
    ParsedMail,
    is_graph_id,
    parse_message,
)
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


def fetch_job(row_id: int) -> JobRequest:
    """Fetch a notified message. On `critical`: until it is read it may be an emergency.
    The row id is deterministic per Graph message (unique) and safe in an RQ job id."""
    return JobRequest(
        func=job_names.FETCH_EMAIL,
        args=(row_id,),
        job_id=f"email-fetch-{row_id}",
        queue="critical",
        retry=FETCH_RETRY_SECONDS,
    )


@dataclass(frozen=True)
class GraphMailbox:
    """The Graph client and the mailbox it reads (None when email is not configured)."""

    api: GraphApi
    mailbox: str


class EmailIntake:
    """Stores notified inbox messages and turns them into contacts."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        inbound: InboundService,
        graph: GraphMailbox | None,
        clock: Clock,
        stale_after: timedelta,
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.inbound = inbound
        self.graph = graph
        self.clock = clock
        self.stale_after = stale_after

    # --- in the webhook -----------------------------------------------------------------

    def accept(self, notifications: Sequence[Notification]) -> int:
        """Store each message not seen before, then enqueue its fetch; return how many."""
        return self._record([n.message_id for n in notifications], "notification")

    def _record(self, graph_ids: Sequence[str], source: str) -> int:
        with transaction(self.sessions) as session:
            created = email_store.record_messages(session, graph_ids, source, self.clock())
        self.dispatcher.enqueue_all(
            replace(fetch_job(row_id), fresh=True) for row_id in created
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

    def _fetch(self, graph_id: str) -> ParsedMail:
        if self.graph is None:
            raise ChannelUnavailable("email over Graph is not configured in this process")
        api = self.graph.api
        payload = api.get_message(graph_id, MESSAGE_SELECT, ATTACHMENTS_EXPAND)
        return parse_message(payload, self.graph.mailbox, api.messages_url, self.clock())

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

    def catch_up(self) -> int:
        """List the inbox since the last poll and store what no notification told us of."""
        if self.graph is None:
            return 0
        now = self.clock()
        with transaction(self.sessions) as session:
            state = email_store.mailbox_state(session, self.graph.mailbox)
            if state.last_polled_at is not None and now - state.last_polled_at < CATCH_UP_EVERY:
                return 0
            since = (state.last_received_at or now - FIRST_CATCH_UP) - CATCH_UP_OVERLAP
        found = self.graph.api.inbox_since(since)
        ids = [item["id"] for item in found if is_graph_id(item.get("id"))]
        created = self._record(ids, "catch_up")
        stamps = [stamp for stamp in map(_received, found) if stamp is not None]
        newest = max(stamps, default=None)
        with transaction(self.sessions) as session:
            state = email_store.mailbox_state(session, self.graph.mailbox)
            state.last_polled_at = now
            if newest is not None and (state.last_received_at or newest) <= newest:
                state.last_received_at = newest
        if created:
            logger.warning("email catch-up found unnotified messages count=%s", created)
        return created


def _received(item: dict[str, object]) -> datetime | None:
    value = item.get("receivedDateTime")
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
