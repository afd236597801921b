"""One delivery ledger: an alert's Slack card and staff notices go out through the outbox,
claimed, retried and de-duplicated as every resident message is, with the card's post
always before its updates. Real Redis and database; Slack and Twilio faked over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from channels.slack import ACKNOWLEDGE_ACTION_ID
from contact_hub.bootstrap import Container
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts
from tests.fakes.slack_server import FakeSlack
from tests.fakes.twilio_server import FakeTwilio
from tests.helpers import sms_form
from tests.integration.escalation_fixtures import (
    drop_scheduled,
    events,
    paging_settings,
    release_due,
    slack_click,
    the_alert,
)

GAS = "I can smell gas in my kitchen, please help"


@pytest.fixture
def settings(settings: Settings, fake_slack: FakeSlack, fake_twilio: FakeTwilio) -> Settings:
    return paging_settings(settings, fake_slack, fake_twilio)


def report(client: Any, twilio: Any) -> None:
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(GAS)).status_code == 200


def slack_rows(container: Container) -> list[repo.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.channel == "slack").order_by(repo.OutboundMessage.id)))


def test_the_card_is_an_outbox_row_and_a_second_send_posts_nothing(
    container: Container, client: Any, twilio: Any, run_jobs: Any, fake_slack: FakeSlack,
) -> None:
    report(client, twilio)
    run_jobs()
    [post] = slack_rows(container)
    assert (post.kind, post.recipient, post.status) == ("slack_post", "#emergencies", "sent")
    container.outbox.send(post.id)  # the job run again (a retry, a duplicate)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    alert = the_alert(container)
    assert (alert.slack_channel, alert.slack_ts) == next(iter(fake_slack.messages))


def test_an_update_waits_for_the_post_through_a_slack_outage(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack,
) -> None:
    fake_slack.fail_next(2, status=503)  # the post's first try, and its try in the next job
    report(client, twilio)
    run_jobs()
    assert slack_click(client, ACKNOWLEDGE_ACTION_ID, the_alert(container).id).status_code == 200
    run_jobs()  # the update's job starts from the post, which fails again: both wait
    assert fake_slack.messages == {} and fake_slack.calls_to("chat.update") == []
    assert [r.status for r in slack_rows(container)] == ["queued", "queued"]

    clock.advance(minutes=1)
    release_due(container, clock)
    run_jobs()
    methods = [c.api_method for c in fake_slack.calls]
    assert methods == ["chat.postMessage", "chat.postMessage", "chat.postMessage", "chat.update"]
    card = next(iter(fake_slack.messages.values()))
    assert "Acknowledged" in str(card["blocks"])
    assert [r.status for r in slack_rows(container)] == ["sent", "sent"]


def test_a_card_whose_retry_was_lost_is_posted_by_the_sweeper(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack,
) -> None:
    fake_slack.fail_next(1, status=503)
    report(client, twilio)
    run_jobs()
    assert drop_scheduled(container) >= 1  # Redis lost the retry (and the next step)
    clock.advance(seconds=container.settings.stale_after_seconds + 1)
    container.sweeper.sweep()
    run_jobs()
    assert len(fake_slack.messages) == 1
    assert [r.status for r in slack_rows(container)] == ["sent"]


def test_slack_refusing_the_card_is_on_the_alert_timeline_and_not_retried(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack,
) -> None:
    fake_slack.fail_next(1, error="channel_not_found")
    report(client, twilio)
    run_jobs()
    clock.advance(minutes=30)
    release_due(container, clock)
    container.sweeper.sweep()
    run_jobs()
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    alert_id = the_alert(container).id
    [failed] = [d for kind, d in events(container, alert_id) if kind == "slack_failed"]
    assert failed["kind"] == "slack_post"
    with container.sessions() as session:
        [note] = alerts.notifications_of(session, alert_id, ("slack_post",))
        assert note.status == "failed"


def test_a_slack_action_queued_before_the_outbox_carried_slack_is_posted_by_the_audit(
    container: Container, client: Any, twilio: Any, run_jobs: Any, fake_slack: FakeSlack,
) -> None:
    container.dispatcher.enqueue_all = lambda requests: 0  # type: ignore[method-assign]
    report(client, twilio)
    with container.sessions() as session:
        contact = repo.list_contacts(session, repo.ContactFilters(), 1, 0)[0][0]
    container.inbound.process(contact.id)
    alert = the_alert(container)
    assert alert.escalation_token is not None
    container.escalation.run_step(alert.id, alert.escalation_token)
    with container.sessions() as session, session.begin():  # as the old Slack job left it
        [note] = alerts.notifications_of(session, alert.id, ("slack_post",))
        outbound = repo.get_outbound(session, note.outbound_id)
        note.outbound_id = None
        session.flush()
        session.delete(outbound)
    del container.dispatcher.enqueue_all
    container.escalation.audit()
    run_jobs()
    assert len(fake_slack.messages) == 1
    [row] = slack_rows(container)
    assert row.status == "sent"


def test_a_card_cut_off_mid_post_is_marked_unknown_not_posted_again(
    container: Container, client: Any, twilio: Any, run_jobs: Any, clock: FrozenClock,
    fake_slack: FakeSlack,
) -> None:
    container.dispatcher.enqueue_all = lambda requests: 0  # type: ignore[method-assign]
    report(client, twilio)
    with container.sessions() as session:
        contact = repo.list_contacts(session, repo.ContactFilters(), 1, 0)[0][0]
    container.inbound.process(contact.id)
    alert = the_alert(container)
    assert alert.escalation_token is not None
    container.escalation.run_step(alert.id, alert.escalation_token)
    [card] = slack_rows(container)
    with container.sessions() as session, session.begin():
        assert repo.claim_outbound(session, card.id, clock())  # claimed, then the worker died
    del container.dispatcher.enqueue_all
    clock.advance(minutes=11)
    container.sweeper.sweep()
    run_jobs()
    container.outbox.send(card.id)
    assert fake_slack.calls_to("chat.postMessage") == []  # it may have gone: never twice
    assert [r.status for r in slack_rows(container)] == ["unknown"]
    with container.sessions() as session:
        [note] = alerts.notifications_of(session, alert.id, ("slack_post",))
        assert note.status == "unknown"
