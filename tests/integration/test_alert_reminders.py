"""An acknowledged emergency nobody resolves is not forgotten: whoever acknowledged it is
reminded (Slack thread note with a mention, and an SMS) every ALERT_REMINDER_MINUTES until
it is resolved, and can resolve it by texting back. Real Redis and database; Twilio and
Slack faked at the HTTP level."""

from __future__ import annotations

from typing import Any

import pytest

from channels.slack import ACKNOWLEDGE_ACTION_ID
from contact_hub.bootstrap import Container, build
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from contact_hub.storage import repository as repo
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import sms_form
from tests.integration.escalation_fixtures import events, paging_settings, slack_click, the_alert

PRIYA_MOBILE, PRIYA_SLACK = "+447700900101", "U04PSHAH01"  # examples/oncall-rota.yaml


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    return paging_settings(settings, fake_slack, fake_twilio)


@pytest.fixture
def agent_headers(container: Container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}


def text(client: Any, twilio: Any, body: str, sender: str, sid: str) -> Any:
    return twilio.post(client, "/webhooks/twilio/sms", sms_form(body, sender=sender, sid=sid))


def acknowledged_on_slack(client: Any, twilio: Any, run_jobs: Any, container: Container) -> Any:
    text(client, twilio, "I can smell gas in my kitchen, please help", "+447400123456",
         "SM" + "a" * 32)
    run_jobs()
    assert slack_click(client, ACKNOWLEDGE_ACTION_ID, the_alert(container).id).status_code == 200
    run_jobs()
    return the_alert(container)


def sms_reminders(fake_twilio: FakeTwilio) -> list[str]:
    return [m["Body"] for m in fake_twilio.messages
            if m["To"] == PRIYA_MOBILE and m["Body"].startswith("Reminder")]


def slack_reminders(fake_slack: FakeSlack) -> list[dict[str, Any]]:
    return [c.params for c in fake_slack.calls_to("chat.postMessage")
            if "still not resolved" in c.params.get("text", "")]


def test_whoever_acknowledged_is_reminded_each_interval_until_they_resolve_it_by_text(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack, fake_twilio: FakeTwilio,
) -> None:
    alert = acknowledged_on_slack(client, twilio, run_jobs, container)
    remind = container.escalation.remind

    clock.advance(minutes=119)
    assert remind() == 0
    clock.advance(minutes=1)
    assert remind() == 1
    assert remind() == 0  # each reminder once
    run_jobs()
    [sms] = sms_reminders(fake_twilio)
    assert f"alert {alert.id}" in sms and "2 hours ago" in sms
    assert f"reply RESOLVED {alert.ack_code}" in sms
    [note] = slack_reminders(fake_slack)
    assert note["text"].startswith(f"<@{PRIYA_SLACK}> Acknowledged by priya.shah 2 hours ago")
    assert note["thread_ts"]  # under the alert's card, not a new post in the channel

    clock.advance(hours=5)  # the workers were down: one reminder now, not three
    assert remind() == 1
    run_jobs()
    assert len(sms_reminders(fake_twilio)) == 2 and "7 hours ago" in sms_reminders(fake_twilio)[1]

    reply = text(client, twilio, f"done {alert.ack_code.lower()} all safe", PRIYA_MOBILE,
                 "SM" + "b" * 32)
    assert f"Alert {alert.id} resolved" in reply.get_data(as_text=True)
    resolved = the_alert(container)
    assert (resolved.state, resolved.resolved_via) == ("resolved", "sms")
    with container.sessions() as session:  # the reply was an instruction, not a contact
        assert repo.list_contacts(session, repo.ContactFilters(), 10, 0)[1] == 1
    clock.advance(hours=6)
    assert remind() == 0
    run_jobs()
    assert len(sms_reminders(fake_twilio)) == 2
    assert [d["reminder"] for k, d in events(container, alert.id) if k == "reminded"] == [1, 3]


def test_a_reminder_overtaken_by_the_resolution_is_not_posted(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack, agent_headers: dict[str, str],
) -> None:
    alert = acknowledged_on_slack(client, twilio, run_jobs, container)
    clock.advance(hours=2)
    assert container.escalation.remind() == 1
    response = client.post(f"/api/v1/alerts/{alert.id}/resolve", headers=agent_headers,
                           json={"by": "Duty manager"})
    assert response.status_code == 200
    run_jobs()
    assert slack_reminders(fake_slack) == []


def test_reminders_can_be_turned_off(
    settings: Settings, container: Container, client: Any, twilio: Any, run_jobs: Any,
    clock: FrozenClock, fake_twilio: FakeTwilio,
) -> None:
    acknowledged_on_slack(client, twilio, run_jobs, container)
    quiet = build(settings.with_overrides(alert_reminder_minutes=0), clock=clock)
    try:
        clock.advance(days=1)
        assert quiet.escalation.remind() == 0
        assert container.escalation.remind() == 1  # the same alert, with the default
    finally:
        quiet.close()


def test_resolve_by_text_only_from_the_rota_and_for_a_live_code(
    container: Container, client: Any, twilio: Any, run_jobs: Any,
) -> None:
    alert = acknowledged_on_slack(client, twilio, run_jobs, container)
    stranger = text(client, twilio, f"RESOLVED {alert.ack_code}", "+447400999888",
                    "SM" + "c" * 32)
    assert the_alert(container).state == "acknowledged"  # a resident's text is a contact
    assert "resolved" not in stranger.get_data(as_text=True).lower()
    unknown = text(client, twilio, "RESOLVED ZZZZ", PRIYA_MOBILE, "SM" + "d" * 32)
    assert "ZZZZ" in unknown.get_data(as_text=True)
    assert the_alert(container).state == "acknowledged"
