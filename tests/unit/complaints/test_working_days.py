"""Working-day deadlines across Easter, Christmas and New Year 2025-2028.

Every expected date is worked out by hand in the comment beside it, counting the
start date as day 0 (see contact_hub.domain.working_days). Bank holidays are
GOV.UK's England & Wales list (complaint-rules.md §4).
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contact_hub.bank_holidays import (
    england_and_wales_bank_holidays,
    england_and_wales_calendar,
    parse_closure_days,
)
from contact_hub.domain.working_days import (
    CalendarNotCovered,
    WorkingCalendar,
    end_of_london_day,
    london_date,
)

CAL = england_and_wales_calendar(range(2025, 2029))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Wed 17 Dec 2025 +5: Thu 18, Fri 19, Mon 22, Tue 23, Wed 24 -> Wed 24 Dec.
        (date(2025, 12, 17), 5, date(2025, 12, 24)),
        # Wed 24 Dec 2025 +10: Thu 25 and Fri 26 are Christmas/Boxing Day; Mon 29 (1),
        # Tue 30 (2), Wed 31 (3), Thu 1 Jan is New Year's Day, Fri 2 (4), Mon 5..Fri 9
        # (5-9), Mon 12 (10) -> Mon 12 Jan 2026.
        (date(2025, 12, 24), 10, date(2026, 1, 12)),
        # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr. Wed 16 Apr +5: Thu 17 (1),
        # Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 (5) -> Fri 25 Apr 2025.
        (date(2025, 4, 16), 5, date(2025, 4, 25)),
        # Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr. Wed 1 Apr +10: Thu 2 (1),
        # Tue 7..Fri 10 (2-5), Mon 13..Fri 17 (6-10) -> Fri 17 Apr 2026.
        (date(2026, 4, 1), 10, date(2026, 4, 17)),
        # Christmas 2026: Fri 25 Dec; Boxing Day is Sat 26 so the substitute is Mon 28 Dec.
        # Mon 21 Dec +5: Tue 22 (1), Wed 23 (2), Thu 24 (3), Tue 29 (4), Wed 30 (5).
        (date(2026, 12, 21), 5, date(2026, 12, 30)),
        # Wed 23 Dec 2026 +5: Thu 24 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4),
        # Fri 1 Jan 2027 is New Year's Day, Mon 4 Jan (5).
        (date(2026, 12, 23), 5, date(2027, 1, 4)),
        # Easter 2027 is early: Good Friday 26 Mar, Easter Monday 29 Mar. Wed 24 Mar +5:
        # Thu 25 (1), Tue 30 (2), Wed 31 (3), Thu 1 Apr (4), Fri 2 Apr (5).
        (date(2027, 3, 24), 5, date(2027, 4, 2)),
        # Christmas 2027: 25 and 26 Dec are Sat/Sun, so Mon 27 and Tue 28 are substitutes.
        # Wed 22 Dec +5: Thu 23 (1), Fri 24 (2), Wed 29 (3), Thu 30 (4), Fri 31 (5).
        (date(2027, 12, 22), 5, date(2027, 12, 31)),
        # New Year 2028: Sat 1 Jan, substitute Mon 3 Jan. Thu 30 Dec 2027 +2:
        # Fri 31 (1), Tue 4 Jan 2028 (2).
        (date(2027, 12, 30), 2, date(2028, 1, 4)),
    ],
)
def test_add_working_days_skips_weekends_and_bank_holidays(
    start: date, days: int, expected: date
) -> None:
    assert CAL.add_working_days(start, days) == expected


def test_boxing_day_substitute_2026_is_a_bank_holiday() -> None:
    # Boxing Day 2026 is a Saturday; GOV.UK moves the holiday to Mon 28 Dec.
    assert not CAL.is_working_day(date(2026, 12, 28))
    assert CAL.is_working_day(date(2026, 12, 29))


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_weekday_bank_holidays_match_gov_uk_list(year: int) -> None:
    gov_uk = {
        2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
        2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
        2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    }[year]
    weekdays = sorted(d for d in england_and_wales_bank_holidays([year]) if d.weekday() < 5)
    assert weekdays == [date.fromisoformat(f"{year}-{md}") for md in gov_uk]


def test_start_on_a_non_working_day_counts_from_the_next_working_day() -> None:
    # Received Sat 3 Jan 2026: Mon 5 is day 1 ... Fri 9 is day 5.
    assert CAL.add_working_days(date(2026, 1, 3), 5) == date(2026, 1, 9)
    # Received on Good Friday 2026 (3 Apr): Easter Monday skipped, Tue 7 (1) .. Mon 13 (5).
    assert CAL.add_working_days(date(2026, 4, 3), 5) == date(2026, 4, 13)


def test_working_days_between_inverts_add_working_days() -> None:
    start = date(2026, 12, 21)
    assert CAL.working_days_between(start, date(2026, 12, 30)) == 5
    # A late response counts past the deadline: Thu 31 Dec is the 6th working day.
    assert CAL.working_days_between(start, date(2026, 12, 31)) == 6
    assert CAL.working_days_between(date(2026, 12, 31), start) == -6
    assert CAL.working_days_between(start, start) == 0


def test_closure_days_are_non_working() -> None:
    closed = england_and_wales_calendar([2026, 2027], closure_days="2026-12-24, 2026-12-31")
    # Mon 21 Dec 2026 +5 with the office also shut on 24 and 31 Dec: Tue 22 (1),
    # Wed 23 (2), [24 closed, 25 and 28 bank holidays] Tue 29 (3), Wed 30 (4),
    # [31 closed, 1 Jan bank holiday] Mon 4 Jan 2027 (5).
    assert closed.add_working_days(date(2026, 12, 21), 5) == date(2027, 1, 4)
    assert not closed.is_working_day(date(2026, 12, 24))


def test_calendar_refuses_years_it_was_not_built_for() -> None:
    only_2026 = england_and_wales_calendar([2026])
    with pytest.raises(CalendarNotCovered):
        only_2026.add_working_days(date(2026, 12, 30), 5)


def test_parse_closure_days_rejects_nonsense_with_the_bad_entry() -> None:
    assert parse_closure_days("") == frozenset()
    assert parse_closure_days(" 2026-12-24 ,,") == frozenset({date(2026, 12, 24)})
    with pytest.raises(ValueError, match="24/12/2026"):
        parse_closure_days("2026-12-23,24/12/2026")


def test_plain_calendar_has_only_weekends() -> None:
    plain = WorkingCalendar()
    assert plain.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 25)


def test_london_date_uses_british_summer_time() -> None:
    # 23:30 UTC on Sun 28 Jun 2026 is 00:30 BST on Monday 29 Jun.
    assert london_date(datetime(2026, 6, 28, 23, 30, tzinfo=UTC)) == date(2026, 6, 29)
    # In winter London is on UTC.
    assert london_date(datetime(2026, 1, 4, 23, 30, tzinfo=UTC)) == date(2026, 1, 4)
    with pytest.raises(ValueError):
        london_date(datetime(2026, 1, 4, 23, 30))


def test_end_of_london_day_in_summer_is_2259_utc() -> None:
    end = end_of_london_day(date(2026, 6, 29))
    assert (end.hour, end.minute) == (22, 59)
    assert london_date(end) == date(2026, 6, 29)


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    days=st.integers(min_value=1, max_value=45),
)
def test_deadline_is_a_working_day_exactly_n_working_days_later(start: date, days: int) -> None:
    due = CAL.add_working_days(start, days)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(start, due) == days
    # The day before the deadline is always short of the limit: nothing is skipped over.
    assert CAL.working_days_between(start, due - timedelta(days=1)) == days - 1
