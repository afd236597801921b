"""Concepts from fresh17's false alarms (session 14). The sentences are written for these tests
(none is a corpus record); each was paged before its change, and its dangerous neighbour in the
second test still is."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)


@pytest.mark.parametrize("text", [
    # Smoke from a barbecue or a bonfire outside, and a toaster's smoke, now over.
    "loads of smoke blowing over the fence from the bonfire two doors down, can you tell them",
    "smoke in the kitchen this morning but it was the toaster, everything is fine. can I "
    "have a new smoke alarm cover?",
    # A tap that hisses and splutters has air in its pipe.
    "the bath tap hisses then splutters when I first turn it on, is that an airlock?",
    # Taken down on purpose; the resident's own shed.
    "the aerial had to come down for the roofers, who puts it back up?",
    "my shed roof collapsed in the wind, it's my own shed, can I get a skip?",
    # Furniture, not a person.
    "the camping chair collapsed under my husband lol, he's fine. anyway the gate is broken",
    # What the fitters smashed was in the garden; the meter reader was the one smoking.
    "the new windows are great but the fitters smashed two of my flower pots",
    "the man who came to read the meter was smoking a cigarette in my hall",
])
def test_no_longer_paged(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category != "emergency", text


@pytest.mark.parametrize("text", [
    "smoke is pouring out of next door's kitchen window and their alarm is going",
    "the kitchen is full of smoke and I can't see where it's coming from",
    "there's a hissing noise from the gas pipe behind the cooker",
    "the bedroom ceiling has come down and there's water everywhere",
    "my mum has collapsed in the bathroom and isn't answering",
    "the electric meter is smoking and there's a burning smell in the hall",
    "someone smashed my bedroom window last night and I can't secure it",
])
def test_the_dangers_beside_them_still_page(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category == "emergency", text
