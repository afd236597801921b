"""The shipped model (routing/data/router_model.json) is what tools.train_router trains."""

from __future__ import annotations

import json

from routing.model import MODEL_PATH
from tools.router_eval import HELD_OUT, MULTILINGUAL, TUNED, load
from tools.train_router import fit


def test_the_shipped_weights_equal_a_fresh_training_run_on_the_tuned_corpora() -> None:
    # The full check (also the temperature and the thresholds from leave-one-corpus-out
    # cross-validation, about a minute) is `python -m tools.train_router --check`.
    shipped = json.loads(MODEL_PATH.read_text("utf-8"))
    fresh = json.loads(fit([r for name in TUNED for r in load(name)],
                           shipped["temperature"]).to_json())
    assert fresh["vocabulary"] == shipped["vocabulary"]
    assert fresh["bias"] == shipped["bias"]


def test_the_model_never_saw_the_held_out_corpora() -> None:
    card = json.loads(MODEL_PATH.read_text("utf-8"))["card"]
    for name in (*HELD_OUT, MULTILINGUAL):
        assert name not in card["corpora"]


def test_routing_never_imports_scikit_learn_or_numpy_at_run_time() -> None:
    import subprocess
    import sys

    code = ("import sys, routing; routing.route(routing.Message('gas smell'));"
            "print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
