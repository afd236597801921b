"""The managers' dashboard figures, computed from plain rows. Pure.

Each figure is a title that states what it shows, labels along the bottom and one or more
named series of numbers; the page draws it as a chart, a table and a CSV from the same
object, so the three can never disagree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Figure:
    key: str  # names its CSV: /dashboard/<key>.csv
    title: str
    kind: str  # "bar" | "stacked" | "line"
    unit: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]

    def rows(self) -> list[list[str]]:
        """The numbers as CSV rows, a header first."""
        header = ["label", *(s.name for s in self.series)]
        body = [
            [label, *(_cell(s.values[i]) for s in self.series)]
            for i, label in enumerate(self.labels)
        ]
        return [header, *body]


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def daily_counts(
    key: str, title: str, rows: Iterable[tuple[date, str, int]], start: date, end: date
) -> Figure:
    """(day, group, count) rows as a stacked daily chart, every day shown (zeros too)."""
    table: dict[str, dict[date, int]] = defaultdict(dict)
    for day, group, count in rows:
        table[group or "unrouted"][day] = table[group or "unrouted"].get(day, 0) + count
    span = days(start, end)
    return Figure(
        key=key, title=title, kind="stacked", unit="contacts",
        labels=tuple(d.isoformat() for d in span),
        series=tuple(
            Series(group.replace("_", " "), tuple(float(table[group].get(d, 0)) for d in span))
            for group in sorted(table)
        ),
    )


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return ordered[rank - 1]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_acknowledgement(
    waits: Iterable[tuple[date, float]], start: date, end: date
) -> Figure:
    """(day opened, seconds to acknowledge) as minutes: median and 90th percentile a week."""
    by_week: dict[date, list[float]] = defaultdict(list)
    for day, seconds in waits:
        by_week[week_start(day)].append(seconds / 60)
    weeks = sorted({week_start(d) for d in days(start, end)})
    return Figure(
        key="acknowledgement", kind="line", unit="minutes",
        title="Emergencies: minutes from alert to acknowledgement, by week",
        labels=tuple(f"w/c {w.isoformat()}" for w in weeks),
        series=(
            Series("median", tuple(_round(percentile(by_week[w], 0.5)) if by_week[w] else None
                                   for w in weeks)),
            Series("90th percentile", tuple(
                _round(percentile(by_week[w], 0.9)) if by_week[w] else None for w in weeks)),
        ),
    )


def _round(value: float) -> float:
    return round(value, 1)


@dataclass(frozen=True)
class StageOutcome:
    """One stage response: when it went, and its deadlines with and without extension."""

    stage: int
    responded_on: date
    due_base: date
    due_extended: date


@dataclass(frozen=True)
class StageDay:
    """The stage responses sent on one day: how many, and how many by their deadline
    without and with any agreed extension (counted in SQL from the report facts)."""

    stage: int
    day: date
    responses: int
    on_time: int
    on_time_extended: int


def monthly_timeliness(outcomes: Iterable[StageOutcome], months: Sequence[str]) -> Figure:
    """Share of stage responses sent by their deadline, by month (YYYY-MM) and stage:
    against the Code's deadline alone, and allowing agreed extensions."""
    return monthly_timeliness_counts(
        (StageDay(o.stage, o.responded_on, 1, int(o.responded_on <= o.due_base),
                  int(o.responded_on <= o.due_extended)) for o in outcomes), months)


def monthly_timeliness_counts(days_: Iterable[StageDay], months: Sequence[str]) -> Figure:
    """``monthly_timeliness`` from responses already counted by day."""
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for d in days_:
        total = counts[(d.day.strftime("%Y-%m"), d.stage)]
        total[0] += d.responses
        total[1] += d.on_time
        total[2] += d.on_time_extended

    def share(month: str, stage: int, extended: bool) -> float | None:
        done = counts.get((month, stage))
        if not done or not done[0]:
            return None
        return round(100 * done[2 if extended else 1] / done[0], 1)

    return Figure(
        key="timeliness", kind="line", unit="% on time",
        title="Complaint responses on time under the Code, by month",
        labels=tuple(months),
        series=tuple(
            Series(f"stage {stage} {'with' if extended else 'without'} extensions",
                   tuple(share(m, stage, extended) for m in months))
            for stage in (1, 2) for extended in (False, True)
        ),
    )


def months_between(start: date, end: date) -> list[str]:
    months, cursor = [], start.replace(day=1)
    while cursor <= end:
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def monthly_satisfaction(scores: Iterable[tuple[date, int]], months: Sequence[str]) -> Figure:
    """Average satisfaction (1-5) of complainants by month, with how many answered."""
    by_month: dict[str, list[int]] = defaultdict(list)
    for day, score in scores:
        by_month[day.strftime("%Y-%m")].append(score)
    return Figure(
        key="satisfaction", kind="bar", unit="average score (1-5)",
        title="Complainants' satisfaction with how their complaint was handled, by month",
        labels=tuple(months),
        series=(
            Series("average score", tuple(
                round(sum(by_month[m]) / len(by_month[m]), 2) if by_month[m] else None
                for m in months)),
            Series("answers", tuple(float(len(by_month[m])) for m in months)),
        ),
    )
