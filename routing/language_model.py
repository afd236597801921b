"""The learned model for messages in other languages: character n-grams, emergency or not.

The English model (routing.model) reads words it has seen in English corpora; it cannot read
Polish, Arabizi or romanised Bengali. This one reads the letters: 2- to 5-letter pieces of each
word ("gaz", "dym", "ri7", "aag "), which carry over between spellings, transliterations and
code-switched English ("boiler se dhuan"). It is trained offline with scikit-learn on the tuned
parts of the multilingual corpora (`python -m tools.train_language_model`: TF-IDF over
`char_grams`, logistic regression, balanced classes) and exported to JSON
(routing/data/other_language_model.json), scored here in pure Python.

For a message detected as another language in which the phrases found no hazard
(routing.router), it can only RAISE, never lower: at or above its `page` line the contact is an
emergency; at or above its (lower) `threshold` it gets the safety question. Its probabilities
are calibrated (Platt scaling of out-of-fold scores) and both lines are chosen by
leave-one-corpus-out in training: `page` where almost no non-emergency reaches it, `threshold`
where few extra questions are asked. (Session 37) Below its `quiet` line, a hazard word of the
language alone no longer asks: the words around it read as routine ("kiedy przyjdzie ktoś
odczytać licznik gazu", when will someone read the gas meter), chosen where no emergency holding
such a word falls below it out of fold.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGUAGE_MODEL_PATH = Path(__file__).resolve().parent / "data" / "other_language_model.json"
GRAM_SIZES = (2, 5)  # shortest and longest piece, in letters (a word is padded with spaces)
_WORD = re.compile(r"[^\W_]+")
_TOP_GRAMS = 4


def char_grams(text: str) -> list[str]:
    """The 2- to 5-letter pieces of each word of normalised text, the word padded with a space
    each side (" gaz", "gaz "), in order. The training code uses this same function as its
    analyzer, so training and scoring can never cut text differently."""
    low, high = GRAM_SIZES
    grams: list[str] = []
    for word in _WORD.findall(text):
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            grams.extend(padded[i:i + n] for i in range(size - n + 1))
    return grams


@dataclass(frozen=True)
class LanguageModel:
    """Binary logistic regression over sublinear, L2-normalised TF-IDF character n-grams.

    vocabulary: n-gram -> (idf, weight); bias; threshold: P(emergency) at or above which a
    message in another language is asked the safety question; page: at or above which it is
    an emergency; calibration: (scale, shift) of the logit, fitted on out-of-fold scores;
    quiet: below which a hazard word of the language alone does not ask (0: it always asks).
    """

    vocabulary: dict[str, tuple[float, float]]
    bias: float
    threshold: float = 2.0  # never, until training has chosen one
    card: dict[str, Any] = field(default_factory=dict)
    page: float = 2.0  # never, until training has chosen one
    calibration: tuple[float, float] = (1.0, 0.0)
    quiet: float = 0.0  # a hazard word always asks, until training has chosen a line

    def _terms(self, text: str) -> list[tuple[str, float, float]]:
        """(n-gram, its normalised tf-idf value, its weight) for the known n-grams of text."""
        counts: dict[str, int] = {}
        vocabulary = self.vocabulary
        for gram in char_grams(text):
            if gram in vocabulary:
                counts[gram] = counts.get(gram, 0) + 1
        known = []
        norm = 0.0
        for gram, count in counts.items():
            idf, weight = vocabulary[gram]
            value = (1.0 + math.log(count)) * idf
            known.append((gram, value, weight))
            norm += value * value
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        return [(gram, value * scale, weight) for gram, value, weight in known]

    def probability(self, text: str) -> float:
        """P(emergency) of normalised `text`."""
        return self._sigmoid(self._terms(text))

    def logit(self, text: str) -> float:
        """The uncalibrated log-odds of normalised `text` (what calibration is fitted on)."""
        return self._logit(self._terms(text))

    def explain(self, text: str, n: int = _TOP_GRAMS) -> tuple[float, tuple[str, ...]]:
        """P(emergency) and the n-grams that raised it most (for the reasons agents see)."""
        terms = self._terms(text)
        top = sorted(((x * w, gram) for gram, x, w in terms if w > 0), reverse=True)[:n]
        return self._sigmoid(terms), tuple(gram.strip() for _, gram in top)

    def _logit(self, terms: list[tuple[str, float, float]]) -> float:
        return self.bias + sum(x * w for _, x, w in terms)

    def _sigmoid(self, terms: list[tuple[str, float, float]]) -> float:
        scale, shift = self.calibration
        z = scale * self._logit(terms) + shift
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def to_json(self) -> str:
        """The model as compact JSON (what load_language_model reads)."""
        data = {
            "format": "contact-hub-other-language-linear/1",
            "analyzer": "routing.language_model.char_grams",
            "threshold": self.threshold,
            "page": self.page,
            "quiet": self.quiet,
            "calibration": [round(c, 6) for c in self.calibration],
            "bias": round(self.bias, 4),
            "card": self.card,
            "vocabulary": {g: [round(idf, 4), round(w, 4)]
                           for g, (idf, w) in sorted(self.vocabulary.items())},
        }
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False, indent=None)

    @classmethod
    def from_json(cls, text: str) -> LanguageModel:
        """Read a model written by to_json."""
        data = json.loads(text)
        vocabulary = {str(g): (float(v[0]), float(v[1])) for g, v in data["vocabulary"].items()}
        scale, shift = data.get("calibration", (1.0, 0.0))
        return cls(vocabulary, float(data["bias"]), float(data["threshold"]),
                   dict(data.get("card", {})), float(data.get("page", 2.0)),
                   (float(scale), float(shift)), float(data.get("quiet", 0.0)))


@lru_cache(maxsize=1)
def load_language_model(path: Path = LANGUAGE_MODEL_PATH) -> LanguageModel | None:
    """The packaged model, or None when there is no model file."""
    try:
        return LanguageModel.from_json(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
