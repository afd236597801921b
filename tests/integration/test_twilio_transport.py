"""Sending through the real twilio client against a local server speaking Twilio's API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from channels.base import ChannelUnavailable
from contact_hub import jobs
from contact_hub.services.outbox import SEND_RETRY_SECONDS
from contact_hub.storage import models
from tests.fakes.twilio_server import Failure
from tests.helpers import MOBILE, sms_form
from tests.integration.escalation_fixtures import release_due


def queued_ack(live, client, twilio) -> models.OutboundMessage:
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping"))
    with live.sessions() as session:
        contact = session.scalars(select(models.Contact)).one()
    live.inbound.process(contact.id)
    return reload(live)


def reload(live) -> models.OutboundMessage:
    with live.sessions() as session:
        return session.scalars(select(models.OutboundMessage)).one()


def test_acknowledgement_is_sent_through_twilio(live, client, twilio, fake_twilio):
    ack = queued_ack(live, client, twilio)
    live.outbox.send(ack.id)
    live.outbox.send(ack.id)  # a second run of the job sends nothing

    [sent] = fake_twilio.messages
    assert sent["To"] == MOBILE and sent["From"] == "+443300000000"
    assert "Magna Housing" in sent["Body"]
    assert sent["StatusCallback"] == "https://hub.example.org/webhooks/twilio/sms/status"
    ack = reload(live)
    assert ack.status == "sent"  # Twilio answered "queued": accepted, not ours to resend
    assert ack.provider_message_id.startswith("SM") and ack.transport == "twilio"


def test_unsubscribed_recipient_is_rejected_not_retried(live, client, twilio, fake_twilio):
    ack = queued_ack(live, client, twilio)
    fake_twilio.fail_next(Failure(400, 21610, "Attempt to send to unsubscribed recipient"))

    live.outbox.send(ack.id)

    ack = reload(live)
    assert ack.status == "failed"
    assert ack.error_code == "21610"
    assert "opted out" in ack.error_message


def test_rate_limit_is_retryable_and_keeps_the_row_queued(live, client, twilio, fake_twilio):
    ack = queued_ack(live, client, twilio)
    fake_twilio.fail_next(Failure(429, 20429, "Too Many Requests"))

    with pytest.raises(ChannelUnavailable):
        live.outbox.send(ack.id)
    assert reload(live).status == "queued"

    live.outbox.send(ack.id)
    assert reload(live).status != "queued"
    assert len(fake_twilio.messages) == 2  # the refused attempt and the accepted one


def test_slow_twilio_is_bounded_and_never_resent_blindly(live, client, twilio, fake_twilio):
    ack = queued_ack(live, client, twilio)
    fake_twilio.fail_next(Failure(201, delay=2.5))  # longer than the 1 s client timeout

    live.outbox.send(ack.id)

    ack = reload(live)
    assert ack.status == "unknown"  # it may have gone out; sending again could duplicate it
    live.outbox.send(ack.id)
    assert len(fake_twilio.messages) == 1


def _routing_job(live, client, twilio) -> None:
    """A text taken in, then its routing job as a worker runs it."""
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping"))
    with live.sessions() as session:
        contact = session.scalars(select(models.Contact)).one()
    jobs.process_inbound(contact.id)


def test_the_routing_job_sends_the_acknowledgement_itself(live, client, twilio, fake_twilio):
    _routing_job(live, client, twilio)

    assert [m["To"] for m in fake_twilio.messages] == [MOBILE]
    assert reload(live).status != "queued"
    assert sum(live.dispatcher.queue_lengths().values()) == 0  # no send job was needed


def test_a_rate_limited_acknowledgement_waits_for_its_first_retry(
    live, client, twilio, fake_twilio, clock
):
    fake_twilio.fail_next(Failure(429, 20429, "Too Many Requests"))
    _routing_job(live, client, twilio)

    ack = reload(live)
    assert ack.status == "queued" and len(fake_twilio.messages) == 1
    assert sum(live.dispatcher.queue_lengths().values()) == 0  # not straight back at Twilio
    assert release_due(live, clock) == 0
    clock.advance(seconds=SEND_RETRY_SECONDS[0])
    assert release_due(live, clock) == 1
    jobs.send_outbound(ack.id)
    assert reload(live).status != "queued" and len(fake_twilio.messages) == 2
