"""Concepts from session 28 (found by fresh37's false pages: "if something like the leak happens
again" is a question about a time to come, even after "wondering"; a cause asked after, "why the
ceiling came down in the first place", and "why did it take you 5 days", are history).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import assert_not_paged, assert_paged

# Not paged (each was paged before)
NOT_PAGED = [
    # a time to come, asked about after "wondering"
    "Just wondering, if something like the ceiling leak happens again, should I switch the "
    "electric off at the fuse box myself or wait for you?",
    # a cause asked after
    "Your letter says sorry, but I want to know why the ceiling came down in the first place.",
    "Why did it take you four days to send someone to look at my ceiling after the flat above "
    "flooded it? In the end it was fine.",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    # "not sure if" keeps a report a report
    "not sure if something like this counts but I can smell gas in the hallway right now",
    # what caused it in the first place is back
    "the leak that caused all this in the first place is back and pouring through the light "
    "fitting",
    # the wait asked about, the danger going on
    "why did it take you 3 hours to answer the phone? the water is still pouring through the "
    "ceiling",
    # a floor, not a day of the month
    "I can smell gas on 3rd, the whole landing reeks",
    "smoke coming from the flat on 4th, alarm going off",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_routine_mentions_are_not_paged(text: str) -> None:
    assert_not_paged(text)


@pytest.mark.parametrize("text", PAGED_GUARDS)
def test_the_guards_are_paged(text: str) -> None:
    assert_paged(text)
