"""A local fake of Slack's Web API, for pointing the real `WebClient` at in tests.

It speaks the wire format slack_sdk uses: `POST /api/<method>` with a JSON or form body
and `Authorization: Bearer <token>`; it answers like Slack does (HTTP 200 with
`{"ok": false, "error": ...}` for refusals, HTTP 429 with `Retry-After` for rate limits).

    with FakeSlack() as slack:
        client = WebClient(token=slack.token, base_url=slack.base_url)
        slack.fail_next(1, status=429, retry_after=7)
        ...
        slack.calls          # every request, in order
        slack.messages       # (channel, ts) -> latest text/blocks, after updates
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

CHANNEL_IDS = {"#emergencies": "C0EMERGENC", "#repairs-oncall": "C0REPAIRS1"}


@dataclass(frozen=True)
class RecordedCall:
    """One request as the fake received it; `params` is the decoded body."""

    api_method: str
    params: dict[str, Any]
    token: str | None
    content_type: str


@dataclass
class _Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    hang_seconds: float = 0.0


@dataclass
class FakeSlack:
    """A threaded HTTP server on 127.0.0.1 that records calls and can be told to fail."""

    token: str = "xoxb-test-token"
    calls: list[RecordedCall] = field(default_factory=list)
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _failures: list[_Failure] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _release: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _next_ts: int = 1_774_750_440_000_100

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/"

    def start(self) -> FakeSlack:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        # A short poll interval makes shutdown (each test's teardown) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # let any hanging request finish so shutdown does not wait
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        hang_seconds: float = 0.0,
    ) -> None:
        """Make the next `count` calls fail.

        `status=429, retry_after=N` is a rate limit; `status=500` a server error;
        `error="channel_not_found"` (status 200) a Slack refusal; `hang_seconds` delays
        the answer so a client timeout fires.
        """
        if status == 429 and error is None:
            error = "ratelimited"
        failure = _Failure(status, error, retry_after, hang_seconds)
        with self._lock:
            self._failures.extend(failure for _ in range(count))

    def calls_to(self, api_method: str) -> list[RecordedCall]:
        return [call for call in self.calls if call.api_method == api_method]

    # --- request handling (runs on server threads) -------------------------------

    def _handle(self, api_method: str, call: RecordedCall) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            self.calls.append(call)
            failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            return self._fail(failure)
        if call.token != self.token:
            return 200, {}, {"ok": False, "error": "invalid_auth"}
        if api_method == "chat.postMessage":
            return 200, {}, self._post(call.params)
        if api_method == "chat.update":
            return 200, {}, self._update(call.params)
        return 200, {}, {"ok": False, "error": "unknown_method"}

    def _fail(self, failure: _Failure) -> tuple[int, dict[str, str], Any]:
        if failure.hang_seconds:
            self._release.wait(failure.hang_seconds)
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        if failure.status >= 500:
            return failure.status, headers, "<html><body>Service Unavailable</body></html>"
        return failure.status, headers, {"ok": False, "error": failure.error or "fatal_error"}

    def _post(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        channel = CHANNEL_IDS.get(channel, channel)
        with self._lock:
            self._next_ts += 1
            ts = f"{self._next_ts // 1_000_000}.{self._next_ts % 1_000_000:06d}"
            message = _message(params, ts)
            if "thread_ts" not in params:
                self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _update(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (str(params.get("channel")), str(params.get("ts")))
        with self._lock:
            if key not in self.messages:
                return {"ok": False, "error": "message_not_found"}
            self.messages[key] = _message(params, key[1])
        return {"ok": True, "channel": key[0], "ts": key[1], "text": params.get("text", "")}


def _message(params: dict[str, Any], ts: str) -> dict[str, Any]:
    blocks = params.get("blocks") or []
    if isinstance(blocks, str):  # form-encoded calls send blocks as a JSON string
        blocks = json.loads(blocks)
    return {"type": "message", "ts": ts, "text": params.get("text", ""), "blocks": blocks}


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8")
            content_type = self.headers.get("Content-Type", "")
            params = _decode_body(raw, content_type)
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
            token = token or params.get("token")
            api_method = self.path.split("?")[0].removeprefix("/api/")
            call = RecordedCall(api_method, params, token, content_type)
            status, headers, body = fake._handle(api_method, call)
            self._answer(status, headers, body)

        def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
            is_json = not isinstance(body, str)
            data = (json.dumps(body) if is_json else body).encode("utf-8")
            kind = "application/json; charset=utf-8" if is_json else "text/html; charset=utf-8"
            # After a hang the client has usually given up (its timeout fired): that is fine.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # keep test output quiet

    return Handler


def _decode_body(raw: str, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        decoded = json.loads(raw or "{}")
        return decoded if isinstance(decoded, dict) else {}
    return {key: values[0] for key, values in parse_qs(raw).items()}
