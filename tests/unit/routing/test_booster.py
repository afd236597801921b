"""The learned model beside the rules (routing.model): it can only raise a contact to emergency."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import pytest

from routing import Decision, Message, Router
from routing.model import LABELS, MODEL_PATH, TextModel, features, load_model
from routing.normalise import normalise
from routing.router import (
    MODEL_CUE,
    STATISTICAL_COMPLAINT_CUE,
    STATISTICAL_CUE,
    STATISTICAL_SERVICE_CUE,
    UNREADABLE_CUE,
)
from tools.router_eval import TUNED, load, message
from tools.train_router import PAGE_GRID

RULES = Router(use_model=False)
BOOSTED = Router()


@cache
def _by_the_rules() -> list[tuple[str, Message, Decision]]:
    """Every tuned record (its id and message) with the rules' own decision, made once for the
    tests below."""
    messages = [(str(r["id"]), message(r)) for name in TUNED for r in load(name)]
    return [(record_id, m, RULES.route(m)) for record_id, m in messages]


def _model(weights: dict[str, tuple[float, float, float]], bias: tuple[float, float, float],
           page: float = 0.5) -> TextModel:
    """A hand-made model: feature -> (complaint, emergency, service) weights, idf 1."""
    return TextModel({f: (1.0, w) for f, w in weights.items()}, bias, 1.0,
                     {"page": page, "possible": page / 2, "complaint": 2.0})


# Words the hand-made models know with no weight, so that the test texts read as English
# (the router ignores the model on text whose words it mostly does not know).
_KNOWN = [
    "hall", "keeps", "wobbling", "since", "last", "night", "book", "annual", "safety", "check",
    "next", "week", "please", "was", "leak", "under", "sink", "month", "plumber", "fixed", "fine",
    "now", "what", "should", "do", "smell", "gas", "no", "cooker", "bit", "old", "not", "urgent",
    "second", "floor", "landing", "has", "been", "flickering", "lights", "out", "dad", "on",
    "my dad", "the lights",
]


def _eager(*words: str) -> Router:
    vocabulary = dict.fromkeys(_KNOWN, (0.0, 0.0, 0.0)) | dict.fromkeys(words, (0.0, 50.0, 0.0))
    return Router(model=_model(vocabulary, (0.0, 0.0, 0.0)))


def test_the_packaged_model_loads_is_small_json_and_carries_its_data_card() -> None:
    model = load_model()
    assert model is not None
    # (session 34) the page line is never below its grid's floor (0.7: below it the model alone
    # paged near misses such as "front door lock is a bit sticky")
    assert min(PAGE_GRID) <= model.threshold < 1.0
    assert 0 < model.thresholds["possible"] <= model.threshold
    assert 1_000 <= len(model.vocabulary) <= 40_000
    # 14 corpora (session 12): 635 KB; 18 corpora (session 14): 876 KB; 20 corpora (session
    # 15): 1,010 KB (the cap rose with the corpora, to the other-language model's 1.2 MB); 23
    # corpora (session 16): 1,215 KB (the cap rose again, to 1.4 MB); 26 corpora (session 17):
    # 1,397 KB (the cap rose to 1.6 MB, the other-language model's bound); 28 corpora (session
    # 18): 1,566 KB; 31 corpora (session 19): 1,066 KB, words and pairs seen in 3 messages or more
    # (min_df 3; 1.69 MB at min_df 2, with the same leave-one-corpus-out figures); 47 corpora
    # (session 34, fresh48 added): 1,622 KB, the cap rose to 1.7 MB (min_df 3 as before)
    assert MODEL_PATH.stat().st_size < 1_700_000
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    assert data["labels"] == list(LABELS)
    assert set(data["card"]["corpora"]) == set(TUNED)
    assert data["card"]["command"] == "python -m tools.train_router"


def test_probabilities_are_a_distribution_and_the_top_words_are_in_the_text() -> None:
    model = load_model()
    assert model is not None
    text = normalise("there is a strong smell of gas in the kitchen", None)
    scores = model.scores(text)
    assert sum(scores.probabilities.values()) == pytest.approx(1.0)
    assert scores.emergency > 0.5
    assert scores.top_words() and all(w in features(text) for w in scores.top_words())


def test_the_default_router_uses_the_packaged_model() -> None:
    assert BOOSTED.model is not None
    assert RULES.model is None


def _essentials(decision: object) -> tuple[object, ...]:
    d = decision.to_dict()  # type: ignore[attr-defined]
    return (d["category"], d["priority"], d["queue"], d["hazards"], d["safety_advice"])


def test_the_model_never_lowers_or_changes_a_rules_emergency_only_raises() -> None:
    records = _by_the_rules()
    # route_many: the same decisions as route (test_route_many), in a third of the time
    every = BOOSTED.route_many([m for _, m, _ in records])
    for (record_id, _, rules), boosted in zip(records, every, strict=True):
        if rules.category == "emergency":
            assert _essentials(boosted) == _essentials(rules), record_id
        elif boosted.category != rules.category:
            # Complaint versus service request is the combination's (issue 15): a change there
            # carries the model's reason; any other change is a raise to emergency.
            cues = {r.cue for r in boosted.reasons}
            if boosted.category != "emergency":
                assert cues & {STATISTICAL_COMPLAINT_CUE, STATISTICAL_SERVICE_CUE}, record_id


def test_a_text_the_model_mostly_cannot_read_yet_at_its_page_line_is_asked() -> None:
    # (session 35) Made-up words no language detector places, around two English words, so read
    # as English:
    # too few known words for the model's view to count, so it never pages; at its page line
    # the resident is asked, not left in a routine queue.
    text = "urgent, flat dwa, zorble wix quanto blee frimm"
    known = {"flat": (0.0, 0.0, 0.0)}
    eager = Router(model=_model(known | {"urgent": (0.0, 50.0, 0.0)}, (0.0, 0.0, 0.0)),
                   use_language_model=False)
    decision = eager.route(Message(text))
    assert decision.category != "emergency" and decision.ask_safety_question
    assert UNREADABLE_CUE in {r.cue for r in decision.reasons}
    calm = Router(model=_model(known | {"urgent": (0.0, -50.0, 50.0)}, (0.0, 0.0, 0.0)),
                  use_language_model=False)
    assert not calm.route(Message(text)).ask_safety_question


def test_even_a_model_that_wants_everything_calm_cannot_lower_an_emergency() -> None:
    calm = Router(model=_model({}, (0.0, -50.0, 50.0)))
    emergencies = [(record_id, m) for record_id, m, rules in _by_the_rules()
                   if rules.category == "emergency"]
    decisions = calm.route_many([m for _, m in emergencies])
    for (record_id, _), decision in zip(emergencies, decisions, strict=True):
        assert decision.category == "emergency", record_id


def test_every_decision_carries_the_models_view_with_its_words() -> None:
    decision = BOOSTED.route(Message("my boiler has broken again, third time, nobody came"))
    (reason,) = [r for r in decision.reasons if r.cue.startswith(MODEL_CUE + ":")]
    assert reason.words.startswith("p=")


def test_a_raised_decision_names_the_words_that_raised_it() -> None:
    router = _eager("wardrobe", "wobbling")
    text = "the wardrobe in the hall keeps wobbling since last night"
    assert RULES.route(Message(text)).category == "service_request"
    decision = router.route(Message(text))
    assert decision.category == "emergency"
    (reason,) = [r for r in decision.reasons if r.cue == STATISTICAL_CUE]
    assert set(reason.words.split(", ")) == {"wardrobe", "wobbling"}


@pytest.mark.parametrize(
    "text",
    [
        "can i book my annual gas safety check for next week please",
        "there was a leak under the sink last month but the plumber fixed it, all fine now",
        "what should i do if i smell gas?",
        "there is no smell of gas, the cooker is just a bit old, not urgent",
    ],
)
def test_the_model_respects_questions_history_negation_and_no_rush(text: str) -> None:
    decision = _eager("gas", "leak").route(Message(text))
    assert all(r.cue != STATISTICAL_CUE for r in decision.reasons), text


def test_a_plain_light_fault_is_not_raised_unless_someone_is_vulnerable() -> None:
    eager = _eager("light", "lights", "oxygen")
    plain = eager.route(Message("the light on the second floor landing has been flickering"))
    assert all(r.cue != STATISTICAL_CUE for r in plain.reasons)
    vulnerable = eager.route(Message("all the lights are out and my dad is on oxygen"))
    assert vulnerable.category == "emergency"


def test_the_model_does_not_raise_text_it_mostly_cannot_read() -> None:
    eager = _eager("gas")
    text = "yillik gas kontrolu icin randevu almak istiyorum, cumartesi mumkun mu?"
    assert eager.route(Message(text)).category == "service_request"


def test_a_loss_of_heating_the_rules_weighed_is_not_raised_by_the_model() -> None:
    # No heating is an emergency only for a vulnerable household or in the cold (the rules).
    eager = _eager("boiler", "heating")
    assert eager.route(Message("boiler broken, no heating")).category == "service_request"
    assert BOOSTED.route(Message("boiler broken, no heating")).category == "service_request"


def _complaints(weights: dict[str, tuple[float, float, float]]) -> Router:
    """A hand-made model for complaint versus service request, at the shipped kind of cut-offs."""
    vocabulary = dict.fromkeys(_KNOWN, (0.0, 0.0, 0.0)) | weights
    model = _model(vocabulary, (0.0, -50.0, 0.0))
    return Router(model=replace(model, thresholds={**model.thresholds, "complaint": 0.8,
                                                   "complaint_kept": 0.1}))


def test_complaint_versus_request_is_the_combination_of_rules_and_model_with_its_reasons() -> None:
    # The rules see no complaint here; a model sure of one makes it, and says why.
    text = "the hall light has been flickering since last night"
    assert RULES.route(Message(text)).category == "service_request"
    sure = _complaints({"flickering": (30.0, 0.0, 0.0)}).route(Message(text))
    assert sure.category == "complaint" and sure.queue == "complaints"
    (reason,) = [r for r in sure.reasons if r.cue == STATISTICAL_COMPLAINT_CUE]
    assert "flickering" in reason.words
    # A complaint the rules found stands unless the model is sure it is a request.
    moan = "i was promised a plumber last week and nobody came, the hall sink still leaks"
    assert RULES.route(Message(moan)).category == "complaint"
    doubtful = _complaints({"sink": (0.0, 0.0, 1.0)}).route(Message(moan))
    assert doubtful.category == "complaint"
    request = _complaints({"sink": (0.0, 0.0, 30.0)}).route(Message(moan))
    assert request.category == "service_request"
    assert any(r.cue == STATISTICAL_SERVICE_CUE for r in request.reasons)
    assert any(r.cue.startswith("dissatisfaction:") for r in request.reasons)


def test_the_model_cannot_overrule_a_complaint_chosen_on_the_phone_menu() -> None:
    text = "i was promised a plumber last week and nobody came, the hall sink still leaks"
    router = _complaints({"sink": (0.0, 0.0, 30.0)})
    decision = router.route(Message(text, "voice", ivr_choice="complaint"))
    assert decision.category == "complaint"
