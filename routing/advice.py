"""Safety advice for the immediate reply to an emergency, kept as customer-editable TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

ALWAYS = "always"
FALLBACK = "fallback"


@dataclass(frozen=True)
class SafetyAdvice:
    """Advice lines by topic (a hazard name, or power/heating/water_supply/always/fallback).

    translations: language code -> topic -> lines (routing/data/safety_advice_translations.toml);
    interpreter: the English offer of an interpreter for a language with no translation held.
    """

    topics: Mapping[str, tuple[str, ...]]
    translations: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    interpreter: tuple[str, ...] = ()

    def in_language(self, topics: Iterable[str], language: str | None) -> tuple[str, ...]:
        """The English advice, then the same in the resident's language where a translation is
        held, else an offer of an interpreter; English alone for English or an unknown language.
        """
        topics = tuple(topics)
        english = self.lines_for(topics)
        if language in (None, "en"):
            return english
        translated = self.translations.get(language or "")
        if not translated:
            return english + self.interpreter
        lines = list(translated.get(ALWAYS, ()))
        specific = [line for topic in topics for line in translated.get(topic, ())]
        lines.extend(specific or translated.get(FALLBACK, ()))
        return english + tuple(dict.fromkeys(lines))

    def lines_for(self, topics: Iterable[str]) -> tuple[str, ...]:
        """Return `always`, then each topic's lines in order, without repeats.

        Falls back to the `fallback` topic when none of the topics has advice.
        """
        lines: list[str] = list(self.topics.get(ALWAYS, ()))
        specific = [line for topic in topics for line in self.topics.get(topic, ())]
        lines.extend(specific or self.topics.get(FALLBACK, ()))
        return tuple(dict.fromkeys(lines))


def _parse(data: Mapping[str, object]) -> SafetyAdvice:
    topics: dict[str, tuple[str, ...]] = {}
    for topic, section in data.items():
        lines = section.get("lines") if isinstance(section, dict) else None
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise ValueError(f"safety advice topic {topic!r} needs a `lines` list of strings")
        topics[topic] = tuple(lines)
    return SafetyAdvice(topics)


def _translations() -> tuple[dict[str, dict[str, tuple[str, ...]]], tuple[str, ...]]:
    data = tomllib.loads(resources.files("routing").joinpath(
        "data/safety_advice_translations.toml").read_text("utf-8"))
    interpreter = tuple(data.pop("interpreter", {}).get("lines", ()))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for language, section in data.items():
        if not isinstance(section.get("reviewed"), bool):
            raise ValueError(f"translation {language!r} must say reviewed = true or false")
        out[language] = {topic: tuple(lines) for topic, lines in section.items()
                         if topic != "reviewed"}
    return out, interpreter


def load_safety_advice(path: str | None = None) -> SafetyAdvice:
    """Load advice from `path`, or the packaged routing/data/safety_advice.toml by default,
    with the packaged translations."""
    if path is None:
        text = resources.files("routing").joinpath("data/safety_advice.toml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    english = _parse(tomllib.loads(text))
    translations, interpreter = _translations()
    return SafetyAdvice(english.topics, translations, interpreter)
