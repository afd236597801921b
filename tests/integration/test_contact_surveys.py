"""The satisfaction question after a resolved contact: asked once, on the resident's own
channel, after the delay; the answer stored against the contact and the agent; a complaint
in the answer raises a complaint; NO SURVEYS stops the questions (issue 20)."""

from __future__ import annotations

from sqlalchemy import select

from contact_hub.storage import models
from contact_hub.storage.reports.models import ContactSurvey
from tests.helpers import MOBILE
from tests.integration.test_agent_queues import bearer, take, text


def _surveys(container) -> list[ContactSurvey]:
    with container.sessions() as session:
        return list(session.scalars(select(ContactSurvey).order_by(ContactSurvey.id)))


def _questions(container) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(select(models.OutboundMessage).where(
            models.OutboundMessage.kind == "satisfaction_survey")))


def _resolved_contact(client, twilio, run_jobs, agent, sid: str,
                      words: str = "My kitchen tap is dripping") -> dict:
    text(client, twilio, words, sid)
    run_jobs()
    taken = take(client, agent, "repairs")
    assert taken.status_code == 200, (taken.status_code, taken.json)
    contact = taken.json
    assert client.post(f"/api/v1/contacts/{contact['id']}/resolve", headers=agent
                       ).status_code == 200
    return contact


def test_asked_once_after_the_delay_and_the_answer_is_kept(
    client, twilio, run_jobs, container, clock
):
    agent = bearer(container, "Amira")
    contact = _resolved_contact(client, twilio, run_jobs, agent, "SM1")
    assert container.surveys.ask_due() == 0  # SURVEY_DELAY_MINUTES (60) not passed yet
    clock.advance(minutes=61)
    assert container.surveys.ask_due() == 1
    assert container.surveys.ask_due() == 0  # a second run (or worker) adds nothing
    [question] = _questions(container)
    assert (question.channel, question.recipient) == ("sms", MOBILE)
    assert contact["reference"] in question.body and "1 (very happy)" in question.body

    clock.advance(minutes=5)
    text(client, twilio, "2 - the plumber was quick", "SM2")
    run_jobs()
    [survey] = _surveys(container)
    assert (survey.contact_id, survey.agent, survey.score, survey.comment) == (
        contact["id"], "Amira", 2, "the plumber was quick")
    assert survey.complaint_reference is None


def test_a_complaint_in_the_answer_raises_a_complaint(client, twilio, run_jobs, container,
                                                      clock):
    agent = bearer(container, "Amira")
    _resolved_contact(client, twilio, run_jobs, agent, "SM1")
    clock.advance(minutes=61)
    container.surveys.ask_due()
    text(client, twilio, "5 nobody came, this is a disgrace and I want to make a complaint",
         "SM2")
    run_jobs()
    [survey] = _surveys(container)
    assert survey.score == 5
    assert survey.complaint_reference is not None
    assert survey.complaint_reference.startswith("CMP-")


def test_no_surveys_means_never_asked_again(client, twilio, run_jobs, container, clock):
    agent = bearer(container, "Amira")
    text(client, twilio, "NO SURVEYS", "SM0")
    run_jobs()
    _resolved_contact(client, twilio, run_jobs, agent, "SM1")
    clock.advance(minutes=61)
    assert container.surveys.ask_due() == 0
    assert _questions(container) == []
    assert [s.skipped_reason for s in _surveys(container)] == ["opted out of surveys"]


def test_at_most_once_in_the_survey_period(client, twilio, run_jobs, container, clock):
    agent = bearer(container, "Amira")
    _resolved_contact(client, twilio, run_jobs, agent, "SM1")
    clock.advance(minutes=61)
    assert container.surveys.ask_due() == 1
    clock.advance(days=2)
    second = _resolved_contact(client, twilio, run_jobs, agent, "SM2",
                               "The bathroom sink is blocked again")
    clock.advance(minutes=61)
    assert second["id"] not in [s.contact_id for s in _surveys(container)]
    assert container.surveys.ask_due() == 0  # asked 2 days ago; SURVEY_MIN_DAYS is 30
    assert len(_questions(container)) == 1
