"""On-call pages say where: the address from the register, or that it is not known and the
resident must be called back first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from contact_hub.services.homes.console import run_homes_import
from contact_hub.storage import models
from tests.helpers import sms_form
from tests.integration.escalation_fixtures import paging_settings, release_due

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"


@pytest.fixture
def settings(settings, fake_slack, fake_twilio):
    return paging_settings(settings, fake_slack, fake_twilio)


def test_pages_carry_the_address_or_say_it_is_not_known(
    container, client, twilio, run_jobs, clock, fake_slack,
):
    run_homes_import(container.uow, EXAMPLE)
    for sid, sender in (("SM20", "+447400123456"), ("SM21", "+447400999888")):
        form = sms_form("I can smell gas in my kitchen", sender=sender, sid=sid)
        assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    run_jobs()
    for _ in range(3):  # any step or send a busy worker left for later
        clock.advance(minutes=1)
        release_due(container, clock)
        run_jobs()

    with container.sessions() as session:
        pages = [m.body for m in session.scalars(select(models.OutboundMessage))
                 if m.body.startswith("EMERGENCY")]
    assert any("Flat 3, Mill House, 12 Mill Road, Leeds, LS1 4AP" in p for p in pages), pages
    assert any("address NOT KNOWN: call the resident back first" in p for p in pages), pages
    dorothy = next(p for p in pages if "Flat 3, Mill House" in p)
    assert 'Resident said: "I can smell gas in my kitchen".' in dorothy
    assert "Vulnerable: oxygen user, lives alone." in dorothy
    assert "Call back on +447400123456." in dorothy
    stranger = next(p for p in pages if "address NOT KNOWN" in p)
    assert "Call back on +447400999888." in stranger and "Vulnerable" not in stranger

    cards = [json.dumps(c.params.get("blocks")) for c in fake_slack.calls_to("chat.postMessage")]
    dorothys = next(c for c in cards if "Flat 3, Mill House" in c)
    assert "*Call back*\\n+447400123456" in dorothys
    assert "Oxygen user, Lives alone" in dorothys


def test_a_paging_call_reads_out_the_words_vulnerabilities_and_number(
    container, client, twilio, run_jobs, clock,
):
    run_homes_import(container.uow, EXAMPLE)
    form = sms_form("Gas smell on the landing, my kids are asleep", sender="+447400123457",
                    sid="SM30")
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200
    run_jobs()
    for _ in range(12):  # up the chain to the voice call
        clock.advance(minutes=1)
        release_due(container, clock)
        run_jobs()
    with container.sessions() as session:
        calls = [m.body for m in session.scalars(select(models.OutboundMessage))
                 if m.channel == "voice" and m.kind == "alert_page"]
    assert calls, "no paging call was placed"
    # the register's words, then what the router read in the message
    assert "Vulnerable: two children under 5, child in the home." in calls[0]
    assert "Call back on 0 7 4 0 0 1 2 3 4 5 7." in calls[0]
    assert 'Resident said: "Gas smell on the landing, my kids are asleep".' in calls[0]
