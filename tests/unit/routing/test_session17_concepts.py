"""Concepts from session 17. The sentences are written for these tests (none is a corpus
record); each change test was decided wrongly before its change, and the guards (the other
side of each change) are decided the same before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from routing import Message, Router
from routing.analysis import english_lookalikes, possible_words
from routing.router import POSSIBLE_CUE
from tools import english_lookalikes as lookalikes_tool

ROUTER = Router()

# Read as English, but a hazard named in another language: a resident switching languages.
SWITCHING = [
    "the kaloryfer is cold in the bedroom",
    "hello, there is dym in the stairwell",
    "hi there, the zamek on my door is broken",
    "can someone look at the tavan in the bathroom",
]
# English words spelled like another language's hazard word (tools.english_lookalikes).
LOOKALIKES = [
    "we won a prize for the best garden on the estate",
    "could you fix the lounge window handle, no rush, it gets windy",
    "the bedroom radiator needs bleeding please",
    "can I put a gazebo up in the back garden for the party?",
    "please can I book my annual gas safety check for a weekday",
]


@pytest.mark.parametrize("text", SWITCHING)
def test_a_hazard_named_in_another_language_is_asked_about_in_an_english_message(
        text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.language == "en"
    assert decision.category != "emergency"
    assert decision.ask_safety_question
    assert any(r.cue == POSSIBLE_CUE for r in decision.reasons)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_english_words_spelled_like_another_languages_hazard_word_are_not(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.language == "en"
    assert not any(r.cue == POSSIBLE_CUE for r in decision.reasons)


def test_every_listed_lookalike_is_still_matched_by_a_hazard_word() -> None:
    """A word no `possible` word matches any more is stale: regenerate the list."""
    words = english_lookalikes()
    assert {"gas", "radiator", "prize", "gazebo", "windy"} <= words
    assert [w for w in sorted(words) if possible_words(w) != [w]] == []


def test_the_shipped_lookalikes_are_what_the_tool_writes(tmp_path: Path) -> None:
    if not lookalikes_tool.DICTIONARY.exists():
        pytest.skip("no /usr/share/dict/british-english (Debian's wbritish): cannot regenerate")
    assert lookalikes_tool.main(["--check"]) == 0
    # The check fails on a list that is not current.
    stale = tmp_path / "stale.txt"
    stale.write_text(english_lookalikes.__doc__ or "", "utf-8")
    assert lookalikes_tool.main(["--check", "--out", str(stale)]) == 1
