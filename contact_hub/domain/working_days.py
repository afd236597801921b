"""Working-day arithmetic for Complaint Handling Code deadlines.

Pure: a :class:`WorkingCalendar` is built once (by ``contact_hub.bank_holidays``)
and passed in. A working day is Monday to Friday that is not a bank holiday in
England and Wales and not a configured closure day (complaint-rules.md §1.10).

Counting convention (the Code does not fix one, so the landlord's policy must):
the start date is day 0 and the deadline is the N-th working day *after* it,
whether or not the start date is itself a working day. A complaint received on
Saturday is therefore due for acknowledgement on the 5th working day after that
Saturday (the following Friday), never later.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
SATURDAY_AND_SUNDAY: frozenset[int] = frozenset({5, 6})


class CalendarNotCovered(ValueError):
    """A date falls outside the years the bank-holiday list was built for.

    Raised rather than guessing, because a missing bank holiday silently makes
    a deadline one day too early or too late.
    """


@dataclass(frozen=True)
class WorkingCalendar:
    """Non-working dates plus a weekend rule; optionally bounded to known years."""

    non_working_days: frozenset[date] = frozenset()
    weekend: frozenset[int] = field(default=SATURDAY_AND_SUNDAY)
    first_year: int | None = None
    last_year: int | None = None

    def _check_covered(self, day: date) -> None:
        if self.first_year is not None and day.year < self.first_year:
            raise CalendarNotCovered(f"{day} is before the calendar's first year {self.first_year}")
        if self.last_year is not None and day.year > self.last_year:
            raise CalendarNotCovered(f"{day} is after the calendar's last year {self.last_year}")

    def is_working_day(self, day: date) -> bool:
        """True if ``day`` is neither a weekend day nor a bank holiday/closure day."""
        self._check_covered(day)
        return day.weekday() not in self.weekend and day not in self.non_working_days

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` is day 0).

        ``days == 0`` returns ``start`` unchanged, even on a non-working day.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``.

        The inverse of :meth:`add_working_days` on working days: a response on
        the deadline date counts as exactly N. Negative if ``end`` is before
        ``start`` (a date already past, counted backwards). Counted, not walked
        day by day: a year's report asks this of every case.
        """
        if end < start:
            return -self.working_days_between(end, start)
        if end == start:
            return 0
        self._check_covered(start + timedelta(days=1))
        self._check_covered(end)
        span = (end - start).days
        weeks, rest = divmod(span, 7)
        count = weeks * (7 - len(self.weekend))
        first = start.weekday()
        count += sum(1 for n in range(1, rest + 1) if (first + n) % 7 not in self.weekend)
        closures = self._weekday_closures
        return count - (bisect_right(closures, end) - bisect_right(closures, start))

    @cached_property
    def _weekday_closures(self) -> tuple[date, ...]:
        """Bank holidays and closure days that fall on working weekdays, in order."""
        return tuple(sorted(d for d in self.non_working_days if d.weekday() not in self.weekend))


def london_date(moment: datetime) -> date:
    """The Europe/London calendar date of an aware instant.

    Deadlines are dates in the landlord's local time: a complaint sent at
    00:30 BST on a Monday was received on Monday, not on Sunday (UTC).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return moment.astimezone(LONDON).date()


def end_of_london_day(day: date) -> datetime:
    """The last instant (UTC) of a London calendar date; a due date runs to midnight."""
    next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)
    return (next_midnight - timedelta(microseconds=1)).astimezone(UTC)
