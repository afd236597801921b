"""Concepts from session 30, found by fresh44's first run and by guard sentences. A house
number is no negation ("the fascia on no 12 is hanging off": paged as denied); a resident trying
to put the power "back on" is no supply back ("the trip keeps going when I try to switch it back
on"), and workers who "stopped work" are no danger that stopped. Set aside: an outside fitting
that fell on a day gone by this week or last ("a ridge tile came off on Sunday, it's on the
lawn"), unless something after it goes on or is now; a socket that "looks fine"; cold that is
denied ("it's not freezing"); a window that "still locks fine" after a break-in attempt; a drip
"away from the light"; a door off its hinges "and leaning against" a wall; sewage "Cleared now."
on its own; a garden that is not secure (the home is); slates "smashed in the garden" (no
break-in); a bill or a reply that "has come in" (no structure).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # a house number, not "no"
    ("the guttering on no 14 is hanging off by one bracket right over the front path, my dad "
     "is 86 and walks under it", "hazard:structural:structural failure"),
    # an attempt to put the supply back on is not the supply back
    ("there's water dripping out of the bathroom light and the electrics trip every time I try "
     "to turn them back on", "hazard:electrical:water on electrics"),
    # people who stopped work, not the danger that stopped
    ("the chimney stack is cracked right through and rocking in the wind, the roofers have "
     "stopped work and moved the family out of the front bedroom",
     "hazard:structural:collapse or failing structure (by effect)"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "Two roof tiles blew off on Tuesday night and they're smashed in the garden. Nobody was hurt, "
    "could you book a roofer",
    "the guttering came down in the wind on Thursday night, it's on the patio, can it be put "
    "back up",
    "There was a hot plastic smell from the plug by the sofa last night so I unplugged the lamp. "
    "Today there's no smell and the socket looks fine, can someone check it",
    "the heating is only half working, the front room rads are cold but it's not freezing, "
    "please book an engineer",
    "someone tried to get in through the kitchen window at the weekend, police came, the window "
    "still locks fine but I'd like a better lock fitted",
    "the bin store door is off its hinges and leaning against the wall, can it be rehung",
    "the side gate is broken so the garden isn't secure and the dog keeps getting out",
    "Sewage came up out of the downstairs loo on Saturday. Cleared now.",
    "raw sewage all over the bathroom floor earlier. cleared now",
    "our water bill has come in 210 pounds higher since your man left the tap running",
    "the stage one reply has come in and I'm not happy with it",
]

# Still paged, after the changes
PAGED_GUARDS = [
    "a slate came off the roof on Monday and more are loose and sliding down now",
    "a slate fell off the roof last night and hit the car, more are hanging off",
    "the ceiling came down on Saturday and bits are still falling on the bed",
    "water is pouring through the light in the kitchen and the trip switch won't go back on",
    "smell of burning from the socket and it looks scorched, the plug is hot",
    "no heating and no hot water, it's freezing and my daughter is 3 months old",
    "someone has smashed the back door and now it won't lock, I'm on my own tonight",
    "the flat isn't secure, they forced the front door and it won't shut",
    "they've smashed in the back door and the flat is wide open",
    "sewage is coming up through the shower tray, I cleared it now but it keeps coming back",
    "the kitchen ceiling has come down, there's plaster everywhere and water coming through",
    "part of the bathroom ceiling has just come in, my son was in the bath",
    "the toilet is overflowing with sewage. Cleared now? no its still coming up",
]

# Still not paged, after the changes
NOT_PAGED_GUARDS = [
    "the electrician came last night and put the power back on, all fine now",
    "the roofers have stopped work because of the rain, when will they be back?",
    "we live at no 3, the bathroom extractor is not working",
    "On Saturday during the storm a tile came off and smashed on the path, nobody hurt",
    "the kitchen door has come off its hinges, could someone come and rehang it",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
