"""Which corpus texts a regex could match at all, so that it only has to be run on those.

The rules as written are long alternations that Python's regex engine tries one by one at
every position of every text (minutes over the corpus); most texts contain none of the words
they are made of. `needs(pattern)` reads a pattern's parse tree (the standard library's own
regex parser) into a condition on the text, built from literal strings:

* a run of literal characters must appear as it is, so every match contains it;
* a sequence needs each of its parts (each part's match is a piece of the whole match);
* an alternation needs one of its alternatives' conditions (the match is one of theirs);
* a group (plain, capturing or atomic) and a repeat of at least once need what their
  contents need (the match contains at least one match of the contents);
* anything else (character classes, `\\b`, lookarounds, optional parts, back references,
  a group with inline flags) adds no condition, which is always safe: it only lets more
  texts through.

A match is part of the text, so a text that fails the condition has no match: skipping
the regex there changes nothing. The result is `None` when nothing is needed (any text
might match), and also for a case-insensitive pattern (its literals are not literal).
tests/unit/routing/test_corpus_scan.py checks this against the regex engine on generated
patterns and texts.

`Corpus` evaluates a condition over many texts at once with an index of their
three-character pieces, then confirms each literal with `in` on the texts that have all its
pieces, so `satisfying(need)` is exactly the texts for which `holds(need, text)` is true.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

# The standard library's own regex parser (private, but stable since 3.11; the same parser
# routing/factoring.py reads).
_parser = importlib.import_module("re._parser")

# A condition: a literal the text contains, or ("all" | "any", conditions).
Need = str | tuple[str, tuple["Need", ...]]

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def needs(pattern: re.Pattern[str]) -> Need | None:
    """A condition every text with a match of `pattern` meets (None: no condition)."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _sequence(_parser.parse(pattern.pattern, pattern.flags))


def _sequence(items: Iterable[tuple[Any, Any]]) -> Need | None:
    """What every match of the sequence `items` contains."""
    parts: list[Need] = []
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            parts.append("".join(run))
            run = []
        part: Need | None = None
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, body = av
            if not add_flags and not del_flags:  # (?i:...) would change what a literal is
                part = _sequence(body)
        elif name == "ATOMIC_GROUP":
            part = _sequence(av)
        elif name == "BRANCH":
            options = [_sequence(branch) for branch in av[1]]
            if all(option is not None for option in options):
                part = ("any", tuple(o for o in options if o is not None))
        elif name in _REPEATS and av[0] >= 1:
            part = _sequence(av[2])
        if part is not None:
            parts.append(part)
    if run:
        parts.append("".join(run))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def holds(need: Need | None, text: str) -> bool:
    """Whether `text` meets the condition (directly, one text)."""
    if need is None:
        return True
    if isinstance(need, str):
        return need in text
    kind, parts = need
    if kind == "all":
        return all(holds(part, text) for part in parts)
    return any(holds(part, text) for part in parts)


_GRAM = 3


class Corpus:
    """Texts, indexed by the three-character pieces each contains."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = tuple(texts)
        self.everything = frozenset(range(len(self.texts)))
        index: dict[str, set[int]] = {}
        for i, text in enumerate(self.texts):
            for gram in {text[j:j + _GRAM] for j in range(len(text) - _GRAM + 1)}:
                index.setdefault(gram, set()).add(i)
        self._index = {gram: frozenset(found) for gram, found in index.items()}
        self._containing: dict[str, frozenset[int]] = {}

    def containing(self, literal: str) -> frozenset[int]:
        """The texts `literal` is in (exactly: the index only narrows where to look)."""
        found = self._containing.get(literal)
        if found is None:
            candidates: Iterable[int] = self.everything
            if len(literal) >= _GRAM:
                pieces = sorted((self._index.get(literal[j:j + _GRAM], frozenset())
                                 for j in range(len(literal) - _GRAM + 1)), key=len)
                candidates = pieces[0].intersection(*pieces[1:])
            found = frozenset(i for i in candidates if literal in self.texts[i])
            self._containing[literal] = found
        return found

    def satisfying(self, need: Need | None) -> frozenset[int]:
        """The texts that meet the condition: `holds(need, text)`, for all texts at once."""
        if need is None:
            return self.everything
        if isinstance(need, str):
            return self.containing(need)
        kind, parts = need
        if kind == "any":
            return frozenset().union(*(self.satisfying(part) for part in parts))
        found = self.everything
        for part in parts:
            found = found & self.satisfying(part)
            if not found:
                break
        return found


Spans = list[tuple[int, int]]


class Scan:
    """Every span a pattern finds in every text of a corpus, each pattern run once, and only
    on the texts it could match (`needs`); on all the others it finds nothing."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._spans = cache(self._find)

    def _find(self, pattern: re.Pattern[str]) -> dict[int, Spans]:
        texts = self.corpus.texts
        found = {}
        for i in sorted(self.corpus.satisfying(needs(pattern))):
            spans = [m.span() for m in pattern.finditer(texts[i])]
            if spans:
                found[i] = spans
        return found

    def spans(self, pattern: re.Pattern[str]) -> dict[int, Spans]:
        """Text index -> `[m.span() for m in pattern.finditer(text)]`, for the texts where
        that is not empty (it is empty for every text left out)."""
        return self._spans(pattern)
