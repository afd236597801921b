"""Write the router's decisions on every labelled corpus to a fixture (rules alone).

Run: .venv/bin/python -m tools.snapshot_decisions [out]
The fixture pins what the rules decide, so moving the rules into data files (or any other
refactoring of them) can be shown to change nothing (tests/unit/routing/test_rules_data.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from routing import Router
from routing.types import Message

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "fixtures" / "corpus"
SNAPSHOT = ROOT / "tests" / "fixtures" / "rules_snapshot.jsonl"
# The corpora the snapshot covers (the ones that existed when the rules moved into data).
CORPORA = ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")


def snapshot_lines() -> list[str]:
    """One JSON line per corpus message: its id and the rules-only decision."""
    router = Router(use_model=False)
    lines = []
    for name in CORPORA:
        text = (CORPUS_DIR / f"{name}.jsonl").read_text("utf-8")
        for record in (json.loads(line) for line in text.splitlines() if line.strip()):
            message = Message(record["text"], record["channel"], record.get("subject"))
            decision = router.route(message).to_dict()
            lines.append(json.dumps({"id": record["id"], "decision": decision}, sort_keys=True))
    return lines


def main(out: str | None = None) -> None:
    path = Path(out) if out else SNAPSHOT
    path.write_text("\n".join(snapshot_lines()) + "\n", "utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
