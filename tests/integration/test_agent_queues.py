"""Agents' queues: the next most urgent contact, held for a while, replies on the
resident's channel, release and resolve, all audited with the agent's name."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, update

from contact_hub.storage import models
from tests.helpers import MOBILE, sms_form

OTHER_MOBILE = "+447400999888"


def bearer(container, name: str, role: str = "agent") -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create(role, name)}


@pytest.fixture
def amira(container):
    return bearer(container, "Amira")


@pytest.fixture
def ben(container):
    return bearer(container, "Ben")


def text(client, twilio, body: str, sid: str, sender: str = MOBILE) -> None:
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(body, sid=sid, sender=sender)
                       ).status_code == 200


def queue(client, headers, name: str) -> dict:
    [row] = [q for q in client.get("/api/v1/queues", headers=headers).json["items"]
             if q["queue"] == name]
    return row


def take(client, headers, name: str):
    return client.post(f"/api/v1/queues/{name}/next", headers=headers)


def test_every_queue_is_listed_with_what_is_waiting(client, twilio, run_jobs, amira, clock):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    clock.advance(minutes=5)
    text(client, twilio, "The bathroom light doesn't work", "SM2", OTHER_MOBILE)
    run_jobs()

    items = client.get("/api/v1/queues", headers=amira).json["items"]

    assert {q["queue"] for q in items} >= {"repairs", "complaints", "emergencies",
                                            "needs_attention"}
    repairs = queue(client, amira, "repairs")
    assert (repairs["open"], repairs["held"], repairs["waiting"]) == (2, 0, 2)
    assert sum(repairs["by_priority"].values()) == 2
    assert repairs["oldest_received_at"].startswith("2026-11-23T09:30")
    assert queue(client, amira, "complaints")["open"] == 0


def test_next_gives_the_most_urgent_then_the_oldest_and_each_contact_once(
    client, twilio, run_jobs, amira, ben, clock
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    clock.advance(minutes=1)
    text(client, twilio, "The fence panel blew down", "SM2", OTHER_MOBILE)
    clock.advance(minutes=1)
    text(client, twilio, "I smell gas in the hallway", "SM3", "+447400555666")
    run_jobs()

    first = take(client, amira, "emergencies")
    assert first.status_code == 200 and first.json["text"] == "I smell gas in the hallway"
    assert first.json["assigned_to"] == "Amira"
    assert take(client, ben, "emergencies").status_code == 204

    a, b = take(client, amira, "repairs").json, take(client, ben, "repairs").json
    assert (a["priority"], a["received_at"]) <= (b["priority"], b["received_at"])
    assert {a["text"], b["text"]} == {"My kitchen tap is dripping", "The fence panel blew down"}
    assert take(client, amira, "repairs").status_code == 204
    assert queue(client, amira, "repairs")["held"] == 2
    assert take(client, amira, "no_such_queue").status_code == 404


def test_agents_asking_at_once_never_get_the_same_contact(app, client, twilio, run_jobs, container):
    for n in range(3):
        text(client, twilio, f"The tap in flat {n} is dripping", f"SM{n}", f"+44740055566{n}")
    run_jobs()
    headers = [bearer(container, f"agent {n}") for n in range(6)]
    barrier = threading.Barrier(6)
    taken: list[int | None] = []

    def ask(h: dict[str, str]) -> None:
        own = app.test_client()
        barrier.wait()
        response = take(own, h, "repairs")
        taken.append(response.json["id"] if response.status_code == 200 else None)

    threads = [threading.Thread(target=ask, args=(h,)) for h in headers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    got = [t for t in taken if t is not None]
    assert len(got) == 3 and len(set(got)) == 3
    assert taken.count(None) == 3


def test_a_contact_left_held_is_offered_again_after_the_lease(
    client, twilio, run_jobs, amira, ben, clock
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    held = take(client, amira, "repairs").json

    clock.advance(minutes=29)
    assert take(client, ben, "repairs").status_code == 204
    clock.advance(minutes=2)
    again = take(client, ben, "repairs")

    assert again.status_code == 200 and again.json["id"] == held["id"]
    assert again.json["assigned_to"] == "Ben"
    kinds = [(e["kind"], e["actor"]) for e in again.json["events"]]
    assert kinds[-2:] == [("assigned", "Amira"), ("assigned", "Ben")]


def test_reply_goes_to_the_resident_on_their_channel_once(
    client, twilio, run_jobs, amira, container
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    contact = take(client, amira, "repairs").json
    path = f"/api/v1/contacts/{contact['id']}/reply"
    body = {"body": "A plumber can come on Tuesday morning. Does that suit?"}

    first = client.post(path, json=body, headers=amira)
    double_click = client.post(path, json=body, headers=amira)
    keyed = client.post(path, json=body, headers={**amira, "Idempotency-Key": "second-visit"})
    run_jobs()

    assert first.status_code == double_click.status_code == keyed.status_code == 201
    assert first.json["id"] == double_click.json["id"] != keyed.json["id"]
    assert (first.json["channel"], first.json["recipient"]) == ("sms", MOBILE)
    with container.sessions() as session:
        replies = session.scalars(select(models.OutboundMessage).where(
            models.OutboundMessage.kind == "agent_reply")).all()
    assert [r.status for r in replies] == ["simulated", "simulated"]  # dry run: stored, shown
    detail = client.get(f"/api/v1/contacts/{contact['id']}", headers=amira).json
    assert [e["actor"] for e in detail["events"] if e["kind"] == "replied"] == ["Amira"] * 2


def test_reply_to_a_resident_who_opted_out_is_kept_but_not_sent(
    client, twilio, run_jobs, amira
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    text(client, twilio, "STOP", "SM2")
    run_jobs()
    contact = take(client, amira, "repairs").json

    reply = client.post(f"/api/v1/contacts/{contact['id']}/reply",
                        json={"body": "Can we call you?"}, headers=amira)

    assert reply.status_code == 201
    assert reply.json["status"] == "suppressed" and "STOP" in reply.json["error_message"]


def test_reply_needs_a_body_and_a_contact(client, twilio, run_jobs, amira):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    contact = take(client, amira, "repairs").json

    assert client.post(f"/api/v1/contacts/{contact['id']}/reply", json={"body": "  "},
                       headers=amira).status_code == 400
    assert client.post(f"/api/v1/contacts/{contact['id']}/reply", json=["x"],
                       headers=amira).status_code == 400
    assert client.post("/api/v1/contacts/999999/reply", json={"body": "hi"},
                       headers=amira).status_code == 404
    assert client.post(f"/api/v1/contacts/{contact['id']}/reply",
                       json={"body": "hi"}).status_code == 401


def test_resolved_contacts_leave_the_queue(client, twilio, run_jobs, amira):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    contact = take(client, amira, "repairs").json

    done = client.post(f"/api/v1/contacts/{contact['id']}/resolve",
                       json={"note": "washer replaced"}, headers=amira)
    twice = client.post(f"/api/v1/contacts/{contact['id']}/resolve", headers=amira)

    assert done.status_code == twice.status_code == 200
    assert (done.json["resolved_by"], twice.json["resolved_by"]) == ("Amira", "Amira")
    assert queue(client, amira, "repairs")["open"] == 0
    assert [e["detail"] for e in done.json["events"] if e["kind"] == "resolved"] == [
        {"note": "washer replaced"}]


def test_an_unrouted_contact_cannot_be_resolved_yet(client, twilio, amira, container):
    text(client, twilio, "My kitchen tap is dripping", "SM1")  # no worker has run
    with container.sessions() as session:
        contact_id = session.scalars(select(models.Contact.id)).one()

    answer = client.post(f"/api/v1/contacts/{contact_id}/resolve", headers=amira)

    assert answer.status_code == 409


def test_only_the_holder_or_an_admin_releases_a_contact(
    client, twilio, run_jobs, amira, ben, container
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    contact = take(client, amira, "repairs").json
    path = f"/api/v1/contacts/{contact['id']}/release"

    assert client.post(path, headers=ben).status_code == 409
    released = client.post(path, headers=amira)
    assert released.status_code == 200 and released.json["assigned_to"] is None
    assert take(client, ben, "repairs").json["id"] == contact["id"]
    admin = bearer(container, "Supervisor", "admin")
    assert client.post(path, headers=admin).json["assigned_to"] is None


def test_contacts_routing_could_not_place_wait_for_a_person(
    client, twilio, amira, container
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    with container.sessions() as session, session.begin():
        session.execute(update(models.Contact).values(status="needs_attention"))

    assert queue(client, amira, "needs_attention")["open"] == 1
    taken = take(client, amira, "needs_attention")
    assert taken.status_code == 200 and taken.json["status"] == "needs_attention"


def test_the_agent_sees_the_residents_history_on_every_channel(
    client, twilio, run_jobs, amira, clock
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    clock.advance(minutes=3)
    twilio.post(client, "/webhooks/twilio/sms",
                sms_form("Here is a photo of the tap", sid="SM2", sender=f"whatsapp:{MOBILE}",
                         To="whatsapp:+441234567890"))
    run_jobs()

    contact = take(client, amira, "repairs").json

    channels = {(h["channel"], h["text"]) for h in contact["history"]}
    assert channels == {("sms", "My kitchen tap is dripping"),
                        ("whatsapp", "Here is a photo of the tap")}


def test_resolving_the_alert_takes_its_contacts_out_of_the_emergencies_queue(
    client, twilio, run_jobs, amira, container
):
    text(client, twilio, "I smell gas in the hallway", "SM1")
    run_jobs()
    assert queue(client, amira, "emergencies")["open"] == 1
    [alert] = client.get("/api/v1/alerts", headers=amira).json["items"]

    resolved = client.post(f"/api/v1/alerts/{alert['id']}/resolve", json={"by": "Dev on call"},
                           headers=amira)

    assert resolved.status_code == 200
    assert queue(client, amira, "emergencies")["open"] == 0
    [contact] = client.get("/api/v1/contacts", headers=amira).json["items"]
    assert contact["resolved_by"] == "Dev on call"


def test_a_reply_to_a_contact_no_worker_has_threaded_yet_still_reaches_the_resident(
    client, twilio, run_jobs, amira, container
):
    text(client, twilio, "Is anyone coming about the gate?", "SMearly")
    [accepted] = client.get("/api/v1/contacts", headers=amira).json["items"]

    reply = client.post(f"/api/v1/contacts/{accepted['id']}/reply",
                        json={"body": "Yes, Thursday morning."}, headers=amira)
    run_jobs()

    assert accepted["status"] == "accepted"
    assert reply.status_code == 201
    assert (reply.json["channel"], reply.json["recipient"]) == ("sms", MOBILE)
    detail = client.get(f"/api/v1/contacts/{accepted['id']}", headers=amira).json
    assert detail["status"] == "routed" and detail["conversation"] is not None
