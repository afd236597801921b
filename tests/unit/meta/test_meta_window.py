"""Meta's 24-hour customer-service window (and Messenger's 7-day human-agent window)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from channels.base import Channel
from channels.meta_window import free_text_window

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
META = [Channel.MESSENGER, Channel.INSTAGRAM, Channel.WHATSAPP]


@pytest.mark.parametrize("channel", META)
@pytest.mark.parametrize(
    "ago", [timedelta(0), timedelta(hours=23, minutes=59), timedelta(hours=24)]
)
def test_within_24_hours_free_text_is_allowed(channel, ago):
    decision = free_text_window(channel, NOW - ago, NOW)
    assert decision.allowed and decision.tag is None


@pytest.mark.parametrize("channel", META)
def test_after_24_hours_an_automated_message_is_refused_with_a_reason(channel):
    decision = free_text_window(channel, NOW - timedelta(hours=24, seconds=1), NOW)
    assert not decision.allowed
    assert "24-hour window" in decision.reason and "24 hours ago" in decision.reason


@pytest.mark.parametrize("channel", META)
def test_a_resident_who_never_wrote_cannot_be_messaged(channel):
    decision = free_text_window(channel, None, NOW)
    assert not decision.allowed and "has not messaged us" in decision.reason


@pytest.mark.parametrize("channel", [Channel.MESSENGER, Channel.INSTAGRAM])
def test_a_human_agent_may_reply_for_seven_days_with_the_tag(channel):
    decision = free_text_window(channel, NOW - timedelta(days=6), NOW, human_agent=True)
    assert decision.allowed and decision.tag == "HUMAN_AGENT"
    late = free_text_window(channel, NOW - timedelta(days=7, seconds=1), NOW, human_agent=True)
    assert not late.allowed


def test_whatsapp_has_no_human_agent_tag():
    decision = free_text_window(Channel.WHATSAPP, NOW - timedelta(days=2), NOW, human_agent=True)
    assert not decision.allowed


@pytest.mark.parametrize("channel", [Channel.SMS, "email", Channel.VOICE])
def test_other_channels_have_no_window(channel):
    assert free_text_window(channel, None, NOW).allowed
