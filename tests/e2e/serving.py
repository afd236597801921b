"""Running `contact-hub serve` for end-to-end tests, as a user starts it: embedded (SQLite
and an embedded Redis, the fresh-machine path) or against the machine's PostgreSQL and
Redis when they answer."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_E2E = os.environ.get("TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")
E2E_DB = PG_URL.rsplit("/", 1)[1] + "_e2e"
STRIPPED = ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_FROM_NUMBER", "PORT")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def external_available() -> bool:
    try:
        Redis.from_url(REDIS_E2E, socket_connect_timeout=1).ping()
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except (RedisError, OperationalError):
        return False


def fresh_database() -> str:
    """A database of its own, so rows from other tests never show up in the API."""
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {E2E_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {E2E_DB}"))
    engine.dispose()
    return PG_URL.rsplit("/", 1)[0] + "/" + E2E_DB


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "contact_hub", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout



@contextmanager
def running_service(
    mode: str,
    tmp_path: Path,
    settings: Mapping[str, str],
    keep: Callable[[str], bool] = lambda name: True,
) -> Iterator[tuple[str, dict[str, str]]]:
    """`contact-hub serve` with `settings` (PUBLIC_BASE_URL is set to where it listens);
    yields its base URL and an agent token's Authorization header. `keep` filters which of
    this process's environment variables it inherits."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED and keep(k)}
    env.update(CONTACT_HUB_HOME=str(tmp_path / "instance"), SWEEP_INTERVAL_SECONDS="2",
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", ORGANISATION_NAME="Magna Housing",
               **settings)
    if mode == "external":
        if not external_available():
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL and Redis must answer in CI")
            pytest.skip("PostgreSQL or Redis not available")
        Redis.from_url(REDIS_E2E).flushdb()
        env.update(DATABASE_URL=fresh_database(), REDIS_URL=REDIS_E2E)
        cli(env, "db", "upgrade")
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "contact_hub", "serve", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            # (session 31) up to 2 minutes: with the suite on four processes and the fresh-machine
            # run beside it on 2 cores, an embedded start (its own Redis, the router's models)
            # once took over 45 s. A bound on waiting, not a measure of speed.
            wait_for(lambda: requests.get(base + "/readyz", timeout=1).status_code == 200,
                     process, timeout=120.0)
            token = cli(env, "tokens", "create", "--role", "agent").strip().splitlines()[-1]
            yield base, {"Authorization": f"Bearer {token}"}
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                raise


def wait_for(check, process=None, timeout: float = 45.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"service exited with {process.returncode}")
        try:
            result = check()
            if result:
                return result
        except (requests.RequestException, KeyError, ValueError) as error:
            last = error
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting ({last!r})")


