"""Concepts from session 37, found in the tuned corpora's false pages and by guard sentences.
Set aside: a danger told by its effect on a drain named with its place outside ("the drain
outside my door overflowed again", "the drain outside our block keeps overflowing"), when
nothing in its sentence or the next names a door or a room past the drain's own place: it is
outside the home, asked (the safety question), not paged. Sewage coming under a door, up through
a shower or into a hallway still pages, wherever the drain is. "No water" listed with the other
signs of a leak said to be absent ("there has been no water and nothing is sagging") is no
water supply lost. "On fire" as praise ("the new units look on fire", "my kitchen is on fire 🔥
thanks for the new units, they look amazing") is no fire. A structure "that collapsed" ("the
ceiling that collapsed in my son's room in March") is no person collapsed. The event a story is
told around ("before it came down", "why it came down") is no structure failing now.
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests, route

# Paged by the rules, with the rules' cue that pages each (guards: paged before and after).
PAGED = [
    ("The outside drain is overflowing and it is coming under the back door into the kitchen",
     "hazard:sewage:"),
    ("drain outside our block is overflowing and sewage is coming up through our shower",
     "hazard:sewage:"),
    ("Drain outside the front door overflowing with sewage. It's now in the hallway",
     "hazard:sewage:"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "The drain outside my door overflowed again after the rain. 4th time reported, nobody has "
    "fixed the cause",
    "the drain outside our flats keeps overflowing every time it rains, reported it loads",
    "Manhole outside the front gate overflowed again on Sunday, been rodded, still stinks. "
    "That's 3 times now",
    "There's a hairline crack along the bedroom ceiling, been there ages, there has been no water "
    "and nothing is sagging. Could a surveyor have a look sometime?",
    "the new kitchen units look on fire mate, cheers for sorting it",
    "my living room is on fire 🔥🔥 thanks for the new flooring, it looks amazing",
    "phoning about the ceiling that collapsed in my son's room in March, it was made safe and "
    "boarded, but the plastering still hasn't been done, three months now",
    "I am not satisfied with your stage one response about my ceiling. I had reported the water "
    "stain four times before it came down, and it offers nothing for the bed.",
]

# Guards: paged before and after
PAGED_GUARDS = [
    "the drain outside the back door is backing up and now it is coming up in the bath",
    "the drain outside my flat is overflowing with sewage right now and my little boy has been "
    "sick",
    "there's no water coming out of any tap since this morning, the whole block is off",
    "we have no water and nothing in the kettle, baby needs a bottle",
    "my kitchen is on fire help",
    "bin store looks on fire, flames coming out the door",
    "the garden looks amazing but the shed is on fire",
    "the man that collapsed on the stairs is still lying there and not moving",
    "the ceiling that collapsed is still dropping bits of plaster on the bed right now",
    "the ceiling is bulging and it came down on my bed an hour ago",
    "it has just come down in the hallway, the whole ceiling",
]

# Guards: not paged before and after
NOT_PAGED_GUARDS = [
    "can someone look at the manhole cover outside the block, there's a smell off it when it's "
    "warm, nothing coming in",
]

(test_paged_by_the_rules, test_not_paged, test_guards_paged,
 test_guards_not_paged) = concept_tests(PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)


def test_a_drain_overflowing_outside_is_asked_about() -> None:
    decision = route(NOT_PAGED[0])
    assert decision.ask_safety_question
    assert any(r.cue == "ignored:elsewhere:sewage" for r in decision.reasons)
