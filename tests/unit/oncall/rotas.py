"""Small builders for rotas used across the on-call tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from contact_hub.domain.alerts.rota import Override, Person, Rota, Rotation, Tier

LONDON = ZoneInfo("Europe/London")
FALLBACK = "+443001234567"

PRIYA = Person("Priya Shah", "+447700900101", "U04PSHAH01")
BEN = Person("Ben Okafor", "+447700900102", "U04BOKAF02")
CHLOE = Person("Chloe Davies", "+447700900103", "U04CDAVI03")
MAREK = Person("Marek Nowak", "+447700900105", "U04MNOWA05")
GRACE = Person("Grace Adeyemi", "+447700900201", "U05GRACE01")
SAM = Person("Sam Kelly", "+447700900107", None)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A London wall-clock time (the first occurrence, in the repeated October hour)."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def weekly(
    *people: Person, first: date, at: time = time(9, 0), ends: date | None = None
) -> Rotation:
    return Rotation(people, first, at, ends_on=ends)


def three_tier_rota(
    repairs: Rotation | None = None,
    second_line: Rotation | None = None,
    duty_manager: Rotation | None = None,
    overrides: tuple[Override, ...] = (),
) -> Rota:
    """Repairs on-call, second line and duty manager, each weekly from Mon 5 Jan 2026."""
    start = date(2026, 1, 5)
    return Rota(
        tiers=(
            Tier("repairs", "Repairs on-call", repairs or weekly(PRIYA, BEN, CHLOE, first=start)),
            Tier("second_line", "Second line", second_line or weekly(MAREK, first=start)),
            Tier("duty_manager", "Duty manager", duty_manager or weekly(GRACE, first=start)),
        ),
        overrides=overrides,
    )
