"""The freephone line end to end: signed Twilio voice webhooks through the Flask app.

Each test plays a whole call as Twilio would (the greeting, the caller's key presses,
Dial and Record callbacks, the transcription), checks every TwiML answer against the
documented verbs and attributes, and then checks what a resident or the on-call team
would notice: who was rung, what was stored, how it was classified, which text was sent.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from contact_hub.settings import Settings
from contact_hub.storage import models
from contact_hub.storage.alerts import models as alert_models
from tests.helpers import ACCOUNT_SID, MOBILE, PUBLIC_BASE
from tests.integration.escalation_fixtures import release_due, the_alert
from tests.unit.ivr.twiml_check import parse, spoken, verbs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "voice"
VOICE = "/webhooks/twilio/voice"
PRIYA, BEN = "+447700900101", "+447700900102"  # the rota's two tiers
FALLBACK = "+447700900999"
ADVISOR = "+442079460018"
LANDLINE = "+442079460000"
CALL = "CA" + "1" * 32
RECORDING = "RE" + "2" * 32
RECORDING_URL = f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{RECORDING}"


@pytest.fixture
def rota_file(tmp_path: Path) -> Path:
    copy = tmp_path / "oncall-rota.yaml"
    shutil.copy(FIXTURES / "oncall-rota.yaml", copy)
    return copy


@pytest.fixture
def settings(settings: Settings, rota_file: Path) -> Settings:
    """The shared test settings plus the voice configuration (opening hours, rota...)."""
    return settings.with_overrides(
        oncall_rota_file=str(rota_file),
        oncall_fallback_number=FALLBACK,
        advisor_numbers=(ADVISOR,),
        opening_hours="mon-fri 08:00-18:00",
        closure_days="2026-12-24",
    )


def call_form(caller: str = MOBILE, call_sid: str = CALL, **extra: str) -> dict[str, str]:
    """The parameters Twilio sends with every voice request (§1.1)."""
    form = {
        "AccountSid": ACCOUNT_SID,
        "ApiVersion": "2010-04-01",
        "CallSid": call_sid,
        "CallStatus": "in-progress",
        "Direction": "inbound",
        "From": caller,
        "To": "+448000000000",
        "Caller": caller,
        "Called": "+448000000000",
    }
    form.update(extra)
    return form


def recording_form(caller: str | None = MOBILE, **extra: str) -> dict[str, str]:
    form = call_form(caller or "", RecordingUrl=RECORDING_URL, RecordingDuration="14")
    if caller is None:  # status and transcription callbacks carry no From/To
        for name in ("From", "To", "Caller", "Called", "Direction", "CallStatus"):
            form.pop(name)
        form["RecordingSid"] = RECORDING
    form.update(extra)
    return form


def transcription_form(text: str, status: str = "completed") -> dict[str, str]:
    return recording_form(
        None,
        TranscriptionSid="TR" + "3" * 32,
        TranscriptionText=text,
        TranscriptionStatus=status,
        TranscriptionUrl="https://api.twilio.com/2010-04-01/Transcriptions/TR" + "3" * 32,
    )


def say(client: Any, twilio: Any, path: str, form: dict[str, str]) -> ET.Element:
    """POST a signed voice webhook; it must answer 200 with TwiML that passes the checks."""
    response = twilio.post(client, path, form)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    return parse(response.get_data(as_text=True), base_url=PUBLIC_BASE)


def dialled(root: ET.Element) -> list[str]:
    return [number.text or "" for number in root.iter("Number")]


def callback(root: ET.Element, tag: str, attribute: str = "action") -> str:
    element = next(root.iter(tag))
    return element.get(attribute, "").removeprefix(PUBLIC_BASE)


def contacts(container: Any) -> list[models.Contact]:
    with container.sessions() as session:
        rows = session.scalars(select(models.Contact).order_by(models.Contact.id)).all()
        for row in rows:
            list(row.attachments)  # load before the session closes
        return list(rows)


def events(container: Any, contact_id: int) -> list[models.ContactEvent]:
    with container.sessions() as session:
        query = select(models.ContactEvent).where(models.ContactEvent.contact_id == contact_id)
        return list(session.scalars(query.order_by(models.ContactEvent.id)))


def outbox(container: Any) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(
            session.scalars(select(models.OutboundMessage).order_by(models.OutboundMessage.id))
        )


def acknowledgements(container: Any) -> list[models.OutboundMessage]:
    """What the resident is sent (on-call pages for an alert go through the outbox too)."""
    return [m for m in outbox(container) if m.kind == "acknowledgement"]


def count(container: Any, model: Any) -> int:
    with container.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def text_of(root: ET.Element) -> str:
    return " ".join(spoken(root))


# --- the greeting and the menu -----------------------------------------------------------


def test_a_call_opens_with_gas_and_999_advice_then_a_spoken_or_keyed_menu(client, twilio):
    root = say(client, twilio, VOICE, call_form())

    first = spoken(root)[0]
    assert "oh eight hundred, one one one, nine nine nine" in first  # 0800 111 999
    assert "call nine nine nine" in first
    gather = next(root.iter("Gather"))
    assert gather.get("input") == "dtmf speech" and gather.get("language") == "en-GB"
    menu = text_of(root)
    assert "Relay UK" in menu  # text relay users hear how to reach us
    assert "press 1, or say emergency" in menu
    assert "press 0, or say advisor" in menu  # Monday 09:30: advisors are in
    assert "not available at the moment" not in menu
    assert root.find(".//prosody") is not None  # slowed down for clarity


def test_repeat_says_the_safety_advice_and_menu_again(client, twilio):
    root = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(Digits="9"))
    assert "nine nine nine" in spoken(root)[0]
    assert "press 1, or say emergency" in text_of(root)


def test_silence_repeats_the_menu_then_takes_a_message_rather_than_hang_up(client, twilio):
    again = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form())
    assert "Gather" in verbs(again)
    last = say(client, twilio, f"{VOICE}/menu?attempt=2", call_form())
    assert "Record" in verbs(last)
    assert "option=no_choice" in callback(last, "Record")


def test_an_advisor_is_rung_in_opening_hours(client, twilio):
    root = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(SpeechResult="advisor"))
    assert dialled(root) == [ADVISOR]
    nobody = say(client, twilio, f"{VOICE}/advisor-status", call_form(DialCallStatus="no-answer"))
    assert "Record" in verbs(nobody)  # no advisor free: the caller leaves a message


def test_out_of_hours_only_emergencies_are_live_and_everything_else_is_recorded(
    client, twilio, clock
):
    clock.now = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)  # a Saturday
    greeting = text_of(say(client, twilio, VOICE, call_form()))
    assert "Our advisors are not available at the moment" in greeting
    assert "press 0" not in greeting

    advisor = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(Digits="0"))
    assert dialled(advisor) == [] and "Record" in verbs(advisor)
    emergency = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(Digits="1"))
    assert callback(emergency, "Redirect", "method") == "POST"
    assert next(emergency.iter("Redirect")).text == f"{PUBLIC_BASE}{VOICE}/emergency"
    assert dialled(say(client, twilio, f"{VOICE}/emergency", call_form())) == [PRIYA]


@pytest.mark.parametrize(
    ("moment", "why"),
    [
        (datetime(2026, 12, 28, 10, 0, tzinfo=UTC), "substitute Boxing Day bank holiday"),
        (datetime(2026, 12, 24, 10, 0, tzinfo=UTC), "CLOSURE_DAYS"),
        (datetime(2026, 11, 23, 18, 0, tzinfo=UTC), "18:00 is closing time"),
    ],
)
def test_bank_holidays_and_closure_days_are_out_of_hours(client, twilio, clock, moment, why):
    clock.now = moment
    assert "not available at the moment" in text_of(say(client, twilio, VOICE, call_form())), why


# --- the emergency option ----------------------------------------------------------------


@pytest.mark.parametrize("words", ["water is coming through the light in the bathroom",
                                   "the socket in the kitchen is sparking and smoking"])
def test_a_danger_described_in_the_callers_own_words_is_the_emergency_option(
    client, twilio, words
):
    menu = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(SpeechResult=words))
    assert next(menu.iter("Redirect")).text == f"{PUBLIC_BASE}{VOICE}/emergency"


def test_a_routine_request_in_the_callers_words_is_not_an_emergency(client, twilio):
    menu = say(client, twilio, f"{VOICE}/menu?attempt=1",
               call_form(SpeechResult="I would like to pay my rent"))
    assert not [r for r in menu.iter("Redirect") if r.text.endswith("/emergency")]


def test_emergency_rings_each_tier_in_turn_then_records_a_message_and_is_an_emergency(
    client, twilio, container, run_jobs
):
    menu = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(SpeechResult="gas leak"))
    assert next(menu.iter("Redirect")).text == f"{PUBLIC_BASE}{VOICE}/emergency"

    tier0 = say(client, twilio, f"{VOICE}/emergency", call_form())
    [selection] = contacts(container)
    assert selection.routing_hint == "emergency"  # stored before anyone is rung
    assert dialled(tier0) == [PRIYA]
    assert callback(tier0, "Dial") == f"{VOICE}/dial-status?tier=0"
    assert callback(tier0, "Number", "url") == f"{VOICE}/screen?tier=0"

    tier1 = say(client, twilio, callback(tier0, "Dial"), call_form(DialCallStatus="no-answer"))
    assert dialled(tier1) == [BEN]
    tier2 = say(client, twilio, callback(tier1, "Dial"), call_form(DialCallStatus="busy"))
    assert dialled(tier2) == [FALLBACK]
    message = say(
        client,
        twilio,
        callback(tier2, "Dial"),
        call_form(DialCallStatus="completed", DialBridged="false"),  # declined at the screen
    )
    assert dialled(message) == []
    assert "could not reach our on-call team" in text_of(message)
    record_action = callback(message, "Record")
    assert record_action == f"{VOICE}/recorded?option=emergency"

    thanks = say(client, twilio, record_action, recording_form())
    assert "send your reference number to this phone by text" in text_of(thanks)
    run_jobs()

    selection, voicemail = contacts(container)
    assert selection.category == voicemail.category == "emergency"
    assert count(container, alert_models.Alert) >= 1  # the on-call team is alerted too
    assert voicemail.routing_hint == "emergency" and voicemail.status == "routed"
    assert [a.url for a in voicemail.attachments] == [RECORDING_URL]
    attempts = [e.detail for e in events(container, selection.id) if e.kind == "ivr_dial_attempt"]
    assert [a["tier"] for a in attempts] == [0, 1, 2]
    acks = acknowledgements(container)
    assert {m.recipient for m in acks} == {MOBILE} and {m.channel for m in acks} == {"sms"}
    assert selection.reference in acks[0].body and "emergency" in acks[0].body


def test_the_on_call_person_presses_1_to_take_the_call(client, twilio, container):
    say(client, twilio, f"{VOICE}/emergency", call_form())
    leg = call_form(PRIYA, call_sid="CA" + "9" * 32, Direction="outbound-dial")
    screen = say(client, twilio, f"{VOICE}/screen?tier=0", leg)
    assert callback(screen, "Gather") == f"{VOICE}/screen-result?tier=0"
    assert verbs(say(client, twilio, f"{VOICE}/screen-result?tier=0", {**leg, "Digits": "1"})) == []
    declined = say(client, twilio, f"{VOICE}/screen-result?tier=0", {**leg, "Digits": "2"})
    assert "Hangup" in verbs(declined)

    done = say(client, twilio, f"{VOICE}/dial-status?tier=0", call_form(DialCallStatus="completed"))
    assert "Hangup" in verbs(done) and dialled(done) == []


def test_the_numbers_rung_stay_the_same_for_the_whole_call_when_the_rota_changes(
    client, twilio, container, rota_file
):
    say(client, twilio, f"{VOICE}/emergency", call_form())
    rota_file.write_text(rota_file.read_text().replace(BEN, "+447700900155"))
    stat = rota_file.stat()
    os.utime(rota_file, (stat.st_atime, stat.st_mtime + 5))

    tier1 = say(
        client, twilio, f"{VOICE}/dial-status?tier=0", call_form(DialCallStatus="no-answer")
    )
    assert dialled(tier1) == [BEN]  # this call keeps the list it started with
    other_call = call_form(call_sid="CA" + "4" * 32)
    say(client, twilio, f"{VOICE}/emergency", other_call)
    next_call = say(
        client, twilio, f"{VOICE}/dial-status?tier=0", {**other_call, "DialCallStatus": "failed"}
    )
    assert dialled(next_call) == ["+447700900155"]  # a new call reads the edited file


def test_with_no_rota_file_the_fallback_number_is_rung(client, twilio, rota_file):
    rota_file.unlink()
    root = say(client, twilio, f"{VOICE}/emergency", call_form())
    assert dialled(root) == [FALLBACK]


def test_a_broken_rota_edit_keeps_ringing_the_last_good_rota(client, twilio, rota_file):
    say(client, twilio, VOICE, call_form())
    say(client, twilio, f"{VOICE}/emergency", call_form(call_sid="CA" + "5" * 32))
    rota_file.write_text("rota: {tiers: [")
    os.utime(rota_file, (rota_file.stat().st_atime, rota_file.stat().st_mtime + 5))
    assert dialled(say(client, twilio, f"{VOICE}/emergency", call_form())) == [PRIYA]


def test_a_replayed_emergency_creates_nothing_new_and_rings_the_same_people(
    client, twilio, container, run_jobs
):
    first = say(client, twilio, f"{VOICE}/emergency", call_form())
    again = say(client, twilio, f"{VOICE}/emergency", call_form())
    assert dialled(first) == dialled(again) == [PRIYA]
    assert len(contacts(container)) == 1
    run_jobs()
    assert len(acknowledgements(container)) == 1


def test_the_emergency_option_is_an_emergency_whatever_the_words_say(
    client, twilio, container, run_jobs
):
    say(client, twilio, f"{VOICE}/recorded?option=emergency", recording_form())
    say(
        client,
        twilio,
        f"{VOICE}/transcription?option=emergency",
        transcription_form("It's not an emergency, no rush, the bathroom light is flickering."),
    )
    run_jobs()

    [voicemail] = contacts(container)
    assert voicemail.text.startswith("It's not an emergency")
    assert voicemail.category == "emergency" and voicemail.queue == "emergencies"
    cues = [reason["cue"] for reason in voicemail.decision["reasons"]]
    assert "ivr_emergency_option" in cues
    assert count(container, alert_models.Alert) == 1


# --- messages ---------------------------------------------------------------------------


def test_a_message_is_routed_on_its_transcript_and_the_caller_texted_their_reference(
    client, twilio, container, run_jobs
):
    menu = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(Digits="2"))
    assert "a text message to this phone with your reference" in text_of(menu)
    record = next(menu.iter("Record"))
    assert record.get("transcribe") == "true"
    assert record.get("transcribeCallback") == f"{PUBLIC_BASE}{VOICE}/transcription?option=repair"
    assert record.get("recordingStatusCallback") == f"{PUBLIC_BASE}{VOICE}/recording?option=repair"

    say(client, twilio, f"{VOICE}/recorded?option=repair", recording_form())
    say(
        client,
        twilio,
        f"{VOICE}/recording?option=repair",
        recording_form(None, RecordingStatus="completed"),
    )
    run_jobs()
    [voicemail] = contacts(container)
    assert voicemail.status == "awaiting_transcript"  # not routed on "transcript to follow"
    assert outbox(container) == []

    say(
        client,
        twilio,
        f"{VOICE}/transcription?option=repair",
        transcription_form("The hinge on my kitchen cupboard door has come loose."),
    )
    run_jobs()

    [voicemail] = contacts(container)
    assert voicemail.text == "The hinge on my kitchen cupboard door has come loose."
    assert voicemail.routing_hint == "repair"
    assert [a.url for a in voicemail.attachments] == [RECORDING_URL]
    assert voicemail.status == "routed" and voicemail.category == "service_request"
    assert voicemail.queue == "repairs"
    [ack] = acknowledgements(container)
    assert (ack.channel, ack.recipient, ack.status) == ("sms", MOBILE, "simulated")
    assert voicemail.reference in ack.body


def test_a_repair_message_that_describes_an_emergency_is_escalated(
    client, twilio, container, run_jobs
):
    say(client, twilio, f"{VOICE}/recorded?option=repair", recording_form())
    say(
        client,
        twilio,
        f"{VOICE}/transcription?option=repair",
        transcription_form("There's a strong smell of gas in my kitchen and it's getting worse."),
    )
    run_jobs()

    [voicemail] = contacts(container)
    assert voicemail.category == "emergency" and voicemail.priority == 1
    assert "gas" in voicemail.decision["hazards"]
    assert count(container, alert_models.Alert) == 1
    [ack] = acknowledgements(container)
    assert ack.priority == "critical" and "emergency" in ack.body


def test_a_landline_caller_is_not_promised_a_text(client, twilio, container, run_jobs):
    menu = say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(LANDLINE, Digits="4"))
    assert "text message" not in text_of(menu)
    thanks = say(client, twilio, f"{VOICE}/recorded?option=rent", recording_form(LANDLINE))
    assert "text message" not in text_of(thanks)
    say(client, twilio, f"{VOICE}/transcription?option=rent", transcription_form("Rent query."))
    run_jobs()
    [ack] = acknowledgements(container)
    assert ack.status == "suppressed"


def test_a_failed_transcription_routes_the_voicemail_at_once(client, twilio, container, run_jobs):
    say(client, twilio, f"{VOICE}/recorded?option=complaint", recording_form())
    say(client, twilio, f"{VOICE}/transcription?option=complaint", transcription_form("", "failed"))
    run_jobs()

    [voicemail] = contacts(container)
    assert voicemail.status == "routed" and voicemail.category == "complaint"
    assert [m.recipient for m in acknowledgements(container)] == [MOBILE]


def test_a_transcript_that_never_comes_does_not_lose_the_voicemail(
    client, twilio, container, run_jobs, clock
):
    say(client, twilio, f"{VOICE}/recorded?option=repair", recording_form())
    clock.advance(minutes=2)
    container.sweeper.sweep()
    run_jobs()
    assert contacts(container)[0].status == "awaiting_transcript"

    clock.advance(minutes=4)
    assert container.sweeper.sweep().voicemails_released == 1
    run_jobs()
    [voicemail] = contacts(container)
    assert voicemail.status == "routed"
    assert [m.recipient for m in acknowledgements(container)] == [MOBILE]


def test_a_late_transcript_describing_an_emergency_still_escalates(
    client, twilio, container, run_jobs, clock
):
    say(client, twilio, f"{VOICE}/recorded?option=other", recording_form())
    clock.advance(minutes=6)
    container.sweeper.sweep()
    run_jobs()
    assert contacts(container)[0].category == "service_request"

    say(
        client,
        twilio,
        f"{VOICE}/transcription?option=other",
        transcription_form("Water is pouring through the ceiling onto the light fitting."),
    )
    run_jobs()
    [voicemail] = contacts(container)
    assert voicemail.category == "emergency"
    assert count(container, alert_models.Alert) == 1
    assert "emergency" in [m.body for m in acknowledgements(container)][-1]


def test_a_recording_callback_before_the_record_action_still_texts_the_caller(
    client, twilio, container, run_jobs
):
    status_only = recording_form(None, RecordingStatus="completed")
    say(client, twilio, f"{VOICE}/recording?option=repair", status_only)
    say(client, twilio, f"{VOICE}/recorded?option=repair", recording_form())
    say(client, twilio, f"{VOICE}/transcription?option=repair", transcription_form("Fence down."))
    run_jobs()

    [voicemail] = contacts(container)
    assert voicemail.sender == MOBILE
    assert [(m.recipient, m.status) for m in acknowledgements(container)] == [(MOBILE, "simulated")]


# --- bad and replayed callbacks ------------------------------------------------------------


def test_a_bad_signature_is_403_and_stores_nothing(client, twilio, container):
    form = call_form()
    for path in (VOICE, f"{VOICE}/emergency", f"{VOICE}/recorded?option=repair"):
        headers = twilio.headers(path, {**form, "From": "+447400999999"})  # signed other data
        response = client.post(
            path, data=form, headers=headers, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 403, path
    # A signature for one path does not pass on another (the option is signed too).
    good = twilio.headers(f"{VOICE}/recorded?option=repair", recording_form())
    response = client.post(
        f"{VOICE}/recorded?option=emergency",
        data=recording_form(),
        headers=good,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    assert count(container, models.Contact) == 0


@pytest.mark.parametrize(
    ("path", "form"),
    [
        (VOICE, {"From": MOBILE}),
        (f"{VOICE}/menu?attempt=1", {"Digits": "1"}),
        (f"{VOICE}/emergency", {"From": MOBILE, "CallSid": "not-a-sid"}),
        (f"{VOICE}/dial-status?tier=0", {"DialCallStatus": "no-answer"}),
        (f"{VOICE}/recorded?option=repair", call_form()),  # no recording named
        (f"{VOICE}/transcription?option=repair", {"CallSid": CALL, "TranscriptionText": "x"}),
        (f"{VOICE}/status", {"CallStatus": "completed"}),
    ],
)
def test_missing_fields_are_400_not_500(client, twilio, container, path, form):
    response = twilio.post(client, path, form)
    assert response.status_code == 400
    assert count(container, models.Contact) == 0


def test_replayed_recording_and_transcription_callbacks_create_nothing_new(
    client, twilio, container, run_jobs
):
    for _ in range(2):
        say(client, twilio, f"{VOICE}/recorded?option=repair", recording_form())
        say(client, twilio, f"{VOICE}/recording?option=repair", recording_form(None))
        say(client, twilio, f"{VOICE}/transcription?option=repair", transcription_form("Fence."))
        run_jobs()

    assert count(container, models.Contact) == 1
    assert len(acknowledgements(container)) == 1
    [voicemail] = contacts(container)
    assert [e.kind for e in events(container, voicemail.id)].count("transcribed") == 1


def test_call_status_is_bookkeeping_once_per_call(client, twilio, container):
    say(client, twilio, f"{VOICE}/status", call_form(CallStatus="completed", CallDuration="30"))
    assert count(container, models.Contact) == 0  # a call that left nothing stays nothing
    say(client, twilio, f"{VOICE}/emergency", call_form())
    for _ in range(2):
        say(client, twilio, f"{VOICE}/status", call_form(CallStatus="completed", CallDuration="95"))
    [selection] = contacts(container)
    ended = [e.detail for e in events(container, selection.id) if e.kind == "call_ended"]
    assert ended == [{"status": "completed", "duration_s": 95}]


def _pages(container: Any) -> list[str]:
    with container.sessions() as session:
        rows = session.scalars(
            select(models.OutboundMessage).where(models.OutboundMessage.kind == "alert_page")
        ).all()
        return [row.recipient for row in rows]


def _screened_leg(to: str, **extra: str) -> dict[str, str]:
    """The on-call person's leg of the Dial, as Twilio sends it to the screening URL."""
    return call_form(MOBILE, call_sid="CA" + "9" * 32, Direction="outbound-dial",
                     ParentCallSid=CALL, To=to, Called=to, **extra)


def test_taking_the_emergency_call_acknowledges_its_alert_so_nobody_else_is_paged(
    client, twilio, container, run_jobs, clock
):
    say(client, twilio, f"{VOICE}/emergency", call_form())
    run_jobs()  # routed: the alert opens and the first page goes out
    first_pages = _pages(container)
    assert first_pages
    joined = say(client, twilio, f"{VOICE}/screen-result?tier=0",
                 _screened_leg(PRIYA, Digits="1"))
    assert verbs(joined) == []  # the calls are joined

    alert = the_alert(container)
    assert (alert.state, alert.acknowledged_by, alert.acknowledged_via) == (
        "acknowledged", "Priya Shah", "voice")
    for _ in range(4):  # twenty minutes on, nobody else has been paged
        clock.advance(minutes=5)
        release_due(container, clock)
        run_jobs()
    assert _pages(container) == first_pages


def test_declining_the_emergency_call_leaves_its_alert_paging(client, twilio, container,
                                                              run_jobs):
    say(client, twilio, f"{VOICE}/emergency", call_form())
    run_jobs()
    declined = say(client, twilio, f"{VOICE}/screen-result?tier=0",
                   _screened_leg(PRIYA, Digits="2"))
    assert "Hangup" in verbs(declined)
    assert the_alert(container).state == "open"


@pytest.mark.parametrize("option", ["rent", "tenancy"])
def test_a_rent_or_tenancy_message_goes_to_the_tenancy_queue(
    client, twilio, container, run_jobs, option
):
    say(client, twilio, f"{VOICE}/recorded?option={option}", recording_form())
    say(client, twilio, f"{VOICE}/transcription?option={option}",
        transcription_form("Hello, please could someone call me back when you can. Thanks."))
    run_jobs()
    [voicemail] = contacts(container)
    assert voicemail.routing_hint == option  # agents still see the menu option chosen
    assert voicemail.category == "service_request" and voicemail.queue == "tenancy"
