"""The complaint page's remaining forms: remedies, unreasonable-behaviour flags, declining
(managers only) and the resident's satisfaction answer taken by phone, each validated on
the server with what was typed kept, and each the same service call as the API's."""

from __future__ import annotations

import re

from contact_hub.storage.complaints import models as complaint_models
from tests.integration.test_workspace_complaints import a_case
from tests.workspace_helpers import create_staff, post_form, sign_in, signed_in


def row(container, reference: str) -> complaint_models.ComplaintRow:
    with container.sessions() as session:
        return session.query(complaint_models.ComplaintRow).filter_by(
            reference=reference).one()


def view(container, reference: str):
    return container.complaints.get(reference)


def test_a_handler_records_a_remedy_in_pounds_and_a_missing_kind_is_shown_beside_it(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    page = f"/complaints/{reference}"
    assert "Record a remedy" in client.get(page).get_data(as_text=True)

    missing = post_form(client, page, f"{page}/remedies", {
        "type": "", "description": "A payment for the missed visits", "reason": "Two missed"})
    assert missing.status_code == 400
    html = missing.get_data(as_text=True)
    assert "Choose the kind of remedy" in html
    assert "A payment for the missed visits</textarea>" in html

    done = post_form(client, page, f"{page}/remedies", {
        "type": "financial", "description": "A payment for the missed visits",
        "reason": "Two missed appointments", "amount": "75.50", "reimburses_loss": "y"})
    assert done.status_code == 302
    [remedy] = view(container, reference).complaint.remedies
    assert (remedy.type.value, remedy.amount_pence, remedy.reimburses_loss) == (
        "financial", 7550, True)
    assert "Financial: A payment for the missed visits (£75.50)" in client.get(page).get_data(
        as_text=True)


def test_only_a_manager_may_decline_and_the_resident_is_told_why(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    page = f"/complaints/{reference}"
    signed_in(client, container, "handler")
    assert "Decline the complaint" not in client.get(page).get_data(as_text=True)
    refused = post_form(client, page, f"{page}/decline", {
        "ground": "over_12_months", "detail": "x", "explanation": "y"})
    assert refused.status_code == 403

    manager = client.application.test_client()
    sign_in(manager, create_staff(container, "manager"))
    no_ground = post_form(manager, page, f"{page}/decline", {
        "ground": "", "detail": "Raised 14 months after the repair", "explanation": ""})
    assert no_ground.status_code == 400
    html = no_ground.get_data(as_text=True)
    assert "Choose the policy&#39;s ground for declining" in html or \
        "Choose the policy's ground for declining" in html
    assert "Explain the decision in words the resident will understand" in html
    assert "Raised 14 months after the repair</textarea>" in html

    # The Code's rules still apply: out of time needs the date of the issue on record.
    unproven = post_form(manager, page, f"{page}/decline", {
        "ground": "over_12_months", "detail": "Raised 14 months after the repair",
        "explanation": "We can only look at complaints raised within 12 months."})
    assert unproven.status_code == 400
    assert "the date of the issue is not recorded" in unproven.get_data(as_text=True)

    done = post_form(manager, page, f"{page}/decline", {
        "ground": "legal_proceedings_filed", "detail": "Disrepair claim issued 2 Nov",
        "explanation": "The court will decide this, so our complaints process cannot."})
    assert done.status_code == 302
    assert view(container, reference).complaint.status.value == "declined"
    assert "Declined: the letter" in manager.get(page).get_data(as_text=True)


def test_a_flag_keeps_the_case_going_and_needs_a_review_date(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    page = f"/complaints/{reference}"
    undated = post_form(client, page, f"{page}/flag", {
        "reason": "Forty calls a day to the same officer", "review_on": ""})
    assert undated.status_code == 400
    assert "Enter the review date" in undated.get_data(as_text=True)

    done = post_form(client, page, f"{page}/flag", {
        "reason": "Forty calls a day to the same officer", "review_on": "2027-03-01"})
    assert done.status_code == 302
    flagged = view(container, reference).complaint
    assert flagged.is_open
    assert "Flag recorded" in client.get(page).get_data(as_text=True)


def test_the_satisfaction_answer_is_taken_once_the_question_has_been_asked(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    page = f"/complaints/{reference}"
    assert "Record the resident's answer" not in client.get(page).get_data(as_text=True)
    assert "Not asked yet" in client.get(page).get_data(as_text=True)

    for path, data in [
        ("acknowledge", {"understanding": "Boiler not fixed", "outcomes_sought": "Fix it"}),
        ("respond", {"decision": "upheld", "reasons": "We were late", "no_remedy": "y",
                     "no_outstanding_actions": "y"}),
        ("close", {"reason": "Responded and no escalation asked for"}),
    ]:
        assert post_form(client, page, f"{page}/{path}", data).status_code == 302
    assert row(container, reference).survey_sent_at is not None

    html = client.get(page).get_data(as_text=True)
    assert "Record the resident's answer" in html
    unanswered = post_form(client, page, f"{page}/satisfaction", {"comment": "Took too long"})
    assert unanswered.status_code == 400
    assert "Choose the resident&#39;s answer from 1 to 5" in unanswered.get_data(as_text=True)
    assert "Took too long</textarea>" in unanswered.get_data(as_text=True)

    done = post_form(client, page, f"{page}/satisfaction",
                     {"score": "2", "comment": "Took too long"})
    assert done.status_code == 302
    answered = row(container, reference)
    assert (answered.satisfaction_score, answered.satisfaction_comment) == (2, "Took too long")
    assert "2 out of 5: Took too long" in client.get(page).get_data(as_text=True)


def test_letters_held_for_a_person_are_listed_with_where_and_why(client, container):
    from tests.integration.test_complaints_api import acknowledge, record

    api = {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}
    case = record(client, api, resident={"name": "Mr Patel", "address": "4 Mill Lane, Leeds"},
                  channel="letter")
    page = f"/complaints/{case['reference']}"
    signed_in(client, container, "handler")
    assert "Letters held for a person" not in client.get(page).get_data(as_text=True)

    acknowledge(client, api, case["reference"])
    html = client.get(page).get_data(as_text=True)
    assert "Letters held for a person to send (1)" in html
    assert "To 4 Mill Lane, Leeds (letter)" in html
    assert "send it by hand" in html
    assert case["reference"] in html.split("Letters held for a person")[1]


def test_safety_concerns_are_recorded_and_shown_ticked_next_time(
    client, container, twilio, run_jobs
):
    reference = a_case(client, twilio, run_jobs, container)
    signed_in(client, container, "handler")
    page = f"/complaints/{reference}"
    bad = post_form(client, page, f"{page}/safety", {"building_safety_concerns": "arson"})
    assert bad.status_code == 400

    done = post_form(client, page, f"{page}/safety", {
        "safeguarding": "y", "building_safety_concerns": "fire_or_smoke_spread"})
    assert done.status_code == 302
    case = view(container, reference).complaint
    assert (case.concerns_health_and_safety, case.concerns_safeguarding) == (False, True)
    assert [c.value for c in case.building_safety.concerns] == ["fire_or_smoke_spread"]
    html = client.get(page).get_data(as_text=True)
    assert "Safety concerns (recorded)" in html
    assert re.search(r'<input checked id="safeguarding"', html)
    assert not re.search(r'<input checked id="health_and_safety"', html)
    assert re.search(r'<input checked id="building_safety_concerns-1"', html)
