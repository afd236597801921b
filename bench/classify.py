"""Throughput of the router on one core: rules alone, the learned model alone, and combined.

Run: .venv/bin/python bench/classify.py [seconds]
Classifies the whole labelled dev corpus (realistic lengths and styles) in full passes, in one
run: the rules alone (`Router(use_model=False)`, what the webhook's safety preview runs), the
learned model alone (normalise + score), the full router (rules + model + language, what the
worker runs) one message at a time, and the same in batches (`Router.route_many`, what
`contact-hub classify` runs on its input). Rates are per second of this process's CPU time,
so other work on a shared machine does not count against it; wall-clock rates are shown too.
Nothing is cached between messages, so every pass does the full work.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from routing import Message, Router
from routing.jsonl import BATCH
from routing.model import load_model
from routing.normalise import normalise

DEV_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus" / "dev.jsonl"


def load_messages() -> list[Message]:
    """Every dev corpus message as a Message."""
    messages = []
    for line in DEV_CORPUS.read_text("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            messages.append(Message(record["text"], record["channel"], record.get("subject")))
    return messages


def one_by_one(work: Callable[[Message], object]) -> Callable[[list[Message]], object]:
    """A pass over the messages calling `work` on each."""
    def run(messages: list[Message]) -> None:
        for message in messages:
            work(message)
    return run


def in_batches(work: Callable[[list[Message]], object]) -> Callable[[list[Message]], object]:
    """A pass over the messages calling `work` on batches of the classify command's size."""
    def run(messages: list[Message]) -> None:
        for start in range(0, len(messages), BATCH):
            work(messages[start:start + BATCH])
    return run


def measure(name: str, work: Callable[[list[Message]], object], messages: list[Message],
            seconds: float) -> float:
    """Run `work` over the messages for about `seconds`; print and return the CPU-time rate."""
    work(messages)  # warm-up: regex caches, advice and model loading
    done = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        work(messages)
        done += len(messages)
    cpu_rate = done / (time.process_time() - cpu)
    wall_rate = done / (time.perf_counter() - wall)
    print(f"{name:>9}: {cpu_rate:>8,.0f} classifications/sec of CPU "
          f"({wall_rate:,.0f}/sec wall, {done} in one process)")
    return cpu_rate


def main(seconds: float = 3.0) -> None:
    """Measure rules, model, combined and batched combined throughput in the same run."""
    messages = load_messages()
    rules = Router(use_model=False)
    combined = Router()
    model = load_model()
    assert model is not None
    measure("rules", one_by_one(rules.route), messages, seconds)
    measure("model", one_by_one(lambda m: model.scores(normalise(m.text, m.subject))), messages,
            seconds)
    measure("combined", one_by_one(combined.route), messages, seconds)
    measure("batched", in_batches(combined.route_many), messages, seconds)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
