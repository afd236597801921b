"""Complaint performance figures for a period: TSM CH01/CH02 and Code timeliness.

Pure: give it the complaints, a period (London dates, both ends included), the
number of homes and the working calendar. Counting rules, where the sources
leave a choice (complaint-rules.md §2 "still to check"):

- CH01: a stage 1 complaint counts in the period its receipt falls in, a stage 2
  complaint in the period its escalation request falls in; declined ones are not
  stage complaints and are counted separately as ``DECLINED``.
- CH02: responses issued in the period; "within timescale" means on or before
  the response deadline *including* an agreed extension (the Code allows one);
  the figure without extensions is given alongside.
- Acknowledged within 5 working days: requests made in the period, excluding
  those declined before acknowledgement, those withdrawn by the acknowledgement
  deadline, and those not yet due; an overdue
  unacknowledged request counts as late.
- Average working days to respond: from receipt (stage 1) or escalation
  request (stage 2) to the response date, which is what the resident waited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from contact_hub.domain.complaints.model import Complaint, Stage, Status
from contact_hub.domain.reports.facts import ComplaintFacts, StageFacts, as_facts
from contact_hub.domain.working_days import WorkingCalendar

Requests = list[tuple[ComplaintFacts, StageFacts]]  # stage records with their complaint
CSV_COLUMNS = ("code", "label", "value", "numerator", "denominator", "unit")


@dataclass(frozen=True)
class Period:
    """A reporting period of London dates, both ends included (TSM year: 1 Apr-31 Mar)."""

    start: date
    end: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _requests(complaints: list[ComplaintFacts], stage: Stage) -> Requests:
    """Every stage record at ``stage`` with the complaint it belongs to."""
    found = [(c, c.stage_record(int(stage))) for c in complaints]
    return [(c, r) for c, r in found if r is not None]


def _declined_at(complaint: ComplaintFacts, stage: Stage) -> bool:
    return complaint.declined_stage == int(stage)


def _withdrawn_in_time(complaint: ComplaintFacts, stage: Stage, record: StageFacts) -> bool:
    """Withdrawn at this stage by its acknowledgement deadline: no acknowledgement was due."""
    if complaint.status != Status.WITHDRAWN.value or complaint.stage != int(stage):
        return False
    return complaint.withdrawn_on is not None and complaint.withdrawn_on <= record.acknowledge_by


def _measure(
    code: str, label: str, numerator: int | float, denominator: int | None, unit: str, scale: int
) -> dict[str, Any]:
    # A plain count has no denominator; a rate over nothing has no value.
    if denominator is None:
        value: float | None = numerator
    else:
        value = round(numerator / denominator * scale, 2) if denominator else None
    return {
        "code": code,
        "label": label,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "unit": unit,
    }


def _received(
    requests: Requests, stage: Stage, period: Period, homes: int
) -> dict[str, Any]:
    count = sum(
        1
        for c, r in requests
        if r.requested_on in period and not _declined_at(c, stage)
    )
    words = "one" if stage is Stage.ONE else "two"
    label = f"Number of stage {words} complaints received per 1,000 homes"
    return _measure(f"CH01({int(stage)})", label, count, homes, "per 1,000 homes", 1000)


def _responded_in_time(
    requests: Requests, stage: Stage, period: Period, with_extensions: bool
) -> dict[str, Any]:
    responded = [r for _, r in requests if r.responded_on in period]
    in_time = 0
    for record in responded:
        due = record.response_due if with_extensions else record.response_due_base
        assert record.responded_on is not None  # filtered above
        if due is not None and record.responded_on <= due:
            in_time += 1
    words = "one" if stage is Stage.ONE else "two"
    label = (
        f"Proportion of stage {words} complaints responded to within the Housing "
        "Ombudsman's Complaint Handling Code timescales"
    )
    code = f"CH02({int(stage)})"
    if not with_extensions:
        code, label = f"{code} without extensions", f"{label}, not counting extensions"
    return _measure(code, label, in_time, len(responded), "%", 100)


def _acknowledged_in_time(
    requests: Requests, stage: Stage, period: Period
) -> dict[str, Any]:
    on_time = due = 0
    for complaint, record in requests:
        if record.requested_on not in period:
            continue
        if record.acknowledged_on is None:
            if (
                _declined_at(complaint, stage)
                or _withdrawn_in_time(complaint, stage, record)
                or record.acknowledge_by > period.end
            ):
                continue  # never needed an acknowledgement, or not yet due
            due += 1
            continue
        due += 1
        on_time += record.acknowledged_on <= record.acknowledge_by
    label = f"Proportion of stage {int(stage)} complaints acknowledged within 5 working days"
    return _measure(f"ACK5({int(stage)})", label, on_time, due, "%", 100)


def _average_days(
    requests: Requests, stage: Stage, period: Period, calendar: WorkingCalendar
) -> dict[str, Any]:
    waits = [
        calendar.working_days_between(r.requested_on, r.responded_on)
        for _, r in requests
        if r.responded_on is not None and r.responded_on in period
    ]
    label = f"Average working days to respond at stage {int(stage)}, from receipt of the request"
    return _measure(f"AVGWD({int(stage)})", label, sum(waits), len(waits), "working days", 1)


def _declined(complaints: list[ComplaintFacts], period: Period) -> dict[str, Any]:
    count = sum(1 for c in complaints if c.declined_on in period)
    label = "Complaints and escalations declined (refused) under the policy's exclusions"
    return _measure("DECLINED", label, count, None, "count", 1)


def complaints_report(
    complaints: Iterable[Complaint | ComplaintFacts],
    *,
    period_start: date,
    period_end: date,
    homes: int,
    calendar: WorkingCalendar,
) -> dict[str, Any]:
    """TSM CH01/CH02 and Code timeliness for a period, as JSON-able data.

    The complaints may be cases or their report facts (``domain.reports.facts``): the
    figures are computed from the facts either way. ``measures`` is a list of rows with
    ``CSV_COLUMNS`` keys; ``value`` is None where there is nothing to divide by.
    """
    if homes <= 0:
        raise ValueError("the number of homes must be positive")
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    period = Period(period_start, period_end)
    items = as_facts(complaints)
    requests = {stage: _requests(items, stage) for stage in Stage}  # once: reports are big
    measures: list[dict[str, Any]] = []
    for stage in Stage:
        measures.append(_received(requests[stage], stage, period, homes))
    for stage in Stage:
        measures.append(_responded_in_time(requests[stage], stage, period, with_extensions=True))
        measures.append(_responded_in_time(requests[stage], stage, period, with_extensions=False))
    for stage in Stage:
        measures.append(_acknowledged_in_time(requests[stage], stage, period))
        measures.append(_average_days(requests[stage], stage, period, calendar))
    measures.append(_declined(items, period))
    return {
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "homes": homes,
        "measures": measures,
    }


def report_csv_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """The report's measures as string rows for ``csv.DictWriter(fieldnames=CSV_COLUMNS)``."""
    return [
        {column: "" if row[column] is None else str(row[column]) for column in CSV_COLUMNS}
        for row in report["measures"]
    ]
