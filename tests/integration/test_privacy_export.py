"""Subject access: everything held about one person, from every channel they used, and
nothing about anyone else; as JSON, a readable PDF and a zip; admins only; audited."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from contact_hub.cli import main
from tests.helpers import MOBILE
from tests.integration.privacy_fixtures import (
    OTHER_MOBILE,
    close_case,
    complaint_reference,
    customer_of,
    text_in,
    whatsapp_in,
)


@pytest.fixture
def agent(container):
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


@pytest.fixture
def admin(container):
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}


@pytest.fixture
def seeded(client, twilio, run_jobs, agent, clock, container):
    """Mrs Okafor by SMS, WhatsApp and a complaint with a survey answer; a neighbour too."""
    text_in(client, twilio, run_jobs, "Kitchen tap dripping at flat 4", "SM1")
    whatsapp_in(client, twilio, run_jobs, "Photo of the tap attached", "SM2")
    text_in(client, twilio, run_jobs, "the plumber you sent made it worse", "SM3")
    text_in(client, twilio, run_jobs, "I can smell gas in the hallway", "SM6")
    text_in(client, twilio, run_jobs, "Neighbour here: my boiler pressure is low", "SM4",
            sender=OTHER_MOBILE)
    person = customer_of(container, MOBILE)
    assert client.patch(f"/api/v1/customers/{person}", headers=agent, json={
        "display_name": "Mrs D. Okafor", "vulnerabilities": ["elderly"],
        "reason": "daughter rang"}).status_code == 200
    reference = complaint_reference(container, person)
    close_case(client, agent, reference)
    run_jobs()
    clock.advance(days=2)
    text_in(client, twilio, run_jobs, "4", "SM5")  # the survey answer
    return person


def test_the_bundle_holds_every_channel_of_the_person_and_nobody_else(
    client, admin, seeded, container
):
    response = client.get(f"/api/v1/customers/{seeded}/export", headers=admin)

    assert response.status_code == 200
    bundle = response.get_json()
    texts = [c["text"] for c in bundle["contacts"]]
    assert "Kitchen tap dripping at flat 4" in texts
    assert "Photo of the tap attached" in texts
    assert {c["channel"] for c in bundle["contacts"]} == {"sms", "whatsapp"}
    [alert] = bundle["alerts_reported"]
    assert "gas" in alert["incident"]["hazards"][0] and "escalation_token" not in alert
    assert [(i["kind"], i["value"]) for i in bundle["identities"]] == [("phone", MOBILE)]
    assert bundle["customer"]["display_name"] == "Mrs D. Okafor"
    assert bundle["record_changes"][0]["reason"] == "daughter rang"
    [case] = bundle["complaints"]
    assert case["record"]["summary"] == "the plumber you sent made it worse"
    assert case["satisfaction_score"] == 4
    assert {e["kind"] for e in case["record"]["timeline"]} >= {"acknowledged", "closed"}
    assert any(m["kind"] == "acknowledgement" for m in bundle["outbound_messages"])
    assert all(m["recipient"] in (MOBILE, f"whatsapp:{MOBILE}")
               for m in bundle["outbound_messages"])
    assert {len(c["events"]) > 0 for c in bundle["contacts"]} == {True}
    assert bundle["conversations"] and bundle["privacy_audit"][-1]["action"] == "export"
    everything = json.dumps(bundle)
    assert OTHER_MOBILE not in everything and "boiler pressure" not in everything


def test_the_pdf_summary_reads_as_the_persons_record(client, admin, seeded):
    response = client.get(f"/api/v1/customers/{seeded}/export?format=pdf", headers=admin)

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Mrs D. Okafor" in words
    assert "Kitchen tap dripping at flat 4" in words
    assert MOBILE in words and "the plumber you sent made it worse" in words
    assert "boiler pressure" not in words


def test_the_zip_holds_the_json_and_the_pdf(client, admin, seeded):
    response = client.get(f"/api/v1/customers/{seeded}/export?format=zip", headers=admin)

    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert sorted(name.split("/")[-1] for name in names) == ["data.json", "summary.pdf"]


def test_only_admins_export_and_bad_requests_are_4xx(client, agent, admin, seeded):
    path = f"/api/v1/customers/{seeded}/export"
    assert client.get(path, headers=agent).status_code == 403
    assert client.get(path).status_code == 401
    assert client.get(path + "?format=docx", headers=admin).status_code == 400
    assert client.get("/api/v1/customers/999999/export", headers=admin).status_code == 404
    # an id beyond any stored one is refused as a bad id (400) before the database is asked
    assert client.get("/api/v1/customers/99999999999/export", headers=admin).status_code == 400


def test_the_cli_writes_the_bundle_to_a_folder(seeded, settings, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)

    out = tmp_path / "sar"  # tmp_path is also the service's home: other files live there

    assert main(["privacy", "export", "--customer", str(seeded), "--out", str(out)]) == 0

    [folder] = out.iterdir()
    data = json.loads((folder / "data.json").read_text())
    assert data["customer"]["id"] == seeded and len(data["contacts"]) == 5
    assert (folder / "summary.pdf").read_bytes().startswith(b"%PDF")
    assert str(folder) in capsys.readouterr().out
    assert main(["privacy", "export", "--customer", "999999", "--out", str(out)]) == 1
