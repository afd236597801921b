"""Speed-only rewriting of the lexicon's regexes: the same matches, found faster.

Python's regex engine tries the alternatives of `(?:gas|smell|stink|...)` one by one at
every position, and it only shares a prefix when *all* alternatives start alike. Regrouping
the alternatives by their first literal character (`(?:(?:smell|stink)|gas|...)`) lets it
factor each group, so a position is ruled out after one comparison per first letter instead
of one per word. Only alternatives that start with a plain character are regrouped, and
never across one that does not, so at any position the same alternative wins as before:
the match (and so the words shown to agents) is identical.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# The standard library's own regex parser (private, but stable since 3.11 and stdlib-only).
_parser = importlib.import_module("re._parser")

_PLAIN_START = re.compile(r"[a-z0-9 £'\-]|[^\x00-\x7f]")  # (a non-ASCII letter is literal)
_QUANTIFIERS = frozenset("?*+{")


def _class_end(body: str, i: int) -> int:
    """Index just past the character class starting at body[i] == '['."""
    j = i + 1
    if body[j:j + 1] == "^":
        j += 1
    if body[j:j + 1] == "]":
        j += 1
    while body[j] != "]":
        j += 2 if body[j] == "\\" else 1
    return j + 1


def _group_end(body: str, i: int) -> int:
    """Index of the ')' closing the group opened at body[i] == '('."""
    depth, j = 0, i
    while True:
        ch = body[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(body, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1


def _first_plain(alternative: str) -> str | None:
    """The literal first character of an alternative, if it must match there."""
    plain = alternative and _PLAIN_START.fullmatch(alternative[0])
    return alternative[0] if plain and alternative[1:2] not in _QUANTIFIERS else None


# Leading lookbehinds on a fixed text: `(?<!since )` or `(?<=of )`, one or more.
_LEADING_LOOKBEHINDS = re.compile(r"((?:\(\?<[!=][a-z0-9 ']*\))+)")
_LOOKBEHIND = re.compile(r"\(\?<([!=])([a-z0-9 ']*)\)")


def _behind_first(alternative: str) -> str:
    """An alternative's leading lookbehinds moved past what follows them, when that is a word
    boundary or a literal letter, so the alternative can join a group by its first letter:
    `(?<!since )\\blast` -> `\\b(?<!since )last`; `(?<!be )made` -> `m(?<!be m)ade`. Both
    are checks at the same place, so the matches are the same."""
    lead = _LEADING_LOOKBEHINDS.match(alternative)
    if lead is None:
        return alternative
    rest = alternative[lead.end():]
    if rest.startswith("\\b"):
        return "\\b" + lead.group(1) + rest[2:]
    first = _first_plain(rest)
    if first is None:
        return alternative
    moved = "".join(f"(?<{sign}{text}{first})"
                    for sign, text in _LOOKBEHIND.findall(lead.group(1)))
    return first + moved + rest[1:]


def _hoist_boundaries(alternatives: list[str]) -> list[str]:
    """Consecutive alternatives that start with a word boundary share one check:
    `\\bfixed|\\bsorted` -> `\\b(?:fixed|sorted)` (the same matches, in the same order; the
    engine then tests the boundary once per position, not once per alternative)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) > 1:
            out.append("\\b(?:" + _regroup([a[2:] for a in run]) + ")")
        else:
            out.extend(run)
        run.clear()

    for alternative in map(_behind_first, alternatives):
        if alternative.startswith("\\b"):
            run.append(alternative)
        else:
            flush()
            out.append(alternative)
    flush()
    return out


def _regroup(alternatives: list[str]) -> str:
    alternatives = _hoist_boundaries(alternatives)
    if len(alternatives) < 3:
        return "|".join(alternatives)
    out: list[str] = []
    run: dict[str, list[str]] = {}

    def flush() -> None:
        groups = {first: g[0] if len(g) == 1 else "(?:" + "|".join(g) + ")"
                  for first, g in run.items()}
        others = [first for first in groups if not first.isascii()]
        if len(others) > 1:
            # Other scripts' words behind one test of their first letters: an English text
            # then pays one character-class check per position, not one per word.
            out.append("(?=[" + "".join(others) + "])(?:"
                       + "|".join(groups.pop(first) for first in others) + ")")
        out.extend(groups.values())
        run.clear()

    for alternative in alternatives:
        first = _first_plain(alternative)
        if first is None:
            flush()
            out.append(alternative)
        else:
            run.setdefault(first, []).append(alternative)
    flush()
    return "|".join(out)


def _tokens(body: str) -> Iterator[tuple[str, str]]:
    """The top-level pieces of a regex body: ("escape" | "class" | "group" | "bar" | "char",
    text), a group with its brackets and everything inside them."""
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            yield "escape", body[i:i + 2]
            i += 2
        elif ch == "[":
            end = _class_end(body, i)
            yield "class", body[i:end]
            i = end
        elif ch == "(":
            end = _group_end(body, i)
            yield "group", body[i:end + 1]
            i = end + 1
        else:
            yield ("bar" if ch == "|" else "char"), ch
            i += 1


def _rewrite(body: str) -> str:
    """`body` with every alternation (top level and in groups) regrouped."""
    alternatives: list[str] = []
    current: list[str] = []
    for kind, text in _tokens(body):
        if kind == "group":
            inner = text[1:-1]
            if inner.startswith("?:"):
                current.append("(?:" + _rewrite(inner[2:]) + ")")
            elif inner.startswith("?"):  # lookarounds and flags: leave alone
                current.append(text)
            else:
                current.append("(" + _rewrite(inner) + ")")
        elif kind == "bar":
            alternatives.append("".join(current))
            current = []
        else:
            current.append(text)
    alternatives.append("".join(current))
    return _regroup(alternatives)


# Patterns this module compiled, by their (already regrouped) source: regrouping one again
# changes nothing, so it is returned as it is, not compiled a second time at start-up.
_FACTORED: dict[tuple[str, int], re.Pattern[str]] = {}
# ... and the source each was written as: the regex parser factors a regrouped alternation's
# common first letter out of it ("c(?:ancer|arer)"), which would leave `required_literals`
# only the weaker "ancer"/"arer"; the source as written gives "cancer"/"carer".
_WRITTEN: dict[tuple[str, int], str] = {}


def factored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern with the same matches as `pattern`, regrouped for speed."""
    done = _FACTORED.get((pattern.pattern, pattern.flags))
    if done is not None:
        return done
    return compile_factored(pattern.pattern, pattern.flags)


def compile_factored(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source)`, regrouped for speed (same matches); a bad regex raises re.error."""
    try:
        rewritten = _rewrite(source)
    except IndexError:  # unbalanced brackets: let the regex compiler say what is wrong
        re.compile(source, flags)
        raise
    compiled = re.compile(rewritten, flags)
    _FACTORED[(rewritten, compiled.flags)] = compiled
    _WRITTEN[(rewritten, compiled.flags)] = source
    return compiled


# --- required literals: a cheap "could this pattern match at all?" pre-check -----------------

_Items = list[tuple[Any, Any]]


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: longest shortest string, then fewest strings."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _required(items: _Items) -> frozenset[str] | None:
    """Strings one of which every match of the sequence `items` contains (None: unknown)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        end_run()
        found: frozenset[str] | None = None
        if name == "SUBPATTERN":
            found = _required(list(av[-1]))
        elif name == "BRANCH":
            options = [_required(list(branch)) for branch in av[1]]
            known = [option for option in options if option is not None]
            if len(known) == len(options):
                found = frozenset().union(*known)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            found = _required(list(av[2]))
        if found and all(found):
            candidates.append(found)
    end_run()
    return _best(candidates)


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains, or None when there are none.

    Only literal characters that every match must contain are used, so a text containing
    none of them cannot match: checking for them first skips the regex soundly.
    """
    source = _WRITTEN.get((pattern.pattern, pattern.flags), pattern.pattern)
    return _required(list(_parser.parse(source, pattern.flags)))


_Trie = dict[str, "_Trie"]


def trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of `words` that starts at a position (a trie, so fast)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
