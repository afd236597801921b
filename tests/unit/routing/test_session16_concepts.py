"""Concepts from fresh23's and fresh24's first runs (session 16). The sentences are written for
these tests (none is a corpus record); each change test was decided wrongly before its change,
and the guards (the other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

PAGED = [
    # A failed attempt is no end: "can't put it out" is not "put it out".
    "the chip pan's on fire and I can't put it out",
    "small fire in the bedroom bin, we couldn't put it out so we're all outside",
    # Carbon monoxide's symptoms now, after the alarm stopped with the windows open.
    "CO alarm went off half an hour ago. Opened the windows and it stopped but my wife has "
    "got a pounding headache and feels sick",
    # People all right are no end to a danger in the home.
    "got a proper shock off the bathroom light switch, my arm went numb. I'm ok now",
    "ceiling above the cooker is sagging and dripping, we're all fine now, just frightened",
    "fire in the loft, we're all out and safe now",
    # A room or thing still burning.
    "the garage is still burning, fire brigade on the way",
    # An age in years (normalised from "yrs") for a cold home.
    "no heat no hot water. flat 2 Elm House. 88 yrs. cold.",
    # The sentence's subject, however far from its effect.
    "The gable wall at the side of our house at 12 Orchard Rise, next to the bins, has "
    "opened up a big crack since the storm and is now leaning out over the path",
    # Guards: sparks from a socket; a relative's home reported by a third party is still ours.
    "sparks keep coming out of the plug socket behind the telly",
    "my mum's flat is flooding from the flat above, water through her light, she's 84",
    "a tree has come down and is leaning on the roof, the tiles are cracking",
]
NOT_PAGED = [
    # Someone who fell or was trapped being all right is its end.
    "I had a fall in the garden last month but I'm fine now, could I have a grab rail by the "
    "back step?",
    "thanks for getting my dad out of the lift on sunday, he's fine now",
    # A time in years is not an age.
    "I have been a tenant for 80 years almost and never had a problem",
    # A person leaning on a handrail, with the rail far from "leaning".
    "the handrail on the steps up to 22 Mill Lane flats is a little loose but holds fine "
    "when leaning on it, could it be tightened?",
    # An electrician ("a sparky") and the Sparks youth group.
    "my brother-in-law is a sparky, can he put a new light in the hall for me?",
    'is "Sparks" club on at the community centre this week?',
    # A fence panel, not a person.
    "the fence panel's collapsed again in the wind, could someone come and look",
]
# A danger in a home said not to be the landlord's: set aside, and the resident is asked.
ELSEWHERE = [
    "my son's flat (private landlord) had a fire in the kitchen last night, he's staying with "
    "us for now, do I need to tell you?",
    "my friend rents privately over in Leigh and she can smell gas, who should she ring?",
]


@pytest.mark.parametrize("text", PAGED)
def test_pages(text: str) -> None:
    # By the rules themselves (the model may page some of these on its own).
    assert RULES.route(Message(text, "sms")).category == "emergency", text
    assert ROUTER.route(Message(text, "sms")).category == "emergency", text


@pytest.mark.parametrize("text", NOT_PAGED)
def test_does_not_page(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category != "emergency", (text, decision.reasons)


@pytest.mark.parametrize("text", ELSEWHERE)
def test_a_danger_elsewhere_is_asked_about(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category != "emergency" and decision.ask_safety_question, text
    assert any(r.cue.startswith("ignored:elsewhere:") for r in decision.reasons)
