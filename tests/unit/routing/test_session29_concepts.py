"""Concepts from session 29. Found in session 28's review: a person's back ("break his back on
these stairs") is no supply "back on", so it does not set a danger aside as resolved. Found by
guard sentences (a danger begun in the past, then ended or going on): a door "boarded the same
night" was made secure, and a fitting "replaced yesterday" is mended. By fresh33: the reports a
danger came after ("after three weeks of me reporting a leak") do not make it a report now.
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # a person's back, not a supply back on
    ("the handrail on the stairs is hanging off the wall and my mum nearly broke her back on "
     "those steps", "hazard:structural:structural failure"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    # boarded "the same night" is made secure; a fitting "replaced yesterday" is mended
    "last week the front door got kicked in, it was boarded the same night and the new door is on "
    "now",
    "the socket started smoking on tuesday, it was replaced yesterday and works fine",
    # the reports a danger came after are no report of it now
    "Last winter our ceiling came down after three weeks of me reporting a leak. Nobody was hurt.",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    "the handrail is hanging off, someone is going to break his back on these stairs tonight",
    "sewage was coming up the toilet, it's back on the landing now, the smell is awful",
    "handrail came away in my hand, I landed on my back on the stairs, it's still hanging there",
    # a replacement long ago, or not the end of it
    "the socket was replaced last year and now it is sparking",
    "the plug was smoking, it's been replaced but now the socket is smoking too",
    "the front door was kicked in, it was replaced yesterday but it still doesn't lock",
    # boarded, but not the door
    "my front door was kicked in last night, the joiner boarded the window but the door still "
    "won't lock",
    # a danger begun in the past that goes on now, in other word orders
    "last night the ceiling started bulging, bits are still dropping off it now",
    "began yesterday. still sparking.",
    "it started last week, now the whole wall is wet round the fuse box",
    "the sewage first came up on saturday, it is still coming up through the shower tray",
    "last month the kitchen ceiling started to bulge and now it is falling down",
    "the socket was sparking on monday and it has been sparking on and off since",
    # reports, and the danger going on
    "I'm sick of reporting this, there's a gas smell in the kitchen",
    "after reporting it yesterday the gas smell is still there",
    "I reported a gas leak yesterday and nobody came",
    "our ceiling came down after weeks of us reporting the leak and water is still pouring through",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    "the power is back on now and the sockets are fine",
    "Sparks came out the socket earlier, electrician came and its back on now",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
