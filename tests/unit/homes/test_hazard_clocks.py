"""Awaab's Law clocks (domain.hazards): 24 hours, 10/3/5 working days, 12 weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from contact_hub.bank_holidays import england_and_wales_calendar
from contact_hub.domain import hazards as rules

CALENDAR = england_and_wales_calendar(range(2025, 2029), "")
MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_an_emergency_is_investigated_and_made_safe_within_24_hours():
    clocks = rules.opening_deadlines(rules.HazardKind.EMERGENCY, MONDAY, CALENDAR)
    day_later = MONDAY + timedelta(hours=24)
    assert {n: d.due for n, d in clocks.items()} == {
        "investigate_by": day_later, "make_safe_by": day_later}


def test_a_significant_hazard_is_investigated_within_10_working_days():
    [clock] = rules.opening_deadlines(rules.HazardKind.SIGNIFICANT, MONDAY, CALENDAR).values()
    # Mon 23 Nov + 10 working days = Mon 7 Dec, to the end of that London day.
    assert clock.name == "investigate_by"
    assert clock.due == datetime(2026, 12, 7, 23, 59, 59, 999999, tzinfo=UTC)


def test_over_christmas_the_bank_holidays_do_not_count():
    friday = datetime(2026, 12, 18, 12, 0, tzinfo=UTC)
    [clock] = rules.opening_deadlines(rules.HazardKind.SIGNIFICANT, friday, CALENDAR).values()
    # 21-24, 29-31 Dec, 2, 5, 6 Jan (25, 28 Dec and 1 Jan are bank holidays; 26th a Saturday)
    assert clock.due.date() == datetime(2027, 1, 6).date()


def test_concluding_an_investigation_starts_the_summary_and_work_clocks():
    clocks = rules.opening_deadlines(rules.HazardKind.SIGNIFICANT, MONDAY, CALENDAR)
    done = MONDAY + timedelta(days=3)  # Thursday 26 Nov
    after = rules.investigation_concluded(rules.HazardKind.SIGNIFICANT, clocks, done, True,
                                          CALENDAR)
    assert after["investigate_by"].met_at == done
    assert after["summary_by"].due.date() == datetime(2026, 12, 1).date()  # Tue: 3 WD
    assert after["safety_work_by"].due.date() == datetime(2026, 12, 3).date()  # Thu: 5 WD
    assert after["preventative_work_by"].due == done + timedelta(weeks=12)
    nothing = rules.investigation_concluded(rules.HazardKind.SIGNIFICANT, clocks, done, False,
                                            CALENDAR)
    assert set(nothing) == {"investigate_by", "summary_by"}


def test_reminders_come_before_and_missed_clocks_after():
    clocks = rules.opening_deadlines(rules.HazardKind.EMERGENCY, MONDAY, CALENDAR)
    assert rules.reminders_due(rules.HazardKind.EMERGENCY, clocks, MONDAY, CALENDAR) == []
    later = MONDAY + timedelta(hours=19)
    assert [c.name for c in rules.reminders_due(rules.HazardKind.EMERGENCY, clocks, later,
                                                 CALENDAR)] == ["investigate_by", "make_safe_by"]
    made_safe = rules.met(clocks, "make_safe_by", later)
    assert [c.name for c in rules.overdue(made_safe, MONDAY + timedelta(hours=25))] == [
        "investigate_by"]
    assert rules.next_due(rules.met(made_safe, "investigate_by", later)) is None
    assert rules.from_json(rules.to_json(made_safe)) == made_safe


def test_a_working_day_clock_is_reminded_two_working_days_ahead():
    clocks = rules.opening_deadlines(rules.HazardKind.SIGNIFICANT, MONDAY, CALENDAR)
    thursday = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # due Mon 7 Dec: 2 working days
    assert rules.reminders_due(rules.HazardKind.SIGNIFICANT, clocks, thursday - timedelta(days=1),
                               CALENDAR) == []
    assert len(rules.reminders_due(rules.HazardKind.SIGNIFICANT, clocks, thursday, CALENDAR)) == 1
