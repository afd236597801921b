"""The learned model beside the rules: a linear text classifier over exported coefficients.

Trained offline with scikit-learn (`python -m tools.train_router`: TF-IDF over the words and
adjacent word pairs of the router's normalised text, multinomial logistic regression,
temperature-calibrated on out-of-fold predictions). The artefact is plain JSON
(routing/data/router_model.json: vocabulary, idf, one weight per class and a bias), scored
here in pure Python, so neither scikit-learn nor numpy is needed at run time and no pickle is
ever loaded. Scoring one message is a few dozen dict lookups (the rules cost far more).

The rules decide; the router lets this model only RAISE a contact to emergency (never lower
one) and, for contacts that are not emergencies, it combines with the rules on complaint
versus service request (see routing.router).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent / "data" / "router_model.json"
LABELS = ("complaint", "emergency", "service_request")
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
NUMBER = "#"  # every token with a digit in it (a flat number, a date, "3rd", "co2")
_TOP_WORDS = 4
# Function words: no feature is made of these alone (they carry style, not meaning).
_FUNCTION_WORDS = (
    "a an the and or but so to of in on at by for from with into onto up down out off over "
    "is are was were be been being am do does did have has had will would can could should "
    "i me my we us our you your he him his she her they them their it its this that these "
    "those there here s t d ll m re ve just all very really some any as if then than"
)
# An address says nothing of the class either: "flat" and a number (NUMBER) are not features
# on their own or together ("flat #"), only beside another word ("flat roof", "battery flat").
# The corpora's writers gave emergencies an address far more often, so "flat" alone had read
# as 0.99 an emergency and "hello, I live in flat 3" was paged.
_ADDRESS_WORDS = ("flat", NUMBER)
STOPWORDS = frozenset((*_FUNCTION_WORDS.split(), *_ADDRESS_WORDS))
# Below this share of known words the text is not (mostly) English: the model does not raise.
MIN_COVERAGE = 0.6
# Below this many known features (words and pairs) the text says too little for the model to
# overrule the rules on complaint versus request ("Photo of the mould": "mould" alone reads
# as a complaint, since so many mould reports are).
MIN_EVIDENCE = 4


def _tokens(text: str) -> list[str]:
    """The words of normalised text, every one with a digit in it as NUMBER: which flat,
    house or day a resident writes says nothing of the class (the corpora's writers gave
    emergencies "flat 4" so often that "4" alone read as 0.55 an emergency, and a survey
    answer of "4" got the safety question)."""
    tokens = _TOKEN.findall(text)
    if _DIGIT.search(text) is None:
        return tokens
    return [NUMBER if _DIGIT.search(token) else token for token in tokens]


def features(text: str) -> list[str]:
    """Words and adjacent word pairs ("a b") of normalised text, not made of function words only.

    The training code uses this same function as its analyzer, so training and scoring can
    never tokenise differently.
    """
    tokens = _tokens(text)
    stop = STOPWORDS
    found = [t for t in tokens if t not in stop]
    found.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                 if a not in stop or b not in stop)
    return found


@dataclass(frozen=True)
class Scores:
    """Class probabilities for one message, and the features that pushed each class up."""

    probabilities: dict[str, float]
    # (feature, its normalised tf-idf value, its weight per class): contributions on demand
    terms: list[tuple[str, float, tuple[float, ...]]] = field(repr=False)
    # Share of the words the model knows (or are English function words): low for text in
    # another language, where its English vocabulary says little (the router then ignores it).
    coverage: float = 1.0
    _top: dict[tuple[str, int], tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def emergency(self) -> float:
        return self.probabilities["emergency"]

    def top_words(self, label: str = "emergency", n: int = _TOP_WORDS) -> tuple[str, ...]:
        """The features that raised `label` most, strongest first (only positive ones)."""
        key = (label, n)
        words = self._top.get(key)
        if words is None:  # the router asks up to three times for the same label
            i = LABELS.index(label)
            # Only positive contributions are shown, so only they are ranked (same order); a
            # feature's tf-idf value is positive, so its contribution has its weight's sign.
            ranked = [(x * weights[i], f) for f, x, weights in self.terms if weights[i] > 0]
            ranked.sort(reverse=True)
            words = self._top[key] = tuple([f for _, f in ranked[:n]])
        return words


@dataclass(frozen=True)
class TextModel:
    """Multinomial logistic regression over sublinear, L2-normalised TF-IDF features.

    vocabulary: feature -> (idf, weight per class in LABELS order); bias per class;
    temperature divides the logits (calibration); thresholds are the router's cut-offs.
    """

    vocabulary: dict[str, tuple[float, tuple[float, ...]]]
    bias: tuple[float, ...]
    temperature: float = 1.0
    thresholds: dict[str, float] = field(default_factory=dict)
    card: dict[str, Any] = field(default_factory=dict)
    # The vocabulary's word pairs by first word, so that scoring never builds a pair string
    # the model does not know (built from the vocabulary; not part of the model's identity).
    _pairs: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # The vocabulary's single words, less function words (which only count towards coverage).
    _words: frozenset[str] = field(
        default_factory=frozenset, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs: dict[str, set[str]] = {}
        for feature in self.vocabulary:
            first, space, second = feature.partition(" ")
            if space:
                pairs.setdefault(first, set()).add(second)
        object.__setattr__(self, "_pairs", {a: frozenset(b) for a, b in pairs.items()})
        object.__setattr__(self, "_words", frozenset(self.vocabulary) - STOPWORDS)

    @property
    def words(self) -> frozenset[str]:
        """The words English is to this model: its vocabulary's single words and function words."""
        return self._words | STOPWORDS

    @property
    def threshold(self) -> float:
        """P(emergency) at or above which the router raises a contact (the "page" threshold)."""
        return self.thresholds.get("page", 0.9)

    def scores(self, text: str) -> Scores:
        """Score normalised text.

        Counts the known ones of `features(text)` (in the same first-seen order, words before
        pairs, so every sum below adds in the same order and gives the same floats; features
        the model does not know add nothing, so they are not even built).
        """
        tokens = _tokens(text)
        words = self._words
        stop = STOPWORDS
        counts: dict[str, int] = {}
        known_words = 0  # tokens the model knows or that are function words (coverage)
        for token in tokens:  # operators, not method calls: this loop is most of the cost
            if token in words:
                known_words += 1
                if token in counts:
                    counts[token] += 1
                else:
                    counts[token] = 1
            elif token in stop:
                known_words += 1
        pairs = self._pairs
        for a, b in zip(tokens, tokens[1:], strict=False):
            if a in pairs and b in pairs[a]:
                pair = f"{a} {b}"
                if pair in counts:
                    counts[pair] += 1
                else:
                    counts[pair] = 1
        vocab = self.vocabulary
        known = []
        norm = 0.0
        log = math.log
        for feature, count in counts.items():
            idf, weights = vocab[feature]
            value = idf if count == 1 else (1.0 + log(count)) * idf
            known.append((feature, value, weights))
            norm += value * value
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        terms = []
        b0, b1, b2 = self.bias
        for feature, value, weights in known:
            x = value * scale
            terms.append((feature, x, weights))
            w0, w1, w2 = weights
            b0 += x * w0
            b1 += x * w1
            b2 += x * w2
        temperature = self.temperature
        coverage = known_words / len(tokens) if tokens else 1.0
        return Scores(_softmax([b0 / temperature, b1 / temperature, b2 / temperature]), terms,
                      coverage)

    def scores_many(self, texts: Iterable[str]) -> list[Scores]:
        """`scores` of each normalised text, in order (the same Scores, float for float)."""
        score = self.scores
        return [score(text) for text in texts]

    def probability(self, text: str) -> float:
        """Probability that normalised `text` is an emergency."""
        return self.scores(text).emergency

    def to_json(self) -> str:
        """The model as compact JSON (what load_model reads)."""
        data = {
            "format": "contact-hub-router-linear/1",
            "labels": list(LABELS),
            "analyzer": "routing.model.features",
            "temperature": round(self.temperature, 4),
            "thresholds": self.thresholds,
            "bias": [round(b, 4) for b in self.bias],
            "card": self.card,
            "vocabulary": {f: [round(idf, 4), *(round(w, 4) for w in ws)]
                           for f, (idf, ws) in sorted(self.vocabulary.items())},
        }
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False, indent=None)

    @classmethod
    def from_json(cls, text: str) -> TextModel:
        """Read a model written by to_json."""
        data = json.loads(text)
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"model labels {data['labels']} are not {LABELS}")
        vocabulary = {str(f): (float(v[0]), tuple(float(w) for w in v[1:]))
                      for f, v in data["vocabulary"].items()}
        return cls(vocabulary, tuple(float(b) for b in data["bias"]),
                   float(data.get("temperature", 1.0)),
                   {str(k): float(v) for k, v in data.get("thresholds", {}).items()},
                   dict(data.get("card", {})))


def _softmax(logits: list[float]) -> dict[str, float]:
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return {label: e / total for label, e in zip(LABELS, exps, strict=True)}


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> TextModel | None:
    """The packaged model, or None when there is no model file."""
    try:
        return TextModel.from_json(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
