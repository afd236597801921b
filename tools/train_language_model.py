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

Its probabilities are calibrated by Platt scaling of the leave-one-corpus-out scores (each
tuned corpus scored by a model trained on the others), and its two lines are chosen on those
calibrated out-of-fold scores, with the router as it is without this model:
- `page`: the lowest of PAGE_GRID at which the non-emergencies it would page (those the phrases
  did not page) are at most MAX_FALSE_PAGES of the non-emergencies. A false page wakes someone;
  a missed emergency costs far more, which is why the line is not higher.
- `threshold` (the question): the lowest of THRESHOLD_GRID, below `page`, at which the questions
  it adds are at most MAX_EXTRA_ASKED of the non-emergencies. A question nobody needs teaches
  residents to ignore it.
- `quiet` (session 37): the highest of QUIET_GRID at which the emergencies in another language
  holding a hazard word of it (`routing.analysis.possible_hazard`, which asks whatever the words
  around it) that fall below the line are at most MAX_QUIETED of those emergencies (none out of
  fold). Below it a hazard word alone no longer asks ("kiedy przyjdzie ktoś odczytać licznik
  gazu", when will someone read the gas meter): the other way to be asked, and the phrases, are
  unchanged. Most questions in other languages were that word alone (554 of 569 among the tuned
  non-emergencies at the session's start).
The emergencies each line would catch out of fold are shown for every corpus, but the phrases
were tuned on these same records, so "caught" there is mostly the phrases' work; the true
measure is a new corpus's first run (routing/data/MODEL_NOTES.md).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from routing import Decision, Router
from routing.analysis import possible_hazard
from routing.language_model import LANGUAGE_MODEL_PATH, LanguageModel, char_grams
from routing.normalise import normalise
from routing.router import POSSIBLE_CUE
from tools.emergency_floor import after_retrain
from tools.router_eval import (
    HELD_OUT,
    MULTILINGUAL_TUNED,
    WITH_HELD_OUT_QUARTER,
    Record,
    message,
    tuned_part,
)

C = 1.0
MIN_DF = 3
# (session 20) 0.85 added (the page grid had it): with multilingual26 the 2% rule moved from
# 0.8 straight to 0.9, which catches 6 fewer emergencies out of fold than 0.85 (1.8% extra
# questions).
THRESHOLD_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
PAGE_GRID = (0.8, 0.85, 0.9, 0.95, 0.97, 0.99)
# (session 25) 2% -> 2.5%. The leave-one-corpus-out table counts the model's catches only among
# emergencies the phrases missed, and the phrases were tuned on those same records, so it
# undervalues a lower line. On a first run (multilingual31's tuned part at 617e7e1, before its
# phrases were written) the question at 0.8 caught 93 of 99 emergencies (paged or asked) against
# 92 at 0.85, for 2 more questions among 81 non-emergencies; out of fold 0.8 adds 2.2%.
MAX_EXTRA_ASKED = 0.025
MAX_FALSE_PAGES = 0.005
# (session 37) No emergency holding a hazard word may fall below the quiet line out of fold
# ("when in doubt, escalate"). The line was first chosen allowing 1 in 2,000 (0.01: 1 of 2,711 out
# of fold); on the held-out multilingual text that kept 1 emergency from its question for 102
# questions saved, and the rule was made strict after that count was seen (MODEL_NOTES.md).
QUIET_GRID = (0.0025, 0.005, 0.01, 0.02, 0.03, 0.05)
MAX_QUIETED = 0.0
TRAINED_ON = "2026-12-07"


def tuned_parts() -> dict[str, list[Record]]:
    """Each multilingual corpus's records that may be trained and tuned on."""
    return {name: tuned_part(name) for name in MULTILINGUAL_TUNED}


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
    """Every tuned record with its logit from a model trained on the other corpora."""
    scored: list[tuple[Record, float]] = []
    for name, records in parts.items():
        model = fit([r for other, rs in parts.items() if other != name for r in rs])
        scored.extend((r, model.logit(_text(r))) for r in records)
    return scored


def calibrate(scored: list[tuple[Record, float]]) -> tuple[float, float]:
    """Platt scaling: (scale, shift) so that sigmoid(scale * logit + shift) fits the labels."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=1e4, max_iter=1000)
    classifier.fit([[z] for _, z in scored], [r["label"] == "emergency" for r, _ in scored])
    return float(classifier.coef_[0][0]), float(classifier.intercept_[0])


Decided = tuple[Record, float, Decision]


def choose(scored: list[tuple[Record, float]]) -> tuple[float, float, float, list[str]]:
    """The question, page and quiet lines (see the module's docstring), and the tables behind
    them.

    `scored` holds calibrated out-of-fold probabilities.
    """
    router = Router(use_language_model=False)
    decisions = [(r, p, router.route(message(r))) for r, p in scored]
    quiet, quiet_rows = choose_quiet(decisions)
    # Messages in another language the phrases did not page (asked or not).
    open_ = [(r, p, d.ask_safety_question) for r, p, d in decisions
             if d.category != "emergency" and d.language not in (None, "en")]
    emergencies = sum(r["label"] == "emergency" for r, _ in scored)
    others = sum(r["label"] != "emergency" for r, _ in scored)
    paged = sum(d.category == "emergency" for r, _, d in decisions if r["label"] == "emergency")
    page = next((t for t in PAGE_GRID
                 if sum(p >= t for r, p, _ in open_ if r["label"] != "emergency")
                 <= MAX_FALSE_PAGES * others), 2.0)
    ask = next((t for t in THRESHOLD_GRID if t < page
                and sum(p >= t and not asked for r, p, asked in open_
                        if r["label"] != "emergency") <= MAX_EXTRA_ASKED * others), page)
    rows = []
    for t in sorted({*THRESHOLD_GRID, *PAGE_GRID}):
        alone = sum(p >= t for r, p in scored if r["label"] == "emergency")
        gained = sum(p >= t for r, p, _ in open_ if r["label"] == "emergency")
        false = sum(p >= t for r, p, _ in open_ if r["label"] != "emergency")
        extra = sum(p >= t and not asked for r, p, asked in open_ if r["label"] != "emergency")
        rows.append(f"| {t} | {alone} of {emergencies} | {paged} -> {paged + gained} | "
                    f"{false} ({false / others:.1%}) | {extra} ({extra / others:.1%}) |")
    return ask, page, quiet, [*rows, "", *quiet_rows]


def choose_quiet(decisions: list[Decided]) -> tuple[float, list[str]]:
    """The quiet line (see the module's docstring) and its table, from the router without this
    model: which emergencies hold a hazard word of their language, which questions that word
    alone asks."""
    worded = [(r, p, d) for r, p, d in decisions if d.language not in (None, "en")
              and possible_hazard(_text(r)) is not None]
    emergencies = [p for r, p, _ in worded if r["label"] == "emergency"]
    questions = [p for r, p, d in worded if r["label"] != "emergency"
                 and any(reason.cue == POSSIBLE_CUE for reason in d.reasons)]
    quiet = max((t for t in QUIET_GRID
                 if sum(p < t for p in emergencies) <= MAX_QUIETED * len(emergencies)),
                default=0.0)
    rows = ["| quiet line | emergencies with a hazard word below it (LOCO) | questions a hazard "
            "word alone asks below it |", "|---|---|---|"]
    rows.extend(f"| {t} | {sum(p < t for p in emergencies)} of {len(emergencies)} | "
                f"{sum(p < t for p in questions)} of {len(questions)} |" for t in QUIET_GRID)
    return quiet, rows


def train() -> tuple[LanguageModel, list[str]]:
    parts = tuned_parts()
    scored = out_of_fold(parts)
    scale, shift = calibrate(scored)
    calibrated = [(r, 1.0 / (1.0 + math.exp(-(scale * z + shift)))) for r, z in scored]
    threshold, page, quiet, rows = choose(calibrated)
    model = fit([r for records in parts.values() for r in records], threshold)
    card = {
        "trained_on": TRAINED_ON,
        "corpora": [f"{name} (tuned part)" for name in parts],
        "records": sum(len(records) for records in parts.values()),
        "never_trained_on": [*(f"{name} (held out)" for name in HELD_OUT
                               if name.startswith("multilingual")),
                             "every 4th record of " + ", ".join(WITH_HELD_OUT_QUARTER)],
        "algorithm": f"TF-IDF(routing.language_model.char_grams, sublinear, min_df={MIN_DF}) + "
                     f"LogisticRegression(C={C}, balanced), emergency or not, Platt-calibrated "
                     "on leave-one-corpus-out scores",
        "use": "messages in another language with no hazard found: paged at or above `page`, "
               "asked at or above `threshold`; a hazard word of the language alone asks only "
               "at or above `quiet`",
        "page_rule": f"the lowest of {list(PAGE_GRID)} paging at most {MAX_FALSE_PAGES:.2%} "
                     "of non-emergencies (LOCO)",
        "quiet_rule": f"the highest of {list(QUIET_GRID)} below which at most "
                      f"{MAX_QUIETED:.2%} of the emergencies holding a hazard word of their "
                      "language fall (LOCO); below it that word alone does not ask",
        "threshold_rule": f"the lowest of {list(THRESHOLD_GRID)} below `page` adding at most "
                          f"{MAX_EXTRA_ASKED:.1%} of non-emergencies as questions (LOCO)",
        "command": "python -m tools.train_language_model",
    }
    table = ["| line | emergencies at or above it (LOCO, alone) | emergencies paged by the "
             "router, then with this model paging | non-emergencies it would page | extra "
             "questions |", "|---|---|---|---|---|", *rows]
    return LanguageModel(model.vocabulary, model.bias, threshold, card, page,
                         (scale, shift), quiet), table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=LANGUAGE_MODEL_PATH)
    args = parser.parse_args(argv)
    model, table = train()
    print("\n".join(table))
    print(f"question at {model.threshold}, page at {model.page}, quiet below {model.quiet}, "
          "calibration "
          f"{model.calibration[0]:.4f} * logit + {model.calibration[1]:.4f}")
    if args.check:
        if args.out.read_text("utf-8") != model.to_json() + "\n":
            print("the shipped other-language model is not what this code trains",
                  file=sys.stderr)
            return 1
        print("shipped other-language model matches the training code")
        return 0
    args.out.write_text(model.to_json() + "\n", "utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    if args.out == LANGUAGE_MODEL_PATH:  # the model the router reads: check the floor under it
        print(after_retrain())
    return 0


if __name__ == "__main__":
    sys.exit(main())
