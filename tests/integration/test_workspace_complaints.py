"""Complaint handlers' pages: cases by deadline, a case from acknowledgement to its stage 1
response through forms that name what is missing, and an agent refused."""

from __future__ import annotations

import re

from contact_hub.storage.complaints import models as complaint_models
from tests.helpers import sms_form
from tests.workspace_helpers import create_staff, post_form, sign_in, signed_in

COMPLAINT = "I want to make a formal complaint: nobody came to fix my boiler after 3 weeks"


def a_case(client, twilio, run_jobs, container) -> str:
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(COMPLAINT, sid="SMc1")
                       ).status_code == 200
    run_jobs()
    with container.sessions() as session:
        [row] = session.query(complaint_models.ComplaintRow).all()
        return row.reference


def test_a_handler_takes_a_case_from_acknowledgement_to_its_stage_1_response(
    client, container, twilio, run_jobs, clock
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")

    listing = client.get("/complaints").get_data(as_text=True)
    assert reference in listing and "1 case" in listing and "Not assigned" in listing
    assert "Due soon" in listing or "On track" in listing
    page = f"/complaints/{reference}"

    empty = post_form(client, page, f"{page}/acknowledge",
                      {"understanding": "", "outcomes_sought": "Boiler fixed"})
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert "Write down what the complaint is about" in html
    assert "Boiler fixed</textarea>" in html  # what was typed is kept

    done = post_form(client, page, f"{page}/acknowledge", {
        "understanding": "The boiler repair was not done for three weeks",
        "outcomes_sought": "Boiler fixed\nCompensation"})
    assert done.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Acknowledged: the acknowledgement is on its way" in html
    assert "The decision on the complaint: <strong>missing</strong>" in html
    assert "The complaint definition (acknowledge the stage first): done" in html

    missing = post_form(client, page, f"{page}/respond", {"decision": "", "reasons": ""})
    html = missing.get_data(as_text=True)
    assert missing.status_code == 400
    assert "Choose the decision on the complaint" in html
    assert "Give the reasons for the decision" in html

    no_remedy_said = post_form(client, page, f"{page}/respond", {
        "decision": "upheld", "reasons": "We missed the appointment"})
    html = no_remedy_said.get_data(as_text=True)
    assert no_remedy_said.status_code == 400
    assert "cannot be issued without: any remedy offered" in html
    assert 'selected value="upheld"' in html and "We missed the appointment</textarea>" in html

    issued = post_form(client, page, f"{page}/respond", {
        "decision": "upheld", "reasons": "We missed the appointment",
        "no_remedy": "y", "no_outstanding_actions": "y"})
    assert issued.status_code == 302
    assert "Responded" in client.get(page).get_data(as_text=True)
    assert re.search(r"Stage 1: Responded", client.get(page).get_data(as_text=True))

    manager = client.application.test_client()
    sign_in(manager, create_staff(container, "manager"))
    timeliness = manager.get("/dashboard/timeliness.csv").get_data(as_text=True).splitlines()
    assert timeliness[0] == ("label,stage 1 without extensions,stage 1 with extensions,"
                             "stage 2 without extensions,stage 2 with extensions")
    assert timeliness[-1] == "2026-11,100,100,,"  # responded the day it was acknowledged


def test_the_list_filters_by_status_and_refuses_a_bad_filter_beside_it(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    assert reference not in client.get("/complaints?status=closed").get_data(as_text=True)
    assert reference in client.get("/complaints?status=received").get_data(as_text=True)
    bad = client.get("/complaints?stage=7")
    assert bad.status_code == 400 and "Not a valid choice" in bad.get_data(as_text=True)


def test_an_agent_can_read_a_case_but_not_acknowledge_it(client, container, twilio, run_jobs):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "agent")
    page = f"/complaints/{reference}"
    assert "Acknowledge and tell the resident" not in client.get(page).get_data(as_text=True)
    refused = post_form(client, page, f"{page}/acknowledge",
                        {"understanding": "x", "outcomes_sought": "y"})
    assert refused.status_code == 403
    assert "You need permission to act on a complaint case" in refused.get_data(as_text=True)
    assert client.get("/complaints/CMP-NOPE").status_code == 404


def test_the_list_pages_fifty_cases_at_a_time(client, container, twilio, run_jobs):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    first = client.get("/complaints?status=received").get_data(as_text=True)
    assert "Next cases" not in first and reference in first
    beyond = client.get("/complaints?page=2").get_data(as_text=True)
    assert reference not in beyond and "Previous cases" in beyond
    assert client.get("/complaints?page=0").status_code == 400
