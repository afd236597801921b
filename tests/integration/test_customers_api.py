"""Residents' records: one customer across channels, vulnerabilities and reasonable
adjustments recorded with a reason, audited, shown to agents and used by the router."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from tests.helpers import MOBILE, sms_form


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Amira")}


def text(client, twilio, body: str, sid: str, sender: str = MOBILE, **extra: str) -> None:
    form = sms_form(body, sid=sid, sender=sender, **extra)
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200


def customer_id(container) -> int:
    with container.sessions() as session:
        return session.scalars(select(models.Customer.id)).one()


def test_the_record_shows_every_channel_the_resident_used(client, twilio, run_jobs, agent,
                                                          container):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    text(client, twilio, "Photo of the tap", "SM2", sender=f"whatsapp:{MOBILE}",
         To="whatsapp:+441234567890")
    run_jobs()

    record = client.get(f"/api/v1/customers/{customer_id(container)}", headers=agent)

    assert record.status_code == 200
    assert [(i["kind"], i["value"]) for i in record.json["identities"]] == [("phone", MOBILE)]
    assert {c["channel"] for c in record.json["recent_contacts"]} == {"sms", "whatsapp"}
    assert record.json["vulnerabilities"] == [] and record.json["changes"] == []
    assert client.get("/api/v1/customers/999999", headers=agent).status_code == 404


def test_recording_needs_and_adjustments_is_audited(client, twilio, run_jobs, agent, container):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    path = f"/api/v1/customers/{customer_id(container)}"

    changed = client.patch(path, headers=agent, json={
        "vulnerabilities": ["elderly", "alone"], "reasonable_adjustments": ["large_print"],
        "display_name": "Mrs D. Okafor", "reason": "daughter rang: mum is 84 and lives alone"})

    assert changed.status_code == 200
    assert changed.json["vulnerabilities"] == ["alone", "elderly"]
    assert changed.json["reasonable_adjustments"] == [
        {"code": "large_print", "meaning": "letters and documents in large print"}]
    [change] = changed.json["changes"]
    assert change["actor"] == "Amira" and change["reason"].startswith("daughter rang")
    assert change["changes"]["vulnerabilities"] == {"from": [], "to": ["alone", "elderly"]}
    contact = client.get("/api/v1/contacts", headers=agent).json["items"][0]
    detail = client.get(f"/api/v1/contacts/{contact['id']}", headers=agent).json
    assert detail["customer"]["vulnerabilities"] == ["alone", "elderly"]


@pytest.mark.parametrize("body", [
    {"vulnerabilities": ["elderly"]},  # no reason
    {"vulnerabilities": ["elderly"], "reason": "   "},
    {"vulnerabilities": ["very old"], "reason": "r"},
    {"vulnerabilities": "elderly", "reason": "r"},
    {"reasonable_adjustments": ["carrier pigeon"], "reason": "r"},
    {"preferred_channel": "fax", "reason": "r"},
    {"display_name": "x" * 201, "reason": "r"},
    {"date_of_birth": "1942-01-01", "reason": "r"},
    {"reason": "nothing to change"},
])
def test_bad_changes_are_refused_with_the_field_named(client, twilio, run_jobs, agent, container,
                                                      body):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()

    answer = client.patch(f"/api/v1/customers/{customer_id(container)}", json=body,
                          headers=agent)

    assert answer.status_code == 400
    assert answer.json["error"]["message"]
    with container.sessions() as session:
        assert session.scalars(select(models.CustomerChange)).all() == []


def test_a_recorded_vulnerability_makes_no_heating_an_emergency(client, twilio, run_jobs, agent,
                                                                container, clock):
    clock.advance(days=210)  # June: no heating is not an emergency for everyone in summer
    text(client, twilio, "Our heating has stopped working", "SM1")
    run_jobs()
    client.patch(f"/api/v1/customers/{customer_id(container)}", headers=agent,
                 json={"vulnerabilities": ["elderly"], "reason": "resident is 91"})

    text(client, twilio, "Our heating has stopped working again", "SM2")
    run_jobs()

    with container.sessions() as session:
        categories = session.scalars(
            select(models.Contact.category).order_by(models.Contact.id)).all()
    assert categories == ["service_request", "emergency"]


def test_a_resident_who_needs_large_print_gets_a_copy_prepared_by_hand(client, agent, container):
    recorded = client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "Mrs Jones", "phone": MOBILE}, "channel": "phone",
        "text": "The lift has been broken for weeks"})
    reference = recorded.json["reference"]
    client.patch(f"/api/v1/customers/{customer_id(container)}", headers=agent, json={
        "reasonable_adjustments": ["large_print"], "reason": "partially sighted"})

    acknowledged = client.post(f"/api/v1/complaints/{reference}/acknowledge", headers=agent,
                               json={"handler": {"id": "h-1", "name": "Ayesha Khan"},
                                     "understanding": "Broken lift",
                                     "outcomes_sought": ["lift repaired"]})

    assert acknowledged.status_code == 200
    with container.sessions() as session:
        rows = session.scalars(select(models.OutboundMessage).where(
            models.OutboundMessage.kind.like("complaint_%"))).all()
    by_channel = {r.channel: r for r in rows}
    assert set(by_channel) == {"sms", "letter"}
    assert by_channel["sms"].status == "queued"  # the letter itself goes as usual
    held = by_channel["letter"]
    assert held.status == "suppressed" and "large print" in held.error_message
    assert held.body == by_channel["sms"].body
