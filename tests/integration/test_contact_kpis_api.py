"""Contact KPIs through the API and /metrics, from contacts taken in by SMS, answered and
resolved by an agent (issue 20)."""

from __future__ import annotations

from tests.integration.test_agent_queues import bearer, take, text


def test_kpis_count_what_agents_did(client, twilio, run_jobs, container, clock):
    agent, manager = bearer(container, "Amira"), bearer(container, "Mo", "manager")
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    contact = take(client, agent, "repairs").json
    clock.advance(minutes=20)
    assert client.post(f"/api/v1/contacts/{contact['id']}/reply", json={
        "body": "A plumber can come on Tuesday."}, headers=agent).status_code == 201
    assert client.post(f"/api/v1/contacts/{contact['id']}/resolve", headers=agent
                       ).status_code == 200

    assert client.get("/api/v1/reports/contacts?from=2026-11-23&to=2026-11-23",
                      headers=agent).status_code == 403
    kpis = client.get("/api/v1/reports/contacts?from=2026-11-23&to=2026-11-23",
                      headers=manager).json
    assert kpis["contacts"] == 1 and kpis["by_channel"] == {"sms": 1}
    assert kpis["by_hour"]["9"] == 1  # received 09:30 on Mon 23 Nov (GMT)
    sms = kpis["first_response"]["sms"]
    assert (sms["replied"], sms["median_minutes"], sms["within_target_ratio"]) == (1, 20.0, 1.0)
    assert kpis["first_contact_resolution"]["resolved"] == 1
    assert kpis["first_contact_resolution"]["ratio"] == 1.0

    metrics = client.get("/metrics").get_data(as_text=True)
    assert "contact_hub_first_contact_resolution_ratio 1" in metrics
    assert 'contact_hub_first_response_within_target_ratio{channel="sms"} 1' in metrics


def test_bad_periods_get_a_400(client, container):
    manager = bearer(container, "Mo", "manager")
    for query in ("from=2026-11-23", "from=2026-11-23&to=2026-11-01",
                  "from=2020-01-01&to=2026-01-01", "from=soon&to=later"):
        response = client.get(f"/api/v1/reports/contacts?{query}", headers=manager)
        assert response.status_code == 400, query
