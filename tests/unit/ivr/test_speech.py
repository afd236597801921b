"""Matching what callers press or say to a menu option."""

from __future__ import annotations

import pytest

from channels.ivr_menus import IvrMenu, choose_option, match_speech


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("gas leak", "emergency"),
        ("I can smell gas", "emergency"),
        ("Emergency!", "emergency"),
        ("there's water pouring through the ceiling", "emergency"),
        ("I can\u2019t lock my front door", "emergency"),  # a curly apostrophe, as ASR writes
        ("gas leak and I want to complain about it", "emergency"),  # emergency always wins
        ("I want to complain", "complaint"),
        ("I want to complain about my repair", "complaint"),
        ("my boiler is broken", "repair"),
        ("Repair.", "repair"),
        ("rent", "rent"),
        ("I'd like to pay my rent", "rent"),
        ("something else", "other"),
        ("can I speak to someone", "advisor"),
        ("repeat that please", "repeat"),
        ("two", "repair"),
        ("press 4", "rent"),
        ("1.", "emergency"),
    ],
)
def test_speech_picks_the_option(menu: IvrMenu, said: str, key: str) -> None:
    option = match_speech(menu.options, said)
    assert option is not None and option.key == key


@pytest.mark.parametrize(
    "said",
    [
        "",
        "umm",
        "my current account",  # "rent" only as a whole word
        "I have one child and two dogs and a cat",  # numbers in a sentence are not keys
        "one two",  # two keys: we cannot tell which
    ],
)
def test_unclear_speech_matches_nothing(menu: IvrMenu, said: str) -> None:
    assert match_speech(menu.options, said) is None


def test_keys_map_to_options_and_take_precedence(menu: IvrMenu) -> None:
    option = choose_option(menu.options, "3", "gas leak")
    assert option is not None and option.key == "complaint"
    assert choose_option(menu.options, "7", None) is None
    assert choose_option(menu.options, "#", None) is None
    assert choose_option(menu.options, None, None) is None
    assert choose_option(menu.options, " ", "rent") == menu.option("rent")
