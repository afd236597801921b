"""Meta webhooks through the Flask app: signed exactly as Meta signs, on SQLite and
PostgreSQL, with the real Redis. No Meta credentials for sending: the dry run answers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from channels.meta import signature_for
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.metrics import webhook_counts
from contact_hub.storage import models
from tests.helpers import MOBILE, sms_form
from tests.integration.escalation_fixtures import the_alert
from tests.meta_helpers import (
    APP_SECRET,
    PATH,
    PSID,
    VERIFY_TOKEN,
    encode,
    fixture,
    messenger,
    post_signed,
    whatsapp,
)


@pytest.fixture
def settings(settings):
    return settings.with_overrides(meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN)


def counts(container):
    """The webhook counters as /metrics reports them (this process's are sent first)."""
    container.dispatcher.flush_counts()
    return webhook_counts(container.redis)


def contacts(container) -> list[models.Contact]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Contact).order_by(models.Contact.id)))


def outbox(container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        query = select(models.OutboundMessage).order_by(models.OutboundMessage.id)
        return list(session.scalars(query))


def count(container, model) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


# --- the subscription handshake ----------------------------------------------------------


def test_subscription_handshake_echoes_the_challenge(client):
    response = client.get(
        PATH, query_string={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                            "hub.challenge": "1158201444"},
    )
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {},
    ],
)
def test_subscription_with_anything_else_is_forbidden(client, query):
    response = client.get(PATH, query_string=query)
    assert response.status_code == 403
    assert response.get_data(as_text=True) != "1"


def test_subscription_when_not_configured_says_so(settings, clock):
    unconfigured = build(settings.with_overrides(meta_verify_token=None), clock=clock)
    try:
        client = create_app(container=unconfigured).test_client()
        response = client.get(
            PATH, query_string={"hub.mode": "subscribe", "hub.verify_token": "",
                                "hub.challenge": "1"},
        )
    finally:
        unconfigured.close()
    assert response.status_code == 403
    assert "META_VERIFY_TOKEN is not configured" in response.get_data(as_text=True)


# --- signatures and bad input -----------------------------------------------------------


def test_unsigned_or_wrongly_signed_events_are_forbidden_and_store_nothing(client, container):
    raw = encode(messenger("I can smell gas"))
    for headers in (
        {},
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},
        {"X-Hub-Signature-256": signature_for("not-our-secret", raw)},
        # Meta signs the bytes it sent; the same JSON re-serialised is not that.
        {"X-Hub-Signature-256": signature_for(APP_SECRET, raw.replace(b",", b", "))},
    ):
        response = client.post(PATH, data=raw, content_type="application/json", headers=headers)
        assert response.status_code == 403
        assert response.json["error"]["code"] == "invalid_signature"
    assert count(container, models.Contact) == 0
    assert counts(container)[("meta", "forbidden")] == 4


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"this is not json", "expected JSON"),
        (b'{"object": "page", "entry": "x"}', "entry: expected a list"),
        (b'{"object": "permissions", "entry": []}', "object: expected page"),
    ],
)
def test_signed_but_malformed_events_are_a_clear_400(client, container, body, message):
    response = post_signed(client, body)
    assert response.status_code == 400
    assert message in response.json["error"]["message"]
    assert count(container, models.Contact) == 0


def test_a_body_over_the_size_limit_is_413(client):
    response = post_signed(client, b"{" + b" " * 300_000 + b"}")
    assert response.status_code == 413


# --- messages in ------------------------------------------------------------------------


def test_messenger_gas_smell_is_an_emergency_with_safety_advice_first(
    client, container, run_jobs
):
    response = post_signed(client, fixture("messenger_text"))

    assert response.status_code == 200
    [contact] = contacts(container)
    assert (contact.channel, contact.sender, contact.text) == (
        "messenger", PSID, "I can smell gas in my kitchen"
    )
    [advice] = outbox(container)
    assert (advice.kind, advice.priority, advice.status) == ("safety_advice", "critical", "queued")
    assert advice.channel == "messenger" and advice.recipient == PSID
    assert "0800 111 999" in advice.body and contact.reference in advice.body

    run_jobs()

    [contact] = contacts(container)
    assert contact.category == "emergency"
    assert the_alert(container).first_contact_id == contact.id
    to_resident = [r for r in outbox(container) if r.recipient == PSID]
    assert [(r.kind, r.status, r.transport) for r in to_resident] == [
        ("safety_advice", "simulated", "dry_run")
    ]


def test_a_retried_delivery_creates_nothing_new(client, container, run_jobs):
    payload = messenger("The bathroom light has stopped working")
    assert post_signed(client, payload).status_code == 200
    run_jobs()
    before = [(r.id, r.status) for r in outbox(container)]

    retry = post_signed(client, payload)

    assert retry.status_code == 200
    assert len(contacts(container)) == 1
    run_jobs()
    assert [(r.id, r.status) for r in outbox(container)] == before
    outcomes = counts(container)
    assert outcomes[("meta", "accepted")] == 1 and outcomes[("meta", "duplicate")] == 1


def test_service_request_on_messenger_is_acknowledged_by_dry_run(client, container, run_jobs):
    post_signed(client, messenger("My kitchen tap is dripping"))
    run_jobs()

    [contact] = contacts(container)
    assert contact.category == "service_request"
    [ack] = outbox(container)
    assert (ack.kind, ack.channel, ack.recipient) == ("acknowledgement", "messenger", PSID)
    assert (ack.status, ack.transport) == ("simulated", "dry_run")
    assert contact.reference in ack.body


def test_echoes_reads_and_deliveries_are_not_contacts(client, container):
    response = post_signed(client, fixture("messenger_mixed"))

    assert response.status_code == 200
    stored = {c.provider_message_id: c for c in contacts(container)}
    assert set(stored) == {"m_photo_0001", "m_quick_0001", "m_postback_0001"}
    with container.sessions() as session:
        photo = session.get(models.Contact, stored["m_photo_0001"].id)
        assert [a.url for a in photo.attachments][0].endswith("damp.jpg?stp=dst-jpg")
    assert "m_echo_0001" not in stored


def test_instagram_dm_is_its_own_channel_and_identity(client, container, run_jobs):
    post_signed(client, fixture("instagram_text"))
    run_jobs()

    [contact] = contacts(container)
    assert contact.channel == "instagram"
    with container.sessions() as session:
        identity = session.scalars(select(models.Identity)).one()
    assert (identity.kind, identity.value) == ("instagram", "1234567890123456")
    # (a lift broken for a week also gets the safety question, on the same channel)
    [ack] = [m for m in outbox(container) if m.kind == "acknowledgement"]
    assert ack.channel == "instagram" and ack.status == "simulated"
    assert {m.channel for m in outbox(container)} == {"instagram"}


def test_whatsapp_from_a_number_that_texted_is_the_same_customer(
    client, twilio, container, run_jobs
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Bins not collected", sender=MOBILE))
    post_signed(client, whatsapp("Still no bin collection", sender=MOBILE.removeprefix("+")))
    run_jobs()

    sms, chat = contacts(container)
    assert (sms.channel, chat.channel) == ("sms", "whatsapp")
    assert chat.sender == MOBILE
    assert sms.customer_id == chat.customer_id
    with container.sessions() as session:
        identity = session.scalars(select(models.Identity)).one()
    assert (identity.kind, identity.value) == ("phone", MOBILE)


def test_several_people_in_one_delivery_are_each_received(client, container, run_jobs):
    payload = fixture("whatsapp_mixed")
    payload["entry"][0]["changes"][0]["value"]["messages"].insert(0, {"from": "x", "id": "bad"})
    payload["entry"].append({"id": "other", "changes": "not a list"})

    response = post_signed(client, payload)

    assert response.status_code == 200
    stored = contacts(container)
    assert len(stored) == 5  # image, location, interactive, button, unsupported; reaction ignored
    assert {c.sender for c in stored} == {"+447400123456", "+447400654321"}
    assert len({c.customer_id for c in stored}) == 2
    assert counts(container)[("meta", "skipped")] == 1


def test_messages_are_kept_while_redis_is_down(redis_down, container):
    client = create_app(container=redis_down).test_client()

    response = post_signed(client, messenger("Water coming through the ceiling", mid="m_r1"))

    assert response.status_code == 200
    [contact] = contacts(container)
    assert contact.status == "received"  # the sweeper routes it once Redis is back


def test_messenger_delivery_receipts_move_our_message_on(client, container, run_jobs):
    post_signed(client, messenger("My kitchen tap is dripping"))
    run_jobs()
    [ack] = outbox(container)
    payload = fixture("messenger_mixed")
    payload["entry"][0]["messaging"][1]["delivery"]["mids"] = [ack.provider_message_id]

    post_signed(client, payload)

    # A dry-run row is "simulated"; "delivered" comes after it in the order of statuses.
    [ack] = outbox(container)
    assert ack.status == "delivered"
