"""Loading the rota file: the shipped examples, and errors that point at the bad field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from contact_hub.domain.alerts.rota import gaps, on_call_at
from contact_hub.rota_file import RotaFileError, load_rota, parse_rota
from tests.unit.oncall.rotas import FALLBACK, london

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture
def example() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / "oncall-rota.yaml").read_text())


def error_for(data: dict[str, Any]) -> str:
    with pytest.raises(RotaFileError) as caught:
        parse_rota(data, source="rota.yaml")
    return str(caught.value)


def test_yaml_and_toml_examples_describe_the_same_rota():
    assert load_rota(EXAMPLES / "oncall-rota.yaml") == load_rota(EXAMPLES / "oncall-rota.toml")


def test_example_has_three_tiers_and_covers_christmas_with_sam():
    rota = load_rota(EXAMPLES / "oncall-rota.yaml")
    assert [t.key for t in rota.tiers] == ["repairs", "second_line", "duty_manager"]
    christmas = on_call_at(rota, london(2026, 12, 25, 3, 0), fallback_number=FALLBACK)
    assert christmas.responder_for("repairs").name == "Sam Kelly"


def test_example_rota_has_no_gaps_in_its_first_year():
    rota = load_rota(EXAMPLES / "oncall-rota.yaml")
    assert gaps(rota, london(2026, 1, 5, 9, 0), london(2027, 1, 4, 9, 0)) == []


def test_override_times_are_london_wall_clock(example):
    rota = parse_rota(example)
    christmas = rota.overrides[0]
    assert christmas.starts == london(2026, 12, 24, 17, 0)


def test_bad_mobile_is_named_with_its_full_path(example):
    example["rota"]["tiers"][1]["rotation"][0]["mobile"] = "+44 nonsense"
    assert error_for(example) == (
        "rota.yaml: rota.tiers[1].rotation[0].mobile: not an E.164 number"
    )


def test_national_format_mobile_gets_the_e164_spelling_as_a_hint(example):
    example["rota"]["tiers"][0]["rotation"][2]["mobile"] = "07700 900103"
    assert 'write it as "+447700900103"' in error_for(example)


def test_unquoted_yaml_mobile_read_as_a_number_gets_a_quoting_hint():
    text = (EXAMPLES / "oncall-rota.yaml").read_text().replace('"+447700900101"', "+447700900101")
    message = error_for(yaml.safe_load(text))
    assert "rota.tiers[0].rotation[0].mobile" in message and "quotes" in message


def test_unquoted_yaml_time_read_as_minutes_is_explained(example):
    example["rota"]["tiers"][1]["handover"]["time"] = 1020  # what YAML makes of 17:00
    assert error_for(example) == (
        'rota.yaml: rota.tiers[1].handover.time: put the time in quotes, like "17:00"'
    )


def test_start_date_on_the_wrong_weekday_is_refused(example):
    example["rota"]["tiers"][0]["starts"] = "2026-01-06"
    assert "rota.tiers[0].starts: 2026-01-06 is a tuesday, but handover.day is monday" in (
        error_for(example))


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda r: r["tiers"][2]["rotation"].append("nobody"), "rota.tiers[2].rotation[3]"),
        (lambda r: r["tiers"][0].update(mobil="x"), "rota.tiers[0].mobil"),
        (lambda r: r["tiers"][1].update(key="repairs"), "rota.tiers[1].key"),
        (lambda r: r["tiers"][0]["handover"].update(day="mon"), "rota.tiers[0].handover.day"),
        (lambda r: r["overrides"][0].update(tier="gas"), "rota.overrides[0].tier"),
        (lambda r: r["overrides"][1].update(until="2026-08-10 08:00"), "rota.overrides[1].until"),
        (lambda r: r["people"]["grace"].update(slack="grace"), "rota.people.grace.slack"),
        (lambda r: r["tiers"][0]["rotation"][0].pop("mobile"), "rota.tiers[0].rotation[0].mobile"),
        (lambda r: r.update(timezone="Mars/Olympus"), "rota.timezone"),
        (lambda r: r.update(tiers=[]), "rota.tiers"),
    ],
    ids=["unknown-person", "typo-field", "duplicate-tier", "bad-day", "unknown-tier",
         "override-ends-before-start", "bad-slack-id", "missing-mobile", "bad-zone", "no-tiers"],
)
def test_invalid_field_is_named_in_the_error(example, edit, field):
    broken = copy.deepcopy(example)
    edit(broken["rota"])
    assert f"rota.yaml: {field}: " in error_for(broken)


def test_unknown_extension_and_unreadable_file_are_errors_not_crashes(tmp_path):
    json_file = tmp_path / "rota.json"
    json_file.write_text("{}")
    with pytest.raises(RotaFileError, match="use .yaml, .yml or .toml"):
        load_rota(json_file)
    broken = tmp_path / "rota.toml"
    broken.write_text("[rota\n")
    with pytest.raises(RotaFileError, match=r"rota\.toml: rota: cannot read the file"):
        load_rota(broken)
