"""Fail closed on paging, inside the process: the words a resident gets in an emergency
promise paging only when someone can be paged; readiness names what cannot page; a
refused webhook's log says why, without the secret."""

from __future__ import annotations

import logging
from typing import Any

from rq.serializers import JSONSerializer

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.clock import FrozenClock
from contact_hub.queueing import QUEUE_NAMES
from contact_hub.settings import Settings
from contact_hub.storage import repository as repo
from contact_hub.worker import Worker
from tests.helpers import AUTH_TOKEN, TwilioSigner, sms_form

GAS = "I can smell gas in the kitchen"


def _emergency(client: Any, twilio: TwilioSigner, run_jobs: Any, container: Container,
               sid: str) -> tuple[str, repo.Contact]:
    answer = twilio.post(client, "/webhooks/twilio/sms", sms_form(GAS, sid=sid))
    assert answer.status_code == 200
    run_jobs()
    with container.sessions() as session:
        contact = repo.contact_by_provider_id(session, "sms", sid)
        assert contact is not None
        session.expunge(contact)
    return answer.get_data(as_text=True), contact


def test_with_nobody_to_page_the_resident_is_told_the_truth_and_an_agent_is_flagged(
    client: Any, twilio: TwilioSigner, run_jobs: Any, container: Container,
) -> None:
    reply, contact = _emergency(client, twilio, run_jobs, container, "SMnobody1")

    assert "alerting" not in reply
    assert "could not alert our on-call team" in reply
    assert "0800 111 999" in reply and "999" in reply
    assert contact.category == "emergency" and contact.queue == "emergencies"
    assert "nobody_paged" in contact.flags
    with container.sessions() as session:
        kinds = [e.kind for e in repo.contact_events(session, contact.id)]
    assert "nobody_paged" in kinds


def test_the_out_of_hours_number_is_given_when_configured(
    settings: Settings, clock: FrozenClock, twilio: TwilioSigner, container: Container,
    run_jobs: Any,
) -> None:
    configured = build(settings.with_overrides(out_of_hours_number="0800 123 4567"), clock=clock)
    jobs.install(configured)
    try:
        client = create_app(container=configured).test_client()
        answer = twilio.post(client, "/webhooks/twilio/sms", sms_form(GAS, sid="SMooh1"))
        assert "out-of-hours emergency line now on 0800 123 4567" in answer.get_data(as_text=True)
    finally:
        jobs.install(container)
        configured.close()


def test_with_a_fallback_number_the_resident_is_told_we_are_alerting(
    settings: Settings, clock: FrozenClock, twilio: TwilioSigner, container: Container,
    run_jobs: Any,
) -> None:
    configured = build(settings.with_overrides(oncall_fallback_number="+447700900001"),
                       clock=clock)
    jobs.install(configured)
    try:
        client = create_app(container=configured).test_client()
        reply, contact = _emergency(client, twilio, lambda: _work(configured), configured,
                                    "SMpaged1")
    finally:
        jobs.install(container)
        configured.close()
    assert "is alerting the on-call team now" in reply
    assert "could not alert" not in reply
    assert "nobody_paged" not in contact.flags


def _work(built: Container) -> None:
    """Run the queued jobs with `built` wired in, as its worker would."""
    jobs.install(built)
    Worker([built.dispatcher.queues[name] for name in QUEUE_NAMES],
                 connection=built.redis, serializer=JSONSerializer).work(
        burst=True, logging_level="WARNING")


def test_readyz_names_every_path_that_cannot_page(client: Any) -> None:
    body = client.get("/readyz").get_json()
    found = body["oncall"]["paging_problems"]
    assert any(p.startswith("NOBODY CAN BE PAGED") for p in found)
    assert any("ONCALL_FALLBACK_NUMBER" in p for p in found)
    assert any(p.startswith("Slack is not configured") for p in found)


def test_a_refused_webhook_logs_why_without_the_secret(
    settings: Settings, clock: FrozenClock, client: Any, twilio: TwilioSigner, caplog: Any,
) -> None:
    caplog.set_level(logging.INFO)
    bad = TwilioSigner(token="not-the-token")
    assert bad.post(client, "/webhooks/twilio/sms", sms_form("hi", sid="SMbad1")).status_code == 403
    assert "bad signature: X-Twilio-Signature does not match" in caplog.text

    unconfigured = build(settings.with_overrides(twilio_auth_token=None), clock=clock)
    try:
        other = create_app(container=unconfigured).test_client()
        answer = twilio.post(other, "/webhooks/twilio/sms", sms_form("hi", sid="SMbad2"))
    finally:
        unconfigured.close()
    assert answer.status_code == 403
    assert "cannot verify: TWILIO_AUTH_TOKEN is not configured" in caplog.text
    assert "not configured" not in answer.get_data(as_text=True)  # the caller learns nothing
    assert AUTH_TOKEN not in caplog.text and "not-the-token" not in caplog.text


def test_a_drama_number_is_answered_in_the_dry_run(
    client: Any, twilio: TwilioSigner, run_jobs: Any, container: Container,
) -> None:
    form = sms_form("The kitchen tap has been dripping all week", sid="SMdrama1",
                    sender="+447700900123")
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    run_jobs()
    with container.sessions() as session:
        contact = repo.contact_by_provider_id(session, "sms", "SMdrama1")
        assert contact is not None and "sender_unparseable" not in contact.flags
        [ack] = repo.outbound_for_contact(session, contact.id)
    assert (ack.recipient, ack.status) == ("+447700900123", "simulated")


def test_an_unreadable_sender_is_shown_with_the_reason(
    client: Any, twilio: TwilioSigner, run_jobs: Any, container: Container,
) -> None:
    form = sms_form("The kitchen tap has been dripping", sid="SModd1", sender="GARDENCO")
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    run_jobs()
    with container.sessions() as session:
        contact = repo.contact_by_provider_id(session, "sms", "SModd1")
        assert contact is not None and "sender_unparseable" in contact.flags
        [ack] = repo.outbound_for_contact(session, contact.id)
    assert ack.status == "suppressed"
    assert ack.error_message == (
        "the sender 'GARDENCO' is not a phone number that can be texted back")
