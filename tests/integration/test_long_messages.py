"""A complaint response too long for one text message reaches the resident in parts.

Twilio refuses an SMS body over 1,600 characters (error 21617); a full stage response is
longer than that, so the outbox splits it into numbered parts, each its own row.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from rq.serializers import JSONSerializer
from sqlalchemy import select

from channels.base import ChannelUnavailable
from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.queueing import ALL_QUEUES
from contact_hub.services.outbox import NewMessage, send_job
from contact_hub.storage import models
from contact_hub.worker import Worker
from tests.fakes.twilio_server import Failure
from tests.helpers import MOBILE

TWILIO_LIMIT = 1600
PART_MARKER = re.compile(r"^\((\d+)/(\d+)\) ")
HANDLER = {"id": "h-ayesha", "name": "Ayesha Khan"}
# What the handler found, at the length a real investigation summary runs to.
REASONS = " ".join(
    f"On visit {n} our contractor did not attend the appointment agreed with you, "
    "and nobody rang to rearrange it, which left you without heating or hot water."
    for n in range(1, 16)
)
LONG_RESPONSE = {
    "decision": "upheld",
    "reasons": REASONS,
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


@pytest.fixture
def agent(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


def sms_complaint_answered_at_length(client: Any, agent: dict[str, str]) -> str:
    """A resident complains by SMS; the handler acknowledges it and sends a long response."""
    recorded = client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "Mrs Jones", "phone": MOBILE},
        "channel": "sms",
        "text": "Nobody came to fix my boiler after three appointments.",
    })
    assert recorded.status_code == 201, recorded.get_json()
    reference = str(recorded.get_json()["reference"])
    acknowledged = client.post(f"/api/v1/complaints/{reference}/acknowledge", headers=agent,
                               json={"handler": HANDLER,
                                     "understanding": "Missed boiler repair appointments",
                                     "outcomes_sought": ["boiler fixed"]})
    assert acknowledged.status_code == 200, acknowledged.get_json()
    responded = client.post(f"/api/v1/complaints/{reference}/respond", headers=agent,
                            json=LONG_RESPONSE)
    assert responded.status_code == 200, responded.get_json()
    return reference


def response_parts(container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        rows = session.scalars(
            select(models.OutboundMessage)
            .where(models.OutboundMessage.kind == "complaint_responded")
            .order_by(models.OutboundMessage.id)
        )
        return list(rows)


def unmarked(bodies: list[str]) -> str:
    """The parts joined back together, checking each is numbered n of N in order."""
    text = []
    for number, body in enumerate(bodies, 1):
        found = PART_MARKER.match(body)
        assert found, body[:20]
        assert (int(found[1]), int(found[2])) == (number, len(bodies))
        text.append(body[found.end():])
    return "".join(text)


def test_long_response_to_an_sms_complainant_is_queued_as_numbered_parts(
    client, agent, container, run_jobs
):
    reference = sms_complaint_answered_at_length(client, agent)
    run_jobs()

    parts = response_parts(container)
    assert len(parts) >= 2
    assert all(part.channel == "sms" and part.recipient == MOBILE for part in parts)
    assert all(len(part.body) <= TWILIO_LIMIT for part in parts)
    assert all(part.status == "simulated" for part in parts)
    assert parts[0].body.startswith(f"(1/{len(parts)}) ")  # the resident knows more is coming
    whole = unmarked([part.body for part in parts])
    assert reference in whole and "we uphold your complaint" in whole
    assert "On visit 15 our contractor" in whole and "£75.00" in whole
    assert len({part.priority for part in parts}) == 1
    base = parts[0].idempotency_key.removesuffix(":part-1")
    assert [p.idempotency_key for p in parts] == [
        f"{base}:part-{n}" for n in range(1, len(parts) + 1)
    ]

    # The outbox list shows one row per part, each with its own key.
    listed = client.get("/api/v1/outbox", headers=agent).get_json()["items"]
    keys = {item["idempotency_key"] for item in listed}
    assert {part.idempotency_key for part in parts} <= keys


def test_rerunning_the_send_and_requeueing_the_message_sends_and_adds_nothing(
    client, agent, container, run_jobs
):
    sms_complaint_answered_at_length(client, agent)
    run_jobs()
    before = [(p.id, p.status, p.attempts) for p in response_parts(container)]

    container.dispatcher.enqueue_all(send_job(part_id, "default") for part_id, _, _ in before)
    run_jobs()
    first = response_parts(container)[0]
    with container.sessions.begin() as session:
        again = container.outbox.queue(session, NewMessage(
            key=first.idempotency_key.removesuffix(":part-1"), kind=first.kind, channel="sms",
            recipient=MOBILE, body=unmarked([p.body for p in response_parts(container)])))

    assert again == (first.id, None)
    assert [(p.id, p.status, p.attempts) for p in response_parts(container)] == before


def work(live) -> None:
    """Run the live container's queued jobs, as its worker would."""
    jobs.install(live)
    Worker(
        [live.dispatcher.queues[name] for name in ALL_QUEUES],
        connection=live.redis,
        serializer=JSONSerializer,
    ).work(burst=True, logging_level="WARNING")


def test_every_part_fits_twilios_limit_at_the_wire_and_is_sent_once_in_order(
    live, agent, fake_twilio
):
    live_client = create_app(container=live).test_client()
    reference = sms_complaint_answered_at_length(live_client, agent)
    work(live)
    work(live)  # a second worker pass sends nothing again

    parts = response_parts(live)
    sent = [m for m in fake_twilio.messages if PART_MARKER.match(m["Body"])]
    assert len(sent) == len(parts) >= 2
    assert all(m["To"] == MOBILE for m in sent)
    assert all(len(m["Body"]) <= TWILIO_LIMIT for m in sent)
    assert [m["Body"] for m in sent] == [p.body for p in parts]  # in order, each once
    assert reference in unmarked([m["Body"] for m in sent])
    assert all(p.status == "sent" and p.provider_message_id for p in parts)

    live.outbox.send(parts[0].id)  # the job run again by hand
    assert len([m for m in fake_twilio.messages if PART_MARKER.match(m["Body"])]) == len(sent)


def test_a_part_refused_for_a_moment_is_retried_without_resending_earlier_parts(
    live, agent, fake_twilio
):
    live_client = create_app(container=live).test_client()
    sms_complaint_answered_at_length(live_client, agent)
    work(live)  # the acknowledgement and the response parts go out
    fake_twilio.requests.clear()
    parts = response_parts(live)
    with live.sessions.begin() as session:  # part 2 onwards not yet sent: as if cut short
        for part in parts[1:]:
            row = session.get(models.OutboundMessage, part.id)
            row.status, row.provider_message_id = "queued", None
    fake_twilio.fail_next(Failure(429, 20429, "Too Many Requests"))

    with pytest.raises(ChannelUnavailable):  # RQ would retry the job
        live.outbox.send(parts[0].id)
    live.outbox.send(parts[0].id)  # the retry

    bodies = [m["Body"] for m in fake_twilio.messages]
    assert bodies[1:] == [p.body for p in parts[1:]]  # the refused attempt, then each once
    assert all(p.status == "sent" for p in response_parts(live))
