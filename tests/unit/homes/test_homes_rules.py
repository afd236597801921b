"""The register's pure rules: postcodes, safe text, rows, and finding an address in text."""

from __future__ import annotations

import random

import pytest

from channels.phone import normalise_phone
from contact_hub.domain.homes import (
    BadValue,
    Candidate,
    best_matches,
    clean_text,
    find_postcodes,
    postcode,
)
from contact_hub.services.homes import rows


@pytest.mark.parametrize(("raw", "formatted"), [
    ("ls1 4ap", "LS1 4AP"), ("SW1A1AA", "SW1A 1AA"), (" m1  1ae ", "M1 1AE"), ("gir0aa", "GIR 0AA"),
])
def test_postcodes_are_formatted(raw, formatted):
    assert postcode(raw) == formatted


@pytest.mark.parametrize("raw", ["LS1", "12345", "Q1 1AA", "LS1 4AP4", "not known", ""])
def test_what_is_not_a_postcode_is_refused(raw):
    with pytest.raises(BadValue, match="not a UK postcode"):
        postcode(raw)


@pytest.mark.parametrize(("raw", "why"), [
    ("=HYPERLINK(\"http://x\")", "formula"), ("+44 road", "formula"), ("@SUM(A1)", "formula"),
    ("12 Mill\x00 Road", "control"), ("12 Mill\u202eRoad", "control"), ("x" * 201, "longer"),
])
def test_hostile_text_is_refused(raw, why):
    with pytest.raises(BadValue, match=why):
        clean_text("address_line_1", raw, 200)


def test_a_row_is_normalised():
    row = rows.home_row({
        "property_ref": "P-1", "uprn": "00123", "address_line_1": " Flat 3 ", "postcode": "ls14ap",
        "higher_risk": "Yes", "tenancy_ref": "T-1", "tenure": "General needs",
        "member_name": "Dot  Okafor", "phone": "07400 123456; +44 7400 123457",
        "email": "Dot@Example.org", "vulnerabilities": "oxygen user; ",
    })
    assert row.home.postcode == "LS1 4AP" and row.home.uprn == "123" and row.home.higher_risk
    assert row.home.address_line_1 == "Flat 3" and row.tenancy.tenure == "general_needs"
    assert row.member.phones == ("+447400123456", "+447400123457")
    assert row.member.emails == ("dot@example.org",) and row.member.name_key == "dot okafor"
    assert row.member.vulnerabilities == ("oxygen user",)


@pytest.mark.parametrize(("cells", "reason"), [
    ({"phone": "07700 900123"}, "phone: an Ofcom drama number"),
    ({"phone": "07400 12345"}, "phone: not a phone number"),
    ({"email": "someone at example"}, "email: not an email"),
    ({"uprn": "12a"}, "uprn: 1 to 12 digits"),
    ({"tenure": "freehold castle"}, "tenure: one of"),
    ({"higher_risk": "maybe"}, "higher_risk: yes or no"),
    ({"property_ref": "P 1"}, "property_ref: 1 to 50"),
    ({"tenancy_start": "31/02/2024"}, "tenancy_start: a date"),
    ({"member_name": ""}, "member_name: required"),
])
def test_bad_cells_are_named(cells, reason):
    good = {"property_ref": "P-1", "address_line_1": "1 Mill Road", "postcode": "LS1 4AP",
            "tenancy_ref": "T-1", "member_name": "Dot"}
    with pytest.raises(BadValue, match=reason):
        rows.home_row({**good, **cells})


def test_the_fast_uk_phone_check_agrees_with_libphonenumber():
    chance = random.Random(18)
    samples = [f"0{chance.choice('123578')}{chance.randrange(10**9):09d}" for _ in range(3000)]
    for raw in samples:
        full = normalise_phone(raw)
        try:
            fast = rows.phone(raw)
        except BadValue:
            fast = None
        assert fast == full.e164, raw


def test_a_postcode_and_house_number_in_a_message_are_found():
    [mention] = find_postcodes("gas smell at flat 3, 12 mill road ls1 4ap please come")
    assert mention.postcode == "LS1 4AP" and {"3", "12"} <= mention.house_numbers
    assert find_postcodes("my boiler is broken, number 12") == []


def test_the_house_number_picks_the_property_at_the_postcode():
    homes = [Candidate("P3", "Flat 3, Mill House", "12 Mill Road"),
             Candidate("P4", "Flat 4, Mill House", "12 Mill Road"),
             Candidate("RC", "Rose Cottage", "Church Lane")]
    [mention] = find_postcodes("Flat 4 Mill House LS1 4AP has no water")
    assert [c.reference for c in best_matches(mention, homes)] == []  # 12 not given
    [mention] = find_postcodes("no water at 4/12 mill road LS1 4AP")
    assert [c.reference for c in best_matches(mention, homes)] == ["P4"]
    [mention] = find_postcodes("Rose cottage, church lane LS21 1AB: damp")
    assert [c.reference for c in best_matches(mention, homes)] == ["RC"]
