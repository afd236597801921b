"""With the database unreachable, the API and the webhooks that need it answer 503 with
Retry-After (a client and a provider retry later) and the log gets one line, not a
traceback per request."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import Container, build
from contact_hub.clock import FrozenClock
from contact_hub.settings import Settings
from tests.meta_helpers import APP_SECRET, messenger, post_signed

DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"  # nothing listens on 1
CLIENT_STATE = "client-state-for-the-outage"
GRAPH = {"graph_tenant_id": "tenant", "graph_client_id": "client", "graph_client_secret": "s",
         "graph_mailbox": "repairs@example.org", "graph_client_state": CLIENT_STATE}
NOTIFICATION = {"value": [{"clientState": CLIENT_STATE, "changeType": "created",
                           "resourceData": {"id": "AAMkAGI2TG93AAA="}}]}


@pytest.fixture
def database_down(settings: Settings, clock: FrozenClock) -> Iterator[Container]:
    built = build(settings.with_overrides(database_url=DEAD_DATABASE, meta_app_secret=APP_SECRET,
                                   **GRAPH),
                  clock=clock)
    jobs.install(built)
    yield built
    built.close()


def test_api_and_webhooks_answer_503_with_retry_after_and_log_one_line(
    database_down: Container, caplog: pytest.LogCaptureFixture
) -> None:
    client = create_app(container=database_down).test_client()
    agent = {"Authorization": "Bearer chub_" + "x" * 43}
    caplog.set_level(logging.DEBUG)

    answers: list[Any] = [
        client.get("/api/v1/contacts?customer=%2B447400123456", headers=agent),
        client.get("/api/v1/contacts/1", headers=agent),
        client.post("/webhooks/graph", data=json.dumps(NOTIFICATION),
                    content_type="application/json"),
        client.get("/metrics"),
        *[client.get("/api/v1/outbox", headers=agent) for _ in range(20)],
    ]

    for answer in answers:
        assert answer.status_code == 503, answer.get_data(as_text=True)
        assert answer.headers["Retry-After"] == "30"
        assert answer.json["error"]["code"] == "database_unavailable"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(" error=")[0] for r in errors] == [
        "database unavailable, answering 503"]
    assert all(r.exc_info is None for r in caplog.records)
    assert "+447400123456" not in caplog.text


def test_meta_asks_for_a_retry_when_nothing_could_be_stored(database_down: Container) -> None:
    client = create_app(container=database_down).test_client()
    response = post_signed(client, messenger("The boiler is leaking"))
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"


def test_readiness_says_the_database_is_unreachable(database_down: Container) -> None:
    body = create_app(container=database_down).test_client().get("/readyz")
    assert body.status_code == 503 and body.json["checks"]["database"] == "unreachable"
