"""Jobs are safe to run twice; messages go out at most once; the sweeper recovers work."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.storage import models
from tests.helpers import sms_form


def rows(container, model):
    with container.sessions() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def test_processing_twice_routes_and_acknowledges_once(client, twilio, container, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Door handle broken"))
    [contact] = rows(container, models.Contact)

    jobs.process_inbound(contact.id)
    jobs.process_inbound(contact.id)
    run_jobs()

    assert len(rows(container, models.OutboundMessage)) == 1
    routed_events = [e for e in rows(container, models.ContactEvent) if e.kind == "routed"]
    assert len(routed_events) == 1


def test_sending_twice_sends_once(client, twilio, container, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Door handle broken"))
    [contact] = rows(container, models.Contact)
    container.inbound.process(contact.id)
    [ack] = rows(container, models.OutboundMessage)

    jobs.send_outbound(ack.id)
    jobs.send_outbound(ack.id)

    [ack] = rows(container, models.OutboundMessage)
    assert ack.status == "simulated"
    assert ack.attempts == 1


def test_webhook_still_accepts_when_redis_is_down_and_its_contact_is_routed_once_back(
    redis_down, clock, container, twilio, run_jobs
):
    client = create_app(container=redis_down).test_client()

    response = twilio.post(
        client, "/webhooks/twilio/sms", sms_form("Gate to the bin store is broken")
    )
    assert redis_down.inbound.hand_off() == 0  # the worker cannot queue it either

    assert response.status_code == 200
    [contact] = rows(container, models.Contact)
    assert contact.status == "accepted"
    assert sum(container.dispatcher.queue_lengths().values()) == 0

    run_jobs()  # Redis is back: the next hand-off queues it

    [contact] = rows(container, models.Contact)
    assert contact.status == "routed"
    assert rows(container, models.OutboundMessage)[0].status == "simulated"


def test_an_emergency_while_redis_is_down_is_answered_and_the_sweeper_recovers_it(
    redis_down, clock, container, twilio, run_jobs
):
    client = create_app(container=redis_down).test_client()

    response = twilio.post(client, "/webhooks/twilio/sms", sms_form("Smell of gas in the flat"))

    assert response.status_code == 200
    assert "0800 111 999" in response.get_data(as_text=True)
    [contact] = rows(container, models.Contact)
    assert contact.status == "received"
    clock.advance(minutes=2)
    assert container.sweeper.sweep().contacts_requeued == 1
    run_jobs()
    [contact] = rows(container, models.Contact)
    assert (contact.status, contact.category) == ("routed", "emergency")


def test_sweeper_leaves_fresh_and_pending_work_alone(client, twilio, container, clock):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gate broken"))
    assert container.inbound.hand_off() == 1
    assert container.sweeper.sweep().contacts_requeued == 0  # not stale yet
    clock.advance(minutes=5)
    assert container.sweeper.sweep().contacts_requeued == 0  # its job is still queued


def test_contact_that_keeps_failing_is_handed_to_a_person(client, twilio, container, clock):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gate broken"))
    container.inbound.hand_off()
    container.redis.flushdb()  # the job is lost every time
    for _ in range(container.settings.max_processing_attempts + 1):
        clock.advance(minutes=2)
        container.sweeper.sweep()
        container.redis.flushdb()

    [contact] = rows(container, models.Contact)
    assert contact.status == "needs_attention"


def test_sweeper_requeues_unsent_outbox_rows(client, twilio, container, clock, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gate broken"))
    [contact] = rows(container, models.Contact)
    container.inbound.process(contact.id)
    container.redis.flushdb()  # the send job is lost

    clock.advance(minutes=2)
    assert container.sweeper.sweep().outbound_requeued == 1
    run_jobs()
    assert rows(container, models.OutboundMessage)[0].status == "simulated"


def test_send_interrupted_mid_flight_is_settled_not_resent_blindly(
    container, clock, client, twilio, run_jobs
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gate broken"))
    [contact] = rows(container, models.Contact)
    container.inbound.process(contact.id)
    [ack] = rows(container, models.OutboundMessage)
    with container.sessions() as session, session.begin():
        from contact_hub.storage import repository

        assert repository.claim_outbound(session, ack.id, clock())  # then the worker dies

    clock.advance(minutes=11)
    report = container.sweeper.sweep()

    # The dry run can say nothing left the machine: it is sent (simulated) now, once.
    assert (report.sends_settled, report.outbound_unknown) == (1, 0)
    run_jobs()
    assert [r.status for r in rows(container, models.OutboundMessage)] == ["simulated"]


def test_a_call_interrupted_mid_flight_is_marked_unknown_not_resent(live, clock):
    """Calls cannot be looked up at Twilio by what they say: never placed twice blindly."""
    from contact_hub.services.outbox import NewMessage
    from contact_hub.storage import repository
    from contact_hub.storage.db import transaction

    with transaction(live.sessions) as session:
        call_id, _ = live.outbox.queue(session, NewMessage(
            key="call-1", kind="callback", channel="voice", recipient="+447400123456",
            body="Hello"))
        assert repository.claim_outbound(session, call_id, clock())  # then the worker dies

    clock.advance(minutes=11)
    report = live.sweeper.sweep()

    assert (report.sends_settled, report.outbound_unknown) == (0, 1)
    assert rows(live, models.OutboundMessage)[0].status == "unknown"


@pytest.mark.parametrize("status", ["delivered", "failed"])
def test_delivery_callbacks_update_the_outbox(client, twilio, container, status):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gate broken"))
    [contact] = rows(container, models.Contact)
    container.inbound.process(contact.id)
    [ack] = rows(container, models.OutboundMessage)
    jobs.send_outbound(ack.id)
    [ack] = rows(container, models.OutboundMessage)

    form = {
        "MessageSid": ack.provider_message_id,
        "MessageStatus": status,
        "AccountSid": "AC" + "0" * 32,
    }
    response = twilio.post(client, "/webhooks/twilio/sms/status", form)
    stale = twilio.post(client, "/webhooks/twilio/sms/status", {**form, "MessageStatus": "sent"})

    assert response.status_code == stale.status_code == 204
    assert rows(container, models.OutboundMessage)[0].status == status
