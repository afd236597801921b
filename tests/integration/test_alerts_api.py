"""Alerts, the rota and paging calls over HTTP: API, readiness, metrics, voice TwiML, CLI."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest

from contact_hub.bootstrap import Container
from contact_hub.clock import FrozenClock
from contact_hub.services.escalation.oncall import OnCall, report_gaps
from contact_hub.settings import Settings
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import MOBILE, sms_form
from tests.integration.escalation_fixtures import (
    FALLBACK,
    paging_settings,
    release_due,
    the_alert,
)


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    """The suite's settings with the example rota, fake Slack and fake Twilio."""
    return paging_settings(settings, fake_slack, fake_twilio)


def agent(container: Container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}


def open_alert(client: Any, twilio: Any, run_jobs: Any) -> None:
    twilio.post(client, "/webhooks/twilio/sms", sms_form("I can smell gas in the hall"))
    run_jobs()


def test_oncall_now_and_at_a_given_time(container: Container, client: Any) -> None:
    headers = {"Authorization": "Bearer " + container.tokens.create("manager", "duty manager")}
    now = client.get("/api/v1/oncall", headers=headers).get_json()
    assert [t["person"] for t in now["tiers"]][0] == "Chloe Davies"
    later = client.get("/api/v1/oncall?at=2026-12-07T10:00:00Z", headers=headers).get_json()
    assert later["tiers"][0]["person"] != "Chloe Davies"
    assert later["page_order"][-1]["mobile"] == FALLBACK
    assert client.get("/api/v1/oncall?at=tomorrow", headers=headers).status_code == 400
    assert client.get("/api/v1/oncall").status_code == 401


def test_api_acknowledgement_and_timeline(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    headers = agent(container)
    open_alert(client, twilio, run_jobs)
    alert_id = the_alert(container).id
    listed = client.get("/api/v1/alerts?state=open", headers=headers).get_json()
    assert [a["id"] for a in listed["items"]] == [alert_id]
    clock.advance(minutes=3)
    answer = client.post(f"/api/v1/alerts/{alert_id}/acknowledge", json={"by": "Duty desk"},
                         headers=headers)
    assert answer.get_json() == {"id": alert_id, "state": "acknowledged", "changed": True}
    again = client.post(f"/api/v1/alerts/{alert_id}/acknowledge", headers=headers).get_json()
    assert again["changed"] is False
    run_jobs()
    detail = client.get(f"/api/v1/alerts/{alert_id}", headers=headers).get_json()
    assert detail["acknowledged"]["by"] == "Duty desk" and detail["acknowledged"]["via"] == "api"
    assert [e["kind"] for e in detail["timeline"]][:3] == ["opened", "step", "acknowledged"]
    assert any(m["To"] == MOBILE and "engineer" in m["Body"] for m in fake_twilio.messages)
    resolved = client.post(f"/api/v1/alerts/{alert_id}/resolve", headers=headers).get_json()
    assert resolved["state"] == "resolved"
    assert client.post("/api/v1/alerts/999/resolve", headers=headers).status_code == 404
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'contact_hub_alert_time_to_acknowledge_seconds_bucket{le="300"} 1' in metrics
    assert 'contact_hub_alert_time_to_acknowledge_seconds_bucket{le="120"} 0' in metrics


def test_paging_call_reads_the_alert_and_press_1_acknowledges(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    open_alert(client, twilio, run_jobs)
    clock.advance(minutes=5)
    container.escalation.audit()  # nothing to do: the step is not overdue
    from_scheduler(container, clock, run_jobs)
    url = fake_twilio.calls[-1]["Url"]
    path = url.removeprefix("https://hub.example.org")
    call = {"CallSid": "CA" + "1" * 32, "AccountSid": "AC" + "0" * 32, "To": "+447700900103"}
    script = twilio.post(client, path, call).get_data(as_text=True)
    assert "gas" in script and "Press 1" in script and "<Gather" in script
    assert twilio.post(client, path, call | {"Digits": "2"}).status_code == 200
    assert the_alert(container).state == "open"
    pressed = twilio.post(client, path + "/ack", call | {"Digits": "1"}).get_data(as_text=True)
    assert "acknowledged" in pressed
    alert = the_alert(container)
    assert (alert.state, alert.acknowledged_via, alert.acknowledged_by) == (
        "acknowledged", "voice", "Chloe Davies")
    assert client.post(path, data=call).status_code == 403  # unsigned


def from_scheduler(container: Container, clock: FrozenClock, run_jobs: Any) -> None:
    release_due(container, clock)
    run_jobs()


def test_readyz_reports_a_rota_gap_as_a_warning(
    container: Container, client: Any, tmp_path: Any,
) -> None:
    gappy = tmp_path / "rota.yaml"
    gappy.write_text(
        "rota:\n  tiers:\n    - key: repairs\n      name: Repairs\n"
        "      handover: {day: monday, time: \"09:00\"}\n      starts: 2026-01-05\n"
        "      ends: 2026-11-30\n      rotation:\n"
        "        - {name: Priya Shah, mobile: \"+447700900101\"}\n")
    container.oncall.rota_file = str(gappy)
    answer = client.get("/readyz")
    body = answer.get_json()
    assert answer.status_code == 200 and body["status"] == "ready"
    assert body["oncall"]["status"] == "gaps" and body["oncall"]["gaps"][0]["tier"] == "repairs"
    out = io.StringIO()
    check = OnCall(str(gappy), FALLBACK, container.clock)
    assert report_gaps(check, timedelta(days=14), out) == 1
    assert "gap: repairs has nobody on call from Mon 30 Nov 09:00" in out.getvalue()
