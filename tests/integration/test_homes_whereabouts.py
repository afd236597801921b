"""Who and where: a contact's sender matched to a household member on any channel; an
unknown sender's postcode and house number turned into a suggestion (never assumed); the
contact, alert and complaint carry the property; reports from one block join one alert."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from channels.base import Channel, InboundMessage
from contact_hub.services.homes.console import run_homes_import
from tests.helpers import sms_form

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"
DOT, SAM, PRIYA = "+447400123456", "+447400123457", "+447400123458"
STRANGER = "+447400999888"


@pytest.fixture
def agent(container):
    run_homes_import(container.uow, EXAMPLE)
    return {"Authorization": "Bearer " + container.tokens.create("agent", "Amira")}


def sms(client, twilio, body: str, sid: str, sender: str, **extra: str) -> None:
    response = twilio.post(client, "/webhooks/twilio/sms", sms_form(body, sender=sender, sid=sid,
                                                                     **extra))
    assert response.status_code == 200


def contacts(client, agent) -> list[dict]:
    return client.get("/api/v1/contacts", headers=agent).json["items"]


def test_a_household_member_texting_is_placed_at_their_home(client, twilio, run_jobs, agent):
    sms(client, twilio, "My kitchen tap is dripping", "SM1", DOT)
    sms(client, twilio, "Photo of the tap", "SM2", f"whatsapp:{SAM}", To="whatsapp:+441234567890")
    run_jobs()

    by_sender = {c["sender"]: c for c in contacts(client, agent)}
    dot = by_sender[DOT]["property"]
    assert dot["reference"] == "P-1001" and dot["building_id"] == "MILL-HOUSE"
    assert dot["address"] == "Flat 3, Mill House, 12 Mill Road, Leeds, LS1 4AP"
    assert by_sender[f"whatsapp:{SAM}"]["property"]["reference"] == "P-1002"
    assert by_sender[DOT]["property_suggestion"] is None


def test_an_email_from_a_household_member_is_placed_too(container, client, run_jobs, agent):
    container.inbound.receive(InboundMessage(
        channel=Channel.EMAIL, provider_message_id="<m1@example.org>",
        sender="Priya.Patel@Example.org", recipient="repairs@landlord.example",
        text="The bathroom extractor fan has stopped", subject="Fan",
        received_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), raw={}), answer_inline=False)
    run_jobs()

    [contact] = contacts(client, agent)
    assert contact["property"]["reference"] == "P-1002"


def test_an_unknown_sender_gets_a_suggestion_with_its_evidence_not_an_address(
    client, twilio, run_jobs, agent,
):
    sms(client, twilio, "Water pouring through the ceiling at 4 / 12 Mill Road LS1 4AP",
        "SM3", STRANGER)
    sms(client, twilio, "Is there anyone who can look at my fence? ls1 4ap", "SM4",
        "+447400999887")
    sms(client, twilio, "My fence is broken", "SM5", "+447400999886")
    run_jobs()

    by_sender = {c["sender"]: c for c in contacts(client, agent)}
    leak = by_sender[STRANGER]
    assert leak["property"] is None
    suggestion = leak["property_suggestion"]
    assert [p["reference"] for p in suggestion["properties"]] == ["P-1002"]
    assert suggestion["evidence"] == {"postcode": "LS1 4AP", "house_numbers": ["12", "4"],
                                      "matched": "house number or name"}
    fence = by_sender["+447400999887"]["property_suggestion"]
    assert fence["evidence"]["matched"] == "postcode only"
    assert {p["reference"] for p in fence["properties"]} == {"P-1001", "P-1002"}
    assert by_sender["+447400999886"]["property_suggestion"] is None


def test_the_alert_and_the_complaint_carry_the_property(client, twilio, run_jobs, agent):
    sms(client, twilio, "I can smell gas in my kitchen", "SM6", DOT)
    sms(client, twilio, "I want to make a formal complaint, nobody has fixed my boiler in "
        "three weeks and I keep being let down", "SM7", "+441132430000")
    run_jobs()

    [alert] = client.get("/api/v1/alerts", headers=agent).json["items"]
    assert alert["place"] == {"uprn": "100023336956", "block": "MILL-HOUSE",
                              "address": "Flat 3, Mill House, 12 Mill Road, Leeds, LS1 4AP"}
    detail = client.get(f"/api/v1/alerts/{alert['id']}", headers=agent).json
    assert [c["property"] for c in detail["contacts"]] == ["P-1001"]
    [complaint] = client.get("/api/v1/complaints", headers=agent).json["items"]
    case = client.get(f"/api/v1/complaints/{complaint['reference']}", headers=agent).json
    assert case["property"]["reference"] == "P-2001"


def test_an_unknown_senders_alert_says_the_address_is_unknown(client, twilio, run_jobs, agent):
    sms(client, twilio, "I can smell gas", "SM8", STRANGER)
    run_jobs()
    [alert] = client.get("/api/v1/alerts", headers=agent).json["items"]
    assert alert["place"] is None


def test_three_residents_of_one_block_reporting_gas_share_one_alert(
    client, twilio, run_jobs, agent, container,
):
    for sid, sender in (("SM9", DOT), ("SM10", SAM), ("SM11", PRIYA)):
        sms(client, twilio, "Strong smell of gas on the landing outside the flats", sid, sender)
    sms(client, twilio, "I can smell gas in my kitchen", "SM12", "+441132430000")  # Otley
    run_jobs()

    alerts = client.get("/api/v1/alerts", headers=agent).json["items"]
    assert len(alerts) == 2
    block = next(a for a in alerts if a["place"]["block"] == "MILL-HOUSE")
    detail = client.get(f"/api/v1/alerts/{block['id']}", headers=agent).json
    assert sorted(c["property"] for c in detail["contacts"]) == ["P-1001", "P-1002", "P-1002"]
    outbox = client.get("/api/v1/outbox?limit=200", headers=agent).json["items"]
    advised = {m["recipient"] for m in outbox if m["kind"] == "safety_advice"
               or "gas" in m["body"].lower()}
    assert {DOT, SAM, PRIYA} <= advised

