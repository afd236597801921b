"""Twilio voice callbacks turned into our types: voicemails and emergency selections.

Ids are deterministic, so a retried or duplicated callback maps to the same
`provider_message_id` and intake stays idempotent:

- a voicemail is keyed on its ``RecordingSid`` (read from ``RecordingUrl`` when the field
  is absent). The Record action (``/recorded``), the recording status callback
  (``/recording``) and the transcription callback (``/transcription``) all describe
  the same recording, so all three give the same id;
- choosing the emergency option is keyed on ``CallSid`` (``"<CallSid>:emergency"``);
- `thread_key` is the ``CallSid``, so everything from one call threads together.

The menu option travels in the callback URL's ``option`` query parameter (the IVR puts it
there) and comes back as `routing_hint`.

What the service does with each (the views in `channels.ivr`'s table call these):

- ``/emergency``: `parse_emergency_selection` -> record it as a contact at once; the
  router sees ``routing_hint="emergency"`` and opens an alert. Whoever takes the call
  acknowledges it; if nobody does, escalation carries on.
- ``/recorded``: `parse_recording` -> record the voicemail (creates the contact; From/To
  are present here). A mobile caller is then texted the reference.
- ``/recording``: `parse_recording` -> the same id, so normally a no-op; it creates the
  contact only if ``/recorded`` never arrived (sender may then be empty).
- ``/transcription``: `parse_transcription` -> same id as the recording: set the message
  text to the transcript (an upsert, not a new contact) and classify it again, since a
  "repair" voicemail may describe a gas leak. None means nothing to do.
- ``/status``: `parse_call_status` -> bookkeeping only; creates nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from channels.base import Attachment, Channel, InboundMessage, PayloadInvalid
from channels.ivr import NO_CHOICE

RECORDING_CONTENT_TYPE = "audio/wav"  # what Twilio serves for a RecordingUrl with no suffix
EMERGENCY_SUFFIX = ":emergency"
_CALL_SID = re.compile(r"^CA[0-9a-fA-F]{32}$")
_RECORDING_SID = re.compile(r"^RE[0-9a-fA-F]{32}$")
_RECORDING_SID_IN_URL = re.compile(r"/Recordings/(RE[0-9a-fA-F]{32})(?:\.\w+)?/?$")
_OPTION = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_MAX_TRANSCRIPT_CHARS = 20_000


@dataclass(frozen=True)
class CallStatusUpdate:
    """The number's call status callback (``/status``), for call bookkeeping."""

    call_sid: str
    status: str
    caller: str | None
    duration_s: int | None


def recording_id(form: Mapping[str, Any]) -> str:
    """The recording's ``RecordingSid``, taken from ``RecordingUrl`` if not sent itself.

    Raises:
        PayloadInvalid: neither gives a Twilio recording SID.
    """
    sid = _text(form, "RecordingSid")
    if sid and _RECORDING_SID.match(sid):
        return sid
    match = _RECORDING_SID_IN_URL.search(_text(form, "RecordingUrl") or "")
    if match is None:
        raise PayloadInvalid("RecordingSid: required (or a RecordingUrl that names one)")
    return match.group(1)


def parse_recording(
    form: Mapping[str, Any], *, option: str | None, received_at: datetime
) -> InboundMessage | None:
    """A voicemail from the Record action or the recording status callback.

    Returns None when Twilio reports no audio (``RecordingStatus=absent``): the caller
    said nothing, and the call itself is handled elsewhere. A failed recording still
    becomes a message (without audio) so the attempt is not lost.
    """
    status = (_text(form, "RecordingStatus") or "completed").lower()
    if status == "absent":
        return None
    call_sid = _call_sid(form)
    rid = recording_id(form)
    url = _text(form, "RecordingUrl")
    duration = _text(form, "RecordingDuration") or "?"
    if status == "completed" and url:
        text = f"Voicemail from the freephone line ({duration} s); transcript to follow."
        attachments: tuple[Attachment, ...] = (Attachment(url, RECORDING_CONTENT_TYPE),)
    else:
        text = f"A caller tried to leave a voicemail but the recording {status}."
        attachments = ()
    return _voice_message(form, rid, call_sid, text, attachments, option, received_at)


def parse_transcription(
    form: Mapping[str, Any], *, option: str | None, received_at: datetime
) -> InboundMessage | None:
    """The transcript of a voicemail, with the same id as the recording it belongs to.

    Returns None when the transcription failed or is empty: the recording (already
    stored from ``/recorded``) is then the only record, and that is enough.
    """
    status = (_text(form, "TranscriptionStatus") or "").lower()
    transcript = _text(form, "TranscriptionText")
    if status != "completed" or not transcript:
        return None
    call_sid = _call_sid(form)
    rid = recording_id(form)
    url = _text(form, "RecordingUrl")
    attachments = (Attachment(url, RECORDING_CONTENT_TYPE),) if url else ()
    text = transcript[:_MAX_TRANSCRIPT_CHARS]
    return _voice_message(form, rid, call_sid, text, attachments, option, received_at)


def parse_emergency_selection(
    form: Mapping[str, Any], *, received_at: datetime, option: str = "emergency"
) -> InboundMessage:
    """The caller chose the emergency option: a contact in its own right.

    Recorded before anyone is rung, so an emergency call is known about even if the
    caller hangs up while we are still trying to reach the on-call team.
    """
    call_sid = _call_sid(form)
    text = "Emergency option chosen on the freephone line; ringing the on-call team."
    return _voice_message(
        form, f"{call_sid}{EMERGENCY_SUFFIX}", call_sid, text, (), option, received_at
    )


def parse_call_status(form: Mapping[str, Any]) -> CallStatusUpdate:
    """The number's call status callback (``CallStatus``, ``CallDuration``)."""
    duration = _text(form, "CallDuration")
    return CallStatusUpdate(
        call_sid=_call_sid(form),
        status=(_text(form, "CallStatus") or "").lower(),
        caller=_text(form, "From"),
        duration_s=int(duration) if duration and duration.isdigit() else None,
    )


def call_sid(form: Mapping[str, Any]) -> str:
    """The request's ``CallSid``; every voice webhook carries one.

    Raises:
        PayloadInvalid: missing or not a Twilio call SID.
    """
    return _call_sid(form)


def query_int(value: str | None, default: int, *, maximum: int = 100) -> int:
    """A small non-negative integer from a query string (``tier``, ``attempt``).

    A missing or garbled value gives `default` rather than an error: the caller is on the
    line, and carrying on with the menu beats a failed request.
    """
    if value is None or not value.strip().isdigit():
        return default
    return min(int(value), maximum)


def routing_hint(option: str | None) -> str | None:
    """The menu option from a callback URL, if it looks like one of ours."""
    return option if option and _OPTION.match(option) else None


# Menu option keys (the stored routing hint) -> the IVR choices the router understands.
# Rent is tenancy business; a landlord's own options count as "other".
ROUTER_CHOICES = {"emergency": "emergency", "repair": "repair", "complaint": "complaint",
                  "tenancy": "tenancy", "rent": "tenancy", "other": "other"}


def router_choice(hint: str | None) -> str | None:
    """The router's `ivr_choice` for a contact's routing hint (its IVR menu option)."""
    if hint is None or hint == NO_CHOICE:  # chose nothing: no hint for the router
        return None
    return ROUTER_CHOICES.get(hint, "other")


def _voice_message(
    form: Mapping[str, Any],
    provider_message_id: str,
    call_sid: str,
    text: str,
    attachments: tuple[Attachment, ...],
    option: str | None,
    received_at: datetime,
) -> InboundMessage:
    return InboundMessage(
        channel=Channel.VOICE,
        provider_message_id=provider_message_id,
        # Status and transcription callbacks may not repeat From/To; the service can
        # find the caller through thread_key (the CallSid) when these are empty.
        sender=_text(form, "From") or "",
        recipient=_text(form, "To") or "",
        text=text,
        received_at=received_at,
        raw={key: form[key] for key in form},
        attachments=attachments,
        routing_hint=routing_hint(option),
        thread_key=call_sid,
    )


def _call_sid(form: Mapping[str, Any]) -> str:
    sid = _text(form, "CallSid")
    if not sid or not _CALL_SID.match(sid):
        raise PayloadInvalid("CallSid: expected Twilio's call SID (CA + 32 hex digits)")
    return sid


def _text(form: Mapping[str, Any], name: str) -> str | None:
    value = form.get(name)
    return str(value).strip() if value is not None and str(value).strip() else None
