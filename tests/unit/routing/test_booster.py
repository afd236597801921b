"""The statistical booster (routing.model): it can only raise a contact to emergency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from routing import Message, Router
from routing.model import MODEL_PATH, EmergencyModel, load_model
from routing.model_train import CORPORA, load, message, train
from routing.normalise import normalise
from routing.router import STATISTICAL_CUE

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"
RULES = Router(use_model=False)
BOOSTED = Router()


def _all() -> list[dict[str, object]]:
    return [r for name in CORPORA for r in load(name)]


def test_the_packaged_model_loads_and_is_small() -> None:
    model = load_model()
    assert model is not None
    assert 0.5 <= model.threshold < 1.0
    assert 100 <= len(model.weights) <= 20_000
    assert MODEL_PATH.stat().st_size < 250_000
    assert json.loads(MODEL_PATH.read_text("utf-8"))["threshold"] == model.threshold


def test_the_default_router_uses_the_packaged_model() -> None:
    assert BOOSTED.model is not None
    assert RULES.model is None


def test_the_booster_never_lowers_or_changes_a_rules_decision_except_to_raise_it() -> None:
    for record in _all():
        m = message(record)
        rules, boosted = RULES.route(m), BOOSTED.route(m)
        if rules.category == "emergency":
            assert boosted == rules, record["id"]
        elif boosted.category != rules.category:
            assert boosted.category == "emergency", record["id"]
            assert boosted.queue == "emergencies" and boosted.priority == 1


def test_even_a_model_that_wants_everything_calm_cannot_lower_an_emergency() -> None:
    calm = EmergencyModel(bias=-50.0, weights={}, threshold=0.5)
    router = Router(model=calm)
    for record in _all():
        m = message(record)
        if RULES.route(m).category == "emergency":
            assert router.route(m).category == "emergency", record["id"]


def test_a_boosted_decision_names_the_words_that_raised_it() -> None:
    # The rules now catch every corpus emergency, so lower the threshold to make the booster fire.
    shipped = BOOSTED.model
    assert shipped is not None
    keen = Router(model=EmergencyModel(shipped.bias, shipped.weights, 0.5))
    boosted = 0
    for record in _all():
        m = message(record)
        decision = keen.route(m)
        reasons = [r for r in decision.reasons if r.cue == STATISTICAL_CUE]
        if not reasons:
            continue
        boosted += 1
        assert decision.category == "emergency"
        text = normalise(m.text, m.subject)
        for word in reasons[0].words.split(", "):
            assert word in text, (record["id"], word)
    assert boosted > 0


@pytest.mark.parametrize(
    "text",
    [
        "the cistern has cracked in half, water going through the floor to downstairs",
        "toddler shut himself in the bedroom and the window's open on the 9th floor",
    ],
)
def test_the_probes_from_the_last_report_are_emergencies(text: str) -> None:
    assert BOOSTED.route(Message(text)).category == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "can i book my annual gas safety check for next week please",
        "there was a leak under the sink last month but the plumber fixed it, all fine now",
        "what should i do if i smell gas?",
        "there is no smell of gas, the cooker is just a bit old, not urgent",
    ],
)
def test_the_booster_respects_questions_history_negation_and_no_rush(text: str) -> None:
    eager = EmergencyModel(bias=50.0, weights={"gas": 1.0, "leak": 1.0}, threshold=0.5)
    router = Router(model=eager)
    decision = router.route(Message(text))
    assert all(r.cue != STATISTICAL_CUE for r in decision.reasons), text


def test_leaving_each_corpus_out_the_booster_keeps_recall_and_precision() -> None:
    data = {name: load(name) for name in CORPORA}
    threshold = BOOSTED.model.threshold if BOOSTED.model else 0.98
    for name in CORPORA:
        model = train([r for other in CORPORA if other != name for r in data[other]], threshold)
        router = Router(model=model)
        gold = [r["label"] == "emergency" for r in data[name]]
        rules = [RULES.route(message(r)).category == "emergency" for r in data[name]]
        boosted = [router.route(message(r)).category == "emergency" for r in data[name]]
        recall_rules = sum(g and p for g, p in zip(gold, rules, strict=True)) / sum(gold)
        hits = sum(g and p for g, p in zip(gold, boosted, strict=True))
        assert hits / sum(gold) >= recall_rules, name
        assert hits / sum(boosted) >= 0.9, name


def test_a_plain_light_fault_is_not_boosted_unless_someone_is_vulnerable() -> None:
    eager = Router(model=EmergencyModel(bias=50.0, weights={"light": 1.0, "lights": 1.0,
                                                            "oxygen": 1.0}, threshold=0.5))
    plain = eager.route(Message("the light on the second floor landing has been flickering"))
    assert all(r.cue != STATISTICAL_CUE for r in plain.reasons)
    vulnerable = eager.route(Message("all the lights are out and my dad is on oxygen"))
    assert vulnerable.category == "emergency"
