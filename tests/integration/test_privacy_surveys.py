"""Survey answers under UK GDPR (issue 20): the satisfaction questions asked after a
person's contacts and their answers are in their subject-access export, and erasure removes
the words of the answers (the scores stay, so satisfaction figures still add up). A closed
complaint's report facts lose its lessons' words with the case."""

from __future__ import annotations

import io

import pypdf
import pytest
from sqlalchemy import select

from contact_hub.domain.privacy.retention import REMOVED
from contact_hub.storage.complaints.models import ComplaintReportFacts
from contact_hub.storage.reports.models import ContactSurvey
from tests.helpers import MOBILE
from tests.integration.privacy_fixtures import (
    close_case,
    complaint_reference,
    customer_of,
    everything_stored,
    text_in,
)
from tests.integration.test_agent_queues import bearer
from tests.integration.test_contact_surveys import _resolved_contact

ANSWER = "plumber Gary sorted it and was kind to my son in his wheelchair"


@pytest.fixture
def settings(settings):  # the annual report's rates need the number of homes
    return settings.with_overrides(complaints_homes=2000)


@pytest.fixture
def admin(container):
    return {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}


def _answered(client, twilio, run_jobs, container, clock) -> tuple[int, dict]:
    agent = bearer(container, "Amira")
    contact = _resolved_contact(client, twilio, run_jobs, agent, "SM1")
    clock.advance(minutes=61)
    assert container.surveys.ask_due() == 1
    clock.advance(minutes=5)
    text_in(client, twilio, run_jobs, f"2 - {ANSWER}", "SM2")
    run_jobs()
    return customer_of(container, MOBILE), contact


def _surveys(container) -> list[ContactSurvey]:
    with container.sessions() as session:
        return list(session.scalars(select(ContactSurvey).order_by(ContactSurvey.id)))


def test_the_export_has_the_questions_asked_and_the_answers(
    client, twilio, run_jobs, container, clock, admin
):
    person, contact = _answered(client, twilio, run_jobs, container, clock)
    bundle = client.get(f"/api/v1/customers/{person}/export", headers=admin).get_json()
    [survey] = bundle["surveys"]
    assert (survey["contact_id"], survey["score"], survey["comment"], survey["channel"]) == (
        contact["id"], 2, ANSWER, "sms")
    assert survey["asked_at"] and survey["answered_at"]
    pdf = client.get(f"/api/v1/customers/{person}/export?format=pdf", headers=admin)
    words = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Our satisfaction question after your contacts (1 asked, 1 answered)" in words
    assert "your answer: 2" in words


def test_erasure_removes_the_answers_words_and_keeps_the_score(
    client, twilio, run_jobs, container, clock, admin
):
    person, _ = _answered(client, twilio, run_jobs, container, clock)
    assert ANSWER in everything_stored(container)
    report = client.post(f"/api/v1/customers/{person}/erase", headers=admin,
                         json={"reason": "SAR-2026-020"}).get_json()
    assert report["kept"] == [] and report["anonymised"]["surveys"] == 1
    [survey] = _surveys(container)
    assert (survey.score, survey.comment, survey.channel) == (2, REMOVED, "sms")
    stored = everything_stored(container)
    assert "plumber Gary" not in stored and "wheelchair" not in stored
    again = client.post(f"/api/v1/customers/{person}/erase", headers=admin, json={}).get_json()
    assert again["anonymised"].get("surveys", 0) == 0  # twice is the same as once
    manager = bearer(container, "Mo", "manager")
    report = client.get("/api/v1/reports/annual?year=2026", headers=manager).get_json()
    assert report["satisfaction"]["contact"]["by_score"]["2"] == 1  # the score still counts


def test_erasure_takes_a_closed_complaints_lessons_out_of_its_report_facts(
    client, twilio, run_jobs, container, admin
):
    agent = bearer(container, "Amira", "handler")
    text_in(client, twilio, run_jobs, "I want to complain: the plumber broke my sink", "SM7")
    person = customer_of(container, MOBILE)
    reference = complaint_reference(container, person)
    lesson = "Mrs Okafor at 4 Elm Row needs a call before visits"
    assert client.post(f"/api/v1/complaints/{reference}/lessons", headers=agent,
                       json={"id": "L1", "text": lesson}).status_code == 200
    close_case(client, agent, reference)
    with container.sessions() as session:
        [facts] = session.scalars(select(ComplaintReportFacts)).all()
        assert facts.lessons[0][0] == lesson
    assert client.post(f"/api/v1/customers/{person}/erase", headers=admin,
                       json={}).status_code == 200
    with container.sessions() as session:
        [facts] = session.scalars(select(ComplaintReportFacts)).all()
        assert facts.lessons is None or lesson not in str(facts.lessons)
        assert facts.status == "closed"  # what the reports count stays
    assert "Elm Row" not in everything_stored(container)


def test_retention_takes_the_answers_words_with_their_contact(
    client, twilio, run_jobs, container, clock
):
    _answered(client, twilio, run_jobs, container, clock)
    clock.advance(days=6 * 366)  # past RETENTION_CONTACT_YEARS (6)
    container.privacy.retention.run()
    [survey] = _surveys(container)
    assert (survey.score, survey.comment) == (2, REMOVED)
    assert "wheelchair" not in everything_stored(container)
