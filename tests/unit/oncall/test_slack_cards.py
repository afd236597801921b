"""What the on-call engineer sees in Slack: the alert card before and after acknowledgement."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from channels.slack import (
    ACKNOWLEDGE_ACTION_ID,
    RESOLVE_ACTION_ID,
    AlertCard,
    StatusChange,
    render_alert,
)
from tests.unit.oncall.rotas import utc

RECEIVED = utc(2026, 7, 1, 1, 9)  # 02:09 in London (BST)
CARD = AlertCard(
    alert_id="ALR-2026-000417",
    hazards=("gas",),
    address="Flat 3, Elm Court, 12 Example Road, Leeds LS6 1AA",
    resident_words="I can smell gas really strongly on the landing, my neighbour has a baby",
    channel="sms",
    received_at=RECEIVED,
    ack_code="K7Q2",
    customer="Mrs Janet Doyle",
    vulnerabilities=("child", "medical_equipment"),
    paging_slack_user_id="U04BOKAF02",
)


def texts(message_blocks: list[dict[str, Any]]) -> str:
    """Every piece of text a person could read in the blocks, joined."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message_blocks)
    return "\n".join(found)


def buttons(message_blocks: list[dict[str, Any]]) -> dict[str, str]:
    actions = [b for b in message_blocks if b["type"] == "actions"]
    return {e["action_id"]: e["value"] for a in actions for e in a["elements"]}


def test_open_alert_shows_the_facts_and_both_buttons_carry_the_alert_id():
    message = render_alert(CARD)
    shown = texts(message.blocks)
    for fact in ("EMERGENCY: Gas", "Flat 3, Elm Court", "Mrs Janet Doyle", "Child",
                 "Medical equipment", "my neighbour has a baby", "K7Q2", "sms", "<@U04BOKAF02>"):
        assert fact in shown
    assert buttons(message.blocks) == {ACKNOWLEDGE_ACTION_ID: CARD.alert_id,
                                       RESOLVE_ACTION_ID: CARD.alert_id}
    assert "K7Q2" in message.text and "Flat 3" in message.text  # the push notification


def test_received_time_is_london_time():
    assert "02:09 on Wed 01 Jul 2026" in texts(render_alert(CARD).blocks)
    winter = replace(CARD, received_at=utc(2026, 12, 1, 2, 9))
    assert "02:09 on Tue 01 Dec 2026" in texts(render_alert(winter).blocks)


def test_acknowledged_card_says_who_when_and_how_and_keeps_only_resolve():
    acked = replace(CARD, acknowledged=StatusChange("priya.shah", utc(2026, 7, 1, 1, 14),
                                                    "slack", "U04PSHAH01"))
    message = render_alert(acked)
    assert "Acknowledged by <@U04PSHAH01> at 02:14 via Slack" in texts(message.blocks)
    assert buttons(message.blocks) == {RESOLVE_ACTION_ID: CARD.alert_id}
    assert "Unacknowledged" not in texts(message.blocks)


def test_acknowledgement_by_sms_names_the_person():
    acked = replace(CARD, acknowledged=StatusChange("Ben Okafor", utc(2026, 7, 1, 1, 20), "sms"))
    assert "Acknowledged by Ben Okafor at 02:20 via SMS" in texts(render_alert(acked).blocks)


def test_resolved_card_has_no_buttons_and_keeps_the_history():
    done = replace(
        CARD,
        acknowledged=StatusChange("priya.shah", utc(2026, 7, 1, 1, 14), "slack", "U04PSHAH01"),
        resolved=StatusChange("Priya Shah", utc(2026, 7, 2, 8, 5), "api"),
    )
    message = render_alert(done)
    shown = texts(message.blocks)
    assert buttons(message.blocks) == {}
    assert "Resolved emergency: Gas" in shown
    assert "Resolved by Priya Shah at 09:05 on Thu 02 Jul via the API" in shown
    assert "Acknowledged by <@U04PSHAH01>" in shown


def test_residents_words_cannot_ping_the_channel_or_inject_links():
    card = replace(CARD, resident_words="help <!channel> <https://evil.example|click> & <@U1>",
                   address="12 <b> Road")
    dumped = json.dumps(render_alert(card).blocks) + render_alert(card).text
    for injected in ("<!channel>", "<https://evil", "<@U1>", "<b>"):
        assert injected not in dumped
    assert "&lt;!channel&gt;" in dumped


def test_long_message_is_cut_at_a_word_and_says_how_long_it_was():
    words = "water pouring through the ceiling light fitting " * 40
    message = render_alert(replace(CARD, resident_words=words))
    quote = next(t for t in texts(message.blocks).split("\n") if t.startswith("> "))
    assert quote.endswith(f"… ({len(words.strip())} characters in full)")
    assert quote[2:].split("…")[0].rstrip().split(" ")[-1] in words.split()


def test_section_text_stays_within_slacks_3000_character_limit_even_when_escaped():
    message = render_alert(replace(CARD, resident_words="<&> " * 2000))
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section" and "text" in b]
    assert sections and all(len(text) <= 3000 for text in sections)


def test_grouped_reports_are_counted_on_the_card():
    assert "3 contacts about this incident" in texts(render_alert(replace(CARD, reports=3)).blocks)


def test_block_id_changes_when_the_card_is_updated():
    acked = replace(CARD, acknowledged=StatusChange("p", utc(2026, 7, 1, 1, 14), "slack"))
    ids = [[b.get("block_id") for b in render_alert(c).blocks if b["type"] == "actions"]
           for c in (CARD, acked)]
    assert ids[0] != ids[1]
