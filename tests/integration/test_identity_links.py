"""One resident across channels: Priya's email and her mobile start as two residents; the
register suggests they are one person, an agent links them (audited), her contacts on both
channels then show on one record and one contact history; unlinking is audited too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from channels.base import Channel, InboundMessage
from contact_hub.services.homes.console import run_homes_import
from tests.helpers import sms_form

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"
PRIYA_MOBILE, PRIYA_EMAIL = "+447400123458", "priya.patel@example.org"
AS_SENT = "Priya.Patel@Example.org"  # the email's From, as she typed it
REASON = "Priya confirmed on the phone that she also emails us"


@pytest.fixture
def agent(container):
    run_homes_import(container.uow, EXAMPLE)
    return {"Authorization": "Bearer " + container.tokens.create("agent", "Amira")}


def email(container, text: str, message_id: str, sender: str = AS_SENT):
    container.inbound.receive(InboundMessage(
        channel=Channel.EMAIL, provider_message_id=message_id, sender=sender,
        recipient="repairs@landlord.example", text=text, subject="Fan",
        received_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), raw={}), answer_inline=False)


def residents(client, agent) -> dict[str, int]:
    """Each contact's sender → the resident record it is on."""
    items = client.get("/api/v1/contacts", headers=agent).json["items"]
    return {c["sender"]: c["customer_id"] for c in items}


def record(client, agent, customer_id: int) -> dict:
    response = client.get(f"/api/v1/customers/{customer_id}", headers=agent)
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def two_records(client, container, twilio, run_jobs, agent):
    email(container, "The bathroom extractor fan has stopped", "<m1@example.org>")
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(
        "Any news on the fan?", sender=PRIYA_MOBILE, sid="SM1")).status_code == 200
    run_jobs()
    found = residents(client, agent)
    assert found[PRIYA_MOBILE] != found[AS_SENT]
    return found[PRIYA_MOBILE], found[AS_SENT]


def test_linking_makes_one_resident_and_is_audited(client, agent, two_records):
    phone_record, email_record = two_records
    suggested = record(client, agent, phone_record)["suggested_links"]
    assert [(s["customer_id"], s["kind"], s["value"], s["household_member"])
            for s in suggested] == [(email_record, "email", PRIYA_EMAIL, "Priya Patel")]

    linked = client.post(f"/api/v1/customers/{phone_record}/identities", headers=agent,
                         json={"kind": "email", "value": "Priya.Patel@example.org",
                               "reason": REASON})
    assert linked.status_code == 200, linked.json
    body = linked.json
    assert sorted((i["kind"], i["value"]) for i in body["identities"]) == [
        ("email", PRIYA_EMAIL), ("phone", PRIYA_MOBILE)]
    assert sorted(c["channel"] for c in body["recent_contacts"]) == ["email", "sms"]
    assert body["suggested_links"] == []
    [audit] = [c for c in body["changes"] if "identity_linked" in c["changes"]]
    assert (audit["actor"], audit["reason"]) == ("Amira", REASON)
    assert audit["changes"]["identity_linked"] == {
        "identity": f"email:{PRIYA_EMAIL}", "from": email_record, "contacts_moved": 1}
    assert set(residents(client, agent).values()) == {phone_record}

    old = record(client, agent, email_record)
    assert old["identities"] == [] and old["recent_contacts"] == []
    assert {"identity_unlinked", "merged"} <= {k for c in old["changes"] for k in c["changes"]}


def test_a_later_email_joins_the_linked_resident(client, container, run_jobs, agent,
                                                  two_records):
    phone_record, _ = two_records
    client.post(f"/api/v1/customers/{phone_record}/identities", headers=agent,
                json={"kind": "email", "value": PRIYA_EMAIL, "reason": REASON})
    email(container, "Thanks, the fan works now", "<m2@example.org>")
    run_jobs()
    assert set(residents(client, agent).values()) == {phone_record}
    contact_id = next(c["id"] for c in client.get("/api/v1/contacts", headers=agent
                                                  ).json["items"] if c["channel"] == "email")
    history = client.get(f"/api/v1/contacts/{contact_id}", headers=agent).json["history"]
    assert "sms" in {c["channel"] for c in history}


def test_linking_keeps_the_vulnerabilities_of_the_record_folded_in(client, agent,
                                                                   two_records):
    phone_record, email_record = two_records
    assert client.patch(f"/api/v1/customers/{email_record}", headers=agent, json={
        "vulnerabilities": ["pregnancy"], "reason": "told us by email"}).status_code == 200
    client.post(f"/api/v1/customers/{phone_record}/identities", headers=agent,
                json={"kind": "email", "value": PRIYA_EMAIL, "reason": REASON})
    assert record(client, agent, phone_record)["vulnerabilities"] == ["pregnancy"]


def test_unlinking_moves_the_identity_and_its_contacts_to_a_record_of_its_own(
    client, agent, two_records,
):
    phone_record, _ = two_records
    client.post(f"/api/v1/customers/{phone_record}/identities", headers=agent,
                json={"kind": "email", "value": PRIYA_EMAIL, "reason": REASON})
    identities = record(client, agent, phone_record)["identities"]
    email_identity = next(i["id"] for i in identities if i["kind"] == "email")
    path = f"/api/v1/customers/{phone_record}/identities/{email_identity}/unlink"

    assert client.post(path, headers=agent, json={}).status_code == 400  # no reason
    unlinked = client.post(path, headers=agent, json={"reason": "a shared family inbox"})
    assert unlinked.status_code == 201, unlinked.json
    new_record = unlinked.json["id"]
    assert [i["value"] for i in unlinked.json["identities"]] == [PRIYA_EMAIL]
    assert residents(client, agent) == {PRIYA_MOBILE: phone_record, AS_SENT: new_record}
    [audit] = [c for c in record(client, agent, phone_record)["changes"]
               if "identity_unlinked" in c["changes"]]
    assert audit["reason"] == "a shared family inbox"
    assert audit["changes"]["identity_unlinked"]["to"] == new_record

    only = next(i["id"] for i in unlinked.json["identities"])
    last = client.post(f"/api/v1/customers/{new_record}/identities/{only}/unlink",
                       headers=agent, json={"reason": "x"})
    assert last.status_code == 409


def test_a_new_address_is_added_and_bad_requests_are_refused(client, agent, two_records):
    phone_record, email_record = two_records
    added = client.post(f"/api/v1/customers/{phone_record}/identities", headers=agent,
                        json={"kind": "phone", "value": "0113 496 0000", "reason": "landline"})
    assert added.status_code == 200
    assert ("phone", "+441134960000") in {(i["kind"], i["value"])
                                          for i in added.json["identities"]}
    path = f"/api/v1/customers/{phone_record}/identities"
    for body, status in (
        ({"kind": "email", "value": PRIYA_EMAIL}, 400),  # no reason
        ({"kind": "fax", "value": "1", "reason": "r"}, 400),
        ({"kind": "email", "value": "not an address", "reason": "r"}, 400),
        ({"kind": "phone", "value": PRIYA_MOBILE, "reason": "r"}, 409),  # already hers
        ({"kind": "phone", "value": ["x"], "reason": "r"}, 400),
    ):
        answer = client.post(path, headers=agent, json=body)
        assert answer.status_code == status, (body, answer.json)
    assert client.post("/api/v1/customers/999999/identities", headers=agent, json={
        "kind": "email", "value": PRIYA_EMAIL, "reason": "r"}).status_code == 404
    assert client.post(f"/api/v1/customers/{email_record}/identities/999999/unlink",
                       headers=agent, json={"reason": "r"}).status_code == 404
