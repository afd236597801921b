"""Concepts from session 25 (false pages left on the tuned corpora: a rainwater pipe or an
aerial come away from a wall or roof; no lights in a porch or a garden). The sentences are
written for these tests (none is a corpus record); each change test was decided wrongly before
its change, and the guards (the other side of each change) are decided the same before and
after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

# Not paged (each was paged before)
NOT_PAGED = [
    # a rainwater pipe or an aerial come away is not the structure failing
    "The downpipe at the back has come away from the wall, it splashes on the path when it "
    "rains. Can someone refix it?",
    # lights out in a porch or a garden are not a home without power
    "There are no lights in the porch, the bulb has gone again, can you send someone?",
    "No lights in the back garden any more, the outside lamp has stopped working.",
]

# Not paged before or after (guards)
NOT_PAGED_BEFORE_AND_AFTER = [
    "Our TV aerial has come loose in the wind and is dangling off the chimney, the picture "
    "keeps going. Not urgent.",
]

# Paged before and after (the other side of each change)
PAGED_BEFORE_AND_AFTER = [
    # a wall or a ceiling coming away is still the structure failing
    "The wall in the bedroom is coming away and bulging out, bits keep falling off.",
    "The kitchen ceiling is hanging down in the middle and plaster is falling on the floor.",
    # no lights in the home is still a loss of power
    "We have no lights in the flat at all and the fuse box won't reset, I have a baby.",
    "No lights in the kitchen or the lounge, the whole flat has gone dark.",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_past_or_harmless_mentions_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


@pytest.mark.parametrize("text", PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
