"""First-run figures on new corpora: the router as it is, the baseline, and the two combined.

Run: .venv/bin/python -m tools.first_run unseen7 unseen9 multilingual9 unseen11 multilingual11
Nothing here trains on the corpora measured: the baseline is trained on the tuned corpora only.
"""

from __future__ import annotations

import sys
from typing import Any

from routing import Router
from tools.router_eval import (
    TABLE_HEAD,
    TUNED,
    WITH_HELD_OUT_QUARTER,
    Record,
    baseline,
    either_emergency,
    load,
    message,
    model_text,
    multilingual_held_out,
    per_language_recall,
    route_all,
    row,
    scores,
)

# The baseline is trained on every tuned corpus (10 since fresh11 joined).
BASELINE = "baseline (TF-IDF + LR, tuned corpora)"


def _asked(records: list[Record], router: Router) -> str:
    """The share of contacts asked the safety question, and emergency recall counting a contact
    that was asked as caught (YES or no answer in 10 minutes makes it an emergency)."""
    decisions = [router.route(message(r)) for r in records]
    asked = sum(d.ask_safety_question for d in decisions)
    emergencies = [d for r, d in zip(records, decisions, strict=True) if r["label"] == "emergency"]
    caught = sum(d.category == "emergency" or d.ask_safety_question for d in emergencies)
    return (f"Asked the safety question: {asked}/{len(records)} ({asked / len(records):.1%}); "
            f"emergency recall counting asked as caught: {caught}/{len(emergencies)} "
            f"({caught / max(len(emergencies), 1):.3f})")


def main(names: list[str]) -> None:
    train = [r for name in TUNED for r in load(name)]
    base = baseline(train)
    rules = Router(use_model=False)
    shipped = Router()
    for name in names:
        whole = load(name)
        parts = [(name, whole)]
        if name in WITH_HELD_OUT_QUARTER:  # its held-out quarter on its own (never looked at)
            parts.append((f"{name} (held-out quarter)",
                          [r for r in whole if multilingual_held_out(r)]))
        for title, records in parts:
            _report(title, records, base, rules, shipped)


def _report(name: str, records: list[Record], base: Any, rules: Router, shipped: Router) -> None:
    gold = [r["label"] for r in records]
    systems = {
        "rules alone": route_all(records, rules),
        "router as shipped (rules + model)": route_all(records, shipped),
        BASELINE: list(base.predict([model_text(r)
                                                                for r in records])),
    }
    systems["router + baseline (emergency if either; else router)"] = either_emergency(
        systems["router as shipped (rules + model)"],
        systems[BASELINE])
    systems["baseline + router (emergency if either; else baseline)"] = either_emergency(
        systems[BASELINE],
        systems["router as shipped (rules + model)"])
    print(f"\n### {name} ({len(records)} messages: "
          f"{gold.count('emergency')} emergency, {gold.count('complaint')} complaint, "
          f"{gold.count('service_request')} service request)\n")
    print(TABLE_HEAD)
    for system, predicted in systems.items():
        print(row(system, scores(gold, predicted)))
    print(f"\n{_asked(records, shipped)}")
    if "language" in records[0]:
        print("\nEmergency recall per language:\n")
        langs = sorted({r["language"] for r in records})
        print("| system | " + " | ".join(langs) + " |")
        print("|---|" + "---|" * len(langs))
        for system, predicted in systems.items():
            per = per_language_recall(records, predicted)
            print(f"| {system} | " + " | ".join(per.get(lang, "-") for lang in langs) + " |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["unseen7", "unseen9", "multilingual9", "unseen11", "multilingual11"])
