"""First-run figures on new corpora: the router as it is, the baseline, and the two combined.

Run: .venv/bin/python -m tools.first_run unseen7 multilingual
Nothing here trains on the corpora measured: the baseline is trained on the tuned corpora only.
"""

from __future__ import annotations

import sys

from routing import Router
from tools.router_eval import (
    TABLE_HEAD,
    TUNED,
    baseline,
    either_emergency,
    load,
    model_text,
    per_language_recall,
    route_all,
    row,
    scores,
)


def main(names: list[str]) -> None:
    train = [r for name in TUNED for r in load(name)]
    base = baseline(train)
    rules = Router(use_model=False)
    shipped = Router()
    for name in names:
        records = load(name)
        gold = [r["label"] for r in records]
        systems = {
            "rules alone": route_all(records, rules),
            "router as shipped (rules + booster)": route_all(records, shipped),
            "baseline (TF-IDF + LR, 8 corpora)": list(base.predict([model_text(r)
                                                                    for r in records])),
        }
        systems["router + baseline (emergency if either; else router)"] = either_emergency(
            systems["router as shipped (rules + booster)"],
            systems["baseline (TF-IDF + LR, 8 corpora)"])
        systems["baseline + router (emergency if either; else baseline)"] = either_emergency(
            systems["baseline (TF-IDF + LR, 8 corpora)"],
            systems["router as shipped (rules + booster)"])
        print(f"\n### {name}.jsonl ({len(records)} messages: "
              f"{gold.count('emergency')} emergency, {gold.count('complaint')} complaint, "
              f"{gold.count('service_request')} service request)\n")
        print(TABLE_HEAD)
        for system, predicted in systems.items():
            print(row(system, scores(gold, predicted)))
        if "language" in records[0]:
            print("\nEmergency recall per language:\n")
            langs = sorted({r["language"] for r in records})
            print("| system | " + " | ".join(langs) + " |")
            print("|---|" + "---|" * len(langs))
            for system, predicted in systems.items():
                per = per_language_recall(records, predicted)
                print(f"| {system} | " + " | ".join(per.get(lang, "-") for lang in langs) + " |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["unseen7", "multilingual"])
