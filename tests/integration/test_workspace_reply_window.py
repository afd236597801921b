"""The contact page says before sending when Meta's window has closed on Messenger."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from contact_hub.storage import models
from tests.meta_helpers import APP_SECRET, messenger, post_signed
from tests.workspace_helpers import signed_in


@pytest.fixture
def settings(settings):
    return settings.with_overrides(meta_app_secret=APP_SECRET)


def test_a_messenger_reply_after_meta_s_window_is_flagged_before_sending(
    client, container, run_jobs, clock
):
    assert post_signed(client, messenger("My front door lock is broken")).status_code == 200
    run_jobs()
    with container.sessions() as session:
        contact_id = session.scalar(select(models.Contact.id))
    signed_in(client, container)

    fresh = client.get(f"/contacts/{contact_id}").get_data(as_text=True)
    assert "Goes by messenger to" in fresh and "cannot be sent" not in fresh

    clock.advance(days=8)  # past the 24 hours, and the human agent's 7 days
    signed_in_again = client.get(f"/contacts/{contact_id}")
    if signed_in_again.status_code == 302:  # idle for 8 days: sign in again
        signed_in(client, container, "handler")
    late = client.get(f"/contacts/{contact_id}").get_data(as_text=True)
    assert "This reply cannot be sent:</strong> outside Meta&#39;s 24-hour window" in late
    assert "Keep the reply without sending" in late
