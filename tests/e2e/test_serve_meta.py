"""End to end: `contact-hub serve` as a user starts it, Meta-signed webhooks over HTTP, and
replies sent to a local server speaking the Graph API (META_GRAPH_BASE_URL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from redis import Redis

from channels.meta import signature_for
from tests.e2e.test_serve_sms import (
    REDIS_E2E,
    STRIPPED,
    _cli,
    _external_available,
    _free_port,
    _fresh_database,
    _wait_for,
)
from tests.fakes.meta_graph_server import FakeGraph
from tests.meta_helpers import APP_SECRET, PAGE_TOKEN, PSID, VERIFY_TOKEN, encode, messenger

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["embedded", "external"])
def service(request: pytest.FixtureRequest, tmp_path: Path, fake_graph: FakeGraph):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED and not k.startswith("META_")}
    env.update(
        CONTACT_HUB_HOME=str(tmp_path / "instance"),
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        SWEEP_INTERVAL_SECONDS="2",
        ORGANISATION_NAME="Magna Housing",
        META_APP_SECRET=APP_SECRET,
        META_VERIFY_TOKEN=VERIFY_TOKEN,
        META_PAGE_ACCESS_TOKEN=PAGE_TOKEN,
        META_GRAPH_BASE_URL=fake_graph.url,
        META_HTTP_TIMEOUT="2",
    )
    if request.param == "external":
        if not _external_available():
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL and Redis must answer in CI")
            pytest.skip("PostgreSQL or Redis not available")
        Redis.from_url(REDIS_E2E).flushdb()
        env.update(DATABASE_URL=_fresh_database(), REDIS_URL=REDIS_E2E)
        _cli(env, "db", "upgrade")
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "contact_hub", "serve", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_for(lambda: requests.get(base + "/readyz", timeout=1).status_code == 200, process)
    token = _cli(env, "tokens", "create", "--role", "agent").strip().splitlines()[-1]
    yield base, {"Authorization": f"Bearer {token}"}
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        log.close()


def _post(base: str, raw: bytes, secret: str = APP_SECRET) -> requests.Response:
    return requests.post(
        base + "/webhooks/meta", data=raw, timeout=10,
        headers={"Content-Type": "application/json",
                 "X-Hub-Signature-256": signature_for(secret, raw)},
    )


def test_messenger_handshake_message_and_reply(service, fake_graph):
    base, auth = service
    challenge = requests.get(base + "/webhooks/meta", timeout=5, params={
        "hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "4242"})
    assert (challenge.status_code, challenge.text) == (200, "4242")

    raw = encode(messenger("There is a strong smell of gas in the hallway", mid="m_e2e_1"))
    assert _post(base, raw).status_code == 200
    assert _post(base, raw).status_code == 200  # Meta's retry
    assert _post(base, raw, secret="forged").status_code == 403

    def replied():
        return [r for r in fake_graph.requests if r["path"].endswith("/me/messages")]

    [sent] = _wait_for(replied)
    assert sent["json"]["recipient"] == {"id": PSID}
    assert sent["auth"] == f"Bearer {PAGE_TOKEN}"
    assert "0800 111 999" in sent["json"]["message"]["text"]
    contacts = requests.get(base + "/api/v1/contacts", headers=auth, timeout=5).json()
    assert contacts["total"] == 1
    [item] = contacts["items"]
    assert item["channel"] == "messenger"
