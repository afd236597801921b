"""The router model's page line (tools.train_router.page_line): judged on the model's own pages
over the rules' first-run verdicts, so tuning the rules cannot move it."""

from __future__ import annotations

import math

from routing.model import LABELS
from tools.train_router import PAGE_GRID, Outcome, page_line


def _outcome(label: str, p_emergency: float, *, first_run: str | None = "service_request",
             rules: str = "service_request") -> Outcome:
    rest = (1 - p_emergency) / 2  # temperature 1 keeps the probabilities as given
    log_probs = tuple(math.log(p_emergency if label == "emergency" else rest) for label in LABELS)
    return Outcome({"id": "x", "text": "", "label": label}, "c", rules, log_probs, True,
                   first_run)


def _band(p: float, emergencies: int, false: int) -> list[Outcome]:
    return ([_outcome("emergency", p) for _ in range(emergencies)]
            + [_outcome("service_request", p) for _ in range(false)])


def test_the_line_steps_down_while_each_step_gains_an_emergency_per_two_false_pages() -> None:
    # nothing below 0.8: a step that pages no more emergencies stops the line
    outcomes = [*_band(0.97, 10, 1), *_band(0.92, 5, 2), *_band(0.87, 2, 4),
                *_band(0.82, 5, 0)]
    # 0.9 gains 5 for 2 false, 0.85 gains 2 for 4 (pays), 0.8 gains 5 for 0
    assert page_line(outcomes, 1.0) == 0.8
    # one more false page at 0.85-0.9 and that step no longer pays: the line stops above it
    assert page_line([*outcomes, _outcome("complaint", 0.87)], 1.0) == 0.9


def test_the_rules_tuned_since_the_first_run_do_not_move_the_line() -> None:
    outcomes = [*_band(0.97, 10, 1), *_band(0.92, 3, 1), *_band(0.87, 2, 1), *_band(0.82, 2, 0),
                *_band(0.72, 1, 2)]
    assert page_line(outcomes, 1.0) == 0.7
    # the current rules now page every emergency the model paged alone (a round of tuning):
    # the old rule judged the model on what was left (only false pages) and moved; this one
    # judges it against the first run, which does not change
    tuned = [Outcome(o.record, o.corpus, "emergency" if o.record["label"] == "emergency"
                     else o.rules, o.log_probs, o.gate_open, o.first_run) for o in outcomes]
    assert page_line(tuned, 1.0) == 0.7


def test_what_the_first_run_rules_paged_and_corpora_without_a_first_run_are_not_counted() -> None:
    paged_by_rules = [_outcome("service_request", 0.75, first_run="emergency") for _ in range(9)]
    no_first_run = [_outcome("service_request", 0.65, first_run=None) for _ in range(9)]
    ladder = [_outcome("emergency", p + 0.02) for p in PAGE_GRID]
    outcomes = [*ladder, *paged_by_rules, *no_first_run]
    assert page_line(outcomes, 1.0) == min(PAGE_GRID)
