"""Bank holidays for England and Wales as a :class:`WorkingCalendar`.

The only module that imports the ``holidays`` package, so the domain stays
standard-library only and the data source can be swapped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays

from contact_hub.domain.working_days import WorkingCalendar


def parse_closure_days(text: str) -> frozenset[date]:
    """Parse a comma-separated list of ISO dates (e.g. ``"2026-12-24, 2026-12-31"``).

    Used for one-off proclaimed holidays (jubilees, state funerals) that reach
    the ``holidays`` package only after an update, and for office closures.
    Blank entries are ignored; anything else that is not an ISO date raises
    ``ValueError`` naming the bad entry, so misconfiguration fails at start-up.
    """
    days: set[date] = set()
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        try:
            days.add(date.fromisoformat(entry))
        except ValueError as exc:
            raise ValueError(f"closure day {entry!r} is not an ISO date (YYYY-MM-DD)") from exc
    return frozenset(days)


def england_and_wales_bank_holidays(years: Iterable[int]) -> frozenset[date]:
    """Bank holidays in England and Wales for ``years``, including substitute days.

    ``observed`` must stay on: it is what adds e.g. Mon 28 Dec 2026 when Boxing
    Day falls on a Saturday. The package also lists the weekend date itself,
    which is harmless because weekends are non-working anyway.
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=list(years), observed=True)
    return frozenset(calendar.keys())


def england_and_wales_calendar(years: Iterable[int], closure_days: str = "") -> WorkingCalendar:
    """A working calendar for ``years`` (England & Wales holidays plus closure days).

    The calendar refuses dates outside ``years`` rather than treating an
    unknown year's bank holidays as working days.
    """
    year_list = sorted(set(years))
    if not year_list:
        raise ValueError("at least one year is needed")
    non_working = england_and_wales_bank_holidays(year_list) | parse_closure_days(closure_days)
    return WorkingCalendar(
        non_working_days=non_working,
        first_year=year_list[0],
        last_year=year_list[-1],
    )
