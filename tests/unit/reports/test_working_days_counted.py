"""Working days between two dates, counted arithmetically, agree with walking the calendar
day by day (the definition) for any pair of dates, bank holidays and closures included."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from contact_hub.bank_holidays import england_and_wales_calendar
from contact_hub.domain.working_days import WorkingCalendar

CALENDAR = england_and_wales_calendar(range(2025, 2029), "2026-12-29,2027-06-05")
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


def walked(calendar: WorkingCalendar, start: date, end: date) -> int:
    if end < start:
        return -walked(calendar, end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


@settings(max_examples=400, deadline=None)
@given(start=DAYS, end=DAYS)
def test_counting_agrees_with_walking(start: date, end: date) -> None:
    assert CALENDAR.working_days_between(start, end) == walked(CALENDAR, start, end)


def test_known_vectors() -> None:
    # complaint-rules.md §4: Mon 21 Dec 2026 + 5 WD = Wed 30 Dec 2026 (25 and 28 Dec off),
    # here with 29 Dec a closure day too, so 31 Dec.
    assert CALENDAR.working_days_between(date(2026, 12, 21), date(2026, 12, 31)) == 5
    assert CALENDAR.working_days_between(date(2027, 3, 24), date(2027, 4, 2)) == 5
    assert CALENDAR.working_days_between(date(2027, 4, 2), date(2027, 3, 24)) == -5
