"""Concepts from session 29. Found in session 28's review: a person's back ("break his back on
these stairs") is no supply "back on", so it does not set a danger aside as resolved.
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
NOT_PAGED: list[str] = []

# Paged before and after (guards)
PAGED_GUARDS = [
    "the handrail is hanging off, someone is going to break his back on these stairs tonight",
    "sewage was coming up the toilet, it's back on the landing now, the smell is awful",
    "handrail came away in my hand, I landed on my back on the stairs, it's still hanging there",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    "the power is back on now and the sockets are fine",
    "Sparks came out the socket earlier, electrician came and its back on now",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
