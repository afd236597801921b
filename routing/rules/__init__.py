"""The router's rules as data: TOML files in this folder, compiled once at start-up.

Files (each documented at its top): `fragments.toml` (named regex pieces), `hazards.toml`,
`context.toml` (negation, resolution, time, gates), `vulnerability.toml`, `complaints.toml`,
`topics.toml`, `dangers.toml` (danger by effect) and `languages.toml` (hazard terms in other
languages). A pattern is a string, a list of strings (joined with nothing between them, so a
long alternation can be written one piece a line), or a table `{near = [a, b], gap = 4}` /
`{either_order = [a, b], gap = 4}` (a then b, or either order, within `gap` words in one
sentence). `{{name}}` anywhere in a pattern is replaced by the fragment of that name.

`compile_rules()` validates as it compiles: an unknown fragment, hazard, kind or field, an
anchor for a cue that does not exist, or a regex that does not compile raises `RulesError`
naming the file and the rule, so a bad edit fails at start-up (and in the tests), never at
routing time. (Session 35) Another language's hazard phrases are compiled at their cue's first
use instead (`HazardCue.pattern`): their regexes are built from escaped words by
`phrase_pattern`, and the tests compile every one (test_rules_data).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from routing.factoring import compile_factored
from routing.normalise import fold, normalise
from routing.types import HAZARDS, VULNERABILITIES

RULES_DIR = Path(__file__).resolve().parent

# Separator between words that stays inside one sentence.
SEP = r"[^\w.!?\n]+"
HAZARD_KINDS = frozenset(
    {"hard", "soft", "heating", "hot_water", "water_supply", "power", "lift_out", "at_height"}
)
_FRAGMENT_REF = re.compile(r"\{\{(\w+)\}\}")


# Hazard families a language entry can list phrases for: family -> (hazard, cue kind).
LANGUAGE_FAMILIES: dict[str, tuple[str, str, str]] = {
    # family: (hazard, cue kind, safety advice topic)
    "gas": ("gas", "hard", "gas"),
    "carbon_monoxide": ("carbon_monoxide", "hard", "carbon_monoxide"),
    "fire": ("fire", "hard", "fire"),
    "electrical": ("electrical", "hard", "electrical"),
    "water": ("water", "hard", "water"),
    "sewage": ("sewage", "hard", "sewage"),
    "structural": ("structural", "hard", "structural"),
    "security": ("security", "hard", "security"),
    "trapped": ("welfare", "hard", "welfare"),
    # (session 27) damp or mould with a serious risk to health, paged as a welfare hazard with the
    # welfare advice, as the English rules page it ("damp or mould with a serious risk to health")
    "damp_mould": ("welfare", "hard", "welfare"),
    "lift": ("lift", "hard", "lift"),
    "no_heating": ("loss_of_essential_service", "heating", "loss_of_essential_service"),
    # No power at all (session 21): escalates as no_heating does (routing.router), with the
    # power safety advice.
    "no_power": ("loss_of_essential_service", "power", "power"),
    # No water at all (session 13): a total loss, an emergency as the English "no water" is.
    "no_water": ("loss_of_essential_service", "water_supply", "loss_of_essential_service"),
}
_PHRASE_PIECE = re.compile(r"[*~]")
# A phrase's ` ~ `: up to six words. Indic vowel signs and Arabic harakat are not \w in Python,
# so they count as letters here: otherwise a Gujarati or Bengali word is several "words".
# (session 35) Arabic's marks as one range, U+064B-U+0670: the four signs between the harakat
# and the superscript alef (percent, decimal and thousands separators, a star; the digits and
# letters there are \w already) join a number's word, and the class is two runs, not three,
# which Python's regex compiler builds in half the time (7,000 gaps: a second of CPU when every
# language's phrases are compiled, which happens at their first use: HazardCue.pattern).
_LETTER = r"\w\u0900-\u0dff\u064b-\u0670"
_GAP = rf"(?:[{_LETTER}]+[^{_LETTER}]+){{0,6}}?"


def phrase_pattern(phrases: tuple[str, ...]) -> str:
    """Regex for other-language phrases: `*` any letters (a stem), ` ~ ` up to six words.

    Words are separated by any non-letters; a phrase starting with a Latin letter must start a
    word. Phrases are matched on normalised text, so they are normalised the same way here:
    a whole word as routing.normalise writes it ("bîna" is "bina", Vietnamese "tho" is
    "though", Albanian "u" is "you"), a stem's letters folded ("prîz*" is "priz*"), and a stem
    whose letters alone are a word the normaliser rewrites also matches that word ("gaz*" also
    matches "gas", which is how "gaz" on its own arrives).
    """

    def word_pattern(word: str) -> str:
        if "*" not in word:
            return r"\W*".join(re.escape(w) for w in _normal_word(word).split())
        parts = [fold(part) for part in word.split("*")]
        stem = r"\w*".join(re.escape(part) for part in parts)
        whole = _rewritten_stem(word)
        return rf"(?:{stem}|{re.escape(whole)}\b)" if whole else stem

    def one(phrase: str) -> str:
        words = []
        for word in phrase.split():
            if word == "~":
                words.append(_GAP)
                continue
            words.append(word_pattern(word) + r"\W*")
        body = "".join(words)
        body = body[: -len(r"\W*")] if body.endswith(r"\W*") else body
        # (session 15) spaces around a phrase are not part of it: "ard " is the whole word "ard"
        # (Romanian "burns"), not the start of "Arden Court"
        folded = fold(phrase).strip()
        latin = folded[:1].isascii() and folded[:1].isalpha()
        # A Latin phrase is whole words ("fum" is not "fumee") unless it ends in a stem (*).
        end = r"\b" if latin and folded[-1:].isascii() and folded[-1:].isalnum() else ""
        return (r"\b" if latin else "") + body + end

    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(one(p) for p in ordered) + ")"


def _normal_word(word: str) -> str:
    """A whole word of a phrase as normalised text has it ("bîna" -> "bina", "u" -> "you")."""
    return normalise(word) or fold(word)


def _rewritten_stem(word: str) -> str:
    """For a stem ("gaz*"), the word the normaliser rewrites its letters to when they stand
    alone ("gas"), or "" when it leaves them as they are."""
    parts = word.split("*")
    if len(parts) != 2 or not parts[0] or parts[1]:
        return ""
    whole = normalise(parts[0])
    return whole if whole != fold(parts[0]) else ""


def phrase_anchor(phrase: str, common: frozenset[str] = frozenset()) -> str:
    """A literal word of a phrase (present in any text it matches), rare in English if it can.

    The anchor decides when the phrase's regex is tried at all, so "pani ~ socket" is anchored
    on "pani", not on "socket" (which English texts are full of). Pieces are taken from the
    phrase as phrase_pattern normalises it; a stem that also matches its rewritten word
    ("gaz*", also "gas") is anchored on what the two share.
    """
    normal = []
    for word in phrase.split():
        if word == "~":
            normal.append("~")
        elif "*" not in word:
            normal.append(_normal_word(word))
        elif whole := _rewritten_stem(word):
            normal.append(os.path.commonprefix([fold(word.rstrip("*")), whole]) + "*")
        else:
            normal.append(fold(word))
    # One word: the words of a phrase may meet with no space between ("سر درد" matches
    # "سردرد") or with punctuation, so a piece of several words is not always in the text.
    words = [w for p in _PHRASE_PIECE.split(" ".join(normal)) for w in p.split()]
    rare = [w for w in words if w not in common]
    return max(rare or words, key=len)


def _english_words() -> frozenset[str]:
    """Common English words: the learned model's single-word vocabulary, if it is installed."""
    path = RULES_DIR.parent / "data" / "router_model.json"
    try:
        import json

        return frozenset(w for w in json.loads(path.read_text("utf-8"))["vocabulary"]
                         if " " not in w)
    except (OSError, ValueError, KeyError):
        return frozenset()


class RulesError(ValueError):
    """A rules file that cannot be compiled (the message names the file and the rule)."""


def near(first: str, second: str, gap: int = 4) -> str:
    """Regex for `first` then `second` with at most `gap` words between, in one sentence."""
    return rf"(?:{first})(?:{SEP}\w+){{0,{gap}}}?{SEP}(?:{second})"


def either_order(a: str, b: str, gap: int = 4) -> str:
    """Regex for `a` near `b` in either order."""
    return f"{near(a, b, gap)}|{near(b, a, gap)}"


@dataclass(frozen=True)
class HazardCue:
    """One way a hazard shows up in text.

    kind: "hard" (always an emergency), "soft" (urgent repair, not an emergency),
    "heating"/"hot_water" (an emergency for a vulnerable household or in the cold),
    "water_supply"/"power" (total loss: an emergency), "lift_out" (an emergency when someone
    with reduced mobility is stranded), "at_height" (a failed barrier against a fall: an
    emergency when the text puts it above the ground or fears a fall).
    negatable: False where the negation is part of the cue ("no heating", "not seen her").
    regex: the compiled pattern, or a function compiling it when `pattern` is first read
    (session 35: another language's phrases, which most processes never need, and compiling
    them all was most of every process's start).
    """

    name: str
    hazard: str
    kind: str
    regex: re.Pattern[str] | Callable[[], re.Pattern[str]]
    negatable: bool = True
    advice: str = ""

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The cue's compiled pattern."""
        regex = self.regex
        return regex if isinstance(regex, re.Pattern) else regex()


@dataclass(frozen=True)
class DangerEffect:
    """One family of active danger effects and the hazard it means for each object group.

    hazards: object group -> hazard name; the first group found near the effect wins.
    needs_object: False for effects that are a danger on their own (a person unconscious).
    negatable: False where a negation is part of the effect ("will not turn off").
    unless: words that, anywhere in the sentence, mean it is not this danger
    ("condensation" for water running down a wall).
    unless_next: words that mean so in the next sentence too, when it has no "but" (session 31:
    "Slow drip from the corner of the spare room ceiling. It's nowhere near any lights").
    aside_after: the name of a pattern (context.toml) that means so when said after the effect,
    in the rest of its sentence or in the next, where that part has no "but" (session 33: a lift
    stuck "with nobody in it", read as the lift cue reads it: `analysis.said_after`).
    unless_here: phrases that set aside only the effect's words they contain, not the rest of the
    sentence (session 34: "heating works fine everywhere except the radiator" is no water
    everywhere, while "it stuck for a minute but now it's jammed" still has "jammed").
    """

    name: str
    words: tuple[str, ...]
    hazards: dict[str, str]
    needs_object: bool = True
    negatable: bool = True
    unless: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()
    aside_after: str = ""
    unless_here: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """Everything the router listens for, compiled."""

    hazard_cues: tuple[HazardCue, ...]
    hazard_anchors: dict[str, tuple[str, ...]]
    language_cue_names: frozenset[str]
    loose_first: frozenset[str]
    patterns: dict[str, re.Pattern[str]]
    vulnerabilities: tuple[tuple[str, re.Pattern[str]], ...]
    vulnerability_synonyms: dict[str, str]
    complaint_cues: tuple[tuple[str, int, re.Pattern[str]], ...]
    complaint_anchors: dict[str, tuple[str, ...]]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    danger_objects: dict[str, tuple[str, ...]]
    danger_not_security: tuple[str, ...]
    danger_effects: tuple[DangerEffect, ...]


class _Compiler:
    def __init__(self, directory: Path, regroup: bool = True) -> None:
        self.compile = compile_factored if regroup else re.compile
        self.directory = directory
        self.language_cue_names: list[str] = []
        self.where = ""
        fragments = self._load("fragments.toml").get("fragments", {})
        self.fragments: dict[str, str] = {}
        for name, spec in fragments.items():
            self.where = f"fragments.toml: {name}"
            self.fragments[name] = self._join(spec)

    def _load(self, name: str) -> dict[str, Any]:
        path = self.directory / name
        if not path.exists():
            return {}
        try:
            return tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{name}: {exc}") from exc

    def fail(self, problem: str) -> RulesError:
        return RulesError(f"{self.where}: {problem}")

    def _join(self, spec: Any) -> str:
        if isinstance(spec, str):
            return spec
        if isinstance(spec, list) and all(isinstance(s, str) for s in spec):
            return "".join(spec)
        if isinstance(spec, dict):
            return self._combinator(spec)
        raise self.fail(f"a pattern must be a string, a list of strings or a table, not {spec!r}")

    def _combinator(self, spec: dict[str, Any]) -> str:
        unknown = set(spec) - {"near", "either_order", "gap"}
        kinds = [k for k in ("near", "either_order") if k in spec]
        if unknown or len(kinds) != 1:
            raise self.fail("a pattern table needs exactly one of `near` or `either_order` "
                            "(and optionally `gap`)")
        pair = spec[kinds[0]]
        if not (isinstance(pair, list) and len(pair) == 2):
            raise self.fail(f"`{kinds[0]}` needs two patterns")
        gap = spec.get("gap", 4)
        if not isinstance(gap, int) or gap < 0:
            raise self.fail("`gap` must be a whole number of words")
        a, b = (self._join(p) for p in pair)
        return near(a, b, gap) if kinds[0] == "near" else either_order(a, b, gap)

    def expand(self, spec: Any, depth: int = 0) -> str:
        text = self._join(spec) if depth == 0 else spec
        if depth > 5:
            raise self.fail("fragments nest too deeply (a fragment refers to itself?)")

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.fragments:
                raise self.fail(f"unknown fragment {{{{{name}}}}}")
            return self.expand(self.fragments[name], depth + 1)

        return _FRAGMENT_REF.sub(one, text)

    def regex(self, spec: Any) -> re.Pattern[str]:
        source = self.expand(spec)
        try:
            # Compiled once, already regrouped (routing.factoring: the same matches, faster).
            return self.compile(source)
        except re.error as exc:
            raise self.fail(f"bad regex: {exc}") from exc

    def deferred(self, spec: Any) -> Callable[[], re.Pattern[str]]:
        """`regex(spec)` when first called (a bad regex is reported then, with where it is)."""
        where = self.where

        def compiled() -> re.Pattern[str]:
            self.where = where
            return self.regex(spec)

        return compiled

    def fields(self, entry: Mapping[str, Any], required: set[str], optional: set[str]) -> None:
        missing = required - entry.keys()
        unknown = entry.keys() - required - optional
        if missing or unknown:
            raise self.fail(f"missing {sorted(missing)} / unknown {sorted(unknown)} fields")

    def words(self, spec: Any) -> tuple[str, ...]:
        if not (isinstance(spec, list) and all(isinstance(w, str) for w in spec)):
            raise self.fail("expected a list of strings")
        return tuple(spec)

    def anchors(self, table: Mapping[str, Any], names: set[str]) -> dict[str, tuple[str, ...]]:
        out = {}
        for name, words in table.items():
            self.where = f"anchors: {name}"
            if name not in names:
                raise self.fail("anchors for a cue that does not exist")
            out[name] = self.words(words)
        return out

    def hazards(self, loose: set[str]) -> tuple[tuple[HazardCue, ...], dict[str, tuple[str, ...]]]:
        data = self._load("hazards.toml")
        cues = []
        for i, entry in enumerate(data.get("cue", [])):
            self.where = f"hazards.toml: cue {i + 1} ({entry.get('name', '?')})"
            self.fields(entry, {"name", "hazard", "kind", "pattern"},
                        {"negatable", "advice", "loose_first"})
            if entry["hazard"] not in HAZARDS:
                raise self.fail(f"unknown hazard {entry['hazard']!r}")
            if entry["kind"] not in HAZARD_KINDS:
                raise self.fail(f"unknown kind {entry['kind']!r}")
            if entry.get("loose_first"):
                loose.add(entry["name"])
            cues.append(HazardCue(
                entry["name"], entry["hazard"], entry["kind"], self.regex(entry["pattern"]),
                bool(entry.get("negatable", True)), entry.get("advice") or entry["hazard"],
            ))
        anchors = self.anchors(data.get("anchors", {}), {c.name for c in cues})
        language_cues, language_anchors = self.languages()
        anchors.update(language_anchors)
        self.language_cue_names = [c.name for c in language_cues]
        return (*cues, *language_cues), anchors

    def language_patterns(self) -> dict[str, re.Pattern[str]]:
        """Patterns over all languages (languages.toml top level), e.g. cold_or_vulnerable."""
        data = self._load("languages.toml")
        out = {}
        for key in ("cold_or_vulnerable", "harmless"):
            self.where = f"languages.toml: {key}"
            out[f"other_language_{key}"] = self.regex(
                phrase_pattern(self.words(data.get(key, ["(none)"]))))
        # Each language's `possible` words, pooled: a hazard named in a message the router
        # cannot otherwise read, which gets the safety question (routing.router); and its
        # `complaint` words: dissatisfaction with our service, which makes a complaint.
        for key in ("possible", "complaint"):
            pooled: list[str] = []
            for entry in data.get("language", []):
                self.where = f"languages.toml: {entry.get('code', '?')} {key}"
                pooled.extend(self.words(entry.get(key, [])))
            out[f"other_language_{key}"] = self.regex(phrase_pattern(tuple(pooled or ["(none)"])))
        return out

    def languages(self) -> tuple[list[HazardCue], dict[str, tuple[str, ...]]]:
        """Hazard phrases in other languages (languages.toml), one cue per language and family."""
        cues, anchors = [], {}
        common = _english_words()
        for i, entry in enumerate(self._load("languages.toml").get("language", [])):
            code = entry.get("code", "?")
            self.where = f"languages.toml: language {i + 1} ({code})"
            unknown = (entry.keys() - {"code", "name", "reviewed", "note", "possible", "complaint"}
                       - LANGUAGE_FAMILIES.keys())
            if unknown or not isinstance(entry.get("name"), str):
                raise self.fail(f"needs code and name; unknown families {sorted(unknown)}")
            for family, (hazard, kind, advice) in LANGUAGE_FAMILIES.items():
                if family not in entry:
                    continue
                self.where = f"languages.toml: {code} {family}"
                phrases = self.words(entry[family])
                name = f"{family} ({code})"
                # Not negatable: the English negation words are other words there ("no" is
                # "in the" in Portuguese); a denial in another language is not recognised yet.
                # Compiled on first use (`HazardCue.pattern`): a text in this language, or
                # with one of the phrase's anchors, may never come to this process.
                cues.append(HazardCue(name, hazard, kind, self.deferred(phrase_pattern(phrases)),
                                      False, advice))
                anchors[name] = tuple(sorted({phrase_anchor(p, common) for p in phrases}))
                if not all(anchors[name]):
                    raise self.fail("a phrase needs at least one literal letter")
        return cues, anchors

    def patterns(self, file: str, table: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
        out = {}
        for name, spec in table.items():
            self.where = f"{file}: {name}"
            out[name] = self.regex(spec)
        return out

    def named(self, file: str, entries: list[dict[str, Any]], loose: set[str],
              extra: frozenset[str] = frozenset()) -> list[tuple[dict[str, Any], re.Pattern[str]]]:
        out = []
        for i, entry in enumerate(entries):
            self.where = f"{file}: {i + 1} ({entry.get('name', '?')})"
            self.fields(entry, {"name", "pattern"}, {"loose_first"} | extra)
            if entry.get("loose_first"):
                loose.add(entry["name"])
            out.append((entry, self.regex(entry["pattern"])))
        return out

    def dangers(
        self, patterns: Mapping[str, re.Pattern[str]],
    ) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[DangerEffect, ...]]:
        """dangers.toml; `patterns`: the named patterns an effect's `aside_after` may name."""
        data = self._load("dangers.toml")
        self.where = "dangers.toml: lists"
        lists = {name: self.words(words) for name, words in data.get("lists", {}).items()}
        self.where = "dangers.toml: objects"
        objects = {group: self.words(words) for group, words in data.get("objects", {}).items()}
        self.where = "dangers.toml: not_security"
        not_security = self.words(data.get("not_security", []))
        effects = []
        for i, entry in enumerate(data.get("effect", [])):
            self.where = f"dangers.toml: effect {i + 1} ({entry.get('name', '?')})"
            self.fields(entry, {"name", "words", "hazards"},
                        {"needs_object", "negatable", "unless", "unless_next", "aside_after",
                         "unless_here"})
            for group, hazard in entry["hazards"].items():
                if group not in objects or hazard not in HAZARDS:
                    raise self.fail(f"unknown object group {group!r} or hazard {hazard!r}")
            aside_after = entry.get("aside_after", "")
            if aside_after and aside_after not in patterns:
                raise self.fail(f"unknown pattern {aside_after!r} in `aside_after`")
            effects.append(DangerEffect(
                entry["name"], self.words(entry["words"]), dict(entry["hazards"]),
                bool(entry.get("needs_object", True)), bool(entry.get("negatable", True)),
                self._with_lists(entry.get("unless", []), lists),
                self._with_lists(entry.get("unless_next", []), lists), aside_after,
                self._with_lists(entry.get("unless_here", []), lists),
            ))
        return objects, not_security, tuple(effects)

    def _with_lists(self, given: str | list[str], lists: dict[str, tuple[str, ...]]
                    ) -> tuple[str, ...]:
        """Words where a list's name ("@not_a_person"), alone or among them, stands for its
        words."""
        out: list[str] = []
        for word in self.words([given] if isinstance(given, str) else given):
            if not word.startswith("@"):
                out.append(word)
            elif word[1:] in lists:
                out.extend(lists[word[1:]])
            else:
                raise self.fail(f"unknown list {word!r}")
        return tuple(out)


def compile_rules(directory: Path = RULES_DIR, *, regroup: bool = True) -> Rules:
    """Read and compile every rules file in `directory` (raises RulesError on a bad rule).

    regroup=False compiles each pattern as written, not regrouped for speed (tests compare).
    """
    c = _Compiler(directory, regroup)
    loose: set[str] = set()
    hazard_cues, hazard_anchors = c.hazards(loose)
    language_cue_names = frozenset(c.language_cue_names)
    patterns = c.patterns("context.toml", c._load("context.toml").get("patterns", {}))
    patterns.update(c.language_patterns())

    vulnerability = c._load("vulnerability.toml")
    vulnerabilities = []
    for entry, pattern in c.named("vulnerability.toml", vulnerability.get("vulnerability", []),
                                  loose):
        if entry["name"] not in VULNERABILITIES:
            raise c.fail(f"unknown vulnerability {entry['name']!r}")
        vulnerabilities.append((entry["name"], pattern))
    synonyms = dict(vulnerability.get("synonyms", {}))

    complaints = c._load("complaints.toml")
    complaint_cues = []
    for entry, pattern in c.named("complaints.toml", complaints.get("cue", []), loose,
                                  frozenset({"weight"})):
        weight = entry.get("weight")
        if not isinstance(weight, int) or weight < 1:
            raise c.fail("`weight` must be a positive whole number")
        complaint_cues.append((entry["name"], weight, pattern))
    patterns.update(c.patterns("complaints.toml", complaints.get("patterns", {})))
    complaint_anchors = c.anchors(complaints.get("anchors", {}), {n for n, _, _ in complaint_cues})

    topics_data = c._load("topics.toml")
    topics = tuple((e["name"], p) for e, p in c.named("topics.toml", topics_data.get("topic", []),
                                                       loose))
    patterns.update(c.patterns("topics.toml", topics_data.get("patterns", {})))
    objects, not_security, effects = c.dangers(patterns)
    return Rules(
        hazard_cues=hazard_cues, hazard_anchors=hazard_anchors,
        language_cue_names=language_cue_names, loose_first=frozenset(loose),
        patterns=patterns, vulnerabilities=tuple(vulnerabilities),
        vulnerability_synonyms=synonyms, complaint_cues=tuple(complaint_cues),
        complaint_anchors=complaint_anchors, topics=topics, danger_objects=objects,
        danger_not_security=not_security, danger_effects=effects,
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The packaged rules, compiled on first use (once per process)."""
    return compile_rules()
