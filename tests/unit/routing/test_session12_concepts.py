"""Concepts from fresh14's first run (session 12). The sentences are written for these tests
(none is a corpus record); each was missed, wrongly paged or wrongly sorted before its change."""

from __future__ import annotations

import pytest

from routing import Message, Router
from routing.router import WANTS_TO_COMPLAIN

ROUTER = Router()
RULES = Router(use_model=False)


@pytest.mark.parametrize("text", [
    # What was reported before is happening now: "is now coming through".
    "the leak i told ya about last week is now coming through the light fitting and the "
    "electrics have tripped",
    # "has been without heating since" is going on, whatever day it began.
    "My nan has been without heating since the boiler was condemned last Friday. She is 88, "
    "lives alone and it is freezing.",
    # A fault ruled out is no fault: the alarm is really sounding.
    "the carbon monoxide alarm is going off, it's not the low battery beep, it's the proper "
    "loud alarm. we're outside",
    # "no longer works" is the fault, not its end.
    "water is dripping out of the ceiling rose and the hall light no longer works",
    # A yellow or orange pilot light with symptoms: carbon monoxide's warning signs.
    "my son keeps getting headaches and feeling sick, the pilot light on the boiler is orange",
    # Heating that "has not come on", for an 84-year-old in the cold.
    "The heating has not come on since Monday. I am 84 and it is freezing in here.",
    # Power gone to a bedbound man's air mattress: the trip will not reset.
    "the electric for his air mattress has gone off and the trip won't reset, he is bedbound",
    # A piece of the ceiling fell, more hanging.
    "the bedroom ceiling has been wet for weeks and tonight a big chunk has come down onto "
    "the floor",
    # The doctor in one sentence, the serious risk in the next (Awaab's Law).
    "The GP examined my baby today. She said the mould in his room is a serious risk to his "
    "health.",
    # A ground-floor window that will not close, and someone tried it.
    "we are on the ground floor and the window your workmen fitted can't be closed, someone "
    "tried the handle last night",
])
def test_these_are_emergencies_by_the_rules_alone(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    "the bathroom door lock is broken so I can't lock it from inside",
    "the smoke alarm goes off every time I cook, could it be moved away from the kitchen?",
    "I have been flooded with texts about my appointment, is it still on Thursday?",
    "Saw on the news about a fire at a block in Leeds. When is our next fire risk assessment "
    "and is there an evacuation plan?",
    "the trickle vent on the kitchen window has snapped off, can it be replaced",
    "the lights are out on the stairwell again, can someone change the bulbs",
    "the front door is not closing properly, I have to slam it every time to shut it",
    "Will the hot water be off when you replace the communal boiler next week?",
])
def test_these_are_not_emergencies(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency"


def test_saying_it_is_not_a_complaint_leaves_a_request_a_request() -> None:
    decision = ROUTER.route(Message(
        "This is not a complaint, just asking if the hedges on the estate could be trimmed "
        "more often"))
    assert decision.category == "service_request"


def test_a_resident_who_says_they_want_to_complain_has_made_a_complaint() -> None:
    """The model may not overrule their choice (Complaint Handling Code 1.3)."""
    decision = ROUTER.route(Message(
        "Send me an email back when you can. I'd like to complain about the parking firm you "
        "have brought in, they ticketed my carer in a visitor bay."))
    assert decision.category == "complaint"
    assert f"dissatisfaction:{WANTS_TO_COMPLAIN}" in [r.cue for r in decision.reasons]


@pytest.mark.parametrize("text", [
    # fresh15 (later in session 12): a forwarded site report is the report, not history.
    "FW: report from site\n-----Original Message-----\nFrom: foreman@builder.example\nSent: "
    "09:10\nSubject: Block D\nBricks have dropped off the parapet onto the footpath below and "
    "more are loose. Residents still walking underneath.",
    # A piece of a concrete slab come off.
    "a corner of the concrete slab over the entrance has come off and fallen on the step",
    # "the pilot goes yellow", with symptoms.
    "Every time the boiler comes on the pilot goes orange and my husband gets dizzy and sick",
])
def test_fresh15s_concepts_are_emergencies_by_the_rules_alone(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    "the towel rail has fallen down in the bathroom, can it be put back up",
    "a small drip from the bathroom ceiling when they flush upstairs, the ceiling's fine and "
    "no electrics nearby",
    "fire in the hole! only joking. please can the loft insulation be topped up",
    "There has been a flood of applications for the new flats, am I still eligible?",
    "Why have I been charged for the lock change when I was burgled? I have a crime number.",
])
def test_fresh15s_false_alarms_are_not_emergencies_by_the_rules(text: str) -> None:
    assert RULES.route(Message(text)).category != "emergency"
