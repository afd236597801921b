"""Repair service standards as pure rules: parsing the landlord's targets, due times in
hours or working days (bank holidays skipped), reminders, and what counts as a repair."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contact_hub.bank_holidays import england_and_wales_calendar
from contact_hub.domain.repairs import (
    DEFAULT_STANDARDS,
    RepairPriority,
    Target,
    parse_standards,
    repair_priority,
)
from contact_hub.settings import Settings, SettingsError

CALENDAR = england_and_wales_calendar(range(2025, 2029))
FRIDAY_EVENING = datetime(2026, 12, 18, 17, 0, tzinfo=UTC)


def test_defaults_are_the_common_published_standards():
    assert parse_standards("") == DEFAULT_STANDARDS
    assert {p: t.words for p, t in DEFAULT_STANDARDS.items()} == {
        RepairPriority.EMERGENCY: "24 hours", RepairPriority.URGENT: "5 working days",
        RepairPriority.ROUTINE: "20 working days"}


def test_the_landlord_overrides_some_targets():
    standards = parse_standards("emergency=4h, routine=28wd")
    assert standards[RepairPriority.EMERGENCY] == Target(hours=4)
    assert standards[RepairPriority.URGENT] == Target(working_days=5)
    assert standards[RepairPriority.ROUTINE] == Target(working_days=28)


@pytest.mark.parametrize("text", ["emergency=24", "soon=5wd", "urgent=0wd", "urgent=5 days",
                                  "urgent=-1h"])
def test_a_bad_target_is_refused_naming_it(text):
    with pytest.raises(ValueError, match=text.split("=")[0]):
        parse_standards(text)


def test_an_hour_target_runs_to_the_minute_over_a_weekend():
    assert Target(hours=24).due(FRIDAY_EVENING, CALENDAR) == datetime(
        2026, 12, 19, 17, 0, tzinfo=UTC)


def test_a_working_day_target_skips_weekends_and_christmas():
    # Fri 18 Dec: Mon 21, Tue 22, Wed 23, Thu 24, (25, 28 holidays) Tue 29.
    assert Target(working_days=5).due(FRIDAY_EVENING, CALENDAR) == datetime(
        2026, 12, 29, 23, 59, 59, 999999, tzinfo=UTC)


def test_reminders_come_in_the_last_quarter_or_from_the_working_day_before():
    due = Target(hours=24).due(FRIDAY_EVENING, CALENDAR)
    assert not Target(hours=24).remind(due, datetime(2026, 12, 19, 10, 59, tzinfo=UTC), CALENDAR)
    assert Target(hours=24).remind(due, datetime(2026, 12, 19, 11, 0, tzinfo=UTC), CALENDAR)
    five = Target(working_days=5)
    due = five.due(FRIDAY_EVENING, CALENDAR)  # Tue 29 Dec
    assert not five.remind(due, datetime(2026, 12, 23, 12, 0, tzinfo=UTC), CALENDAR)
    assert five.remind(due, datetime(2026, 12, 24, 12, 0, tzinfo=UTC), CALENDAR)  # Thu 24
    assert not five.remind(due, datetime(2026, 12, 30, 0, 0, tzinfo=UTC), CALENDAR)  # past


def test_codes_round_trip():
    for target in (Target(hours=4), Target(working_days=20)):
        assert Target.from_code(target.code) == target


@pytest.mark.parametrize(("category", "queue", "priority", "hazards", "expected"), [
    ("emergency", "emergencies", 1, ("gas",), RepairPriority.EMERGENCY),
    ("emergency", "emergencies", 1, ("welfare",), None),
    ("service_request", "repairs", 2, (), RepairPriority.URGENT),
    ("service_request", "repairs", 3, (), RepairPriority.ROUTINE),
    ("service_request", "income", 3, (), None),
    ("complaint", "complaints", 3, (), None),
])
def test_which_decisions_are_repairs(category, queue, priority, hazards, expected):
    assert repair_priority(category, queue, priority, hazards) is expected


def test_settings_refuse_bad_targets_and_unsigned_work_orders():
    with pytest.raises(SettingsError, match="^REPAIR_TARGETS: 'urgent=5days'"):
        Settings.from_env({"REPAIR_TARGETS": "urgent=5days"})
    with pytest.raises(SettingsError, match="^REPAIRS_SYSTEM_SECRET: required"):
        Settings.from_env({"REPAIRS_SYSTEM_URL": "https://repairs.example.org/work-orders"})
    with pytest.raises(SettingsError, match="^REPAIRS_SYSTEM_URL:"):
        Settings.from_env({"REPAIRS_SYSTEM_URL": "ftp://repairs", "REPAIRS_SYSTEM_SECRET": "s"})
    settings = Settings.from_env({"REPAIR_TARGETS": "emergency=4h",
                                  "REPAIRS_SYSTEM_URL": "https://repairs.example.org/wo",
                                  "REPAIRS_SYSTEM_SECRET": "s3cret"})
    assert parse_standards(settings.repair_targets)[RepairPriority.EMERGENCY] == Target(hours=4)
    assert "s3cret" not in repr(settings)
