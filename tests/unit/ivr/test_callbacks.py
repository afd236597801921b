"""Twilio voice callbacks become InboundMessages with stable, idempotent ids."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from channels.base import Attachment, Channel, PayloadInvalid
from channels.twilio_voice import (
    parse_call_status,
    parse_emergency_selection,
    parse_recording,
    parse_transcription,
    query_int,
    recording_id,
)

AT = datetime(2026, 11, 21, 22, 15, tzinfo=UTC)
CALL_SID = "CA" + "1" * 32
RECORDING_SID = "RE" + "a" * 32
RECORDING_URL = (
    f"https://api.twilio.com/2010-04-01/Accounts/AC{'0' * 32}/Recordings/{RECORDING_SID}"
)

RECORD_ACTION = {  # what Twilio posts to /recorded
    "CallSid": CALL_SID,
    "AccountSid": "AC" + "0" * 32,
    "From": "+447400123456",
    "To": "+448001234567",
    "CallStatus": "in-progress",
    "RecordingUrl": RECORDING_URL,
    "RecordingDuration": "37",
    "Digits": "#",
}
RECORDING_STATUS = {  # what Twilio posts to /recording
    "CallSid": CALL_SID,
    "AccountSid": "AC" + "0" * 32,
    "RecordingSid": RECORDING_SID,
    "RecordingUrl": RECORDING_URL,
    "RecordingStatus": "completed",
    "RecordingDuration": "37",
}
TRANSCRIPTION = {  # what Twilio posts to /transcription
    "CallSid": CALL_SID,
    "AccountSid": "AC" + "0" * 32,
    "From": "+447400123456",
    "To": "+448001234567",
    "TranscriptionSid": "TR" + "b" * 32,
    "TranscriptionText": "Hello, the damp in my bedroom is back, flat 4 Mill Court.",
    "TranscriptionStatus": "completed",
    "TranscriptionUrl": "https://api.twilio.com/2010-04-01/Transcriptions/TR" + "b" * 32,
    "RecordingSid": RECORDING_SID,
    "RecordingUrl": RECORDING_URL,
}


def test_record_action_becomes_a_voicemail_contact() -> None:
    message = parse_recording(RECORD_ACTION, option="repair", received_at=AT)
    assert message is not None
    assert message.channel is Channel.VOICE
    assert message.provider_message_id == RECORDING_SID  # read from the URL
    assert message.sender == "+447400123456" and message.recipient == "+448001234567"
    assert message.attachments == (Attachment(RECORDING_URL, "audio/wav"),)
    assert message.routing_hint == "repair"
    assert message.thread_key == CALL_SID
    assert message.received_at == AT
    assert "37 s" in message.text


def test_every_callback_for_one_recording_has_the_same_id() -> None:
    from_action = parse_recording(RECORD_ACTION, option="repair", received_at=AT)
    from_status = parse_recording(RECORDING_STATUS, option="repair", received_at=AT)
    from_transcript = parse_transcription(TRANSCRIPTION, option="repair", received_at=AT)
    ids = {m.provider_message_id for m in (from_action, from_status, from_transcript) if m}
    assert ids == {RECORDING_SID}


def test_transcript_is_the_text() -> None:
    message = parse_transcription(TRANSCRIPTION, option="complaint", received_at=AT)
    assert message is not None
    assert message.text == TRANSCRIPTION["TranscriptionText"]
    assert message.routing_hint == "complaint"
    assert message.attachments[0].url == RECORDING_URL


@pytest.mark.parametrize("change", [{"TranscriptionStatus": "failed"}, {"TranscriptionText": "  "}])
def test_failed_or_empty_transcript_changes_nothing(change: dict[str, str]) -> None:
    assert parse_transcription(TRANSCRIPTION | change, option="repair", received_at=AT) is None


def test_silent_recording_is_not_a_contact_but_a_failed_one_is() -> None:
    absent = RECORDING_STATUS | {"RecordingStatus": "absent"}
    assert parse_recording(absent, option="repair", received_at=AT) is None
    failed = parse_recording(
        RECORDING_STATUS | {"RecordingStatus": "failed"}, option="emergency", received_at=AT
    )
    assert failed is not None and failed.attachments == ()
    assert "recording failed" in failed.text and failed.routing_hint == "emergency"


def test_emergency_selection_has_a_deterministic_call_based_id() -> None:
    first = parse_emergency_selection(RECORD_ACTION, received_at=AT)
    again = parse_emergency_selection(RECORD_ACTION, received_at=datetime.now(UTC))
    assert first.provider_message_id == again.provider_message_id == f"{CALL_SID}:emergency"
    assert first.routing_hint == "emergency"
    assert first.sender == "+447400123456"


@pytest.mark.parametrize("option", ["", "../etc", "Repair Now", None])
def test_unrecognised_option_gives_no_routing_hint(option: str | None) -> None:
    message = parse_recording(RECORD_ACTION, option=option, received_at=AT)
    assert message is not None and message.routing_hint is None


@pytest.mark.parametrize(
    "change",
    [
        {"CallSid": ""},
        {"CallSid": "not-a-sid"},
        {"RecordingUrl": "https://example.org/recording.mp3"},
    ],
)
def test_malformed_callbacks_are_rejected(change: dict[str, str]) -> None:
    with pytest.raises(PayloadInvalid):
        parse_recording(RECORD_ACTION | change, option="repair", received_at=AT)


def test_recording_id_prefers_the_field_and_reads_urls_with_suffixes() -> None:
    assert recording_id({"RecordingSid": RECORDING_SID}) == RECORDING_SID
    assert recording_id({"RecordingUrl": RECORDING_URL + ".mp3"}) == RECORDING_SID


def test_call_status() -> None:
    update = parse_call_status(
        {"CallSid": CALL_SID, "CallStatus": "completed", "CallDuration": "95", "From": "+4474"}
    )
    assert (update.call_sid, update.status, update.duration_s) == (CALL_SID, "completed", 95)


@pytest.mark.parametrize(
    ("value", "expected"), [("2", 2), (None, 0), ("x", 0), ("-1", 0), ("100000", 100)]
)
def test_query_int(value: str | None, expected: int) -> None:
    assert query_int(value, 0) == expected
