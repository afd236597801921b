"""Parsing Graph notifications and messages (documented payload shapes in tests/fixtures/graph)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from channels.base import Channel, PayloadInvalid, SignatureInvalid
from channels.graph_mail import (
    our_message_id,
    parse_message,
    parse_notifications,
    trim_quoted_reply,
    verify_client_state,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "graph"
MAILBOX = "housing@magna.example"
BASE = "https://graph.microsoft.com/v1.0/users/housing@magna.example/messages"
NOW = datetime(2026, 11, 23, 9, 35, tzinfo=UTC)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def parse(name: str, **changes):
    return parse_message({**fixture(name), **changes}, MAILBOX, BASE, NOW)


def test_notification_names_the_message_and_carries_the_client_state():
    [found] = parse_notifications((FIXTURES / "notification_created.json").read_bytes())
    assert found.message_id == "AAMkAGUAAAwTW09AAA="
    assert found.change_type == "created"
    verify_client_state([found], "secretClientValue")
    with pytest.raises(SignatureInvalid):
        verify_client_state([found], "secretClientValuX")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"not json", "JSON"),
        (b"[]", "value"),
        (b'{"value": []}', "value"),
        (b'{"value": "x"}', "value"),
        (b'{"value": [1]}', "value[0]"),
        (b'{"value": [{"clientState": "s"}]}', "resourceData.id"),
        (b'{"value": [{"resourceData": {"id": "../../me"}}]}', "resourceData.id"),
        (b'{"value": [{"resourceData": {"id": 7}}]}', "resourceData.id"),
        (b"\xff\xfe", "JSON"),
    ],
)
def test_malformed_notifications_are_rejected_with_the_field_named(body, field):
    with pytest.raises(PayloadInvalid, match=field.replace("[", r"\[").replace("]", r"\]")):
        parse_notifications(body)


def test_missing_client_state_is_a_mismatch_and_no_state_configured_refuses_all():
    found = parse_notifications(b'{"value": [{"resourceData": {"id": "AAMk="}}]}')
    with pytest.raises(SignatureInvalid):
        verify_client_state(found, "secretClientValue")
    with pytest.raises(SignatureInvalid):
        verify_client_state(found, None)


def test_resident_message_becomes_an_email_contact_message():
    parsed = parse("message_resident.json")
    message = parsed.message
    assert parsed.ignored is None
    assert message.channel == Channel.EMAIL
    # internetMessageId, not Graph's id: stable however many times we are notified.
    assert message.provider_message_id.startswith("<DB9PR07MB8321A4B1C2D3E4F5@")
    assert message.sender == "jane.resident@example.com"
    assert message.recipient == MAILBOX
    assert message.subject == "Gas smell in the hallway"
    assert "I can smell gas in the hallway" in message.text
    assert "\r" not in message.text
    assert message.received_at == datetime(2026, 11, 23, 9, 31, 7, tzinfo=UTC)
    assert message.thread_key == "AAQkAGUAAAwTW09AAAQAB3v2Tq1fUkCkqf5wF5sV3E="
    [attachment] = message.attachments
    assert attachment.content_type == "image/jpeg"
    assert attachment.url.startswith(BASE + "/AAMkAGUAAAwTW09AAA%3D/attachments/")
    assert attachment.url.endswith("#meter%20cupboard.jpg")
    assert message.raw["body"]["content"].startswith("Hello")  # the raw is kept whole


def test_outlook_reply_is_trimmed_of_the_quoted_thread_and_lists_what_it_answers():
    message = parse("message_reply_outlook.json").message
    assert message.text == "The engineer has not come back to fix the cooker yet."
    assert "0800 111 999" in message.raw["body"]["content"]
    assert message.replies_to == (
        "<ch-0000000000000000000000000000000000000000@magna.example>",
        "<DB9PR07MB8321A4B1C2D3E4F5@DB9PR07MB8321.eurprd07.prod.outlook.com>",
    )


def test_gmail_reply_with_a_wrapped_wrote_line_is_trimmed():
    message = parse("message_reply_gmail.json").message
    assert message.text == "Thanks. The damp is now on the bedroom ceiling too."


@pytest.mark.parametrize(
    ("name", "reason"),
    [("message_auto_reply.json", "auto_reply"), ("message_bounce.json", "bounce")],
)
def test_auto_replies_and_bounces_are_recognised(name, reason):
    assert parse(name).ignored == reason


def test_our_own_mail_is_recognised_by_sender_and_by_our_message_id():
    assert parse("message_resident.json", **{
        "from": {"emailAddress": {"address": "Housing@Magna.example"}}
    }).ignored == "own_mail"
    ours = our_message_id("ack-12", MAILBOX)
    assert parse("message_resident.json", internetMessageId=ours).ignored == "own_mail"


@pytest.mark.parametrize(
    "headers",
    [
        [{"name": "Auto-Submitted", "value": "auto-generated"}],
        [{"name": "Precedence", "value": "auto_reply"}],
    ],
)
def test_each_auto_reply_header_is_enough(headers):
    assert parse("message_resident.json", internetMessageHeaders=headers).ignored == "auto_reply"


def test_a_do_not_auto_reply_header_alone_is_not_an_auto_reply():
    # Ticketing and case-management systems set it on messages people wrote.
    headers = [{"name": "X-Auto-Response-Suppress", "value": "All"}]
    assert parse("message_resident.json", internetMessageHeaders=headers).ignored is None


def test_auto_submitted_no_is_a_person_writing():
    headers = [{"name": "Auto-Submitted", "value": "no"}]
    assert parse("message_resident.json", internetMessageHeaders=headers).ignored is None


def test_out_of_office_subject_prefix_is_an_auto_reply():
    assert parse("message_resident.json", subject="Out of Office: back Monday").ignored == (
        "auto_reply"
    )


@pytest.mark.parametrize("missing", ["id", "internetMessageId"])
def test_message_without_its_ids_is_invalid(missing):
    payload = fixture("message_resident.json")
    del payload[missing]
    with pytest.raises(PayloadInvalid, match=missing):
        parse_message(payload, MAILBOX, BASE, NOW)


def test_message_without_a_sender_is_invalid():
    payload = {k: v for k, v in fixture("message_resident.json").items() if k not in (
        "from", "sender")}
    with pytest.raises(PayloadInvalid, match="from"):
        parse_message(payload, MAILBOX, BASE, NOW)


def test_text_without_a_reliable_quote_marker_is_kept_whole():
    text = "Boiler broken.\nFrom: the kitchen it sounds like banging.\nPlease help"
    assert trim_quoted_reply(text) == text


def test_a_reply_that_is_only_a_quote_is_kept_whole():
    text = "-----Original Message-----\nFrom: us\nSent: today\nTo: you\n\ngas"
    assert trim_quoted_reply(text) == text


def test_trailing_angle_quotes_are_trimmed():
    assert trim_quoted_reply("Still leaking\n\n> earlier\n> text\n") == "Still leaking"


def test_our_message_id_is_stable_per_key_and_in_the_mailbox_domain():
    first = our_message_id("ack-12", MAILBOX)
    assert first == our_message_id("ack-12", MAILBOX)
    assert first != our_message_id("ack-13", MAILBOX)
    assert first.startswith("<ch-") and first.endswith("@magna.example>")


def test_an_overlong_internet_message_id_is_stored_as_a_stable_hash():
    long_id = "<" + "x" * 300 + "@mail.example.com>"
    first = parse("message_resident.json", internetMessageId=long_id).message
    again = parse("message_resident.json", internetMessageId=long_id).message
    assert first.provider_message_id == again.provider_message_id
    assert first.provider_message_id.startswith("sha256:")
    assert len(first.provider_message_id) <= 200
    assert first.raw["internetMessageId"] == long_id
