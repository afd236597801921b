"""Operator endpoints: health, readiness, metrics."""

from __future__ import annotations

from contact_hub.app import create_app
from tests.helpers import sms_form


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["status"] == "ready"
    assert ready.json["checks"] == {"database": "ok", "redis": "ok",
                                    "backlog": {"oldest_waiting_seconds": 0.0}}


def test_readyz_is_503_when_redis_is_unreachable(redis_down):
    response = create_app(container=redis_down).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["redis"] == "unreachable"


def test_metrics_count_contacts_and_webhook_outcomes(client, twilio, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping", sid="SM1"))
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping", sid="SM1"))
    client.post("/webhooks/twilio/sms", data=sms_form("unsigned"))
    run_jobs()

    text = client.get("/metrics").get_data(as_text=True)

    assert 'contact_hub_contacts{category="service_request",channel="sms"} 1' in text
    assert 'contact_hub_webhooks_total{channel="sms",outcome="accepted"} 1' in text
    assert 'contact_hub_webhooks_total{channel="sms",outcome="duplicate"} 1' in text
    assert 'contact_hub_webhooks_total{channel="sms",outcome="forbidden"} 1' in text
    assert 'contact_hub_outbound_messages{status="simulated"} 1' in text
    assert "# TYPE contact_hub_jobs_queued gauge" in text


def test_metrics_show_how_long_the_oldest_contact_has_waited_for_a_worker(
    client, twilio, clock, run_jobs
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Cupboard hinge is loose", sid="SMw1"))
    clock.advance(seconds=90)  # no worker has run: an operator should see this growing

    waiting = client.get("/metrics").get_data(as_text=True)
    run_jobs()
    done = client.get("/metrics").get_data(as_text=True)

    assert 'contact_hub_oldest_waiting_contact_seconds{status="accepted"} 90' in waiting
    assert "contact_hub_oldest_waiting_contact_seconds{" not in done
