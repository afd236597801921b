"""Awaab's Law hazard cases end to end: opened from routed contacts, clocks shown by the
API, reminders and missed-clock alerts posted once to (fake) Slack, the written summary
through the outbox, and bad requests refused."""

from __future__ import annotations

import pytest

from tests.integration import homes_fixtures as home
from tests.integration.homes_fixtures import DOT, SAM, posted, sms

MOULD = "Black mould in my sons bedroom, he has asthma and keeps getting chest infections"


@pytest.fixture
def settings(settings, fake_slack):
    return home.slack_to(settings, fake_slack, hazards_slack_channel="#hazards")


@pytest.fixture
def agent(container):
    return home.agent_with_register(container)


def cases(client, agent, query: str = "") -> list[dict]:
    return home.listed(client, agent, "/api/v1/hazards", query)


def test_damp_and_mould_harming_health_opens_a_significant_case(client, twilio, run_jobs, agent):
    sms(client, twilio, MOULD, "SM1", DOT)
    sms(client, twilio, "The mould is back on the bedroom wall and my son's asthma is worse",
        "SM2", DOT)
    run_jobs()

    [case] = cases(client, agent, "?property=P-1001")
    assert (case["kind"], case["hazard"], case["status"]) == (
        "significant", "damp_and_mould", "open")
    assert case["property"]["reference"] == "P-1001" and len(case["contacts"]) == 2
    assert case["deadlines"] == {"investigate_by": {"due": "2026-12-07T23:59:59.999999+00:00",
                                                    "met_at": None}}
    shown = client.get(f"/api/v1/hazards/{case['reference']}", headers=agent).json
    assert shown == case
    assert cases(client, agent, "?property=P-2001") == []


def test_an_emergency_hazard_opens_a_24_hour_case(client, twilio, run_jobs, agent):
    sms(client, twilio, "I can smell gas in my kitchen", "SM3", SAM)
    sms(client, twilio, "My kitchen tap is dripping", "SM4", DOT)
    run_jobs()

    [case] = cases(client, agent)
    assert (case["kind"], case["hazard"]) == ("emergency", "gas")
    assert {n: c["due"] for n, c in case["deadlines"].items()} == {
        "investigate_by": "2026-11-24T09:30:00+00:00", "make_safe_by": "2026-11-24T09:30:00+00:00"}


def test_clocks_are_reminded_then_missed_clocks_alerted_once(
    client, twilio, run_jobs, agent, container, clock, fake_slack,
):
    sms(client, twilio, "I can smell gas in my kitchen", "SM5", SAM)
    run_jobs()
    [case] = cases(client, agent)

    clock.advance(hours=19)
    assert container.hazard_monitor.check() == 2  # both 24-hour clocks: 6 hours to go
    run_jobs()
    assert container.hazard_monitor.check() == 0
    run_jobs()
    reminders = posted(fake_slack)
    assert len(reminders) == 2 and all(case["reference"] in text for text in reminders)
    assert "Flat 4, Mill House" in reminders[0]

    client.post(f"/api/v1/hazards/{case['reference']}/steps", headers=agent,
                json={"step": "made_safe", "note": "gas capped by engineer"})
    clock.advance(hours=6)
    assert container.hazard_monitor.check() == 1
    run_jobs()
    container.hazard_monitor.check()
    run_jobs()
    missed = posted(fake_slack)[2:]
    assert len(missed) == 1 and "MISSED" in missed[0] and "investigation" in missed[0]
    assert [c["reference"] for c in cases(client, agent, "?overdue=true")] == [case["reference"]]
    assert cases(client, agent, "?overdue=false") == []
    assert cases(client, agent, "?status=closed") == []


def test_the_investigation_sends_the_written_summary_and_starts_the_work_clocks(
    client, twilio, run_jobs, agent, clock,
):
    sms(client, twilio, MOULD, "SM6", DOT)
    run_jobs()
    [case] = cases(client, agent)
    clock.advance(days=3, hours=1)
    path = f"/api/v1/hazards/{case['reference']}/steps"

    done = client.post(path, headers=agent, json={
        "step": "investigated", "hazard_found": True, "at": "2026-11-26T10:00:00+00:00",
        "note": "Mould on the north wall from a failed extractor fan."})
    assert done.status_code == 200, done.json
    clocks = done.json["deadlines"]
    assert clocks["investigate_by"]["met_at"] == "2026-11-26T10:00:00+00:00"
    assert clocks["safety_work_by"]["due"].startswith("2026-12-03")
    assert clocks["preventative_work_by"]["due"] == "2027-02-18T10:00:00+00:00"
    assert clocks["summary_by"]["met_at"] is not None
    run_jobs()
    outbox = client.get("/api/v1/outbox?limit=200", headers=agent).json["items"]
    [summary] = [m for m in outbox if m["kind"] == "hazard_summary"]
    assert summary["recipient"] == DOT and "failed extractor fan" in summary["body"]
    assert "Flat 3, Mill House" in summary["body"]

    again = client.post(path, headers=agent, json={
        "step": "investigated", "hazard_found": True, "note": "second look"})
    assert again.status_code == 200
    outbox = client.get("/api/v1/outbox?limit=200", headers=agent).json["items"]
    assert len([m for m in outbox if m["kind"] == "hazard_summary"]) == 1  # sent once

    closed = client.post(path, headers=agent, json={"step": "closed"})
    assert closed.json["status"] == "closed" and closed.json["retain_until"] == "2032-12-31"
    assert client.post(path, headers=agent, json={"step": "made_safe"}).status_code == 409


@pytest.mark.parametrize(("body", "words"), [
    ({"step": "painted"}, "step: one of"),
    ({"step": "investigated", "note": "found it"}, "hazard_found"),
    ({"step": "investigated", "hazard_found": "yes", "note": "x"}, "hazard_found: true"),
    ({"step": "alternative_accommodation_offered"}, "note: say what"),
    ({"step": "made_safe", "at": "yesterday"}, "at: an ISO 8601"),
    ({"step": "made_safe", "at": "2030-01-01T00:00:00+00:00"}, "future"),
    ({"step": "safety_work_started"}, "does not apply"),
])
def test_bad_steps_are_400_with_the_reason(client, twilio, run_jobs, agent, body, words):
    sms(client, twilio, MOULD, "SM7", DOT)
    run_jobs()
    [case] = cases(client, agent)
    response = client.post(f"/api/v1/hazards/{case['reference']}/steps", headers=agent,
                           json=body)
    assert response.status_code == 400 and words in response.json["error"]["message"]


def test_unknown_cases_and_bad_filters(client, agent):
    assert client.get("/api/v1/hazards/HZ-NOPE", headers=agent).status_code == 404
    assert client.get("/api/v1/hazards?overdue=maybe", headers=agent).status_code == 400
    assert client.get("/api/v1/hazards?status=lost", headers=agent).status_code == 400
    assert client.get("/api/v1/hazards").status_code == 401
    assert "/hazards/{reference}" in client.get("/api/v1/openapi.json").json["paths"]
