"""Reading a resident's record on the staff pages is audited as it is through the API:
who, when, which record, and that it was a page (`via="workspace"`)."""

from __future__ import annotations

from contact_hub.storage.access.store import ReadFilters
from tests.integration.test_workspace_complaints import a_case
from tests.integration.test_workspace_contacts import contact_id, text
from tests.workspace_helpers import signed_in


def reads(container, **filters):
    entries, _total = container.access_audit.search(ReadFilters(**filters), 50, 0)
    return [(e.actor, e.role, e.via, e.record_type, e.record_id) for e in entries]


def test_opening_a_contact_audits_the_contact_and_the_residents_record(
    client, container, twilio, run_jobs
):
    text(client, twilio, "My kitchen tap is dripping", "SM1")
    run_jobs()
    cid = contact_id(container, "SM1")
    email = signed_in(client, container)
    assert reads(container) == []  # the inbox lists contacts but opens no record

    assert client.get("/inbox").status_code == 200
    assert reads(container) == []
    assert client.get(f"/contacts/{cid}").status_code == 200

    found = reads(container)
    assert (email, "agent", "workspace", "contact", str(cid)) in found
    assert [r for r in found if r[3] == "customer"] != []
    assert len(found) == 2


def test_a_contact_that_does_not_exist_audits_nothing(client, container):
    signed_in(client, container)
    assert client.get("/contacts/999").status_code == 404
    assert reads(container) == []


def test_opening_a_complaint_audits_the_case(client, container, twilio, run_jobs):
    reference = a_case(client, twilio, run_jobs, container)
    email = signed_in(client, container, "handler")
    assert client.get(f"/complaints/{reference}").status_code == 200
    assert reads(container, record_type="complaint") == [
        (email, "handler", "workspace", "complaint", reference)]
