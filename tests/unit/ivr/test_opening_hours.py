"""Opening hours: when a caller can reach an advisor, in UK local time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from contact_hub.domain.opening_hours import (
    OpeningHoursError,
    parse_opening_hours,
)

LONDON = ZoneInfo("Europe/London")
HOURS = parse_opening_hours("mon-fri 08:00-18:00; sat 09:00-13:00")


def local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(2026, 6, 3, 7, 59), False),  # Wednesday, before opening
        (local(2026, 6, 3, 8, 0), True),  # opening minute
        (local(2026, 6, 3, 17, 59), True),
        (local(2026, 6, 3, 18, 0), False),  # closing time is closed
        (local(2026, 6, 6, 9, 30), True),  # Saturday morning
        (local(2026, 6, 6, 13, 0), False),  # Saturday afternoon
        (local(2026, 6, 7, 11, 0), False),  # Sunday
    ],
)
def test_weekly_hours(at: datetime, expected: bool) -> None:
    assert HOURS.is_open(at) is expected


def test_bank_holiday_is_closed_all_day() -> None:
    hours = parse_opening_hours("mon-fri 08:00-18:00", closed_dates={date(2026, 8, 31)})
    assert not hours.is_open(local(2026, 8, 31, 11, 0))  # summer bank holiday, a Monday
    assert hours.is_open(local(2026, 9, 1, 11, 0))


def test_closed_dates_can_be_added_later() -> None:
    hours = HOURS.with_closed_dates([date(2026, 12, 25)])
    assert not hours.is_open(local(2026, 12, 25, 10, 0))
    assert HOURS.is_open(local(2026, 12, 25, 10, 0))  # the original is unchanged


def test_spring_forward_uses_british_summer_time() -> None:
    # Clocks went forward on Sunday 29 March 2026; 07:30 UTC on Monday is 08:30 BST.
    assert HOURS.is_open(datetime(2026, 3, 30, 7, 30, tzinfo=UTC))
    assert not HOURS.is_open(datetime(2026, 3, 30, 6, 59, tzinfo=UTC))  # 07:59 BST


def test_fall_back_uses_greenwich_mean_time() -> None:
    # Clocks went back on Sunday 25 October 2026; 07:30 UTC on Monday is 07:30 GMT.
    assert not HOURS.is_open(datetime(2026, 10, 26, 7, 30, tzinfo=UTC))
    assert HOURS.is_open(datetime(2026, 10, 26, 8, 0, tzinfo=UTC))
    # 17:30 UTC is 17:30 GMT in winter (open) but 18:30 BST in summer (closed).
    assert HOURS.is_open(datetime(2026, 10, 26, 17, 30, tzinfo=UTC))
    assert not HOURS.is_open(datetime(2026, 10, 23, 17, 30, tzinfo=UTC))


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        HOURS.is_open(datetime(2026, 6, 3, 10, 0))


def test_split_shifts_lists_and_wrapping_ranges() -> None:
    hours = parse_opening_hours("Mon,Wed 08:00-12:30, 13:30-17:00; sat-sun 10:00-24:00")
    assert hours.is_open(local(2026, 6, 1, 12, 0))  # Monday morning
    assert not hours.is_open(local(2026, 6, 1, 13, 0))  # Monday lunch
    assert hours.is_open(local(2026, 6, 3, 16, 59))  # Wednesday afternoon
    assert not hours.is_open(local(2026, 6, 2, 10, 0))  # Tuesday not listed
    assert hours.is_open(local(2026, 6, 7, 23, 59))  # Sunday until midnight


def test_empty_spec_is_never_open() -> None:
    assert not parse_opening_hours("").is_open(local(2026, 6, 3, 10, 0))


@pytest.mark.parametrize(
    "spec",
    [
        "mon-fri",
        "funday 08:00-18:00",
        "mon 8-6",
        "mon 18:00-08:00",  # crosses midnight
        "mon 08:00-24:30",
        "mon 25:00-26:00",
        "mon-tue-wed 08:00-09:00",
    ],
)
def test_malformed_spec_is_rejected(spec: str) -> None:
    with pytest.raises(OpeningHoursError):
        parse_opening_hours(spec)
