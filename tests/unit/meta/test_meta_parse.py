"""Parsing Meta webhook deliveries (recorded-shape payloads in tests/fixtures/meta/)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channels.base import Channel, PayloadInvalid
from channels.meta import DeliveryStatus, parse_webhook
from tests.meta_helpers import PAGE_ID, PSID, encode, fixture, messenger

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def parse(payload: dict) -> object:
    return parse_webhook(encode(payload), NOW)


def test_messenger_text_becomes_one_message():
    batch = parse(fixture("messenger_text"))

    [message] = batch.messages
    assert message.channel == Channel.MESSENGER
    assert message.sender == PSID and message.recipient == PAGE_ID
    assert message.text == "I can smell gas in my kitchen"
    assert message.provider_message_id.startswith("m_AbCd")
    assert message.received_at == NOW
    assert message.raw["timestamp"] == 1795426199876  # Meta's own time is kept
    assert batch.statuses == [] and batch.skipped == []


def test_messenger_mixed_delivery_ignores_echoes_and_reads_keeps_the_rest():
    batch = parse(fixture("messenger_mixed"))

    by_id = {m.provider_message_id: m for m in batch.messages}
    assert set(by_id) == {"m_photo_0001", "m_quick_0001", "m_postback_0001"}
    photo = by_id["m_photo_0001"]
    assert [a.url for a in photo.attachments] == [
        "https://scontent.xx.fbcdn.net/v/t1.15752-9/damp.jpg?stp=dst-jpg"
    ]
    assert photo.attachments[0].content_type == "image/*"
    assert photo.text == "Location shared: 52.4862, -1.8904"
    assert by_id["m_quick_0001"].text == "Repairs"
    assert by_id["m_postback_0001"].text == "Report a repair"
    assert by_id["m_postback_0001"].sender == "8888888888888888"
    assert batch.statuses == [DeliveryStatus("m_our_sent_0001", "delivered")]
    assert batch.ignored == 2  # the echo of our own send and the read receipt
    assert batch.skipped == []


def test_quick_reply_without_text_uses_its_payload():
    batch = parse(messenger("", quick_reply={"payload": "EMERGENCY"}))
    assert batch.messages[0].text == "EMERGENCY"


def test_postback_without_mid_gets_a_stable_id_from_sender_and_time():
    payload = fixture("messenger_text")
    event = payload["entry"][0]["messaging"][0]
    del event["message"]
    event["postback"] = {"title": "Get Started", "payload": "GET_STARTED"}

    first = parse(payload).messages[0]
    again = parse(payload).messages[0]
    assert first.provider_message_id == again.provider_message_id
    assert first.provider_message_id == f"postback-{PSID}-1795426199876"


def test_instagram_uses_the_same_shape_and_drops_echoes():
    batch = parse(fixture("instagram_text"))

    [message] = batch.messages
    assert message.channel == Channel.INSTAGRAM
    assert message.sender == "1234567890123456"
    assert "lift" in message.text
    assert batch.ignored == 1


def test_whatsapp_text_sender_becomes_e164():
    batch = parse(fixture("whatsapp_text"))

    [message] = batch.messages
    assert message.channel == Channel.WHATSAPP
    assert message.sender == "+447400123456"
    assert message.text == "Bins have not been collected this week"
    assert message.provider_message_id.startswith("wamid.")
    assert message.raw["contact"]["profile"]["name"] == "Sam Resident"
    assert message.raw["message"]["timestamp"] == "1795426199"


def test_whatsapp_every_message_type_is_read_and_reactions_ignored():
    batch = parse(fixture("whatsapp_mixed"))

    by_id = {m.provider_message_id: m for m in batch.messages}
    assert set(by_id) == {
        "wamid.image0001", "wamid.location0001", "wamid.interactive0001",
        "wamid.button0001", "wamid.unsupported0001",
    }
    image = by_id["wamid.image0001"]
    assert image.text == "Mould behind the wardrobe"
    assert image.attachments[0].url == "whatsapp-media:1045678901234567"
    assert image.attachments[0].content_type == "image/jpeg"
    assert by_id["wamid.location0001"].text.splitlines() == [
        "Location shared: 52.4862, -1.8904", "Block C", "1 High Street"
    ]
    assert by_id["wamid.interactive0001"].text == "Report a repair"
    assert by_id["wamid.interactive0001"].sender == "+447400654321"
    assert by_id["wamid.button0001"].text == "Yes, still leaking"
    assert by_id["wamid.unsupported0001"].text == "[WhatsApp unsupported message]"
    assert batch.ignored == 1  # the reaction


def test_whatsapp_message_with_nothing_in_it_is_skipped_with_a_reason():
    payload = fixture("whatsapp_text")
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["text"] = {"body": " "}
    batch = parse(payload)
    assert batch.messages == [] and batch.skipped == ["whatsapp: message: no text or media"]


def test_whatsapp_statuses_become_delivery_statuses_with_error_codes():
    batch = parse(fixture("whatsapp_statuses"))

    assert batch.messages == []
    assert batch.statuses == [
        DeliveryStatus("wamid.ours0001", "sent"),
        DeliveryStatus("wamid.ours0001", "delivered"),
        DeliveryStatus("wamid.ours0002", "failed", "131047"),
    ]


def test_one_bad_event_does_not_cost_the_others():
    payload = fixture("whatsapp_text")
    messages = payload["entry"][0]["changes"][0]["value"]["messages"]
    messages.insert(0, {"from": "not-a-number", "id": "wamid.bad", "type": "text"})
    messages.insert(0, "garbage")
    payload["entry"].insert(0, "not an entry")

    batch = parse(payload)

    assert [m.provider_message_id for m in batch.messages] == [messages[2]["id"]]
    assert len(batch.skipped) == 3


def test_nul_characters_and_lone_surrogates_are_made_storable():
    raw = encode(messenger("gas\u0000 leak")).replace(b"gas", b"gas\\ud800")
    [message] = parse_webhook(raw, NOW).messages
    assert message.text == "gas? leak"
    json.dumps(message.raw).encode("utf-8")  # storable as UTF-8


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "expected JSON"),
        (b"[]", "JSON object"),
        (b'{"object": "user", "entry": []}', "object:"),
        (b'{"object": "page"}', "entry:"),
        (b'{"object": "page", "entry": {}}', "entry:"),
        (b'{"object": "page", "entry": [], "x": NaN}', "expected JSON"),
        (b'{"object": "page", "entry": [], "x": 1e999}', "expected JSON"),
        (b"[" * 100_000, "nested more than 64 levels"),
        (b"\xff\xfe", "expected JSON"),
    ],
)
def test_wrong_outer_shape_is_payload_invalid(body, reason):
    with pytest.raises(PayloadInvalid, match=reason):
        parse_webhook(body, NOW)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                               max_size=4),
    max_leaves=30,
)


@given(
    kind=st.sampled_from(["page", "instagram", "whatsapp_business_account"]),
    entries=st.lists(JSONISH, max_size=4),
)
def test_any_json_is_parsed_or_refused_cleanly(kind, entries):
    try:
        batch = parse_webhook(encode({"object": kind, "entry": entries}), NOW)
    except PayloadInvalid:
        return
    for message in batch.messages:
        assert message.provider_message_id and message.sender


@given(event=st.fixed_dictionaries({}, optional={
    "sender": st.one_of(JSONISH, st.fixed_dictionaries({"id": JSONISH})),
    "recipient": st.fixed_dictionaries({"id": JSONISH}),
    "timestamp": JSONISH,
    "message": st.one_of(JSONISH, st.fixed_dictionaries({}, optional={
        "mid": JSONISH, "text": JSONISH, "is_echo": JSONISH, "attachments": JSONISH,
        "quick_reply": JSONISH})),
    "postback": st.one_of(JSONISH, st.fixed_dictionaries({}, optional={
        "mid": JSONISH, "title": JSONISH, "payload": JSONISH})),
    "delivery": st.one_of(JSONISH, st.fixed_dictionaries({"mids": JSONISH})),
}))
def test_messenger_events_of_any_shape_never_raise_anything_else(event):
    payload = {"object": "page", "entry": [{"id": "1", "messaging": [event]}]}
    batch = parse_webhook(encode(payload), NOW)
    assert len(batch.messages) + len(batch.statuses) + batch.ignored + len(batch.skipped) >= 1
