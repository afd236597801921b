"""The on-call board: an open emergency with who was paged, how, when and what came of
it, the next step; acknowledge stops the paging; the rota's next 14 days with gaps."""

from __future__ import annotations

import re

import pytest

from tests.helpers import sms_form
from tests.integration.escalation_fixtures import paging_settings, the_alert
from tests.workspace_helpers import post_form, signed_in

GAS = "<b>I smell gas</b> in the kitchen and my child is here"


@pytest.fixture
def settings(settings, fake_slack, fake_twilio):
    return paging_settings(settings, fake_slack, fake_twilio)


def test_the_board_shows_an_open_emergency_and_acknowledging_it_stops_the_paging(
    client, container, twilio, run_jobs
):
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(GAS, sid="SMgas")
                       ).status_code == 200
    run_jobs()
    alert = the_alert(container)
    signed_in(client, container, "agent")

    html = client.get("/oncall").get_data(as_text=True)
    assert f"Alert {alert.id}: gas" in html and "Not acknowledged" in html
    assert "&lt;b&gt;I smell gas&lt;/b&gt;" in html  # the resident's words, as text
    assert re.search(r"<td>sms</td>|<td>voice</td>|<td>slack post</td>", html)
    assert "Next escalation" in html and "step 2 at" in html

    answer = post_form(client, "/oncall", f"/oncall/alerts/{alert.id}/acknowledge", {})
    assert answer.status_code == 302
    page = client.get("/oncall").get_data(as_text=True)
    assert f"Alert {alert.id} acknowledged by you: paging has stopped." in page
    assert "Acknowledged by" in page and "Agent at" in page
    assert the_alert(container).acknowledged_via == "web"

    again = post_form(client, "/oncall", f"/oncall/alerts/{alert.id}/acknowledge", {})
    assert again.status_code == 302
    assert "was already acknowledged" in client.get("/oncall").get_data(as_text=True)

    post_form(client, "/oncall", f"/oncall/alerts/{alert.id}/resolve", {})
    assert "No emergencies are waiting." in client.get("/oncall").get_data(as_text=True)


def test_the_rota_shows_fourteen_days_and_names_each_holder(client, container):
    signed_in(client, container, "agent")
    html = client.get("/oncall").get_data(as_text=True)
    assert html.count("day (09:00)") == 14 and html.count("night (21:00)") == 14
    assert "Rota for the next 14 days" in html
    assert post_form(client, "/oncall", "/oncall/alerts/999/acknowledge", {}).status_code == 404
