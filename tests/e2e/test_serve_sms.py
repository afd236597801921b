"""End to end: start `contact-hub serve` as a user would, post Twilio-signed webhooks over
HTTP, and watch the contact get stored, routed and acknowledged through the API.

Runs twice: with nothing configured (embedded SQLite + embedded Redis, the fresh-machine
path) and against the machine's PostgreSQL and Redis when they answer.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.helpers import AUTH_TOKEN, TwilioSigner, sms_form

pytestmark = pytest.mark.e2e

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_E2E = os.environ.get("TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/14")
E2E_DB = PG_URL.rsplit("/", 1)[1] + "_e2e"
STRIPPED = ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_FROM_NUMBER", "PORT")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _external_available() -> bool:
    try:
        Redis.from_url(REDIS_E2E, socket_connect_timeout=1).ping()
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except (RedisError, OperationalError):
        return False


def _fresh_database() -> str:
    """A database of its own, so rows from other tests never show up in the API."""
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {E2E_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {E2E_DB}"))
    engine.dispose()
    return PG_URL.rsplit("/", 1)[0] + "/" + E2E_DB


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "contact_hub", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.fixture(params=["embedded", "external"])
def service(request: pytest.FixtureRequest, tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    env.update(
        CONTACT_HUB_HOME=str(tmp_path / "instance"),
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        SWEEP_INTERVAL_SECONDS="2",
        ORGANISATION_NAME="Magna Housing",
    )
    if request.param == "external":
        if not _external_available():
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL and Redis must answer in CI")
            pytest.skip("PostgreSQL or Redis not available")
        Redis.from_url(REDIS_E2E).flushdb()
        env.update(DATABASE_URL=_fresh_database(), REDIS_URL=REDIS_E2E)
        _cli(env, "db", "upgrade")
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "contact_hub", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_for(lambda: requests.get(base + "/readyz", timeout=1).status_code == 200, process)
    token = _cli(env, "tokens", "create", "--role", "agent").strip().splitlines()[-1]
    yield base, {"Authorization": f"Bearer {token}"}
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        log.close()


def _wait_for(check, process=None, timeout: float = 45.0):
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


def _post_sms(base: str, form: dict[str, str]) -> requests.Response:
    signer = TwilioSigner(base=base)
    return requests.post(
        base + "/webhooks/twilio/sms",
        data=form,
        headers=signer.headers("/webhooks/twilio/sms", form),
        timeout=10,
    )


def test_sms_is_stored_routed_and_acknowledged(service):
    base, auth = service

    response = _post_sms(base, sms_form("The kitchen tap has been dripping all week", sid="SMe2e1"))
    assert response.status_code == 200
    assert "<Response" in response.text

    def acknowledged():
        items = requests.get(base + "/api/v1/contacts", headers=auth, timeout=5).json()["items"]
        detail = requests.get(
            f"{base}/api/v1/contacts/{items[0]['id']}", headers=auth, timeout=5
        ).json()
        return detail if detail["status"] == "routed" and detail["outbound"] else None

    detail = _wait_for(acknowledged)
    assert detail["category"] == "service_request"
    [ack] = detail["outbound"]
    assert detail["reference"] in ack["body"]
    assert ack["status"] == "simulated"

    retry = _post_sms(base, sms_form("The kitchen tap has been dripping all week", sid="SMe2e1"))
    assert retry.status_code == 200
    total = requests.get(base + "/api/v1/contacts", headers=auth, timeout=5).json()["total"]
    assert total == 1


def test_emergency_sms_gets_safety_advice_at_once_and_bad_signatures_are_refused(service):
    base, auth = service

    response = _post_sms(base, sms_form("strong smell of gas in the hallway", sid="SMe2e2"))
    forged = requests.post(
        base + "/webhooks/twilio/sms",
        data=sms_form("hi"),
        timeout=5,
        headers={"X-Twilio-Signature": "bm9wZQ=="},
    )

    assert "0800 111 999" in response.text
    assert forged.status_code == 403
    contacts = requests.get(base + "/api/v1/contacts", headers=auth, timeout=5).json()
    assert contacts["total"] == 1
