"""Scope concepts added in session 8 (issue 15 point 5: the rules' own false alarms and misses).

Each case is a concept, written for this test (none is a corpus text): quoted email threads,
history at a previous address, a fire that is out, a key that snapped, a CO alarm's display,
"what if ... because it is happening now", damp and mould a doctor calls a serious risk.
"""

from __future__ import annotations

import pytest

from routing import Message, Router

RULES = Router(use_model=False)
ROUTER = Router()


def _category(text: str, subject: str | None = None) -> str:
    return RULES.route(Message(text, "email", subject)).category


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Thanks, the repair is booked for Friday.\n\nOn 3 Nov 2026, at 09:12, Repairs Team wrote:"
         "\n> Thank you for reporting the smell of gas in your kitchen. An engineer made it safe.",
         None),
        ("Hi, any news on the replastering date?\n\n-----Original Message-----\nFrom: A Tenant\n"
         "Sent: 12 October 2026\nWater is pouring through the ceiling onto the light fitting!",
         None),
        ("Hello, the decorating voucher would be lovely for the bedroom, thank you.\n\n"
         "> On 2 May, the housing officer wrote:\n> After the kitchen fire the property is safe.",
         "RE: Kitchen fire follow up"),
    ],
)
def test_a_hazard_only_in_the_quoted_earlier_thread_is_not_paged_but_asked(
    text: str, subject: str | None
) -> None:
    assert _category(text, subject) != "emergency"
    decision = ROUTER.route(Message(text, "email", subject))
    assert decision.category != "emergency"
    assert any(r.cue.startswith("ignored:quoted:") for r in decision.reasons)
    assert decision.ask_safety_question


@pytest.mark.parametrize(
    "text",
    [
        # the new part says it is happening again, or points to the quote as the report
        "It's happening again right now!\n\n> On Monday you wrote: water through the ceiling "
        "onto the light, we will send someone.",
        "Please see below from my neighbour, can you help\n\nOn 4 Dec 2026, Sam wrote:\n"
        "> there is smoke coming from the bin store",
        # too short a new part to set the quote aside
        "Help\n> sparks coming out of the socket in the kitchen",
    ],
)
def test_a_quoted_hazard_counts_when_the_new_part_carries_it_on(text: str) -> None:
    assert _category(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "My previous flat flooded every winter so I'd like to know if this block has defences.",
        "Fire brigade came yesterday, the fire in the bin store is out. Who cleans it up?",
        "Can I get a spare key for the communal door, mine snapped in half.",
        "with all this rain forecast do you give out sandbags? we flooded 3 yrs ago",
        "the sewage in the bin room got cleaned up last month, can the floor be painted",
        # the broad effect net, set aside by the resident's own "no rush" or "still works"
        "the bath tap in the spare room won't turn off fully, just a trickle, no rush",
        "the shower head has cracked and water sprays out of the side, still works though",
    ],
)
def test_history_a_fire_that_is_out_and_a_snapped_key_are_not_emergencies(text: str) -> None:
    assert _category(text) != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "the alarm in the hall keeps making a long beep and the screen says CO 90, is it broken?",
        "what would happen if the carbon monoxide alarm keeps beeping after a new battery? "
        "because that's what's happening now",
        "the fire alarm on the 4th floor landing is going off and it smells smoky",
        "the back door lock has jammed, i can't get it to lock at all and it's late",
        "the GP has written to say the mould in the bedroom is a serious risk to my son's chest",
        "black mould all over the nursery wall and our baby is 2 weeks old",
    ],
)
def test_these_are_emergencies(text: str) -> None:
    assert _category(text) == "emergency"


def test_mould_with_a_wheezing_child_stays_a_significant_hazard_not_an_emergency() -> None:
    # Awaab's Law's significant hazard (10 working days); only a medical professional's
    # "serious risk" or a newborn makes it an emergency hazard (reference/hazards.md).
    decision = RULES.route(Message("mould all over the baby's room and my little one keeps "
                                   "wheezing"))
    assert decision.category != "emergency"
    assert any(r.cue == "significant_hazard:damp_and_mould" for r in decision.reasons)
