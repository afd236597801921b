"""The other-language model: its artefact is what tools.train_language_model trains, its pure
Python scoring equals scikit-learn's, and the router only ever ASKS on it."""

from __future__ import annotations

import json

import pytest

from routing import Message, Router
from routing.language_model import (
    LANGUAGE_MODEL_PATH,
    LanguageModel,
    char_grams,
    load_language_model,
)
from routing.normalise import normalise
from routing.router import LANGUAGE_MODEL_CUE
from tools.router_eval import HELD_OUT, WITH_HELD_OUT_QUARTER
from tools.train_language_model import fit, tuned_parts


def test_the_shipped_weights_equal_a_fresh_training_run_on_the_tuned_parts() -> None:
    # The full check (also the threshold from leave-one-corpus-out) is
    # `python -m tools.train_language_model --check`.
    shipped = json.loads(LANGUAGE_MODEL_PATH.read_text("utf-8"))
    fresh = json.loads(fit([r for rs in tuned_parts().values() for r in rs]).to_json())
    assert fresh["vocabulary"] == shipped["vocabulary"]
    assert fresh["bias"] == shipped["bias"]


def test_it_never_saw_a_held_out_record() -> None:
    parts = tuned_parts()
    assert not set(parts) & set(HELD_OUT)
    for name in WITH_HELD_OUT_QUARTER:
        assert all(int(r["id"].rsplit("-", 1)[1]) % 4 for r in parts[name]), name
    card = json.loads(LANGUAGE_MODEL_PATH.read_text("utf-8"))["card"]
    assert not any("multilingual9" in name for name in card["corpora"])


def test_scoring_in_pure_python_equals_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    records = [r for rs in tuned_parts().values() for r in rs][:400]
    texts = [normalise(r["text"], None) for r in records]
    labels = [r["label"] == "emergency" for r in records]
    vectorizer = TfidfVectorizer(analyzer=char_grams, sublinear_tf=True, min_df=2)
    classifier = LogisticRegression(C=4.0, max_iter=5000, class_weight="balanced")
    classifier.fit(vectorizer.fit_transform(texts), labels)
    model = LanguageModel(
        {g: (float(vectorizer.idf_[i]), float(classifier.coef_[0][i]))
         for g, i in vectorizer.vocabulary_.items()}, float(classifier.intercept_[0]))
    probe = ["czuję gaz w kuchni", "ri7et gaz bel matbakh", "boiler se dhuan aa raha hai",
             "厨房里有煤气味", "hello, the tap drips"]
    expected = classifier.predict_proba(vectorizer.transform(probe))[:, 1]
    assert [model.probability(t) for t in probe] == pytest.approx(list(expected), abs=1e-9)


def test_the_pieces_are_two_to_five_letters_of_each_padded_word() -> None:
    assert char_grams("gaz") == [" g", "ga", "az", "z ", " ga", "gaz", "az ", " gaz", "gaz ",
                                 " gaz "]
    assert char_grams("") == []


# A model that reads "mama" as an emergency, to test what the router does with a high score.
_MAMA = LanguageModel({" mam": (1.0, 8.0)}, bias=-2.0, threshold=0.6)


def test_a_message_in_another_language_the_model_reads_as_dangerous_is_asked_not_paged() -> None:
    router = Router(language_model=_MAMA)
    decision = router.route(Message("Mama jest w domu sama od rana, prosze zadzwonic"))
    assert decision.language == "pl"
    assert decision.category != "emergency"
    assert decision.ask_safety_question
    assert any(r.cue == LANGUAGE_MODEL_CUE and "mam" in r.words for r in decision.reasons)


def test_english_never_goes_to_the_other_language_model() -> None:
    router = Router(language_model=_MAMA)
    decision = router.route(Message("mama says the kitchen tap is dripping again"))
    assert decision.language == "en"
    assert all(r.cue != LANGUAGE_MODEL_CUE for r in decision.reasons)


def test_the_webhook_preview_and_the_rules_alone_never_use_it() -> None:
    text = "Mama jest w domu sama od rana, prosze zadzwonic"
    assert not Router(language_model=_MAMA).route(Message(text), preview=True).ask_safety_question
    assert Router(use_model=False).language_model is None


def test_a_router_that_only_previews_never_reads_the_other_language_model() -> None:
    """The web process previews (rules alone); only the worker's routing may need the model."""
    router = Router()
    router.route(Message("Czuję gaz w kuchni"), preview=True)
    router.route(Message("the kitchen tap drips"))
    assert router._language_model is None  # noqa: SLF001 - what was read, not what would be
    router.route(Message("Mama jest w domu sama od rana, prosze zadzwonic"))
    assert router._language_model is load_language_model()  # noqa: SLF001


def test_the_shipped_model_is_packaged_with_a_threshold_chosen_by_training() -> None:
    model = load_language_model()
    assert model is not None
    assert 0.5 <= model.threshold <= 0.9
    assert model.card["command"] == "python -m tools.train_language_model"
    assert LANGUAGE_MODEL_PATH.stat().st_size < 1_200_000  # 7 corpora (session 12): 860 KB
