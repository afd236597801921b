"""Splitting long text messages into numbered parts that each fit Twilio's limit."""

from __future__ import annotations

import re

import pytest

from contact_hub.domain.contacts.sms_parts import (
    PART_LIMIT,
    PROVIDER_LIMIT,
    parse_part_key,
    part_key,
    split_message,
    units,
)

MARKER = re.compile(r"^\((\d+)/(\d+)\) ")


def unmarked(parts: list[str]) -> list[str]:
    """The parts without their "(n/N) " markers, checking the numbering on the way."""
    chunks = []
    for number, part in enumerate(parts, 1):
        found = MARKER.match(part)
        assert found, part[:20]
        assert (int(found[1]), int(found[2])) == (number, len(parts))
        chunks.append(part[found.end():])
    return chunks


def check(body: str, limit: int = PART_LIMIT) -> list[str]:
    """Split, and assert what must hold for every split: fits, non-empty, lossless."""
    parts = split_message(body, limit)
    if units(body) <= limit:
        assert parts == [body]  # no marker on a message that fits
        return parts
    chunks = unmarked(parts)
    assert "".join(chunks) == body
    assert all(chunk for chunk in chunks)
    assert all(units(chunk) <= limit for chunk in chunks)
    assert all(units(part) <= PROVIDER_LIMIT for part in parts)
    return chunks


def test_a_message_that_fits_is_sent_as_it_is():
    assert split_message("Your reference is CMP-0001.") == ["Your reference is CMP-0001."]
    assert split_message("") == [""]


def test_exactly_the_limit_is_one_part_and_one_more_is_two():
    assert split_message("a" * PART_LIMIT) == ["a" * PART_LIMIT]
    words = ("word " * 400)[: PART_LIMIT + 1]
    assert len(check(words)) == 2


def test_lines_are_preferred_over_sentences_and_words():
    body = "Dear Ms Patel, about your complaint\nIt is upheld. We agree and we will pay you."
    chunks = check(body, limit=60)
    assert chunks[0] == "Dear Ms Patel, about your complaint\n"


def test_sentences_are_preferred_over_words():
    body = "The decision is upheld. We will repair the roof by Friday and call you first."
    chunks = check(body, limit=40)
    assert chunks[0] == "The decision is upheld. "


def test_words_are_never_split_when_there_is_a_space():
    body = " ".join(["escalation"] * 40)
    for chunk in check(body, limit=35):
        assert re.fullmatch(r"(escalation ?)+", chunk), chunk


def test_a_single_overlong_word_is_cut_hard():
    url = "https://example.org/" + "a" * 100
    chunks = check(f"See {url} please", limit=30)
    assert max(len(chunk) for chunk in chunks) == 30


def test_emoji_count_as_two_units_as_twilio_counts_them():
    body = "🏠" * 1000  # 1,000 characters but 2,000 UTF-16 units: over the limit
    chunks = check(body)
    assert len(chunks) == 2 and all(units(chunk) <= PART_LIMIT for chunk in chunks)


def test_a_hard_cut_does_not_break_an_emoji_sequence():
    family = "👨\u200d👩\u200d👧"
    body = family * 20
    chunks = check(body, limit=17)
    assert all(not chunk.startswith("\u200d") and not chunk.endswith("\u200d") for chunk in chunks)


def test_accented_text_keeps_every_character():
    body = "Rhif cyfeirnod: ŵ ŷ â ê. " * 120 + "Diolch."
    check(body)
    check(body, limit=7)


def test_whitespace_only_and_tiny_limits_still_give_no_empty_parts():
    check(" " * 40, limit=7)
    check("\n\n\n" * 20, limit=4)
    check("ab", limit=1)


@pytest.mark.parametrize("length", [1499, 1500, 1501, 3000, 3001, 4500, 20000])
def test_around_exact_limits(length: int):
    body = ("Repairs are due. " * 2000)[:length]
    chunks = check(body)
    assert len(chunks) >= -(-length // PART_LIMIT)
    assert (len(chunks) == 1) == (length <= PART_LIMIT)


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        split_message("text", limit=0)


def test_part_keys_round_trip_and_plain_keys_are_not_parts():
    assert part_key("complaint-CMP-1-3-stage_response", 2) == (
        "complaint-CMP-1-3-stage_response:part-2"
    )
    assert parse_part_key("complaint-CMP-1-3-stage_response:part-2") == (
        "complaint-CMP-1-3-stage_response",
        2,
    )
    assert parse_part_key("ack-12") is None
    assert parse_part_key(":part-1") is None
