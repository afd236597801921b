"""Complaints raised from what residents send: routing, joining, reclassifying, surveys."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from contact_hub.storage.complaints.models import ComplaintRow
from tests.helpers import MOBILE, sms_form

OTHER_MOBILE = "+447400654321"


@pytest.fixture
def agent(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


def text_in(client, twilio, run_jobs, body: str, sid: str, sender: str = MOBILE) -> None:
    response = twilio.post(client, "/webhooks/twilio/sms", sms_form(body, sender=sender, sid=sid))
    assert response.status_code == 200
    run_jobs()


def cases(client, agent) -> list[dict[str, Any]]:
    items = client.get("/api/v1/complaints", headers=agent).get_json()["items"]
    return [client.get(f"/api/v1/complaints/{i['reference']}", headers=agent).get_json()
            for i in items]


def contact(container, sid: str) -> models.Contact:
    with container.sessions() as session:
        return session.scalars(
            select(models.Contact).where(models.Contact.provider_message_id == sid)
        ).one()


def test_a_complaint_by_sms_raises_a_case_linked_to_the_contact(client, twilio, container,
                                                                  run_jobs, agent):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")

    [case] = cases(client, agent)
    assert case["reference"].startswith("CMP-")
    assert case["channel"] == "sms"
    assert case["contact_ids"] == [str(contact(container, "SM1").id)]
    assert case["summary"] == "the plumber you sent made it worse"
    assert case["stages"][0]["acknowledge_by"] == "2026-11-30"
    assert case["reply_channel"] == "sms"


def test_routing_twice_raises_one_case(client, twilio, container, run_jobs, agent):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")
    sms = contact(container, "SM1")

    with container.sessions() as session, session.begin():
        again = session.get(models.Contact, sms.id)
        container.complaints.raise_from_contact(session, again, "Priya (agent)")

    assert len(cases(client, agent)) == 1


def test_further_contacts_join_the_open_case_until_the_stage_1_response(
    client, twilio, container, run_jobs, agent, clock
):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")
    clock.advance(hours=2)
    text_in(client, twilio, run_jobs, "your operative was really rude to my mum", "SM2")

    [case] = cases(client, agent)
    assert len(case["contact_ids"]) == 2
    assert case["timeline"][-1]["kind"] == "contact_linked"

    reference = case["reference"]
    client.post(f"/api/v1/complaints/{reference}/acknowledge", headers=agent, json={
        "handler": {"id": "h1", "name": "Ayesha Khan"}, "understanding": "Poor repair, rudeness",
        "outcomes_sought": ["apology"]})
    client.post(f"/api/v1/complaints/{reference}/respond", headers=agent, json={
        "decision": "partly_upheld", "reasons": "r", "remedies": [], "outstanding_actions": []})
    clock.advance(days=1)
    text_in(client, twilio, run_jobs, "great job leaving my garden full of rubble", "SM3")

    later = [c for c in cases(client, agent) if c["reference"] != reference]
    assert len(later) == 1
    assert later[0]["related_references"] == [reference]
    first = client.get(f"/api/v1/complaints/{reference}", headers=agent).get_json()
    assert len(first["contact_ids"]) == 2


def test_another_residents_complaint_is_its_own_case(client, twilio, run_jobs, agent):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")
    text_in(client, twilio, run_jobs, "your operative was really rude to my mum", "SM2",
            sender=OTHER_MOBILE)

    assert len(cases(client, agent)) == 2


def test_emergency_that_is_also_a_complaint_raises_a_priority_case(
    client, twilio, run_jobs, agent
):
    text_in(client, twilio, run_jobs, "third time ive reported the sparking socket, nobody came",
            "SM1")

    [case] = cases(client, agent)
    assert case["concerns_health_and_safety"] is True
    assert case["is_priority"] is True


def test_service_request_stays_open_when_the_resident_complains_about_it(
    client, twilio, container, run_jobs, agent, clock
):
    text_in(client, twilio, run_jobs, "bathroom tap leaking", "SM1")
    clock.advance(days=9)
    text_in(client, twilio, run_jobs, "the bathroom tap is leaking", "SM2")

    request = contact(container, "SM1")
    assert request.category == "service_request"
    assert request.status == "routed"
    [case] = cases(client, agent)
    assert case["related_references"] == [request.reference]
    assert case["contact_ids"] == [str(contact(container, "SM2").id)]


def test_reclassifying_a_contact_to_complaint_raises_a_case(
    client, twilio, container, run_jobs, agent
):
    text_in(client, twilio, run_jobs, "kitchen tap is dripping", "SM1")
    sms = contact(container, "SM1")
    assert cases(client, agent) == []

    response = client.post(f"/api/v1/contacts/{sms.id}/reclassify", headers=agent,
                           json={"category": "complaint", "reason": "resident said so by phone"})

    assert response.status_code == 200
    [case] = cases(client, agent)
    assert case["contact_ids"] == [str(sms.id)]


def test_a_reply_to_the_survey_is_stored_as_the_answer(
    client, twilio, container, run_jobs, agent, clock
):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")
    [case] = cases(client, agent)
    reference = case["reference"]
    for action, body in (
        ("acknowledge", {"handler": {"id": "h1", "name": "Ayesha Khan"},
                         "understanding": "Poor repair", "outcomes_sought": ["redo it"]}),
        ("respond", {"decision": "upheld", "reasons": "r", "remedies": [],
                     "outstanding_actions": []}),
        ("close", {"reason": "resolved"}),
    ):
        assert client.post(f"/api/v1/complaints/{reference}/{action}", headers=agent,
                           json=body).status_code == 200
    run_jobs()
    clock.advance(days=2)

    text_in(client, twilio, run_jobs, "4", "SM9")

    survey = client.get(f"/api/v1/complaints/{reference}", headers=agent).get_json()["survey"]
    assert survey["score"] == 4
    with container.sessions() as session:
        assert session.scalar(select(ComplaintRow.satisfaction_score)) == 4
    assert len(cases(client, agent)) == 1  # the answer did not raise anything new


def test_closing_a_case_takes_its_contacts_out_of_the_agents_queue(
    client, twilio, container, run_jobs, agent
):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM1")
    text_in(client, twilio, run_jobs, "and nobody has called me back about it", "SM2")
    [case] = cases(client, agent)
    reference = case["reference"]
    waiting = client.get("/api/v1/queues", headers=agent).get_json()
    steps = (
        ("acknowledge", {"handler": {"id": "h1", "name": "Ayesha Khan"},
                         "understanding": "Poor repair", "outcomes_sought": ["redo it"]}),
        ("respond", {"decision": "upheld", "reasons": "r", "remedies": [],
                     "outstanding_actions": []}),
    )
    for action, body in steps:
        assert client.post(f"/api/v1/complaints/{reference}/{action}", headers=agent,
                           json=body).status_code == 200
    responded = [contact(container, sid).resolved_at for sid in ("SM1", "SM2")]

    assert client.post(f"/api/v1/complaints/{reference}/close", headers=agent,
                       json={"reason": "resolved"}).status_code == 200

    assert len(case["contact_ids"]) == 2
    assert responded == [None, None]  # responded is not ended: the resident may escalate
    for sid in ("SM1", "SM2"):
        closed = contact(container, sid)
        assert closed.resolved_at is not None and closed.resolved_by == "Priya (agent)"
    complaints_queue = {q["queue"]: q for q in waiting["items"]}["complaints"]
    after = {q["queue"]: q for q in client.get("/api/v1/queues", headers=agent)
             .get_json()["items"]}["complaints"]
    assert complaints_queue["waiting"] == 2 and after["waiting"] == 0
    detail = client.get(f"/api/v1/contacts/{contact(container, 'SM1').id}", headers=agent)
    [event] = [e for e in detail.get_json()["events"] if e["kind"] == "resolved"]
    assert event["detail"] == {"complaint": reference, "status": "closed"}
