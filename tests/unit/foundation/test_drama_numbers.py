"""Ofcom's drama numbers: what a newcomer tries first, so they are read, not dropped."""

from __future__ import annotations

import pytest

from channels.phone import is_drama, normalise_phone


@pytest.mark.parametrize("raw", ["07700 900123", "+44 7700 900000", "07700900999"])
def test_the_drama_mobile_range_is_a_uk_mobile(raw):
    number = normalise_phone(raw)
    assert number.valid and number.mobile and number.drama
    assert number.e164 is not None and number.e164.startswith("+447700900")


@pytest.mark.parametrize("raw", ["01632 960123", "020 7946 0123", "0113 496 0999",
                                 "029 2018 0500"])
def test_drama_landlines_are_landlines(raw):
    number = normalise_phone(raw)
    assert number.valid and not number.mobile and number.drama


@pytest.mark.parametrize("raw", ["07700 901000", "07911 123456", "020 7946 1000"])
def test_numbers_next_to_the_ranges_are_not_drama_numbers(raw):
    assert not is_drama(raw)


def test_an_unreadable_number_is_still_unreadable():
    number = normalise_phone("07700 9001")
    assert not number.valid and number.key == "07700 9001"
