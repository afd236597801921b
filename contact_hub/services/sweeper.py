"""The sweeper: finds work that a lost job or a Redis outage left behind, and re-enqueues it.

It only reads the database to decide, so it recovers everything the database knows:
contacts still `received`, outbox rows still `queued` (whose jobs are gone, or orphaned
by a worker that died: see queueing.py), Slack cards and staff notices among them. A row
left `sending` by a worker that died mid-send is settled with the provider where it can
say (Twilio SMS, the dry run): sent if the provider has it, else sent now, so it goes
exactly once. Where the provider cannot say (calls, Slack), it is marked `unknown` rather
than resent: it may already have gone out. The exception is an emergency page: a missed
page is worse than a duplicate one, so it is sent again (up to the attempt limit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from channels.base import Channel, ChannelError, OutboundMessage, Transport
from contact_hub.clock import Clock
from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.services.contacts.inbound import process_job
from contact_hub.services.outbox import MAX_SEND_ATTEMPTS, job_for, retry_job
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.storage import repository as repo

logger = logging.getLogger(__name__)

BATCH = 200
SENDING_GIVE_UP = timedelta(minutes=10)
# A send takes seconds (the Twilio client has a timeout); a page still `sending` after this
# was claimed by a worker that died, maybe before it reached Twilio.
PAGE_SENDING_GIVE_UP = timedelta(minutes=2)
PAGE_KIND = "alert_page"
# Kinds sent again when a dead worker left them `sending`: a page must not be lost, and a
# work order's receiver takes each idempotency key once (docs/repairs.md).
RESEND_KINDS = (PAGE_KIND, "work_order")
PROVIDER_CLOCK_GRACE = timedelta(minutes=5)
# Twilio usually transcribes a two-minute voicemail within a minute or two; after this the
# voicemail is routed without its transcript rather than wait for one that may never come.
TRANSCRIPT_WAIT = timedelta(minutes=5)


@dataclass(frozen=True)
class SweepReport:
    """What one sweep did (also logged, and useful in tests)."""

    contacts_requeued: int = 0
    contacts_needing_attention: int = 0
    outbound_requeued: int = 0
    outbound_unknown: int = 0
    voicemails_released: int = 0
    sends_settled: int = 0  # cut off mid-send: confirmed with the provider or sent again


class Sweeper:
    """Periodic recovery of stalled work."""

    def __init__(
        self,
        uow: UnitsOfWork,
        clock: Clock,
        stale_after: timedelta,
        max_attempts: int,
        transports: Mapping[str, Transport] | None = None,
        sending_after: timedelta | None = None,
        status_changed: Callable[[Session, repo.OutboundMessage], None] | None = None,
    ) -> None:
        self.uow = uow
        self.dispatcher = uow.dispatcher  # which jobs are still pending
        self.clock = clock
        self.stale_after = stale_after
        self.max_attempts = max_attempts
        self.transports = transports or {}
        # A live worker's send is over by then (the providers' clients have timeouts).
        self.sending_after = sending_after or stale_after
        # What a row's own record learns when the sweeper settles it (a notice's status).
        self.status_changed = status_changed or (lambda _session, _row: None)

    def sweep(self) -> SweepReport:
        """Re-enqueue stalled contacts and outbox rows; return what was done."""
        with self.uow() as uow:
            requeued, attention = self._contacts(uow)
            outbound = self._queued_outbound(uow)
            settled = self._cut_off_sends(uow)
            outbound += self._abandoned_pages(uow)
            unknown = self._abandoned_sends(uow.session)
            voicemails = self._voicemails_without_transcript(uow)
            uow.commit()
        report = SweepReport(requeued, attention, outbound, unknown, voicemails, settled)
        if report != SweepReport():
            logger.warning("sweep recovered work %s", report)
        return report

    def _contacts(self, uow: UnitOfWork) -> tuple[int, int]:
        requeued = attention = 0
        before = self.clock() - self.stale_after
        contacts = uow.contacts.stale_received(before, BATCH)
        # A contact waits on the job that owns it (its batch's), else on its own.
        owners = {c.id: c.routing_job or process_job(c.id).job_id for c in contacts}
        live = self.dispatcher.pending(set(owners.values()))
        for contact in contacts:
            if owners[contact.id] in live:
                continue
            job = process_job(contact.id)
            contact.routing_job = job.job_id  # its batch, if any, leaves it alone now
            contact.processing_attempts += 1
            if contact.processing_attempts > self.max_attempts:
                # Routing keeps failing: hand it to a person rather than retry forever.
                contact.status = ContactStatus.NEEDS_ATTENTION
                uow.contacts.add_event(contact.id, self.clock(), "needs_attention",
                                       {"attempts": contact.processing_attempts})
                logger.error("contact needs attention contact_id=%s", contact.id)
                attention += 1
                continue
            uow.enqueue(job)
            requeued += 1
        return requeued, attention

    def _voicemails_without_transcript(self, uow: UnitOfWork) -> int:
        before = self.clock() - TRANSCRIPT_WAIT
        contacts = uow.contacts.waiting_since(ContactStatus.AWAITING_TRANSCRIPT, before, BATCH)
        for contact in contacts:
            contact.status = ContactStatus.RECEIVED
            uow.contacts.add_event(contact.id, self.clock(), "transcript_timeout")
            uow.enqueue(process_job(contact.id))
        return len(contacts)

    def _queued_outbound(self, uow: UnitOfWork) -> int:
        session = uow.session
        requeued = 0
        before = self.clock() - self.stale_after
        rows = repo.stale_outbound(session, "queued", before, BATCH)
        # A row may wait on its send job or on a retry the outbox scheduled (Slack).
        live = self.dispatcher.pending(
            job.job_id for row in rows for job in (job_for(row), retry_job(row)))
        for row in rows:
            job = job_for(row)
            if job.job_id not in live and retry_job(row).job_id not in live:
                row.updated_at = self.clock()
                uow.enqueue(job)
                requeued += 1
        return requeued

    def _cut_off_sends(self, uow: UnitOfWork) -> int:
        """Rows a dead worker left `sending`, on a transport that can say whether it took
        them: confirmed as sent if it did, queued again if it did not."""
        session = uow.session
        settled = 0
        now = self.clock()
        for row in repo.stale_outbound(session, "sending", now - self.sending_after, BATCH):
            finder = getattr(self.transports.get(row.channel), "find_sent", None)
            if finder is None:
                continue  # the provider cannot say: the older rules below apply
            message = OutboundMessage(channel=Channel(row.channel), recipient=row.recipient,
                                      body=row.body, idempotency_key=row.idempotency_key)
            try:  # claimed at updated_at; a few minutes' grace for the provider's clock
                found = finder(message, row.updated_at - PROVIDER_CLOCK_GRACE)
            except ChannelError as error:
                logger.warning("cut-off send not settled yet outbound_id=%s code=%s",
                               row.id, error.code)
                continue
            row.updated_at = now
            if found is not None:
                row.status, row.provider_message_id = found.status, found.provider_message_id
                row.error_message = "worker stopped mid-send; the provider had it"
            else:
                row.status = "queued"
                row.error_message = "worker stopped before the provider had it; sent again"
                uow.enqueue(job_for(row))
            self.status_changed(session, row)
            logger.warning("cut-off send settled outbound_id=%s status=%s", row.id, row.status)
            settled += 1
        return settled

    def _abandoned_pages(self, uow: UnitOfWork) -> int:
        """Emergency pages and work orders left `sending` go out again rather than maybe
        never."""
        session = uow.session
        requeued = 0
        before = self.clock() - PAGE_SENDING_GIVE_UP
        rows = [row for kind in RESEND_KINDS
                for row in repo.stale_outbound(session, "sending", before, BATCH, kind=kind)]
        for row in rows:
            if row.attempts >= MAX_SEND_ATTEMPTS:
                continue  # it keeps killing its worker: left for _abandoned_sends
            row.status, row.updated_at = "queued", self.clock()
            row.error_message = "worker stopped during send; sent again"
            uow.enqueue(job_for(row))
            logger.error("%s abandoned mid-send, resending outbound_id=%s", row.kind, row.id)
            requeued += 1
        return requeued

    def _abandoned_sends(self, session: Session) -> int:
        before = self.clock() - SENDING_GIVE_UP
        rows = repo.stale_outbound(session, "sending", before, BATCH)
        for row in rows:
            row.status = "unknown"
            row.error_message = "worker stopped during send; delivery not confirmed"
            row.updated_at = self.clock()
            self.status_changed(session, row)
            logger.error("outbound delivery unknown outbound_id=%s", row.id)
        return len(rows)
