"""Repair service standards end to end: a routed repair gets the landlord's target for its
priority (working days over Christmas's bank holidays), an agent's change of priority is
audited and moves the due time, reminders and missed-target alerts reach Slack once each,
and the API and the contact show it all."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from contact_hub.clock import FrozenClock
from tests.integration import homes_fixtures as home
from tests.integration.homes_fixtures import DOT, SAM, posted, sms
from tests.workspace_helpers import signed_in

# Wednesday 23 December 2026: Christmas Day is a Friday, Boxing Day a Saturday (its bank
# holiday is Monday 28th), New Year's Day a Friday.
BEFORE_CHRISTMAS = datetime(2026, 12, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(BEFORE_CHRISTMAS)


@pytest.fixture
def settings(settings, fake_slack):
    return home.slack_to(settings, fake_slack, repairs_slack_channel="#repairs")


@pytest.fixture
def agent(container):
    return home.agent_with_register(container)


def repairs(client, agent, query: str = "") -> list[dict]:
    return home.listed(client, agent, "/api/v1/repairs", query)


def test_targets_by_priority_skip_christmas_bank_holidays(client, twilio, run_jobs, agent):
    sms(client, twilio, "My kitchen tap is dripping", "SM1", DOT)
    sms(client, twilio, "The toilet is blocked and will not flush", "SM2", SAM)
    sms(client, twilio, "I can smell gas in my kitchen", "SM3", SAM)
    run_jobs()

    found = {r["priority"]: r for r in repairs(client, agent)}
    assert set(found) == {"emergency", "urgent", "routine"}
    # Emergency: 24 hours to the minute, whatever the calendar.
    assert found["emergency"]["due_at"] == "2026-12-24T10:00:00+00:00"
    # Urgent, 5 working days: Thu 24, (Fri 25, Mon 28 holidays) Tue 29, Wed 30, Thu 31,
    # (Fri 1 Jan holiday) Mon 4 January, to the end of that London day.
    assert found["urgent"]["due_at"] == "2027-01-04T23:59:59.999999+00:00"
    assert found["urgent"]["target"] == {"code": "5wd", "words": "5 working days"}
    # Routine, 20 working days: Wednesday 20 January without holidays; the 3 bank holidays
    # in the way make it Monday 25 January.
    assert found["routine"]["due_at"] == "2027-01-25T23:59:59.999999+00:00"
    urgent = found["urgent"]
    assert urgent["property"]["reference"] == "P-1001"
    assert (urgent["status"], urgent["priority_set_by"], urgent["overdue"]) == (
        "open", "router", False)
    # Soonest due first.
    assert [r["priority"] for r in repairs(client, agent)] == ["emergency", "urgent", "routine"]

    contact = client.get(f"/api/v1/contacts/{urgent['contact']['id']}", headers=agent).json
    assert contact["repair"] == urgent
    assert "repair_opened" in [e["kind"] for e in contact["events"]]


def test_a_complaint_or_a_rent_question_is_no_repair(client, twilio, run_jobs, agent):
    sms(client, twilio, "I want to make a complaint about how rude your staff were", "SM4", DOT)
    sms(client, twilio, "How much is my rent this month?", "SM5", SAM)
    run_jobs()
    assert repairs(client, agent) == []


def test_an_agent_changes_the_priority_with_a_reason_and_it_is_audited(
    client, twilio, run_jobs, agent, container,
):
    sms(client, twilio, "The toilet is blocked and will not flush", "SM6", SAM)
    run_jobs()
    [repair] = repairs(client, agent)
    path = f"/api/v1/repairs/{repair['reference']}/priority"

    no_reason = client.put(path, headers=agent, json={"priority": "urgent"})
    assert no_reason.status_code == 400 and "reason" in no_reason.json["error"]["message"]
    bad = client.put(path, headers=agent, json={"priority": "whenever", "reason": "x"})
    assert bad.status_code == 400 and "priority" in bad.json["error"]["message"]

    changed = client.put(path, headers=agent, json={
        "priority": "urgent", "reason": "Only toilet in a home with two children under 5"})
    assert changed.status_code == 200, changed.json
    assert (changed.json["priority"], changed.json["priority_set_by"]) == ("urgent", "Amira")
    assert changed.json["due_at"] == "2027-01-04T23:59:59.999999+00:00"
    events = client.get(f"/api/v1/contacts/{repair['contact']['id']}", headers=agent
                        ).json["events"]
    [audit] = [e for e in events if e["kind"] == "repair_priority_changed"]
    assert audit["actor"] == "Amira"
    assert audit["detail"]["from"] == "routine" and audit["detail"]["to"] == "urgent"
    assert "two children" in audit["detail"]["reason"]
    assert repairs(client, agent, "?priority=routine") == []


def test_reminded_before_the_target_then_a_manager_alerted_once_when_missed(
    client, twilio, run_jobs, agent, container, clock, fake_slack,
):
    sms(client, twilio, "My kitchen tap is dripping", "SM7", DOT)
    run_jobs()
    [repair] = repairs(client, agent)

    clock.advance(days=7)  # Wed 30 Dec: 2 working days to go (31 Dec, 4 Jan)
    assert container.repair_monitor.check() == 0
    clock.advance(days=1)  # Thu 31 Dec: the working day before
    assert container.repair_monitor.check() == 1
    run_jobs()
    assert container.repair_monitor.check() == 0
    run_jobs()
    [reminder] = posted(fake_slack)
    assert repair["reference"] in reminder and "Flat 3, Mill House" in reminder
    assert "23:59 on Mon 04 Jan 2027" in reminder

    clock.advance(days=5)  # Tue 5 January: missed
    assert container.repair_monitor.check() == 1
    run_jobs()
    container.repair_monitor.check()
    run_jobs()
    missed = posted(fake_slack)[1:]
    assert len(missed) == 1 and "MISSED" in missed[0] and "Manager" in missed[0]
    assert [r["reference"] for r in repairs(client, agent, "?overdue=true")] == [
        repair["reference"]]
    assert repairs(client, agent, "?overdue=false") == []

    done = client.post(f"/api/v1/repairs/{repair['reference']}/finish", headers=agent,
                       json={"status": "completed", "note": "washer replaced"})
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["overdue"]) == ("completed", False)
    assert repairs(client, agent, "?overdue=true") == []
    again = client.post(f"/api/v1/repairs/{repair['reference']}/finish", headers=agent,
                        json={"status": "completed"})
    assert again.status_code == 409
    clock.advance(days=1)
    assert container.repair_monitor.check() == 0


def test_bad_requests_get_clear_answers(client, agent):
    assert client.get("/api/v1/repairs?overdue=maybe", headers=agent).status_code == 400
    assert client.get("/api/v1/repairs?priority=soon", headers=agent).status_code == 400
    assert client.get("/api/v1/repairs/RP-NOPE", headers=agent).status_code == 404
    finish = client.post("/api/v1/repairs/RP-NOPE/finish", headers=agent,
                         json={"status": "done"})
    assert finish.status_code == 400
    assert client.put("/api/v1/repairs/RP-NOPE/priority", headers=agent,
                      json={"priority": "urgent", "reason": "x"}).status_code == 404


def test_the_contact_page_shows_the_repair_and_its_target(
    client, twilio, run_jobs, agent, container, clock,
):
    sms(client, twilio, "My kitchen tap is dripping", "SM8", DOT)
    run_jobs()
    [repair] = repairs(client, agent)
    signed_in(client, container)

    html = client.get(f"/contacts/{repair['contact']['id']}").get_data(as_text=True)
    section = re.search(r'<section[^>]*id="repair".*?</section>', html, re.S).group(0)
    assert repair["reference"] in section and "Urgent (as routed)" in section
    assert "5 working days: due" in section and "Mon 04 Jan 2027, 23:59" in section
    assert "tag--nearing" in section

    clock.advance(days=13)
    signed_in(client, container, role="manager")  # the first session has idled out
    html = client.get(f"/contacts/{repair['contact']['id']}").get_data(as_text=True)
    assert "Target missed" in re.search(r'<section[^>]*id="repair".*?</section>', html,
                                        re.S).group(0)


def test_a_repair_reclassified_away_from_repairs_is_cancelled_and_audited(
    client, twilio, run_jobs, agent,
):
    sms(client, twilio, "My kitchen tap is dripping", "SM1", DOT)
    run_jobs()
    [repair] = repairs(client, agent)
    contact_id = repair["contact"]["id"]

    answer = client.post(f"/api/v1/contacts/{contact_id}/reclassify", json={
        "category": "complaint", "reason": "She is complaining about the last visit"},
        headers=agent)

    assert answer.status_code == 200
    [after] = repairs(client, agent)
    assert (after["status"], after["completed_at"]) == ("cancelled", None)
    events = client.get(f"/api/v1/contacts/{contact_id}", headers=agent).json["events"]
    [cancelled] = [e for e in events if e["kind"] == "repair_cancelled"]
    assert cancelled["detail"]["reference"] == repair["reference"]
    assert "reclassified" in cancelled["detail"]["note"]
    assert repairs(client, agent, "?status=open") == []


def test_a_repair_stays_open_when_its_contact_becomes_an_emergency(
    client, twilio, run_jobs, agent,
):
    sms(client, twilio, "My kitchen tap is dripping", "SM1", DOT)
    run_jobs()
    [repair] = repairs(client, agent)
    client.post(f"/api/v1/contacts/{repair['contact']['id']}/reclassify", json={
        "category": "emergency", "reason": "Water is now coming through the ceiling"},
        headers=agent)
    assert [r["status"] for r in repairs(client, agent)] == ["open"]
