"""Train, cross-validate and export the router's learned model (routing/data/router_model.json).

Run from the repository root:
  .venv/bin/python -m tools.train_router            # train on the tuned corpora, write the model
  .venv/bin/python -m tools.train_router --check    # exit 1 if the shipped model is not what
                                                    # this code trains (also a unit test)
  .venv/bin/python -m tools.train_router --loco     # leave-one-corpus-out tables (markdown)

Model: scikit-learn TfidfVectorizer over `routing.model.features` of the router's normalised
text (words in 2 messages or more, word pairs in 3 or more, sublinear tf, L2) and a multinomial
LogisticRegression (C below, balanced class weights). The fitted vocabulary, idf, coefficients
and intercepts are exported to JSON and scored at run time by routing.model in pure Python.
A temperature (one number) calibrates the probabilities: it minimises the log-loss of the
leave-one-corpus-out predictions. The held-out corpora (tools.router_eval.HELD_OUT) and the
multilingual corpora are never trained on.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from routing import Router
from routing.model import LABELS, MIN_COVERAGE, MIN_EVIDENCE, MODEL_PATH, TextModel, features
from routing.normalise import normalise
from routing.router import SETTLED_BY_POLICY, STATISTICAL_CUE, complaint_share
from tools.emergency_floor import after_retrain
from tools.replay_first_run import load_first_run
from tools.router_eval import (
    HELD_OUT,
    MULTILINGUAL_TUNED,
    TUNED,
    Record,
    load,
    message,
    scores,
)

C = 4.0
# (session 19) for word pairs, 3, up from 2: with 31 corpora the vocabulary of words and pairs seen
# twice made a 1.69 MB artefact (38,421 features); with everything seen three times, 1.07 MB
# (24,497) with the same leave-one-corpus-out figures (pooled macro F1 0.962 against 0.961,
# first-run rules + model 0.896 both), but fewer single words known as English changed which
# messages read as English; so single words keep 2.
MIN_DF = 3
# ... for word pairs; single words seen twice are kept, as before (see kept_features)
MIN_DF_WORDS = 2
# Fixed so that the shipped artefact is reproducible (the data card carries no clock time).
TRAINED_ON = "2026-12-07"
# (session 34) The grid starts at 0.7, the line shipped since session 21: with fresh48 the step
# rule below went on down to 0.5, where the model alone paged near misses the tests keep routine
# ("front door lock is a bit sticky" at p 0.53, as session 21's 0.5 paged "wallpaper coming off
# in the hallway"). A contact between the possible line and the page line is asked the safety
# question, not left routine, so the higher line costs no emergency its answer.
PAGE_GRID = (0.7, 0.8, 0.85, 0.9, 0.95)
# (session 19) 0.1 and 0.15 added: the rule below (at most 5% asked) was held at 0.2 by the grid,
# not by the share (2.7% of the pooled out-of-fold contacts at 0.2, 4.4% at 0.1). With the
# first-run rules, emergencies neither paged nor asked out of fold fall from 13 to 8 of 3,100
# at 0.1, and the share of first-run contacts asked rises from 6.4% to 8.0%.
POSSIBLE_GRID = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
# Complaint versus service request (routing.router._model_complaint), on the model's share
# P(complaint | not emergency): `complaint` makes one the rules did not find (2.0: never),
# `complaint_kept` is what a complaint the rules found needs to stand (0.0: always).
COMPLAINT_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0)
KEPT_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
# How the defaults are chosen from the pooled leave-one-corpus-out predictions (choose()):
# page: step down PAGE_GRID from the top while each step pages at least one more emergency,
# and one for every MAX_FALSE_PER_GAINED more false pages, counting only the model's own pages
# (the contacts the rules did not page) on the corpora with a first run, judged against the
# rules' FIRST-RUN verdicts (tools.replay_first_run). A first run is frozen when its corpus
# arrives, so tuning the rules does not move the line; only the model and new corpora do.
# (session 21) It replaced "the lowest line at which the model's own pages over the CURRENT
# rules are emergencies at least 0.8 of the time" (sessions 13-20, raised from 0.7 to 0.75 to
# 0.8): the current rules are tuned on the corpora they are judged on, so every round of tuning
# took emergencies out of the model's own pages and the line drifted down (to 0.5 with fresh34,
# where the model alone paged "wallpaper coming off in the hallway", a near miss the tests keep
# routine). The step rule picks 0.7 with the tuned corpora up to fresh32, fresh33 and fresh34
# alike; a contact between possible and page is asked the safety question, not left routine;
# complaint, complaint_kept: the pair with the best macro-F1 on the corpora that have a
# first run, combining the model with the rules' FIRST-RUN verdicts (tools.replay_first_run):
# the tuned rules are near-perfect on the corpora they were tuned on, so only their first run
# says how they do on text they have not seen;
# possible: the lowest P(emergency) at which at most 5% of contacts get the safety question.
MAX_FALSE_PER_GAINED = 2
MAX_ASKED_SHARE = 0.05
THRESHOLDS = {"page": 0.9, "possible": 0.5, "complaint": 2.0, "complaint_kept": 0.0}


def _text(record: Record) -> str:
    return normalise(record["text"], record.get("subject"))


def kept_features(texts: Sequence[str]) -> list[str]:
    """The vocabulary: single words in at least MIN_DF_WORDS texts, word pairs in at least
    MIN_DF texts (sorted, so that the columns, and the fit, are the same on every machine).

    (session 19) Pairs are most of the vocabulary and what the size needs pruned; single words
    are also what the router reads as English (routing.model coverage, the runs of other words
    in a message read as English), which dropping rarer words would change."""
    seen: dict[str, int] = {}
    for text in texts:
        for feature in set(features(text)):
            seen[feature] = seen.get(feature, 0) + 1
    return sorted(f for f, n in seen.items()
                  if n >= (MIN_DF if " " in f else MIN_DF_WORDS))


def fit(records: Sequence[Record], temperature: float = 1.0) -> TextModel:
    """Fit the vectorizer and the classifier on `records`; return the exported model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # one thread: the same floating-point sums on every machine
        return _fit(records, temperature, TfidfVectorizer, LogisticRegression)


def _fit(records: Sequence[Record], temperature: float, vectorizer_class: Any,
         classifier_class: Any) -> TextModel:
    texts = [_text(r) for r in records]
    vectorizer = vectorizer_class(analyzer=features, sublinear_tf=True, norm="l2",
                                 smooth_idf=True, vocabulary=kept_features(texts))
    x = vectorizer.fit_transform(texts)
    classifier = classifier_class(C=C, max_iter=5000, class_weight="balanced")
    classifier.fit(x, [r["label"] for r in records])
    assert tuple(classifier.classes_) == LABELS
    vocabulary = {
        feature: (float(vectorizer.idf_[i]), tuple(float(w) for w in classifier.coef_[:, i]))
        for feature, i in vectorizer.vocabulary_.items()
    }
    return TextModel(vocabulary, tuple(float(b) for b in classifier.intercept_), temperature,
                     dict(THRESHOLDS))


@dataclass
class Outcome:
    """One held-out record: what the rules said, what the model scored, what the gate allows."""

    record: Record
    corpus: str
    rules: str
    log_probs: tuple[float, ...]
    gate_open: bool
    # The rules as they were when the corpus arrived (None: the corpus has no first run).
    first_run: str | None = None
    # The model has no say on complaint (a question about the process, or too few known words).
    settled: bool = False

    def probs(self, temperature: float) -> dict[str, float]:
        z = [lp / temperature for lp in self.log_probs]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        return {label: v / sum(e) for label, v in zip(LABELS, e, strict=True)}


def out_of_fold(corpora: Sequence[str] = TUNED) -> list[Outcome]:
    """Leave-one-corpus-out: every record scored by a model trained on the other corpora."""
    data = {name: load(name) for name in corpora}
    first_runs = load_first_run()
    rules = Router(use_model=False)
    out = []
    for name in corpora:
        train = [r for other in corpora if other != name for r in data[other]]
        model = fit(train)
        open_gate = Router(model=replace(model, thresholds={**model.thresholds, "page": 0.0}))
        for record in data[name]:
            m = message(record)
            s = model.scores(_text(record))
            gated = open_gate.route(m)
            gate_open = any(r.cue == STATISTICAL_CUE for r in gated.reasons)
            ruled = rules.route(m)
            settled = s.coverage < MIN_COVERAGE or len(s.terms) < MIN_EVIDENCE or any(
                r.cue in SETTLED_BY_POLICY for r in ruled.reasons)
            out.append(Outcome(record, name, ruled.category,
                               tuple(math.log(max(s.probabilities[lb], 1e-12)) for lb in LABELS),
                               gate_open, first_runs.get(name, {}).get(record["id"]), settled))
    return out


def calibrate(outcomes: Sequence[Outcome]) -> float:
    """The temperature that minimises the log-loss of the out-of-fold predictions."""
    best, best_loss = 1.0, math.inf
    for t in [x / 20 for x in range(6, 61)]:
        loss = -sum(math.log(max(o.probs(t)[o.record["label"]], 1e-12)) for o in outcomes)
        if loss < best_loss:
            best, best_loss = t, loss
    return best


def choose(outcomes: Sequence[Outcome], temperature: float) -> dict[str, float]:
    """The shipped thresholds, chosen from the out-of-fold predictions by the rules above."""
    page = page_line(outcomes, temperature)
    first = [o for o in outcomes if o.first_run is not None]
    first_gold = [o.record["label"] for o in first]
    complaint, kept = max(
        ((c, k) for c in COMPLAINT_GRID for k in KEPT_GRID),
        key=lambda ck: (scores(first_gold, [combine(o, temperature, page, *ck, first_run=True)
                                            for o in first])["macro_f1"], ck[0], -ck[1]))
    possible = next((t for t in POSSIBLE_GRID if sum(
        1 for o in outcomes if combine(o, temperature, page, complaint, kept) != "emergency"
        and o.probs(temperature)["emergency"] >= t) <= MAX_ASKED_SHARE * len(outcomes)), page)
    return {"page": page, "possible": possible, "complaint": complaint, "complaint_kept": kept}


def model_pages(outcomes: Sequence[Outcome], temperature: float, page: float) -> tuple[int, int]:
    """(emergencies, false pages) the model pages at `page` that the rules' first run did not,
    on the corpora with a first run (the current rules' gate still applies)."""
    added = [o for o in outcomes if o.first_run is not None and o.first_run != "emergency"
             and o.gate_open and o.probs(temperature)["emergency"] >= page]
    right = sum(o.record["label"] == "emergency" for o in added)
    return right, len(added) - right


def page_line(outcomes: Sequence[Outcome], temperature: float) -> float:
    """Down PAGE_GRID from the top while each step pays (see MAX_FALSE_PER_GAINED)."""
    lines = sorted(PAGE_GRID, reverse=True)
    chosen = lines[0]
    for line in lines[1:]:
        gained, false = (a - b for a, b in zip(model_pages(outcomes, temperature, line),
                                                model_pages(outcomes, temperature, chosen),
                                                strict=True))
        if gained < 1 or false > MAX_FALSE_PER_GAINED * gained:
            break
        chosen = line
    return chosen


def combine(o: Outcome, temperature: float, page: float, complaint: float = 2.0,
            kept: float = 0.0, *, first_run: bool = False) -> str:
    """The router's combination, replayed from the parts (same rule as routing.router).

    first_run=True puts the rules' first-run verdict where the current rules' would be; the
    model then only weighs complaints (its emergency gate was judged by the current rules).
    """
    rules = o.first_run if first_run and o.first_run is not None else o.rules
    p = o.probs(temperature)
    if rules == "emergency" or (p["emergency"] >= page and o.gate_open and not first_run):
        return "emergency"
    if o.settled:
        return rules
    share = complaint_share(p)
    if share >= (kept if rules == "complaint" else complaint):
        return "complaint"
    return "service_request"


def model_alone(o: Outcome, temperature: float) -> str:
    p = o.probs(temperature)
    return max(p, key=p.__getitem__)


def loco_tables(outcomes: Sequence[Outcome], temperature: float,
                t: dict[str, float]) -> str:
    """Markdown: per corpus, rules / model alone / combined at the shipped thresholds, + grids."""
    lines = [f"Thresholds chosen: {t}", "",
             "| corpus | system | em P | em R | complaint F1 | service F1 | macro F1 | asked |",
             "|---|---|---|---|---|---|---|---|"]
    corpora = list(dict.fromkeys(o.corpus for o in outcomes))

    def fmt(name: str, system: str, rows: Sequence[Outcome], predicted: list[str],
            asked: str = "") -> str:
        s = scores([o.record["label"] for o in rows], predicted)
        return (f"| {name} | {system} | {s['emergency_p']:.3f} | {s['emergency_r']:.3f} "
                f"| {s['complaint_f1']:.3f} | {s['service_request_f1']:.3f} "
                f"| {s['macro_f1']:.3f} | {asked} |")

    def shipped(o: Outcome, first_run: bool = False) -> str:
        return combine(o, temperature, t["page"], t["complaint"], t["complaint_kept"],
                       first_run=first_run)

    for name in [*corpora, "all", "all with a first run"]:
        rows = [o for o in outcomes if name == o.corpus or name == "all"
                or (name == "all with a first run" and o.first_run is not None)]
        combined = [shipped(o) for o in rows]
        asked = sum(1 for o, c in zip(rows, combined, strict=True)
                    if c != "emergency" and o.probs(temperature)["emergency"] >= t["possible"])
        lines.append(fmt(name, "rules (tuned on it)", rows, [o.rules for o in rows]))
        lines.append(fmt(name, "model alone", rows, [model_alone(o, temperature) for o in rows]))
        lines.append(fmt(name, "rules + model (shipped thresholds)", rows, combined,
                         f"{asked}/{len(rows)}"))
        if all(o.first_run is not None for o in rows):
            lines.append(fmt(name, "first-run rules", rows, [str(o.first_run) for o in rows]))
            lines.append(fmt(name, "first-run rules + model on complaints", rows,
                             [shipped(o, True) for o in rows]))
    first = [o for o in outcomes if o.first_run is not None]
    lines += ["", "Complaint grid (first-run rules + out-of-fold model, corpora with a first "
              "run pooled; complaint = share to make one, kept = share a rules complaint needs)",
              "", "| complaint | kept | complaint F1 | service F1 | macro F1 |",
              "|---|---|---|---|---|"]
    first_gold = [o.record["label"] for o in first]
    for complaint in COMPLAINT_GRID:
        for kept in KEPT_GRID:
            s = scores(first_gold, [combine(o, temperature, t["page"], complaint, kept,
                                            first_run=True) for o in first])
            lines.append(f"| {complaint} | {kept} | {s['complaint_f1']:.3f} | "
                         f"{s['service_request_f1']:.3f} | {s['macro_f1']:.3f} |")
    lines += ["", "Page grid (all corpora pooled, out of fold, current rules; the model's own "
              "pages over the first-run rules, corpora with a first run)", "",
              "| page | em P | em R | macro F1 | model's own pages: emergencies | false |",
              "|---|---|---|---|---|---|"]
    gold = [o.record["label"] for o in outcomes]
    for page in PAGE_GRID:
        s = scores(gold, [combine(o, temperature, page, t["complaint"], t["complaint_kept"])
                          for o in outcomes])
        gained, false = model_pages(outcomes, temperature, page)
        lines.append(f"| {page} | {s['emergency_p']:.3f} | {s['emergency_r']:.3f} | "
                     f"{s['macro_f1']:.3f} | {gained} | {false} |")
    lines += ["", "Share asked the safety question (not emergency, P(emergency) >= possible):",
              "", "| possible | asked | of which emergencies |", "|---|---|---|"]
    for possible in POSSIBLE_GRID:
        rows = [o for o in outcomes
                if shipped(o) != "emergency"
                and o.probs(temperature)["emergency"] >= possible]
        real = sum(1 for o in rows if o.record["label"] == "emergency")
        lines.append(f"| {possible} | {len(rows)}/{len(outcomes)} | {real} |")
    return "\n".join(lines)


def train_shipped() -> TextModel:
    """The model as shipped: calibrated on LOCO, trained on every tuned corpus, with its card."""
    outcomes = out_of_fold()
    temperature = calibrate(outcomes)
    thresholds = choose(outcomes, temperature)
    records = [r for name in TUNED for r in load(name)]
    model = fit(records, temperature)
    gold = [o.record["label"] for o in outcomes]
    pooled = scores(gold, [combine(o, temperature, thresholds["page"], thresholds["complaint"],
                                   thresholds["complaint_kept"]) for o in outcomes])
    first = [o for o in outcomes if o.first_run is not None]
    first_run = scores([o.record["label"] for o in first], [
        combine(o, temperature, thresholds["page"], thresholds["complaint"],
                thresholds["complaint_kept"], first_run=True) for o in first])
    alone = scores(gold, [model_alone(o, temperature) for o in outcomes])
    card = {
        "trained_on": TRAINED_ON,
        "corpora": {name: len(load(name)) for name in TUNED},
        "never_trained_on": [*(f"{name} (held out)" for name in HELD_OUT),
                             *MULTILINGUAL_TUNED],
        "algorithm": f"TF-IDF(routing.model.features, sublinear, min_df={MIN_DF_WORDS} for words, "
                     f"{MIN_DF} for pairs) + "
                     f"LogisticRegression(C={C}, balanced), temperature {temperature}",
        "loco_pooled_rules_plus_model": {k: round(pooled[k], 3) for k in
                                         ("emergency_p", "emergency_r", "complaint_f1",
                                          "macro_f1")},
        "loco_first_run_rules_plus_model": {k: round(first_run[k], 3) for k in
                                            ("emergency_p", "emergency_r", "complaint_f1",
                                             "macro_f1")},
        "loco_pooled_model_alone": {k: round(alone[k], 3) for k in
                                    ("emergency_p", "emergency_r", "complaint_f1", "macro_f1")},
        "command": "python -m tools.train_router",
    }
    return replace(model, thresholds=thresholds, card=card)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--loco", action="store_true")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if args.loco:
        outcomes = out_of_fold()
        temperature = calibrate(outcomes)
        print(f"temperature {temperature}\n")
        print(loco_tables(outcomes, temperature, choose(outcomes, temperature)))
        return 0
    text = train_shipped().to_json()
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print("shipped model matches the training code" if same else "shipped model differs")
        return 0 if same else 1
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text):,} bytes)")
    if args.out == MODEL_PATH:  # the model the router reads: check the floor under it
        print(after_retrain())
    return 0


if __name__ == "__main__":
    sys.exit(main())
