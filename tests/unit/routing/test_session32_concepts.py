"""Concepts from session 32, found by fresh46's first run and by guard sentences. Set aside: a
vulnerability the resident says they are not ("I'm not 'vulnerable'"); a supply said to be back
now before "but I want compensation"; sewage outside said not to be "in any of the houses" or
with "nothing inside the flats"; a socket "isolated" by the electrician, and "still isolated"
is no danger going on; a danger told in the past, then "It's all been made safe now"; a carbon
monoxide alarm chirping "once every 40 secs" (the low-battery chirp; the alarm itself sounds every
few seconds); a lift said to be stuck with "nobody in it", in its sentence or the next; what
a mended leak left "still" there (a hole, a stain, open boards, not plastered) is no leak going
on; a ceiling's water beside the repair's own work ("to find a leak", a plasterer); a structure
said after its failure, in the same sentence or the next, to be sound ("The wall itself is solid
and not leaning", "nothing drastic"), with no "but" there.
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import concept_tests, route, rules_cues

# Paged by the rules, with the rules' cue that pages each. No change this session pages more, so
# the list holds one plain danger as a guard (paged before and after), not a change test.
PAGED = [("the gas meter is hissing and I can smell gas", "hazard:gas")]

# Not paged (each was paged before)
NOT_PAGED = [
    "I'm not 'vulnerable' according to your letter but two weeks without heating is not "
    "acceptable, I want a date",
    "the CO alarm in the hall chirps once every 45 seconds, do I need a new one?",
    "Your contractor left us without power for two days longer than he said. Power is back now "
    "but I want compensation for the spoiled food.",
    "There's sewage bubbling out of a drain in the street by the bus stop, it's not in any of "
    "the houses. Thought you should know.",
    "smell of sewage from the grid on the pavement, nothing inside the flats",
    "The scorched socket in the bedroom was isolated by your electrician last week. Ten days on "
    "it's still isolated and I'm using an extension lead.",
    # what a mended leak left is "still" there, not the leak
    "The leak through my bedroom ceiling was fixed by your plumber in March, but the ceiling "
    "still has a hole in it and nobody has come to plaster it",
    "Water came through my hall ceiling near the fuse box three weeks ago and your man made it "
    "safe, but the ceiling's still got a hole and the wall smells damp",
    # the repair's own work
    "Your plumber cut a hole in the ceiling to find a leak and it's been left open for a month",
    # a structure said to be sound after it, in its sentence or the next
    "A couple of coping stones have come off the garden wall in the wind. The wall itself is "
    "solid and not leaning, can someone put them back",
    "the handrail on my stairs has come loose at the bottom, nothing drastic, just needs a screw",
]

# Still paged, after the changes
PAGED_GUARDS = [
    "my dad is stuck in the lift between floors and nobody is coming to help",
    "the lift is stuck with my son in it, no one inside the building is answering",
    "the CO alarm is beeping every 5 seconds and I feel sick",
    "the socket was isolated yesterday but it's still smoking and smells of burning",
    # a person who is isolated is no socket made safe
    "the socket is sparking, my nan is isolated and lives alone",
    "My mum is 90 and is isolated, her heating has broken and it's freezing",
    "Power is back now but the socket in the hall is sparking",
    "sewage coming up through the bath, it's not in any of the other flats, just mine",
    "I'm 84 and not 'vulnerable' on your system apparently, but I have no heating and it's "
    "freezing",
    "the water came through the ceiling last night and it's been made safe now but it's dripping "
    "again onto the light",
    "The leak was fixed last week but there's still a hole in the ceiling and now water is "
    "dripping through it onto the light again",
    "the leak was fixed on Monday but water is still dripping through the hole onto the light",
    "The ceiling came down last month, it was made safe but it's still open to the loft and now "
    "it's bulging again",
    "the old leak has started again and water is dripping through the ceiling onto the light",
    "the plasterer knocked a hole and now water is pouring through the ceiling onto the light "
    "switch",
    "water dripping from my kitchen ceiling light since the scaffolders were on the roof",
    "Bricks have come off the chimney. The chimney is solid but more bricks are loose at the top.",
    "the balcony is coming away from the wall, it's not safe",
    "The ceiling came down in the kitchen. It is not stable and more is falling.",
    "Part of the garden wall has fallen into the lane. It's not leaning any more but the rest is "
    "cracking.",
    "My bathroom ceiling has started to sag. I don't think it's going to fall yet but it's "
    "getting worse.",
]

# Still not paged, after the changes
NOT_PAGED_GUARDS = [
    "Water poured through my kitchen ceiling on Tuesday night. Everything has been made safe now, "
    "but I'd like to complain about how long it took.",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED,
    PAGED_GUARDS, NOT_PAGED_GUARDS)


@pytest.mark.parametrize("text", [
    "Lift at Fenwick Court stuck on the 3rd floor since this morning, no one in it, the sign's up",
    "the lift in our block is stuck on the ground floor. Nobody inside. Can you send the lift "
    "company",
    "the lift at Orchard House is stuck at the top with nobody in it, please send the engineer",
])
def test_a_lift_stuck_with_nobody_in_it_is_no_one_trapped_to_the_rules(text: str) -> None:
    # The learned model may still page a stuck lift; the rules' lift cue no longer does.
    assert not rules_cues(route(text), "hazard:lift")


@pytest.mark.parametrize("text", [
    "The lift is stuck between floors 3 and 4. Nobody in it was hurt but they can't get out",
    "nobody is stuck in the lift at Carrow Point but my son is trapped in the other lift between "
    "floors",
])
def test_a_lift_with_someone_in_it_still_pages_by_the_rules(text: str) -> None:
    decision = route(text)
    assert decision.category == "emergency" and rules_cues(decision, "hazard:lift")
