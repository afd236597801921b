"""Retention, erasure and subject access over Awaab's Law hazard cases and the homes
register's household members, with a frozen clock (SQLite and PostgreSQL):

- a closed hazard case and its contacts are anonymised once RETENTION_HAZARD_YEARS have
  passed and the case's own retain-until date (the end of the sixth year) has too; an open
  case never; a legal hold stops it;
- a household member is kept while in a current tenancy, and anonymised
  RETENTION_TENANCY_YEARS after the tenancy ended or the housing system stopped listing
  them;
- a subject access export lists the person's hazard cases and household records; erasure
  keeps what the rules keep, saying why, and anonymises the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.services.homes.console import run_homes_import
from contact_hub.storage import models
from contact_hub.storage.homes import models as homes
from tests.helpers import sms_form

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"
DOT = "+447400123456"  # Dorothy Okafor, T-5001 at P-1001 in the example register
MOULD = "Black mould in my sons bedroom, he has asthma and keeps getting chest infections"
FINDINGS = "Mould on the north wall from a failed extractor fan, Dorothy's bedroom."
HOME = {"uprn": "100023336001", "address_line_1": "1 Canal Street", "town": "Leeds",
        "postcode": "LS1 4AP"}


@pytest.fixture
def staff(container) -> dict[str, str]:
    run_homes_import(container.uow, EXAMPLE)
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}


def hazard_case(client: Any, twilio: Any, run_jobs: Any, staff: dict[str, str]) -> str:
    form = sms_form(MOULD, sender=DOT, sid="SM1")
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    run_jobs()
    [case] = client.get("/api/v1/hazards", headers=staff).json["items"]
    step = client.post(f"/api/v1/hazards/{case['reference']}/steps", headers=staff, json={
        "step": "investigated", "hazard_found": True, "note": FINDINGS})
    assert step.status_code == 200, step.json
    run_jobs()
    return str(case["reference"])


def close(client: Any, staff: dict[str, str], reference: str) -> dict[str, Any]:
    closed = client.post(f"/api/v1/hazards/{reference}/steps", headers=staff,
                         json={"step": "closed"})
    assert closed.status_code == 200, closed.json
    return dict(closed.json)


def case_row(container: Any, reference: str) -> homes.HazardCase:
    with container.sessions() as session:
        return session.scalars(select(homes.HazardCase)
                               .where(homes.HazardCase.reference == reference)).one()


def contact_texts(container: Any) -> list[str]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Contact.text).order_by(models.Contact.id)))


def members(container: Any) -> dict[str, homes.HouseholdMember]:
    with container.sessions() as session:
        rows = session.scalars(select(homes.HouseholdMember).order_by(homes.HouseholdMember.id))
        return {row.name_key: row for row in rows}


def test_a_closed_hazard_case_goes_after_its_years_with_its_contacts_once(
    client, twilio, run_jobs, staff, container, clock
):
    reference = hazard_case(client, twilio, run_jobs, staff)
    retention = container.privacy.retention

    clock.advance(days=7 * 366)  # years on, still open: nothing goes
    plan = retention.run()
    assert not [i for i in plan.due if i.kind in ("hazard_case", "contact")]
    assert [i.why for i in plan.held if i.kind == "contact"] == [
        f"hazard case {reference} is open: its Awaab's Law clocks still run"]
    assert MOULD in contact_texts(container)

    closed = close(client, staff, reference)  # closed in 2033: kept to the end of 2039
    assert closed["retain_until"] == "2039-12-31"
    clock.advance(days=6 * 366)  # past six years from closure, before retain_until
    assert not [i for i in retention.plan().due if i.kind == "hazard_case"]
    assert case_row(container, reference).findings == FINDINGS

    clock.advance(days=60)  # into 2040
    plan = retention.plan()
    assert [(i.kind, i.label) for i in plan.due if i.kind == "hazard_case"] == [
        ("hazard_case", reference)]
    assert "RETENTION_HAZARD_YEARS" in "\n".join(plan.lines())
    assert FINDINGS not in "\n".join(plan.lines()) and DOT not in "\n".join(plan.lines())

    done = retention.run()
    assert done.counts()["hazard_case"] == 1
    row = case_row(container, reference)
    assert row.findings == "[removed]" and row.anonymised_at is not None
    assert (row.hazard, row.kind, row.status) == ("damp_and_mould", "significant", "closed")
    assert MOULD not in contact_texts(container)
    with container.sessions() as session:
        notices = session.scalars(select(homes.HazardNotice.text)).all()
    assert all(text == "[removed]" for text in notices)
    assert retention.run().due == []  # a second run: nothing


def test_a_legal_hold_keeps_an_expired_hazard_case(
    client, twilio, run_jobs, staff, container, clock
):
    reference = hazard_case(client, twilio, run_jobs, staff)
    close(client, staff, reference)
    customer = case_row(container, reference).customer_id
    held = client.post(f"/api/v1/customers/{customer}/holds", headers=staff,
                       json={"reason": "disrepair claim"})
    assert held.status_code == 201
    clock.advance(days=8 * 366)

    plan = container.privacy.retention.run()
    assert [(i.label, i.due, i.why) for i in plan.items if i.kind == "hazard_case"] == [
        (reference, False, f"legal hold on customer {customer}")]
    assert case_row(container, reference).findings == FINDINGS


def test_household_members_are_kept_while_in_a_tenancy_and_go_years_after_they_left(
    client, staff, container, clock
):
    assert client.put("/api/v1/properties/P-9", headers=staff, json=HOME).status_code == 200
    household = [{"name": "Ann Lee", "phones": ["07400 555001"], "date_of_birth": "1970-01-02",
                  "vulnerabilities": ["hard of hearing"]},
                 {"name": "Bo Lee", "phones": ["07400 555002"]}]
    put = client.put("/api/v1/tenancies/T-9", headers=staff,
                     json={"property_ref": "P-9", "members": household})
    assert put.status_code == 200, put.json
    clock.advance(days=30)  # Bo moves out: the housing system stops listing him
    assert client.put("/api/v1/tenancies/T-9", headers=staff, json={
        "property_ref": "P-9", "members": household[:1]}).status_code == 200
    ended = client.put("/api/v1/tenancies/T-8", headers=staff, json={
        "property_ref": "P-9", "end_date": "2026-12-31",
        "members": [{"name": "Cy Moss", "emails": ["cy@example.org"]}]})
    assert ended.status_code == 200, ended.json
    retention = container.privacy.retention

    clock.advance(days=6 * 365 - 10)  # not yet six years since either left
    assert [i for i in retention.run().due if i.kind == "household_member"] == []

    clock.advance(days=40)
    plan = retention.run()
    gone = [i.label for i in plan.due if i.kind == "household_member"]
    assert len(gone) == 2 and "RETENTION_TENANCY_YEARS" in "\n".join(plan.lines())
    after = members(container)
    assert "ann lee" in after and after["ann lee"].vulnerabilities == ["hard of hearing"]
    assert "bo lee" not in after and "cy moss" not in after
    removed = [m for key, m in after.items() if key.startswith("[removed]")]
    assert [(m.name, m.phones, m.emails, m.date_of_birth) for m in removed] == [
        ("[removed]", [], [], None)] * 2
    with container.sessions() as session:
        kept_numbers = session.scalars(select(homes.MemberAddress.value)).all()
    assert "+447400555002" not in kept_numbers and "cy@example.org" not in kept_numbers
    assert "+447400555001" in kept_numbers
    assert retention.run().due == []


def test_export_lists_hazard_cases_and_household_records_and_erasure_says_what_it_kept(
    client, twilio, run_jobs, staff, container, clock
):
    reference = hazard_case(client, twilio, run_jobs, staff)
    customer = case_row(container, reference).customer_id

    bundle = client.get(f"/api/v1/customers/{customer}/export", headers=staff).get_json()
    [case] = bundle["hazard_cases"]
    assert (case["reference"], case["findings"]) == (reference, FINDINGS)
    [record] = bundle["household_records"]
    assert record["name"] == "Dorothy Okafor" and record["tenancy"]["reference"] == "T-5001"
    assert record["property"]["reference"] == "P-1001"

    report = client.post(f"/api/v1/customers/{customer}/erase", headers=staff,
                         json={"reason": "asked by phone"}).get_json()
    why = {item["what"]: item["why"] for item in report["kept"]}
    assert why[f"hazard case {reference}"].startswith(f"hazard case {reference} is open")
    [household] = [w for what, w in why.items() if what.startswith("household record")]
    assert "current tenancy T-5001" in household
    assert case_row(container, reference).findings == FINDINGS
    assert "Dorothy Okafor" in members(container)["dorothy okafor"].name

    # Years after the case closed and the tenancy ended, erasure takes both.
    close(client, staff, reference)
    tenancy = client.get("/api/v1/tenancies/T-5001", headers=staff).json
    assert client.put("/api/v1/tenancies/T-5001", headers=staff, json={
        "property_ref": "P-1001", "end_date": "2027-01-31",
        "members": [{"name": m["name"], "phones": m["phones"]} for m in tenancy["members"]],
    }).status_code == 200
    clock.advance(days=7 * 366)
    later = client.post(f"/api/v1/customers/{customer}/erase", headers=staff).get_json()
    assert later["anonymised"]["hazard_cases"] == 1
    assert later["anonymised"]["household_members"] == 1
    assert case_row(container, reference).findings == "[removed]"
    assert "dorothy okafor" not in members(container)
