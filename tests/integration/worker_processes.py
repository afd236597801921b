"""Real `contact-hub worker` processes for fault tests: started with a test's settings,
killed with SIGKILL (the whole process group: the worker and its RQ scheduler child, as a
crashed container loses both) or stopped with SIGTERM."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from contact_hub.settings import Settings

# Settings field -> environment variable, for what fault tests configure.
ENV_NAMES = {
    "database_url": "DATABASE_URL", "redis_url": "REDIS_URL", "home": "CONTACT_HUB_HOME",
    "public_base_url": "PUBLIC_BASE_URL", "organisation_name": "ORGANISATION_NAME",
    "twilio_account_sid": "TWILIO_ACCOUNT_SID", "twilio_auth_token": "TWILIO_AUTH_TOKEN",
    "twilio_from_number": "TWILIO_FROM_NUMBER", "twilio_api_base_url": "TWILIO_API_BASE_URL",
    "twilio_http_timeout": "TWILIO_HTTP_TIMEOUT", "oncall_rota_file": "ONCALL_ROTA_FILE",
    "oncall_fallback_number": "ONCALL_FALLBACK_NUMBER", "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_api_base_url": "SLACK_API_BASE_URL",
    "slack_emergency_channel": "SLACK_EMERGENCY_CHANNEL",
    "slack_http_timeout": "SLACK_HTTP_TIMEOUT",
    "sweep_interval_seconds": "SWEEP_INTERVAL_SECONDS",
    "stale_after_seconds": "STALE_AFTER_SECONDS",
}


def worker_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_NAMES.values()}
    env.update(CONTACT_HUB_ENV="test", LOG_LEVEL="WARNING")
    for field_name, variable in ENV_NAMES.items():
        value = getattr(settings, field_name, None)
        if value is not None:
            env[variable] = str(value)
    return env


class WorkerProcess:
    """One `contact-hub worker`, its output appended to `log`."""

    def __init__(self, settings: Settings, log: Path, queues: Sequence[str] = ()) -> None:
        self.env = worker_env(settings)
        self.log = log
        self.queues = queues
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> WorkerProcess:
        args = [sys.executable, "-m", "contact_hub", "worker"]
        if self.queues:
            args += ["--queues", ",".join(self.queues)]
        with self.log.open("a") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                args, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        self.starts += 1
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, no warning: the worker and its scheduler child die mid-whatever."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)
        self._signal_group(signal.SIGKILL)  # anything left in its group (the scheduler)

    def _signal_group(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)
