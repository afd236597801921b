"""What a caller hears on the freephone line and where each choice takes them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from channels.ivr import (
    IvrContext,
    greeting,
    menu_choice,
    message_recorded,
)
from tests.unit.ivr.conftest import LANDLINE, MOBILE
from tests.unit.ivr.twiml_check import BASE_URL, parse, spoken, verbs

TEXT_PROMISE = "send a text message to this phone"
CALLBACK_ASK = "phone number we can call you back on"


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_greeting_starts_with_gas_and_999_advice_that_cannot_be_skipped(
    open_ctx: IvrContext,
) -> None:
    root = parse(greeting(open_ctx))
    first = root[0]
    # Outside <Gather>, so a key press cannot cut the safety advice short.
    assert first.tag == "Say"
    safety = spoken(root)[0]
    assert safety.startswith("If you can smell gas")
    assert "National Gas Emergency Service" in safety
    assert "oh eight hundred, one one one, nine nine nine" in safety
    assert "life is in danger" in safety and "call nine nine nine" in safety


def test_greeting_menu_takes_keys_and_british_speech(open_ctx: IvrContext) -> None:
    root = parse(greeting(open_ctx))
    gather = root.find("Gather")
    assert gather is not None
    assert gather.get("input") == "dtmf speech"
    assert gather.get("language") == "en-GB"
    assert "gas leak" in (gather.get("hints") or "")
    assert gather.get("action") == f"{BASE_URL}/webhooks/twilio/voice/menu?attempt=1"
    # Silence falls through to the same handler, which decides what to do next.
    assert verbs(root)[-2:] == ["Gather", "Redirect"]
    assert root[-1].text == gather.get("action")


def test_prompts_are_slow_and_paused_in_a_british_voice(open_ctx: IvrContext) -> None:
    root = parse(greeting(open_ctx))
    for say in root.iter("Say"):
        assert say.get("language") == "en-GB"
        assert say.get("voice") == "Polly.Amy-Neural"
        prosody = say.find("prosody")
        assert prosody is not None and prosody.get("rate") == "90%"
    safety = root[0].find("prosody")
    assert safety is not None
    assert [b.get("time") for b in safety.iter("break")] == ["700ms", "700ms"]


def test_menu_mentions_relay_uk_and_offers_an_advisor_in_hours(open_ctx: IvrContext) -> None:
    words = " ".join(spoken(parse(greeting(open_ctx))))
    assert "Relay UK" in words and "one eight zero zero one" in words
    assert "To speak to an advisor, press 0" in words
    assert "not available at the moment" not in words


def test_out_of_hours_only_emergencies_are_live(closed_ctx: IvrContext) -> None:
    words = " ".join(spoken(parse(greeting(closed_ctx))))
    assert "not available at the moment" in words
    assert "emergency repairs twenty four hours a day" in words
    assert "press 1, or say emergency" in words
    assert "advisor, press 0" not in words


def test_advisor_option_out_of_hours_takes_a_message(closed_ctx: IvrContext) -> None:
    root = parse(menu_choice(closed_ctx, {"Digits": "0", "From": LANDLINE}, attempt=1))
    assert root.find("Dial") is None
    record = root.find("Record")
    assert record is not None
    assert query(record.get("action") or "")["option"] == ["advisor"]


def test_advisor_option_in_hours_rings_the_advisors(open_ctx: IvrContext) -> None:
    root = parse(menu_choice(open_ctx, {"Digits": "0", "From": LANDLINE}, attempt=1))
    dial = root.find("Dial")
    assert dial is not None
    assert dial.get("action") == f"{BASE_URL}/webhooks/twilio/voice/advisor-status"
    assert [n.text for n in dial.iter("Number")] == list(open_ctx.advisor_numbers)


def test_no_input_repeats_the_menu_once(open_ctx: IvrContext) -> None:
    root = parse(menu_choice(open_ctx, {"From": LANDLINE}, attempt=1))
    assert spoken(root)[0] == "Sorry, we did not hear a choice."
    gather = root.find("Gather")
    assert gather is not None
    assert query(gather.get("action") or "")["attempt"] == ["2"]


def test_second_silence_takes_a_message_instead_of_hanging_up(open_ctx: IvrContext) -> None:
    root = parse(menu_choice(open_ctx, {"From": LANDLINE, "Digits": ""}, attempt=2))
    assert root.find("Gather") is None
    assert "take a message, so that we do not miss anything" in " ".join(spoken(root))
    order = verbs(root)
    assert order.index("Record") < order.index("Hangup")
    record = root.find("Record")
    assert record is not None
    assert query(record.get("action") or "")["option"] == ["no_choice"]
    # Even an empty recording is followed by words (and the safety advice), not silence.
    assert order[-2:] == ["Say", "Hangup"]
    assert "nine nine nine" in spoken(root)[-1]


def test_unknown_choice_reprompts_then_takes_a_message(open_ctx: IvrContext) -> None:
    first = parse(menu_choice(open_ctx, {"Digits": "7"}, attempt=1))
    assert spoken(first)[0] == "Sorry, we did not understand that."
    assert first.find("Gather") is not None
    third = parse(menu_choice(open_ctx, {"SpeechResult": "bananas"}, attempt=3))
    assert third.find("Gather") is None and third.find("Record") is not None


@pytest.mark.parametrize("form", [{"Digits": "1"}, {"SpeechResult": "I think there's a gas leak"}])
def test_emergency_choice_goes_straight_to_the_on_call_team(
    closed_ctx: IvrContext, form: dict[str, str]
) -> None:
    root = parse(menu_choice(closed_ctx, form, attempt=1))
    assert verbs(root) == ["Redirect"]
    assert root[0].text == f"{BASE_URL}/webhooks/twilio/voice/emergency"


def test_repeat_says_the_safety_advice_and_menu_again(open_ctx: IvrContext) -> None:
    root = parse(menu_choice(open_ctx, {"Digits": "9"}, attempt=2))
    assert spoken(root)[0].startswith("If you can smell gas")
    gather = root.find("Gather")
    assert gather is not None
    assert query(gather.get("action") or "")["attempt"] == ["1"]


def test_repair_message_is_recorded_and_transcribed_with_callbacks(
    open_ctx: IvrContext,
) -> None:
    root = parse(menu_choice(open_ctx, {"Digits": "2", "From": MOBILE}, attempt=1))
    record = root.find("Record")
    assert record is not None
    voice = f"{BASE_URL}/webhooks/twilio/voice"
    assert record.get("action") == f"{voice}/recorded?option=repair"
    assert record.get("transcribe") == "true"
    assert record.get("transcribeCallback") == f"{voice}/transcription?option=repair"
    assert record.get("recordingStatusCallback") == f"{voice}/recording?option=repair"
    assert record.get("finishOnKey") == "#"
    assert record.get("maxLength") == "120"


@pytest.mark.parametrize(
    "caller",
    [MOBILE, "+447911123456", "+447797712345", "+447624123456"],  # GB, GG, JE, IM ranges
)
def test_mobile_callers_are_told_a_text_will_follow(open_ctx: IvrContext, caller: str) -> None:
    words = " ".join(spoken(parse(menu_choice(open_ctx, {"Digits": "3", "From": caller}, 1))))
    assert TEXT_PROMISE in words
    assert CALLBACK_ASK not in words


@pytest.mark.parametrize("caller", [LANDLINE, "+441534123456", "anonymous", "+14155550100", None])
def test_other_callers_are_asked_for_a_number_not_promised_a_text(
    open_ctx: IvrContext, caller: str | None
) -> None:
    form = {"Digits": "4"} | ({"From": caller} if caller else {})
    words = " ".join(spoken(parse(menu_choice(open_ctx, form, attempt=1))))
    assert CALLBACK_ASK in words
    assert TEXT_PROMISE not in words


def test_after_the_message_mobiles_hear_about_their_reference(open_ctx: IvrContext) -> None:
    mobile = parse(message_recorded(open_ctx, {"From": MOBILE}))
    landline = parse(message_recorded(open_ctx, {"From": LANDLINE}))
    assert "reference number to this phone by text" in " ".join(spoken(mobile))
    assert "by text" not in " ".join(spoken(landline))
    assert verbs(landline) == ["Say", "Say", "Hangup"]
