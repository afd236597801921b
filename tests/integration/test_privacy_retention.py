"""Retention: after the configured years, contacts, cases and finally the person are
anonymised by the workers' job; the dry run says what would go and why and changes
nothing; open complaints, Building Safety Act cases (7 years) and legal holds stop it;
running it twice does nothing more; every run is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from contact_hub.cli import main
from contact_hub.services.privacy import RetentionJob
from contact_hub.storage import models
from contact_hub.storage.privacy.models import PrivacyEvent
from tests.helpers import MOBILE
from tests.integration.privacy_fixtures import (
    HANDLER,
    OTHER_MOBILE,
    act,
    close_case,
    complaint_reference,
    counts_by_channel_and_category,
    customer_of,
    everything_stored,
    text_in,
    whatsapp_in,
)

SIX_YEARS_ON = {"days": 6 * 366}  # past 6 years whatever the leap days
SEVEN_YEARS_ON = {"days": 7 * 366}


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


@pytest.fixture
def admin(container):
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}


@pytest.fixture
def old_person(client, twilio, run_jobs, agent, container) -> int:
    """In touch by SMS and WhatsApp, with a complaint that was closed the same week."""
    text_in(client, twilio, run_jobs, "Kitchen tap dripping at flat 4", "SM1")
    whatsapp_in(client, twilio, run_jobs, "Photo of the tap attached", "SM2")
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM3")
    person = customer_of(container, MOBILE)
    close_case(client, agent, complaint_reference(container, person))
    run_jobs()
    return person


def test_the_dry_run_lists_what_would_go_and_why_and_changes_nothing(
    old_person, container, clock
):
    clock.advance(**SIX_YEARS_ON)
    before = everything_stored(container)

    plan = container.privacy.retention.plan()

    assert everything_stored(container) == before
    assert plan.counts() == {"complaint": 1, "contact": 3, "customer": 1}
    lines = "\n".join(plan.lines())
    assert "anonymise complaint CMP-" in lines and "RETENTION_COMPLAINT_YEARS" in lines
    assert "RETENTION_CONTACT_YEARS" in lines
    assert MOBILE not in lines and "Kitchen tap" not in lines  # the report names no one


def test_nothing_goes_before_its_time(old_person, container, clock):
    clock.advance(days=6 * 365 - 10)

    assert container.privacy.retention.run().due == []
    assert "Kitchen tap dripping" in everything_stored(container)


def test_the_run_anonymises_what_expired_once_and_is_audited(
    client, twilio, run_jobs, old_person, container, clock
):
    clock.advance(**SIX_YEARS_ON)
    text_in(client, twilio, run_jobs, "Neighbour here: my boiler pressure is low", "SM4",
            sender=OTHER_MOBILE)
    counts = counts_by_channel_and_category(container)

    first = container.privacy.retention.run()
    after_first = everything_stored(container)
    second = container.privacy.retention.run()

    assert first.counts() == {"complaint": 1, "contact": 3, "customer": 1}
    assert second.due == []
    for trace in (MOBILE, "Kitchen tap dripping", "Photo of the tap", "the plumber you sent",
                  "Poor repair work"):
        assert trace not in after_first, trace
    assert "boiler pressure" in after_first and OTHER_MOBILE in after_first
    assert counts_by_channel_and_category(container) == counts
    with container.sessions() as session:
        runs = session.scalars(select(PrivacyEvent).where(PrivacyEvent.action == "retention",
                                                          PrivacyEvent.customer_id.is_(None))
                               ).all()
        person = session.scalars(select(PrivacyEvent).where(
            PrivacyEvent.customer_id == old_person)).one()
    assert [run.detail["anonymised"] for run in runs] == [first.counts(), {}]
    assert person.actor == "retention"


def test_an_open_complaint_keeps_its_contacts_and_the_person(
    client, twilio, run_jobs, container, clock
):
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM3")
    clock.advance(days=10 * 366)

    plan = container.privacy.retention.run()

    [held] = plan.held
    assert held.kind == "contact" and "is open" in held.why
    assert plan.due == []
    assert "the plumber you sent made it worse" in everything_stored(container)


def test_a_building_safety_act_case_is_kept_seven_years(client, agent, admin, container, clock):
    assert client.put("/api/v1/buildings/B-TOWER", headers=admin, json={
        "name": "Kingfisher Tower", "higher_risk": True}).status_code == 200
    created = client.post("/api/v1/complaints", headers=agent, json={
        "resident": {"name": "Mrs Jones", "phone": MOBILE}, "channel": "phone",
        "text": "Fire doors on floor 9 do not close", "building_id": "B-TOWER",
        "building_safety_concerns": ["fire_or_smoke_spread"]})
    reference = created.get_json()["reference"]
    act(client, agent, reference, "acknowledge", handler=HANDLER,
        understanding="Fire doors", outcomes_sought=["doors fixed"])
    act(client, agent, reference, "respond", decision="upheld", reasons="r", remedies=[],
        outstanding_actions=[])
    act(client, agent, reference, "close", reason="resolved")

    clock.advance(**SIX_YEARS_ON)
    six = container.privacy.retention.run()
    clock.advance(days=366)
    seven = container.privacy.retention.run()

    assert not any(item.kind == "complaint" for item in six.due)  # not due yet at all
    assert any("Building Safety Act" in item.why for item in six.held)
    assert [item.label for item in seven.due if item.kind == "complaint"] == [reference]
    assert "RETENTION_BSA_COMPLAINT_YEARS" in seven.lines()[0]
    assert "Fire doors on floor 9" not in everything_stored(container)


def test_a_legal_hold_stops_retention(old_person, container, clock):
    container.privacy.holds.place(old_person, "Ombudsman investigation 2026/123", "Dana")
    clock.advance(**SIX_YEARS_ON)

    plan = container.privacy.retention.run()

    assert plan.due == []
    assert {item.why for item in plan.held} == {f"legal hold on customer {old_person}"}
    assert "Kitchen tap dripping" in everything_stored(container)


def test_workers_run_it_once_per_interval(old_person, container, clock):
    clock.advance(**SIX_YEARS_ON)
    assert timedelta(hours=24) == container.privacy.retention.interval

    first = container.privacy.retention.tick()
    again = container.privacy.retention.tick()

    assert first is not None and first.counts()["contact"] == 3
    assert again is None
    assert container.privacy.retention.tick in container.periodic


def test_the_cli_dry_run_prints_the_plan(old_person, container, clock, settings, monkeypatch,
                                         capsys):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    # The CLI uses the system clock: make the records old instead of moving time.
    with container.engine.begin() as connection:
        for table, column in (("contacts", "received_at"), ("contacts", "resolved_at"),
                              ("contact_events", "at"), ("customers", "created_at"),
                              ("outbound_messages", "created_at"),
                              ("complaints", "updated_at")):
            connection.execute(models.Base.metadata.tables[table].update().values(
                {column: clock() - timedelta(days=7 * 366)}))

    assert main(["privacy", "retention", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "anonymise contact CH-" in out and "would anonymise" in out
    assert "Kitchen tap dripping" in everything_stored(container)


def test_records_held_back_do_not_stop_the_ones_behind_them(
    client, twilio, run_jobs, old_person, container, clock
):
    text_in(client, twilio, run_jobs, "Neighbour here: my boiler pressure is low", "SM4",
            sender=OTHER_MOBILE)
    container.privacy.holds.place(old_person, "disrepair claim", "Dana")
    clock.advance(**SIX_YEARS_ON)
    job = container.privacy.retention
    one_at_a_time = RetentionJob(job.uow, None, clock, job.policy, job.interval, page=1)

    plan = one_at_a_time.run()

    assert [item.kind for item in plan.due] == ["contact", "customer"]
    assert "boiler pressure" not in everything_stored(container)
    assert "Kitchen tap dripping" in everything_stored(container)
