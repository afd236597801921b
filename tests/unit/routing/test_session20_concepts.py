"""Concepts from session 20 (fresh34: history and now). The sentences are written for these
tests (none is a corpus record); each change test was decided wrongly before its change, and the
guards (the other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

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

# fresh34's false pages, as concepts: none is a danger now (each paged before its change).
NOT_PAGED = [
    # the fault's end between a cue's own words
    "the gas engineer sorted the leak by the meter earlier, is it ok to put the heating on?",
    # an apostrophe's s on a time gone by, typed without it
    "last months power outage at my flat lost me a freezer full of food, who pays for that",
    # a smoke alarm set off "again" by cooking
    "smoke alarm went off again when I was frying eggs, can it be moved further from the kitchen",
    # a visit that was for the danger
    "the engineer who came round on Friday for the gas smell tightened a joint, can I get the "
    "cooker serviced too",
    "we had the plumber out on Tuesday for the leak through the kitchen ceiling, when will it be "
    "replastered",
    # a visit after the danger; our answer awaited is no person unanswering
    "the man who came out after the chip pan fire said the extractor is fine, can you confirm "
    "when the kitchen will be painted",
    "The fire in the flat was in June. It's now November and still no answer on replacing my "
    "son's bed and the carpets.",
    # guards: an earlier time, and the mending now
    "the leak under the sink happened before in March and was fixed, it's all fine now, I just "
    "want the cupboard base replaced",
    "the smoke alarm went off same as last week when I burnt the toast, all fine, can it be moved "
    "away from the cooker",
]

# Dangers now, whatever the subject line or the history before them (paged before and after).
PAGED = [
    # nobody came for the danger, which is not denied (was asked)
    "nobody came out for the gas smell and it's getting worse",
    # guards: a visit for the danger, and the danger back since
    "The engineer came out this morning for the gas leak but I can smell gas again now, really "
    "strong",
    "the plumber came out for the leak on Monday and now water is pouring through the ceiling "
    "again",
    "The electrician came out for the sparking socket, it is still sparking",
    # a danger compared with an earlier time is happening again now (each was asked)
    "the kitchen's flooding from under the sink it happened once before in the spring and they "
    "sorted it",
    "strong gas smell on the stairs same as 3 weeks ago when the engineer fixed the meter",
    # what a time gone by did "has started to" do now (was asked)
    "the bedroom ceiling that got soaked in the leak last month has started to crack and sag",
    # an alarm's excuse ruled out is no denial of the alarm (was asked)
    "Subject: CO alarm\n\nThe alarm is sounding again right now, nonstop, I'm not cooking and my "
    "son says his head hurts.",
    # guard: someone not answering their door
    "my neighbour is 90 and there's no answer at her door, curtains still shut since yesterday",
    # guard: a comparison in a sentence already paged
    "water dripping through the bathroom light fitting, same as in June when the tank overflowed",
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


@pytest.mark.parametrize("text", NOT_PAGED)
def test_what_is_over_is_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
