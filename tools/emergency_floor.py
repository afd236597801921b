"""Pin how the router treats every tuned emergency, so no change or retrain quietly lowers one.

Each emergency in the tuned corpora (the English ones, and the tuned part of the other-language
ones) is either paged, asked the safety question, or neither. The fixture
tests/fixtures/emergency_floor.json records which, as it was when last written;
tests/unit/routing/test_emergency_floor.py fails when an emergency drops (paged to asked or
neither, asked to neither), naming it. A retrain of either model, a new phrase or a rule
change that lowers one has to be mended, or the fixture rewritten in the same commit, where the
drop shows in the diff. Run from the repository root:

  .venv/bin/python -m tools.emergency_floor            # show what moved against the fixture
  .venv/bin/python -m tools.emergency_floor --write    # rewrite the fixture
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from routing import Router
from routing.language_model import load_language_model
from routing.model import load_model
from tools.router_eval import (
    MULTILINGUAL_TUNED,
    ROOT,
    TUNED,
    message,
    tuned_part,
)

FLOOR = ROOT / "tests" / "fixtures" / "emergency_floor.json"
# What the router did with an emergency, best first.
PAGED, ASKED, MISSED = "paged", "asked", "missed"
RANK = {PAGED: 2, ASKED: 1, MISSED: 0}


def tuned_emergencies() -> list[dict[str, object]]:
    """The labelled emergencies the rules and models may be tuned on (held-out parts left out)."""
    return [record for name in dict.fromkeys((*TUNED, *MULTILINGUAL_TUNED))
            for record in tuned_part(name) if record["label"] == "emergency"]


def outcomes(router: Router | None = None) -> dict[str, str]:
    """Each tuned emergency's id and what the router (rules and both models) does with it."""
    router = router or Router()
    records = tuned_emergencies()
    decisions = router.route_many([message(r) for r in records])
    return {str(r["id"]): PAGED if d.category == "emergency" else
            ASKED if d.ask_safety_question else MISSED
            for r, d in zip(records, decisions, strict=True)}


def dropped(pinned: dict[str, str], now: dict[str, str]) -> list[str]:
    """The pinned emergencies the router now treats worse, as 'id: was -> now' lines."""
    return [f"{key}: {was} -> {now.get(key, MISSED)}" for key, was in sorted(pinned.items())
            if RANK[now.get(key, MISSED)] < RANK[was]]


def after_retrain() -> str:
    """What a training command prints once it has written a model: the tuned emergencies the
    router, reading the models now on disk, treats worse than the fixture pins."""
    load_model.cache_clear()
    load_language_model.cache_clear()
    lower = dropped(json.loads(FLOOR.read_text("utf-8")), outcomes())
    if not lower:
        return "emergency floor: no tuned emergency treated worse than the fixture pins"
    return (f"emergency floor: {len(lower)} tuned emergencies treated worse than the fixture "
            "pins (mend them, or rewrite it with `python -m tools.emergency_floor --write`):\n"
            + "\n".join(lower))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the fixture")
    args = parser.parse_args(argv)
    now = outcomes()
    counts = {state: sum(v == state for v in now.values()) for state in RANK}
    print(f"{len(now)} tuned emergencies: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if args.write:
        FLOOR.write_text(json.dumps(now, indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {FLOOR.relative_to(ROOT)}")
        return 0
    pinned = json.loads(FLOOR.read_text("utf-8"))
    lower = dropped(pinned, now)
    raised = [key for key, was in pinned.items() if RANK[now.get(key, MISSED)] > RANK[was]]
    print(f"{len(lower)} lower than the fixture, {len(raised)} higher, "
          f"{len(set(now) - set(pinned))} not in it yet")
    print("\n".join(lower))
    return 1 if lower else 0


if __name__ == "__main__":
    sys.exit(main())
