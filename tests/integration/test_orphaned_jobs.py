"""Jobs RQ still calls `queued` or `started` whose worker died: the sweeper sees through
them and re-enqueues their work at its next run, and leaves a live worker's job alone."""

from __future__ import annotations

import pytest
from rq.job import JobStatus
from rq.registry import StartedJobRegistry
from rq.serializers import JSONSerializer
from sqlalchemy import select

from channels.base import Channel, OutboundMessage
from contact_hub.services.outbox import NewMessage
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction
from tests.helpers import sms_form
from tests.integration.fault_checks import pop_job, start_job

EMERGENCY = "strong smell of gas in the hallway"


def _emergency(client, twilio, n: int) -> int:
    response = twilio.post(client, "/webhooks/twilio/sms",
                           sms_form(EMERGENCY, sender=f"+4474001234{n:02d}", sid=f"SM{n:032d}"))
    assert response.status_code == 200
    return n


def _statuses(container) -> dict[int, str]:
    with container.sessions() as session:
        return {c.id: c.status for c in session.scalars(select(repo.Contact))}


def test_orphaned_jobs_are_requeued_at_the_next_sweep_and_live_ones_are_not(
    container, client, twilio, clock, run_jobs
):
    for n in (1, 2, 3):
        _emergency(client, twilio, n)
    popped = pop_job(container, "inbound-1")  # killed between popping and starting
    start_job(container, pop_job(container, "inbound-2"), "worker-that-died")  # killed mid-job
    start_job(container, pop_job(container, "inbound-3"), "worker-alive")  # running now
    container.dispatcher.beat("worker-alive")
    assert popped.get_status() == JobStatus.QUEUED  # what RQ reports: "still queued"
    clock.advance(seconds=container.settings.stale_after_seconds + 1)

    report = container.sweeper.sweep()

    assert report.contacts_requeued == 2
    run_jobs()
    assert _statuses(container) == {1: "routed", 2: "routed", 3: "received"}
    started = StartedJobRegistry("critical", connection=container.redis,
                                 serializer=JSONSerializer)
    assert "inbound-2" not in started.get_job_ids()  # RQ will not fail it later


def test_a_live_workers_job_is_left_alone_until_its_worker_stops_beating(
    container, client, twilio, clock
):
    _emergency(client, twilio, 1)
    start_job(container, pop_job(container, "inbound-1"), "worker-alive")
    container.dispatcher.beat("worker-alive")
    clock.advance(seconds=container.settings.stale_after_seconds + 1)
    assert container.sweeper.sweep().contacts_requeued == 0

    container.dispatcher.forget_worker("worker-alive")  # its key expired: it is gone

    assert container.sweeper.sweep().contacts_requeued == 1


@pytest.mark.parametrize("status", ["queued", "scheduled"])
def test_a_job_still_waiting_is_pending(container, client, twilio, status):
    _emergency(client, twilio, 1)
    if status == "scheduled":
        job = pop_job(container, "inbound-1")
        container.dispatcher.queues["critical"].schedule_job(
            job, job.enqueued_at or container.clock())
    assert container.dispatcher.is_pending("inbound-1")


def _cut_off_send(live, clock, key: str, at_twilio: bool) -> int:
    """An outbox row a worker claimed and then died on: before reaching Twilio, or after
    Twilio took the message but before the answer was recorded."""
    with transaction(live.sessions) as session:
        outbound_id, _ = live.outbox.queue(session, NewMessage(
            key=key, kind="acknowledgement", channel="sms", recipient="+447400123456",
            body=f"Thanks, your reference is {key}."))
        assert repo.claim_outbound(session, outbound_id, clock())
        row = repo.get_outbound(session, outbound_id)
        message = OutboundMessage(channel=Channel.SMS, recipient=row.recipient, body=row.body,
                                  idempotency_key=key)
    if at_twilio:
        live.outbox.transports["sms"].send(message)
    return outbound_id


def test_a_send_cut_off_by_a_crash_goes_out_exactly_once(live, clock, fake_twilio):
    reached = _cut_off_send(live, clock, "ack-reached", at_twilio=True)
    missed = _cut_off_send(live, clock, "ack-missed", at_twilio=False)
    clock.advance(seconds=live.sweeper.sending_after.total_seconds() - 1)
    assert live.sweeper.sweep().sends_settled == 0  # a live worker may still be sending
    clock.advance(seconds=2)

    assert live.sweeper.sweep().sends_settled == 2
    assert live.dispatcher.is_pending(f"send-{missed}")
    assert not live.dispatcher.is_pending(f"send-{reached}")
    for outbound_id in (missed, reached):  # what the worker does (the second: nothing)
        live.outbox.send(outbound_id)

    with live.sessions() as session:
        rows = {i: repo.get_outbound(session, i) for i in (reached, missed)}
    assert {i: r.status for i, r in rows.items()} == {reached: "sent", missed: "sent"}
    bodies = [m["Body"] for m in fake_twilio.messages]
    assert sorted(bodies) == ["Thanks, your reference is ack-missed.",
                              "Thanks, your reference is ack-reached."]  # once each
    assert rows[reached].provider_message_id == fake_twilio.created[0]["sid"]
