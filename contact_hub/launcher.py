"""`contact-hub serve`: the whole service in one command.

With nothing configured it chooses the embedded defaults (a SQLite file and a private
Redis under CONTACT_HUB_HOME, the dry-run transport), applies migrations, starts a
worker process (with the RQ scheduler and the sweeper) and serves the web app.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from types import FrameType

from werkzeug.serving import make_server

from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.embedded import EmbeddedRedis, start_redis
from contact_hub.logconfig import PathOnlyRequestHandler
from contact_hub.settings import Settings
from contact_hub.storage.db import upgrade


def serve(settings: Settings, *, host: str, port: int) -> int:
    """Run web + worker until interrupted; return the exit code."""
    embedded: EmbeddedRedis | None = None
    choices = []
    if not settings.redis_url:
        embedded = start_redis(settings.home / "redis")
        settings = settings.with_overrides(redis_url=embedded.url)
        choices.append(f"embedded Redis ({embedded.kind})")
    if not settings.database_url:
        choices.append(f"SQLite at {settings.effective_database_url.removeprefix('sqlite:///')}")
        upgrade(settings.effective_database_url)
    if not settings.twilio_sending_enabled:
        choices.append("dry-run transport (messages are stored in the outbox, not sent)")
    worker = WorkerSupervisor(settings)
    try:
        worker.start()
        server = make_server(host, port, create_app(container=build(settings)), threaded=True,
                             request_handler=PathOnlyRequestHandler)
        _announce(host, server.server_port, choices)
        _stop_on_sigterm(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
        if embedded is not None:
            embedded.stop()
    return 0


def _announce(host: str, port: int, choices: list[str]) -> None:
    print(f"Contact Hub listening on http://{host}:{port}", flush=True)
    for choice in choices:
        print(f"  default chosen: {choice}", flush=True)
    print("  health: /healthz  readiness: /readyz  API: /api/v1/openapi.json", flush=True)


def _stop_on_sigterm(server: object) -> None:
    def handle(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown).start()  # type: ignore[attr-defined]

    signal.signal(signal.SIGTERM, handle)


class WorkerSupervisor:
    """Keeps one `contact-hub worker` child process running against the same stores."""

    def __init__(self, settings: Settings) -> None:
        self.env = {
            **os.environ,
            "REDIS_URL": settings.redis_url or "",
            "DATABASE_URL": settings.effective_database_url,
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        self._spawn()
        self.thread.start()

    def _spawn(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "contact_hub", "worker"], env=self.env
        )

    def _watch(self) -> None:
        while not self.stopping.wait(1.0):
            if self.process is not None and self.process.poll() is not None:
                print("worker exited; restarting it", file=sys.stderr, flush=True)
                self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
