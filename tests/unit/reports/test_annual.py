"""Every figure of the annual report over the seeded 2026/27 year, checked by hand
(the working for each case is in seeded_year.py)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from contact_hub.domain.reports.annual import (
    Commentary,
    annual_report,
    lesson_themes,
    reporting_year,
)
from contact_hub.domain.reports.layout import csv_rows, sections

from .seeded_year import CALENDAR, HOMES, SURVEYS, VOCABULARY, seeded_year


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    commentary = Commentary(
        governing_body_response="The Board has reviewed this report.",
        responded_by="Jo Bloggs, Member Responsible for Complaints",
        responded_on=date(2027, 6, 20),
        provisions={"6.3": "Two late responses followed staff absence."},
    )
    return annual_report(seeded_year(), year=2026, homes=HOMES, calendar=CALENDAR,
                         vocabulary=VOCABULARY, surveys=SURVEYS, commentary=commentary,
                         organisation="Example Homes")


def _tsm(report: dict[str, Any]) -> dict[str, Any]:
    return {m["code"]: (m["value"], m["numerator"], m["denominator"]) for m in report["tsm"]}


def test_the_year_is_the_tsm_year() -> None:
    assert reporting_year(2026).start == date(2026, 4, 1)
    assert reporting_year(2026).end == date(2027, 3, 31)


def test_volumes_and_rates_per_1000_homes(report: dict[str, Any]) -> None:
    # Stage 1 requests: A B D E F G H (C was before the year); D declined, F withdrawn;
    # accepted (CH01) = 6 of 2,000 homes = 3.0. Stage 2: B and E = 1.0.
    assert report["volumes"]["stages"] == {
        "1": {"requests": 7, "accepted": 6, "declined": 1, "withdrawn": 1, "per_1000_homes": 3.0},
        "2": {"requests": 2, "accepted": 2, "declined": 0, "withdrawn": 0, "per_1000_homes": 1.0},
    }
    assert report["volumes"]["by_channel"] == {"email": 6, "sms": 1}


def test_timeliness_against_the_code(report: dict[str, Any]) -> None:
    tsm = _tsm(report)
    assert tsm["CH02(1)"] == (100.0, 3, 3)  # A, B (extension), E all in time
    assert tsm["CH02(1) without extensions"] == (66.67, 2, 3)  # B late without its extension
    assert tsm["CH02(2)"] == (0.0, 0, 1)  # B late at stage 2; E not answered yet
    # Acknowledged: A, E, H on time; B late; G overdue; D declined and F withdrawn in time
    # are not counted.
    assert tsm["ACK5(1)"] == (60.0, 3, 5)
    assert tsm["ACK5(2)"] == (100.0, 2, 2)
    assert tsm["AVGWD(1)"] == (17.0, 51, 3)  # (11 + 25 + 15) / 3
    assert tsm["AVGWD(2)"] == (23.0, 23, 1)
    assert tsm["DECLINED"][0] == 1


def test_outcomes_extensions_and_declines(report: dict[str, Any]) -> None:
    assert report["outcomes"]["1"] == {"responses": 3, "upheld": 2, "partly_upheld": 1,
                                       "not_upheld": 0, "upheld_or_partly_percent": 100.0}
    assert report["outcomes"]["2"] == {"responses": 1, "upheld": 0, "partly_upheld": 0,
                                       "not_upheld": 1, "upheld_or_partly_percent": 0.0}
    assert report["extensions"]["1"] == {
        "count": 2, "reasons": [{"reason": "Awaiting survey", "count": 2}]}
    assert report["extensions"]["2"] == {"count": 0, "reasons": []}
    assert report["declined"]["total"] == 1
    assert report["declined"]["grounds"]["1"]["already_considered"] == 1
    assert sum(report["declined"]["grounds"]["1"].values()) == 1
    assert sum(report["declined"]["grounds"]["2"].values()) == 0


def test_remedies_and_compensation(report: dict[str, Any]) -> None:
    remedies = report["remedies"]
    assert remedies["by_type"]["financial"] == 3  # A £150, E £50, E £100
    assert remedies["by_type"]["apology"] == 1
    assert remedies["by_type"]["action"] == 1
    assert remedies["financial_payments"] == 3
    # £150 + £50 offered at stage 1; £100 recorded after E's escalation: stage 2.
    assert remedies["compensation_pence"] == {"total": 30000, "by_stage": {"1": 20000,
                                                                            "2": 10000}}
    assert remedies["compensation_pounds"] == "300.00"


def test_categories_root_causes_and_independence(report: dict[str, Any]) -> None:
    cats = {r["code"]: (r["complaints"], r["upheld_or_partly"])
            for r in report["categories"]["by_category"]}
    assert cats["repairs"] == (3, 1)  # A upheld; G and H not answered
    assert cats["damp_and_mould"] == (1, 1)
    assert cats["staff_conduct"] == (1, 1)
    assert cats["communication"] == (1, 0)
    assert cats["unclassified"] == (1, 0)  # D
    assert cats["charges"] == (0, 0)
    areas = {r["code"]: r["complaints"] for r in report["categories"]["by_service_area"]}
    assert areas["property_services"] == 4 and areas["customer_services"] == 2
    assert report["root_causes"]["complaints_with_a_cause"] == 3
    assert {k: v for k, v in report["root_causes"]["by_kind"].items() if v} == {
        "contractor": 1, "communication": 1, "process": 1, "staff_conduct": 1}
    independent = report["independent_investigations"]
    assert independent["flagged"] == 3
    assert independent["by_reason"]["involves_child"] == 2
    assert independent["by_reason"]["about_complaint_handling_staff"] == 1
    assert independent["awaiting_independent_handler"] == 1  # H, handled by Repairs


def test_lessons_and_improvements_with_status(report: dict[str, Any]) -> None:
    assert [(x["complaint"], x["recorded_on"]) for x in report["lessons"]] == [
        ("CMP-C", "2026-04-02"), ("CMP-A", "2026-04-22"), ("CMP-B", "2026-08-13")]
    improvements = report["improvements"]
    assert [(x["complaint"], x["status"]) for x in improvements["items"]] == [
        ("CMP-C", "done"), ("CMP-A", "done"), ("CMP-B", "overdue"), ("CMP-E", "open")]
    assert (improvements["agreed_in_year"], improvements["done"], improvements["open"],
            improvements["overdue"]) == (3, 2, 1, 1)


def test_ombudsman_and_satisfaction(report: dict[str, Any]) -> None:
    ombudsman = report["ombudsman"]
    assert ombudsman["referrals"] == 1  # B; C was referred before the year
    assert ombudsman["determinations"]["maladministration"] == 1
    assert ombudsman["determinations"]["no_maladministration"] == 1
    assert ombudsman["maladministration_findings"] == 1
    assert (ombudsman["orders_made"], ombudsman["cases_with_orders"],
            ombudsman["cases_with_orders_complied"]) == (1, 1, 1)
    complaint = report["satisfaction"]["complaint"]
    assert (complaint["answers"], complaint["satisfied"], complaint["satisfied_percent"],
            complaint["average_score"]) == (2, 1, 50.0, 2.5)
    contact = report["satisfaction"]["contact"]
    assert (contact["answers"], contact["satisfied_percent"], contact["average_score"]) == (
        3, 66.7, 3.0)


def test_self_assessment_carries_evidence_and_commentary(report: dict[str, Any]) -> None:
    rows = {r["provision"]: r for r in report["self_assessment"]}
    assert rows["6.2"]["evidence"] == "stage 1 acknowledged within 5 working days: 60 % (3 of 5)"
    assert rows["6.3"]["evidence"] == (
        "stage 1 responses within the Code's timescale: 100 % (3 of 3); 66.67 % within 10 "
        "working days without extensions")
    assert rows["6.3"]["commentary"] == "Two late responses followed staff absence."
    assert rows["6.9"]["basis"] == "enforced"
    assert "escalation route: yes, enforced" in rows["6.9"]["evidence"]
    assert rows["8.2"]["evidence"].startswith("governing body's response recorded by Jo Bloggs")
    assert rows["7.1-7.3"]["evidence"].startswith("5 remedies offered, £300.00 compensation")
    assert report["governing_body_response"]["completed"] is True
    json.dumps(report)


def test_an_empty_year_has_no_rates_to_divide() -> None:
    empty = annual_report([], year=2026, homes=HOMES, calendar=CALENDAR, vocabulary=VOCABULARY)
    assert empty["outcomes"]["1"]["upheld_or_partly_percent"] is None
    assert empty["satisfaction"]["complaint"]["satisfied_percent"] is None
    rows = {r["provision"]: r for r in empty["self_assessment"]}
    assert rows["6.2"]["evidence"].endswith(": none in the year")
    assert rows["8.2"]["evidence"] == "the governing body's response has not been recorded yet"


def test_lessons_with_the_same_words_are_one_theme() -> None:
    rows = [
        {"lesson": "Text before visits", "category": "Repairs", "complaint": "CMP-1"},
        {"lesson": "text  before visits", "category": "Damp and mould", "complaint": "CMP-2"},
        {"lesson": "Check the record", "category": None, "complaint": "CMP-3"},
    ]
    assert lesson_themes(rows) == [
        {"lesson": "Text before visits", "times": 2, "categories": ["Damp and mould", "Repairs"],
         "complaints": ["CMP-1", "CMP-2"]},
        {"lesson": "Check the record", "times": 1, "categories": [], "complaints": ["CMP-3"]},
    ]


def test_every_format_prints_the_same_sections(report: dict[str, Any]) -> None:
    keys = [s.key for s in sections(report)]
    assert keys[0] == "volumes" and keys[-1] == "governing_body_response"
    rows = csv_rows(report)
    assert ("volumes", "1", "Per 1,000 homes", "3") in rows
    assert ("remedies", "Total", "£", "300.00") in rows
    assert ("self_assessment", "6.3", "Our commentary",
            "Two late responses followed staff absence.") in rows
    assert ("lessons", "Lesson L1", "Times recorded", "1") in rows
