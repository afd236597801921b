"""Concepts from session 26 (found by the emergency floor and fresh40: a door named, then what
"it" will not do; the only way out in a fire shut; "not the little beep"; a toilet seat's hinge
and a toilet that keeps running; a door that locks with force; "since the break in"; "a
problem in a fire"; a boiler that whooshes as the heating comes on; fire safety failed where
residents cannot get out; a drain cleared and flowing again; a fire somewhere else; "or turn
the boiler off first?"; "every time it goes ... is stuck").
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import (
    assert_not_paged,
    assert_paged,
    assert_paged_by,
    route,
    rules_cues,
)

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
SECURE = "hazard:security:home cannot be secured"
NO_WAY_OUT = "hazard:fire:no way out in a fire"
PAGED = [
    # the door named, then what "it" will not do in the next sentence
    ("About my front door at 12 Oak Lane. Since the repair last week it will not latch and it "
     "blows open at night. I live on my own.", SECURE),
    ("The back door at number 4. It swings open in the wind unless I wedge a chair against it.",
     SECURE),
    # the only way out in a fire shut
    ("The fire door to the stairs on the 7th floor is jammed shut and won't open, and the other "
     "stairwell is closed for works, so there's no way down if there's a fire.", NO_WAY_OUT),
    ("The fire exit door at the bottom of the block is jammed shut and won't open.", NO_WAY_OUT),
    # a contrast, not a negation: "not the little beep"
    ("the alarm by the boiler is beeping really loud, not the little beep, it says CO and my "
     "son has a headache", "hazard:carbon_monoxide:alarm with symptoms"),
    # a fire alarm or fire doors failed where the residents cannot get out by themselves
    ("Warden here, the fire alarm panel is showing a fault and the fire doors aren't closing, "
     "most of our residents can't self evacuate.", NO_WAY_OUT),
    # romanised Hindi/Urdu: the alarm went off and its battery was taken out (a harmless reading
    # of the alarm), then the whole household has a headache: carbon monoxide's warning sign
    ("Raat ko CO alarm kai baar baja to humne battery nikaal di. Ab subah se sabko sar dard hai.",
     "hazard:carbon_monoxide:carbon_monoxide (hi)"),
    ("Detector do baar baja, battery nikal di. Bachon ko sir dard aur ulti ho rahi hai.",
     "hazard:carbon_monoxide:carbon_monoxide (hi)"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    # a toilet seat's hinge; a toilet that keeps running into its pan
    "Can I have a new toilet seat please, the hinge snapped. 12 Elm Road",
    "Third call now about my toilet that won't stop running, I want a plumber booked.",
    # it locks, with force
    "Since I moved in the back door doesn't lock properly without a lot of force. Can someone "
    "adjust it?",
    # the break-in something has lasted since
    "i'm just trying to find out when my back door is getting done it's been boarded up since "
    "the break in in er september that's nearly three months with a board on",
    # what a window would be in a fire
    "Mum's bedroom window won't open and the fire service said that's a problem in a fire. "
    "She's been waiting since October.",
    # a drain someone has cleared, flowing again
    "Re the sewage overflow on the 3rd: now that the contractor has cleared the blockage and "
    "everything is flowing again, can you book the clean-up of the patio?",
    # a fire somewhere else is no gas fire that will not turn off
    "Can someone check the smoke alarm on our landing? There was a fire in the bin store last "
    "week and now it won't stop chirping.",
    # what to do asked, not the boiler off ("or turn the boiler off first?")
    "We've just had a CO alarm fitted. If it goes off at night do we get the kids out first or "
    "turn the boiler off first?",
    # what happens each time the lift fails, told in a complaint
    "The lift has broken 6 times since September. It's working today but every time it goes my "
    "mum (wheelchair user, 9th floor) is stuck inside for days. What is the plan?",
    # a boiler that whooshes as the heating comes on
    "Is it normal that the new boiler makes a whooshing noise when the heating comes on? It "
    "works fine.",
    # (guards, not paged before or after)
    # an alarm's low battery chirping once a minute, nobody unwell
    "Mera CO alarm har minute ek baar chirp karta hai, battery low hai, nayi battery chahiye.",
    # a fire drill, everyone helped out
    "We had a fire drill today, all the residents who can't self evacuate were helped out fine.",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    "Help we are stuck in a fire on the 3rd floor",
    "my toilet is overflowing and won't stop, water everywhere",
    "the front door doesn't lock properly, anyone could walk in",
    "the ceiling has come down in the kitchen",
    "there's a whooshing noise coming from the gas pipe behind the cooker",
    "they smashed the back door in last night and it won't shut",
    "the drain has been cleared but sewage is still coming up in the garden",
    "water is coming through the light in the kitchen and the fuse box is wet",
    "the gas fire in the living room won't turn off and it smells of gas",
    "the boiler is off and we have no heating, my baby is 3 months old",
    "the lift has broken down again and my mum is stuck inside it between floors, every time it "
    "breaks this happens",    # (a person who has not come down is no danger denied)
    "Nobody came down to look at the gas smell and it's still there",
    "no one has come down to check the smell of gas yet, it is getting stronger",
    # (a gas meter whooshing "when it kicks in" is still a gas danger by its effect)
    "the meter makes a whooshing sound when it kicks in",
    # (a leak "flowing again" is not a drain flowing again)
    "The plumber stopped the leak this morning but now it's flowing again through the ceiling "
    "onto the light",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    # something else named in between
    "Our back door is new. The shed at the bottom of the garden is falling apart, it won't shut.",
    # the time waited with it not locking, now mended
    "The new back door was fitted on Friday. You never apologised for the month I waited with it "
    "not locking.",
    # it closes by itself now
    "Front door was fixed on Monday. It closes on its own now, thank you.",
]


@pytest.mark.parametrize(("text", "cue"), PAGED)
def test_dangers_told_in_new_words_are_paged_by_the_rules(text: str, cue: str) -> None:
    assert_paged_by(text, cue)


@pytest.mark.parametrize("text", NOT_PAGED)
def test_past_harmless_or_routine_mentions_are_not_paged(text: str) -> None:
    assert_not_paged(text)


@pytest.mark.parametrize("text", PAGED_GUARDS)
def test_the_guards_are_paged(text: str) -> None:
    assert_paged(text)


@pytest.mark.parametrize("text", NOT_PAGED_GUARDS)
def test_what_it_will_not_do_guards(text: str) -> None:
    assert rules_cues(route(text), "hazard:security") == []
