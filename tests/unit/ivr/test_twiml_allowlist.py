"""Every response the IVR can give is XML using only TwiML that Twilio documents."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from channels import ivr
from channels.ivr import IvrContext
from tests.unit.ivr.conftest import LANDLINE, MOBILE
from tests.unit.ivr.twiml_check import parse

ROTA = [["+447400111001"], ["+447400111002"]]

Builder = Callable[[IvrContext], str]
BUILDERS: dict[str, Builder] = {
    "greeting": ivr.greeting,
    "menu no input": lambda c: ivr.menu_choice(c, {}, 1),
    "menu no input twice": lambda c: ivr.menu_choice(c, {"From": MOBILE}, 2),
    "menu unknown": lambda c: ivr.menu_choice(c, {"Digits": "8"}, 1),
    "menu emergency": lambda c: ivr.menu_choice(c, {"SpeechResult": "gas"}, 1),
    "menu repair": lambda c: ivr.menu_choice(c, {"Digits": "2", "From": LANDLINE}, 1),
    "menu advisor": lambda c: ivr.menu_choice(c, {"Digits": "0"}, 1),
    "menu repeat": lambda c: ivr.menu_choice(c, {"Digits": "9"}, 1),
    "emergency start": lambda c: ivr.emergency_start(c, ROTA, MOBILE),
    "emergency next tier": lambda c: ivr.emergency_dial_status(c, ROTA, 0, "busy"),
    "emergency message": lambda c: ivr.emergency_dial_status(c, ROTA, 2, "no-answer"),
    "emergency answered": lambda c: ivr.emergency_dial_status(c, ROTA, 0, "completed"),
    "screen": lambda c: ivr.oncall_screen(c, 1),
    "screen accepted": lambda c: ivr.oncall_screen_result(c, {"Digits": "1"}),
    "screen declined": lambda c: ivr.oncall_screen_result(c, {}),
    "advisor busy": lambda c: ivr.advisor_dial_status(c, {"DialCallStatus": "busy"}),
    "advisor done": lambda c: ivr.advisor_dial_status(c, {"DialCallStatus": "completed"}),
    "leave message": lambda c: ivr.leave_message(c, "rent", MOBILE),
    "recorded": lambda c: ivr.message_recorded(c, {"From": MOBILE}),
    "empty": lambda c: ivr.empty_response(),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize("hours", ["open", "closed"])
def test_response_is_documented_twiml(
    name: str, hours: str, open_ctx: IvrContext, closed_ctx: IvrContext
) -> None:
    ctx = open_ctx if hours == "open" else closed_ctx
    parse(BUILDERS[name](ctx))  # asserts element by element, attribute by attribute


@pytest.mark.parametrize(
    "bad",
    [
        "<Response><Speak>hi</Speak></Response>",  # not a verb
        '<Response><Say voice="Polly.Amy" rate="slow">hi</Say></Response>',  # not an attribute
        "<Response><Gather><Gather/></Gather></Response>",  # cannot nest
        '<Response><Record transcribeCallBack="x"/></Response>',  # wrong case
        '<Response><Dial timeout="2"><Number>+447400111001</Number></Dial></Response>',
        '<Response><Redirect method="POST">/relative</Redirect></Response>',
        '<Response><Gather action="/webhooks/twilio/voice/menu"/></Response>',
        '<Response><Say language="en-US">hi</Say></Response>',
        "<Response><Dial><Number>07400 111001</Number></Dial></Response>",
        "<Response><Say>unclosed</Response>",
    ],
)
def test_checker_rejects_what_twilio_would_not_honour(bad: str) -> None:
    with pytest.raises((AssertionError, SyntaxError)):
        parse(bad)
