"""A statistical recall booster: naive Bayes odds that a contact is an emergency.

The rules decide; this model can only RAISE a contact the rules left as not-emergency, and only
when no scope rule (negation, question, history, resolution) says the danger is absent (see
routing.router). Features are the words and adjacent word pairs of the router's normalised text,
each counted once per message. The weights are plain data in routing/data/emergency_model.json,
written offline by `python -m routing.model_train`; scoring is a few dict lookups.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "emergency_model.json"
_TOKEN = re.compile(r"[a-z0-9]+")
_TOP_WORDS = 4
# Function words: no feature is made of these alone (they carry style, not danger).
_FUNCTION_WORDS = (
    "a an the and or but so to of in on at by for from with into onto up down out off over "
    "is are was were be been being am do does did have has had will would can could should "
    "i me my we us our you your he him his she her they them their it its this that these "
    "those there here s t d ll m re ve just all very really some any as if then than"
)
STOPWORDS = frozenset(_FUNCTION_WORDS.split())


def features(text: str) -> set[str]:
    """Words and adjacent pairs ("a b") of normalised text, each once, not all function words."""
    tokens = _TOKEN.findall(text)
    stop = STOPWORDS
    found = {t for t in tokens if t not in stop}
    found.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                 if a not in stop or b not in stop)
    return found


@dataclass(frozen=True, slots=True)
class EmergencyModel:
    """Log-odds weights per feature plus a bias; P(emergency) = sigmoid(bias + sum of weights)."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, text: str) -> float:
        """Probability that `text` (already normalised) is an emergency."""
        get = self.weights.get
        stop = STOPWORDS
        tokens = _TOKEN.findall(text)
        total = self.bias
        for token in set(tokens):
            if token not in stop:
                total += get(token, 0.0)
        pairs = {a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)
                 if a not in stop or b not in stop}
        for pair in pairs:
            total += get(pair, 0.0)
        return _sigmoid(total)

    def top_words(self, text: str, n: int = _TOP_WORDS) -> tuple[str, ...]:
        """The features of `text` that raise the odds of an emergency most, strongest first."""
        weights = self.weights
        ranked = sorted(((weights.get(f, 0.0), f) for f in features(text)), reverse=True)
        return tuple(f for w, f in ranked[:n] if w > 0)

    def to_json(self) -> str:
        """The model as compact JSON (what load_model reads)."""
        data = {"bias": round(self.bias, 4), "threshold": self.threshold,
                "weights": {f: round(w, 3) for f, w in sorted(self.weights.items())}}
        return json.dumps(data, separators=(",", ":"), sort_keys=False)

    @classmethod
    def from_json(cls, text: str) -> EmergencyModel:
        """Read a model written by to_json."""
        data = json.loads(text)
        weights = {str(f): float(w) for f, w in data["weights"].items()}
        return cls(float(data["bias"]), weights, float(data["threshold"]))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> EmergencyModel | None:
    """The packaged model, or None when there is no model file."""
    try:
        return EmergencyModel.from_json(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
