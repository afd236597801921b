"""Danger by effect: a broad net under the named hazard cues.

An emergency is often described by what is happening rather than by the hazard's name:
"a loud bang from the boiler and now a smell", "the ring won't go off", "water shooting out
of the valve", "dad's not picked up since Sunday". This layer marks an emergency when an
active danger effect (lexicon.DANGER_EFFECTS) is in the same sentence as, and a few words
from, a hazard object (lexicon.DANGER_OBJECTS), or when the effect is a danger on its own (a
person unconscious). The usual scope rules (negation, questions, history, resolution) apply.
The vocabulary is plain data in the lexicon; this module only compiles and applies it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from routing import lexicon as lx
from routing.analysis import (
    BY_EFFECT,
    CONTRAST,
    EFFECT_LITERALS,
    Hit,
    Segments,
    effect_literal,
    said_after,
    scope,
)

# Most characters allowed between an effect and its object (about a dozen words).
MAX_GAP = 70
_EXCLUDED_REACH = 24
# How far into a sentence its subject is looked for (the first few words).
_SUBJECT_REACH = 24
# A sentence of at most this many words is a fragment of the one before it.
_FRAGMENT_WORDS = 3


def phrase_regex(phrases: tuple[str, ...]) -> str:
    """Regex alternation for lexicon phrases ("_" any word, trailing "*" any word ending)."""

    def one(phrase: str) -> str:
        parts = []
        for word in phrase.split():
            if word == "_":
                parts.append(r"\w+")
            elif word.endswith("*"):
                parts.append(re.escape(word[:-1]) + r"\w*")
            else:
                parts.append(re.escape(word))
        return " ".join(parts)

    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return r"\b(?:" + "|".join(one(p) for p in ordered) + r")\b"


@dataclass(frozen=True, slots=True)
class _Family:
    effect: lx.DangerEffect
    find: re.Pattern[str]
    unless: re.Pattern[str] | None
    unless_next: re.Pattern[str] | None
    aside_after: re.Pattern[str] | None
    unless_here: re.Pattern[str] | None
    cues: dict[str, lx.HazardCue]
    no_object_cue: lx.HazardCue | None


def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(phrase_regex(phrases))


_OBJECTS = {group: _compiled(words) for group, words in lx.DANGER_OBJECTS.items()}
_NOT_SECURITY = re.compile(r"\b(?:" + "|".join(
    re.escape(w) for w in lx.DANGER_NOT_SECURITY) + r")\s+$")
# (session 24) ... or a lock named after it: "the lock on the bathroom door" (an inside door's
# lock; not "the pane in the bathroom", a window to the outside)
_NOT_SECURITY_AFTER = re.compile(r"\s+(?:on|of|to|for|in) (?:the|my|our|a|his|her|their) (?:"
                                 + "|".join(re.escape(w) for w in lx.DANGER_NOT_SECURITY
                                            if w.endswith(" door"))
                                 + r")\b")
_LOCK = re.compile(r"locks?")


def _cue(effect: lx.DangerEffect, hazard: str) -> lx.HazardCue:
    return lx.HazardCue(f"{effect.name} {BY_EFFECT}", hazard, "hard", re.compile(""),
                        effect.negatable, hazard)


def _family(effect: lx.DangerEffect) -> _Family:
    unless = _compiled(effect.unless) if effect.unless else None
    unless_next = _compiled(effect.unless_next) if effect.unless_next else None
    aside_after = lx.PATTERNS[effect.aside_after] if effect.aside_after else None
    unless_here = _compiled(effect.unless_here) if effect.unless_here else None
    cues = {group: _cue(effect, hazard) for group, hazard in effect.hazards.items()}
    no_object = None if effect.needs_object else _cue(effect, "welfare")
    return _Family(effect, _compiled(effect.words), unless, unless_next, aside_after,
                   unless_here, cues, no_object)


def _said_otherwise_here(seg: Segments, family: _Family, start: int, end: int) -> bool:
    """One of the family's `unless_here` phrases contains these effect words ("everywhere" in
    "works fine everywhere except the radiator"): these words, not the sentence, are set aside."""
    if family.unless_here is None:
        return False
    s_start, s_end = seg.sentence_bounds(start)
    return any(m.start() <= start and end <= m.end()
               for m in family.unless_here.finditer(seg.text, s_start, s_end))


def _not_this_danger(seg: Segments, family: _Family, start: int) -> bool:
    """The effect's sentence has one of its `unless` words, or the next sentence one of its
    `unless_next` words and no contrast; or its `aside_after` pattern is said after it
    (`said_after`)."""
    s_start, s_end = seg.sentence_bounds(start)
    if family.unless is not None and family.unless.search(seg.text, s_start, s_end):
        return True
    if family.aside_after is not None and said_after(seg, start, family.aside_after.search):
        return True
    if family.unless_next is None:
        return False
    after = seg.next_sentence(start)
    return bool(family.unless_next.search(after)) and not CONTRAST.search(after)


_FAMILIES = tuple(_family(effect) for effect in lx.DANGER_EFFECTS)


# The effect literals are among the anchors every text is scanned for (routing.analysis), so
# which families to search comes from that one scan: literal -> the families it starts.
_FAMILIES_BY_LITERAL: dict[str, set[int]] = {}
for _i, _effect in enumerate(lx.DANGER_EFFECTS):
    for _phrase in _effect.words:
        _FAMILIES_BY_LITERAL.setdefault(effect_literal(_phrase), set()).add(_i)


def _candidate_families(seg: Segments) -> list[_Family]:
    present: set[int] = set()
    for literal in seg.anchors & EFFECT_LITERALS:
        present |= _FAMILIES_BY_LITERAL[literal]
    return [_FAMILIES[i] for i in sorted(present)]


def _near_object(seg: Segments, group: str, start: int, end: int) -> re.Match[str] | None:
    """An object of `group` in the effect's sentence, at most MAX_GAP characters away."""
    s_start, s_end = seg.sentence_bounds(start)
    if s_start > 0 and len(seg.text[s_start:s_end].split()) <= _FRAGMENT_WORDS:
        # A telegraphic fragment ("front door broke. cant shut.") continues the sentence before.
        s_start = seg.sentence_bounds(s_start - 1)[0]
    lo, hi = max(s_start, start - MAX_GAP), min(s_end, end + MAX_GAP)
    for match in _OBJECTS[group].finditer(seg.text, lo, hi):
        if match.start() < end and match.end() > start:  # the effect's own words
            continue
        if group == "security" and (_NOT_SECURITY.search(
            seg.text, max(0, match.start() - _EXCLUDED_REACH), match.start()
        ) or _LOCK.fullmatch(match.group(0)) and _NOT_SECURITY_AFTER.match(seg.text, match.end())):
            continue
        return match
    # (session 16) Or the sentence's subject, however long the sentence: "the chimney stack on
    # my bungalow (an address) has developed a wide crack ... and is now visibly leaning".
    if group == "structural" and lo > s_start:
        return _OBJECTS[group].search(seg.text, s_start, min(lo, s_start + _SUBJECT_REACH))
    return None


def find_dangers(seg: Segments, subject_aside: Mapping[str, str] | None = None) -> list[Hit]:
    """Every effect with a hazard object near it (or a danger on its own), with its scope.

    subject_aside: hazard -> why, for the named hazards a subject line names and sets
    aside (`analysis.find_hazards`); an effect of the same hazard in that line goes with them."""
    text = seg.text
    hits: list[Hit] = []
    for family in _candidate_families(seg):
        for match in family.find.finditer(text):
            start, end = match.span()
            if _not_this_danger(seg, family, start) or _said_otherwise_here(seg, family, start,
                                                                            end):
                continue
            cue, words = family.no_object_cue, match.group(0)
            for group, group_cue in family.cues.items():
                obj = _near_object(seg, group, start, end)
                if obj is not None:
                    lo, hi = min(obj.start(), start), max(obj.end(), end)
                    cue, words = group_cue, text[lo:hi]
                    break
            if cue is None:
                continue
            verdict = scope(seg, cue, start, match.group(0))
            if verdict is None and subject_aside and start < seg.subject_end:
                verdict = subject_aside.get(cue.hazard)
            hits.append(Hit(cue, words, start, verdict))
            if verdict is None:
                break  # one counted hit per family is enough to explain it
    return hits
