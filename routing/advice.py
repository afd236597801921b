"""Safety advice for the immediate reply to an emergency, kept as customer-editable TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ALWAYS = "always"
FALLBACK = "fallback"


@dataclass(frozen=True)
class SafetyAdvice:
    """Advice lines by topic (a hazard name, or power/heating/water_supply/always/fallback)."""

    topics: Mapping[str, tuple[str, ...]]

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


def load_safety_advice(path: str | None = None) -> SafetyAdvice:
    """Load advice from `path`, or the packaged routing/data/safety_advice.toml by default."""
    if path is None:
        text = resources.files("routing").joinpath("data/safety_advice.toml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return _parse(tomllib.loads(text))
