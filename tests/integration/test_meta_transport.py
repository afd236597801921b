"""Sending on Messenger, Instagram and WhatsApp through a local server speaking the Graph
API's wire format: the JSON and token Meta expects, the 24-hour window, error mapping."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from channels.base import ChannelUnavailable
from contact_hub.storage import models
from tests.fakes.meta_graph_server import GraphFailure
from tests.helpers import ACCOUNT_SID, MOBILE, sms_form
from tests.meta_helpers import (
    APP_SECRET,
    PAGE_TOKEN,
    PSID,
    VERIFY_TOKEN,
    WHATSAPP_NUMBER_ID,
    WHATSAPP_TOKEN,
    instagram,
    messenger,
    post_signed,
    whatsapp,
    whatsapp_statuses,
)


@pytest.fixture
def settings(settings, fake_graph, fake_twilio):
    return settings.with_overrides(
        twilio_account_sid=ACCOUNT_SID,  # SMS through (fake) Twilio alongside Meta
        twilio_from_number="+443300000000",
        twilio_api_base_url=fake_twilio.url,
        meta_app_secret=APP_SECRET,
        meta_verify_token=VERIFY_TOKEN,
        meta_page_access_token=PAGE_TOKEN,
        meta_graph_base_url=fake_graph.url,
        meta_whatsapp_phone_number_id=WHATSAPP_NUMBER_ID,
        meta_whatsapp_token=WHATSAPP_TOKEN,
        meta_http_timeout=1.0,
    )


def queued_ack(container, client, payload) -> models.OutboundMessage:
    """Receive `payload` and route it, leaving its acknowledgement queued (not sent)."""
    assert post_signed(client, payload).status_code == 200
    with container.sessions() as session:
        contact = session.scalars(select(models.Contact)).one()
    container.inbound.process(contact.id)
    return the_row(container)


def the_row(container) -> models.OutboundMessage:
    with container.sessions() as session:
        return session.scalars(select(models.OutboundMessage)).one()


def test_messenger_acknowledgement_goes_to_the_send_api(client, container, fake_graph):
    ack = queued_ack(container, client, messenger("My kitchen tap is dripping"))

    container.outbox.send(ack.id)
    container.outbox.send(ack.id)  # a second run of the job sends nothing

    [sent] = fake_graph.requests
    assert sent["path"] == "/v21.0/me/messages"
    assert sent["auth"] == f"Bearer {PAGE_TOKEN}"
    assert sent["content_type"] == "application/json"
    assert sent["json"]["recipient"] == {"id": PSID}
    assert sent["json"]["messaging_type"] == "RESPONSE"
    assert "tag" not in sent["json"]
    assert "Magna Housing" in sent["json"]["message"]["text"]
    ack = the_row(container)
    assert (ack.status, ack.transport) == ("sent", "meta")
    assert ack.provider_message_id.startswith("m_")


def test_instagram_goes_through_the_same_send_api(client, container, fake_graph):
    # (a broken lift or door entry phone would also ask the safety question: one text here)
    ack = queued_ack(container, client, instagram("The kitchen cupboard hinge is loose"))
    container.outbox.send(ack.id)

    [sent] = fake_graph.requests
    assert sent["path"] == "/v21.0/me/messages"
    assert sent["json"]["recipient"] == {"id": "1234567890123456"}
    assert the_row(container).status == "sent"


def test_whatsapp_goes_to_the_cloud_api_and_statuses_come_back(client, container, fake_graph):
    ack = queued_ack(container, client, whatsapp("Bins not collected"))
    container.outbox.send(ack.id)

    [sent] = fake_graph.requests
    assert sent["path"] == f"/v21.0/{WHATSAPP_NUMBER_ID}/messages"
    assert sent["auth"] == f"Bearer {WHATSAPP_TOKEN}"
    assert sent["json"]["messaging_product"] == "whatsapp"
    assert sent["json"]["to"] == MOBILE.removeprefix("+")
    assert sent["json"]["type"] == "text" and "Magna Housing" in sent["json"]["text"]["body"]
    wamid = the_row(container).provider_message_id
    assert wamid.startswith("wamid.") and the_row(container).transport == "meta"

    post_signed(client, whatsapp_statuses(
        {"id": wamid, "status": "read", "timestamp": "1", "recipient_id": "447400123456"},
        {"id": wamid, "status": "delivered", "timestamp": "1", "recipient_id": "447400123456"},
    ))
    assert the_row(container).status == "read"  # out of order: never moves backwards


def test_whatsapp_failed_status_records_metas_error_code(client, container, fake_graph):
    ack = queued_ack(container, client, whatsapp("Bins not collected"))
    container.outbox.send(ack.id)
    wamid = the_row(container).provider_message_id

    post_signed(client, whatsapp_statuses({
        "id": wamid, "status": "failed", "timestamp": "1", "recipient_id": "447400123456",
        "errors": [{"code": 131026, "title": "Message undeliverable"}],
    }))

    row = the_row(container)
    assert (row.status, row.error_code) == ("failed", "131026")


def test_emergency_safety_advice_is_the_first_message_sent(client, container, run_jobs, fake_graph):
    post_signed(client, messenger("I can smell gas in my kitchen"))
    run_jobs()

    to_resident = [r for r in fake_graph.requests if r["path"].endswith("/me/messages")]
    assert len(to_resident) == 1  # the advice; no second acknowledgement
    assert "0800 111 999" in to_resident[0]["json"]["message"]["text"]


@pytest.mark.parametrize(
    "failure",
    [
        GraphFailure(429, 4, message="Application request limit reached"),
        GraphFailure(400, 613, message="Calls to this api have exceeded the rate limit."),
        GraphFailure(400, 130429, message="Rate limit hit"),
        GraphFailure(500, 2, message="Service temporarily unavailable"),
        GraphFailure(503, None),
    ],
)
def test_rate_limits_and_outages_keep_the_row_queued_for_retry(
    client, container, fake_graph, failure
):
    ack = queued_ack(container, client, whatsapp("Bins not collected"))
    fake_graph.fail_next(failure)

    with pytest.raises(ChannelUnavailable):
        container.outbox.send(ack.id)
    assert the_row(container).status == "queued"

    container.outbox.send(ack.id)
    assert the_row(container).status == "sent"
    assert len(fake_graph.requests) == 2


def test_retry_after_is_passed_on(client, container, fake_graph):
    ack = queued_ack(container, client, messenger("My kitchen tap is dripping"))
    fake_graph.fail_next(GraphFailure(429, 4, headers={"Retry-After": "120"}))

    with pytest.raises(ChannelUnavailable) as raised:
        container.outbox.send(ack.id)
    assert raised.value.retry_after == 120


@pytest.mark.parametrize(
    ("payload", "failure", "reason"),
    [
        (whatsapp("Bins not collected"), GraphFailure(400, 131047), "re-engagement"),
        (whatsapp("Bins not collected"), GraphFailure(400, 131026), "could not deliver"),
        (messenger("Tap dripping"), GraphFailure(400, 10, 2018278), "24-hour messaging window"),
        (messenger("Tap dripping"), GraphFailure(400, 551), "isn't available"),
        (messenger("Tap dripping"), GraphFailure(400, 100, 2018001), "no matching"),
    ],
)
def test_unreachable_residents_are_rejected_not_retried(
    client, container, fake_graph, payload, failure, reason
):
    ack = queued_ack(container, client, payload)
    fake_graph.fail_next(failure)

    container.outbox.send(ack.id)
    container.outbox.send(ack.id)

    row = the_row(container)
    assert row.status == "failed" and reason in row.error_message
    assert row.error_code.startswith(str(failure.code))
    assert len(fake_graph.requests) == 1


def test_a_slow_graph_api_is_bounded_and_never_resent(client, container, fake_graph):
    ack = queued_ack(container, client, whatsapp("Bins not collected"))
    fake_graph.fail_next(GraphFailure(200, delay=2.5))  # longer than the 1 s timeout

    container.outbox.send(ack.id)
    container.outbox.send(ack.id)

    assert the_row(container).status == "unknown"
    assert len(fake_graph.requests) == 1


@pytest.mark.parametrize("payload", [messenger("Tap dripping"), whatsapp("Bins not collected")])
def test_outside_the_24_hour_window_nothing_is_sent(client, container, clock, fake_graph, payload):
    ack = queued_ack(container, client, payload)
    clock.advance(hours=24, minutes=1)

    container.outbox.send(ack.id)

    row = the_row(container)
    assert row.status == "failed" and row.error_code == "window"
    assert "outside Meta's 24-hour window" in row.error_message
    assert fake_graph.requests == []


def test_a_new_message_reopens_the_window(client, container, clock, fake_graph):
    ack = queued_ack(container, client, messenger("Tap dripping", mid="m_1"))
    clock.advance(hours=30)
    post_signed(client, messenger("Hello? Still dripping", mid="m_2"))

    container.outbox.send(ack.id)

    with container.sessions() as session:
        row = session.get(models.OutboundMessage, ack.id)
    assert row.status == "sent"
    assert len(fake_graph.requests) == 1


def test_each_row_records_the_provider_that_carried_it(
    client, container, run_jobs, twilio, fake_graph, fake_twilio
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping", sender=MOBILE))
    post_signed(client, messenger("Tap dripping too"))
    run_jobs()

    with container.sessions() as session:
        rows = session.scalars(select(models.OutboundMessage)).all()
    assert {(r.channel, r.transport, r.status) for r in rows} == {
        ("sms", "twilio", "sent"), ("messenger", "meta", "sent")
    }
    assert len(fake_twilio.messages) == 1 and len(fake_graph.requests) == 1


def test_an_agents_reply_after_a_day_goes_with_the_human_agent_tag(
    client, container, clock, fake_graph
):
    ack = queued_ack(container, client, messenger("Tap dripping"))
    container.outbox.send(ack.id)
    clock.advance(days=3)  # the automated window has closed; a person may still answer
    agent = {"Authorization": "Bearer " + container.tokens.create("handler", "Amira")}
    contact = client.post("/api/v1/queues/repairs/next", headers=agent).json

    reply = client.post(f"/api/v1/contacts/{contact['id']}/reply", headers=agent,
                        json={"body": "Sorry for the wait: a plumber comes on Tuesday."})
    container.outbox.send(reply.json["id"])

    sent = fake_graph.requests[-1]["json"]
    assert (sent["messaging_type"], sent["tag"]) == ("MESSAGE_TAG", "HUMAN_AGENT")
    assert sent["message"]["text"].startswith("Sorry for the wait")
    with container.sessions() as session:
        assert session.get(models.OutboundMessage, reply.json["id"]).status == "sent"


def respond_to_complaint(
    client, container, run_jobs, clock, payload
) -> list[models.OutboundMessage]:
    """A complaint by `payload`, acknowledged at once and responded to 30 hours later."""
    agent = {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}
    assert post_signed(client, payload).status_code == 200
    run_jobs()
    [case] = client.get("/api/v1/complaints", headers=agent).get_json()["items"]
    reference = case["reference"]
    assert client.post(f"/api/v1/complaints/{reference}/acknowledge", headers=agent, json={
        "handler": {"id": "h1", "name": "Ayesha Khan"}, "understanding": "Poor repair",
        "outcomes_sought": ["redo it"]}).status_code == 200
    run_jobs()
    clock.advance(hours=30)
    assert client.post(f"/api/v1/complaints/{reference}/respond", headers=agent, json={
        "decision": "upheld", "reasons": "r", "remedies": [],
        "outstanding_actions": []}).status_code == 200
    run_jobs()
    with container.sessions() as session:
        return list(session.scalars(
            select(models.OutboundMessage)
            .where(models.OutboundMessage.kind.like("complaint_%"))
            .order_by(models.OutboundMessage.id)))


def test_a_complaint_response_after_messengers_window_is_held_for_a_person(
    client, container, run_jobs, clock, fake_graph
):
    letters = respond_to_complaint(client, container, run_jobs, clock,
                                   messenger("the plumber you sent made it worse"))

    acknowledged, responded = letters
    assert (acknowledged.channel, acknowledged.status) == ("messenger", "sent")
    assert (responded.channel, responded.status) == ("letter", "suppressed")
    assert "24-hour window" in responded.error_message
    assert "send it by hand" in responded.error_message
    assert sum(r["path"].endswith("/me/messages") for r in fake_graph.requests) == 2  # ack, letter


def test_a_complaint_response_after_whatsapps_window_goes_by_text_to_the_same_number(
    client, container, run_jobs, clock, fake_graph, fake_twilio
):
    letters = respond_to_complaint(client, container, run_jobs, clock,
                                   whatsapp("the plumber you sent made it worse"))

    acknowledged, responded = letters
    assert (acknowledged.channel, acknowledged.status) == ("whatsapp", "sent")
    assert (responded.channel, responded.recipient, responded.status) == (
        "sms", MOBILE, "sent")
    assert [m["To"] for m in fake_twilio.messages] == [MOBILE]
