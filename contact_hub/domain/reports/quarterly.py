"""Quarterly trends for the governing body (Code 9.7: "regular updates on the volume,
categories, and outcome of complaints, alongside complaint handling performance"), pure.

The TSM year's four quarters (April-June, July-September, October-December, January-March)
side by side: volumes and timeliness from ``complaints.reports.complaints_report`` run on
each quarter (the same counting rules as the annual report), the categories of complaints
received, and satisfaction with complaint handling and with contacts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from contact_hub.domain.complaints.deadlines import london_date
from contact_hub.domain.complaints.model import Complaint
from contact_hub.domain.complaints.reports import complaints_report
from contact_hub.domain.reports.annual import SATISFIED_SCORES, SurveyAnswer
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.facts import ComplaintFacts, as_facts
from contact_hub.domain.working_days import WorkingCalendar

QUARTER_NAMES = ("Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar")


@dataclass(frozen=True)
class Quarter:
    """One quarter of the TSM year that starts on 1 April ``year``."""

    year: int
    number: int  # 1..4

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        if self.number == 4:
            return date(self.year + 1, 3, 31)
        following = Quarter(self.year, self.number + 1).start
        return date.fromordinal(following.toordinal() - 1)

    @property
    def name(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d} {QUARTER_NAMES[self.number - 1]}"


def quarter_containing(day: date) -> Quarter:
    """The TSM quarter a date falls in."""
    year = day.year if day.month >= 4 else day.year - 1
    return Quarter(year, (day.month - 4) % 12 // 3 + 1)


def quarterly_trends(
    complaints: Sequence[Complaint | ComplaintFacts],
    *,
    year: int,
    upto: int,
    homes: int,
    calendar: WorkingCalendar,
    vocabulary: ComplaintVocabulary,
    surveys: Sequence[SurveyAnswer] = (),
    organisation: str = "",
) -> dict[str, Any]:
    """Quarters 1 to ``upto`` of the year starting 1 April ``year``, side by side."""
    if not 1 <= upto <= 4:
        raise ValueError("upto: a quarter from 1 to 4")
    quarters = [Quarter(year, n) for n in range(1, upto + 1)]
    items = as_facts(complaints)
    rows = []
    for quarter in quarters:
        tsm = complaints_report(items, period_start=quarter.start, period_end=quarter.end,
                                homes=homes, calendar=calendar)
        measures = {m["code"]: m for m in tsm["measures"]}
        received = [c for c in items if quarter.start <= c.received_on <= quarter.end]
        categories = Counter(c.category or "unclassified" for c in received)
        rows.append({
            "quarter": quarter.name,
            "start": quarter.start.isoformat(),
            "end": quarter.end.isoformat(),
            "stage1_received": measures["CH01(1)"]["numerator"],
            "stage2_received": measures["CH01(2)"]["numerator"],
            "stage1_in_time_percent": measures["CH02(1)"]["value"],
            "stage2_in_time_percent": measures["CH02(2)"]["value"],
            "categories": {vocabulary.categories.label(code) if code != "unclassified"
                           else "Not yet classified": n
                           for code, n in categories.most_common()},
            "complaint_satisfaction_percent": _satisfied(surveys, "complaint", quarter),
            "contact_satisfaction_percent": _satisfied(surveys, "contact", quarter),
        })
    return {"title": "Quarterly complaints report to the governing body",
            "organisation": organisation, "year": year, "quarters": rows}


def _satisfied(surveys: Sequence[SurveyAnswer], subject: str, quarter: Quarter) -> float | None:
    scores = [s.score for s in surveys if s.subject == subject
              and quarter.start <= london_date(s.answered_at) <= quarter.end]
    satisfied = sum(1 for s in scores if s in SATISFIED_SCORES)
    return round(satisfied / len(scores) * 100, 1) if scores else None


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its quarter, value and height as a share of the tallest."""

    label: str
    value: float | None
    share: float


@dataclass(frozen=True)
class Chart:
    """A bar chart of one trend across the quarters (drawn as SVG and in the PDF)."""

    title: str
    unit: str
    bars: tuple[Bar, ...]


def charts(trends: dict[str, Any]) -> list[Chart]:
    """The trends the governing body sees as charts: volumes, timeliness, satisfaction."""
    rows = trends["quarters"]

    def chart(title: str, unit: str, key: str, ceiling: float | None = None) -> Chart:
        values = [r[key] for r in rows]
        top = ceiling or max((v for v in values if v is not None), default=0) or 1
        return Chart(title, unit, tuple(
            Bar(r["quarter"].split(" ", 1)[1][:2], v, (v or 0) / top)
            for r, v in zip(rows, values, strict=True)))

    return [
        chart("Stage 1 complaints received", "complaints", "stage1_received"),
        chart("Stage 2 complaints received", "complaints", "stage2_received"),
        chart("Stage 1 responses in time", "%", "stage1_in_time_percent", 100),
        chart("Stage 2 responses in time", "%", "stage2_in_time_percent", 100),
        chart("Satisfied with complaint handling", "%", "complaint_satisfaction_percent", 100),
        chart("Satisfied after a contact", "%", "contact_satisfaction_percent", 100),
    ]


def summary_text(trends: dict[str, Any], link: str | None) -> str:
    """The trends as plain text, for the email that goes to the governing body's list."""
    lines = [f"{trends['title']}: {trends['organisation']}".strip(": "), ""]
    for r in trends["quarters"]:
        lines.append(
            f"{r['quarter']}: stage 1 {r['stage1_received']}, stage 2 {r['stage2_received']}; "
            f"in time {_pct(r['stage1_in_time_percent'])} / {_pct(r['stage2_in_time_percent'])}; "
            f"satisfied {_pct(r['complaint_satisfaction_percent'])}")
        top = ", ".join(f"{name} {n}" for name, n in list(r["categories"].items())[:3])
        lines.append(f"  top categories: {top or 'none'}")
    if link:
        lines += ["", f"The report with charts (HTML or PDF): {link}"]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:g}%"
