"""End to end: `contact-hub serve` as a user starts it, Meta-signed webhooks over HTTP, and
replies sent to a local server speaking the Graph API (META_GRAPH_BASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from channels.meta import signature_for
from tests.e2e.serving import running_service, wait_for
from tests.fakes.meta_graph_server import FakeGraph
from tests.meta_helpers import APP_SECRET, PAGE_TOKEN, PSID, VERIFY_TOKEN, encode, messenger

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["embedded", "external"])
def service(request: pytest.FixtureRequest, tmp_path: Path, fake_graph: FakeGraph):
    settings = {
        "META_APP_SECRET": APP_SECRET, "META_VERIFY_TOKEN": VERIFY_TOKEN,
        "META_PAGE_ACCESS_TOKEN": PAGE_TOKEN, "META_GRAPH_BASE_URL": fake_graph.url,
        "META_HTTP_TIMEOUT": "2",
    }
    with running_service(request.param, tmp_path, settings,
                         keep=lambda name: not name.startswith("META_")) as running:
        yield running


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

    [sent] = wait_for(replied)
    assert sent["json"]["recipient"] == {"id": PSID}
    assert sent["auth"] == f"Bearer {PAGE_TOKEN}"
    assert "0800 111 999" in sent["json"]["message"]["text"]
    contacts = requests.get(base + "/api/v1/contacts", headers=auth, timeout=5).json()
    assert contacts["total"] == 1
    [item] = contacts["items"]
    assert item["channel"] == "messenger"
