"""When the contact centre is open: weekly hours in UK local time, minus non-working days.

Hours are written as a compact string, read by `parse_opening_hours`:

    "mon-fri 08:00-18:00; sat 09:00-13:00"
    "mon,tue,thu 08:00-12:30, 13:30-17:00; wed 10:00-17:00"

A clause is a day list (names or ranges, comma separated) followed by one or more
``HH:MM-HH:MM`` windows. A window closes at its end time (18:00 is closed); ``24:00`` is
allowed as an end. Days not mentioned are closed. Windows may not cross midnight: write
``mon 22:00-24:00; tue 00:00-02:00`` instead.

Bank holidays and other closures are injected as a set of dates (the calendar lives
elsewhere); on those dates the centre is closed all day. Times are compared as wall-clock
time in Europe/London, so the answer is right on both sides of the clock changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

UK_TIME = ZoneInfo("Europe/London")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60

_CLAUSE = re.compile(r"^(?P<days>[a-z,\s-]+?)\s+(?P<windows>\d.*)$")
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class OpeningHoursError(ValueError):
    """The opening-hours configuration string could not be understood."""


@dataclass(frozen=True)
class OpeningWindow:
    """One open period within a day, as minutes after local midnight (end exclusive)."""

    opens_at_minute: int
    closes_at_minute: int

    def __post_init__(self) -> None:
        if not 0 <= self.opens_at_minute < self.closes_at_minute <= MINUTES_PER_DAY:
            raise OpeningHoursError(
                f"window {self.opens_at_minute}-{self.closes_at_minute} must open before it "
                "closes, within one day"
            )

    def contains(self, minute_of_day: int) -> bool:
        """True if the given local minute of the day falls inside this window."""
        return self.opens_at_minute <= minute_of_day < self.closes_at_minute


@dataclass(frozen=True)
class OpeningHours:
    """Weekly opening windows (index 0 = Monday) and dates when the centre is shut."""

    weekly: tuple[tuple[OpeningWindow, ...], ...]
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise OpeningHoursError("weekly hours need exactly seven days, Monday first")

    def is_open(self, at: datetime) -> bool:
        """True if a resident calling at `at` can reach an advisor.

        `at` must be timezone-aware; it is converted to UK local time, so a UTC instant
        just after a clock change still lands in the right local hour.
        """
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("is_open needs a timezone-aware datetime")
        local = at.astimezone(UK_TIME)
        if local.date() in self.closed_dates:
            return False
        minute = local.hour * 60 + local.minute
        return any(window.contains(minute) for window in self.weekly[local.weekday()])

    def with_closed_dates(self, dates: Iterable[date]) -> OpeningHours:
        """A copy that is also closed on `dates` (e.g. this year's bank holidays)."""
        return OpeningHours(self.weekly, self.closed_dates | frozenset(dates))


def parse_opening_hours(spec: str, closed_dates: Iterable[date] = ()) -> OpeningHours:
    """Read a string like ``"mon-fri 08:00-18:00; sat 09:00-13:00"`` into OpeningHours.

    An empty string means never open (emergencies are still answered around the clock).
    Raises OpeningHoursError with the offending clause when the string is malformed.
    """
    weekly: list[list[OpeningWindow]] = [[] for _ in DAY_NAMES]
    for raw_clause in spec.lower().split(";"):
        clause = raw_clause.strip()
        if not clause:
            continue
        match = _CLAUSE.match(clause)
        if match is None:
            raise OpeningHoursError(f"cannot read opening hours clause {raw_clause.strip()!r}")
        windows = [_parse_window(w) for w in match["windows"].split(",")]
        for day in _parse_days(match["days"]):
            weekly[day].extend(windows)
    return OpeningHours(
        weekly=tuple(tuple(sorted(day, key=_window_start)) for day in weekly),
        closed_dates=frozenset(closed_dates),
    )


def _window_start(window: OpeningWindow) -> int:
    return window.opens_at_minute


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        names = [name.strip() for name in part.split("-")]
        if len(names) == 1:
            days.append(_day_index(names[0]))
        elif len(names) == 2:
            first, last = _day_index(names[0]), _day_index(names[1])
            # A range may wrap past Sunday ("sat-mon"), as people write it.
            span = (last - first) % 7
            days.extend((first + offset) % 7 for offset in range(span + 1))
        else:
            raise OpeningHoursError(f"cannot read day range {part.strip()!r}")
    return days


def _day_index(name: str) -> int:
    short = name[:3]  # "monday" and "mon" both work
    if short not in DAY_NAMES:
        raise OpeningHoursError(f"unknown day {name!r}; use mon, tue, wed, thu, fri, sat, sun")
    return DAY_NAMES.index(short)


def _parse_window(text: str) -> OpeningWindow:
    match = _WINDOW.match(text.strip())
    if match is None:
        raise OpeningHoursError(f"cannot read opening window {text.strip()!r}; use HH:MM-HH:MM")
    open_h, open_m, close_h, close_m = (int(group) for group in match.groups())
    if open_m > 59 or close_m > 59 or open_h > 23 or close_h > 24:
        raise OpeningHoursError(f"impossible time in {text.strip()!r}")
    return OpeningWindow(open_h * 60 + open_m, close_h * 60 + close_m)
