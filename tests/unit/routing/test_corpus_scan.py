"""tests/unit/routing/corpus_scan.py is sound: a text it leaves out has no match.

test_explanations.py runs each rule's regex only on the texts `needs` says it could match,
so a text wrongly left out would go unchecked. Here the regex engine is the judge: on
generated patterns (every construct the rules use, and more) and texts (among them texts
made to contain a match), every text with a match meets the condition, and a `Scan` finds
exactly the spans that running the pattern on every text finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.unit.routing.corpus_scan import Corpus, Need, Pruned, Scan, holds, needs

_ALPHABET = "abAB .1\n\u0915"
# Literals most of all (what a condition is made of), then everything else the rules use.
_LITERALS = ["a", "b", "A", " ", "\u0915", r"\.", "ab", "ba ", r"\u0915a", r"\x61", "aab"]
_OTHERS = [".", "[ab]", "[^a]", r"[\w\u0900-\u0dff]", r"\w", r"\W", r"\s", r"\d", r"\1"]
_ZERO_WIDTH = [r"\b", r"\B", "^", "$", r"\A", r"\Z", "(?=a)", "(?!b)", "(?<=a)", "(?<!b )",
               r"(?<=\W)"]
_ATOMS = st.sampled_from(_LITERALS * 4 + _OTHERS + _ZERO_WIDTH)
_QUANTIFIERS = st.sampled_from(["+", "{2}", "{1,3}?", "++", "+?", "{1,2}",  # at least once
                                "?", "*", "{0,2}", "{0,6}?", "*?", "??", "*+", "?+"])
# Possessive quantifiers only on atoms (as the rules use them: "flood\w*+"): on a group holding a
# capturing group, Python 3.11's re module can raise SystemError ("The span of capturing group
# is wrong", a bug in re itself, e.g. "(?:(ab)\.|.|a|a(?<!b ) \.A)++" while generating a match).
_GROUP_QUANTIFIERS = st.sampled_from(["+", "{2}", "{1,3}?", "+?", "{1,2}",
                                      "?", "*", "{0,2}", "{0,6}?", "*?", "??"])


# Groups: most keep what their contents need; (?i:...), (?-i:...) and lookarounds add nothing.
_GROUPS = st.sampled_from(["({})", "(?:{})", "(?>{})", "({})", "(?>{})",
                           "(?i:{})", "(?i:{})", "(?-i:{})", "(?=(?:{}))", "(?!(?:{}))"])


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    several = st.lists(inner, min_size=2, max_size=4)
    return st.one_of(
        several.map("".join),
        several.map("".join),
        several.map("".join),
        several.map("|".join),
        several.map(lambda xs: "(?:" + "|".join(xs) + ")"),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + "|)"),
        st.tuples(inner, _GROUPS).map(lambda t: t[1].format(t[0])),
        st.tuples(inner, _GROUP_QUANTIFIERS).map(lambda t: f"(?:{t[0]}){t[1]}"),
        st.tuples(_ATOMS, _QUANTIFIERS).map("".join),
    )


_SOURCES = st.recursive(_ATOMS, _extend, max_leaves=12)


@st.composite
def _patterns(draw: st.DrawFn) -> re.Pattern[str]:
    source = draw(_SOURCES)
    flags = draw(st.sampled_from([0] * 7 + [re.IGNORECASE]))
    try:
        return re.compile(source, flags)
    except re.error:  # e.g. a back reference to a group that is not there
        assume(False)
        raise


def _texts(pattern: re.Pattern[str]) -> st.SearchStrategy[str]:
    """Any text, or one that contains a match of `pattern`."""
    matching = st.from_regex(pattern, alphabet=_ALPHABET)
    return st.one_of(matching, matching, matching, st.text(_ALPHABET, max_size=16))


_SETTINGS = settings(max_examples=400, deadline=None,
                     suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])


@_SETTINGS
@given(st.data())
def test_every_text_with_a_match_meets_the_condition(data: st.DataObject) -> None:
    pattern = data.draw(_patterns())
    text = data.draw(_texts(pattern))
    if pattern.search(text):
        assert holds(needs(pattern), text), (pattern.pattern, text, needs(pattern))


@_SETTINGS
@given(st.data())
def test_a_scan_finds_what_running_the_pattern_on_every_text_finds(data: st.DataObject) -> None:
    pattern = data.draw(_patterns())
    texts = data.draw(st.lists(_texts(pattern), max_size=8))
    corpus = Corpus(texts)
    everywhere = {i: spans for i, text in enumerate(texts)
                  if (spans := [m.span() for m in pattern.finditer(text)])}
    assert Scan(corpus).spans(pattern) == everywhere, (pattern.pattern, texts)
    need = needs(pattern)
    assert corpus.satisfying(need) == {i for i, t in enumerate(texts) if holds(need, t)}


@_SETTINGS
@given(st.data())
def test_a_pattern_cut_to_what_a_text_could_match_finds_the_same_there(
        data: st.DataObject) -> None:
    pattern = data.draw(_patterns())
    texts = data.draw(st.lists(_texts(pattern), max_size=8))
    pruned = Pruned(pattern, Corpus(texts), worth_cutting=2)  # every alternation is long here
    for i, text in enumerate(texts):
        assert ([m.span() for m in pruned.for_text(i).finditer(text)]
                == [m.span() for m in pattern.finditer(text)]), (pattern.pattern, text)


def test_a_cut_pattern_keeps_the_alternatives_a_text_holds_in_their_order() -> None:
    words = [f"word{n:02d}" for n in range(60)]
    pattern = re.compile(r"\b(?:" + "|".join(words) + r")\b|nothing")
    texts = ["word07 and word03, then word07", "no words at all", "word59"]
    pruned = Pruned(pattern, Corpus(texts))
    assert pruned.for_text(0).pattern == r"\b(?:word03|word07)\b|nothing"
    assert pruned.for_text(1).pattern == r"\b(?:(?!))\b|nothing"
    assert pruned.for_text(2).pattern == r"\b(?:word59)\b|nothing"
    short = re.compile(r"\b(?:fire|smoke)\b")  # too short to be worth cutting: run as it is
    assert Pruned(short, Corpus(["fire"])).for_text(0) is short


_NEEDS: st.SearchStrategy[Need] = st.recursive(
    st.text("ab \u0915", min_size=1, max_size=5),
    lambda inner: st.tuples(st.sampled_from(["all", "any"]),
                            st.lists(inner, min_size=1, max_size=4).map(tuple)),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(_NEEDS, st.lists(st.text("ab \u0915", max_size=14), max_size=10))
def test_the_index_agrees_with_checking_each_text(need: Need, texts: list[str]) -> None:
    corpus = Corpus(texts)
    assert corpus.satisfying(need) == {i for i, t in enumerate(texts) if holds(need, t)}


@pytest.mark.parametrize(("source", "expected"), [
    ("gas", "gas"),
    (r"\bgas\W*leak", ("all", ("gas", "leak"))),
    (r"(?:gas|smell)\W+(?:leak|strong)", ("all", (("any", ("gas", "smell")),
                                                   ("any", ("leak", "strong"))))),
    (r"(?<!no )fire(?!man)", "fire"),  # lookarounds: nothing (their text is not the match's)
    (r"(?:fire)+", "fire"),
    (r"(?:fire)*smoke", "smoke"),
    (r"(?:fire|)smoke", "smoke"),  # an empty alternative needs nothing
    (r"(?i:fire)smoke", "smoke"),  # case-insensitive literals are not literal
    (r"\w*", None),
    (r"[ab]\d", None),
])
def test_what_a_pattern_needs(source: str, expected: Need | None) -> None:
    assert needs(re.compile(source)) == expected


def test_a_case_insensitive_pattern_needs_nothing() -> None:
    assert needs(re.compile("fire", re.IGNORECASE)) is None
    assert needs(re.compile("(?i)fire")) is None
