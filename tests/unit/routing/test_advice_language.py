"""Safety advice in the resident's language where a translation is held (reviewed or not)."""

from __future__ import annotations

import pytest

from routing import Message, Router, load_safety_advice

ROUTER = Router()


def test_a_polish_gas_report_gets_english_advice_then_the_polish_translation() -> None:
    decision = ROUTER.route(Message("Czuję gaz w kuchni, proszę szybko"))
    assert decision.category == "emergency" and decision.language == "pl"
    english = load_safety_advice().lines_for(["gas"])
    assert decision.safety_advice[: len(english)] == english
    assert any("0800 111 999" in line and "Zadzwoń" in line
               for line in decision.safety_advice[len(english):])


def test_a_language_with_no_translation_gets_english_and_an_interpreter_offer() -> None:
    decision = ROUTER.route(Message("Mutfakta gaz kokusu var, lütfen çabuk gelin"))
    assert decision.category == "emergency" and decision.language == "tr"
    assert "interpreter" in decision.safety_advice[-1]


@pytest.mark.parametrize("text", [
    "Ndjej erë gazi në kuzhinë, ju lutem ejani shpejt",  # Albanian: was read as Spanish
    "Tôi ngửi thấy mùi gas trong bếp, xin hãy đến ngay",  # Vietnamese: was read as Portuguese
])
def test_a_language_we_hold_no_translation_for_is_never_answered_in_another_one(
    text: str,
) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category == "emergency"
    assert decision.safety_advice[:-1] == load_safety_advice().lines_for(["gas"])
    assert "interpreter" in decision.safety_advice[-1]


def test_english_advice_is_unchanged_for_english() -> None:
    decision = ROUTER.route(Message("I can smell gas in the kitchen"))
    assert decision.safety_advice == load_safety_advice().lines_for(["gas"])


def test_every_translation_says_whether_it_was_reviewed() -> None:
    advice = load_safety_advice()
    assert {"pl", "es", "pt"} <= set(advice.translations)
    assert advice.interpreter
