"""Concepts from session 21 (fresh35: after the event). The sentences are written for these
tests (none is a corpus record); each change test was decided wrongly before its change, and the
guards (the other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

# A danger named as the event something came after is history (each was paged before).
NOT_PAGED = [
    "the carpet fitter booked after the burst pipe never turned up, that's twice now",
    "Who do I ask about the decorating voucher I was promised after my ceiling came down?",
    "the men who came after the sewage overflow left their gloves in my yard, can someone "
    "collect them",
    "after the power cut on Sunday the clock on my oven is flashing, how do I reset it",
    # ... or the event something happened when, or in
    "the plumber who came when our tank burst was lovely, can he come back for the radiator",
    "please can you take away the broken glass left in my garden from the burglary",
    "who do I send the receipts to for the meat that spoilt in the power cut",
    # a cue's own words ending with the event it came after; a recharge for it
    "the bedroom ceiling got boarded up after the collapse, can we get a date for plastering",
    "you've sent me a recharge of £180 for the break-in damage to my door, the police have the "
    "crime number",
    # the ceiling named after the leak is the repair, not a leak through it
    "when is the plasterer coming to redo the ceiling after the leak",
    # an event over once it happened, told with a day gone by this week or last
    "my dad was stuck in the lift on Sunday for an hour, can I get the engineer's report",
    "there was a fire in the bin store last week, when will the new bins come",
    "someone set the skip on fire on Tuesday night, can it be taken away now",
    "when I was stuck in the lift they took ages, I want to complain",
    # guards: a night told in a complaint's story, the home secured since
    "Subject: Complaint\n\nIn March my door was kicked in. Nobody came that night and I "
    "spent the night with the door held shut with a sofa. The new door was fitted a week later "
    "and it is fine, but I want an apology for the wait.",
    # ... and someone tried the door, and it held
    "somebody tried my front door last night but it was locked and held, can I have a chain "
    "fitted",
    # guards: mended and fine now, a supply back on, and history already by its date
    "the gas engineer fixed the leak this morning, it was really bad then but it's fine now",
    "the power is back on the landing now, lights all working, thanks",
    "following the gas leak in May you said I'd get a new cooker, any news",
]

# Dangers now, after an earlier event (paged before and after).
PAGED = [
    "after the burst pipe this morning water is still pouring through the kitchen ceiling",
    "since the leak yesterday the light in the hall is sparking and buzzing",
    "the plasterer came after the leak but now the ceiling is bulging and dripping again",
    "after the fire next door we can smell smoke in the bedroom now and the alarm is going off",
    "there's a strong smell of gas in the kitchen after the engineer left",
    # a door that does not secure now (each was routine or asked)
    "the temp lock fitted after the break-in has failed, flat 4",
    "front door is held shut with a chair at the moment. 12 Ash Rd",
    "our front door is only kept closed by a wheelie bin pushed against it",
    # a danger compared with what happened after an earlier event is now (was asked)
    "the socket in the lounge sparked and went black this is the same as after the flood in "
    "march can someone come now it smells burnt",
    # a smell come back on the landing is no supply back on (was asked)
    "gas smell back on our landing, really strong",
    # a danger worse now after an earlier mending (each was asked)
    "there's a smell of gas by the cooker. the engineer fixed a leak there in the summer. it's "
    "really strong now",
    "the bedroom ceiling had a stain from the old leak which was fixed. in the last hour it's "
    "started bulging and dripping",
    # guards: the ceiling leaking or failing now
    "kitchen ceiling was propped after the collapse last night but it's cracking again now",
    "the ceiling after the leak upstairs is dripping again onto the light",
    "ceiling leaking badly from the bathroom upstairs",
    # guards: an event again now, a break-in days ago (the home may not be secure), a day named
    # now
    "my dad was stuck in the lift on Sunday and now it's stuck again with him in it",
    "we had a break in on Saturday and I'm scared to stay here",
    "I'm stuck in the lift at Ash Court, it's Saturday night and the alarm doesn't work",
    "there's a fire in the bin store, it's the second one since Monday",
    # guard: someone trying the door now
    "someone is trying my front door, I can hear the handle going",
]


@pytest.mark.parametrize("text", PAGED)
def test_a_danger_now_is_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", NOT_PAGED)
def test_what_is_over_is_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


def test_another_languages_power_cut_pages_for_someone_on_oxygen_with_the_power_advice() -> None:
    # Russian: "no light in the whole flat, mum is on an oxygen concentrator"
    decision = _route("нет света во всей квартире, у мамы кислородный концентратор")
    assert decision.category == "emergency"
    assert any(r.cue == "hazard:loss_of_essential_service:no_power (ru)" for r in decision.reasons)
    assert any("105" in line for line in decision.safety_advice)


def test_another_languages_power_cut_with_nobody_vulnerable_is_not_paged() -> None:
    # Hungarian: "no electricity since this morning" (a cut across a street is told apart only
    # in English, so another language's pages only as its loss of heating does)
    assert _route("reggel ota nincs aram").category != "emergency"
