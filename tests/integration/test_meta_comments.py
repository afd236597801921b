"""Public comments on the Facebook Page and Instagram posts become contacts like DMs and
are answered only privately (Meta's private replies, through a local server speaking the
Graph API's wire format); an emergency in a comment is escalated like any other."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from contact_hub.storage.alerts import models as alert_models
from tests.meta_helpers import (
    APP_SECRET,
    PAGE_ID,
    PAGE_TOKEN,
    VERIFY_TOKEN,
    encode,
    instagram_comment,
    page_comment,
    post_signed,
)


@pytest.fixture
def settings(settings, fake_graph):
    return settings.with_overrides(
        meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN,
        meta_page_access_token=PAGE_TOKEN, meta_graph_base_url=fake_graph.url,
        meta_http_timeout=1.0,
    )


def the_contacts(container) -> list[models.Contact]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Contact).order_by(models.Contact.id)))


def sent_to_meta(fake_graph) -> list[dict]:
    return [r for r in fake_graph.requests if r["json"] is not None]


def test_a_page_comment_is_a_contact_answered_by_a_private_reply(
    client, container, run_jobs, fake_graph
):
    answer = post_signed(client, page_comment("My kitchen tap is dripping at 4 Elm Court"))
    assert answer.status_code == 200
    run_jobs()
    [contact] = the_contacts(container)
    assert (contact.channel, contact.provider_message_id, contact.sender) == (
        "messenger", "comment-555_9001", "7766554433221100")
    assert contact.reply_to == "comment:555_9001" and contact.status == "routed"
    [request] = sent_to_meta(fake_graph)
    assert request["path"].endswith("/me/messages")  # Messenger: private, never /comments
    assert request["json"]["recipient"] == {"comment_id": "555_9001"}
    assert contact.reference in request["json"]["message"]["text"]
    assert request["auth"] == f"Bearer {PAGE_TOKEN}"
    assert not any("/comments" in r["path"] or "/replies" in r["path"]
                   for r in fake_graph.requests)


def test_an_emergency_in_an_instagram_comment_is_escalated_and_advised_privately(
    client, container, run_jobs, fake_graph
):
    post_signed(client, instagram_comment("I can smell gas in my flat, please help"))
    run_jobs()
    [contact] = the_contacts(container)
    assert contact.channel == "instagram" and contact.category == "emergency"
    with container.sessions() as session:
        alerted = session.scalars(select(alert_models.AlertContact.alert_id).where(
            alert_models.AlertContact.contact_id == contact.id)).all()
    assert alerted, "the emergency opened an alert"
    [advice] = sent_to_meta(fake_graph)  # the one private reply: safety advice
    assert advice["json"]["recipient"] == {"comment_id": "17865799348089039"}
    assert "0800 111 999" in advice["json"]["message"]["text"]


def test_the_same_comment_delivered_twice_is_one_contact(client, container, run_jobs, fake_graph):
    payload = page_comment("The front door lock is broken")
    assert post_signed(client, payload).status_code == 200
    assert post_signed(client, payload).status_code == 200
    run_jobs()
    assert len(the_contacts(container)) == 1
    assert len(sent_to_meta(fake_graph)) == 1


@pytest.mark.parametrize("payload", [
    page_comment("edited words", verb="edited"),
    page_comment("a post, not a comment", item="status"),
    page_comment("our own answer", sender=PAGE_ID),
    page_comment("liked", item="reaction", verb="add"),
], ids=["edit", "post", "own comment", "reaction"])
def test_edits_posts_reactions_and_our_own_comments_are_not_contacts(
    client, container, payload
):
    assert post_signed(client, payload).status_code == 200
    assert the_contacts(container) == []


def test_a_comment_with_a_bad_signature_is_refused_and_stores_nothing(client, container):
    answer = client.post("/webhooks/meta", data=encode(page_comment("hello")),
                         content_type="application/json",
                         headers={"X-Hub-Signature-256": "sha256=" + "0" * 64})
    assert answer.status_code == 403
    assert the_contacts(container) == []


def test_no_private_reply_goes_more_than_seven_days_after_the_comment(
    client, container, clock, fake_graph
):
    post_signed(client, page_comment("The fence is down"))
    [contact] = the_contacts(container)
    clock.advance(days=8)
    container.inbound.process(contact.id)
    with container.sessions() as session:
        [ack] = session.scalars(select(models.OutboundMessage)).all()
    container.outbox.send(ack.id)
    with container.sessions() as session:
        row = session.get(models.OutboundMessage, ack.id)
        assert row is not None and row.status == "failed"
        assert "within 7 days" in (row.error_message or "")
    assert sent_to_meta(fake_graph) == []


def test_broken_comment_events_are_skipped_without_costing_the_good_one(client, container):
    payload = page_comment("The communal door is stuck", comment_id="555_777")
    good = payload["entry"][0]["changes"][0]
    payload["entry"][0]["changes"] = [
        "not an object",
        {"field": "feed", "value": ["a", "list"]},
        {"field": "feed", "value": {"item": "comment", "verb": "add", "message": "no ids"}},
        {"field": "feed", "value": {"item": "comment", "verb": "add", "from": {"id": "1"},
                                    "comment_id": "9" * 500, "message": "id too long"}},
        {"field": "feed", "value": {"item": "comment", "verb": "add", "from": {"id": True},
                                    "comment_id": "1_2", "message": "boolean sender"}},
        good,
    ]
    assert post_signed(client, payload).status_code == 200
    [contact] = the_contacts(container)
    assert contact.provider_message_id == "comment-555_777"
