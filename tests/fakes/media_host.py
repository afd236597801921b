"""A local HTTP server that hosts media files the way providers do: Twilio's MMS media
links (HTTP basic auth with the account SID and auth token), Meta's CDN links for
Messenger and Instagram attachments (no auth), Graph's attachment `$value` (a bearer
token). Records each GET with its Authorization header; can answer the next requests with
an error status instead."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from tests.fakes.local_http import JsonHandler, serve, shut


@dataclass
class HostedFile:
    data: bytes
    content_type: str
    auth: str | None = None  # the Authorization header required, if any


@dataclass
class MediaHost:
    files: dict[str, HostedFile] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def host(self, path: str, data: bytes, content_type: str, auth: str | None = None) -> str:
        """Serve `data` at `path`; return its full URL."""
        self.files[path] = HostedFile(data, content_type, auth)
        return self.url + path

    def start(self) -> MediaHost:
        host = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                auth = self.headers.get("Authorization")
                host.requests.append({"path": self.path, "auth": auth})
                if host.failures:
                    self.send_json(host.failures.pop(0), {"error": "failure on request"})
                    return
                hosted = host.files.get(self.path)
                if hosted is None:
                    self.send_json(404, {"message": "The requested resource was not found"})
                elif hosted.auth is not None and auth != hosted.auth:
                    self.send_json(401, {"message": "Authenticate"})
                else:
                    self.send_bytes(hosted.data, hosted.content_type)

        self.server = serve(Handler)
        return self

    def stop(self) -> None:
        shut(self.server)


@pytest.fixture
def media_host() -> Iterator[MediaHost]:
    server = MediaHost().start()
    yield server
    server.stop()
