"""Every decision says why, in the resident's own words; speed rewrites never change a match."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from routing import Message
from routing import lexicon as lx
from routing.factoring import factored, required_literals
from routing.normalise import normalise
from routing.router import LANGUAGE_MODEL_PAGE_CUE, STATISTICAL_CUE, default_router
from routing.rules import RULES_DIR, Rules, compile_rules, load_rules
from tests.unit.routing.corpus_scan import Corpus, Scan

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
def _scan() -> Scan:
    """Every corpus text, normalised (each distinct text once: the same text has the same
    matches), and each pattern's matches in them, found once and shared by the tests below."""
    return Scan(Corpus(dict.fromkeys(normalise(r["text"], r.get("subject")) for r in _records())))


def test_every_reason_names_a_cue_and_the_words_that_triggered_it() -> None:
    records = _records()
    messages = [Message(r["text"], r["channel"], r.get("subject")) for r in records]
    # route_many: the same decisions as route (test_route_many), in a third of the time
    decisions = default_router().route_many(messages)
    for record, message, decision in zip(records, messages, decisions, strict=True):
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
    # Each pattern is run on every text it could match (tests/unit/routing/corpus_scan.py);
    # on every other text it finds nothing, so equal maps are equal spans in every text.
    # (The two skip by conditions read from two different sources: a text only one of them
    # wrongly skipped would show here as a match only the other found.) The pattern as written
    # runs on each text with only the words of its longest alternation that text holds (the
    # same matches: `Pruned`), or its thousands of other-language words take minutes.
    scan = _scan()
    fast, slow = scan.spans(pattern), scan.spans(written, pruned=True)
    for i in sorted(fast.keys() | slow.keys()):
        assert fast.get(i, []) == slow.get(i, []), (name, scan.corpus.texts[i])


def test_anchors_never_hide_a_cue_that_matches() -> None:
    scan = _scan()
    texts = scan.corpus.texts
    for cue in lx.HAZARD_CUES:
        for i in scan.spans(cue.pattern):  # every text the cue matches
            assert any(a in texts[i] for a in lx.ANCHORS[cue.name]), (cue.name, texts[i])
    for name, _, pattern in lx.COMPLAINT_CUES:
        anchors = lx.COMPLAINT_ANCHORS.get(name)
        if not anchors:
            continue
        for i in scan.spans(pattern):  # every text the cue matches
            assert any(a in texts[i] for a in anchors), (name, texts[i])


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda v: str(v)[:40])
def test_derived_pre_checks_never_hide_a_match(name: str, pattern: re.Pattern[str]) -> None:
    needed = required_literals(pattern)
    if needed is None:
        return
    scan = _scan()
    for i in scan.spans(pattern):  # every text the pattern matches
        text = scan.corpus.texts[i]
        assert any(literal in text for literal in needed), (name, text)
