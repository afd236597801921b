"""Real `contact-hub worker` processes for fault tests: started with a test's settings,
killed with SIGKILL (the whole process group: the worker and its RQ scheduler child, as a
crashed container loses both) or stopped with SIGTERM.

Importing the service takes seconds on a busy machine, so a small launcher process
imports it once and forks each worker from there: every worker is a fresh process running
`contact-hub worker` (`contact_hub.cli.main(["worker", ...])`) in a session of its own,
and a restart takes milliseconds instead of an interpreter start."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from contact_hub.settings import Settings

# Settings field -> environment variable, for what fault tests configure.
ENV_NAMES = {
    "database_url": "DATABASE_URL", "redis_url": "REDIS_URL", "home": "CONTACT_HUB_HOME",
    "public_base_url": "PUBLIC_BASE_URL", "organisation_name": "ORGANISATION_NAME",
    "twilio_account_sid": "TWILIO_ACCOUNT_SID", "twilio_auth_token": "TWILIO_AUTH_TOKEN",
    "twilio_from_number": "TWILIO_FROM_NUMBER", "twilio_api_base_url": "TWILIO_API_BASE_URL",
    "twilio_http_timeout": "TWILIO_HTTP_TIMEOUT", "meta_http_timeout": "META_HTTP_TIMEOUT",
    "oncall_rota_file": "ONCALL_ROTA_FILE",
    "oncall_fallback_number": "ONCALL_FALLBACK_NUMBER", "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_api_base_url": "SLACK_API_BASE_URL",
    "slack_emergency_channel": "SLACK_EMERGENCY_CHANNEL",
    "slack_http_timeout": "SLACK_HTTP_TIMEOUT",
    "alert_reminder_minutes": "ALERT_REMINDER_MINUTES",
    "sweep_interval_seconds": "SWEEP_INTERVAL_SECONDS",
    "stale_after_seconds": "STALE_AFTER_SECONDS",
    "email_backend": "EMAIL_BACKEND", "ews_server": "EWS_SERVER", "ews_mailbox": "EWS_MAILBOX",
    "ews_username": "EWS_USERNAME", "ews_password": "EWS_PASSWORD",
    "ews_auth_type": "EWS_AUTH_TYPE",
}

LAUNCHER = r"""
import os, signal, sys
from contact_hub import cli  # the slow imports, once (nothing connects at import time)
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped as they die
for line in sys.stdin:
    log, *args = line.split()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.dup2(out, 1)
        os.dup2(out, 2)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        code = 1
        try:
            code = cli.main(["worker", *args])
        finally:
            os._exit(code)
    print(pid, flush=True)
"""


def worker_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_NAMES.values()}
    env.update(CONTACT_HUB_ENV="test",
               LOG_LEVEL=os.environ.get("WORKER_LOG_LEVEL", "WARNING"))
    for field_name, variable in ENV_NAMES.items():
        value = getattr(settings, field_name, None)
        if value is not None:
            env[variable] = str(value)
    return env


class WorkerProcess:
    """One `contact-hub worker` at a time, its output appended to `log`."""

    def __init__(self, settings: Settings, log: Path, queues: Sequence[str] = ()) -> None:
        self.log = log
        self.queues = queues
        self.launcher = subprocess.Popen(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", LAUNCHER], env=worker_env(settings),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.pid: int | None = None
        self.starts = 0

    def start(self) -> WorkerProcess:
        assert self.launcher.stdin is not None and self.launcher.stdout is not None
        args = ["--queues", ",".join(self.queues)] if self.queues else []
        self.launcher.stdin.write(" ".join([str(self.log), *args]) + "\n")
        self.launcher.stdin.flush()
        self.pid = int(self.launcher.stdout.readline())
        self.starts += 1
        return self

    def alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """SIGKILL, no warning: the worker and its scheduler child die mid-whatever."""
        self._signal_group(signal.SIGKILL)
        self._wait(10)

    def stop(self) -> None:
        """SIGTERM (a warm shutdown), then SIGKILL for whatever is left of its group."""
        self._signal_group(signal.SIGTERM)
        self._wait(20)
        self._signal_group(signal.SIGKILL)
        self._wait(10)

    def close(self) -> None:
        self.stop()
        self.launcher.kill()
        self.launcher.wait(timeout=10)
        for stream in (self.launcher.stdin, self.launcher.stdout):
            if stream is not None:
                stream.close()

    def _wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.02)

    def _signal_group(self, signum: int) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signum)
