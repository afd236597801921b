"""Keeping to time (reminders, breach alerts on Slack), Building Safety Act cases and the
TSM report, against the fake Slack Web API."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from contact_hub.storage.complaints.models import ComplaintNotice
from tests.helpers import MOBILE

HANDLER = {"id": "h-ayesha", "name": "Ayesha Khan"}


@pytest.fixture
def settings(settings, fake_slack):
    return settings.with_overrides(
        slack_bot_token=fake_slack.token,
        slack_api_base_url=fake_slack.base_url,
        complaints_slack_channel="#complaints",
        complaints_homes=2500,
    )


@pytest.fixture
def agent(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


@pytest.fixture
def admin(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Sam (manager)")}


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def record(client, agent, **body: Any) -> str:
    response = client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "Mrs Jones", "phone": MOBILE}, "channel": "phone",
        "text": "The lift has been broken for weeks", **body})
    assert response.status_code == 201, response.get_json()
    return str(response.get_json()["reference"])


def post(client, headers, reference: str, action: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/v1/complaints/{reference}/{action}", headers=headers, json=body)
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def acknowledged(client, agent) -> str:
    reference = record(client, agent)
    post(client, agent, reference, "acknowledge", handler=HANDLER, understanding="Broken lift",
         outcomes_sought=["lift repaired"])
    return reference  # acknowledged Mon 23 Nov 2026: response due Mon 7 Dec 2026


def tick(container, run_jobs) -> None:
    container.complaint_monitor.check()
    run_jobs()


def slack_texts(fake_slack) -> list[str]:
    return [str(call.params["text"]) for call in fake_slack.calls_to("chat.postMessage")]


def test_handler_is_reminded_before_and_on_the_due_date_once_each(
    client, agent, container, run_jobs, clock, fake_slack
):
    reference = acknowledged(client, agent)
    tick(container, run_jobs)
    assert slack_texts(fake_slack) == []  # nothing due yet

    clock.now = at(2026, 12, 3)  # Thu: two working days before Mon 7 Dec
    tick(container, run_jobs)
    tick(container, run_jobs)
    clock.now = at(2026, 12, 7, 8)
    tick(container, run_jobs)

    first, second = slack_texts(fake_slack)
    assert "Reminder for Ayesha Khan" in first and reference in first
    assert "stage 1 response is due in 2 working days (Monday 7 December 2026)" in first
    assert "due today" in second
    assert fake_slack.calls_to("chat.postMessage")[0].params["channel"] == "#complaints"


def test_a_missed_deadline_alerts_the_manager_once(
    client, agent, container, run_jobs, clock, fake_slack
):
    reference = acknowledged(client, agent)

    clock.now = at(2026, 12, 8)
    tick(container, run_jobs)
    clock.now = at(2026, 12, 9)
    tick(container, run_jobs)

    breaches = [t for t in slack_texts(fake_slack) if t.startswith("Deadline missed")]
    assert len(breaches) == 1
    assert reference in breaches[0]
    assert "1 working day overdue" in breaches[0]
    overdue = client.get("/api/v1/complaints?overdue=true", headers=agent).get_json()["items"]
    assert [c["reference"] for c in overdue] == [reference]
    notices = client.get(f"/api/v1/complaints/{reference}", headers=agent).get_json()["notices"]
    assert {"kind": "breach", "status": "sent"}.items() <= notices[-1].items()


def test_slack_outage_keeps_the_alert_pending_and_it_is_sent_later_once(
    client, agent, container, run_jobs, clock, fake_slack
):
    acknowledged(client, agent)
    clock.now = at(2026, 12, 8)
    fake_slack.fail_next(1, status=503)

    tick(container, run_jobs)

    with container.sessions() as session:
        notice = session.scalars(select(ComplaintNotice)).one()
    assert notice.status == "pending"
    container.complaint_monitor.send(notice.id)  # the job's retry
    container.complaint_monitor.send(notice.id)  # and a duplicate run
    assert len(fake_slack.calls_to("chat.postMessage")) == 2  # the failed call and one success
    with container.sessions() as session:
        assert session.get(ComplaintNotice, notice.id).status == "sent"


def test_flagged_complaints_are_still_reminded_and_safety_ones_are_priority(
    client, agent, container, run_jobs, clock, fake_slack
):
    reference = record(client, agent, health_and_safety=True)
    flagged = post(client, agent, reference, "flag", reason="Twenty emails a day on one issue",
                   review_on="2027-02-01")
    assert flagged["unreasonable_behaviour"]["review_on"] == "2027-02-01"

    clock.now = at(2026, 11, 26)  # two working days before acknowledgement due Mon 30 Nov
    tick(container, run_jobs)

    [text] = slack_texts(fake_slack)
    assert reference in text
    assert "PRIORITY (safety)" in text
    assert "flagged: unreasonable behaviour" in text
    assert "stage 1 acknowledgement" in text


def test_the_flag_is_reviewed_then_kept_with_a_new_date_or_lifted(client, agent, container):
    reference = record(client, agent)
    post(client, agent, reference, "flag", reason="Twenty emails a day on one issue",
         review_on="2027-02-01")

    kept = post(client, agent, reference, "review-flag", outcome="Still daily emails",
                next_review_on="2027-05-01")
    lifted = post(client, agent, reference, "review-flag", outcome="Contact is reasonable now")
    again = client.post(f"/api/v1/complaints/{reference}/review-flag", headers=agent,
                        json={"outcome": "nothing to review"})
    past = record(client, agent)
    post(client, agent, past, "flag", reason="r", review_on="2027-02-01")
    backwards = client.post(f"/api/v1/complaints/{past}/review-flag", headers=agent,
                            json={"outcome": "o", "next_review_on": "2026-01-01"})

    assert kept["unreasonable_behaviour"]["review_on"] == "2027-05-01"
    assert lifted["unreasonable_behaviour"] is None
    assert again.status_code == 409  # no flag left to review
    assert backwards.status_code == 409
    kinds = [e["kind"] for e in lifted["timeline"]]
    assert kinds.count("unreasonable_behaviour_reviewed") == 2


def test_bsa_complaint_in_a_higher_risk_building_is_kept_7_years_and_signposts_the_bsr(
    client, agent, admin, container
):
    register = client.put("/api/v1/buildings/B-TOWER", headers=admin,
                          json={"name": "Kingfisher Tower", "higher_risk": True})
    assert register.status_code == 200
    reference = record(client, agent, building_id="B-TOWER",
                       building_safety_concerns=["fire_or_smoke_spread"])
    case = client.get(f"/api/v1/complaints/{reference}", headers=agent).get_json()
    assert case["is_bsa_relevant"] is True
    assert case["is_priority"] is True
    post(client, agent, reference, "acknowledge", handler=HANDLER,
         understanding="Fire doors do not close", outcomes_sought=["doors fixed"])

    responded = post(client, agent, reference, "respond", decision="upheld", reasons="r",
                     remedies=[], outstanding_actions=[])

    assert responded["retain_until"] == "2033-11-23"
    with container.sessions() as session:
        letter = session.scalars(
            select(models.OutboundMessage).order_by(models.OutboundMessage.id.desc())
        ).first()
    assert "Building Safety Regulator" in letter.body
    unknown = client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "A"}, "channel": "letter", "text": "t", "building_id": "B-NONE"})
    assert unknown.status_code == 400


def test_report_gives_tsm_figures_as_json_and_csv(client, agent, clock):
    first = acknowledged(client, agent)
    post(client, agent, first, "respond", decision="upheld", reasons="r", remedies=[],
         outstanding_actions=[])  # on time
    record(client, agent)  # not yet acknowledged, not yet due

    response = client.get("/api/v1/reports/complaints?from=2026-11-01&to=2026-11-30",
                          headers=agent)

    assert response.status_code == 200
    measures = {m["code"]: m for m in response.get_json()["measures"]}
    assert measures["CH01(1)"]["numerator"] == 2
    assert measures["CH01(1)"]["value"] == 0.8  # 2 per 2,500 homes = 0.8 per 1,000
    assert measures["CH02(1)"]["value"] == 100.0
    as_csv = client.get("/api/v1/reports/complaints?from=2026-11-01&to=2026-11-30",
                        headers={**agent, "Accept": "text/csv"})
    assert as_csv.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True))))
    assert {"code": "CH01(1)", "numerator": "2", "denominator": "2500"}.items() <= rows[0].items()
    same = client.get("/api/v1/reports/complaints?from=2026-11-01&to=2026-11-30&format=csv",
                      headers=agent)
    assert same.get_data() == as_csv.get_data()
    assert client.get("/api/v1/reports/complaints?from=2026-11-01",
                      headers=agent).status_code == 400
