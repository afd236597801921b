"""The safety question's rules: its words, how a reply reads, and what follows each answer.

When in doubt, escalate: YES, danger words, "not sure", a reply we cannot read, or no answer
by the deadline all make the contact an emergency; only a plain NO keeps the router's
decision. A contact once escalated is never lowered again (a late NO is only recorded).
Pure: no I/O beyond reading the packaged wording; the clock is passed in.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import resources

ENGLISH = "en"
DEFAULT_WAIT = timedelta(minutes=10)
# A reply this long after a question was settled is no longer read as its answer.
LATE_ANSWER_WINDOW = timedelta(hours=1)


class Answer(StrEnum):
    """How a reply reads."""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


class Status(StrEnum):
    """Where a question stands."""

    PENDING = "pending"
    ANSWERED_YES = "answered_yes"
    ANSWERED_NO = "answered_no"
    UNCLEAR = "answered_unclear"
    TIMED_OUT = "timed_out"
    NOT_ASKED = "could_not_ask"  # nothing can be sent to the resident: escalated at once


ESCALATED = frozenset({Status.ANSWERED_YES, Status.UNCLEAR, Status.TIMED_OUT, Status.NOT_ASKED})


class Action(StrEnum):
    """What the service does next."""

    ESCALATE = "escalate"  # make the contact an emergency now
    KEEP = "keep"  # the router's decision stands; the answer is recorded
    NOTE = "note"  # record a late answer on the timeline, change nothing
    WAIT = "wait"  # not due yet (a timeout job that ran early)
    NOTHING = "nothing"  # already settled: a job or delivery seen twice


@dataclass(frozen=True)
class Step:
    """The outcome of a reply or a timeout: the question's new status, the action, and
    whether the reply was only an answer (kept with the question, not routed on its own)."""

    status: Status
    action: Action
    absorb_reply: bool = False
    why: str = ""


@dataclass(frozen=True)
class Reading:
    """A reply as read: the answer and the words that decided it."""

    answer: Answer
    why: str


@dataclass(frozen=True)
class Wording:
    """One language's question and answer words (questions.toml)."""

    language: str
    reviewed: bool
    question: str
    yes: tuple[str, ...]
    no: tuple[str, ...]
    danger: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()
    unspaced: bool = False  # written without spaces (Chinese): answers match as prefixes


# --- reading a reply -----------------------------------------------------------------------

_NOT_WORD = re.compile(r"[^\w\s']+")
_SPACES = re.compile(r"\s+")


def normalise_reply(text: str) -> str:
    """Lower case, punctuation and emoji gone, one space between words."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def read_reply(text: str, wordings: Iterable[Wording], *, danger_by_rules: bool = False) -> Reading:
    """Read a reply to the question against English and the resident's language.

    `danger_by_rules`: the router's rules found an emergency in the reply's own words.
    A reply that starts with a yes-word is YES; with a no-word NO (unless the rules saw
    danger in it: "No, but there is smoke from the socket"); otherwise danger words make it
    YES and anything else is UNCLEAR.
    """
    wordings = tuple(wordings)
    if danger_by_rules:
        return Reading(Answer.YES, "the router's rules found an emergency in the reply")
    said = normalise_reply(text)
    lead = _leading_answer(said, wordings)
    if lead is not None:
        return lead
    for wording in wordings:
        for word in wording.danger:
            if _contains(said, normalise_reply(word), wording.unspaced):
                return Reading(Answer.YES, f"danger word: {word}")
    return Reading(Answer.UNCLEAR, "neither YES nor NO")


def _leading_answer(said: str, wordings: tuple[Wording, ...]) -> Reading | None:
    ambiguous = {normalise_reply(w) for wording in wordings for w in wording.ambiguous}
    candidates: list[tuple[str, Answer, bool]] = []
    for wording in wordings:
        candidates += [(normalise_reply(w), Answer.YES, wording.unspaced) for w in wording.yes]
        candidates += [(normalise_reply(w), Answer.NO, wording.unspaced) for w in wording.no]
    for phrase, answer, unspaced in sorted(candidates, key=lambda c: -len(c[0])):
        if not phrase or not _starts(said, phrase, unspaced):
            continue
        if phrase in ambiguous:
            return Reading(Answer.UNCLEAR, f"'{phrase}' means yes or no in the resident's "
                                           "language")
        return Reading(answer, f"starts with '{phrase}'")
    return None


def _starts(said: str, phrase: str, unspaced: bool) -> bool:
    return said == phrase or said.startswith(phrase + " ") or (
        unspaced and said.startswith(phrase))


def _contains(said: str, word: str, unspaced: bool) -> bool:
    if not word:
        return False
    if unspaced:
        return word in said
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", said) is not None


# --- what follows ---------------------------------------------------------------------------


def on_reply(
    status: Status, reading: Reading, settled_at: datetime | None, received_at: datetime
) -> Step:
    """What a reply from the resident does to their question.

    Pending: YES escalates and NO keeps the decision (both kept with the question); an
    unclear reply escalates too and is also routed as a message of its own (it may be a new
    matter). Already settled (within LATE_ANSWER_WINDOW): a YES after a NO escalates; any
    other YES or NO is recorded; an unclear reply is just a new message.
    """
    answer = reading.answer
    if status == Status.PENDING:
        if answer == Answer.YES:
            return Step(Status.ANSWERED_YES, Action.ESCALATE, True, reading.why)
        if answer == Answer.NO:
            return Step(Status.ANSWERED_NO, Action.KEEP, True, reading.why)
        return Step(Status.UNCLEAR, Action.ESCALATE, False, reading.why)
    late = settled_at is not None and received_at - settled_at <= LATE_ANSWER_WINDOW
    if not late or answer == Answer.UNCLEAR:
        return Step(status, Action.NOTHING)
    if answer == Answer.YES and status == Status.ANSWERED_NO:
        return Step(Status.ANSWERED_YES, Action.ESCALATE, True, f"late YES: {reading.why}")
    return Step(status, Action.NOTE, True, f"late {answer.value.upper()}: {reading.why}")


def on_timeout(status: Status, due_at: datetime, now: datetime) -> Step:
    """The deadline job: no answer by `due_at` escalates; early or settled, nothing."""
    if status != Status.PENDING:
        return Step(status, Action.NOTHING)
    if now < due_at:
        return Step(status, Action.WAIT)
    return Step(Status.TIMED_OUT, Action.ESCALATE, why="no answer in time")


def on_cannot_ask(why: str) -> Step:
    """Nothing can reach the resident (opted out, a landline): no answer can come."""
    return Step(Status.NOT_ASKED, Action.ESCALATE, why=f"could not ask: {why}")


# --- the question's words ---------------------------------------------------------------------


@dataclass(frozen=True)
class Wordings:
    """Every language's wording; English is always there."""

    by_language: Mapping[str, Wording]

    def for_reply(self, language: str | None) -> tuple[Wording, ...]:
        """The wordings a reply is read against: English, and the resident's language."""
        chosen = [self.by_language[ENGLISH]]
        if language and language != ENGLISH and language in self.by_language:
            chosen.append(self.by_language[language])
        return tuple(chosen)

    def question(self, language: str | None, reference: str, organisation: str) -> str:
        """The message: English first, then the resident's language where it is held."""
        lines = [f"{organisation}: about your message (reference {reference}).",
                 self.by_language[ENGLISH].question]
        own = self.by_language.get(language or ENGLISH)
        if own is not None and own.language != ENGLISH:
            lines.append(own.question)
        lines.append("If anyone is in immediate danger, call 999.")
        return " ".join(lines)


def parse_wordings(data: Mapping[str, object]) -> Wordings:
    """Wordings from questions.toml's tables, checked (a bad edit fails at start-up)."""
    out: dict[str, Wording] = {}
    for language, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"safety question {language!r}: expected a table")
        if not isinstance(table.get("reviewed"), bool):
            raise ValueError(f"safety question {language!r}: say reviewed = true or false")
        question = table.get("question")
        if not isinstance(question, str) or not question.strip():
            raise ValueError(f"safety question {language!r}: `question` is required")
        lists = {name: _strings(language, table, name)
                 for name in ("yes", "no", "danger", "ambiguous")}
        if not lists["yes"] or not lists["no"]:
            raise ValueError(f"safety question {language!r}: needs `yes` and `no` words")
        out[language] = Wording(language, table["reviewed"], question.strip(),
                                unspaced=bool(table.get("unspaced", False)), **lists)
    if ENGLISH not in out:
        raise ValueError("safety question: the English [en] wording is required")
    return Wordings(out)


def _strings(language: str, table: Mapping[str, object], name: str) -> tuple[str, ...]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"safety question {language!r}: `{name}` must be a list of strings")
    return tuple(value)


@lru_cache(maxsize=1)
def packaged_wordings() -> Wordings:
    """The wording shipped beside this module (questions.toml)."""
    text = resources.files(__package__).joinpath("questions.toml").read_text("utf-8")
    return parse_wordings(tomllib.loads(text))
