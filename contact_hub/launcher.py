"""`contact-hub serve`: the whole service in one command.

With nothing configured it chooses the embedded defaults (a SQLite file and a private
Redis under CONTACT_HUB_HOME, the dry-run transport), applies migrations, starts a
worker process (with the RQ scheduler and the sweeper) and serves the web app.
"""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType

from werkzeug.serving import make_server

from contact_hub import local_secrets
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.embedded import EmbeddedRedis, start_redis
from contact_hub.logconfig import PathOnlyRequestHandler
from contact_hub.services.access.staff_users import first_run_hint
from contact_hub.settings import Settings
from contact_hub.storage.db import upgrade
from contact_hub.supervisor import Supervisor


def serve(settings: Settings, *, host: str, port: int) -> int:
    """Run web + worker until interrupted; return the exit code.

    Ctrl-C or SIGTERM stops the web server, then the worker (it finishes its job), then
    the embedded Redis, in that order and without tracebacks; a second Ctrl-C stops at
    once. The children run in their own sessions so a terminal's Ctrl-C reaches only us.
    """
    embedded: EmbeddedRedis | None = None
    choices = []
    if not settings.redis_url:
        embedded = start_redis(settings.home / "redis")
        settings = settings.with_overrides(redis_url=embedded.url)
        choices.append(f"embedded Redis ({embedded.kind}) at {embedded.url}")
    if not settings.database_url:
        choices.append(f"SQLite at {settings.effective_database_url.removeprefix('sqlite:///')}")
        upgrade(settings.effective_database_url)
    if not settings.twilio_sending_enabled:
        choices.append("dry-run transport (messages are stored in the outbox, not sent)")
    settings, generated = local_secrets.apply(settings)
    if generated:
        names = ", ".join(name.upper() for name in generated)
        choices.append(f"local webhook secrets for `contact-hub try` ({names}) in "
                       f"{local_secrets.path_for(settings.home)}")
    worker = _workers(settings)
    container = None
    try:
        worker.start()
        container = build(settings)
        server = make_server(host, port, create_app(container=container), threaded=True,
                             request_handler=PathOnlyRequestHandler)
        _announce(host, server.server_port, choices, container.oncall.paging_problems())
        if not container.staff.anyone():
            print(first_run_hint(), flush=True)
        _stop_on_sigterm(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        _stop_in_order(worker, embedded)
        if container is not None:
            container.close()
    return 0


def _stop_in_order(worker: Supervisor, embedded: EmbeddedRedis | None) -> None:
    """The worker first (it still needs Redis), the embedded Redis last."""

    def at_once(_signum: int, _frame: FrameType | None) -> None:
        worker.kill()
        if embedded is not None:
            embedded.kill()
        print("stopped at once", flush=True)
        os._exit(130)

    signal.signal(signal.SIGINT, at_once)
    signal.signal(signal.SIGTERM, at_once)
    print("Stopping: the worker finishes its job, then Redis (Ctrl-C again to stop at once)",
          flush=True)
    worker.stop()
    if embedded is not None:
        embedded.stop()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopped already: a late Ctrl-C changes nothing
    print("Stopped.", flush=True)


def _announce(host: str, port: int, choices: list[str], paging_problems: list[str]) -> None:
    print(f"Contact Hub listening on http://{host}:{port}", flush=True)
    for choice in choices:
        print(f"  default chosen: {choice}", flush=True)
    print(f"  workspace: http://{host}:{port}/  health: /healthz  readiness: /readyz  "
          "API: /api/v1/openapi.json", flush=True)
    print("  try it: contact-hub try sms \"I can smell gas\" --from +447700900123", flush=True)
    for problem in paging_problems:
        print(f"  WARNING, emergency paging: {problem}", flush=True)


def _stop_on_sigterm(server: object) -> None:
    def handle(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown).start()  # type: ignore[attr-defined]

    signal.signal(signal.SIGTERM, handle)


def _workers(settings: Settings) -> Supervisor:
    """The supervised workers (main queues and Slack's), against the same stores."""
    return Supervisor({**os.environ, "REDIS_URL": settings.redis_url or "",
                       "DATABASE_URL": settings.effective_database_url})
