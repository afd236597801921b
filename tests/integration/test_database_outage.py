"""No text or call lost while the database is down: the test's own PostgreSQL cluster is
stopped; SMS and voice webhooks keep answering as usual while their signed requests wait in
the spill (a Redis stream); once PostgreSQL is back the replay stores them in order, once
each. Only with Redis down as well does a webhook answer 503."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.clock import system_clock
from contact_hub.services.contacts.spill import REJECTED, STREAM
from contact_hub.settings import Settings
from contact_hub.storage import repository as repo
from contact_hub.storage.db import upgrade
from tests.helpers import AUTH_TOKEN, PUBLIC_BASE, TwilioSigner, sms_form
from tests.integration.conftest import _clean as clean
from tests.integration.escalation_fixtures import FALLBACK, ROTA
from tests.integration.own_servers import OwnPostgres, postgres_available
from tests.integration.test_voice import call_form

SMS = "/webhooks/twilio/sms"
EMERGENCY_CALL = "/webhooks/twilio/voice/emergency"
GAS = "strong smell of gas in the hallway"


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[OwnPostgres]:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's initdb/pg_ctl are needed in CI")
        pytest.skip("PostgreSQL binaries not installed")
    server = OwnPostgres().init()
    upgrade(server.url)
    yield server
    server.remove()


@pytest.fixture
def web(own_postgres: OwnPostgres, redis_url: str, tmp_path: Path) -> Iterator[Container]:
    settings = Settings(
        environment="test", home=tmp_path, database_url=own_postgres.url, redis_url=redis_url,
        public_base_url=PUBLIC_BASE, twilio_auth_token=AUTH_TOKEN,
        organisation_name="Magna Housing", oncall_rota_file=str(ROTA),
        oncall_fallback_number=FALLBACK)
    container = build(settings, clock=system_clock)
    clean(container)
    yield container
    container.close()


def _text(n: int, words: str) -> dict[str, str]:
    return sms_form(f"{words} ({n})", sender=f"+4474001{n:05d}", sid=f"SM{n:032d}")


def test_webhooks_spill_while_the_database_is_down_and_replay_in_order_once(
    own_postgres, web
):
    client, signer = create_app(container=web).test_client(), TwilioSigner()
    assert signer.post(client, SMS, _text(1, "The kitchen tap is dripping")).status_code == 200

    own_postgres.stop()
    try:
        tap = signer.post(client, SMS, _text(2, "The fence panel is broken"))
        gas = signer.post(client, SMS, _text(3, GAS))
        again = signer.post(client, SMS, _text(2, "The fence panel is broken"))  # a retry
        call = signer.post(client, EMERGENCY_CALL, call_form(call_sid="CA" + "7" * 32))
        fan = signer.post(client, SMS, _text(4, "The extractor fan is not working"))
        assert [r.status_code for r in (tap, gas, again, call, fan)] == [200] * 5
        assert "0800 111 999" in gas.text and "to follow by text" in gas.text  # advice now
        assert "<Dial" in call.text  # the caller is still put through to the on-call team
        assert web.spill.waiting() == 5

        both_down = build(web.settings.with_overrides(redis_url="redis://127.0.0.1:1/0"),
                          clock=system_clock)
        refused = signer.post(create_app(container=both_down).test_client(), SMS,
                              _text(5, "Anything"))
        both_down.close()
        assert refused.status_code == 503 and refused.headers["Retry-After"]

        with pytest.raises(DBAPIError):  # still down: the replay stops, nothing is lost
            web.spill.replay()
        assert web.spill.waiting() == 5
    finally:
        stopped_until = datetime.now(UTC)
        own_postgres.start()

    assert web.spill.replay() == 5
    assert (web.spill.waiting(), web.spill.replay()) == (0, 0)  # a second run: nothing
    with web.sessions() as session:
        contacts = session.scalars(select(repo.Contact).order_by(repo.Contact.id)).all()
        advice = session.scalars(select(repo.OutboundMessage).where(
            repo.OutboundMessage.kind == "safety_advice")).all()
    assert [c.provider_message_id for c in contacts] == [
        f"SM{1:032d}", f"SM{2:032d}", f"SM{3:032d}", "CA" + "7" * 32 + ":emergency",
        f"SM{4:032d}"]  # in the order they came, the retry stored once
    assert all(c.received_at < stopped_until for c in contacts)  # when they arrived
    [gas_contact] = [c for c in contacts if c.text.startswith(GAS)]
    # The emergency's advice, now with its reference, goes by text (the webhook's was sent).
    assert [(a.contact_id, a.status) for a in advice] == [(gas_contact.id, "queued")]
    assert gas_contact.reference in advice[0].body


def test_a_forged_spill_entry_is_rejected_not_stored(web):
    form = _text(9, "Forged while Redis was open to someone")
    web.redis.xadd(STREAM, {"kind": "sms", "url": PUBLIC_BASE + SMS, "signature": "Zm9yZ2Vk",
                            "body": "&".join(f"{k}={v}" for k, v in form.items()),
                            "received_at": datetime.now(UTC).isoformat(), "key": "x"})

    assert web.spill.replay() == 1
    with web.sessions() as session:
        assert session.scalars(select(repo.Contact)).all() == []
    assert web.redis.xlen(REJECTED) == 1
