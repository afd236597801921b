"""Train, cross-validate and export the other-language model.

Its artefact is routing/data/other_language_model.json.

Run from the repository root:
  .venv/bin/python -m tools.train_language_model           # train, choose the threshold, write
  .venv/bin/python -m tools.train_language_model --check   # exit 1 if the shipped model is not
                                                           # what this code trains
Model: scikit-learn TfidfVectorizer over `routing.language_model.char_grams` of the router's
normalised text (2- to 5-letter pieces of words, sublinear tf, min_df 2, L2) and a binary
LogisticRegression (emergency or not, balanced classes). Trained on the tuned parts of the
multilingual corpora (tools.router_eval.MULTILINGUAL_TUNED, every 4th record of those with a
held-out quarter left out); multilingual9 and the held-out quarters are never trained on.

The threshold is chosen by leave-one-corpus-out over those tuned parts, with the router as it
is without this model: the lowest (most sensitive) threshold at which the questions it adds are
at most MAX_EXTRA_ASKED of the non-emergencies. A missed emergency costs far more than a
question, but a question nobody needs teaches residents to ignore it. (The emergencies it
would add out of fold are shown, not used: the phrases were tuned on these same records, so
they catch nearly all of them already.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from routing import Router
from routing.language_model import LANGUAGE_MODEL_PATH, LanguageModel, char_grams
from routing.normalise import normalise
from tools.router_eval import (
    MULTILINGUAL_TUNED,
    WITH_HELD_OUT_QUARTER,
    Record,
    load,
    message,
    multilingual_held_out,
)

C = 1.0
MIN_DF = 2
THRESHOLD_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
MAX_EXTRA_ASKED = 0.02
TRAINED_ON = "2026-12-04"


def tuned_parts() -> dict[str, list[Record]]:
    """Each multilingual corpus's records that may be trained and tuned on."""
    return {name: [r for r in load(name)
                   if name not in WITH_HELD_OUT_QUARTER or not multilingual_held_out(r)]
            for name in MULTILINGUAL_TUNED}


def _text(record: Record) -> str:
    return normalise(record["text"], record.get("subject"))


def fit(records: Sequence[Record], threshold: float = 2.0) -> LanguageModel:
    """Fit the vectorizer and the classifier on `records`; return the exported model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # one thread: the same floating-point sums on every machine
        vectorizer = TfidfVectorizer(analyzer=char_grams, sublinear_tf=True, min_df=MIN_DF,
                                     norm="l2", smooth_idf=True)
        x = vectorizer.fit_transform([_text(r) for r in records])
        classifier = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        classifier.fit(x, [r["label"] == "emergency" for r in records])
    weights = classifier.coef_[0]
    vocabulary = {gram: (float(vectorizer.idf_[i]), float(weights[i]))
                  for gram, i in vectorizer.vocabulary_.items()}
    return LanguageModel(vocabulary, float(classifier.intercept_[0]), threshold)


def out_of_fold(parts: dict[str, list[Record]]) -> list[tuple[Record, float]]:
    """Every tuned record with P(emergency) from a model trained on the other corpora."""
    scored: list[tuple[Record, float]] = []
    for name, records in parts.items():
        model = fit([r for other, rs in parts.items() if other != name for r in rs])
        scored.extend((r, model.probability(_text(r))) for r in records)
    return scored


def choose(scored: list[tuple[Record, float]]) -> tuple[float, list[str]]:
    """The threshold (see the module's docstring) and the table it was chosen from."""
    router = Router(use_language_model=False)
    rows = []
    decisions = [(r, p, router.route(message(r))) for r, p in scored]
    # Only messages in another language that neither the phrases paged nor the words asked.
    open_ = [(r, p) for r, p, d in decisions if d.category != "emergency"
             and not d.ask_safety_question and d.language not in (None, "en")]
    emergencies = sum(r["label"] == "emergency" for r, _ in scored)
    caught = sum(d.category == "emergency" or d.ask_safety_question
                 for r, _, d in decisions if r["label"] == "emergency")
    others = sum(r["label"] != "emergency" for r, _ in scored)
    chosen = None
    for t in THRESHOLD_GRID:
        gained = sum(p >= t for r, p in open_ if r["label"] == "emergency")
        extra = sum(p >= t for r, p in open_ if r["label"] != "emergency")
        rows.append(f"| {t} | {caught} -> {caught + gained} of {emergencies} | "
                    f"{extra} of {others} ({extra / others:.1%}) |")
        if chosen is None and extra <= MAX_EXTRA_ASKED * others:
            chosen = t
    return (THRESHOLD_GRID[-1] if chosen is None else chosen), rows


def train() -> tuple[LanguageModel, list[str]]:
    parts = tuned_parts()
    threshold, rows = choose(out_of_fold(parts))
    model = fit([r for records in parts.values() for r in records], threshold)
    card = {
        "trained_on": TRAINED_ON,
        "corpora": [f"{name} (tuned part)" for name in parts],
        "records": sum(len(records) for records in parts.values()),
        "never_trained_on": ["multilingual9 (held out)",
                             "every 4th record of " + ", ".join(WITH_HELD_OUT_QUARTER)],
        "algorithm": "TF-IDF(routing.language_model.char_grams, sublinear, min_df=2) + "
                     f"LogisticRegression(C={C}, balanced), emergency or not",
        "use": "messages in another language with no hazard found: asked, never paged",
        "threshold_rule": f"the lowest of {list(THRESHOLD_GRID)} adding at most "
                          f"{MAX_EXTRA_ASKED:.0%} of non-emergencies as questions (LOCO)",
        "command": "python -m tools.train_language_model",
    }
    table = ["| threshold | emergencies paged or asked (LOCO) | extra questions |",
             "|---|---|---|", *rows]
    return LanguageModel(model.vocabulary, model.bias, threshold, card), table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=LANGUAGE_MODEL_PATH)
    args = parser.parse_args(argv)
    model, table = train()
    print("\n".join(table))
    print(f"threshold chosen: {model.threshold}")
    if args.check:
        if args.out.read_text("utf-8") != model.to_json() + "\n":
            print("the shipped other-language model is not what this code trains",
                  file=sys.stderr)
            return 1
        print("shipped other-language model matches the training code")
        return 0
    args.out.write_text(model.to_json() + "\n", "utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
