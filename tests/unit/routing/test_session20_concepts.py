"""Concepts from session 20 (fresh34: history and now). The sentences are written for these
tests (none is a corpus record); each change test was decided wrongly before its change, and the
guards (the other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()


def _route(text: str, channel: str = "sms"):  # type: ignore[no-untyped-def]
    return ROUTER.route(Message(text, "email" if text.startswith("Subject:") else channel))


# A subject line naming an event that the body tells only as history: asked, not paged (each
# was paged before).
SUBJECT_TOLD_AS_HISTORY = [
    "Subject: Sparks from the light switch\n\nThe switch in the hall sparked a few weeks ago, "
    "your electrician swapped it the next morning. Can I get a matching one for the landing "
    "while you're at it?",
    "Subject: Sparking socket\n\nThe socket by the telly sparked back in March and was replaced "
    "the same day. Could someone look at the cracked faceplate on the other one?",
    # the body's history may be of an earlier event: session 19 paged this one, on the subject
    # line alone; it is asked now (YES, or no answer in ten minutes, pages)
    "Subject: Sparking socket\n\nThe socket in the lounge was sparking last year and was "
    "replaced. Please send an electrician.",
    # asked even though the body says that history is over (it was routine)
    "Subject: Flood in my kitchen\n\nWe had a flood last year which you sorted. Can someone come "
    "please",
]

# Dangers now, whatever the subject line or the history before them (paged before and after).
PAGED = [
    "Subject: Sparks from the light switch\n\nThe switch in the hall sparked a few weeks ago "
    "and your electrician swapped it. It's sparking again tonight and smells hot.",
    "Subject: Smell of gas\n\nWe had a gas leak at the meter in the spring and it was sorted. "
    "There is a strong smell of gas in the hall right now.",
    "Subject: Flood in the bathroom\n\nWater is pouring through the bathroom ceiling from "
    "upstairs.",
]


@pytest.mark.parametrize("text", SUBJECT_TOLD_AS_HISTORY)
def test_a_subject_line_the_body_tells_as_history_is_asked(text: str) -> None:
    decision = _route(text)
    assert decision.category != "emergency"
    assert decision.ask_safety_question


@pytest.mark.parametrize("text", PAGED)
def test_a_danger_now_is_paged(text: str) -> None:
    assert _route(text).category == "emergency"
