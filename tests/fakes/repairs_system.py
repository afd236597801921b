"""A local fake of a landlord's repairs system, for the work order webhook (docs/repairs.md).

It does what a real receiver must: checks `X-Signature` (HMAC-SHA256 of
`<X-Signature-Timestamp>.<body>` under the shared secret, worked out here independently of
our code) and that the timestamp is within five minutes of its clock, and creates one work
order per `Idempotency-Key` however often a key is delivered. It can be told to fail
(an HTTP status) or to hang after taking a work order (the sender times out not knowing).

    with FakeRepairsSystem(secret, clock) as repairs:
        settings.with_overrides(repairs_system_url=repairs.url, ...)
        repairs.fail_next(2, status=503)
        repairs.requests       # every request, in order
        repairs.work_orders    # Idempotency-Key -> the event, once each
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.local_http import JsonHandler, serve, shut


@dataclass(frozen=True)
class Received:
    key: str
    timestamp: str
    signature: str
    body: dict[str, Any]
    accepted: bool  # the signature and timestamp were good


@dataclass
class _Failure:
    status: int = 503
    hang_seconds: float = 0.0


def sign(secret: str, body: bytes, at: datetime) -> dict[str, str]:
    """Headers for a request the repairs system sends (a status update) at `at`."""
    stamp = str(int(at.timestamp()))
    digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
    return {"X-Signature-Timestamp": stamp, "X-Signature": "v1=" + digest.hexdigest(),
            "Content-Type": "application/json"}


@dataclass
class FakeRepairsSystem:
    secret: str
    clock: Callable[[], datetime]
    requests: list[Received] = field(default_factory=list)
    work_orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    _failures: list[_Failure] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/work-orders"

    def fail_next(self, count: int, status: int = 503, hang_seconds: float = 0.0) -> None:
        self._failures.extend(_Failure(status, hang_seconds) for _ in range(count))

    def __enter__(self) -> FakeRepairsSystem:
        fake = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fake.handle(self, body)

        self._server = serve(Handler)
        return self

    def __exit__(self, *_: Any) -> None:
        shut(self._server)

    def handle(self, handler: JsonHandler, body: bytes) -> None:
        stamp = handler.headers.get("X-Signature-Timestamp", "")
        given = handler.headers.get("X-Signature", "")
        key = handler.headers.get("Idempotency-Key", "")
        expected = "v1=" + hmac.new(self.secret.encode(), stamp.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
        fresh = stamp.isdigit() and abs(self.clock().timestamp() - int(stamp)) <= 300
        accepted = fresh and hmac.compare_digest(given, expected)
        with self._lock:
            self.requests.append(Received(key, stamp, given, json.loads(body), accepted))
            failure = self._failures.pop(0) if self._failures else None
        if not accepted:
            handler.send_json(401, {"error": "bad signature"})
            return
        if failure is not None and not failure.hang_seconds:
            handler.send_json(failure.status, {"error": "unavailable"})
            return
        with self._lock:  # one work order per key, however often it comes
            if key not in self.work_orders:
                self.work_orders[key] = {"number": f"WO-{len(self.work_orders) + 1}",
                                         **json.loads(body)}
            number = self.work_orders[key]["number"]
        if failure is not None:
            time.sleep(failure.hang_seconds)  # took it, but answers too late
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # sender gave up
            handler.send_json(200, {"work_order": number})

