"""Offline training and honest measurement of the emergency booster (routing.model).

    python -m routing.model_train            # train on all corpora, write the packaged model
    python -m routing.model_train --loco     # leave-one-corpus-out figures, rules vs booster

Binarised multinomial naive Bayes (emergency vs not) on the router's normalised text, words and
adjacent pairs, Laplace smoothing; features seen in fewer than MIN_DF messages are pruned.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

from routing.model import MODEL_PATH, EmergencyModel, features
from routing.normalise import normalise
from routing.router import Router
from routing.types import Message

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
CORPORA = ("dev.jsonl", "heldout.jsonl", "fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl",
           "fresh4.jsonl", "fresh5.jsonl", "fresh6.jsonl")
CATEGORIES = ("emergency", "complaint", "service_request")
MIN_DF = 2
ALPHA = 1.0
THRESHOLD = 0.98
CANDIDATE_THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995)

Record = dict[str, object]


def load(name: str) -> list[Record]:
    """One labelled corpus."""
    lines = (CORPUS / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def message(record: Record) -> Message:
    """The Message a corpus record describes."""
    subject = record.get("subject")
    return Message(str(record["text"]), str(record["channel"]),
                   subject if isinstance(subject, str) else None)


def train(records: list[Record], threshold: float = THRESHOLD) -> EmergencyModel:
    """Naive Bayes log-odds weights for emergency vs not, pruned to features in MIN_DF messages."""
    counts = {True: Counter[str](), False: Counter[str]()}
    docs = Counter[bool]()
    df = Counter[str]()
    for r in records:
        m = message(r)
        feats = features(normalise(m.text, m.subject))
        label = r["label"] == "emergency"
        counts[label].update(feats)
        docs[label] += 1
        df.update(feats)
    vocab = [f for f, n in df.items() if n >= MIN_DF]
    size = len(vocab)
    total = {c: sum(counts[c][f] for f in vocab) + ALPHA * size for c in (True, False)}
    weights = {}
    for f in vocab:
        w = math.log((counts[True][f] + ALPHA) / total[True]) - math.log(
            (counts[False][f] + ALPHA) / total[False])
        if abs(w) >= 0.05:
            weights[f] = w
    bias = math.log(docs[True] / docs[False])
    return EmergencyModel(bias, weights, threshold)


def scores(router: Router, records: list[Record]) -> dict[str, float]:
    """Emergency precision and recall, complaint F1 and macro-F1 of a router on records."""
    tp, fp, fn = Counter[str](), Counter[str](), Counter[str]()
    for r in records:
        predicted, gold = router.route(message(r)).category, str(r["label"])
        if predicted == gold:
            tp[gold] += 1
        else:
            fp[predicted] += 1
            fn[gold] += 1
    f1 = {}
    prf = {}
    for c in CATEGORIES:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        rec = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        prf[c] = (p, rec)
        f1[c] = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {"em_p": prf["emergency"][0], "em_r": prf["emergency"][1],
            "complaint_f1": f1["complaint"], "macro_f1": sum(f1.values()) / 3}


def leave_one_corpus_out(thresholds: tuple[float, ...] = CANDIDATE_THRESHOLDS) -> str:
    """Markdown table: for each corpus, rules alone vs rules+booster trained on the other four."""
    data = {name: load(name) for name in CORPORA}
    rules = Router(use_model=False)
    rows = ["| corpus | system | em P | em R | complaint F1 | macro F1 |",
            "|---|---|---|---|---|---|"]
    for name in CORPORA:
        s = scores(rules, data[name])
        rows.append(_row(name, "rules", s))
        others = [r for other in CORPORA if other != name for r in data[other]]
        model = train(others)
        for t in thresholds:
            boosted = Router(model=EmergencyModel(model.bias, model.weights, t))
            rows.append(_row(name, f"rules+booster t={t}", scores(boosted, data[name])))
    return "\n".join(rows)


def _row(name: str, system: str, s: dict[str, float]) -> str:
    return (f"| {name} | {system} | {s['em_p']:.3f} | {s['em_r']:.3f} | "
            f"{s['complaint_f1']:.3f} | {s['macro_f1']:.3f} |")


def main(argv: list[str]) -> int:
    """Train and write the packaged model, or print the leave-one-corpus-out table."""
    if "--loco" in argv:
        print(leave_one_corpus_out())
        return 0
    model = train([r for name in CORPORA for r in load(name)])
    MODEL_PATH.write_text(model.to_json() + "\n", "utf-8")
    print(f"wrote {MODEL_PATH} ({len(model.weights)} features, "
          f"{MODEL_PATH.stat().st_size:,} bytes, threshold {model.threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


def booster_fires(router: Router, model: EmergencyModel, record: Record) -> bool:
    """Whether the booster would raise this contact, whatever the current rules say about it.

    For replaying the booster over an older rule set's decisions (first-run figures); scope
    blocking uses the current rules' findings.
    """
    from routing import router as rt
    from routing.analysis import Segments
    from routing.types import Context

    m = message(record)
    seg = Segments(normalise(m.text, m.subject))
    found = rt._Findings()
    rt._collect_vulnerabilities(found, seg, Context())
    rt._collect_hazards(found, seg, Context())
    rt._collect_complaint(found, seg, m, Context())
    found.emergency_hazards.clear()
    rt._boost(found, seg, model)
    return found.boosted
