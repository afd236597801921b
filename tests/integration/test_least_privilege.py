"""Least privilege: on-call mobiles for managers and admins only, tokens that can be
listed (never their secret), revoked and expire, /metrics behind METRICS_TOKEN, and every
read of a resident's record through the API in the access audit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.bootstrap import Container
from contact_hub.cli import main
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from contact_hub.storage.models import ApiToken
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import sms_form
from tests.integration.escalation_fixtures import FALLBACK, paging_settings

METRICS_TOKEN = "metrics-secret-0123456789"


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    return paging_settings(settings, fake_slack, fake_twilio)


def bearer(container: Container, role: str, name: str | None = None) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create(role, name or f"a {role}")}


def mobiles(client: Any, headers: dict[str, str]) -> list[str | None]:
    rota = client.get("/api/v1/oncall", headers=headers).get_json()
    return [r["mobile"] for r in rota["page_order"]]


def test_oncall_mobiles_are_masked_for_agents_and_shown_to_managers_and_admins(
    client: Any, container: Container
) -> None:
    full = mobiles(client, bearer(container, "manager"))
    masked = mobiles(client, bearer(container, "agent"))

    assert FALLBACK in full and full == mobiles(client, bearer(container, "admin"))
    assert len(masked) == len(full) and not set(masked) & set(full)
    assert all(m is None or m.startswith("+44") and "*" in m and m[-3:] == f[-3:]
               for m, f in zip(masked, full, strict=True))


def test_agents_see_on_call_numbers_masked_in_the_outbox_too(
    client: Any, container: Container, twilio: Any, run_jobs: Any
) -> None:
    twilio.post(client, "/webhooks/twilio/sms", sms_form("I can smell gas in the hall"))
    run_jobs()

    def pages(role: str) -> set[str]:
        listed = client.get("/api/v1/outbox?limit=200", headers=bearer(container, role))
        return {m["recipient"] for m in listed.get_json()["items"] if m["kind"] == "alert_page"}

    manager_view, agent_view = pages("manager"), pages("agent")
    assert manager_view and all("*" not in r for r in manager_view)
    assert agent_view and all("*" in r for r in agent_view)


def test_tokens_are_listed_without_secrets_and_revoked_at_once(
    client: Any, container: Container
) -> None:
    admin = bearer(container, "admin", "root")
    made = client.post("/api/v1/tokens", json={"role": "agent", "name": "Priya (agent)",
                                               "expires_in_days": 30}, headers=admin)
    assert made.status_code == 201
    secret, token_id = made.get_json()["token"], made.get_json()["id"]
    agent = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/contacts", headers=agent).status_code == 200

    listed = client.get("/api/v1/tokens", headers=admin)
    assert secret not in listed.get_data(as_text=True)
    with container.sessions() as session:
        stored_hashes = session.scalars(select(ApiToken.token_hash)).all()
    assert not any(h in listed.get_data(as_text=True) for h in stored_hashes)
    [row] = [t for t in listed.get_json()["items"] if t["id"] == token_id]
    assert (row["role"], row["name"], row["state"]) == ("agent", "Priya (agent)", "active")
    assert row["expires_at"].startswith("2026-12-23")

    revoked = client.post(f"/api/v1/tokens/{token_id}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.get_json()["state"] == "revoked"
    assert client.get("/api/v1/contacts", headers=agent).status_code == 401
    assert client.post("/api/v1/tokens/999999/revoke", headers=admin).status_code == 404


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_only_admins_manage_tokens_and_read_the_audit(
    client: Any, container: Container, role: str
) -> None:
    headers = bearer(container, role)
    assert client.get("/api/v1/tokens", headers=headers).status_code == 403
    assert client.post("/api/v1/tokens", json={"role": "admin"}, headers=headers).status_code \
        == 403
    assert client.get("/api/v1/audit/access", headers=headers).status_code == 403


@pytest.mark.parametrize("body", [{"role": "root"}, {"role": "agent", "expires_in_days": 0},
                                  {"role": "agent", "expires_in_days": "7"},
                                  {"role": "agent", "name": 5}])
def test_bad_token_requests_are_400(client: Any, container: Container, body: Any) -> None:
    response = client.post("/api/v1/tokens", json=body, headers=bearer(container, "admin"))
    assert response.status_code == 400 and response.get_json()["error"]["message"]


def test_a_token_stops_working_when_it_expires(
    client: Any, container: Container, clock: FrozenClock
) -> None:
    token = container.tokens.create("agent", "temp", expires_in_days=1)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/contacts", headers=headers).status_code == 200
    clock.advance(days=1, seconds=1)
    assert client.get("/api/v1/contacts", headers=headers).status_code == 401
    assert [t.state for t in container.tokens.list()] == ["expired"]


def test_metrics_need_the_metrics_token_when_it_is_set(
    client: Any, container: Container, settings: Settings
) -> None:
    assert client.get("/metrics").status_code == 200  # not set: open, as before
    container.settings = settings.with_overrides(metrics_token=METRICS_TOKEN)

    refused = client.get("/metrics")
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    right = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})

    assert refused.status_code == wrong.status_code == 401
    assert refused.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert right.status_code == 200 and "contact_hub_contacts" in right.get_data(as_text=True)


def test_a_short_metrics_token_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="METRICS_TOKEN"):
        Settings.from_env({"METRICS_TOKEN": "short"})


def test_every_read_of_a_residents_record_is_in_the_access_audit(
    client: Any, container: Container, twilio: Any, run_jobs: Any, clock: FrozenClock
) -> None:
    twilio.post(client, "/webhooks/twilio/sms", sms_form("The boiler is broken", sid="SMa1"))
    run_jobs()
    priya = bearer(container, "agent", "Priya")
    admin = bearer(container, "admin", "Auditor")
    [contact] = client.get("/api/v1/contacts", headers=priya).get_json()["items"]
    complaint = client.post("/api/v1/complaints", headers=priya, json={
        "resident": {"name": "Ms A Resident"}, "channel": "phone",
        "text": "Nobody came to fix the boiler"}).get_json()

    clock.advance(minutes=5)
    assert client.get(f"/api/v1/contacts/{contact['id']}", headers=priya).status_code == 200
    assert client.get(f"/api/v1/customers/{contact['customer_id']}",
                      headers=priya).status_code == 200
    assert client.get(f"/api/v1/complaints/{complaint['reference']}",
                      headers=priya).status_code == 200
    assert client.get("/api/v1/contacts/999999", headers=priya).status_code == 404  # no record

    audit = client.get("/api/v1/audit/access?actor=Priya", headers=admin).get_json()
    reads = [(r["record_type"], r["record_id"], r["actor"], r["role"], r["via"])
             for r in reversed(audit["items"])]
    assert reads == [("contact", str(contact["id"]), "Priya", "agent", "api"),
                     ("customer", str(contact["customer_id"]), "Priya", "agent", "api"),
                     ("complaint", complaint["reference"], "Priya", "agent", "api")]
    assert {r["at"] for r in audit["items"]} == {clock().isoformat()}
    one = client.get(f"/api/v1/audit/access?record_type=customer&record_id="
                     f"{contact['customer_id']}", headers=admin).get_json()
    assert one["total"] == 1 and one["items"][0]["token_id"] is not None


def test_cli_creates_lists_and_revokes_tokens(
    container: Container, settings: Settings, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.effective_database_url)
    assert main(["tokens", "create", "--role", "manager", "--name", "Duty manager",
                 "--expires-in-days", "7"]) == 0
    secret = capsys.readouterr().out.strip()
    assert container.tokens.role_for(secret) == "manager"

    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Duty manager" in listing and "manager" in listing and secret not in listing
    [info] = container.tokens.list()

    assert main(["tokens", "revoke", str(info.id)]) == 0
    assert container.tokens.role_for(secret) is None
    assert main(["tokens", "revoke", "424242"]) == 1
