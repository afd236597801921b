"""What the session concept tests route with: one router, an email when the text starts with a
subject line, else an SMS."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from routing import Decision, Message, Router

ROUTER = Router()


def route(text: str) -> Decision:
    """An email when the text starts with a subject line, else an SMS."""
    return ROUTER.route(Message(text, "email" if text.startswith("Subject:") else "sms"))


def rules_cues(decision: Decision, prefix: str) -> list[str]:
    """The rules' own cues starting with `prefix` (not the learned model's)."""
    return [r.cue for r in decision.reasons if r.cue.startswith(prefix)]


def assert_paged_by(text: str, cue: str) -> None:
    """Paged, and by the rules' `cue` (not only the learned model)."""
    decision = route(text)
    assert decision.category == "emergency"
    assert rules_cues(decision, cue)


def assert_paged(text: str) -> None:
    assert route(text).category == "emergency"


def assert_not_paged(text: str) -> None:
    assert route(text).category != "emergency"


def concept_tests(
    paged: Sequence[tuple[str, str]], not_paged: Sequence[str], paged_guards: Sequence[str],
    not_paged_guards: Sequence[str],
) -> tuple[Callable[..., None], ...]:
    """A session's four concept tests on its four lists: each danger paged by its rules' cue,
    each routine mention not paged, and the guards on both sides (assigned to test_* names in
    the session's module, where pytest collects them)."""

    @pytest.mark.parametrize(("text", "cue"), paged)
    def paged_by_the_rules(text: str, cue: str) -> None:
        assert_paged_by(text, cue)

    @pytest.mark.parametrize("text", not_paged)
    def not_paged_test(text: str) -> None:
        assert_not_paged(text)

    @pytest.mark.parametrize("text", paged_guards)
    def guards_paged(text: str) -> None:
        assert_paged(text)

    @pytest.mark.parametrize("text", not_paged_guards)
    def guards_not_paged(text: str) -> None:
        assert_not_paged(text)

    return paged_by_the_rules, not_paged_test, guards_paged, guards_not_paged


def language_concept_tests(
    paged: Sequence[tuple[str, str, str]], not_paged: Sequence[str], complaints: Sequence[str],
) -> tuple[Callable[..., None], ...]:
    """A session's three other-language concept tests on its lists: each (language, sentence,
    cue) paged by the rules' cue, each near miss not paged, each dissatisfaction a complaint
    (assigned to test_* names in the session's module, as `concept_tests`)."""

    @pytest.mark.parametrize(("language", "text", "cue"), paged)
    def pages_a_danger_happening(language: str, text: str, cue: str) -> None:
        decision = route(text)
        assert decision.category == "emergency", (language, decision.reasons)
        assert rules_cues(decision, cue), (language, decision.reasons)

    @pytest.mark.parametrize("text", not_paged)
    def near_miss_not_paged(text: str) -> None:
        decision = route(text)
        assert decision.category != "emergency", decision.reasons

    @pytest.mark.parametrize("text", complaints)
    def dissatisfaction_is_a_complaint(text: str) -> None:
        assert route(text).category == "complaint"

    return pages_a_danger_happening, near_miss_not_paged, dissatisfaction_is_a_complaint
