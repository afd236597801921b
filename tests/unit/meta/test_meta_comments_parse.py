"""Public comments in Meta webhook deliveries: which are contacts, and where replies go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from channels.base import Channel
from channels.meta import parse_webhook
from channels.meta_comments import comment_id_of, private_reply_address
from channels.meta_window import free_text_window
from tests.meta_helpers import PAGE_ID, encode, instagram_comment, page_comment

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_a_page_comment_is_a_messenger_message_answered_privately():
    [message] = parse_webhook(encode(page_comment("Leak at 4 Elm Court")), NOW).messages
    assert message.channel == Channel.MESSENGER and message.recipient == PAGE_ID
    assert message.provider_message_id == "comment-555_9001"
    assert message.reply_to == "comment:555_9001" and message.text == "Leak at 4 Elm Court"
    assert message.raw["comment"]["from"]["name"] == "Sam Resident"  # kept for staff


def test_an_instagram_comment_is_an_instagram_message_answered_privately():
    [message] = parse_webhook(encode(instagram_comment("Cold radiators")), NOW).messages
    assert message.channel == Channel.INSTAGRAM and message.sender == "1234567890123456"
    assert message.reply_to == private_reply_address("17865799348089039")


def test_a_comment_with_a_photo_carries_it_as_an_attachment():
    payload = page_comment("", photo="https://scontent.xx.fbcdn.net/v/damp.jpg")
    [message] = parse_webhook(encode(payload), NOW).messages
    assert [a.url for a in message.attachments] == ["https://scontent.xx.fbcdn.net/v/damp.jpg"]


def test_reply_addresses_name_the_comment_only_when_they_are_one():
    assert comment_id_of("comment:555_1") == "555_1"
    assert comment_id_of("6543210987654321") is None


def test_a_private_reply_may_go_for_seven_days_after_the_comment():
    def allowed(days: float) -> bool:
        return free_text_window(Channel.MESSENGER, NOW, NOW + timedelta(days=days),
                                private_reply=True).allowed

    assert allowed(0) and allowed(6.9) and not allowed(7.1)
    assert not free_text_window(Channel.INSTAGRAM, None, NOW, private_reply=True).allowed


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=20,
)
FIELDS = st.sampled_from(["feed", "comments", "live_comments", "mention", 7, None])
VALUE_KEYS = st.sampled_from(["from", "item", "verb", "comment_id", "id", "message", "text",
                              "photo"])


@given(kind=st.sampled_from(["page", "instagram"]), field=FIELDS,
       value=st.dictionaries(VALUE_KEYS, JSON, max_size=8) | JSON)
def test_any_comment_change_is_a_message_or_skipped_never_an_error(kind, field, value):
    payload = {"object": kind, "entry": [{"id": PAGE_ID, "changes": [
        {"field": field, "value": value}]}]}
    batch = parse_webhook(encode(payload), NOW)
    assert len(batch.messages) + batch.ignored + len(batch.skipped) == 1
    for message in batch.messages:
        assert message.reply_to and message.reply_to.startswith("comment:")
