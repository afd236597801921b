"""API v1: bearer tokens with roles, contacts with filters and paging, the outbox."""

from __future__ import annotations

import pytest

from tests.helpers import sms_form


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}


@pytest.fixture
def seeded(client, twilio, run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Tap dripping", sid="SM1"))
    twilio.post(client, "/webhooks/twilio/sms", sms_form("I smell gas", sid="SM2"))
    twilio.post(
        client,
        "/webhooks/twilio/sms",
        sms_form("Hello", sid="SM3", sender="+447400999888", To="+443300000000"),
    )
    run_jobs()


def test_api_needs_a_valid_token(client, container):
    assert client.get("/api/v1/contacts").status_code == 401
    bad = client.get("/api/v1/contacts", headers={"Authorization": "Bearer chub_nope"})
    assert bad.status_code == 401
    assert bad.json["error"]["code"] == "unauthorized"


def test_tokens_are_stored_only_as_hashes(container):
    from sqlalchemy import select

    from contact_hub.storage.models import ApiToken

    token = container.tokens.create("admin")
    with container.sessions() as session:
        stored = session.scalars(select(ApiToken)).one()
    assert token not in stored.token_hash
    assert container.tokens.role_for(token) == "admin"


def test_list_contacts_filters_and_pages(client, agent, seeded):
    everything = client.get("/api/v1/contacts", headers=agent).json
    emergencies = client.get("/api/v1/contacts?category=emergency", headers=agent).json
    by_customer = client.get("/api/v1/contacts?customer=07400999888", headers=agent).json
    page = client.get("/api/v1/contacts?limit=2&offset=0", headers=agent).json

    assert everything["total"] == 3
    assert [c["text"] for c in emergencies["items"]] == ["I smell gas"]
    assert [c["text"] for c in by_customer["items"]] == ["Hello"]
    assert len(page["items"]) == 2 and page["next_offset"] == 2
    assert client.get("/api/v1/contacts?channel=email", headers=agent).json["total"] == 0


@pytest.mark.parametrize(
    "query", ["category=nonsense", "limit=0", "limit=abc", "offset=-1", "status=x"]
)
def test_bad_filters_are_400_with_a_message(client, agent, query):
    response = client.get(f"/api/v1/contacts?{query}", headers=agent)
    assert response.status_code == 400
    assert response.json["error"]["message"]


def test_contact_detail_has_decision_conversation_and_outbound(client, agent, seeded):
    [item] = client.get("/api/v1/contacts?customer=07400999888", headers=agent).json["items"]
    detail = client.get(f"/api/v1/contacts/{item['id']}", headers=agent).json

    assert detail["decision"]["category"] == "service_request"
    assert detail["conversation"]["contacts"][0]["reference"] == item["reference"]
    [ack] = detail["outbound"]
    assert item["reference"] in ack["body"] and ack["status"] == "simulated"
    assert [e["kind"] for e in detail["events"]] == ["received", "routed"]
    assert client.get("/api/v1/contacts/999999", headers=agent).status_code == 404


def test_outbox_lists_what_was_sent_or_simulated(client, agent, seeded):
    outbox = client.get("/api/v1/outbox", headers=agent).json
    simulated = client.get("/api/v1/outbox?status=simulated", headers=agent).json

    assert outbox["total"] == 3  # two acknowledgements and the inline safety advice
    assert {m["kind"] for m in outbox["items"]} == {"acknowledgement", "safety_advice"}
    assert simulated["total"] == 2


def test_openapi_document_describes_the_api(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert {"/contacts", "/contacts/{id}", "/outbox"} <= set(document["paths"])


def test_contact_detail_shows_its_own_conversation_however_busy_the_customer(
    client, twilio, agent, run_jobs
):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Fence panel down", sid="SMold1"))
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Photo to follow", sid="SMold2"))
    for n in range(55):  # the same resident, busier later on WhatsApp
        form = sms_form(f"Update {n}", sid=f"SMwa{n:03d}", sender="whatsapp:+447400123456")
        twilio.post(client, "/webhooks/twilio/sms", form)
    run_jobs()
    [old] = client.get("/api/v1/contacts?channel=sms&limit=1&offset=1", headers=agent).json["items"]

    detail = client.get(f"/api/v1/contacts/{old['id']}", headers=agent).json

    texts = [c["text"] for c in detail["conversation"]["contacts"]]
    assert texts == ["Photo to follow", "Fence panel down"]


def test_a_contact_just_accepted_is_shown_before_a_worker_threads_it(client, twilio, agent,
                                                                     run_jobs):
    twilio.post(client, "/webhooks/twilio/sms", sms_form("Gutter hanging off", sid="SMnew1"))
    [listed] = client.get("/api/v1/contacts", headers=agent).json["items"]

    waiting = client.get(f"/api/v1/contacts/{listed['id']}", headers=agent)
    run_jobs()
    threaded = client.get(f"/api/v1/contacts/{listed['id']}", headers=agent).json

    assert waiting.status_code == 200
    assert waiting.json["status"] == "accepted"
    assert waiting.json["conversation"] is None and waiting.json["customer"] is None
    assert waiting.json["events"][0]["kind"] == "received"
    assert threaded["status"] == "routed"
    assert [c["text"] for c in threaded["conversation"]["contacts"]] == ["Gutter hanging off"]
    assert threaded["customer"] is not None
