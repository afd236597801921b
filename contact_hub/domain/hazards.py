"""Awaab's Law clocks: the Hazards in Social Housing (Prescribed Requirements) (England)
Regulations 2025 (in force 27 October 2025). Pure: the caller passes times and calendar.

Sources and how each timescale was checked: docs/hazards.md.

- emergency hazard: investigate, and make safe, within 24 hours of becoming aware;
- significant hazard: investigate within 10 working days of becoming aware;
- written summary of the findings to the tenant: 3 working days after the investigation
  concludes;
- significant hazard found: safety work begins within 5 working days, and supplementary
  preventative work within 12 weeks, of the investigation concluding.

Awareness is the report's `received_at`. Working-day clocks run to the end of the due
London day (as complaint deadlines do); the 24-hour clocks run to the minute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from contact_hub.domain.working_days import WorkingCalendar, end_of_london_day, london_date

EMERGENCY_WINDOW = timedelta(hours=24)
INVESTIGATE_WORKING_DAYS = 10
SUMMARY_WORKING_DAYS = 3
SAFETY_WORK_WORKING_DAYS = 5
PREVENTATIVE_WORK = timedelta(weeks=12)
RETAIN_YEARS = 6
# Remind this long before a 24-hour clock falls due; working-day clocks 2 working days before.
EMERGENCY_REMINDER_LEAD = timedelta(hours=6)
WORKING_DAY_REMINDER_LEAD = 2


class HazardKind(StrEnum):
    EMERGENCY = "emergency"
    SIGNIFICANT = "significant"


class Step(StrEnum):
    """What staff record on a case; each meets a clock (or records the fact)."""

    INVESTIGATED = "investigated"
    MADE_SAFE = "made_safe"
    SUMMARY_SENT = "summary_sent"
    SAFETY_WORK_STARTED = "safety_work_started"
    PREVENTATIVE_WORK_STARTED = "preventative_work_started"
    ALTERNATIVE_ACCOMMODATION = "alternative_accommodation_offered"
    CLOSED = "closed"


MEETS = {
    Step.INVESTIGATED: "investigate_by",
    Step.MADE_SAFE: "make_safe_by",
    Step.SUMMARY_SENT: "summary_by",
    Step.SAFETY_WORK_STARTED: "safety_work_by",
    Step.PREVENTATIVE_WORK_STARTED: "preventative_work_by",
}
WORDS = {
    "investigate_by": "investigation",
    "make_safe_by": "making the home safe",
    "summary_by": "written summary to the tenant",
    "safety_work_by": "start of safety work",
    "preventative_work_by": "start of preventative work",
}


@dataclass(frozen=True)
class Deadline:
    """One clock: when it falls due and when it was met (None: not yet)."""

    name: str
    due: datetime
    met_at: datetime | None = None


Deadlines = Mapping[str, Deadline]


def opening_deadlines(kind: HazardKind, aware_at: datetime, calendar: WorkingCalendar
                      ) -> dict[str, Deadline]:
    """The clocks that start when the landlord becomes aware of the hazard."""
    if kind is HazardKind.EMERGENCY:
        due = aware_at + EMERGENCY_WINDOW
        return {"investigate_by": Deadline("investigate_by", due),
                "make_safe_by": Deadline("make_safe_by", due)}
    return {"investigate_by": Deadline("investigate_by", _working_days_after(
        aware_at, INVESTIGATE_WORKING_DAYS, calendar))}


def investigation_concluded(
    kind: HazardKind, deadlines: Deadlines, concluded_at: datetime, hazard_found: bool,
    calendar: WorkingCalendar,
) -> dict[str, Deadline]:
    """The investigation clock met, and the clocks the conclusion starts."""
    result = met(deadlines, "investigate_by", concluded_at)
    result["summary_by"] = Deadline("summary_by", _working_days_after(
        concluded_at, SUMMARY_WORKING_DAYS, calendar))
    if kind is HazardKind.SIGNIFICANT and hazard_found:
        result["safety_work_by"] = Deadline("safety_work_by", _working_days_after(
            concluded_at, SAFETY_WORK_WORKING_DAYS, calendar))
        result["preventative_work_by"] = Deadline(
            "preventative_work_by", concluded_at + PREVENTATIVE_WORK)
    if kind is HazardKind.EMERGENCY and not hazard_found and "make_safe_by" in result:
        result = met(result, "make_safe_by", concluded_at)  # nothing to make safe
    return result


def met(deadlines: Deadlines, name: str, at: datetime) -> dict[str, Deadline]:
    """`name` met at `at` (the first time stands); other clocks unchanged."""
    result = dict(deadlines)
    clock = result.get(name)
    if clock is not None and clock.met_at is None:
        result[name] = replace(clock, met_at=at)
    return result


def next_due(deadlines: Deadlines) -> datetime | None:
    """The earliest clock not yet met."""
    return min((d.due for d in deadlines.values() if d.met_at is None), default=None)


def overdue(deadlines: Deadlines, now: datetime) -> list[Deadline]:
    """Clocks past due and not met, earliest first."""
    return sorted((d for d in deadlines.values() if d.met_at is None and d.due < now),
                  key=lambda d: d.due)


def reminders_due(kind: HazardKind, deadlines: Deadlines, now: datetime,
                  calendar: WorkingCalendar) -> list[Deadline]:
    """Clocks not met, not yet due, but close enough to remind someone now."""
    found = []
    for clock in deadlines.values():
        if clock.met_at is not None or clock.due < now:
            continue
        if kind is HazardKind.EMERGENCY and clock.name in _HOUR_CLOCKS:
            close = clock.due - now <= EMERGENCY_REMINDER_LEAD
        else:
            days_left = calendar.working_days_between(london_date(now), london_date(clock.due))
            close = days_left <= WORKING_DAY_REMINDER_LEAD
        if close:
            found.append(clock)
    return sorted(found, key=lambda d: d.due)


_HOUR_CLOCKS = frozenset({"investigate_by", "make_safe_by"})  # an emergency's 24 hours


def retain_until_year(closed_at: datetime) -> int:
    """Records are kept six years after the case closes (to the end of that year)."""
    return london_date(closed_at).year + RETAIN_YEARS


def _working_days_after(start: datetime, days: int, calendar: WorkingCalendar) -> datetime:
    return end_of_london_day(calendar.add_working_days(london_date(start), days))


def to_json(deadlines: Deadlines) -> dict[str, dict[str, str | None]]:
    """As stored and shown: name -> {"due", "met_at"} (ISO 8601)."""
    return {name: {"due": d.due.isoformat(),
                   "met_at": d.met_at.isoformat() if d.met_at else None}
            for name, d in deadlines.items()}


def from_json(data: Mapping[str, Mapping[str, str | None]]) -> dict[str, Deadline]:
    result = {}
    for name, value in data.items():
        due, met_at = value.get("due"), value.get("met_at")
        assert due is not None
        result[name] = Deadline(name, datetime.fromisoformat(due),
                                datetime.fromisoformat(met_at) if met_at else None)
    return result
