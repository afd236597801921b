"""TSM CH01/CH02 and timeliness over the 2026/27 reporting year (1 Apr 2026 - 31 Mar 2027)."""

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from contact_hub.domain.complaints import (
    Complaint,
    Exclusion,
    ExclusionGround,
    decline,
    extend,
    request_escalation,
)
from contact_hub.domain.complaints.reports import CSV_COLUMNS, complaints_report, report_csv_rows

from .builders import (
    CALENDAR,
    FAR_FUTURE,
    HANDLER_2,
    acknowledged,
    received,
    responded,
    utc,
)


def _year_of_complaints() -> list[Complaint]:
    # A: received Thu 2 Apr 2026 (Easter: Good Friday 3, Easter Monday 6 Apr), acknowledged
    # Tue 7 Apr (due Mon 13 Apr: on time). Response due 7 Apr + 10 WD = Tue 21 Apr; answered
    # that day (in time). Waited: 7-10, 13-17, 20-21 Apr = 11 working days after receipt.
    a = responded(acknowledged(received(utc(2026, 4, 2)), utc(2026, 4, 7)), utc(2026, 4, 21))
    # B: received Mon 1 Jun 2026, acknowledge by Mon 8 Jun, acknowledged Tue 9 Jun (late).
    # Due 9 Jun + 10 WD = Tue 23 Jun, extended to Tue 7 Jul, answered Mon 6 Jul: in time with
    # the extension, late without. Waited: 21 working days in June after the 1st + 4 in July = 25.
    b = acknowledged(received(utc(2026, 6, 1)), utc(2026, 6, 9))
    b = extend(
        b,
        at=utc(2026, 6, 22),
        now=FAR_FUTURE,
        actor="h",
        reason="survey",
        new_due=date(2026, 7, 7),
        calendar=CALENDAR,
    ).complaint
    b = responded(b, utc(2026, 7, 6))
    # B at stage 2: requested Fri 10 Jul, acknowledged Mon 13 Jul (due Fri 17 Jul: on time),
    # response due 13 Jul + 20 WD = Mon 10 Aug, answered Wed 12 Aug: late. Waited: 13 Jul to
    # 12 Aug = 4 full weeks (20) + 10, 11, 12 Aug = 23 working days.
    b = request_escalation(
        b, at=utc(2026, 7, 10), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    b = responded(acknowledged(b, utc(2026, 7, 13), HANDLER_2), utc(2026, 8, 12))
    # C: received before the year starts; not counted anywhere.
    c = received(utc(2026, 3, 16))
    # D: received Wed 10 Mar 2027 and declined: not a stage 1 complaint, counted as declined.
    d = decline(
        received(utc(2027, 3, 10)),
        exclusions=(Exclusion(ExclusionGround.ALREADY_CONSIDERED, "Answered as CMP-0042"),),
        explanation="We answered this in January.",
        at=utc(2027, 3, 11),
        now=FAR_FUTURE,
        actor="h",
    ).complaint
    # E: received Easter Monday 29 Mar 2027; acknowledge by Mon 5 Apr, after the year: pending.
    e = received(utc(2027, 3, 29))
    # F: received Mon 22 Mar 2027; acknowledge by 23, 24, 25, [Easter 26, 29], 30, 31 Mar:
    # Wed 31 Mar, the last day of the year, and never acknowledged: counted late.
    f = received(utc(2027, 3, 22))
    return [a, b, c, d, e, f]


def _by_code(report: dict[str, Any]) -> dict[str, Any]:
    return {m["code"]: m["value"] for m in report["measures"]}


def test_tsm_and_timeliness_figures_for_a_year() -> None:
    report = complaints_report(
        _year_of_complaints(),
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        homes=2000,
        calendar=CALENDAR,
    )
    values = _by_code(report)
    assert values["CH01(1)"] == 2.0  # A, B, E, F: 4 / 2,000 homes x 1,000
    assert values["CH01(2)"] == 0.5  # B only
    assert values["CH02(1)"] == 100.0  # A on time, B within its agreed extension
    assert values["CH02(1) without extensions"] == 50.0
    assert values["CH02(2)"] == 0.0
    assert values["ACK5(1)"] == 33.33  # A on time; B late; F overdue; E not yet due
    assert values["ACK5(2)"] == 100.0
    assert values["AVGWD(1)"] == 18.0  # (11 + 25) / 2
    assert values["AVGWD(2)"] == 23.0
    assert values["DECLINED"] == 1
    json.dumps(report)


def test_report_renders_as_csv() -> None:
    report = complaints_report(
        [],
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        homes=500,
        calendar=CALENDAR,
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(report_csv_rows(report))
    lines = out.getvalue().splitlines()
    assert lines[0] == "code,label,value,numerator,denominator,unit"
    # With no responses there is nothing to divide by: blank, not 0% or 100%.
    ch02 = next(line for line in lines if line.startswith("CH02(1),"))
    assert ch02.endswith(",,0,0,%")


def test_report_needs_homes() -> None:
    with pytest.raises(ValueError, match="homes"):
        complaints_report(
            [],
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 31),
            homes=0,
            calendar=CALENDAR,
        )
