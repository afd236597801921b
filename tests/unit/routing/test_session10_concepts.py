"""Concepts added in session 10 (issue 15): misses the earlier corpora showed, fixed as ideas.

Each case is written for this test (none is a corpus text): someone shut in by a key or lock
that failed, the only toilet blocked when "only" is said in the next sentence, carbon
monoxide's warning signs at an appliance with symptoms in people or pets, and a medical need
for a toilet as a vulnerability. The second list guards against over-reach.
"""

from __future__ import annotations

import pytest

from routing import Message, Router

RULES = Router(use_model=False)


def _decision(text: str):  # type: ignore[no-untyped-def]
    return RULES.route(Message(text, "sms"))


@pytest.mark.parametrize("text", [
    "the key has snapped in the front door lock and my dad is stuck inside, he can't get out",
    "My mum can't get out of the flat, the lock is jammed and she is 84",
    "The toilet is blocked again. It is our only toilet and we have two kids",
    "the boiler keeps popping when it comes on. we've all had headaches and the cat is lethargic",
    "the boiler flame is yellow and there are black marks on the wall above it, I feel dizzy",
    "our budgie is poorly and the dog is drowsy. The gas fire has soot all round it",
])
def test_the_danger_is_an_emergency(text: str) -> None:
    assert _decision(text).category == "emergency"


@pytest.mark.parametrize("text", [
    "the spare key snapped in the back door lock, we can still use the front door, no rush",
    "I can't get out to the shops because of my hip, can the key safe be moved",
    "toilet blocked, it is not the only one, we have an ensuite so no rush",
    "boiler is banging again, third time this month, fed up. I have a headache from the calls",
    "my dog died last month, and the boiler is banging, can someone look at it",
    "Hi, the heater has soot on it. Booking a service please.",
])
def test_the_same_words_without_the_danger_are_not(text: str) -> None:
    assert _decision(text).category != "emergency"


def test_a_stoma_is_a_vulnerability() -> None:
    decision = _decision("My husband has a stoma and the bathroom sink tap is dripping")
    assert "disability" in decision.vulnerabilities
    assert decision.category != "emergency"
