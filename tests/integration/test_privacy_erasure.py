"""Erasure: the person's names, numbers and words go everywhere the law allows; what must
be kept (legal hold, open complaint, open emergency) stays and is said with the reason;
counts by channel and category are untouched; twice is the same as once; audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from contact_hub.cli import main
from contact_hub.storage import models
from contact_hub.storage.privacy.models import PrivacyEvent
from tests.helpers import MOBILE
from tests.integration.privacy_fixtures import (
    OTHER_MOBILE,
    close_case,
    complaint_reference,
    counts_by_channel_and_category,
    customer_of,
    everything_stored,
    text_in,
    whatsapp_in,
)


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


@pytest.fixture
def admin(container):
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}


def seed(client, twilio, run_jobs, agent, container) -> int:
    text_in(client, twilio, run_jobs, "Kitchen tap dripping at flat 4", "SM1")
    whatsapp_in(client, twilio, run_jobs, "Mould spreading in the nursery", "SM2")
    text_in(client, twilio, run_jobs, "Neighbour here: my boiler pressure is low", "SM4",
            sender=OTHER_MOBILE)
    person = customer_of(container, MOBILE)
    assert client.patch(f"/api/v1/customers/{person}", headers=agent, json={
        "display_name": "Mrs D. Okafor", "vulnerabilities": ["elderly"],
        "reason": "daughter rang"}).status_code == 200
    return person


def test_erasure_removes_the_person_everywhere_and_keeps_the_counts(
    client, twilio, run_jobs, agent, admin, container
):
    person = seed(client, twilio, run_jobs, agent, container)
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM3")
    close_case(client, agent, complaint_reference(container, person))
    run_jobs()
    counts = counts_by_channel_and_category(container)
    assert MOBILE in everything_stored(container)

    response = client.post(f"/api/v1/customers/{person}/erase", headers=admin,
                           json={"reason": "SAR-2026-014"})

    assert response.status_code == 200
    report = response.get_json()
    assert report["kept"] == []
    assert report["anonymised"]["contacts"] == 3 and report["anonymised"]["complaints"] == 1
    stored = everything_stored(container)
    for trace in (MOBILE, MOBILE.lstrip("+"), "Okafor", "Kitchen tap dripping",
                  "Mould spreading", "the plumber you sent", "Poor repair work",
                  "we got it wrong", "daughter rang"):
        assert trace not in stored, trace
    assert OTHER_MOBILE in stored and "boiler pressure" in stored  # the neighbour is untouched
    assert counts_by_channel_and_category(container) == counts
    with container.sessions() as session:
        event = session.scalars(select(PrivacyEvent).where(PrivacyEvent.action == "erase")).one()
    assert event.actor == "Dana (DPO)" and event.detail["reason"] == "SAR-2026-014"


def test_erasing_twice_changes_nothing_more(client, twilio, run_jobs, agent, admin, container):
    person = seed(client, twilio, run_jobs, agent, container)
    first = client.post(f"/api/v1/customers/{person}/erase", headers=admin).get_json()
    after_first = everything_stored(container)

    second = client.post(f"/api/v1/customers/{person}/erase", headers=admin).get_json()

    assert first["anonymised"]["customer"] == 1
    assert set(second["anonymised"].values()) == {0}
    assert [line for line in everything_stored(container).splitlines()
            if "erase" not in line] == [line for line in after_first.splitlines()
                                        if "erase" not in line]


def test_a_new_message_after_erasure_is_a_new_person(
    client, twilio, run_jobs, agent, admin, container
):
    person = seed(client, twilio, run_jobs, agent, container)
    client.post(f"/api/v1/customers/{person}/erase", headers=admin)

    text_in(client, twilio, run_jobs, "Hello again", "SM9")

    assert customer_of(container, MOBILE) != person


def test_an_open_complaint_and_an_open_emergency_are_kept_and_said_why(
    client, twilio, run_jobs, agent, admin, container
):
    person = seed(client, twilio, run_jobs, agent, container)
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM3")
    text_in(client, twilio, run_jobs, "I can smell gas in the hallway", "SM6")
    reference = complaint_reference(container, person)

    report = client.post(f"/api/v1/customers/{person}/erase", headers=admin).get_json()

    why = {item["what"]: item["why"] for item in report["kept"]}
    assert why[f"complaint {reference}"].startswith(f"complaint {reference} is open")
    assert "name and addresses" in why
    assert any("emergency alert" in reason for reason in why.values())
    stored = everything_stored(container)
    assert "the plumber you sent made it worse" in stored and "smell gas" in stored
    assert MOBILE in stored  # the reply to the complaint goes there
    assert "Kitchen tap dripping" not in stored and "Mould spreading" not in stored


def test_a_legal_hold_keeps_everything_until_released(
    client, twilio, run_jobs, agent, admin, container
):
    person = seed(client, twilio, run_jobs, agent, container)
    holds = f"/api/v1/customers/{person}/holds"
    placed = client.post(holds, headers=admin, json={"reason": "disrepair claim, Smith & Co"})
    assert placed.status_code == 201

    held = client.post(f"/api/v1/customers/{person}/erase", headers=admin).get_json()

    assert held["kept"][0]["what"] == "everything"
    assert "disrepair claim, Smith & Co" in held["kept"][0]["why"]
    assert "Kitchen tap dripping" in everything_stored(container)
    release = f"/api/v1/holds/{placed.get_json()['id']}/release"
    assert client.post(release, headers=admin).status_code == 200
    assert client.post(release, headers=admin).status_code == 409
    erased = client.post(f"/api/v1/customers/{person}/erase", headers=admin).get_json()
    assert erased["kept"] == [] and "Kitchen tap dripping" not in everything_stored(container)
    [listed] = client.get(holds, headers=admin).get_json()["items"]
    assert listed["released_by"] == "Dana (DPO)"


@pytest.mark.parametrize("path, body, status", [
    ("/api/v1/customers/{id}/holds", {}, 400),
    ("/api/v1/customers/{id}/holds", {"reason": "  "}, 400),
    ("/api/v1/customers/{id}/holds", {"reason": 7}, 400),
    ("/api/v1/customers/999999/holds", {"reason": "r"}, 404),
    ("/api/v1/customers/{id}/erase", {"reason": ["x"]}, 400),
    ("/api/v1/customers/{id}/erase", {"reason": "x" * 1001}, 400),
    ("/api/v1/customers/{id}/erase", {"reason": "nul\u0000byte"}, 400),
    ("/api/v1/customers/{id}/holds", {"reason": "nul\u0000byte"}, 400),
    ("/api/v1/customers/999999/erase", {}, 404),
    ("/api/v1/holds/999999/release", {}, 404),
])
def test_bad_requests_are_4xx(client, twilio, run_jobs, agent, admin, container, path, body,
                              status):
    person = seed(client, twilio, run_jobs, agent, container)
    response = client.post(path.format(id=person), headers=admin, json=body)
    assert response.status_code == status, response.get_json()


def test_only_admins_erase_or_hold(client, twilio, run_jobs, agent, container):
    person = seed(client, twilio, run_jobs, agent, container)
    assert client.post(f"/api/v1/customers/{person}/erase", headers=agent).status_code == 403
    assert client.post(f"/api/v1/customers/{person}/holds", headers=agent,
                       json={"reason": "r"}).status_code == 403
    assert "Kitchen tap dripping" in everything_stored(container)


def test_the_cli_erases_and_says_what_it_kept(
    client, twilio, run_jobs, agent, container, settings, monkeypatch, capsys
):
    person = seed(client, twilio, run_jobs, agent, container)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    assert main(["privacy", "hold", "--customer", str(person), "--reason", "Ombudsman case"]) == 0

    assert main(["privacy", "erase", "--customer", str(person)]) == 0

    assert "Ombudsman case" in capsys.readouterr().out
    with container.sessions() as session:
        assert session.get(models.Customer, person).display_name == "Mrs D. Okafor"
