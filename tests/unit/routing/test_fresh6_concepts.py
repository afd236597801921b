"""Concepts added after the fresh6 corpus; none of these texts is in any corpus.

Each case is what a resident or agent would notice: an emergency raised (or not), a complaint
logged (or not), the right hazard and `also_complaint`.
"""

from __future__ import annotations

import pytest

from routing import Message, Router
from routing.normalise import normalise

RULES = Router(use_model=False)  # the rules alone must carry every concept below


def _route(text: str, channel: str = "sms") -> tuple[str, tuple[str, ...]]:
    decision = RULES.route(Message(text, channel))
    return decision.category, decision.hazards


@pytest.mark.parametrize(
    "text",
    [
        "the handrail on our balcony has snapped, we live on the sixth floor",
        "spindles missing on the banister upstairs, there's a gap my toddler could fall through",
        "window in the lounge opens right up now the restrictor's gone, 10th floor",
        "the railing by the walkway is wobbling and it's a big drop to the car park",
    ],
)
def test_a_failed_barrier_at_height_is_an_emergency(text: str) -> None:
    assert _route(text) == ("emergency", ("structural",))


@pytest.mark.parametrize(
    "text",
    [
        "the balcony railing is loose, we're in a bungalow so no rush",
        "my window handle is broken so I can't open the window at all, 2nd floor, it's stuffy",
        "the window restrictor is a bit stiff, can someone adjust it? ground floor",
        "the balcony door is broken, 3rd floor, it won't open",
        "the handle on the balcony window is broken, we're on the 9th floor",
    ],
)
def test_a_barrier_fault_without_height_or_a_fall_is_not_an_emergency(text: str) -> None:
    assert _route(text)[0] == "service_request"


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("I can smell guess in the hall", "i can smell gas in the hall"),
        ("the see oh alarm is going", "the co alarm is going"),
        ("the smoke a lamb is going off", "the smoke alarm is going off"),
        ("the socket behind the telly is parking", "the socket behind the telly is sparking"),
        ("water coming through the sealing", "water coming through the ceiling"),
        ("main door is not close since a week", "main door wontclose since a week"),
    ],
)
def test_speech_to_text_and_second_language_slips_are_read_as_meant(heard: str, meant: str) -> None:
    assert normalise(heard) == meant


@pytest.mark.parametrize(
    "text",
    [
        "hello the see oh alarm in the bedroom is peeping and my wife feels dizzy",
        "there is smell of guess in the whole flat",
        "the wire is parking behind the cooker",
        "the front door of my house is not close, the lock is broken, I am alone with children",
    ],
)
def test_transcribed_and_second_language_emergencies_are_raised(text: str) -> None:
    assert _route(text, "voice")[0] == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "the parking bay outside is always full, can we have permits",
        "I guess the boiler needs a service, when is it due?",
        "the bus stop is not close to the flats, can the shuttle stop here",
    ],
)
def test_the_same_words_in_ordinary_use_raise_nothing(text: str) -> None:
    assert _route(text)[0] != "emergency"


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("my dad pressed his pendant at 3am and the call centre can't get hold of him", "welfare"),
        ("nobody can get hold of my nan since yesterday, she's 88", "welfare"),
        ("someone has padlocked the emergency exit on the ground floor", "fire"),
        ("the fire escape is chained shut at the back of the block", "fire"),
        ("workmen dug a trench across the path, no barrier, a lady nearly fell in", "structural"),
        ("our storage heaters are not working, the flat is freezing and my husband is 80",
         "loss_of_essential_service"),
        ("no heating since Monday and my two year old has a cough", "loss_of_essential_service"),
        ("oh don't worry about the gas smell on the stairs, it'll sort itself out", "gas"),
        ("roof tiles are sliding off onto the path outside the school", "structural"),
    ],
)
def test_new_emergency_concepts(text: str, hazard: str) -> None:
    category, hazards = _route(text)
    assert category == "emergency" and hazard in hazards


@pytest.mark.parametrize(
    "text",
    [
        "I can't get hold of my housing officer, she never replies",
        "I can't contact my son's school about the move",
        "I managed to get hold of mum, she's fine",
        "the light in the lift shaft has gone",
        "the ceiling stain is smoke damage from the fire next door",
        "thanks for coming out so fast yesterday for the gas leak, the engineer was great",
        "at my old house we had a gas leak, can you check my cooker at the service",
        "is it normal for the carbon monoxide alarm to flash green? it isn't beeping",
        "no smell of gas, the pipes just make a banging noise when the heating comes on",
        "small flood from the washing machine last week, I mopped it up and it's dry now",
        "the fire exit sign on the 3rd floor is not lit",
    ],
)
def test_scope_keeps_past_resolved_and_harmless_mentions_out(text: str) -> None:
    assert _route(text)[0] != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "So much for 'same day repairs'. Third day now.",
        "Ten out of ten for the plumber who 'fixed' my tap, it's worse",
        "Your surveyor looked from the car park. That isn't an inspection.",
        "The officer told me to just open a window and put up with it.",
        "I wish to appeal the decision on my banding, my evidence was not properly considered",
        "I've been charged for window cleaning we never get. Please correct this.",
        "I rang 6 times and the line is always engaged",
        "I couldn't get through to anyone on your phone line for 40 minutes",
        "this is taking too long, the leak was reported in June",
        "how do I complain about the caretaker? he shouted at my son",
    ],
)
def test_dissatisfaction_without_the_usual_words_is_a_complaint(text: str) -> None:
    assert _route(text)[0] == "complaint"


@pytest.mark.parametrize(
    "text",
    [
        "how do I make a complaint?",
        "where can I find your complaints policy?",
        "can my daughter complain for me or do I have to do it myself?",
        "How long do you have to reply to a stage 1 complaint?",
        "What's the difference between a complaint and a repair? I don't want to complain.",
    ],
)
def test_asking_how_to_complain_is_a_request_for_information(text: str) -> None:
    assert _route(text)[0] == "service_request"


@pytest.mark.parametrize(
    "text",
    [
        "I want to make a complaint. How long will it take?",
        "how do I make a complaint about the repairs team",
    ],
)
def test_a_stated_intent_or_target_keeps_it_a_complaint(text: str) -> None:
    assert _route(text)[0] == "complaint"


@pytest.mark.parametrize(
    ("text", "also_complaint"),
    [
        ("the stairwell is full of smoke right now and your emergency line is engaged", True),
        ("love that I pay rent to live in a fridge, no heating and my baby is ill", True),
        ("our kitchen ceiling fell in an hour ago and water's still dripping", False),
    ],
)
def test_also_complaint_on_emergencies(text: str, also_complaint: bool) -> None:
    decision = RULES.route(Message(text))
    assert decision.category == "emergency"
    assert decision.also_complaint is also_complaint
