"""Concepts from session 35. One shared fragment, `{{not_of_us}}`, now says a household is not
vulnerable or ill for both words: "nobody is vulnerable" and "none of us ill" are no
vulnerability (before, each word had its own set of negations and these two fell between them),
while "nan is not unwell but she's 91" is still an older person without heating. The sentences
are written for these tests (none is a corpus record); each change test was decided wrongly
before its change, and the guards are decided the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each: a plain danger as a guard (no change
# this session pages more).
PAGED = [
    ("no heating since monday and my nan is 91, the house is freezing", "hazard:"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "boiler's packed in so no heating, but nobody is vulnerable here, just book someone please",
    "no heating since monday, none of us ill thankfully, when can an engineer come",
]

# Paged before and after
PAGED_GUARDS = [
    "no heating and nan is not unwell but she's 91 and the flat is like ice",
    "no heating and my mum is ill in bed, it's freezing",
]

# Not paged before or after
NOT_PAGED_GUARDS = [
    "no heating and no one is unwell, just cold, can someone come this week",
]

(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
