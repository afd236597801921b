"""Satisfaction after any resolved contact, pure: whether to ask, what to ask, and reading a
reply as an answer (policy: "Contact every customer ... to ask them how we dealt with it";
the access and customer care policy asks for feedback on every channel).

Ask only when all hold: the contact was resolved at least ``delay`` ago; the resident has
not opted out of surveys; they have no emergency still open (never after an emergency until
it is resolved); they were not asked within ``min_gap`` (at most once per period); and the
contact's channel can carry the question now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

# "4", "4.", "4 - the plumber was late": a score first, then any words.
ANSWER = re.compile(r"^\s*([1-5])(?!\d)(?:\s*[.!:,-]?\s*(.*))?$", re.DOTALL)
QUESTION = (
    "{organisation}: how happy were you with how we dealt with your message {reference}? "
    "Reply with a number from 1 (very happy) to 5 (very unhappy), and any comments. "
    "Reply NO SURVEYS and we will not ask again."
)


@dataclass(frozen=True)
class SurveyCandidate:
    """A resolved contact and what decides whether its resident is asked."""

    contact_id: int
    channel: str
    resolved_at: datetime
    opted_out: bool
    open_emergency: bool
    last_asked_at: datetime | None
    channel_open: bool


def should_ask(
    candidate: SurveyCandidate, *, now: datetime, delay: timedelta, min_gap: timedelta
) -> tuple[bool, str]:
    """Whether to ask now, and why not when not (for the log and the tests)."""
    if candidate.opted_out:
        return False, "opted out of surveys"
    if candidate.open_emergency:
        return False, "an emergency is still open"
    if now < candidate.resolved_at + delay:
        return False, "not yet: the survey delay has not passed"
    if candidate.last_asked_at is not None and now < candidate.last_asked_at + min_gap:
        return False, "asked within the survey period already"
    if not candidate.channel_open:
        return False, f"{candidate.channel} cannot carry the question now"
    return True, "ask"


def survey_question(organisation: str, reference: str) -> str:
    """The one question, on the resident's own channel."""
    return QUESTION.format(organisation=organisation, reference=reference)


def read_answer(text: str) -> tuple[int | None, str | None]:
    """(score, comment) from a reply; (None, the words) when it does not start with 1-5."""
    match = ANSWER.match(text or "")
    if match is None:
        words = (text or "").strip()
        return None, words or None
    comment = (match.group(2) or "").strip()
    return int(match.group(1)), comment or None
