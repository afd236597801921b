"""Email over Exchange Web Services: the inbox sync and its state in the database, the
pull subscription, and what Exchange's faults and throttling do. exchangelib talks to the
local fake EWS server (tests/fakes/ews_server.py) unchanged; real Redis and database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rq.serializers import JSONSerializer
from sqlalchemy import select

from channels.base import Channel, ChannelUnavailable, InboundMessage
from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.queueing import ALL_QUEUES
from contact_hub.services.email.ews_sync import FOLDER
from contact_hub.services.email.intake import MAX_FETCH_ATTEMPTS, page_of
from contact_hub.storage import models
from contact_hub.storage.email.models import EmailFolderSync, EmailNotification
from contact_hub.worker import Worker
from tests.fakes.ews_server import EwsFailure, FakeEws
from tests.integration.email_backends import MAILBOX, EwsBackend, Mail, mime_of


def rows(container: Container) -> list[EmailNotification]:
    with container.sessions() as session:
        return list(session.scalars(select(EmailNotification).order_by(EmailNotification.id)))


def contacts(container: Container) -> list[models.Contact]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Contact).order_by(models.Contact.id)))


def outbound(container: Container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(
            select(models.OutboundMessage).order_by(models.OutboundMessage.id)))


def sync_row(container: Container) -> EmailFolderSync:
    with container.sessions() as session:
        found = session.get(EmailFolderSync, (MAILBOX, FOLDER))
        assert found is not None
        return found


def deliver(fake: FakeEws, clock, count: int, start: int = 0) -> list[str]:
    return [
        fake.deliver(mime_of(Mail(f"The communal door {n} is broken"), f"<door-{n}@example.com>"),
                     clock())
        for n in range(start, start + count)
    ]


def test_mail_that_arrived_while_we_were_down_is_taken_in_page_by_page_once(
    ews, fake, clock, settings
):
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.page_size = 3
    deliver(fake, clock, 7)  # arrived during an outage: no subscription told us

    assert ews.container.ews_sync.tick() == 7
    assert len(fake.operations("SyncFolderItems")) == 3  # pages of 3, 3 and 1
    assert sync_row(ews.container).sync_state and sync_row(ews.container).last_synced_at
    ews.run_jobs()
    assert len(contacts(ews.container)) == 7

    restarted = build(ews.settings(settings), clock=clock)  # a new process, same database
    try:
        assert restarted.ews_sync is not None
        assert restarted.ews_sync.sync() == 0  # resumes from the stored state
        deliver(fake, clock, 1, start=7)
        assert restarted.ews_sync.sync() == 1
    finally:
        restarted.close()
    assert len(rows(ews.container)) == 8


def test_a_crash_between_storing_a_page_and_saving_its_state_takes_nothing_twice(ews, fake, clock):
    deliver(fake, clock, 4)
    assert ews.container.ews_sync is not None
    # What a sync does before it saves the state; then the process dies.
    page = ews.container.ews_sync.mailbox.sync_page(None)
    ews.container.email.record([item_id for item_id, _ in page.created], "sync")

    assert ews.container.ews_sync.sync() == 0  # the same page again: the rows absorb it
    ews.run_jobs()
    assert len(rows(ews.container)) == 4 and len(contacts(ews.container)) == 4


def test_the_pull_subscription_prompts_a_sync_and_is_remade_when_it_expires(ews, fake, clock):
    sync = ews.container.ews_sync
    assert sync is not None and sync.tick in ews.container.periodic
    assert sync.tick() == 0  # subscribes, and the first sync finds an empty inbox
    assert len(fake.operations("Subscribe")) == 1

    clock.advance(minutes=1)
    assert sync.tick() == 0  # no new mail event: Exchange is not asked to sync
    assert len(fake.operations("SyncFolderItems")) == 1
    deliver(fake, clock, 1)
    assert sync.tick() == 1  # the NewMail event prompted the sync

    fake.subscriptions.clear()  # expired on the server
    deliver(fake, clock, 1, start=1)
    assert sync.tick() == 1
    assert len(fake.operations("Subscribe")) == 2


def test_the_first_sync_leaves_the_inbox_history_alone(ews, fake, clock):
    fake.deliver(mime_of(Mail("Old thread from last year"), "<old@example.com>"),
                 clock() - timedelta(days=300))
    deliver(fake, clock, 1)
    assert ews.container.ews_sync is not None
    assert ews.container.ews_sync.sync() == 1
    ews.run_jobs()
    [contact] = contacts(ews.container)
    assert contact.provider_message_id == "<door-0@example.com>"


def test_a_refused_sync_state_starts_a_new_sync_without_duplicates(ews, fake, clock):
    deliver(fake, clock, 2)
    sync = ews.container.ews_sync
    assert sync is not None and sync.sync() == 2
    clock.advance(minutes=10)
    deliver(fake, clock, 1, start=2)
    fake.fail_next(EwsFailure("ErrorInvalidSyncStateData", "SyncFolderItems", in_message=True))

    assert sync.sync() == 1  # synced again from scratch; the two known are not new
    assert len(rows(ews.container)) == 3


def test_a_busy_server_on_the_sync_tick_is_asked_again_only_after_its_back_off(
    ews, fake, clock
):
    sync = ews.container.ews_sync
    assert sync is not None
    assert sync.tick() == 0  # subscribed, and the inbox synced: empty
    deliver(fake, clock, 1)
    fake.fail_next(EwsFailure("ErrorServerBusy", "GetEvents", back_off_ms=300_000))
    with pytest.raises(ChannelUnavailable):  # the worker logs it; the back-off is kept
        sync.tick()

    clock.advance(seconds=299)
    assert sync.tick() == 0  # every tick until then leaves Exchange alone
    assert len(fake.operations("GetEvents")) == 1
    clock.advance(seconds=1)
    assert sync.tick() == 1
    assert len(rows(ews.container)) == 1


def test_server_busy_on_fetch_is_backed_off_in_place_or_retried_later(ews, fake, clock):
    [item_id] = deliver(fake, clock, 1)
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.sync()
    [row] = rows(ews.container)

    # A short back-off is honoured in place by exchangelib, then the request is repeated.
    fake.fail_next(EwsFailure("ErrorServerBusy", "GetItem", back_off_ms=100))
    ews.container.email.fetch(row.id)
    assert rows(ews.container)[0].status == "received"
    assert len(fake.operations("GetItem")) == 2

    # A back-off longer than we wait in a job: the job fails, RQ retries it later.
    deliver(fake, clock, 1, start=1)
    ews.container.ews_sync.sync()
    second = rows(ews.container)[1]
    fake.fail_next(EwsFailure("ErrorServerBusy", "GetItem", back_off_ms=600_000))
    with pytest.raises(ChannelUnavailable) as busy:
        ews.container.email.fetch(second.id)
    assert busy.value.retry_after == 600
    assert rows(ews.container)[1].status == "pending" and rows(ews.container)[1].attempts == 1
    ews.container.email.fetch(second.id)
    assert rows(ews.container)[1].status == "received"
    assert item_id


def test_soap_faults_are_retried_then_handed_to_a_person(ews, fake, clock):
    deliver(fake, clock, 1)
    assert ews.container.ews_sync is not None
    fake.fail_next(EwsFailure("ErrorInternalServerError", "SyncFolderItems"))
    with pytest.raises(ChannelUnavailable):
        ews.container.ews_sync.sync()
    assert rows(ews.container) == []  # nothing lost: the next tick syncs from the same state
    assert ews.container.ews_sync.sync() == 1

    [row] = rows(ews.container)
    fake.fail_next(EwsFailure("ErrorInternalServerError", "GetItem"), MAX_FETCH_ATTEMPTS)
    for _ in range(MAX_FETCH_ATTEMPTS):
        with pytest.raises(ChannelUnavailable):
            ews.container.email.fetch(row.id)
    [flagged] = rows(ews.container)
    assert flagged.status == "needs_attention" and "ErrorInternalServerError" in flagged.outcome


def test_a_message_exchange_no_longer_has_is_flagged_not_retried(ews, fake, clock):
    [item_id] = deliver(fake, clock, 1)
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.sync()
    del fake.items[item_id]  # deleted by someone in Outlook before we fetched it
    ews.container.email.fetch(rows(ews.container)[0].id)
    [row] = rows(ews.container)
    assert row.status == "needs_attention" and "ErrorItemNotFound" in row.outcome


def queued_ack(ews: EwsBackend, fake: FakeEws) -> models.OutboundMessage:
    fake.fail_next(EwsFailure("ErrorServerBusy", "CreateItem", back_off_ms=5_000))
    ews.receive(Mail("Fence panel down"))
    [ack] = [o for o in outbound(ews.container) if o.kind == "acknowledgement"]
    assert ack.status == "queued"  # sending fails fast; the outbox retries later
    return ack


def test_a_busy_server_on_send_leaves_the_reply_queued_and_it_is_sent_once_later(ews, fake):
    ack = queued_ack(ews, fake)
    ews.container.outbox.send(ack.id)
    ews.container.outbox.send(ack.id)  # a duplicate job changes nothing
    [ack] = [o for o in outbound(ews.container) if o.id == ack.id]
    assert ack.status == "sent" and ack.transport == "ews"
    assert len(fake.sent) == 1


def test_a_refused_recipient_fails_the_reply_with_exchanges_code(ews, fake):
    ack = queued_ack(ews, fake)
    fake.fail_next(EwsFailure("ErrorInvalidRecipients", "CreateItem", in_message=True))
    ews.container.outbox.send(ack.id)
    [ack] = [o for o in outbound(ews.container) if o.id == ack.id]
    assert ack.status == "failed" and ack.error_code == "ErrorInvalidRecipients"
    assert "jane" not in (ack.error_message or "")


def test_a_send_that_times_out_is_unknown_and_never_resent(ews, fake):
    ack = queued_ack(ews, fake)
    mailbox = ews.container.ews_sync.mailbox if ews.container.ews_sync else None
    assert mailbox is not None
    mailbox.account(sending=True).protocol.TIMEOUT = 0.5
    fake.fail_next(EwsFailure(operation="CreateItem", delay=1.5))

    ews.container.outbox.send(ack.id)
    ews.container.outbox.send(ack.id)

    [ack] = [o for o in outbound(ews.container) if o.id == ack.id]
    assert ack.status == "unknown"
    assert len(fake.operations("CreateItem")) == 2  # the busy one, then the one that hung


def test_a_mailbox_backlog_never_delays_an_emergency_on_another_channel(ews, fake, clock):
    deliver(fake, clock, 60)  # more than BACKLOG_AT: an outage's worth
    assert ews.container.ews_sync is not None
    assert ews.container.ews_sync.sync() == 60
    lengths = ews.container.dispatcher.queue_lengths()
    pages = {page_of(row.id) for row in rows(ews.container)}  # a job a page of 50
    assert lengths["default"] == len(pages) == 2 and lengths["critical"] == 0  # it waits

    gas = InboundMessage(
        channel=Channel.SMS, provider_message_id="SMgas", sender="+447700900123",
        recipient="+441632960000", text="I can smell gas in my kitchen", received_at=clock(),
        raw={},
    )
    intake = ews.container.inbound.receive(gas, answer_inline=False)
    jobs.install(ews.container)
    worker = Worker([ews.container.dispatcher.queues[name] for name in ALL_QUEUES],
                          connection=ews.container.redis, serializer=JSONSerializer)
    while ews.container.dispatcher.queue_lengths()["critical"]:  # one job at a time
        worker.work(burst=True, max_jobs=1, logging_level="WARNING")

    with ews.container.sessions() as session:
        routed = session.get(models.Contact, intake.contact_id)
        assert routed is not None and routed.category == "emergency"
    assert all(row.status == "pending" for row in rows(ews.container))  # not one fetched yet


def test_mail_exchange_holds_that_cannot_be_read_is_flagged_never_a_crash(ews, fake, clock):
    fake.deliver(b"To: housing@magna.example\r\nSubject: no sender\r\n\r\nhello", clock())
    fake.deliver(b"\x00\xff" * 5000, clock())
    assert ews.container.ews_sync is not None
    ews.container.ews_sync.sync()
    ews.run_jobs()
    assert [row.status for row in rows(ews.container)] == ["needs_attention"] * 2
    assert all("PayloadInvalid" in (row.outcome or "") for row in rows(ews.container))
    assert contacts(ews.container) == []


def test_with_exchange_chosen_graph_notifications_are_refused(ews):
    client = create_app(container=ews.container).test_client()
    body = {"value": [{"clientState": "anything", "resourceData": {"id": "AAMk="}}]}
    response = client.post("/webhooks/graph", json=body)
    assert response.status_code == 403 and rows(ews.container) == []
