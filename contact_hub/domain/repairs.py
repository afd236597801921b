"""Repair service standards: the landlord's published target times, by priority. Pure: the
caller passes times and the working calendar (the one complaint and hazard clocks use).

The targets are the landlord's own promises, so they are configuration (`REPAIR_TARGETS`,
e.g. ``emergency=24h,urgent=5wd,routine=20wd``): an hour target runs to the minute from
the report; a working-day target to the end of the N-th working day after the report's
London date (bank holidays and closure days skipped), as complaint deadlines do.

The customer's policies promise "published service standards" for repairs without giving
figures, so the defaults are the common ones (docs/repairs.md): emergency 24 hours, urgent 5
working days, routine 20 working days.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from contact_hub.domain.contacts.types import Category
from contact_hub.domain.working_days import WorkingCalendar, end_of_london_day, london_date


class RepairPriority(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


@dataclass(frozen=True)
class Target:
    """One promise: within `hours` of the report, or within `working_days` of it."""

    hours: int | None = None
    working_days: int | None = None

    def __post_init__(self) -> None:
        if (self.hours is None) == (self.working_days is None):
            raise ValueError("a target is in hours or in working days")

    def due(self, reported_at: datetime, calendar: WorkingCalendar) -> datetime:
        """When a repair reported at `reported_at` must be done by."""
        if self.hours is not None:
            return reported_at + timedelta(hours=self.hours)
        assert self.working_days is not None
        return end_of_london_day(calendar.add_working_days(london_date(reported_at),
                                                           self.working_days))

    def remind(self, due: datetime, now: datetime, calendar: WorkingCalendar) -> bool:
        """Close enough to the due time to remind someone: the last quarter of an hour
        target (6 hours of 24); from the working day before a working-day target."""
        if now > due:
            return False
        if self.hours is not None:
            return due - now <= timedelta(hours=self.hours) / 4
        return calendar.working_days_between(london_date(now), london_date(due)) <= 1

    @property
    def words(self) -> str:
        if self.hours is not None:
            return f"{self.hours} hour{'s' if self.hours != 1 else ''}"
        return f"{self.working_days} working day{'s' if self.working_days != 1 else ''}"

    @property
    def code(self) -> str:
        """As stored on the repair: "24h", "5wd"."""
        return f"{self.hours}h" if self.hours is not None else f"{self.working_days}wd"

    @classmethod
    def from_code(cls, code: str) -> Target:
        if code.endswith("wd"):
            return cls(working_days=int(code[:-2]))
        return cls(hours=int(code.removesuffix("h")))


Standards = Mapping[RepairPriority, Target]

DEFAULT_STANDARDS: dict[RepairPriority, Target] = {
    RepairPriority.EMERGENCY: Target(hours=24),
    RepairPriority.URGENT: Target(working_days=5),
    RepairPriority.ROUTINE: Target(working_days=20),
}
_ITEM = re.compile(r"(?P<priority>[a-z]+)=(?P<amount>[1-9][0-9]{0,3})(?P<unit>h|wd)")
# Hazards that are someone's health, not the building's: an emergency, but not a repair.
NOT_REPAIRS = frozenset({"welfare"})


def parse_standards(text: str) -> dict[RepairPriority, Target]:
    """``emergency=24h,urgent=5wd,routine=20wd`` (any subset; the rest keep their default).
    ValueError names the item that is wrong."""
    standards = dict(DEFAULT_STANDARDS)
    for item in (part.strip() for part in text.split(",") if part.strip()):
        match = _ITEM.fullmatch(item.lower())
        if match is None or match["priority"] not in RepairPriority.__members__.values():
            raise ValueError(f"{item!r}: use priority=<n>h or priority=<n>wd, with priority "
                             f"one of {', '.join(p.value for p in RepairPriority)}")
        amount = int(match["amount"])
        standards[RepairPriority(match["priority"])] = (
            Target(hours=amount) if match["unit"] == "h" else Target(working_days=amount))
    return standards


def repair_priority(category: str, queue: str, priority: int, hazards: tuple[str, ...]
                    ) -> RepairPriority | None:
    """The repair priority the router's decision implies, or None when it is no repair:
    an emergency about the home (gas, water, a door that will not lock...), or a service
    request on the repairs queue (the router's priority 2 is urgent, the rest routine)."""
    if category == Category.EMERGENCY:
        about_home = any(h not in NOT_REPAIRS for h in hazards)
        return RepairPriority.EMERGENCY if about_home else None
    if category != Category.SERVICE_REQUEST or queue != "repairs":
        return None
    return RepairPriority.URGENT if priority <= 2 else RepairPriority.ROUTINE


def overdue(due: datetime, completed_at: datetime | None, now: datetime) -> bool:
    return completed_at is None and due < now
