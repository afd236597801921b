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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

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
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.inbound import InboundService
from contact_hub.services.email.waits import RETRY_AFTER_BOUNDS as RETRY_AFTER_BOUNDS
from contact_hub.services.email.waits import ProviderWaits, bounded
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.email import store as email_store
from contact_hub.storage.email.models import EmailNotification

logger = logging.getLogger(__name__)

FETCH_RETRY_SECONDS = (10, 60, 300)
MAX_FETCH_ATTEMPTS = 6
BATCH = 200
# Messages are fetched and stored a page at a time: one GetItem (EWS) and one database
# transaction per page. A page is a block of PAGE consecutive row ids, so any process can
# name the page job a row belongs to (the sweeper asks whether it is still queued).
PAGE = 50
CATCH_UP_EVERY = timedelta(minutes=5)
CATCH_UP_OVERLAP = timedelta(minutes=10)  # Graph's clock and indexing lag a little
FIRST_CATCH_UP = timedelta(days=1)
CATCH_UP_PAGES = 200  # of 50: 10,000 messages a tick at most
CATCH_UP_TASK = "graph-catch-up"  # its provider wait's name
# More new messages than this at once is a backlog (after an outage): their fetches go on
# the `default` queue, so a mailbox backlog never delays an emergency on another channel.
BACKLOG_AT = 50
_FINAL = (ChannelRejected, DeliveryUnknown, PayloadInvalid)  # retrying cannot help

Fetched = ParsedMail | Exception


class NotificationStatus(StrEnum):
    """Where a notified message stands (its own statuses, not a contact's)."""

    PENDING = "pending"  # to be fetched
    RECEIVED = "received"  # a contact was made (or it was one already stored)
    IGNORED = "ignored"  # not a resident writing to us; `outcome` says why
    NEEDS_ATTENTION = "needs_attention"  # fetching kept failing: a person looks


def page_of(row_id: int) -> int:
    """The page (block of PAGE row ids) a stored message belongs to."""
    return row_id // PAGE


def page_job(page: int, queue: str = "critical") -> JobRequest:
    """Fetch and store a page of notified messages. On `critical` unless it is a backlog:
    until a message is read it may be an emergency."""
    return JobRequest(
        func=job_names.FETCH_EMAIL_PAGE,
        args=(page,),
        job_id=f"email-page-{page}",
        queue=queue,
        retry=FETCH_RETRY_SECONDS,
    )


def fetch_job(row_id: int, queue: str = "critical") -> JobRequest:
    """Fetch one notified message (the job before pages; kept for jobs already queued)."""
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

    def fetch_many(self, provider_ids: Sequence[str], now: datetime) -> Mapping[str, Fetched]:
        """Each message parsed and classified, or the error for that one message.

        Raises:
            ChannelUnavailable: the provider could not be asked at all.
        """
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

    def fetch_many(self, provider_ids: Sequence[str], now: datetime) -> dict[str, Fetched]:
        """Each message in turn; once Graph is unavailable (throttling, down) the rest of
        the page is not asked for, and carries the same error."""
        found: dict[str, Fetched] = {}
        for provider_id in provider_ids:
            try:
                found[provider_id] = self.fetch(provider_id, now)
            except ChannelUnavailable as error:
                if not found:
                    raise
                found.update({p: error for p in provider_ids if p not in found})
                break
            except (ChannelRejected, DeliveryUnknown, PayloadInvalid) as error:
                found[provider_id] = error
        return found


class EmailIntake:
    """Stores notified inbox messages and turns them into contacts."""

    def __init__(
        self,
        uow: UnitsOfWork,
        inbound: InboundService,
        source: MailSource | None,
        clock: Clock,
        stale_after: timedelta,
        waits: ProviderWaits,
    ) -> None:
        self.uow = uow
        self.inbound = inbound
        self.source = source
        self.graph = source if isinstance(source, GraphMailbox) else None  # catch-up poll
        self.clock = clock
        self.stale_after = stale_after
        self.waits = waits  # the catch-up poll's Retry-After

    # --- in the webhook -----------------------------------------------------------------

    def accept(self, notifications: Sequence[Notification]) -> int:
        """Store each message not seen before, then enqueue its fetch; return how many."""
        return self.record([n.message_id for n in notifications], "notification")

    def record(self, provider_ids: Sequence[str], source: str) -> int:
        """Store each message id not seen before (committed), then enqueue the jobs that
        fetch them, a page each."""
        with self.uow() as uow:
            created = email_store.record_messages(uow.session, provider_ids, source, self.clock())
            queue = "default" if len(created) > BACKLOG_AT else "critical"
            pages = sorted({page_of(row_id) for row_id in created})
            uow.enqueue_all(replace(page_job(page, queue), fresh=True) for page in pages)
            uow.commit()
        if created:
            logger.info("email notified source=%s new=%s", source, len(created))
        return len(created)

    # --- in the worker ------------------------------------------------------------------

    def fetch_page(self, page: int) -> None:
        """The page job: take in the page's pending messages. When the provider asked us
        to wait (Retry-After, ErrorServerBusy's back-off), the retry is scheduled after
        that wait (bounded) rather than on RQ's fixed intervals."""
        try:
            self.take_in_page(page)
        except ChannelUnavailable as error:
            if error.retry_after is None:
                raise  # RQ retries on FETCH_RETRY_SECONDS
            delay = bounded(error.retry_after)
            at = self.clock() + timedelta(seconds=delay)
            # An id of its own per wait: this job (still running) may be such a retry.
            retry = replace(page_job(page, "default"), at=at, retry=(),
                            job_id=f"email-page-{page}-at-{int(at.timestamp())}")
            self.uow.dispatcher.enqueue_all([retry])  # nothing to commit: enqueued now
            logger.warning("email page throttled page=%s retry_in=%ss code=%s",
                           page, delay, error.code)

    def take_in_page(self, page: int) -> None:
        """Fetch the page's pending messages at once and store them in one transaction.

        Raises:
            ChannelUnavailable: some message could not be fetched yet; it stays pending.
        """
        with self.uow() as uow:
            rows = email_store.pending_in(uow.session, page * PAGE, page * PAGE + PAGE - 1)
        self._take_in(rows)

    def fetch(self, row_id: int) -> None:
        """Fetch one notified message and receive it (or record why not). Safe to rerun.

        Raises:
            ChannelUnavailable: Graph or Exchange is down or throttling; RQ retries later.
        """
        with self.uow() as uow:
            row = email_store.get_notification(uow.session, row_id)
            if row is None or row.status != NotificationStatus.PENDING:
                return
            rows = [(row.id, row.graph_message_id)]
        self._take_in(rows)

    def _take_in(self, rows: Sequence[tuple[int, str]]) -> None:
        """Fetch these messages, then store them: the page in one transaction, or, if
        that fails, each message in its own (a poison message never loses the page)."""
        if not rows:
            return
        fetched = self._fetch_all(rows)
        try:
            outcomes = [self._store(fetched)]
        except Exception as error:  # one message's storing failed: isolate it
            logger.warning("email page not stored whole, storing one by one count=%s "
                           "error=%s", len(fetched), type(error).__name__)
            outcomes = [self._store_alone(row_id, found) for row_id, found in fetched.items()]
        retry = next((e for e, _ in outcomes if e is not None), None)
        if retry is not None:
            raise retry

    def _fetch_all(self, rows: Sequence[tuple[int, str]]) -> dict[int, Fetched]:
        """Each row's message or its error; if nothing could be fetched, every row counts
        the attempt and the provider's error is raised."""
        if self.source is None:
            error: Exception = ChannelUnavailable("email is not configured in this process")
            self._failed_all(rows, error)
            raise error
        try:
            found = self.source.fetch_many([provider_id for _, provider_id in rows],
                                           self.clock())
        except Exception as error:
            self._failed_all(rows, error)
            raise
        return {row_id: found.get(provider_id) or ChannelUnavailable("not fetched")
                for row_id, provider_id in rows}

    def _store(self, fetched: Mapping[int, Fetched]) -> tuple[Exception | None, int]:
        """Store the fetched messages (and the errors of those that failed) in one
        unit of work, whose jobs (each contact's routing) are enqueued only once it commits:
        a page that rolls back enqueues nothing. Returns an error worth retrying the page
        for (None if none), and how many contacts were made."""
        retry: Exception | None = None
        made = 0
        with self.uow() as uow:
            rows = email_store.lock_pending(uow.session, list(fetched))
            stored = email_store.email_contacts_by_message_id(uow.session, [
                found.message.provider_message_id for found in fetched.values()
                if not isinstance(found, Exception)])
            for row in rows:
                found = fetched[row.id]
                if isinstance(found, Exception):
                    if self._count_failure(row, found) and retry is None:
                        retry = found
                    continue
                mail_id = found.message.provider_message_id
                if found.ignored:
                    self._settle(row, NotificationStatus.IGNORED, found.ignored, mail_id)
                    continue
                if mail_id in stored:  # the same mail seen twice
                    self._settle(row, NotificationStatus.RECEIVED, None, mail_id,
                                 stored[mail_id][0])
                    continue
                intake = self.inbound.receive_in(uow, found.message)
                stored[mail_id] = (intake.contact_id or 0, "")
                self._settle(row, NotificationStatus.RECEIVED, None, mail_id, intake.contact_id)
                made += 1
            uow.commit()
        if made:
            logger.info("email stored contacts=%s", made)
        return retry, made

    def _store_alone(self, row_id: int, found: Fetched) -> tuple[Exception | None, int]:
        try:
            return self._store({row_id: found})
        except Exception as error:  # this message is the poison: count it, keep the rest
            logger.exception("email not stored row_id=%s", row_id)
            with self.uow.transaction() as uow:
                for row in email_store.lock_pending(uow.session, [row_id]):
                    if self._count_failure(row, error):
                        return error, 0
            return None, 0

    def _settle(
        self,
        row: EmailNotification,
        status: NotificationStatus,
        outcome: str | None,
        internet_message_id: str,
        contact_id: int | None = None,
    ) -> None:
        row.status, row.outcome, row.updated_at = status, outcome, self.clock()
        row.internet_message_id = internet_message_id[:320]
        row.contact_id = contact_id
        logger.info("email %s row_id=%s contact_id=%s", outcome or status, row.id, contact_id)

    def _count_failure(self, row: EmailNotification, error: Exception) -> bool:
        """Count a failed try at a row; True if it stays pending to be tried again. A
        provider's Retry-After moves the row's `updated_at` on, so the sweeper waits too."""
        final = isinstance(error, _FINAL)
        row.attempts += 1
        row.outcome = f"{type(error).__name__}: {error}"[:200]
        wait = getattr(error, "retry_after", None)
        row.updated_at = self.clock() + timedelta(seconds=bounded(wait) if wait else 0)
        if final or row.attempts >= MAX_FETCH_ATTEMPTS:
            row.status = NotificationStatus.NEEDS_ATTENTION
            logger.error("email fetch needs attention row_id=%s", row.id)
            return False
        logger.warning("email fetch failed, will retry row_id=%s", row.id)
        return True

    def _failed_all(self, rows: Sequence[tuple[int, str]], error: Exception) -> None:
        with self.uow.transaction() as uow:
            for row in email_store.lock_pending(uow.session, [row_id for row_id, _ in rows]):
                self._count_failure(row, error)

    # --- periodic -----------------------------------------------------------------------

    def sweep(self) -> int:
        """Re-enqueue the pages of fetches that a lost job or a Redis outage left pending."""
        jobs: dict[int, JobRequest] = {}
        with self.uow() as uow:
            before = self.clock() - self.stale_after
            for row in email_store.stale_pending(uow.session, before, BATCH):
                job = page_job(page_of(row.id))
                if self.uow.dispatcher.is_pending(job.job_id):
                    continue
                if row.attempts >= MAX_FETCH_ATTEMPTS:
                    row.status = NotificationStatus.NEEDS_ATTENTION
                    logger.error("email fetch needs attention row_id=%s", row.id)
                    continue
                row.updated_at = self.clock()
                jobs[page_of(row.id)] = job
            uow.enqueue_all(jobs.values())
            uow.commit()
        if jobs:
            logger.warning("email sweep re-enqueued fetches pages=%s", len(jobs))
        return len(jobs)

    def catch_up(self, max_pages: int = CATCH_UP_PAGES) -> int:
        """List the inbox since the last poll and store what no notification told us of,
        a page at a time (rows, then how far we got); a backlog longer than `max_pages`
        carries on at the next tick instead of waiting for the next poll. Throttled, it
        asks again only after Graph's Retry-After (bounded), on every worker."""
        if self.graph is None or self.waits.waiting(CATCH_UP_TASK):
            return 0
        try:
            return self._catch_up(self.graph, max_pages)
        except ChannelUnavailable as error:
            self.waits.honour(CATCH_UP_TASK, error)
            raise

    def _catch_up(self, graph: GraphMailbox, max_pages: int) -> int:
        now = self.clock()
        with self.uow.transaction() as uow:  # a first poll's state row is kept on return
            state = email_store.mailbox_state(uow.session, graph.mailbox)
            if state.last_polled_at is not None and now - state.last_polled_at < CATCH_UP_EVERY:
                return 0
            since = (state.last_received_at or now - FIRST_CATCH_UP) - CATCH_UP_OVERLAP
        created, pages = 0, 0
        for page in graph.api.inbox_pages(since, max_pages):
            pages += 1
            created += self.record(
                [item["id"] for item in page if is_graph_id(item.get("id"))], "catch_up"
            )
            self._caught_up_to(max(filter(None, map(_received, page)), default=None))
        if pages < max_pages:  # reached the end: the next poll waits CATCH_UP_EVERY
            with self.uow.transaction() as uow:
                email_store.mailbox_state(uow.session, graph.mailbox).last_polled_at = now
        if created:
            logger.warning("email catch-up found unnotified messages count=%s", created)
        return created

    def _caught_up_to(self, newest: datetime | None) -> None:
        if newest is None or self.graph is None:
            return
        with self.uow.transaction() as uow:
            state = email_store.mailbox_state(uow.session, self.graph.mailbox)
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
