"""Replies are worded for the channel they go on."""

from __future__ import annotations

import pytest

from contact_hub.domain.contacts.replies import acknowledgement


@pytest.mark.parametrize(("channel", "words"), [
    ("sms", "Reply to this number"),
    ("email", "Reply to this email"),
    ("messenger", "Reply here"),
    ("whatsapp", "Reply here"),
])
def test_the_acknowledgement_says_how_to_add_more_on_its_channel(channel, words):
    text = acknowledgement("CH-7K3QM9P", "service_request", "Magna Housing", channel)

    assert "CH-7K3QM9P" in text and words in text
    assert channel == "sms" or "this number" not in text
