"""Twilio voice webhooks for the freephone IVR: verify, parse, one service call, TwiML.

The paths and what each does are listed in `channels.ivr`; every request is checked
against X-Twilio-Signature (403, nothing stored) and a request without a CallSid is a
400. On-call paging calls have their own views under ``/page/...`` elsewhere.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from channels import ivr, twilio_voice
from contact_hub.services.contacts.voice import VoiceService
from contact_hub.web.context import container
from contact_hub.web.webhooks.signing import signed, twilio_signature
from contact_hub.web.webhooks.twilio import spill_if_database_down

bp = Blueprint("twilio_voice", __name__, url_prefix=ivr.VOICE_ROOT)

TWIML = "text/xml"


def _voice() -> VoiceService:
    return container().voice


def _base_url() -> str:
    """Where Twilio must call us back: PUBLIC_BASE_URL, else the host it called."""
    return container().settings.public_base_url or request.host_url


def _twiml(body: str) -> Response:
    return Response(body, mimetype=TWIML)


def _option() -> str | None:
    return twilio_voice.routing_hint(request.args.get("option"))


@bp.post("")
@signed("voice", twilio_signature)
def incoming_call() -> Response:
    """The number's Voice URL: safety advice first, then the menu."""
    twilio_voice.call_sid(request.form)
    return _twiml(_voice().greeting(_base_url()))


@bp.post("/menu")
@signed("voice", twilio_signature)
def menu() -> Response:
    """The caller's menu choice by key or speech (or nothing)."""
    twilio_voice.call_sid(request.form)
    attempt = twilio_voice.query_int(request.args.get("attempt"), 1)
    return _twiml(_voice().menu_choice(_base_url(), request.form, attempt))


def _emergency_unrecorded() -> Response:
    selection = twilio_voice.parse_emergency_selection(
        request.form, received_at=container().clock())
    return _twiml(_voice().emergency_unrecorded(_base_url(), selection))


def _nothing_to_say() -> Response:
    return _twiml(ivr.empty_response())


def _thanks_unrecorded() -> Response:
    """The caller is thanked as usual while their voicemail waits in the spill."""
    return _twiml(_voice().voicemail_recorded(_base_url(), request.form, None))


@bp.post("/emergency")
@signed("voice", twilio_signature)
@spill_if_database_down("voice_emergency", _emergency_unrecorded)
def emergency() -> Response:
    """The emergency option: recorded as an emergency contact, then the on-call team rung."""
    selection = twilio_voice.parse_emergency_selection(
        request.form, received_at=container().clock()
    )
    return _twiml(_voice().emergency(_base_url(), selection))


@bp.post("/dial-status")
@signed("voice", twilio_signature)
def dial_status() -> Response:
    """An on-call tier was rung: done if answered, else the next tier or a message."""
    call_sid = twilio_voice.call_sid(request.form)
    tier = twilio_voice.query_int(request.args.get("tier"), 0)
    return _twiml(_voice().emergency_dial_status(_base_url(), call_sid, request.form, tier))


@bp.post("/screen")
@signed("voice", twilio_signature)
def oncall_screen() -> Response:
    """Played to the on-call person who answered, before the calls are joined."""
    twilio_voice.call_sid(request.form)
    tier = twilio_voice.query_int(request.args.get("tier"), 0)
    return _twiml(_voice().oncall_screen(_base_url(), tier))


@bp.post("/screen-result")
@signed("voice", twilio_signature)
def oncall_screen_result() -> Response:
    """The on-call person's key press: 1 joins the calls."""
    twilio_voice.call_sid(request.form)
    return _twiml(_voice().oncall_screen_result(_base_url(), request.form))


@bp.post("/advisor-status")
@signed("voice", twilio_signature)
def advisor_status() -> Response:
    """Advisors were rung: done if one answered, else take a message."""
    twilio_voice.call_sid(request.form)
    return _twiml(_voice().advisor_dial_status(_base_url(), request.form))


@bp.post("/recorded")
@signed("voice", twilio_signature)
@spill_if_database_down("voice_recorded", _thanks_unrecorded)
def recorded() -> Response:
    """The Record action: the voicemail is stored and the caller thanked."""
    message = twilio_voice.parse_recording(
        request.form, option=_option(), received_at=container().clock()
    )
    return _twiml(_voice().voicemail_recorded(_base_url(), request.form, message))


@bp.post("/recording")
@signed("voice", twilio_signature)
@spill_if_database_down("voice_recording", _nothing_to_say)
def recording() -> Response:
    """The recording status callback: stores the voicemail if /recorded never came."""
    message = twilio_voice.parse_recording(
        request.form, option=_option(), received_at=container().clock()
    )
    if message is not None:
        _voice().record_voicemail(message)
    return _twiml(ivr.empty_response())


@bp.post("/transcription")
@signed("voice", twilio_signature)
@spill_if_database_down("voice_transcription", _nothing_to_say)
def transcription() -> Response:
    """The transcript of a voicemail: its text, and the voicemail is then routed on it."""
    recording_sid = twilio_voice.recording_id(request.form)
    message = twilio_voice.parse_transcription(
        request.form, option=_option(), received_at=container().clock()
    )
    _voice().transcription(message, recording_sid)
    return _twiml(ivr.empty_response())


@bp.post("/status")
@signed("voice", twilio_signature)
@spill_if_database_down("voice_status", _nothing_to_say)
def call_status() -> Response:
    """The number's call status callback: bookkeeping only."""
    _voice().call_status(twilio_voice.parse_call_status(request.form))
    return _twiml(ivr.empty_response())
