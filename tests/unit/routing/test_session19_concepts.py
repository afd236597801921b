"""Concepts from session 19 (fresh31: everyday repairs and complaints that name a danger). The
sentences are written for these tests (none is a corpus record); each change test was decided
wrongly before its change, and the guards (the other side of each change) are decided the same
before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

# Not dangers now: each was paged before session 19.
NOT_NOW = [
    # a neighbour's house alarm going off, nothing broken (the model alone paged it)
    "the house alarm next door has been going off for an hour, I think they're on holiday, "
    "nothing looks broken",
    # a burglar alarm is not a break-in
    "Just to let you know the burglar alarm at number 4 keeps going off, no sign of anyone",
    # someone who fell and is in hospital is cared for: the rail is for coming home
    "my dad had a fall last week and he's in hospital now, can you fit a grab rail before he's "
    "discharged",
    # a hob's flame that looks normal
    "the back burner on my gas cooker won't spark, it lights with a lighter and the flame looks "
    "normal",
    # a figure of speech for a risk
    "the rubbish piled in the bin store is a fire waiting to happen, please clear it",
    # a number kept for a day it is needed
    "What's the number to report a gas leak? I want it in my phone just in case",
    # no heating, said not to matter for this household
    "the boiler's not working so no heating, but it's warm out and we're not vulnerable, "
    "whenever you can",
    # a list of leak signs ruled out
    "there's a crack in the bathroom ceiling, no water, no bulging, just a hairline in the paint",
    # the marks a fire that is out left behind
    "We had a small pan fire on Sunday, it's out and the fire brigade said it's safe, but the "
    "wall is blackened and the extractor fan melted, can someone replace it",
    # a window restrictor that works
    "the lock on my son's bedroom window is broken but the restrictor still stops it opening "
    "more than 10cm, second floor",
    # a subject line whose body asks what to do if it ever happens
    "Subject: question about gas smell\n\nHi, what should I do if I ever smell gas? Who do I "
    "ring?",
]

# Dangers now: each pages, before and after.
NOW = [
    "someone's broken in, the burglar alarm is going off and the back door is smashed",
    "the carbon monoxide alarm is going off and won't stop, I feel dizzy",
    "my mum has had a fall and she can't get up, she's 86",
    "flames coming out of the back of the gas hob",
    "the bin store is on fire",
    "the fire alarm is going off and I can smell smoke in the corridor",
    "number 12's gas leak is coming into my flat, I can smell it now",
    "no heating and my dad is 90 and very frail, it's freezing",
    "water coming through the bathroom ceiling onto the light, it's bulging",
    "the cooker hood is melting and there's black smoke",
    "the window restrictor is broken and my toddler can open the bedroom window wide, 3rd floor",
    "Subject: gas smell\n\nPlease come, it's really strong in the kitchen",
    "Subject: flood\n\nwater pouring through the ceiling now, the electrics are wet",
    "The leak was repaired on Monday but now water is pouring through the light fitting again",
    # the body unsure is no reason to set the subject line aside
    "Subject: gas smell\n\nNot sure if it's gas but something smells odd in the kitchen",
    "Subject: Gas smell\n\nHi, I don't know if this counts but there's a faint smell of gas near "
    "the boiler",
    # a subject line that names an event is not read by the body's history
    "Subject: Sparking socket\n\nThe socket in the lounge was sparking last year and was "
    "replaced. Please send an electrician.",
]

# A burglar alarm with someone heard inside: the model alone may not page an alarm, so the
# resident is asked (the safety advice and the question), not left routine.
ASKED = [
    "my burglar alarm is going off and I can hear someone downstairs",
]


@pytest.mark.parametrize("text", NOT_NOW)
def test_not_a_danger_now_is_not_paged(text: str) -> None:
    assert ROUTER.route(Message(text, "email")).category != "emergency"


@pytest.mark.parametrize("text", NOW)
def test_a_danger_now_still_pages(text: str) -> None:
    assert ROUTER.route(Message(text, "email")).category == "emergency"
    assert RULES.route(Message(text, "email")).category == "emergency"


@pytest.mark.parametrize("text", ASKED)
def test_a_burglar_alarm_with_someone_heard_is_asked(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category == "emergency" or decision.ask_safety_question


def test_someone_fallen_at_home_now_is_paged_and_in_hospital_is_not() -> None:
    now = ROUTER.route(Message("my dad has had a fall in the kitchen and can't get up", "sms"))
    cared_for = ROUTER.route(Message(
        "my dad had a fall in the kitchen and has been taken to hospital, can someone fit a rail "
        "by the back step before he comes home", "sms"))
    assert now.category == "emergency"
    assert cared_for.category != "emergency"
