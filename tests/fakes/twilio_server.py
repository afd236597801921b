"""A local HTTP server speaking Twilio's REST wire format for Messages and Calls.

The real twilio client is pointed at it (TWILIO_API_BASE_URL). It records every request
and can be told to answer the next N requests with a Twilio error (e.g. 21610, 429) or
to hang (a read timeout), so error mapping is tested against the real SDK.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.fakes.local_http import JsonHandler, serve, shut


@dataclass
class Failure:
    status: int
    code: int | None = None
    message: str = "error"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeTwilio:
    """Start with `start()`; `url` is the API base to configure."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    created: list[dict[str, Any]] = field(default_factory=list)  # messages it took, oldest first
    failures: list[Failure] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [r["form"] for r in self.requests if r["path"].endswith("/Messages.json")]

    @property
    def calls(self) -> list[dict[str, Any]]:
        """Outbound calls placed (Calls API): To, From, Url or Twiml."""
        return [r["form"] for r in self.requests if r["path"].endswith("/Calls.json")]

    def fail_next(self, failure: Failure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def start(self) -> FakeTwilio:
        fake = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                """Message list (To/From filters, newest first), as Twilio pages it."""
                path, _, query = self.path.partition("?")
                if not path.endswith("/Messages.json"):
                    self.send_json(404, {"code": 20404, "message": "not found", "status": 404})
                    return
                wanted = {k: v[0] for k, v in parse_qs(query).items()}
                found = [m for m in reversed(fake.created)
                         if m["to"] == wanted.get("To", m["to"])
                         and m["from"] == wanted.get("From", m["from"])]
                size = int(wanted.get("PageSize", "50"))
                self.send_json(200, {"messages": found[:size], "page": 0, "page_size": size,
                                     "uri": self.path, "next_page_uri": None,
                                     "previous_page_uri": None, "first_page_uri": self.path,
                                     "start": 0, "end": len(found[:size])})

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.requests.append(
                    {"path": self.path, "form": form, "auth": self.headers.get("Authorization"),
                     "at": time.monotonic()}
                )
                if fake.failures:
                    self._fail(fake.failures.pop(0))
                    return
                self._created(form, "CA" if self.path.endswith("/Calls.json") else "SM")

            def _fail(self, failure: Failure) -> None:
                if failure.delay:
                    time.sleep(failure.delay)
                body = {
                    "code": failure.code,
                    "message": failure.message,
                    "more_info": f"https://www.twilio.com/docs/errors/{failure.code}",
                    "status": failure.status,
                }
                self.send_json(failure.status, body, failure.headers)

            def _created(self, form: dict[str, str], prefix: str) -> None:
                sid = prefix + uuid.uuid4().hex
                if prefix == "SM":
                    fake.created.append({
                        "sid": sid, "to": form.get("To"), "from": form.get("From"),
                        "body": form.get("Body"), "status": "queued",
                        "date_created": format_datetime(datetime.now(UTC), usegmt=True)})
                self.send_json(
                    201,
                    {
                        "sid": sid,
                        "status": "queued",
                        "to": form.get("To"),
                        "from": form.get("From"),
                        "body": form.get("Body"),
                        "account_sid": self.path.split("/")[3],
                        "num_segments": "1",
                        "direction": "outbound-api",
                        "api_version": "2010-04-01",
                    },
                )


        self.server = serve(Handler)
        return self

    def stop(self) -> None:
        shut(self.server)
