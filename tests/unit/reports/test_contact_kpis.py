"""Contact KPIs over a hand-built week (Mon 2 - Sun 8 Nov 2026, London on GMT)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from contact_hub.domain.reports.contact_kpis import (
    AlertFacts,
    ContactFacts,
    contact_kpis,
    parse_targets,
)
from contact_hub.domain.reports.satisfaction import SurveyCandidate, read_answer, should_ask


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


CONTACTS = [
    # Customer 1: SMS at 09:00, answered at 09:40 (in the 60-minute target), resolved on the
    # 2nd; rang again on the 6th (within 7 days): not resolved first time.
    ContactFacts("sms", "service_request", at(2, 9), 1, at(2, 9, 40), at(2, 10)),
    ContactFacts("voice", "service_request", at(6, 14), 1, None, at(6, 15)),
    # Customer 2: email at 13:00 answered after 26 hours (over the day's target), resolved;
    # never back: resolved first time.
    ContactFacts("email", "complaint", at(3, 13), 2, at(4, 15), at(4, 15)),
    # Customer 3: SMS at 23:30, answered at 01:00 (90 min, late), resolved; back on the
    # 20th, after the window: resolved first time.
    ContactFacts("sms", "emergency", at(4, 23, 30), 3, at(5, 1), at(5, 2)),
    ContactFacts("sms", "service_request", at(20, 9), 3),
    # Unknown sender: counted, never in first-contact resolution.
    ContactFacts("web", None, at(8, 9), None, None, at(8, 10)),
    # Before the week: not counted (but its resolution on the 2nd would be, were it known).
    ContactFacts("sms", "service_request", at(1, 9), None),
]


def test_kpis_for_the_week() -> None:
    kpis = contact_kpis(
        CONTACTS, start=date(2026, 11, 2), end=date(2026, 11, 8),
        call_endings=[(at(3, 2), "no-answer"), (at(3, 3), "completed"), (at(9, 1), "busy")],
        # IVR calls: two hung up before choosing (one while it was still ringing us), two
        # got somewhere, and one abandoned after the week (not counted).
        ivr_calls=[(at(2, 9), "completed", False), (at(3, 10), "canceled", False),
                   (at(3, 11), "completed", True), (at(8, 12), "completed", True),
                   (at(9, 9), "completed", False)],
        alerts=[AlertFacts(at(3, 2), at(3, 2) + timedelta(seconds=90)),
                AlertFacts(at(4, 23, 30), at(4, 23, 30) + timedelta(seconds=30)),
                AlertFacts(at(5, 1), None)],
    )
    assert kpis["contacts"] == 5
    assert kpis["by_channel"] == {"email": 1, "sms": 2, "voice": 1, "web": 1}
    assert kpis["by_category"] == {"complaint": 1, "emergency": 1, "service_request": 2,
                                   "unrouted": 1}
    assert (kpis["by_hour"]["9"], kpis["by_hour"]["23"], kpis["by_hour"]["13"]) == (2, 1, 1)
    # Resolved from known customers: 1's SMS, 1's call, 2's email, 3's SMS = 4; 1's SMS was
    # followed by the call within 7 days; the other three were not.
    assert kpis["first_contact_resolution"] == {
        "resolved": 4, "not_repeated": 3, "ratio": 0.75, "repeat_window_days": 7}
    sms = kpis["first_response"]["sms"]
    assert (sms["replied"], sms["within_target"], sms["within_target_ratio"]) == (2, 1, 0.5)
    assert (sms["median_minutes"], sms["p90_minutes"]) == (40.0, 90.0)
    email = kpis["first_response"]["email"]
    assert (email["median_minutes"], email["within_target"], email["target_minutes"]) == (
        1560.0, 0, 1440)
    assert kpis["first_response"]["voice"]["within_target_ratio"] is None  # no reply sent
    assert kpis["calls"] == {"emergency_calls_ended": 2, "missed": 1,
                             "missed_by_status": {"no-answer": 1}, "ivr_calls_ended": 4,
                             "abandoned_in_menu": 2, "abandoned_ratio": 0.5,
                             "abandoned_by_status": {"canceled": 1, "completed": 1}}
    assert kpis["emergencies"] == {
        "alerts": 3, "acknowledged": 2, "median_seconds_to_acknowledge": 30.0,
        "p90_seconds_to_acknowledge": 90.0, "max_seconds_to_acknowledge": 90.0}


def test_targets_are_configured_in_minutes() -> None:
    assert parse_targets("sms=30")["sms"] == 30
    assert parse_targets("")["email"] == 1440
    with pytest.raises(ValueError, match="FIRST_RESPONSE_TARGETS"):
        parse_targets("sms=soon")


def test_when_a_resident_is_asked_how_we_did() -> None:
    now = at(10, 12)
    ok = SurveyCandidate(1, "sms", at(10, 10), opted_out=False, open_emergency=False,
                         last_asked_at=at(1, 9), channel_open=True)
    rules = {"now": now, "delay": timedelta(hours=1), "min_gap": timedelta(days=30)}
    assert should_ask(ok, **rules) == (False, "asked within the survey period already")
    first_time = SurveyCandidate(1, "sms", at(10, 10), False, False, None, True)
    assert should_ask(first_time, **rules) == (True, "ask")
    assert should_ask(replace(first_time, opted_out=True), **rules)[0] is False
    assert should_ask(replace(first_time, open_emergency=True), **rules) == (
        False, "an emergency is still open")
    assert should_ask(replace(first_time, resolved_at=at(10, 11, 30)), **rules)[0] is False
    assert should_ask(replace(first_time, channel_open=False), **rules)[0] is False
    assert read_answer("4") == (4, None)
    assert read_answer(" 2 - the plumber was late ") == (2, "the plumber was late")
    assert read_answer("Nobody came and I want to complain") == (
        None, "Nobody came and I want to complain")
    assert read_answer("45 minutes late")[0] is None
