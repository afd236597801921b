"""Every message a resident receives reads as a person would write it: sentences start
with capitals, articles agree, no template holes, and the organisation's name where it
belongs, with the default name and with a configured one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from channels.ivr_menus import PROMPT_NAMES, load_menu
from contact_hub.domain.alerts import messages as alert_messages
from contact_hub.domain.complaints import (
    Exclusion,
    ExclusionGround,
    Stage,
    decline,
    extend,
    request_escalation,
)
from contact_hub.domain.complaints.messages import (
    acknowledgement_message,
    decline_message,
    extension_notice,
    satisfaction_survey_question,
    stage_response_message,
)
from contact_hub.domain.contacts import replies
from contact_hub.settings import DEFAULT_ORGANISATION
from routing.advice import load_safety_advice
from tests.unit.complaints.builders import (
    CALENDAR,
    FAR_FUTURE,
    HANDLER_2,
    acknowledged,
    received,
    responded,
    utc,
)

ORGANISATIONS = [DEFAULT_ORGANISATION, "Magna Housing"]
CHANNELS = ["sms", "email", "messenger", "instagram", "whatsapp"]
NOBODY = replies.Paging(anyone_reachable=False, out_of_hours_number="0800 123 4567")
NOBODY_NO_NUMBER = replies.Paging(anyone_reachable=False)


def texts(organisation: str) -> list[tuple[str, str]]:
    """(what, text) for every short message a resident can be sent."""
    found = []
    for category in ("emergency", "complaint", "service_request"):
        for channel in CHANNELS:
            for paging in (replies.PAGING_WORKS, NOBODY, NOBODY_NO_NUMBER):
                found.append((f"ack {category} {channel} {paging}", replies.acknowledgement(
                    "CH-7K3QM9P", category, organisation, channel, paging)))
    advice = load_safety_advice(None)
    for topic in ("gas", "fire", "water", "electrical", "lift", "welfare"):
        lines = advice.lines_for((topic,))
        for paging in (replies.PAGING_WORKS, NOBODY, NOBODY_NO_NUMBER):
            found.append((f"emergency {topic} {paging}", replies.emergency_immediate(
                "CH-7K3QM9P", lines, organisation, paging)))
    found.append(("emergency, no advice", replies.emergency_immediate("CH-1", (), organisation)))
    found.append(("help", replies.help_reply(organisation)))
    found.append(("follow-up", alert_messages.resident_follow_up("CH-7K3QM9P", organisation)))
    return found


def letters() -> list[tuple[str, str]]:
    complaint = acknowledged(received(utc(2026, 12, 21)), utc(2026, 12, 30))
    one = responded(complaint, utc(2027, 1, 6))
    escalated = request_escalation(one, at=utc(2027, 1, 7), now=FAR_FUTURE, actor="resident",
                                   calendar=CALENDAR).complaint
    two = responded(acknowledged(escalated, utc(2027, 1, 8), HANDLER_2), utc(2027, 1, 20))
    extended = extend(complaint, at=utc(2027, 1, 5), now=FAR_FUTURE, actor="h",
                      reason="We are waiting for a damp survey", new_due=date(2027, 1, 28),
                      calendar=CALENDAR).complaint
    declined = decline(received(utc(2026, 3, 2)), exclusions=(Exclusion(
        ExclusionGround.LEGAL_PROCEEDINGS_FILED, "Claim form filed at county court 3 Feb"),),
        explanation="The disrepair claim will decide these matters.", at=utc(2026, 3, 3),
        now=FAR_FUTURE, actor="h-amy").complaint
    return [
        ("acknowledgement letter", acknowledgement_message(complaint).body),
        ("stage 1 response", stage_response_message(one, Stage.ONE).body),
        ("stage 2 response", stage_response_message(two, Stage.TWO).body),
        ("extension notice", extension_notice(extended).body),
        ("decline letter", decline_message(declined).body),
        ("survey question", satisfaction_survey_question(complaint)),
    ]


def ivr_prompts() -> list[tuple[str, str]]:
    menu = load_menu()
    return [(f"ivr {name}", " ".join(menu.prompts[name])) for name in sorted(PROMPT_NAMES)]


# Phone numbers spoken digit by digit ("nine nine nine") repeat words on purpose.
ALLOWED = {"an hour", "a one", *(f"{n} {n}" for n in ("zero", "one", "nine", "oh"))}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def problems(text: str) -> list[str]:
    """What a careful reader would mark in `text`."""
    found = []
    for line in (line.strip() for line in text.splitlines()):
        for sentence in SENTENCE_END.split(line):
            first = next((ch for ch in sentence if ch.isalnum()), "")
            if first.isalpha() and not first.isupper():
                found.append(f"sentence starts in lower case: {sentence[:40]!r}")
        if "  " in line:
            found.append(f"double space: {line[:40]!r}")
    lowered = text.lower()
    for pattern, what in ((r"\ba [aeio]\w", "'a' before a vowel"), (r"\ban [b-df-hj-np-tv-z]\w",
                          "'an' before a consonant"), (r"[{}]|(?<!- )\bnone\b", "a template hole"),
                          (r"\s[,.;:](\s|$)", "space before punctuation"),
                          (r"\b(\w+) \1\b", "a repeated word")):
        found += [f"{what}: {m.group(0)!r}" for m in re.finditer(pattern, lowered)
                  if m.group(0) not in ALLOWED]
    if text.strip() and text.strip()[-1] not in ".?!)":
        found.append(f"no full stop at the end: {text.strip()[-30:]!r}")
    return found


@pytest.mark.parametrize("organisation", ORGANISATIONS)
def test_every_text_reads_well_and_is_signed_by_the_organisation(organisation):
    for what, text in texts(organisation):
        assert problems(text) == [], what
        assert organisation in text, what
        assert text.startswith(organisation) or "Reference" in text or "reference" in text


def test_the_default_organisation_name_starts_a_sentence_properly():
    _, ack = texts(DEFAULT_ORGANISATION)[0]
    assert ack.startswith("Your housing team: ")


@pytest.mark.parametrize(("what", "text"), letters())
def test_complaint_letters_read_well(what, text):
    assert problems(text) == [], what


@pytest.mark.parametrize(("what", "text"), ivr_prompts())
def test_ivr_prompts_read_well(what, text):
    assert problems(text) == [], what


def test_the_checks_catch_what_the_old_words_did_wrong():
    assert problems("your housing team: thanks, we have your message.")
    assert problems("Created a agent token.")
    assert problems("Thanks for calling.  {name} will call.")
    assert problems("We are alerting our on-call team now. reference CH-1.")
