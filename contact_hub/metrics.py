"""Counters shared by every process (kept in Redis), rendered as Prometheus text."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from redis import Redis

from contact_hub.queueing import Dispatcher

logger = logging.getLogger(__name__)

WEBHOOK_KEY = "contact_hub:metrics:webhooks"


def count_webhook(dispatcher: Dispatcher, channel: str, outcome: str) -> None:
    """Count one webhook outcome (sent to Redis with others, within about a second)."""
    dispatcher.increment(WEBHOOK_KEY, f"{channel}|{outcome}")


def webhook_counts(redis: Redis) -> dict[tuple[str, str], int]:
    raw = redis.hgetall(WEBHOOK_KEY)
    counts: dict[tuple[str, str], int] = {}
    for key, value in raw.items():
        name = key.decode() if isinstance(key, bytes) else str(key)
        channel, _, outcome = name.partition("|")
        counts[(channel, outcome)] = int(value)
    return counts


def render(families: Iterable[tuple[str, str, str, list[tuple[dict[str, str], float]]]]) -> str:
    """Prometheus text format from (name, type, help, [(labels, value)])."""
    lines: list[str] = []
    for name, kind, help_text, samples in families:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items()))
            suffix = "{" + label_text + "}" if label_text else ""
            lines.append(f"{name}{suffix} {value:g}")
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
