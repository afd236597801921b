"""Throughput of the router on one core: prints classifications per second.

Run: .venv/bin/python bench/classify.py [seconds]
Classifies the whole labelled dev corpus (realistic lengths and styles) in full passes with
the default Router; nothing is cached between messages, so every pass does the full work.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from routing import Message, Router

DEV_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus" / "dev.jsonl"


def load_messages() -> list[Message]:
    """Every dev corpus message as a Message."""
    messages = []
    for line in DEV_CORPUS.read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            messages.append(Message(record["text"], record["channel"], record.get("subject")))
    return messages


def main(seconds: float = 3.0) -> None:
    """Classify corpus messages for about `seconds` and print the rate."""
    router = Router()
    messages = load_messages()
    for message in messages:  # warm-up: regex caches, advice loading
        router.route(message)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for message in messages:
            router.route(message)
        done += len(messages)
    elapsed = time.perf_counter() - start
    print(f"{done / elapsed:,.0f} classifications/sec ({done} in {elapsed:.2f}s, one core)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
