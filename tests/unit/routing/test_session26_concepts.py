"""Concepts from session 26 (found by the emergency floor and the new corpora).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

import pytest

from routing import Decision
from tests.unit.routing.concepts import route as _route


def _rules_cues(decision: Decision, prefix: str) -> list[str]:
    """The rules' own cues starting with `prefix` (not the learned model's)."""
    return [r.cue for r in decision.reasons if r.cue.startswith(prefix)]


# Paged by their other-language phrases (each was not paged before)
OTHER_LANGUAGES_PAGED = [
    # romanised Hindi/Urdu: the alarm went off and its battery was taken out (a harmless reading
    # of the alarm), then the whole household has a headache: carbon monoxide's warning sign
    "Raat ko CO alarm kai baar baja to humne battery nikaal di. Ab subah se sabko sar dard hai.",
    "Detector do baar baja, battery nikal di. Bachon ko sir dard aur ulti ho rahi hai.",
]

# Not paged before or after (guards)
NOT_PAGED_BEFORE_AND_AFTER = [
    # an alarm's low battery chirping once a minute, nobody unwell
    "Mera CO alarm har minute ek baar chirp karta hai, battery low hai, nayi battery chahiye.",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES_PAGED)
def test_other_languages_dangers_are_paged_by_their_phrases(text: str) -> None:
    decision = _route(text)
    assert decision.category == "emergency"
    assert any(cue.startswith("hazard:carbon_monoxide") for cue in _rules_cues(decision, "hazard"))


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
