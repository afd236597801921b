"""Concepts from fresh16's first run (session 13). The sentences are written for these tests
(none is a corpus record); each was missed, wrongly paged or wrongly sorted before its change."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)


@pytest.mark.parametrize("text", [
    # Water reaching an extension lead or a power strip is water on electrics, whatever the
    # resident's "probably not urgent" says.
    "probably not urgent but the leak from upstairs is trickling down behind the telly onto "
    "the extension lead",
    "water running down the kitchen wall onto the power strip by the kettle",
    # No heating for a block of older residents, and "two degrees" in words is cold.
    "the communal heating is off across the scheme, residents are all over 80 and it is "
    "three degrees this morning",
    # Symptoms in the household with a carbon monoxide alarm's red light or beeping.
    "me and kids got headache and very sleepy today. alarm in kitchen beeping and red light",
])
def test_dangers_the_rules_now_page(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [
    # Rent arrears: "fallen behind" is not a fall.
    "I have fallen behind with the rent since my hours were cut, can we agree a plan?",
    # A fall told as history, in a request for an adaptation.
    "Please could I have a second stair rail? I have fallen once on these stairs.",
    # A sparking socket made safe the same night: what is left is the permanent repair.
    "the socket by the fridge sparked on Sunday, your electrician isolated it and fitted a "
    "blanking plate. when can it be replaced?",
    # A shower head spraying past the bath, a garden that floods when it rains: repairs.
    "the shower head is broken, sprays everywhere except the bath. can someone replace it",
    "our front garden floods whenever it rains heavily, can the drain be looked at?",
])
def test_no_longer_paged(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency", text


def test_no_water_coming_in_is_not_a_loss_of_the_water_supply() -> None:
    decision = RULES.route(Message("A slate has slipped on the roof. No water coming in yet, "
                                   "could you send someone to look?"))
    assert "loss_of_essential_service" not in decision.hazards



@pytest.mark.parametrize("text", [
    # fresh17's first run (later in session 13): a door that "hasn't locked for a week" or
    # "will not latch" and blows open cannot be secured.
    "the main door to our block hasn't locked for a week and last night someone got in and "
    "slept on the landing",
    "my front door will not latch since the repair and it blows open at night, I live alone",
])
def test_doors_that_do_not_lock_or_latch_page(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [
    # A place on the stairs, not a lift: "between floors 2 and 3".
    "the landing light between floors 4 and 5 keeps flickering, can it be changed",
    # A letter about rent "threatening me with court" is not a threat to life.
    "you keep sending letters threatening me with court when my rent is paid up",
    # "An invitation to burglars" is a risk, not a break-in.
    "the broken fence round the back is an open invitation to burglars, when will it be fixed",
    # "Flats 1-12" is a range of numbers, not minus twelve degrees.
    "the heating controls in flats 1-12 are confusing everyone, nobody is without heat",
    # A door that does not shut properly at the bottom but "locks fine" is secure.
    "the back door doesn't shut properly at the bottom, big draught. locks fine though",
])
def test_fresh17_false_alarms_are_not_paged(text: str) -> None:
    assert RULES.route(Message(text)).category != "emergency", text


def test_a_lift_stuck_between_floors_still_pages() -> None:
    for text in ("we're stuck between floors in the lift", "lift stuck between floors 2 and 3"):
        assert RULES.route(Message(text)).category == "emergency", text
