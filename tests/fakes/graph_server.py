"""A local HTTP server speaking the parts of Microsoft Graph the email channel uses.

- `POST /login/{tenant}/oauth2/v2.0/token`: client credentials, a bearer token.
- `GET /v1.0/users/{mailbox}/messages/{id}`: a message put in the fake's mailbox.
- `GET /v1.0/users/{mailbox}/mailFolders/inbox/messages`: `$filter=receivedDateTime ge`,
  `$top`, paged with `@odata.nextLink`.
- `POST /v1.0/users/{mailbox}/sendMail`: 202, no body (recorded); 400 for a non-`x-`
  internet message header, as Graph does.
- `POST /v1.0/subscriptions`, `PATCH /v1.0/subscriptions/{id}`.

Requests without the issued bearer token get 401. `fail_next` answers the next matching
requests with an error (429 with Retry-After, 5xx, 404...) or hangs (a read timeout).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit


@dataclass
class GraphFailure:
    status: int
    code: str = "ErrorInternalServerError"
    path_contains: str = ""
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGraph:
    """Start with `start()`; configure `api_url` and `login_url`."""

    mailbox: str = "housing@magna.example"
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[GraphRequest] = field(default_factory=list)
    failures: list[GraphFailure] = field(default_factory=list)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens_issued: int = 0
    server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.base + "/v1.0"

    @property
    def login_url(self) -> str:
        return self.base + "/login"

    @property
    def sent(self) -> list[dict[str, Any]]:
        """The `message` of each sendMail Graph accepted or refused, in order."""
        return [r.body["message"] for r in self.requests if r.path.endswith("/sendMail")]

    def requests_to(self, method: str, contains: str) -> list[GraphRequest]:
        return [r for r in self.requests if r.method == method and contains in r.path]

    def deliver(self, message: dict[str, Any]) -> str:
        """Put a message in the inbox; return its Graph id."""
        self.messages[message["id"]] = message
        return str(message["id"])

    def fail_next(self, failure: GraphFailure, times: int = 1) -> None:
        self.failures.extend([failure] * times)

    def start(self) -> FakeGraph:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # --- answers --------------------------------------------------------------------------

    def answer(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            self.requests.append(request)
            failure = next(
                (f for f in self.failures if f.path_contains in request.path), None
            )
            if failure is not None:
                self.failures.remove(failure)
        if failure is not None:
            time.sleep(failure.delay)
            error = {"error": {"code": failure.code, "message": "x"}}
            return failure.status, error, failure.headers
        if "/oauth2/v2.0/token" in request.path:
            return self._token(request)
        if request.headers.get("authorization") != f"Bearer token-{self.tokens_issued}":
            return 401, {"error": {"code": "InvalidAuthenticationToken", "message": "x"}}, {}
        return self._route(request)

    def _token(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        form = request.body
        if form.get("grant_type") != "client_credentials" or not form.get("client_secret"):
            return 400, {"error": "invalid_request"}, {}
        self.tokens_issued += 1
        return 200, {"token_type": "Bearer", "expires_in": 3599,
                     "access_token": f"token-{self.tokens_issued}"}, {}

    def _route(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        path, method = request.path, request.method
        prefix = f"/v1.0/users/{self.mailbox}"
        if method == "POST" and path == prefix + "/sendMail":
            headers = request.body["message"].get("internetMessageHeaders", [])
            if any(not h["name"].lower().startswith("x-") for h in headers):
                # Graph refuses the whole message for any header not starting x-.
                return 400, {"error": {"code": "InvalidInternetMessageHeader"}}, {}
            return 202, None, {}
        if method == "GET" and path == prefix + "/mailFolders/inbox/messages":
            return self._inbox(request)
        if method == "GET" and path.startswith(prefix + "/messages/"):
            found = self.messages.get(path.rsplit("/", 1)[1])
            if found is None:
                return 404, {"error": {"code": "ErrorItemNotFound", "message": "x"}}, {}
            return 200, found, {}
        if path == "/v1.0/subscriptions" and method == "POST":
            created = {**request.body, "id": str(uuid.uuid4())}
            self.subscriptions[created["id"]] = created
            return 201, created, {}
        if path.startswith("/v1.0/subscriptions/") and method == "PATCH":
            found = self.subscriptions.get(path.rsplit("/", 1)[1])
            if found is None:
                return 404, {"error": {"code": "ResourceNotFound", "message": "x"}}, {}
            found.update(request.body)
            return 200, found, {}
        return 400, {"error": {"code": "BadRequest", "message": "unknown path"}}, {}

    def _inbox(self, request: GraphRequest) -> tuple[int, Any, dict[str, str]]:
        since = request.query["$filter"].removeprefix("receivedDateTime ge ")
        cutoff = datetime.fromisoformat(since.replace("Z", "+00:00"))
        found = sorted(
            (m for m in self.messages.values()
             if datetime.fromisoformat(m["receivedDateTime"].replace("Z", "+00:00")) >= cutoff),
            key=lambda m: m["receivedDateTime"],
        )
        skip, top = int(request.query.get("$skip", "0")), int(request.query.get("$top", "10"))
        page = [{"id": m["id"], "receivedDateTime": m["receivedDateTime"]}
                for m in found[skip : skip + top]]
        body: dict[str, Any] = {"value": page}
        if skip + top < len(found):
            query = {**request.query, "$skip": str(skip + top)}
            body["@odata.nextLink"] = f"{self.api_url}{request.path[5:]}?{urlencode(query)}"
        return 200, body, {}


def _handler(fake: FakeGraph) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._handle("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._handle("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            self._handle("PATCH")

        def _handle(self, method: str) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode() if length else ""
            if self.headers.get("Content-Type", "").startswith("application/json"):
                body: Any = json.loads(raw)
            else:
                body = {k: v[0] for k, v in parse_qs(raw).items()}
            request = GraphRequest(
                method=method,
                path=unquote(split.path),
                query={k: v[0] for k, v in parse_qs(split.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
            status, answer, headers = fake.answer(request)
            data = b"" if answer is None else json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a read-timeout test)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler
