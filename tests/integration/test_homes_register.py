"""The property register: `contact-hub import homes` (bulk, idempotent, all or nothing),
and the same through the API (PUT/GET properties and tenancies)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from contact_hub.services.homes.console import run_homes_import
from contact_hub.services.homes.importer import HomesImport
from contact_hub.services.homes.rows import COLUMNS
from contact_hub.storage.homes import models as homes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"
HEADER = ",".join(COLUMNS)
GOOD = ("P1,1001,1 Mill Road,,Leeds,LS1 4AP,B1,Mill House,no,T1,general_needs,Ann Lee,"
        "07400 123456,ann@example.org,")


def counts(container) -> dict[str, int]:
    with container.sessions() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (homes.Property, homes.Tenancy, homes.HouseholdMember,
                              homes.MemberAddress)}


def run(container, text: str):
    return HomesImport(container.uow, container.clock).run(io.StringIO(text))


def test_the_example_file_imports_and_importing_it_again_changes_nothing(container, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert run_homes_import(container.uow, EXAMPLE, out=out, err=err) == 0
    assert "properties 3 new, 0 updated; tenancies 3 new" in out.getvalue()
    first = counts(container)
    assert first == {"properties": 3, "tenancies": 3, "household_members": 4,
                     "member_addresses": 7}

    again = io.StringIO()
    assert run_homes_import(container.uow, EXAMPLE, out=again, err=err) == 0
    assert "properties 0 new, 3 updated; tenancies 0 new, 3 updated" in again.getvalue()
    assert counts(container) == first
    with container.sessions() as session:
        flat = session.scalars(select(homes.Property).where(homes.Property.reference == "P-1001")
                               ).one()
        assert (flat.postcode, flat.building_id, flat.higher_risk) == (
            "LS1 4AP", "MILL-HOUSE", True)
        dot = session.scalars(select(homes.HouseholdMember)
                              .where(homes.HouseholdMember.name == "Dorothy Okafor")).one()
        assert dot.phones == ["+447400123456"]
        assert dot.vulnerabilities == ["oxygen user", "lives alone"]


def test_a_long_file_shows_a_progress_bar(container, tmp_path):
    lines = [HEADER] + [
        f"P{n},{5000 + n},{n} Mill Road,,Leeds,LS1 4AP,,,no,T{n},general_needs,Person {n},,,"
        for n in range(2500)]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    assert run_homes_import(container.uow, path, out=io.StringIO(), err=err) == 0
    assert "2500/2500" in err.getvalue() and "rows" in err.getvalue()
    assert counts(container)["properties"] == 2500


@pytest.mark.parametrize(("row", "reason"), [
    (GOOD.replace("LS1 4AP", "LS1 4AP4"), "not a UK postcode"),
    (GOOD.replace("07400 123456", "07700 900123"), "phone: an Ofcom drama number"),
    (GOOD.replace("07400 123456", "07400 12345"), "phone: not a phone number"),
    (GOOD.replace("1 Mill Road", "=HYPERLINK(\"x\")"), "spreadsheet formula"),
    (GOOD.replace("1 Mill Road", "1 Mill\x07Road"), "control characters"),
    (GOOD + ",extra,cells", "more cells than the header"),
    ("P2,1001,2 Mill Road,,Leeds,LS1 4AP,,,no,T2,general_needs,Bo,,,", "uprn 1001 is also on"),
    (GOOD.replace("1 Mill Road", "9 Other Road"), "P1 is described differently on line 2"),
    (GOOD.replace("P1,", "P2,").replace(",1001,", ",1002,"), "tenancy T1 is described"),
    (GOOD.replace("Ann Lee", "ANN  LEE"), "listed twice"),
])
def test_each_bad_row_is_reported_with_its_line_and_nothing_is_written(container, row, reason):
    report = run(container, f"{HEADER}\n{GOOD}\n{row}\n")

    assert not report.committed
    [error] = report.errors
    assert error.line == 3 and reason in error.reason
    assert counts(container)["properties"] == 0


def test_a_wrong_header_commits_nothing(container, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER.replace("postcode", "post_code") + "\n" + GOOD + "\n")
    err = io.StringIO()
    assert run_homes_import(container.uow, path, out=io.StringIO(), err=err) == 1
    assert "the header lacks columns: postcode" in err.getvalue()
    for text in ("", f"{HEADER},phone\n{GOOD},x\n", "\xff\xfe not csv"):
        assert not run(container, text).committed
    assert counts(container)["properties"] == 0


def test_malformed_csv_and_non_utf8_are_refused(container, tmp_path):
    assert "not valid CSV" in run(container, f'{HEADER}\n{GOOD}\n"P9,unclosed\n').errors[0].reason
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n" + GOOD.replace("Ann", "Ann\xe9") + "\n").encode("latin-1"))
    err = io.StringIO()
    assert run_homes_import(container.uow, path, out=io.StringIO(), err=err) == 1
    assert "not UTF-8" in err.getvalue() and counts(container)["properties"] == 0


def test_a_uprn_already_on_another_property_is_refused(container):
    assert run(container, f"{HEADER}\n{GOOD}\n").committed
    report = run(container, f"{HEADER}\n{GOOD.replace('P1,', 'P7,').replace('T1,', 'T7,')}\n")
    assert [e.reason for e in report.errors] == [
        "uprn 1001 is already on property P1 in the register"]
    assert counts(container)["properties"] == 1


def test_a_member_no_longer_listed_stops_being_current(container):
    second = GOOD.replace("Ann Lee", "Bo Lee").replace("07400 123456", "07400 123457")
    assert run(container, f"{HEADER}\n{GOOD}\n{second}\n").members == 2
    report = run(container, f"{HEADER}\n{GOOD}\n")
    assert report.committed and report.members_no_longer_current == 1
    with container.sessions() as session:
        current = session.scalars(select(homes.HouseholdMember.name)
                                  .where(homes.HouseholdMember.current.is_(True))).all()
        numbers = session.scalars(select(homes.MemberAddress.value)
                                  .where(homes.MemberAddress.kind == "phone")).all()
    assert current == ["Ann Lee"] and numbers == ["+447400123456"]


# --- the API -----------------------------------------------------------------------------


@pytest.fixture
def admin(container):
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Ops")}


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("agent", "Amira")}


HOME = {"uprn": "100023336956", "address_line_1": "Flat 3, Mill House",
        "address_line_2": "12 Mill Road", "town": "Leeds", "postcode": "ls1 4ap",
        "building_id": "MILL", "building_name": "Mill House", "higher_risk": True}


def test_properties_and_tenancies_are_written_and_read_through_the_api(client, admin, agent):
    put = client.put("/api/v1/properties/P-1", headers=admin, json=HOME)
    assert put.status_code == 200, put.json
    assert put.json["address"] == "Flat 3, Mill House, 12 Mill Road, Leeds, LS1 4AP"
    assert put.json["higher_risk"] is True and put.json["building_name"] == "Mill House"

    tenancy = client.put("/api/v1/tenancies/T-1", headers=admin, json={
        "property_ref": "P-1", "tenure": "general_needs", "start_date": "2020-01-06",
        "members": [{"name": "Dot Okafor", "phones": ["07400 123456"],
                     "vulnerabilities": ["oxygen user"]}]})
    assert tenancy.status_code == 200, tenancy.json
    assert tenancy.json["members"][0]["phones"] == ["+447400123456"]

    shown = client.get("/api/v1/properties/P-1", headers=agent)
    assert shown.status_code == 200
    assert shown.json["tenancies"][0]["members"][0]["vulnerabilities"] == ["oxygen user"]
    assert client.get("/api/v1/tenancies/T-1", headers=agent).json["property_ref"] == "P-1"
    assert client.put("/api/v1/properties/P-1", headers=admin, json=HOME).status_code == 200


@pytest.mark.parametrize(("path", "body", "words"), [
    ("/api/v1/properties/P-2", {**HOME, "postcode": "nowhere"}, "not a UK postcode"),
    ("/api/v1/properties/P-2", {**HOME, "address_line_1": "=cmd|' /C calc'!A0"}, "formula"),
    ("/api/v1/properties/P-2", {**HOME, "uprn": 12}, "uprn: text"),
    ("/api/v1/properties/P-2", {**HOME, "colour": "red"}, "colour not known"),
    ("/api/v1/properties/bad%20ref", HOME, "property_ref: 1 to 50"),
    ("/api/v1/tenancies/T-2", {"property_ref": "P-404"}, "no property P-404"),
    ("/api/v1/tenancies/T-2", {"property_ref": "P-1", "members": [{"name": "A"}, {"name": "a"}]},
     "listed twice"),
    ("/api/v1/tenancies/T-2", {"property_ref": "P-1", "members": [{"name": "A",
                                                                  "phones": "0740"}]},
     "phones: a list"),
])
def test_bad_register_writes_are_400_with_the_field_named(client, admin, path, body, words):
    assert client.put("/api/v1/properties/P-1", headers=admin, json=HOME).status_code == 200
    response = client.put(path, headers=admin, json=body)
    assert response.status_code == 400
    assert words in response.json["error"]["message"]


def test_a_uprn_on_two_properties_is_refused_by_the_api(client, admin):
    assert client.put("/api/v1/properties/P-1", headers=admin, json=HOME).status_code == 200
    again = client.put("/api/v1/properties/P-9", headers=admin, json=HOME)
    assert again.status_code == 400 and "already on property P-1" in again.json["error"]["message"]


def test_writing_the_register_needs_the_admin_role(client, agent, admin):
    assert client.put("/api/v1/properties/P-1", headers=agent, json=HOME).status_code == 403
    assert client.get("/api/v1/properties/P-1", headers=agent).status_code == 404
    assert client.get("/api/v1/tenancies/T-404", headers=agent).status_code == 404
    assert client.get("/api/v1/properties/P-1").status_code == 401
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"put", "get"} <= set(paths["/properties/{reference}"])
    assert {"put", "get"} <= set(paths["/tenancies/{reference}"])
