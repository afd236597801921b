"""Posting and updating alert cards with the real WebClient against the local fake Slack."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from channels.base import ChannelRejected, ChannelUnavailable
from channels.slack import ACKNOWLEDGE_ACTION_ID, PostedMessage, SlackAlerts, StatusChange
from tests.fakes.slack_server import FakeSlack
from tests.unit.oncall.rotas import utc
from tests.unit.oncall.test_slack_cards import CARD


@pytest.fixture
def slack(fake_slack: FakeSlack) -> SlackAlerts:
    return SlackAlerts(fake_slack.token, base_url=fake_slack.base_url, timeout_seconds=1)


def test_post_sends_the_card_with_our_token_and_returns_where_it_landed(slack, fake_slack):
    posted = slack.post_alert("#emergencies", CARD)
    assert posted == PostedMessage("C0EMERGENC", posted.ts) and posted.ts
    call = fake_slack.calls_to("chat.postMessage")[0]
    assert call.token == fake_slack.token
    assert call.params["channel"] == "#emergencies"
    assert "K7Q2" in call.params["text"]
    stored = fake_slack.messages[("C0EMERGENC", posted.ts)]
    actions = [b for b in stored["blocks"] if b["type"] == "actions"][0]
    assert actions["elements"][0]["action_id"] == ACKNOWLEDGE_ACTION_ID


def test_update_replaces_the_card_after_acknowledgement(slack, fake_slack):
    posted = slack.post_alert("#emergencies", CARD)
    acked = replace(CARD, acknowledged=StatusChange("priya", utc(2026, 7, 1, 1, 14), "slack",
                                                    "U04PSHAH01"))
    assert slack.update_alert(posted, acked) == posted
    stored = fake_slack.messages[(posted.channel, posted.ts)]
    assert stored["text"].startswith("Acknowledged emergency")
    assert len(fake_slack.messages) == 1


def test_thread_reply_goes_under_the_card(slack, fake_slack):
    posted = slack.post_alert("#emergencies", CARD)
    slack.post_reply(posted, "Still unacknowledged: calling Ben Okafor")
    reply = fake_slack.calls_to("chat.postMessage")[1]
    assert reply.params["thread_ts"] == posted.ts


def test_a_reminder_reply_mentions_the_person_but_never_lets_text_ping_anyone(slack, fake_slack):
    posted = slack.post_alert("#emergencies", CARD)
    slack.post_reply(posted, "Still not resolved <!channel>", mention="U04PSHAH01")
    slack.post_reply(posted, "Still not resolved", mention="<!here>")
    first, second = (c.params["text"] for c in fake_slack.calls_to("chat.postMessage")[1:])
    assert first == "<@U04PSHAH01> Still not resolved &lt;!channel&gt;"
    assert second == "Still not resolved"  # not a Slack user id: no mention at all


def test_rate_limit_is_retryable_with_slacks_retry_after_and_no_retry_inside_the_job(
    slack, fake_slack
):
    fake_slack.fail_next(1, status=429, retry_after=7)
    with pytest.raises(ChannelUnavailable) as caught:
        slack.post_alert("#emergencies", CARD)
    assert caught.value.retry_after == 7.0 and caught.value.code == "ratelimited"
    assert len(fake_slack.calls) == 1  # slack_sdk did not sleep and retry by itself


def test_server_error_is_retryable(slack, fake_slack):
    fake_slack.fail_next(1, status=500)
    with pytest.raises(ChannelUnavailable) as caught:
        slack.post_alert("#emergencies", CARD)
    assert caught.value.code == "http_500"
    assert slack.post_alert("#emergencies", CARD).ts  # the next attempt goes through


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived",
                                   "invalid_blocks"])
def test_slack_refusals_are_not_retried(slack, fake_slack, error):
    fake_slack.fail_next(1, error=error)
    with pytest.raises(ChannelRejected) as caught:
        slack.post_alert("#emergencies", CARD)
    assert caught.value.code == error


def test_transient_slack_error_in_an_ok_false_answer_is_retryable(slack, fake_slack):
    fake_slack.fail_next(1, error="service_unavailable")
    with pytest.raises(ChannelUnavailable):
        slack.post_alert("#emergencies", CARD)


def test_wrong_token_is_rejected_as_invalid_auth(fake_slack):
    wrong = SlackAlerts("xoxb-revoked", base_url=fake_slack.base_url, timeout_seconds=1)
    with pytest.raises(ChannelRejected) as caught:
        wrong.post_alert("#emergencies", CARD)
    assert caught.value.code == "invalid_auth"


def test_updating_a_message_slack_does_not_know_is_rejected(slack):
    with pytest.raises(ChannelRejected) as caught:
        slack.update_alert(PostedMessage("C0EMERGENC", "1.000001"), CARD)
    assert caught.value.code == "message_not_found"


def test_slack_that_does_not_answer_in_time_is_retryable(slack, fake_slack):
    fake_slack.fail_next(1, hang_seconds=5)
    with pytest.raises(ChannelUnavailable, match="unreachable"):
        slack.post_alert("#emergencies", CARD)


def test_slack_that_refuses_connections_is_retryable():
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = SlackAlerts("xoxb-test", base_url=f"http://127.0.0.1:{port}/api/", timeout_seconds=1)
    with pytest.raises(ChannelUnavailable):
        client.post_alert("#emergencies", CARD)
