"""A local HTTP server speaking the Meta Graph API's Send API wire format.

Answers `POST /me/messages` (Messenger, Instagram) and `POST /{phone-number-id}/messages`
(WhatsApp Cloud API) as Meta does, records every request (path, JSON body, bearer token)
and can be told to answer the next requests with a Graph error or to hang. WhatsApp media
put in `media` is served as the Cloud API does: `GET /{media-id}` answers its download URL,
which gives the bytes to the same bearer token.
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
    media: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # id: (bytes, type)
    token: str | None = None  # the bearer token media downloads need

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

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                auth = self.headers.get("Authorization")
                fake.requests.append({"path": self.path, "json": None, "auth": auth,
                                      "content_type": None})
                parts = self.path.strip("/").split("/")
                if fake.token is not None and auth != f"Bearer {fake.token}":
                    self.send_json(401, {"error": {"message": "Invalid OAuth access token",
                                                   "type": "OAuthException", "code": 190}})
                elif len(parts) == 3 and parts[1] == "download" and parts[2] in fake.media:
                    self.send_bytes(*fake.media[parts[2]])
                elif len(parts) == 2 and parts[1] in fake.media:
                    data, kind = fake.media[parts[1]]
                    self.send_json(200, {
                        "messaging_product": "whatsapp", "url": f"{fake.url}/download/{parts[1]}",
                        "mime_type": kind, "sha256": "0" * 64, "file_size": len(data),
                        "id": parts[1],
                    })
                else:
                    self.send_json(404, {"error": {"message": "Unsupported get request",
                                                   "type": "GraphMethodException", "code": 100}})

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
