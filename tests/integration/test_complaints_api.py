"""Complaint cases through the API, as a complaint handler drives them (issue 5)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from tests.helpers import MOBILE

HANDLER = {"id": "h-ayesha", "name": "Ayesha Khan"}
STAGE2_HANDLER = {"id": "h-tom", "name": "Tom Reid"}


@pytest.fixture
def agent(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


@pytest.fixture
def admin(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Sam (manager)")}


def record(client, headers, **overrides: Any) -> dict[str, Any]:
    body = {
        "resident": {"name": "Mrs Jones", "phone": MOBILE},
        "channel": "phone",
        "text": "Nobody came to fix my boiler after three appointments.",
        **overrides,
    }
    response = client.post("/api/v1/complaints", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def act(client, headers, reference: str, action: str, **body: Any) -> Any:
    return client.post(f"/api/v1/complaints/{reference}/{action}", json=body, headers=headers)


def acknowledge(client, headers, reference: str, handler=HANDLER, **extra: Any) -> Any:
    return act(
        client,
        headers,
        reference,
        "acknowledge",
        handler=handler,
        understanding="Three missed boiler repair appointments in October",
        outcomes_sought=["boiler fixed", "compensation for time off work"],
        **extra,
    )


FULL_RESPONSE = {
    "decision": "upheld",
    "reasons": "Our contractor missed three appointments.",
    "remedies": [
        {"type": "apology", "description": "We apologise", "reason": "missed appointments"},
        {"type": "financial", "description": "Compensation", "reason": "time off work",
         "amount_pence": 7500},
    ],
    "outstanding_actions": [
        {"id": "boiler", "description": "Replace the boiler", "owner": "Repairs",
         "due_on": "2026-12-11"},
    ],
}


def outbox(container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(
            session.scalars(select(models.OutboundMessage).order_by(models.OutboundMessage.id))
        )


def test_phone_complaint_is_logged_with_a_cmp_reference_and_deadline(client, agent):
    case = record(client, agent)

    assert case["reference"].startswith("CMP-")
    assert case["status"] == "received"
    assert case["stage"] == 1
    # Received Mon 23 Nov 2026: acknowledge within 5 working days, by Mon 30 Nov.
    [stage1] = case["stages"]
    assert stage1["acknowledge_by"] == "2026-11-30"
    assert stage1["response_due"] is None
    assert case["timeline"][0]["kind"] == "received"
    assert case["timeline"][0]["actor"] == "Priya (agent)"


def test_acknowledgement_is_sent_by_sms_with_reference_understanding_date_and_handler(
    client, agent, container, run_jobs
):
    case = record(client, agent)

    response = acknowledge(client, agent, case["reference"])

    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "acknowledged"
    assert body["stages"][0]["response_due"] == "2026-12-07"  # 10 working days from Mon 23
    run_jobs()
    [letter] = outbox(container)
    assert letter.channel == "sms" and letter.recipient == MOBILE
    assert letter.status == "simulated"
    assert case["reference"] in letter.body
    assert "Three missed boiler repair appointments" in letter.body
    assert "Ayesha Khan" in letter.body
    assert "Monday 7 December 2026" in letter.body


def test_letter_complaint_is_answered_by_post_and_shown_as_to_send_by_hand(
    client, agent, container
):
    case = record(
        client,
        agent,
        resident={"name": "Mr Patel", "address": "4 Mill Lane, Leeds"},
        channel="letter",
    )

    acknowledge(client, agent, case["reference"])

    [letter] = outbox(container)
    assert letter.channel == "letter"
    assert letter.recipient == "4 Mill Lane, Leeds"
    assert letter.status == "suppressed"
    assert "send it by hand" in letter.error_message


def test_preferred_channel_is_used_as_a_reasonable_adjustment(client, agent, container):
    case = record(
        client,
        agent,
        resident={"name": "Mrs Jones", "phone": MOBILE, "preferred_channel": "letter"},
        channel="phone",
    )

    acknowledge(client, agent, case["reference"])

    [letter] = outbox(container)
    assert letter.channel == "letter"


def test_response_needs_the_checklist_and_then_is_sent(client, agent, container):
    case = record(client, agent)
    reference = case["reference"]
    acknowledge(client, agent, reference)

    refused = act(client, agent, reference, "respond", decision="upheld")

    assert refused.status_code == 409
    message = refused.get_json()["error"]["message"]
    assert "the reasons for the decision" in message
    assert "any remedy offered" in message

    issued = act(client, agent, reference, "respond", **FULL_RESPONSE)

    assert issued.status_code == 200
    body = issued.get_json()
    assert body["status"] == "responded"
    assert body["outstanding_actions"][0]["done_at"] is None
    response_letter = outbox(container)[-1]
    assert response_letter.kind == "complaint_responded"
    assert "we uphold your complaint" in response_letter.body
    assert "£75.00" in response_letter.body
    assert "stage 2" in response_letter.body


def test_outstanding_action_is_tracked_until_done(client, agent, clock):
    case = record(client, agent)
    reference = case["reference"]
    acknowledge(client, agent, reference)
    act(client, agent, reference, "respond", **FULL_RESPONSE)
    listed = client.get("/api/v1/complaints", headers=agent).get_json()["items"][0]
    assert listed["next_due_on"] == "2026-12-11"

    done = client.post(
        f"/api/v1/complaints/{reference}/actions/boiler/complete", json={}, headers=agent
    )

    assert done.status_code == 200
    assert done.get_json()["outstanding_actions"][0]["done_at"] is not None
    listed = client.get("/api/v1/complaints", headers=agent).get_json()["items"][0]
    assert listed["next_due_on"] is None


def test_reimbursement_cannot_be_offset_against_debt_without_consent(client, agent):
    case = record(client, agent)
    remedy = {"type": "financial", "description": "Refund of heater costs", "reason": "loss",
              "amount_pence": 4000, "reimburses_loss": True, "offset_against_debt": True}

    refused = act(client, agent, case["reference"], "remedies", **remedy)
    accepted = act(
        client, agent, case["reference"], "remedies", **remedy, resident_consented_to_offset=True
    )

    assert refused.status_code == 409
    assert "explicitly agreed" in refused.get_json()["error"]["message"]
    assert accepted.status_code == 200
    assert accepted.get_json()["remedies"][0]["amount_pence"] == 4000


def test_stage_two_escalation_needs_a_different_handler_then_closes_with_a_survey(
    client, agent, container, clock
):
    reference = record(client, agent)["reference"]
    acknowledge(client, agent, reference)
    act(client, agent, reference, "respond", **FULL_RESPONSE)
    clock.advance(days=3)

    escalated = act(client, agent, reference, "escalate")
    same_handler = acknowledge(client, agent, reference)
    other_handler = acknowledge(client, agent, reference, handler=STAGE2_HANDLER)

    assert escalated.get_json()["status"] == "escalation_requested"
    assert same_handler.status_code == 409
    assert "different person" in same_handler.get_json()["error"]["message"]
    stages = other_handler.get_json()["stages"]
    assert [s["stage"] for s in stages] == [1, 2]
    # Acknowledged Thu 26 Nov 2026: 20 working days → Thu 24 Dec 2026.
    assert stages[1]["response_due"] == "2026-12-24"

    act(client, agent, reference, "respond", **{**FULL_RESPONSE, "outstanding_actions": []})
    closed = act(client, agent, reference, "close", reason="final response issued")

    assert closed.get_json()["status"] == "closed"
    survey = outbox(container)[-1]
    assert survey.kind == "complaint_survey"
    assert reference in survey.body
    answered = act(client, agent, reference, "satisfaction", score=2, comment="slow but fair")
    assert answered.get_json()["survey"]["score"] == 2


def test_decline_needs_admin_and_tells_the_resident_about_the_ombudsman(
    client, agent, admin, container
):
    reference = record(client, agent)["reference"]
    grounds = [{"ground": "legal_proceedings_filed", "detail": "Claim filed 2 Nov 2026"}]

    as_agent = act(client, agent, reference, "decline", grounds=grounds, explanation="In court")
    as_admin = act(
        client, admin, reference, "decline", grounds=grounds,
        explanation="The court will decide this matter.",
    )

    assert as_agent.status_code == 403
    assert as_admin.status_code == 200
    assert as_admin.get_json()["declined"]["exclusions"][0]["ground"] == "legal_proceedings_filed"
    letter = outbox(container)[-1]
    assert "Legal proceedings" in letter.body
    assert "Housing Ombudsman" in letter.body


def test_invalid_transitions_malformed_bodies_and_unknown_references(client, agent, clock):
    reference = record(client, agent)["reference"]

    assert act(client, agent, reference, "close", reason="x").status_code == 409
    assert act(client, agent, reference, "extend", reason="x").status_code == 400  # no new_due
    assert act(client, agent, reference, "acknowledge", handler="bob").status_code == 400
    assert act(client, agent, reference, "respond", decision="maybe").status_code == 400
    assert act(client, agent, "CMP-NOPE123", "escalate").status_code == 404
    assert client.get("/api/v1/complaints/CMP-NOPE123", headers=agent).status_code == 404
    future = datetime(2027, 1, 1, tzinfo=UTC).isoformat()
    in_future = acknowledge(client, agent, reference, at=future)
    assert in_future.status_code == 409
    assert "in the future" in in_future.get_json()["error"]["message"]
    naive = acknowledge(client, agent, reference, at="2026-11-23T10:00:00")
    assert naive.status_code == 400
    bad = client.post("/api/v1/complaints", data="nope", headers=agent)
    assert bad.status_code == 400
    no_text = client.post(
        "/api/v1/complaints", json={"resident": {"name": "A"}, "channel": "phone"}, headers=agent
    )
    assert no_text.status_code == 400


def test_list_filters(client, agent, clock):
    first = record(client, agent)["reference"]
    second = record(client, agent, resident={"name": "Mr Ali", "phone": "+447400999888"})[
        "reference"
    ]
    acknowledge(client, agent, first)

    def refs(query: str) -> list[str]:
        response = client.get(f"/api/v1/complaints?{query}", headers=agent)
        assert response.status_code == 200, response.get_json()
        return [item["reference"] for item in response.get_json()["items"]]

    assert refs("status=acknowledged") == [first]
    assert refs("handler=h-ayesha") == [first]
    assert refs("stage=1") == [second, first]  # acknowledgement due 30 Nov before response
    assert refs("due_before=2026-12-01") == [second]
    assert refs("overdue=true") == []
    clock.advance(days=8)  # Tue 1 Dec: the acknowledgement of the second is late
    assert refs("overdue=true") == [second]
    assert refs("overdue=false") == [first]
    assert client.get("/api/v1/complaints?stage=3", headers=agent).status_code == 400


def test_openapi_document_describes_the_complaint_api(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]

    assert {"post", "get"} <= paths["/complaints"].keys()
    for action in ("acknowledge", "extend", "respond", "escalate", "decline", "close"):
        body = paths[f"/complaints/{{reference}}/{action}"]["post"]["requestBody"]
        assert "at" in body["content"]["application/json"]["schema"]["properties"]
    assert "/reports/complaints" in paths
