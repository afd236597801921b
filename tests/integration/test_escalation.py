"""Emergency escalation end to end: real Redis, a real database, Twilio and Slack faked at
the HTTP level, and a test clock that moves the escalation on."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from channels.slack import ACKNOWLEDGE_ACTION_ID
from contact_hub.bootstrap import Container
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from contact_hub.storage import models
from contact_hub.storage import repository as repo
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import MOBILE, sms_form
from tests.integration.escalation_fixtures import (
    FALLBACK,
    drop_scheduled,
    events,
    paging_settings,
    release_due,
    slack_click,
    the_alert,
)
from tests.integration.fault_checks import pop_job, start_job
from tests.meta_helpers import APP_SECRET, PSID, VERIFY_TOKEN, messenger, post_signed

GAS = "I can smell gas in my kitchen, please help"


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    """The suite's settings with the example rota, fake Slack and fake Twilio."""
    return paging_settings(settings, fake_slack, fake_twilio).with_overrides(
        meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN)


def report(client: Any, twilio: Any, text: str = GAS, sid: str = "SM" + "e" * 32,
           sender: str = MOBILE) -> Any:
    return twilio.post(client, "/webhooks/twilio/sms", sms_form(text, sender=sender, sid=sid))


def advance(container: Container, clock: FrozenClock, run_jobs: Any, minutes: float) -> None:
    clock.advance(minutes=minutes)
    release_due(container, clock)
    run_jobs()


def paged(fake_twilio: FakeTwilio) -> list[tuple[str, str]]:
    texts = [("sms", m["To"]) for m in fake_twilio.messages if "EMERGENCY" in m.get("Body", "")]
    return texts + [("voice", c["To"]) for c in fake_twilio.calls]


def test_unacknowledged_alert_escalates_on_schedule(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack, fake_twilio: FakeTwilio,
) -> None:
    on_call = container.oncall.at()
    repairs = on_call.responder_for("repairs").mobile
    second = on_call.responder_for("second_line").mobile
    assert "gas" in report(client, twilio).get_data(as_text=True).lower()  # safety advice
    run_jobs()
    assert [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")] == [
        "#emergencies"]
    assert paged(fake_twilio) == [("sms", repairs)]
    ack_code = the_alert(container).ack_code
    assert f"ACK {ack_code}" in fake_twilio.messages[-1]["Body"]

    advance(container, clock, run_jobs, 4)
    assert paged(fake_twilio) == [("sms", repairs)]  # nothing early
    advance(container, clock, run_jobs, 1)
    assert paged(fake_twilio)[-1] == ("voice", repairs)
    assert fake_twilio.calls[-1]["Url"].endswith(f"/webhooks/twilio/voice/page/"
                                                 f"page-{the_alert(container).id}-1-voice-"
                                                 f"{repairs.lstrip('+')}")
    assert ("sms", second) not in paged(fake_twilio)
    advance(container, clock, run_jobs, 5)
    assert {("sms", second), ("voice", second)} <= set(paged(fake_twilio))


def test_slack_acknowledgement_stops_paging_and_tells_the_resident(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack, fake_twilio: FakeTwilio,
) -> None:
    report(client, twilio)
    run_jobs()
    alert = the_alert(container)
    assert slack_click(client, ACKNOWLEDGE_ACTION_ID, alert.id).status_code == 200
    run_jobs()
    alert = the_alert(container)
    assert (alert.state, alert.acknowledged_by, alert.acknowledged_via) == (
        "acknowledged", "priya.shah", "slack")
    card = next(iter(fake_slack.messages.values()))
    assert "priya.shah" in str(card["blocks"]) and "Acknowledged" in str(card["blocks"])
    follow_up = [m for m in fake_twilio.messages if m["To"] == MOBILE]
    assert len(follow_up) == 1 and "An engineer has been told" in follow_up[0]["Body"]
    before = paged(fake_twilio)
    for _ in range(6):
        advance(container, clock, run_jobs, 10)
    assert paged(fake_twilio) == before


def acknowledged_follow_up(client: Any, run_jobs: Any, container: Container) -> Any:
    """Acknowledge the one alert on Slack; the resident's one follow-up message."""
    assert slack_click(client, ACKNOWLEDGE_ACTION_ID, the_alert(container).id).status_code == 200
    run_jobs()
    with container.sessions() as session:
        [follow_up] = [m for m in session.scalars(select(models.OutboundMessage))
                       if m.kind == "emergency_follow_up"]
    return follow_up


def test_a_messenger_resident_hears_an_engineer_has_been_told_on_messenger(
    settings: Settings, client: Any, run_jobs: Any, container: Container,
) -> None:
    """The follow-up goes back where the resident wrote (it used to go only to phones)."""
    post_signed(client, messenger("I can smell gas in my kitchen, please help"))
    run_jobs()
    follow_up = acknowledged_follow_up(client, run_jobs, container)
    assert (follow_up.channel, follow_up.recipient, follow_up.status) == (
        "messenger", PSID, "simulated")  # no Meta credentials here: the dry run sends it
    assert "An engineer has been told" in follow_up.body


def test_a_caller_on_a_landline_gets_no_text_but_the_record_says_why(
    client: Any, twilio: Any, run_jobs: Any, container: Container, fake_twilio: FakeTwilio,
) -> None:
    report(client, twilio, sender="+441632960123")  # a UK landline: texts cannot reach it
    run_jobs()
    follow_up = acknowledged_follow_up(client, run_jobs, container)
    assert follow_up.status == "suppressed"
    assert follow_up.error_message == "no SMS-capable number for this sender"
    assert not [m for m in fake_twilio.messages if m["To"] == "+441632960123"]


def test_bad_slack_signature_is_refused_and_changes_nothing(
    container: Container, client: Any, twilio: Any, run_jobs: Any,
) -> None:
    report(client, twilio)
    run_jobs()
    alert = the_alert(container)
    response = slack_click(client, ACKNOWLEDGE_ACTION_ID, alert.id, secret="wrong")
    run_jobs()
    assert response.status_code == 403
    assert the_alert(container).state == "open"


def test_ack_code_by_sms_from_the_rota_acknowledges_without_a_contact(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    report(client, twilio)
    run_jobs()
    alert = the_alert(container)
    repairs = container.oncall.at().responder_for("repairs")
    reply = report(client, twilio, f"ack {alert.ack_code.lower()} on my way",
                   sid="SM" + "f" * 32, sender=repairs.mobile)
    assert f"Alert {alert.id} acknowledged" in reply.get_data(as_text=True)
    alert = the_alert(container)
    assert (alert.state, alert.acknowledged_by, alert.acknowledged_via) == (
        "acknowledged", repairs.name, "sms")
    with container.sessions() as session:
        assert repo.list_contacts(session, repo.ContactFilters(), 10, 0)[1] == 1
    before = paged(fake_twilio)
    advance(container, clock, run_jobs, 30)
    assert paged(fake_twilio) == before


def test_ack_code_from_a_number_not_on_the_rota_is_an_ordinary_contact(
    container: Container, client: Any, twilio: Any, run_jobs: Any,
) -> None:
    report(client, twilio)
    run_jobs()
    code = the_alert(container).ack_code
    report(client, twilio, f"ACK {code}", sid="SM" + "1" * 32, sender="+447400123457")
    assert the_alert(container).state == "open"
    with container.sessions() as session:
        assert repo.list_contacts(session, repo.ContactFilters(), 10, 0)[1] == 2


def test_slack_down_still_pages_by_sms_and_voice(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack, fake_twilio: FakeTwilio,
) -> None:
    fake_slack.fail_next(100, status=503)
    report(client, twilio)
    run_jobs()
    advance(container, clock, run_jobs, 5)
    repairs = container.oncall.at().responder_for("repairs").mobile
    assert paged(fake_twilio) == [("sms", repairs), ("voice", repairs)]
    assert fake_slack.messages == {}


def test_slack_rate_limit_is_retried_after_retry_after(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack,
) -> None:
    fake_slack.fail_next(1, status=429, retry_after=30)
    report(client, twilio)
    run_jobs()
    assert fake_slack.messages == {}
    clock.advance(seconds=29)
    assert release_due(container, clock) == 0  # not before Retry-After
    clock.advance(seconds=1)
    release_due(container, clock)
    run_jobs()
    assert len(fake_slack.messages) == 1


def test_a_lost_step_job_is_recovered_by_the_audit(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    report(client, twilio)
    run_jobs()
    assert drop_scheduled(container) >= 1  # the worker died holding the next step
    clock.advance(minutes=5)
    run_jobs()
    assert len(paged(fake_twilio)) == 1  # nothing knows the step is due yet
    clock.advance(minutes=2)  # past the audit's grace period
    for task in container.periodic:
        task()
    run_jobs()
    repairs = container.oncall.at().responder_for("repairs").mobile
    assert ("voice", repairs) in paged(fake_twilio)
    assert "audit_rearmed" in [kind for kind, _ in events(container, the_alert(container).id)]


def test_a_first_step_killed_with_its_worker_pages_once_the_worker_is_seen_dead(
    container: Container, client: Any, twilio: Any, clock: FrozenClock, run_jobs: Any,
    fake_twilio: FakeTwilio,
) -> None:
    """The alert is open but nobody has been paged: the worker that took the first step's
    job was SIGKILLed. While its liveness key holds, the job is left to it; once the key
    lapses the audit re-arms the step and on-call is paged, once."""
    report(client, twilio)
    container.inbound.process(the_contact_id(container))  # routed: the alert is open
    alert = the_alert(container)
    assert alert.step_index == 0 and alert.escalation_token is not None
    step = pop_job(container, f"escalate-{alert.id}-{alert.escalation_token}")
    start_job(container, step, "worker-killed-mid-step")
    container.dispatcher.beat("worker-killed-mid-step")
    clock.advance(seconds=container.settings.stale_after_seconds + 1)

    container.escalation.audit()
    run_jobs()
    assert paged(fake_twilio) == []  # its worker may still be running it

    container.dispatcher.forget_worker("worker-killed-mid-step")  # the key lapsed
    container.escalation.audit()
    run_jobs()
    container.escalation.audit()  # a second pass finds nothing left to do
    run_jobs()

    repairs = container.oncall.at().responder_for("repairs").mobile
    assert paged(fake_twilio) == [("sms", repairs)]
    assert the_alert(container).step_index == 1
    assert [kind for kind, _ in events(container, alert.id)].count("audit_rearmed") == 1


def test_a_second_report_of_the_same_incident_joins_the_alert(
    container: Container, client: Any, twilio: Any, run_jobs: Any, fake_twilio: FakeTwilio,
) -> None:
    report(client, twilio)
    run_jobs()
    report(client, twilio, "Still a strong smell of gas in the flat", sid="SM" + "2" * 32)
    run_jobs()
    alert = the_alert(container)
    assert len(paged(fake_twilio)) == 1
    assert [kind for kind, _ in events(container, alert.id)].count("joined") == 1


def test_two_workers_running_the_same_step_page_once(
    container: Container, client: Any, twilio: Any, run_jobs: Any, database_url: str,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite ignores FOR UPDATE; the race is a PostgreSQL test")
    container.dispatcher.enqueue_all = lambda requests: 0  # type: ignore[method-assign]
    report(client, twilio)
    container.inbound.process(the_contact_id(container))
    alert = the_alert(container)
    token = alert.escalation_token
    assert token is not None
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        container.escalation.run_step(alert.id, token)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    steps = [d for kind, d in events(container, alert.id) if kind == "step"]
    assert len(steps) == 1
    assert the_alert(container).step_index == 1


def the_contact_id(container: Container) -> int:
    with container.sessions() as session:
        contacts, _ = repo.list_contacts(session, repo.ContactFilters(), 1, 0)
        return contacts[0].id


def test_fallback_number_is_paged_when_the_rota_names_nobody(
    container: Container, client: Any, twilio: Any, run_jobs: Any, fake_twilio: FakeTwilio,
) -> None:
    container.escalation.oncall.rota_file = "/nonexistent/rota.yaml"
    report(client, twilio)
    run_jobs()
    assert paged(fake_twilio) == [("sms", FALLBACK)]


def audit_and_sweep(container: Container, run_jobs: Any) -> None:
    """What the periodic process does: the escalation audit and the sweeper, then workers."""
    for task in container.periodic:
        task()
    run_jobs()


def test_redis_lost_after_a_step_committed_next_page_goes_out_exactly_once(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    repairs = container.oncall.at().responder_for("repairs").mobile
    report(client, twilio)
    run_jobs()
    assert paged(fake_twilio) == [("sms", repairs)]
    container.redis.flushdb()  # step 0 committed; its scheduled step-1 job is gone
    clock.advance(minutes=5, seconds=61)  # step 1 due at 5 min, plus the audit's grace
    audit_and_sweep(container, run_jobs)
    assert paged(fake_twilio) == [("sms", repairs), ("voice", repairs)]
    audit_and_sweep(container, run_jobs)  # a second pass finds nothing left to do
    advance(container, clock, run_jobs, 1)
    assert paged(fake_twilio) == [("sms", repairs), ("voice", repairs)]
    kinds = [kind for kind, _ in events(container, the_alert(container).id)]
    assert kinds.count("audit_rearmed") == 1


def _step_then_lose_redis(container: Container, clock: FrozenClock) -> int:
    """Run step 1 as a worker would, then lose Redis before its page's send job runs."""
    clock.advance(minutes=5)
    alert = the_alert(container)
    assert alert.escalation_token is not None
    container.escalation.run_step(alert.id, alert.escalation_token)
    container.redis.flushdb()
    with container.sessions() as session:
        rows, _ = repo.list_outbound(session, None, None, 50, 0)
        (page,) = [r for r in rows if r.kind == "alert_page" and r.channel == "voice"]
        return page.id


def test_step_claimed_but_worker_died_before_its_page_was_sent_pages_once(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    on_call = container.oncall.at()
    repairs, second = (on_call.responder_for(t).mobile for t in ("repairs", "second_line"))
    report(client, twilio)
    run_jobs()
    _step_then_lose_redis(container, clock)
    assert paged(fake_twilio) == [("sms", repairs)]  # the token moved on; nothing sent yet
    clock.advance(seconds=61)
    audit_and_sweep(container, run_jobs)
    assert paged(fake_twilio) == [("sms", repairs), ("voice", repairs)]
    clock.advance(minutes=5)  # step 2 (second line) due; its job was lost with Redis too
    audit_and_sweep(container, run_jobs)
    pages = paged(fake_twilio)
    assert pages.count(("voice", repairs)) == 1
    assert {("sms", second), ("voice", second)} <= set(pages)


def test_page_claimed_by_a_send_job_that_died_is_sent_again_not_dropped(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_twilio: FakeTwilio,
) -> None:
    repairs = container.oncall.at().responder_for("repairs").mobile
    report(client, twilio)
    run_jobs()
    page_id = _step_then_lose_redis(container, clock)
    with container.sessions() as session, session.begin():
        assert repo.claim_outbound(session, page_id, clock())  # claimed, then the worker died
    clock.advance(minutes=2, seconds=1)
    audit_and_sweep(container, run_jobs)
    assert paged(fake_twilio).count(("voice", repairs)) == 1
    audit_and_sweep(container, run_jobs)
    assert paged(fake_twilio).count(("voice", repairs)) == 1
    with container.sessions() as session:
        assert repo.get_outbound(session, page_id).status == "sent"
