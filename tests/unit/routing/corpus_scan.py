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
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from routing.factoring import _tokens  # the rules' own reader of a regex's top-level pieces

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

    def _find(self, pattern: re.Pattern[str], pruned: bool = False) -> dict[int, Spans]:
        texts = self.corpus.texts
        each = Pruned(pattern, self.corpus).for_text if pruned else lambda i: pattern
        found = {}
        for i in sorted(self.corpus.satisfying(needs(pattern))):
            spans = [m.span() for m in each(i).finditer(texts[i])]
            if spans:
                found[i] = spans
        return found

    def spans(self, pattern: re.Pattern[str], pruned: bool = False) -> dict[int, Spans]:
        """Text index -> `[m.span() for m in pattern.finditer(text)]`, for the texts where
        that is not empty (it is empty for every text left out). `pruned`: the same, found
        by running on each text only the alternatives that could match there (`Pruned`)."""
        return self._spans(pattern, pruned)


# --- pruning: a pattern's longest alternation cut, for each text, to what could match there ---
#
# An alternative whose condition a text does not meet has no match anywhere in that text, so
# wherever the engine tries it there, it fails and the engine goes on to the next alternative:
# taking it out changes no attempt, and so no match. A pattern built round a long alternation of
# words, run on a text that holds two of them, is then a two-word regex. Only the longest
# alternation is cut (building a regex per text costs more than it saves on short ones), and
# not in a pattern with a back reference, whose group numbers taking out an alternative shifts.

_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_WORTH_CUTTING = 50  # alternatives


def _alternations(body: str, offset: int = 0) -> Iterator[list[tuple[int, int]]]:
    """Each alternation in a regex body (the top level and every group's), as the spans of its
    alternatives in the whole source."""
    spans, start, at = [], offset, offset
    for kind, text in _tokens(body):
        if kind == "bar":
            spans.append((start, at))
            start = at + 1
        elif kind == "group" and (text.startswith("(?:") or not text.startswith("(?")):
            opening = 3 if text.startswith("(?:") else 1
            yield from _alternations(text[opening:-1], at + opening)
        at += len(text)
    spans.append((start, at))
    yield spans


class Pruned:
    """A pattern, compiled for each text with only the alternatives of its longest alternation
    that could match there."""

    def __init__(self, pattern: re.Pattern[str], corpus: Corpus,
                 worth_cutting: int = _WORTH_CUTTING) -> None:
        self.pattern = pattern
        self._compiled: dict[str, re.Pattern[str]] = {}
        source = pattern.pattern
        longest = max(_alternations(source), key=len)
        self._cut = len(longest) >= worth_cutting and not _BACK_REFERENCE.search(source)
        if not self._cut:
            return
        self._before, self._after = source[:longest[0][0]], source[longest[-1][1]:]
        self._alternatives = [source[a:b] for a, b in longest]
        # For each text, the alternatives that could match in it, in their order.
        self._kept: dict[int, list[int]] = {}
        for n, alternative in enumerate(self._alternatives):
            try:
                need = needs(re.compile(alternative, pattern.flags))
            except re.error:  # not a regex on its own: keep it everywhere
                need = None
            for i in corpus.satisfying(need):
                self._kept.setdefault(i, []).append(n)

    def for_text(self, i: int) -> re.Pattern[str]:
        """A pattern that finds in text i exactly what the whole pattern finds there."""
        if not self._cut:
            return self.pattern
        kept = self._kept.get(i, ())
        if len(kept) == len(self._alternatives):
            return self.pattern
        cut = "|".join(self._alternatives[n] for n in kept) if kept else "(?!)"
        source = self._before + cut + self._after
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = re.compile(source, self.pattern.flags)
        return compiled
