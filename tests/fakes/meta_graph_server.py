"""A local HTTP server speaking the Meta Graph API's Send API wire format.

Answers `POST /me/messages` (Messenger, Instagram) and `POST /{phone-number-id}/messages`
(WhatsApp Cloud API) as Meta does, records every request (path, JSON body, bearer token)
and can be told to answer the next requests with a Graph error or to hang.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from tests.fakes.local_http import JsonHandler, serve, shut


@dataclass
class GraphFailure:
    """An answer to give instead of success: Graph's error object, or a delay."""

    status: int
    code: int | None = None
    subcode: int | None = None
    message: str = "error"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeGraph:
    requests: list[dict[str, Any]] = field(default_factory=list)
    failures: list[GraphFailure] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/v21.0"

    def fail_next(self, failure: GraphFailure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def start(self) -> FakeGraph:
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                fake.requests.append(
                    {"path": self.path, "json": body, "auth": self.headers.get("Authorization"),
                     "content_type": self.headers.get("Content-Type")}
                )
                if fake.failures:
                    self._fail(fake.failures.pop(0))
                elif self.path.endswith("/me/messages"):
                    recipient = (body or {}).get("recipient", {}).get("id")
                    mid = "m_" + uuid.uuid4().hex
                    self.send_json(200, {"recipient_id": recipient, "message_id": mid})
                else:
                    to = (body or {}).get("to")
                    self.send_json(200, {
                        "messaging_product": "whatsapp",
                        "contacts": [{"input": to, "wa_id": to}],
                        "messages": [{"id": "wamid." + uuid.uuid4().hex}],
                    })

            def _fail(self, failure: GraphFailure) -> None:
                if failure.delay:
                    time.sleep(failure.delay)
                error: dict[str, Any] = {
                    "message": failure.message, "type": "OAuthException",
                    "code": failure.code, "fbtrace_id": "AbCdEf",
                }
                if failure.subcode is not None:
                    error["error_subcode"] = failure.subcode
                self.send_json(failure.status, {"error": error}, failure.headers)


        self.server = serve(Handler)
        return self

    def stop(self) -> None:
        shut(self.server)


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    """A running fake Graph API for one test; `url` is META_GRAPH_BASE_URL."""
    server = FakeGraph().start()
    yield server
    server.stop()
