"""Work orders to the repairs system (issue 18 point 8), over real HTTP to a local fake of
it: signed JSON through the outbox, retried through failures and a hanging receiver with
the same idempotency key and never sent again once taken, kept in order per repair; and
the repairs system's signed status updates, shown on the contact, the repair and the case,
with bad signatures, old timestamps and bad JSON refused."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.clock import FrozenClock
from contact_hub.storage import repository as repo
from tests.fakes.repairs_system import FakeRepairsSystem, sign
from tests.integration.escalation_fixtures import release_due
from tests.integration.homes_fixtures import DOT, SAM, agent_with_register, sms
from tests.workspace_helpers import signed_in

SECRET = "repairs-shared-secret-for-tests"
TAP = "My kitchen tap is dripping"


@pytest.fixture
def repairs_system(clock: FrozenClock) -> Iterator[FakeRepairsSystem]:
    with FakeRepairsSystem(SECRET, clock) as fake:
        yield fake


@pytest.fixture
def settings(settings, repairs_system):
    return settings.with_overrides(repairs_system_url=repairs_system.url,
                                   repairs_system_secret=SECRET, repairs_system_timeout=0.5)


@pytest.fixture
def agent(container):
    return agent_with_register(container)


def rows(container) -> list[repo.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.channel == "repairs_system").order_by(
            repo.OutboundMessage.id)))


def the_repair(client, agent) -> dict[str, Any]:
    [repair] = client.get("/api/v1/repairs", headers=agent).json["items"]
    return repair


def retry_later(container, clock, run_jobs, seconds: int) -> None:
    clock.advance(seconds=seconds)
    release_due(container, clock)
    run_jobs()


def update(client, clock, body: dict[str, Any] | bytes, *, secret: str = SECRET,
           age: timedelta = timedelta(0)) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post("/webhooks/repairs", data=raw,
                       headers=sign(secret, raw, clock() - age))


def test_a_new_repair_sends_one_signed_work_order(
    client, twilio, run_jobs, agent, container, repairs_system,
):
    sms(client, twilio, TAP, "SM1")
    run_jobs()

    [sent] = repairs_system.requests
    assert sent.accepted and sent.key == f"{the_repair(client, agent)['reference']}.repair.opened"
    order = sent.body
    assert order["id"] == sent.key and order["type"] == "repair.opened"
    assert order["repair"]["priority"] == "urgent" and order["repair"]["target"] == "5wd"
    assert order["property"]["reference"] == "P-1001"
    assert order["contact"]["text"] == TAP
    assert order["resident"]["phone"] == DOT
    assert "oxygen user" in order["resident"]["vulnerabilities"]
    [row] = rows(container)
    assert (row.status, row.provider_message_id) == ("sent", "WO-1")

    container.outbox.send(row.id)  # the job again (a duplicate, a retry)
    run_jobs()
    assert len(repairs_system.requests) == 1
    repair = the_repair(client, agent)
    events = client.get(f"/api/v1/contacts/{repair['contact']['id']}", headers=agent
                        ).json["events"]
    [shown] = [e for e in events if e["kind"] == "work_order_sent"]
    assert shown["detail"]["work_order"] == "WO-1"
    outbound = client.get(f"/api/v1/contacts/{repair['contact']['id']}", headers=agent
                          ).json["outbound"]
    assert [m["status"] for m in outbound if m["kind"] == "work_order"] == ["sent"]


def test_an_emergency_hazard_sends_the_repair_and_the_hazard_case(
    client, twilio, run_jobs, agent, repairs_system,
):
    sms(client, twilio, "I can smell gas in my kitchen", "SM2", SAM)
    run_jobs()
    types = sorted(r.body["type"] for r in repairs_system.requests)
    assert types == ["hazard_case.opened", "repair.opened"]
    case = next(r.body for r in repairs_system.requests if r.body["type"] ==
                "hazard_case.opened")
    assert case["hazard_case"]["hazard"] == "gas" and case["hazard_case"]["kind"] == "emergency"
    assert "make_safe_by" in case["hazard_case"]["deadlines"]
    assert case["property"]["address"].startswith("Flat 4, Mill House")


def test_a_failing_repairs_system_gets_the_same_work_order_until_it_takes_it(
    client, twilio, run_jobs, agent, container, clock, repairs_system,
):
    repairs_system.fail_next(2, status=503)
    sms(client, twilio, TAP, "SM3")
    run_jobs()
    assert [r.status for r in rows(container)] == ["queued"]
    retry_later(container, clock, run_jobs, 10)
    assert [r.status for r in rows(container)] == ["queued"]
    retry_later(container, clock, run_jobs, 30)

    assert [r.status for r in rows(container)] == ["sent"]
    assert len(repairs_system.requests) == 3
    assert len({r.key for r in repairs_system.requests}) == 1
    assert len(repairs_system.work_orders) == 1
    retry_later(container, clock, run_jobs, 3600)
    container.sweeper.sweep()
    run_jobs()
    assert len(repairs_system.requests) == 3


def test_a_hanging_repairs_system_is_sent_the_same_key_again_and_makes_one_work_order(
    client, twilio, run_jobs, agent, container, clock, repairs_system,
):
    repairs_system.fail_next(1, hang_seconds=1.5)  # takes it, answers after our timeout
    sms(client, twilio, TAP, "SM4")
    run_jobs()
    [row] = rows(container)
    assert (row.status, row.error_code) == ("queued", "timeout")
    retry_later(container, clock, run_jobs, 10)

    [row] = rows(container)
    assert (row.status, row.provider_message_id) == ("sent", "WO-1")
    assert [r.key for r in repairs_system.requests] == [row.idempotency_key] * 2
    assert list(repairs_system.work_orders) == [row.idempotency_key]


def test_a_priority_change_never_overtakes_the_work_order_it_changes(
    client, twilio, run_jobs, agent, container, clock, repairs_system,
):
    repairs_system.fail_next(2, status=500)  # the opening, and its try in the change's job
    sms(client, twilio, "The toilet is blocked and will not flush", "SM5", SAM)
    run_jobs()
    repair = the_repair(client, agent)
    changed = client.put(f"/api/v1/repairs/{repair['reference']}/priority", headers=agent,
                         json={"priority": "urgent", "reason": "only toilet, young children"})
    assert changed.status_code == 200
    run_jobs()  # the change's job sends the opening first, which fails again: both wait
    assert [r.status for r in rows(container)] == ["queued", "queued"]
    retry_later(container, clock, run_jobs, 10)

    assert [r.body["type"] for r in repairs_system.requests] == [
        "repair.opened", "repair.opened", "repair.opened", "repair.priority_changed"]
    assert [w["type"] for w in repairs_system.work_orders.values()] == [
        "repair.opened", "repair.priority_changed"]
    assert repairs_system.requests[-1].body["repair"]["priority"] == "urgent"


def test_status_updates_show_on_the_repair_and_the_contact_once_each(
    client, twilio, run_jobs, agent, clock,
):
    sms(client, twilio, TAP, "SM6")
    run_jobs()
    repair = the_repair(client, agent)
    scheduled = {"id": "evt-1", "reference": repair["reference"], "status": "scheduled",
                 "work_order": "WO-1", "at": clock().isoformat(),
                 "note": "Plumber booked for Thursday morning"}
    answer = update(client, clock, scheduled)
    assert answer.status_code == 200 and answer.json == {"received": "evt-1",
                                                         "duplicate": False}
    replayed = update(client, clock, scheduled)
    assert replayed.status_code == 200 and replayed.json["duplicate"] is True
    clock.advance(days=2)
    done = update(client, clock, {"id": "evt-2", "reference": repair["reference"],
                                  "status": "completed", "work_order": "WO-1",
                                  "at": clock().isoformat()})
    assert done.status_code == 200

    shown = client.get(f"/api/v1/repairs/{repair['reference']}", headers=agent).json
    assert (shown["status"], shown["completed_at"]) == ("completed", clock().isoformat())
    assert shown["work_order"]["status"] == "completed"
    assert [u["status"] for u in shown["work_order"]["updates"]] == ["scheduled", "completed"]
    events = client.get(f"/api/v1/contacts/{repair['contact']['id']}", headers=agent
                        ).json["events"]
    updates = [e["detail"] for e in events if e["kind"] == "work_order_update"]
    assert [u["status"] for u in updates] == ["scheduled", "completed"]
    assert updates[0]["note"] == "Plumber booked for Thursday morning"


def test_a_status_update_on_a_hazard_case_shows_on_the_case(
    client, twilio, run_jobs, agent, clock,
):
    sms(client, twilio, "I can smell gas in my kitchen", "SM7", SAM)
    run_jobs()
    [case] = client.get("/api/v1/hazards", headers=agent).json["items"]
    answer = update(client, clock, {"id": "evt-9", "reference": case["reference"],
                                    "status": "in_progress", "work_order": "WO-77",
                                    "at": clock().isoformat(), "note": "Gas engineer on site"})
    assert answer.status_code == 200
    shown = client.get(f"/api/v1/hazards/{case['reference']}", headers=agent).json
    assert shown["work_order"]["reference"] == "WO-77"
    assert shown["work_order"]["status"] == "in_progress"
    assert shown["work_order"]["updates"][0]["note"] == "Gas engineer on site"


def test_bad_updates_are_refused_and_change_nothing(client, twilio, run_jobs, agent, clock):
    sms(client, twilio, TAP, "SM8")
    run_jobs()
    repair = the_repair(client, agent)
    good = {"id": "evt-x", "reference": repair["reference"], "status": "scheduled",
            "at": clock().isoformat()}

    assert update(client, clock, good, secret="not-the-secret").status_code == 403
    assert update(client, clock, good, age=timedelta(minutes=6)).status_code == 403
    unsigned = client.post("/webhooks/repairs", json=good)
    assert unsigned.status_code == 403
    bad_json = update(client, clock, b'{"id": "evt-y", "reference": ')
    assert bad_json.status_code == 400
    for field, value in (("status", "fixed-ish"), ("at", "yesterday"), ("id", ""),
                         ("reference", 42)):
        answer = update(client, clock, {**good, field: value})
        assert answer.status_code == 400 and field in answer.json["error"]["message"]
    unknown = update(client, clock, {**good, "reference": "RP-NOSUCH"})
    assert unknown.status_code == 404

    shown = client.get(f"/api/v1/repairs/{repair['reference']}", headers=agent).json
    assert shown["work_order"] == {"reference": None, "status": None, "updates": []}
    # The id of a refused update is still free: the good one is taken.
    assert update(client, clock, good).json == {"received": "evt-x", "duplicate": False}


def test_without_a_secret_updates_cannot_be_verified(client, container, clock, app):
    container.settings = container.settings.with_overrides(repairs_system_url=None,
                                                           repairs_system_secret=None)
    answer = update(client, clock, {"id": "e", "reference": "RP-1", "status": "scheduled",
                                    "at": clock().isoformat()})
    assert answer.status_code == 403


def test_the_work_order_is_not_shown_as_a_message_to_the_resident(
    client, twilio, run_jobs, agent, container,
):
    sms(client, twilio, TAP, "SM9")
    run_jobs()
    repair = the_repair(client, agent)
    signed_in(client, container)
    html = client.get(f"/contacts/{repair['contact']['id']}").get_data(as_text=True)
    timeline = re.search(r'<section[^>]*id="timeline".*?</section>', html, re.S).group(0)
    assert "repair.opened" not in timeline and TAP in timeline


def test_a_work_order_left_sending_by_a_dead_worker_is_sent_again(
    client, twilio, run_jobs, agent, container, clock, repairs_system,
):
    container.dispatcher.enqueue_all = lambda requests: 0  # the worker died before sending
    sms(client, twilio, TAP, "SM10")
    with container.sessions() as session:
        contact = repo.list_contacts(session, repo.ContactFilters(), 1, 0)[0][0]
    container.inbound.process(contact.id)
    [row] = rows(container)
    with container.sessions() as session, session.begin():
        assert repo.claim_outbound(session, row.id, clock())  # claimed, then the worker died
    del container.dispatcher.enqueue_all

    clock.advance(minutes=3)
    container.sweeper.sweep()
    run_jobs()
    [row] = rows(container)
    assert row.status == "sent" and row.error_message == "worker stopped during send; sent again"
    assert [r.key for r in repairs_system.requests] == [row.idempotency_key]


def test_retention_removes_the_repairs_systems_notes_with_the_contact_and_the_case(
    client, twilio, run_jobs, agent, clock, container,
):
    sms(client, twilio, "I can smell gas in my kitchen", "SM9", SAM)
    run_jobs()
    repair = the_repair(client, agent)
    [case] = client.get("/api/v1/hazards", headers=agent).json["items"]
    for event, reference in (("evt-r", repair["reference"]), ("evt-h", case["reference"])):
        assert update(client, clock, {"id": event, "reference": reference,
                                      "status": "in_progress", "work_order": "WO-9",
                                      "at": clock().isoformat(),
                                      "note": "Mrs Patel says use the side door"}
                      ).status_code == 200
    assert client.post(f"/api/v1/hazards/{case['reference']}/steps", json={"step": "closed"},
                       headers=agent).status_code == 200
    clock.advance(days=8 * 366)  # past the contact's and the closed case's years

    container.privacy.retention.run()

    for path in (f"/api/v1/repairs/{repair['reference']}",
                 f"/api/v1/hazards/{case['reference']}"):
        [line] = client.get(path, headers=agent).json["work_order"]["updates"]
        assert (line["status"], line["note"]) == ("in_progress", "[removed]"), path
