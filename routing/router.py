"""The router: what happens to a contact (emergency, complaint or service request) and why.

Order of decisions, safety first:
1. Hazards asserted about now make an emergency, whatever else the text says; conditional
   hazards (no heating, lift out) become emergencies for vulnerable people or in the cold.
2. Dissatisfaction with our service makes a complaint, or `also_complaint` on an emergency.
3. Everything else is a service request on the queue its topic points to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache

from routing import lexicon as lx
from routing.advice import SafetyAdvice, load_safety_advice
from routing.analysis import (
    Hit,
    Segments,
    complaint_cues,
    english_lookalikes,
    find_hazards,
    find_vulnerabilities,
    possible_hazard,
    scope,
    topic_words,
)
from routing.danger import find_dangers
from routing.factoring import factored
from routing.language import detect_language
from routing.language_model import LanguageModel, load_language_model
from routing.model import MIN_COVERAGE, MIN_EVIDENCE, STOPWORDS, Scores, TextModel, load_model
from routing.normalise import normalise
from routing.types import HAZARDS, VULNERABILITIES, Context, Decision, Message, Reason

COMPLAINT_THRESHOLD = 2
# A second message within this time is the same report continuing, not a chase.
_SAME_CONVERSATION = timedelta(hours=1)
_WINTER_MONTHS = frozenset({11, 12, 1, 2, 3})
_ESCALATING_VULNERABILITY = frozenset(
    {"elderly", "child", "disability", "medical_equipment", "pregnancy"}
)
_MOBILITY_VULNERABILITY = frozenset({"elderly", "disability", "medical_equipment", "pregnancy"})
# Someone who cannot get out, up or down (context.toml `stranded`).
_STRANDED = lx.STRANDED
_MAX_WORDS = 80
_ANTI_SOCIAL_BEHAVIOUR = factored(lx.ANTI_SOCIAL_BEHAVIOUR).search
_LANDLORD_TARGET = factored(lx.LANDLORD_TARGET).search
_URGENT = factored(lx.URGENT).search
_CAN_WAIT = factored(lx.CAN_WAIT).search
_NOT_COLD = lx.NOT_COLD.search
_COLD = factored(lx.COLD).search
_AT_HEIGHT = factored(lx.AT_HEIGHT).search
_COMPLAINT_PROCESS = lx.COMPLAINT_PROCESS.search
_COMPLAINT_STATED = lx.COMPLAINT_STATED.search
_HOUSING_REQUEST = lx.HOUSING_REQUEST.search
_NOT_A_COMPLAINT = lx.NOT_A_COMPLAINT.search
_OTHER_LANGUAGE_COMPLAINT = lx.OTHER_LANGUAGE_COMPLAINT.search
# English words spelled like another language's hazard word (see `_unsure`).
_ENGLISH_LOOKALIKES = english_lookalikes()
# The only cues a question about the complaints process carries (its complaint words).
_PROCESS_CUES = frozenset({"formal complaint", "complaint word"})
_ASKS = lx.ASKS_FOR_INFORMATION.search
_INFORMATION_ABOUT = lx.INFORMATION_ABOUT.search
_LIGHT_FAULT = lx.LIGHT_FAULT.search
_INTERNAL_LOCK = lx.INTERNAL_LOCK.search
_STILL_SECURE = lx.STILL_SECURE.search
_NOT_ON_THE_MODEL_ALONE = lx.NOT_ON_THE_MODEL_ALONE.search
_OTHER_COLD_OR_VULNERABLE = lx.OTHER_LANGUAGE_COLD_OR_VULNERABLE.search
_DAMP_AND_MOULD = "damp or mould"
_MEDICAL_RISK = lx.MEDICAL_RISK.search
_FIRE_AFTERMATH = lx.FIRE_AFTERMATH.search
_FIRE_GONE_BY = lx.FIRE_GONE_BY.search
# Characters before a word in which the negation just before it is found.
_NEGATION_WORD_REACH = 12
# (session 19) Why a fire set aside is over: its marks left are no danger (see
# `_collect_dangers_by_effect`).
_OVER = frozenset({"resolved", "past", "story"})
_SERIOUS_DAMP = lx.HazardCue("damp or mould with a serious risk to health", "welfare", "hard",
                             re.compile(""), True, "welfare")
STATISTICAL_CUE = "statistical:emergency"
# A hazard only in a reply's quoted earlier thread: not paged, but the resident is asked.
QUOTED_CUE = "ignored:quoted:"
# A danger told as the story of a long complaint or thank-you letter (session 15): not paged,
# but the resident is asked, as for a quoted one.
STORY_CUE = "ignored:story:"
# A danger in a home said not to be the landlord's (session 16): not paged, but asked.
ELSEWHERE_CUE = "ignored:elsewhere:"
# (session 17) A danger said before a laugh and "seriously though": a joke, asked about.
JOKE_CUE = "ignored:joke:"
# (session 20) A danger named in a subject line ("Sparking socket") that the body tells only as
# history: asked.
SUBJECT_CUE = "ignored:subject:"
# (session 24) Water caught in a bucket or tray as it comes, nothing near the electrics: asked.
CONTAINED_CUE = "ignored:contained:"
_ASKED_ASIDE = (QUOTED_CUE, STORY_CUE, ELSEWHERE_CUE, JOKE_CUE, SUBJECT_CUE, CONTAINED_CUE)
# A hazard the message says is over or absent now settles the same hazard set aside above.
_SETTLED = ("ignored:resolved:", "ignored:negated:")
# A hazard named in another language's message that made no emergency: the resident is asked.
POSSIBLE_CUE = "possible:other_language"
# The other-language model (routing.language_model) reads a hazard in the letters: asked at
# or above its question line, paged at or above its page line.
LANGUAGE_MODEL_CUE = "possible:other_language_model"
LANGUAGE_MODEL_PAGE_CUE = "statistical:other_language"
# (session 37) A hazard word of another language that the other-language model reads as routine
# (below its quiet line): not asked, shown to the agent.
QUIET_CUE = "routine:other_language"
# (session 35) Most words unknown to the English model, yet those it knows are at its page line:
# the text cannot be read (another language read as English, code-switched): asked.
UNREADABLE_CUE = "possible:unreadable"
# Dissatisfaction with our service in another language's words (languages.toml `complaint`).
OTHER_LANGUAGE_COMPLAINT_CUE = "dissatisfaction:other_language"
# The learned model's own reason on every decision it saw: its probabilities and top words.
MODEL_CUE = "model"
STATISTICAL_COMPLAINT_CUE = "statistical:complaint"
# Reasons that settle complaint versus request by policy, where the text model has no say: a
# question about the complaints process, and a first request for a transfer or exchange.
ASKS_PROCESS_CUE = "asks_about_complaints_process"
HOUSING_REQUEST_CUE = "housing_service_request"
NOT_A_COMPLAINT_CUE = "says_not_a_complaint"
# The resident says they want to complain (complaints.toml): a complaint whatever the model reads.
WANTS_TO_COMPLAIN = "wants to complain"
SETTLED_BY_POLICY = frozenset({ASKS_PROCESS_CUE, HOUSING_REQUEST_CUE, NOT_A_COMPLAINT_CUE,
                               f"dissatisfaction:{WANTS_TO_COMPLAIN}"})
# The rules saw dissatisfaction, but the model reads a request: it is routed as one.
STATISTICAL_SERVICE_CUE = "statistical:not_complaint"
# Stands in for the model's words when the scope rules are asked about them.
_STATISTICAL = lx.HazardCue("statistical", "statistical", "hard", re.compile(""), True, "")


@dataclass(slots=True)
class _Findings:
    """Everything noticed about one contact, before the decision is made."""

    reasons: list[Reason] = field(default_factory=list)
    emergency_hazards: dict[str, str] = field(default_factory=dict)
    advice_topics: list[str] = field(default_factory=list)
    vulnerabilities: dict[str, str] = field(default_factory=dict)
    soft_hazards: bool = False
    topics: dict[str, list[str]] = field(default_factory=dict)
    complaint_score: int = 0
    # Complaint or not is settled by the context (an IVR choice, a repeated report) or by policy
    # (a question about the complaints process): the text model cannot judge those.
    complaint_settled: bool = False
    significant_damp: bool = False
    related_request: str | None = None
    boosted: bool = False
    # A conditional hazard (no heating, lift out, ...) the rules weighed and did not escalate.
    judged_not_emergency: bool = False
    # The other-language model's P(emergency) and its strongest letters, when it was read.
    other_language: tuple[float, tuple[str, ...]] | None = None

    def note(self, cue: str, words: str) -> None:
        self.reasons.append(Reason(cue, words.strip()[:_MAX_WORDS]))

    def raise_hazard(self, hit: Hit, cue: str) -> None:
        self.emergency_hazards.setdefault(hit.cue.hazard, hit.words)
        if hit.cue.advice not in self.advice_topics:
            self.advice_topics.append(hit.cue.advice)
        self.note(cue, hit.words)


class Router:
    """Classifies contacts. Pure: the same message and context always give the same decision."""

    def __init__(
        self,
        advice: SafetyAdvice | None = None,
        model: TextModel | None = None,
        *,
        use_model: bool = True,
        language_model: LanguageModel | None = None,
        use_language_model: bool = True,
    ) -> None:
        """The models default to the packaged ones; `use_model=False` gives the rules alone,
        `use_language_model=False` the router without the other-language model."""
        self.advice = advice if advice is not None else load_safety_advice()
        self.model = (model if model is not None else load_model()) if use_model else None
        # The packaged other-language model is read on first use: only the worker's routing of
        # text in another language needs it (the web process's preview never does).
        self._language_model = language_model
        self._use_language_model = use_model and use_language_model
        self._english: frozenset[str] | None = None

    @property
    def language_model(self) -> LanguageModel | None:
        """The other-language model, or None when this router runs without one."""
        if not self._use_language_model:
            return None
        if self._language_model is None:
            self._language_model = load_language_model()
        return self._language_model

    def route(
        self, message: Message, context: Context | None = None, *, preview: bool = False
    ) -> Decision:
        """Decide category, priority, queue, hazards and advice for one contact.

        preview=True is the webhook's quick look: the rules alone, no learned model and no
        language detection (the worker's full routing adds both).
        """
        text = normalise(message.text or "", message.subject)
        model = None if preview else self.model
        scores = model.scores(text) if model is not None else None
        return self._route(message, context or Context(), text, scores)

    def route_many(
        self, messages: Sequence[Message], contexts: Sequence[Context | None] | None = None
    ) -> list[Decision]:
        """`route` for a batch: the same Decision for each message as `route` gives it.

        The text of the whole batch is normalised and scored by the model first, then the
        rules run message by message. `contexts`, when given, pairs with `messages` one to one.
        """
        if contexts is not None and len(contexts) != len(messages):
            raise ValueError(f"{len(contexts)} contexts for {len(messages)} messages")
        texts = [normalise(message.text or "", message.subject) for message in messages]
        scored: Sequence[Scores | None] = (
            self.model.scores_many(texts) if self.model is not None else [None] * len(texts))
        decide = self._route
        default = Context()
        if contexts is None:
            return [decide(message, default, text, scores)
                    for message, text, scores in zip(messages, texts, scored, strict=True)]
        return [decide(message, context or default, text, scores) for message, context, text, scores
                in zip(messages, contexts, texts, scored, strict=True)]

    def _route(
        self, message: Message, context: Context, text: str, scores: Scores | None
    ) -> Decision:
        """The pipeline on normalised text: the rules' findings, the model's, the decision."""
        seg = Segments(text, self._english_words if scores is not None else None)
        found = _Findings()
        if message.ivr_choice:
            found.note(f"ivr:{message.ivr_choice}", message.ivr_choice)
        _collect_vulnerabilities(found, seg, context)
        _collect_hazards(found, seg, context)
        _collect_complaint(found, seg, message, context)
        language = None
        if scores is not None and self.model is not None:
            if not found.emergency_hazards:
                _boost(found, seg, scores, self.model.threshold)
            _note_model(found, scores)
            language = detect_language(f"{message.subject or ''}\n{message.text or ''}",
                                       scores.coverage)
            if language not in (None, "en"):
                _collect_other_language_complaint(found, text)
                if not found.emergency_hazards and not found.boosted:
                    self._read_other_language(found, text)
        return self._decide(found, text, message, scores, language)

    def _read_other_language(self, found: _Findings, text: str) -> None:
        """The other-language model on a message in another language the phrases did not
        page: at or above its page line it is an emergency (it can only raise), unless the
        rules weighed a conditional hazard or damp against the household."""
        model = self.language_model
        if model is None:
            return
        found.other_language = model.explain(text)
        probability, grams = found.other_language
        if probability < model.page or found.judged_not_emergency or found.significant_damp:
            return
        found.boosted = True
        found.note(LANGUAGE_MODEL_PAGE_CUE, f"p={probability:.2f}: " + ", ".join(grams))

    def _unsure(self, found: _Findings, text: str, scores: Scores, language: str | None) -> bool:
        """Not an emergency, but the model puts it between the "possible" and "page" lines; a
        hazard was set aside only because it is in the quoted thread of a reply, told as the
        story of a long complaint or thank-you letter, in a home said not to be the landlord's
        or before a laugh and "seriously though", and the message does not say that same hazard
        is over; or a message in another language (which the English model cannot read) names a
        hazard or reads as one to the other-language model; or a message read as English names
        a hazard in another language's words."""
        if self.model is None:
            return False
        if _set_aside_unsettled(found):
            return True
        if language not in (None, "en"):
            return self._unsure_in_other_language(found, text)
        possible = self.model.thresholds.get("possible", self.model.threshold)
        unsure = scores.coverage >= MIN_COVERAGE and scores.emergency >= possible
        # (session 17) Read as English, yet naming a hazard in another language ("the flat is
        # full of dhuan"): a resident switching languages. English words spelled like one
        # ("gas", "window") do not count. (session 19) Shown to the agent even when the model's
        # doubt asks too.
        word = None if language is None else possible_hazard(text, self._english_words)
        if word is not None:
            found.note(POSSIBLE_CUE, word)
        return unsure or word is not None or self._unreadable_alarming(found, scores)

    def _unreadable_alarming(self, found: _Findings, scores: Scores) -> bool:
        """(session 35) A message read as English of which the English model knows too few
        words to be read (below MIN_COVERAGE, where its view is otherwise set aside), yet the
        words it knows put it at the page line: another language's words around English ones
        ("gas pipe ... 'ssss' awaj ... vaas", Marathi read as English). The text cannot be read,
        so the resident is asked rather than left in a routine queue. (A message detected as
        another language has that language's own words, harmless phrases and model instead.)"""
        assert self.model is not None
        if scores.coverage >= MIN_COVERAGE or scores.emergency < self.model.threshold:
            return False
        found.note(UNREADABLE_CUE,
                   f"p={scores.emergency:.2f}, {scores.coverage:.0%} of words known")
        return True

    @property
    def _english_words(self) -> frozenset[str]:
        """The words of English: those the English model knows, and a dictionary's that look
        like another language's hazard word (built once)."""
        if self._english is None:
            known = self.model.words if self.model is not None else frozenset()
            self._english = known | _ENGLISH_LOOKALIKES
        return self._english

    def _unsure_in_other_language(self, found: _Findings, text: str) -> bool:
        """A hazard word of the language (`possible`), or the other-language model's letters
        at or above its question line (below its page line: see _read_other_language).

        (session 37) A hazard word with the model's reading below its `quiet` line is not asked:
        the words around it are routine ("kiedy przyjdzie ktoś odczytać licznik gazu", when will
        someone read the gas meter). The word stays in the reasons for the agent."""
        word = possible_hazard(text)
        model = self.language_model
        read = None if model is None else found.other_language
        if word is not None:
            if model is not None and read is not None and read[0] < model.quiet:
                found.note(QUIET_CUE, f"{word} (p={read[0]:.3f})")
                return False
            found.note(POSSIBLE_CUE, word)
            return True
        if model is None or read is None:
            return False
        probability, grams = read
        if probability < model.threshold:
            return False
        found.note(LANGUAGE_MODEL_CUE, f"p={probability:.2f}: " + ", ".join(grams))
        return True

    def _decide(
        self, found: _Findings, text: str, message: Message, scores: Scores | None = None,
        language: str | None = None,
    ) -> Decision:
        complaint = found.complaint_score >= COMPLAINT_THRESHOLD
        emergency = bool(found.emergency_hazards) or found.boosted or (
            message.ivr_choice == "emergency" and not _CAN_WAIT(text)
        )
        # On an emergency the rules alone say whether it is a complaint too (`also_complaint`).
        if (not emergency and scores is not None and self.model is not None
                and scores.coverage >= MIN_COVERAGE and len(scores.terms) >= MIN_EVIDENCE
                and not found.complaint_settled):
            complaint = _model_complaint(found, scores, self.model, complaint)
        hazards = tuple(h for h in HAZARDS if h in found.emergency_hazards)
        vulnerabilities = tuple(v for v in VULNERABILITIES if v in found.vulnerabilities)
        if emergency:
            if language not in (None, "en"):
                advice = self.advice.in_language(found.advice_topics, language)
            else:
                advice = self.advice.lines_for(found.advice_topics)
            return Decision(
                category="emergency", priority=1, queue="emergencies",
                reasons=tuple(found.reasons), hazards=hazards, vulnerabilities=vulnerabilities,
                also_complaint=complaint, safety_advice=advice,
                related_request=found.related_request, language=language,
            )
        queue = "complaints" if complaint else _topic_queue(found, text, message)
        ask = scores is not None and self._unsure(found, text, scores, language)
        return Decision(
            category="complaint" if complaint else "service_request",
            priority=_priority(found, text, queue, complaint), queue=queue,
            reasons=tuple(found.reasons), hazards=(), vulnerabilities=vulnerabilities,
            also_complaint=False, safety_advice=(), related_request=found.related_request,
            language=language, ask_safety_question=ask,
        )


def _set_aside_unsettled(found: _Findings) -> bool:
    """A hazard set aside only as quoted, a story, elsewhere or a joke, that the message does
    not also say is over or absent now (session 17: "Re: Burst pipe ... The leak was fixed that
    evening", "Re: Gas leak ... no smell of gas at all since the engineer came")."""
    aside = {r.cue.rsplit(":", 1)[-1] for r in found.reasons if r.cue.startswith(_ASKED_ASIDE)}
    if not aside:
        return False
    settled = {r.cue.rsplit(":", 1)[-1] for r in found.reasons if r.cue.startswith(_SETTLED)}
    # (session 20) a subject line's event the body tells as history is asked about even when the
    # body says that history is over: "Subject: Sparking socket", then "it sparked last year and
    # was replaced. Please send an electrician" (the subject line may be of now)
    settled -= {r.cue.rsplit(":", 1)[-1] for r in found.reasons if r.cue.startswith(SUBJECT_CUE)}
    return bool(aside - settled)


def _note_model(found: _Findings, scores: Scores) -> None:
    """The model's view, for agents: its most likely class, probability and top words."""
    label = max(scores.probabilities, key=scores.probabilities.__getitem__)
    words = ", ".join(scores.top_words(label)) or "no known words"
    found.note(f"{MODEL_CUE}:{label}", f"p={scores.probabilities[label]:.2f}: {words}")


def complaint_share(probabilities: dict[str, float]) -> float:
    """P(complaint | not an emergency): the model's side of complaint versus service request."""
    rest = probabilities["complaint"] + probabilities["service_request"]
    return probabilities["complaint"] / rest if rest else 0.0


def _model_complaint(found: _Findings, scores: Scores, model: TextModel, rules: bool) -> bool:
    """Complaint or service request: the rules' verdict and the model's, combined.

    Chosen by leave-one-corpus-out cross-validation against the rules' FIRST-RUN verdicts
    (tools.train_router.choose): a complaint the rules found stands unless the model's share
    for complaint is below `complaint_kept`; one they did not find is made when the share is
    at least `complaint`. Either way the model's words go into the reasons.
    """
    share = complaint_share(scores.probabilities)
    if rules:
        if share >= model.thresholds.get("complaint_kept", 0.0):
            return True
        found.note(STATISTICAL_SERVICE_CUE, f"p(complaint)={share:.2f}: "
                   + ", ".join(scores.top_words("service_request")))
        return False
    if share < model.thresholds.get("complaint", 2.0):
        return False
    found.note(STATISTICAL_COMPLAINT_CUE, f"p(complaint)={share:.2f}: "
               + ", ".join(scores.top_words("complaint")))
    return True


def _boost(found: _Findings, seg: Segments, scores: Scores, threshold: float) -> None:
    """Raise to emergency when the model is confident and no scope rule says the danger is absent.

    Only called when the rules found no emergency, so it can never lower or change one.
    """
    if scores.emergency < threshold or scores.coverage < MIN_COVERAGE:
        return
    # A few words ("door", "water") are too little to page on: such a message is asked instead.
    if len(scores.terms) < MIN_EVIDENCE:
        return
    text = seg.text
    light_fault = _LIGHT_FAULT(text) and not found.vulnerabilities
    internal_lock = _INTERNAL_LOCK(text)  # a bathroom locked from inside: privacy, not security
    still_secure = _STILL_SECURE(text)  # it shuts or locks, with a slam (asked, not paged)
    # (session 17) mice in the ceiling, gutters overflowing, a wardrobe door (asked instead)
    not_alone = _NOT_ON_THE_MODEL_ALONE(text)
    # Damp and mould harming health is a significant hazard with its own route, never an emergency;
    # so is a conditional hazard the rules weighed against the household (no heating, not cold).
    judged = found.judged_not_emergency or found.significant_damp
    if (_CAN_WAIT(text) or _ASKS(text) or light_fault or internal_lock or still_secure
            or not_alone or judged):
        return
    top = scores.top_words("emergency")
    if not top:
        return
    # (session 19) A danger the rules set aside (fixed, past, denied) stops the model only when
    # the model reads that danger's words: "a leak in the loft, fixed" is no answer to "a big
    # crack in the ceiling, bowing" (it was: any danger set aside stopped the model).
    # (Function words do not count: "the lift" shares nothing with "the leak" that matters.)
    aside = {w for r in found.reasons if r.cue.startswith("ignored:")
             for w in r.words.split()} - STOPWORDS
    if aside and any(w in aside for feature in top for w in feature.split()):
        return
    strongest = re.search(rf"\b{re.escape(top[0])}\b", text)
    if strongest and scope(seg, _STATISTICAL, strongest.start(), strongest.group(0)) and not (
            _read_with_its_negation(text, strongest.start(), top)):
        return
    found.boosted = True
    found.note(STATISTICAL_CUE, ", ".join(top))


def _read_with_its_negation(text: str, start: int, top: tuple[str, ...]) -> bool:
    """(session 19) The model's strongest word read with the negation before it, as one of its
    own features: "not answering" (a neighbour who does not answer) is what it weighed, not a
    denial of the danger."""
    before = text[max(0, start - _NEGATION_WORD_REACH):start].split()
    return bool(before) and f"{before[-1]} {top[0]}" in top


def _collect_vulnerabilities(found: _Findings, seg: Segments, context: Context) -> None:
    for name, words in find_vulnerabilities(seg.text, seg.anchors):
        found.vulnerabilities.setdefault(name, words)
        found.note(f"vulnerability:{name}", words)
    for recorded in context.recorded_vulnerabilities:
        name = lx.VULNERABILITY_SYNONYMS.get(recorded.lower(), recorded.lower())
        if name in VULNERABILITIES and name not in found.vulnerabilities:
            found.vulnerabilities[name] = "recorded"
            found.note(f"vulnerability:{name}", "recorded on the customer's file")


def _is_cold(text: str, context: Context) -> str | None:
    """Words (or the season) that make a loss of heating dangerous, if any."""
    match = _COLD(text)
    if match:
        return match.group(0)
    if context.now is not None and context.now.month in _WINTER_MONTHS:
        return f"winter ({context.now:%B})"
    return None


def _conditional_escalates(found: _Findings, hit: Hit, seg: Segments, context: Context) -> bool:
    """Whether a loss of service or a broken lift is an emergency for this household."""
    text = seg.text
    kind = hit.cue.kind
    vulnerable = _ESCALATING_VULNERABILITY & found.vulnerabilities.keys()
    # (session 21) Another language's power cut escalates as its loss of heating does (below):
    # a cut across the street is told apart only in English (analysis._AREA_OUTAGE).
    other_language = hit.cue.name.endswith(")")
    if kind == "water_supply" or (kind == "power" and not other_language):
        return bool(vulnerable) or not _INFORMATION_ABOUT(text, *seg.sentence_bounds(hit.start))
    if kind == "at_height":
        return bool(_AT_HEIGHT(text)) and not _CAN_WAIT(text)
    if kind == "lift_out":
        stranded = _STRANDED.search(text)
        return bool(stranded and (_MOBILITY_VULNERABILITY & found.vulnerabilities.keys()))
    if vulnerable and not (kind == "heating" and _NOT_COLD(text) and not _COLD(text)):
        return True  # (session 33) heating: not when the weather is said not to be cold
    if other_language and (other := _OTHER_COLD_OR_VULNERABLE(text)):
        found.note("cold_or_vulnerable", other.group(0))
        return True
    cold = _is_cold(text, context)
    if cold and not _CAN_WAIT(text):
        found.note("cold", cold)
        return True
    return False


def _collect_hazards(found: _Findings, seg: Segments, context: Context) -> None:
    fire_over = False
    # (session 19) hazards a subject line names and sets aside ("Subject: question - gas
    # smell"): the dangers by effect in that line go with them
    subject_aside: dict[str, str] = {}
    for hit in find_hazards(seg):
        kind = hit.cue.kind
        if hit.ignored_because:
            fire_over |= hit.cue.hazard == "fire" and hit.ignored_because in _OVER
            if hit.start < seg.subject_end:
                subject_aside.setdefault(hit.cue.hazard, hit.ignored_because)
            found.note(f"ignored:{hit.ignored_because}:{hit.cue.hazard}", hit.words)
        elif kind == "hard" or (
            kind != "soft" and _conditional_escalates(found, hit, seg, context)
        ):
            found.raise_hazard(hit, f"hazard:{hit.cue.hazard}:{hit.cue.name}")
        else:
            found.soft_hazards = True
            found.judged_not_emergency |= kind != "soft"
            found.note(f"urgent_repair:{hit.cue.name}", hit.words)
            if hit.cue.name == _DAMP_AND_MOULD and not found.significant_damp:
                _note_significant_damp(found, hit, seg.text)
    if not found.emergency_hazards:
        fire_over = fire_over or bool(_FIRE_GONE_BY(seg.text))
        _collect_dangers_by_effect(found, seg, fire_over, subject_aside)


def _collect_dangers_by_effect(found: _Findings, seg: Segments, fire_over: bool,
                               subject_aside: dict[str, str]) -> None:
    """The broad net: a danger effect near a hazard object (see routing.danger).

    Only for what no named hazard caught, so the resident's own "no rush" or "not an
    emergency" sets it aside (as for the conditional hazards), unless someone is vulnerable.
    fire_over: the message tells of a fire that is out or gone by, whose marks (a blackened
    wall, a melted hood) are no danger now (session 19).
    """
    can_wait = _CAN_WAIT(seg.text) if not found.vulnerabilities else None
    hits = find_dangers(seg, subject_aside)
    if can_wait and hits:
        found.note("can_wait", can_wait.group(0))
    for hit in hits:
        if can_wait and not _understated(hit.cue):
            found.note(f"ignored:can_wait:{hit.cue.hazard}", hit.words)
        elif hit.ignored_because:
            found.note(f"ignored:{hit.ignored_because}:{hit.cue.hazard}", hit.words)
        elif fire_over and _FIRE_AFTERMATH(hit.words):
            found.note(f"ignored:aftermath:{hit.cue.hazard}", hit.words)
        else:
            found.raise_hazard(hit, f"hazard:{hit.cue.hazard}:{hit.cue.name}")


def _understated(cue: lx.HazardCue) -> bool:
    """A danger a resident's own "not urgent" does not set aside (session 15): heat, buzzing or
    a tingle from the electrics, or water onto them, is understated far more often than not."""
    return cue.hazard == "electrical" or "electrics" in cue.name


def _note_significant_damp(found: _Findings, hit: Hit, text: str) -> None:
    """Awaab's Law: damp or mould with a risk to health is a significant hazard.

    That is an urgent (priority 2) service request, investigated within 10 working days, not
    an emergency: someone fighting for breath is an emergency through the welfare cues.
    """
    health = lx.HEALTH_EFFECT.search(text)
    at_risk = sorted(_ESCALATING_VULNERABILITY & found.vulnerabilities.keys())
    if health or at_risk:
        found.significant_damp = True
        why = health.group(0) if health else ", ".join(found.vulnerabilities[v] for v in at_risk)
        found.note("significant_hazard:damp_and_mould", f"{hit.words}; {why}")
    # A doctor, midwife or GP saying it is a serious risk, or a newborn in the home: landlords
    # treat that as an emergency hazard (24 hours; reference/hazards.md).
    serious = _MEDICAL_RISK(text)
    if serious:
        found.raise_hazard(replace(hit, cue=_SERIOUS_DAMP), f"hazard:welfare:{_SERIOUS_DAMP.name}")
        found.note("serious_risk_to_health", serious.group(0))


def _collect_complaint(found: _Findings, seg: Segments, message: Message, context: Context) -> None:
    text = seg.text
    cues = complaint_cues(text, seg.anchors)
    if cues and _asks_how_to_complain(text, cues):
        found.note(ASKS_PROCESS_CUE, text[:_MAX_WORDS])
        found.complaint_settled = True  # a policy decision (Code 1.2): not the model's
        cues = []
    about_neighbour = bool(cues) and (
        _ANTI_SOCIAL_BEHAVIOUR(text) is not None and not _LANDLORD_TARGET(text)
    )
    for name, weight, words in cues:
        counted = weight // 2 if about_neighbour and name != "formal complaint" else weight
        found.complaint_score += counted
        found.note(f"dissatisfaction:{name}", words)
        if name == WANTS_TO_COMPLAIN and not about_neighbour:
            found.complaint_settled = True  # their choice (Code 1.3): not the model's
    if message.ivr_choice == "complaint":
        found.complaint_score += COMPLAINT_THRESHOLD
        found.complaint_settled = True
    elif not cues and (request := _HOUSING_REQUEST(text)):
        found.note(HOUSING_REQUEST_CUE, request.group(0))
        found.complaint_settled = True  # a first request, by policy: not the model's call
    elif not cues and (said := _NOT_A_COMPLAINT(text)):
        found.note(NOT_A_COMPLAINT_CUE, said.group(0))
        found.complaint_settled = True  # their own word, with nothing to contradict it
    _link_open_request(found, text, context)


def _collect_other_language_complaint(found: _Findings, text: str) -> None:
    """Dissatisfaction in another language (languages.toml `complaint`): a complaint, since the
    English cues and the model cannot read it. Only for text detected as another language."""
    match = _OTHER_LANGUAGE_COMPLAINT(text)
    if match is not None and found.complaint_score < COMPLAINT_THRESHOLD:
        found.complaint_score = COMPLAINT_THRESHOLD
        found.note(OTHER_LANGUAGE_COMPLAINT_CUE, match.group(0))


def _asks_how_to_complain(text: str, cues: list[tuple[str, int, str]]) -> bool:
    """A question about the complaints process, with no grievance, target or intent stated.

    complaint-rules.md 1.2: a complaint is an expression of dissatisfaction; asking how to make
    one is a request for information (the reply offers the choice to complain, Code 1.3).
    """
    if any(name not in _PROCESS_CUES for name, _, _ in cues):
        return False
    return bool(_COMPLAINT_PROCESS(text)) and not _COMPLAINT_STATED(text)


def _link_open_request(found: _Findings, text: str, context: Context) -> None:
    """Link a repeat of an open request; repeating a report means it was not dealt with."""
    if not context.open_requests:
        return
    terms = set(lx.SUBJECT_TERMS.findall(text))
    best, best_overlap = None, 0
    for request in context.open_requests:
        overlap = len(terms & set(lx.SUBJECT_TERMS.findall(normalise(request.text))))
        overlap += len(set(request.hazards) & found.emergency_hazards.keys())
        if overlap > best_overlap:
            best, best_overlap = request, overlap
    if best is None:
        return
    found.related_request = best.reference
    if _same_conversation(best.opened_at, context.now):
        found.note("follow_up_of_open_request", best.reference)
        return
    chase = lx.NEUTRAL_CHASE.search(text)
    found.complaint_score += 1 if chase else 2
    found.complaint_settled = True
    found.note("repeat_of_open_request", best.reference)


def _same_conversation(opened_at: datetime, now: datetime | None) -> bool:
    if now is None:
        return False
    try:
        return now - opened_at < _SAME_CONVERSATION
    except TypeError:  # one aware and one naive datetime: cannot tell, so treat as a repeat
        return False


def _topic_queue(found: _Findings, text: str, message: Message) -> str:
    found.topics = topic_words(text)  # only service requests need a topic queue
    scores = {queue: len(words) for queue, words in found.topics.items()}
    if message.ivr_choice == "repair":
        scores["repairs"] += 2
    elif message.ivr_choice == "tenancy":
        scores["tenancy"] += 2
    queue, best = "general", 0
    for name, score in scores.items():  # dict order is the tie-break order
        if score > best:
            queue, best = name, score
    words = ", ".join(sorted(set(found.topics.get(queue, []))))
    found.note(f"topic:{queue}", words or "no topic words")
    return queue


def _priority(found: _Findings, text: str, queue: str, complaint: bool) -> int:
    vulnerable = bool(_ESCALATING_VULNERABILITY & found.vulnerabilities.keys())
    if found.soft_hazards or _URGENT(text) or (vulnerable and queue != "general"):
        return 2
    if queue == "general" and not complaint:
        return 4
    return 3


@lru_cache(maxsize=1)
def default_router() -> Router:
    """The shared Router with the packaged safety advice, built on first use."""
    return Router()


def route(message: Message, context: Context | None = None) -> Decision:
    """Route one contact with the default Router."""
    return default_router().route(message, context)


