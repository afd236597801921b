"""Learning on complaint cases and the annual report through the API (issue 20): what a
complaint handler records, what the board reads, in every format."""

from __future__ import annotations

import csv
import io
from typing import Any

import pypdf
import pytest

from contact_hub.bootstrap import build
from contact_hub.cli import main
from contact_hub.storage import models as m
from tests.integration.test_complaints_api import FULL_RESPONSE, acknowledge, act, record

REPAIRS = {"id": "h-rae", "name": "Rae Smith", "team": "Repairs"}
OUTSIDER = {"id": "h-oli", "name": "Oli Grant", "team": "Customer services"}


@pytest.fixture
def settings(settings):  # the TSM rates need the number of homes
    return settings.with_overrides(complaints_homes=2000)


def _token(container, role: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create(role, f"Sam ({role})")}


@pytest.fixture
def agent(container) -> dict[str, str]:
    return _token(container, "handler")


@pytest.fixture
def manager(container) -> dict[str, str]:
    return _token(container, "manager")


@pytest.fixture
def admin(container) -> dict[str, str]:
    return _token(container, "admin")


def _classify(client, headers, reference: str, **extra: Any) -> Any:
    body = {"service_area": "property_services", "category": "repairs", **extra}
    return client.put(f"/api/v1/complaints/{reference}/classification", json=body,
                      headers=headers)


def _learnt_case(client, agent, admin) -> str:
    """A complaint involving a child, about Repairs, taken through to its response with
    its causes, a lesson and two improvements (one done), then referred to the Ombudsman."""
    reference = record(client, agent)["reference"]
    flagged = _classify(client, agent, reference, independence_triggers=["involves_child"],
                        subject_team="Repairs", detail="a baby lives at the property")
    assert flagged.status_code == 200, flagged.get_json()
    assert flagged.get_json()["independent_investigation"]["reasons"] == ["involves_child"]
    refused = acknowledge(client, agent, reference, handler=REPAIRS)
    assert refused.status_code == 409
    assert "team other than Repairs" in refused.get_json()["error"]["message"]
    assert acknowledge(client, agent, reference, handler=OUTSIDER).status_code == 200
    for kind in ("contractor", "communication"):
        assert client.post(f"/api/v1/complaints/{reference}/root-causes",
                           json={"kind": kind, "detail": "missed visits"},
                           headers=agent).status_code == 200
    lesson = client.post(f"/api/v1/complaints/{reference}/lessons",
                         json={"id": "L1", "text": "Text residents before each visit"},
                         headers=agent)
    assert lesson.status_code == 200
    for imp_id in ("I1", "I2"):
        agreed = client.post(f"/api/v1/complaints/{reference}/improvements", json={
            "id": imp_id, "description": "Appointment reminders by text", "owner": "Head of "
            "Repairs", "due_on": "2026-12-31", "lesson_id": "L1"}, headers=agent)
        assert agreed.status_code == 200, agreed.get_json()
    done = client.post(f"/api/v1/complaints/{reference}/improvements/I1/complete",
                       headers=agent)
    assert [i["done_at"] is not None for i in done.get_json()["improvements"]] == [True, False]
    assert act(client, agent, reference, "respond", **FULL_RESPONSE).status_code == 200
    ombudsman = {"referred_on": "2026-11-23", "ombudsman_reference": "202655555"}
    url = f"/api/v1/complaints/{reference}/ombudsman"
    assert client.put(url, json=ombudsman, headers=agent).status_code == 403
    assert client.put(url, json=ombudsman, headers=admin).status_code == 200
    return reference


def test_learning_is_recorded_on_the_case_and_audited(client, agent, admin):
    reference = _learnt_case(client, agent, admin)
    case = client.get(f"/api/v1/complaints/{reference}", headers=agent).get_json()
    assert case["classification"] == {"service_area": "property_services",
                                      "category": "repairs"}
    assert [c["kind"] for c in case["root_causes"]] == ["contractor", "communication"]
    assert case["lessons"] == [{"id": "L1", "text": "Text residents before each visit"}]
    assert case["ombudsman"]["ombudsman_reference"] == "202655555"
    kinds = [e["kind"] for e in case["timeline"]]
    for kind in ("classified", "root_cause_recorded", "lesson_recorded", "improvement_agreed",
                 "improvement_done", "ombudsman_recorded"):
        assert kind in kinds
    assert all(e["actor"] for e in case["timeline"])


def test_a_handler_from_the_team_concerned_must_be_replaced(client, agent, manager):
    reference = record(client, agent)["reference"]
    assert acknowledge(client, agent, reference, handler=REPAIRS).status_code == 200
    flagged = _classify(client, agent, reference, independence_triggers=["discrimination"],
                        subject_team="repairs").get_json()
    assert flagged["needs_independent_handler"] is True
    url = f"/api/v1/complaints/{reference}/handler"
    assert client.put(url, json={"handler": REPAIRS}, headers=manager).status_code == 409
    moved = client.put(url, json={"handler": OUTSIDER}, headers=manager)
    assert moved.status_code == 200
    assert moved.get_json()["needs_independent_handler"] is False


def test_the_annual_report_counts_what_was_recorded(client, agent, admin, manager):
    _learnt_case(client, agent, admin)
    withdrawn = record(client, agent)["reference"]
    assert client.post(f"/api/v1/complaints/{withdrawn}/withdrawal",
                       json={"reason": "sorted by phone"}, headers=agent).status_code == 200
    response = client.put("/api/v1/reports/annual/2026/governing-body-response", json={
        "text": "The Board accepts the report.", "responded_by": "Jo Bloggs (MRC)",
        "responded_on": "2026-11-20"}, headers=admin)
    assert response.status_code == 200 and response.get_json()["completed"] is True
    comment = client.put("/api/v1/reports/annual/2026/self-assessment/6.2",
                         json={"commentary": "Met every week this year."}, headers=manager)
    assert comment.status_code == 200
    assert comment.get_json()["commentary"] == "Met every week this year."
    assert client.get("/api/v1/reports/annual?year=2026", headers=agent).status_code == 403

    report = client.get("/api/v1/reports/annual?year=2026", headers=manager).get_json()
    assert report["volumes"]["stages"]["1"] == {
        "requests": 2, "accepted": 2, "declined": 0, "withdrawn": 1, "per_1000_homes": 1.0}
    assert report["outcomes"]["1"]["upheld"] == 1
    assert report["remedies"]["compensation_pounds"] == "75.00"
    assert report["root_causes"]["by_kind"]["contractor"] == 1
    assert report["independent_investigations"]["flagged"] == 1
    assert report["improvements"]["done"] == 1 and report["improvements"]["open"] == 1
    assert report["ombudsman"]["referrals"] == 1
    assert report["lessons"][0]["lesson"] == "Text residents before each visit"
    rows = {r["provision"]: r for r in report["self_assessment"]}
    assert rows["6.2"]["commentary"] == "Met every week this year."
    assert report["governing_body_response"]["responded_by"] == "Jo Bloggs (MRC)"


def test_the_annual_report_as_csv_html_and_pdf(client, agent, admin, manager):
    _learnt_case(client, agent, admin)
    as_csv = client.get("/api/v1/reports/annual?year=2026&format=csv", headers=manager)
    assert as_csv.mimetype == "text/csv"
    lines = list(csv.reader(io.StringIO(as_csv.get_data(as_text=True))))
    assert lines[0] == ["section", "row", "column", "value"]
    assert ["volumes", "1", "Per 1,000 homes", "0.5"] in lines
    assert ["categories", "Repairs", "Complaints", "1"] in lines

    html = client.get("/api/v1/reports/annual?year=2026",
                      headers={**manager, "Accept": "text/html"})
    assert html.mimetype == "text/html"
    page = html.get_data(as_text=True)
    assert "Self-assessment against the Complaint Handling Code" in page
    assert "To be completed by the Member Responsible for Complaints" in page
    assert "<script" not in page

    pdf = client.get("/api/v1/reports/annual?year=2026&format=pdf", headers=manager)
    assert pdf.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Annual complaints performance and service improvement report" in text
    assert "Text residents before each visit" in text


@pytest.mark.parametrize(("query", "status"), [
    ("year=abc", 400), ("", 400), ("year=2019", 400), ("year=2031", 400),
    ("year=2026&format=xml", 400),
])
def test_bad_report_queries_get_a_clear_400(client, manager, query, status):
    response = client.get(f"/api/v1/reports/annual?{query}", headers=manager)
    assert response.status_code == status
    assert response.get_json()["error"]["message"]


def test_bad_learning_bodies_get_4xx_not_500(client, agent, admin):
    reference = record(client, agent)["reference"]
    assert _classify(client, agent, reference, category="gardening").status_code == 409
    assert _classify(client, agent, reference, independence_triggers=["gossip"]).status_code == 400
    flagged_without_team = _classify(client, agent, reference,
                                     independence_triggers=["safeguarding"])
    assert flagged_without_team.status_code == 409
    assert client.post(f"/api/v1/complaints/{reference}/root-causes", json={"kind": "fate"},
                       headers=agent).status_code == 400
    assert client.post(f"/api/v1/complaints/{reference}/improvements", json={
        "description": "x", "owner": "y", "due_on": "soon"}, headers=agent).status_code == 400
    assert client.post(f"/api/v1/complaints/{reference}/improvements/nope/complete",
                       headers=agent).status_code == 409
    assert client.put("/api/v1/reports/annual/2026/self-assessment/99.9",
                      json={"commentary": "x"}, headers=admin).status_code == 400
    assert client.put("/api/v1/complaints/CMP-NOPE/ombudsman", json={
        "referred_on": "2026-11-01", "ombudsman_reference": "1"},
        headers=admin).status_code == 404


def test_vocabulary_lists_the_configured_categories(client, agent):
    listed = client.get("/api/v1/reports/vocabulary", headers=agent).get_json()
    assert {"code": "damp_and_mould", "label": "Damp and mould"} in listed["categories"]
    assert "involves_child" in listed["independence_triggers"]


def test_the_cli_writes_the_annual_report_as_pdf(client, agent, admin, settings, monkeypatch,
                                                  tmp_path, capsys):
    _learnt_case(client, agent, admin)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COMPLAINTS_HOMES", "2000")
    out = tmp_path / "report.pdf"
    assert main(["report", "annual", "--year", "2026", "--out", str(out)]) == 0
    assert "written to" in capsys.readouterr().out
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Self-assessment against the Complaint Handling Code" in text
    assert "Text residents before each visit" in text
    as_csv = tmp_path / "report.csv"
    assert main(["report", "annual", "--year", "2026", "--out", str(as_csv)]) == 0
    assert as_csv.read_text().startswith("section,row,column,value")
    assert main(["report", "annual", "--year", "2026", "--out", str(tmp_path / "r.doc")]) == 2
    assert main(["report", "annual", "--year", "1999", "--out", str(out)]) == 1


def test_the_quarterly_report_by_api_and_by_the_job(client, agent, admin, manager, container,
                                                   clock):
    _learnt_case(client, agent, admin)  # received Mon 23 Nov 2026: 2026/27 Q3
    trends = client.get("/api/v1/reports/quarterly?year=2026&upto=3", headers=manager).json
    assert [q["stage1_received"] for q in trends["quarters"]] == [0, 0, 1]
    assert trends["quarters"][2]["categories"] == {"Repairs": 1}
    page = client.get("/api/v1/reports/quarterly?year=2026&upto=3&format=html",
                      headers=manager).get_data(as_text=True)
    assert "<svg" in page and "Stage 1 responses in time" in page
    pdf = client.get("/api/v1/reports/quarterly?year=2026&upto=3&format=pdf", headers=manager)
    assert pdf.data.startswith(b"%PDF")
    assert client.get("/api/v1/reports/quarterly?year=2026&upto=5",
                      headers=manager).status_code == 400


def test_the_quarterly_job_emails_the_list_once_a_quarter(settings, clock, container):
    with_list = build(settings.with_overrides(
        quarterly_report_recipients=("board@example.org", "mrc@example.org")), clock=clock)
    try:
        clock.advance(days=40)  # Sat 2 Jan 2027: 2026/27 Q3 has ended
        assert with_list.quarterly.send_due() == 2
        assert with_list.quarterly.send_due() == 0  # a second run (or worker): nothing more
        with with_list.sessions() as session:
            sent = session.query(m.OutboundMessage).filter_by(kind="quarterly_report").all()
        assert sorted(r.recipient for r in sent) == ["board@example.org", "mrc@example.org"]
        assert "2026/27 Q3 Oct-Dec" in sent[0].body
        assert "/api/v1/reports/quarterly?year=2026&upto=3&format=pdf" in sent[0].body
    finally:
        with_list.close()
