"""Agents reclassify contacts with a reason: audited, re-routed, never silently."""

from __future__ import annotations

import pytest

from tests.helpers import sms_form


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("agent", "Priya (agent)")}


@pytest.fixture
def contact_id(client, twilio, run_jobs, agent):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Can someone look at my boiler"))
    run_jobs()
    return client.get("/api/v1/contacts", headers=agent).json["items"][0]["id"]


def test_reclassify_to_complaint_is_audited_and_rerouted(client, agent, contact_id, container):
    calls = []
    container.inbound.routing.handlers.append(
        lambda session, contact, decision: calls.append(decision.category) or []
    )
    response = client.post(
        f"/api/v1/contacts/{contact_id}/reclassify",
        json={"category": "complaint", "reason": "Resident said this is the 4th visit"},
        headers=agent,
    )

    assert response.status_code == 200
    body = response.json
    assert body["category"] == "complaint" and body["queue"] == "complaints"
    assert body["decision"]["reasons"] == [
        {"cue": "agent_reclassified", "words": "Resident said this is the 4th visit"}
    ]
    [event] = [e for e in body["events"] if e["kind"] == "reclassified"]
    assert event["actor"] == "Priya (agent)"
    assert event["detail"]["from"] == "service_request"
    assert event["detail"]["to"] == "complaint"
    assert calls == ["complaint"]  # the same follow-ups as a routing decision


def test_reclassify_to_emergency_goes_to_the_emergency_queue(client, agent, contact_id):
    body = client.post(
        f"/api/v1/contacts/{contact_id}/reclassify",
        json={"category": "emergency", "reason": "Caller rang back: no heating, 90 years old"},
        headers=agent,
    ).json
    assert body["priority"] == 1 and body["queue"] == "emergencies"


@pytest.mark.parametrize(
    "payload",
    [
        {"category": "urgent", "reason": "x"},
        {"category": "complaint"},
        {"category": "complaint", "reason": "   "},
        {"category": "complaint", "reason": "x", "queue": "nowhere"},
        ["complaint"],
    ],
)
def test_bad_reclassification_is_400_and_changes_nothing(client, agent, contact_id, payload):
    response = client.post(f"/api/v1/contacts/{contact_id}/reclassify", json=payload, headers=agent)
    assert response.status_code == 400
    detail = client.get(f"/api/v1/contacts/{contact_id}", headers=agent).json
    assert detail["category"] == "service_request"
    assert "reclassified" not in [e["kind"] for e in detail["events"]]


def test_reclassify_unknown_contact_is_404_and_needs_a_token(client, agent):
    payload = {"category": "complaint", "reason": "x"}
    assert client.post("/api/v1/contacts/9999/reclassify", json=payload).status_code == 401
    missing = client.post("/api/v1/contacts/9999/reclassify", json=payload, headers=agent)
    assert missing.status_code == 404


def test_reclassifying_a_contact_before_any_worker_threaded_it_raises_the_complaint(
    client, twilio, agent, container, run_jobs
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Third time the fence has fallen"))
    [accepted] = client.get("/api/v1/contacts", headers=agent).json["items"]

    response = client.post(
        f"/api/v1/contacts/{accepted['id']}/reclassify",
        json={"category": "complaint", "reason": "Resident is unhappy with the repair"},
        headers=agent,
    )
    run_jobs()

    assert accepted["status"] == "accepted"
    assert response.status_code == 200
    body = client.get(f"/api/v1/contacts/{accepted['id']}", headers=agent).json
    assert body["category"] == "complaint" and body["status"] == "routed"
    assert body["conversation"] is not None and body["customer"] is not None
    complaints = client.get("/api/v1/complaints", headers=agent).json["items"]
    assert len(complaints) == 1
