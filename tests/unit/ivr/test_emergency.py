"""The emergency option: ring the on-call team tier by tier, and never lose the caller."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from channels.ivr import (
    IvrContext,
    advisor_dial_status,
    dial_tiers,
    emergency_dial_status,
    emergency_start,
    oncall_screen,
    oncall_screen_result,
    was_answered,
)
from tests.unit.ivr.conftest import LANDLINE, MOBILE, ONCALL_FALLBACK
from tests.unit.ivr.twiml_check import BASE_URL, parse, spoken, verbs

ROTA = [["+447400111001"], ["+447400111002", "+447400111003"]]
VOICE = f"{BASE_URL}/webhooks/twilio/voice"


def dialled(root: ET.Element) -> tuple[int, list[str]] | None:
    """The tier a response rings and its numbers, or None if it rings nobody."""
    dial = root.find("Dial")
    if dial is None:
        return None
    tier = int(parse_qs(urlsplit(dial.get("action") or "").query)["tier"][0])
    return tier, [number.text or "" for number in dial.iter("Number")]


def test_fallback_number_is_the_last_tier() -> None:
    assert dial_tiers(ROTA, ONCALL_FALLBACK) == (
        ("+447400111001",),
        ("+447400111002", "+447400111003"),
        (ONCALL_FALLBACK,),
    )


def test_fallback_alone_when_the_rota_names_nobody() -> None:
    assert dial_tiers([], ONCALL_FALLBACK) == ((ONCALL_FALLBACK,),)
    assert dial_tiers([[], [" "]], ONCALL_FALLBACK) == ((ONCALL_FALLBACK,),)


def test_each_number_rung_once_and_big_tiers_split() -> None:
    big = [f"+4474001110{i:02d}" for i in range(1, 13)]
    tiers = dial_tiers(["+447400111000", big, "+447400111000"], "+447400111000")
    assert tiers == (("+447400111000",), tuple(big[:10]), tuple(big[10:]))


def test_start_rings_tier_zero_with_screening(closed_ctx: IvrContext) -> None:
    root = parse(emergency_start(closed_ctx, ROTA, caller=MOBILE))
    assert "on-call team" in spoken(root)[0]
    dial = root.find("Dial")
    assert dial is not None
    assert dial.get("action") == f"{VOICE}/dial-status?tier=0"
    assert dial.get("timeout") == "20"
    assert [(n.text, n.get("url")) for n in dial.iter("Number")] == [
        ("+447400111001", f"{VOICE}/screen?tier=0")
    ]


@pytest.mark.parametrize("status", ["no-answer", "busy", "failed", "canceled", "", None, "odd"])
def test_any_unanswered_status_moves_to_the_next_tier(
    closed_ctx: IvrContext, status: str | None
) -> None:
    root = parse(emergency_dial_status(closed_ctx, ROTA, 0, status))
    assert dialled(root) == (1, ["+447400111002", "+447400111003"])
    assert "still trying" in spoken(root)[0]


def test_walk_every_tier_then_record_the_emergency(closed_ctx: IvrContext) -> None:
    root = parse(emergency_start(closed_ctx, ROTA, caller=LANDLINE))
    rung = []
    while (step := dialled(root)) is not None:
        rung.append(step)
        root = parse(emergency_dial_status(closed_ctx, ROTA, step[0], "no-answer", None, LANDLINE))
    assert rung == [
        (0, ["+447400111001"]),
        (1, ["+447400111002", "+447400111003"]),
        (2, [ONCALL_FALLBACK]),
    ]
    words = " ".join(spoken(root))
    assert words.startswith("If you can smell gas")
    assert "treat your message as an emergency" in words
    record = root.find("Record")
    assert record is not None
    assert record.get("action") == f"{VOICE}/recorded?option=emergency"
    assert record.get("transcribe") == "true"
    assert verbs(root)[-1] == "Hangup"


def test_no_rota_and_no_fallback_still_records_the_emergency(closed_ctx: IvrContext) -> None:
    ctx = replace(closed_ctx, oncall_fallback_number=None)
    root = parse(emergency_start(ctx, [], caller=MOBILE))
    assert root.find("Dial") is None
    assert root.find("Record") is not None
    assert "send a text message to this phone" in " ".join(spoken(root))


def test_a_garbled_tier_cannot_loop_forever(closed_ctx: IvrContext) -> None:
    assert dialled(parse(emergency_dial_status(closed_ctx, ROTA, -5, "busy"))) is not None
    root = parse(emergency_dial_status(closed_ctx, ROTA, 99, "busy"))
    assert root.find("Dial") is None and root.find("Record") is not None


def test_answered_call_ends_politely(closed_ctx: IvrContext) -> None:
    root = parse(emergency_dial_status(closed_ctx, ROTA, 1, "completed", "true"))
    assert verbs(root) == ["Say", "Hangup"]
    assert "Goodbye" in spoken(root)[0]


def test_answering_machine_or_declined_screen_counts_as_no_answer(
    closed_ctx: IvrContext,
) -> None:
    root = parse(emergency_dial_status(closed_ctx, ROTA, 0, "completed", "false"))
    assert dialled(root) == (1, ["+447400111002", "+447400111003"])


@pytest.mark.parametrize(
    ("status", "bridged", "answered"),
    [
        ("completed", None, True),
        ("answered", "true", True),
        ("Completed", "TRUE", True),
        ("completed", "false", False),
        ("no-answer", None, False),
        (None, "true", False),
    ],
)
def test_was_answered(status: str | None, bridged: str | None, answered: bool) -> None:
    assert was_answered(status, bridged) is answered


def test_on_call_person_must_press_1_to_take_the_call(closed_ctx: IvrContext) -> None:
    root = parse(oncall_screen(closed_ctx, tier=2))
    gather = root.find("Gather")
    assert gather is not None
    assert gather.get("input") == "dtmf" and gather.get("numDigits") == "1"
    assert gather.get("action") == f"{VOICE}/screen-result?tier=2"
    assert "Press 1 to take the call" in " ".join(spoken(gather))
    # Silence (voicemail, or nobody there) hangs up their leg so the next tier is tried.
    assert verbs(root)[-1] == "Hangup"


def test_screen_result_joins_on_1_and_drops_the_leg_otherwise(closed_ctx: IvrContext) -> None:
    assert verbs(parse(oncall_screen_result(closed_ctx, {"Digits": "1"}))) == []
    assert verbs(parse(oncall_screen_result(closed_ctx, {"Digits": "2"})))[-1] == "Hangup"
    assert verbs(parse(oncall_screen_result(closed_ctx, {})))[-1] == "Hangup"


def test_advisors_busy_takes_a_message(open_ctx: IvrContext) -> None:
    busy = parse(advisor_dial_status(open_ctx, {"DialCallStatus": "busy", "From": MOBILE}))
    assert "no advisor is free" in spoken(busy)[0]
    record = busy.find("Record")
    assert record is not None
    assert record.get("action") == f"{VOICE}/recorded?option=advisor"
    done = parse(advisor_dial_status(open_ctx, {"DialCallStatus": "completed"}))
    assert verbs(done) == ["Say", "Hangup"]
