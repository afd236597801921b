"""Every router decision on every corpus, written out in full, so a speed-up can be shown to
change no decision: run it on the tree before and after and compare the two files.

    .venv/bin/python bench/router_decisions.py OUT [TREE]
    cmp before.txt after.txt

For each message of every tests/fixtures/corpus/*.jsonl (its text, channel and subject; the
labels are never read): the model's full probabilities, coverage and top words per class;
the full router's Decision (repr: every field, every reason) with no context, in winter for
an elderly resident, and for each IVR choice; the webhook's preview; the rules alone.
TREE (default: this one) is the checkout whose corpora are read.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from routing import Context, Message, Router
from routing.model import load_model
from routing.normalise import normalise

IVR_CHOICES = (None, "emergency", "complaint", "repair")


def main(out_path: str, tree: str = str(Path(__file__).resolve().parents[1])) -> None:
    full, rules = Router(), Router(use_model=False)
    model = load_model()
    assert model is not None
    winter = Context(now=datetime(2026, 1, 10, 9), recorded_vulnerabilities=("elderly",))
    files = sorted((Path(tree) / "tests/fixtures/corpus").glob("*.jsonl"))
    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in files:
            for line in path.read_text("utf-8").splitlines():
                if not line.strip():
                    continue
                record = json.loads(line)
                for ivr in IVR_CHOICES:
                    message = Message(record["text"], record.get("channel", "sms"),
                                      record.get("subject"), ivr)
                    if ivr is None:
                        scores = model.scores(normalise(message.text, message.subject))
                        print(path.name, repr(scores.probabilities), scores.coverage,
                              *(scores.top_words(label) for label in
                                ("emergency", "complaint", "service_request")), file=out)
                        print(repr(full.route(message, winter)), file=out)
                        print(repr(full.route(message, preview=True)), file=out)
                        print(repr(rules.route(message)), file=out)
                    print(repr(full.route(message)), file=out)
                count += 1
    print(f"{count} messages from {len(files)} corpora")


if __name__ == "__main__":
    main(*sys.argv[1:])
