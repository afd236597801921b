"""What a file is, judged by its bytes; and a web form submission as a message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from channels.base import Channel, PayloadInvalid
from channels.web_form import ReplyBy, WebFormSubmission, parse_submission
from contact_hub.services.media.content import KEPT_TYPES, UPLOAD_TYPES, examine
from contact_hub.storage.media.files import check_key
from tests.media_files import EXE_AS_JPEG, PDF, SCRIPT_WITH_JPEG_HEADER, jpeg, png

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SUBMISSION = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(("data", "kind"), [
    (png(), "image/png"), (jpeg(), "image/jpeg"), (PDF, "application/pdf"),
])
def test_photos_and_pdfs_are_recognised_by_their_bytes(data, kind):
    verdict = examine(data, UPLOAD_TYPES)
    assert verdict.allowed and verdict.detected_type == kind


@pytest.mark.parametrize(("data", "why"), [
    (EXE_AS_JPEG, "x-msdownload"), (SCRIPT_WITH_JPEG_HEADER, "not a readable one"),
    (b"", "empty"), (b"just some words", "unrecognised"), (PDF[:-7], "incomplete"),
])
def test_anything_else_is_refused_with_the_reason(data, why):
    verdict = examine(data, KEPT_TYPES)
    assert not verdict.allowed and why in (verdict.refused_because or "")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "contacts/../../x", "a\\b", "UP"])
def test_file_store_keys_are_never_paths_from_outside(key):
    with pytest.raises(ValueError):
        check_key(key)


def test_a_submission_replying_by_text_is_from_the_mobile_in_e164():
    message = parse_submission(WebFormSubmission(
        SUBMISSION, "Boiler broken", ReplyBy.TEXT, phone="07400 123456", name="Sam",
        address="4 Elm Court"), NOW)
    assert (message.channel, message.sender, message.reply_channel) == (
        Channel.WEB, "+447400123456", Channel.SMS)
    assert message.provider_message_id == f"web-{SUBMISSION}"
    assert message.text == "Boiler broken\n\nName: Sam\n\nAddress: 4 Elm Court"


def test_a_submission_replying_by_email_is_from_the_address_lower_cased():
    message = parse_submission(WebFormSubmission(
        SUBMISSION, "Boiler broken", ReplyBy.EMAIL, email="Sam@Example.ORG"), NOW)
    assert (message.sender, message.reply_channel) == ("sam@example.org", Channel.EMAIL)


@pytest.mark.parametrize("form", [
    WebFormSubmission("not-hex", "x", ReplyBy.EMAIL, email="a@example.org"),
    WebFormSubmission(SUBMISSION, "x", ReplyBy.TEXT, phone="020 7946 0018"),
    WebFormSubmission(SUBMISSION, "   ", ReplyBy.EMAIL, email="a@example.org"),
])
def test_a_submission_that_cannot_be_answered_is_refused(form):
    with pytest.raises(PayloadInvalid):
        parse_submission(form, NOW)
