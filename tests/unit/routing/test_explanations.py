"""Every decision says why, in the resident's own words; speed rewrites never change a match."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from routing import Message, route
from routing import lexicon as lx
from routing.factoring import factored, required_literals
from routing.normalise import normalise
from routing.router import LANGUAGE_MODEL_PAGE_CUE, STATISTICAL_CUE
from routing.rules import RULES_DIR, Rules, compile_rules, load_rules

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"
_QUOTED_CUES = ("hazard:", "urgent_repair:", "dissatisfaction:", "ignored:")


def _records() -> list[dict[str, str]]:
    return [
        json.loads(line)
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


@cache
def _texts() -> list[str]:
    return [normalise(r["text"], r.get("subject")) for r in _records()]


def test_every_reason_names_a_cue_and_the_words_that_triggered_it() -> None:
    for record in _records():
        message = Message(record["text"], record["channel"], record.get("subject"))
        decision = route(message)
        text = normalise(message.text, message.subject)
        assert decision.reasons, record["id"]
        for reason in decision.reasons:
            assert reason.cue and reason.words, (record["id"], reason)
            if reason.cue.startswith(_QUOTED_CUES):
                assert reason.words in text, (record["id"], reason)
        if decision.category == "emergency":
            assert any(
                r.cue.startswith("hazard:") or r.cue in (STATISTICAL_CUE, LANGUAGE_MODEL_PAGE_CUE)
                for r in decision.reasons
            ), record["id"]


def _patterns(rules: Rules | None = None) -> list[tuple[str, re.Pattern[str]]]:
    if rules is None:
        rules = load_rules()
    named = [(f"hazard {i} {c.name}", c.pattern) for i, c in enumerate(rules.hazard_cues)]
    named += [(f"complaint {i} {name}", p) for i, (name, _, p) in enumerate(rules.complaint_cues)]
    named += [(f"vulnerability {name}", p) for name, p in rules.vulnerabilities]
    named += [(f"topic {name}", p) for name, p in rules.topics]
    named += sorted(rules.patterns.items())
    return named


# The rules as written (the router runs them regrouped for speed: routing.factoring).
_AS_WRITTEN = dict(_patterns(compile_rules(RULES_DIR, regroup=False)))


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: str(v)[:40])
def test_factored_patterns_find_exactly_the_same_words(name: str, pattern: re.Pattern[str]) -> None:
    written = _AS_WRITTEN[name]
    assert factored(written).pattern == pattern.pattern
    for text in _texts():
        slow_spans = [m.span() for m in written.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == slow_spans, (name, text)


def test_anchors_never_hide_a_cue_that_matches() -> None:
    texts = _texts()
    for cue in lx.HAZARD_CUES:
        for text in texts:
            if cue.pattern.search(text):
                assert any(a in text for a in lx.ANCHORS[cue.name]), (cue.name, text)
    for name, _, pattern in lx.COMPLAINT_CUES:
        anchors = lx.COMPLAINT_ANCHORS.get(name)
        for text in texts:
            if anchors and pattern.search(text):
                assert any(a in text for a in anchors), (name, text)


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: str(v)[:40])
def test_derived_pre_checks_never_hide_a_match(name: str, pattern: re.Pattern[str]) -> None:
    needed = required_literals(pattern)
    if needed is None:
        return
    for text in _texts():
        if pattern.search(text):
            assert any(literal in text for literal in needed), (name, text)
