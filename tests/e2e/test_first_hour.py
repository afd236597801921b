"""The first hour, as a newcomer lives it: `contact-hub serve` with nothing configured,
`contact-hub try` to be a resident, and Ctrl-C to stop it all.

Nothing is configured here: no Twilio auth token, no rota, no fallback number, no Slack,
so the service must both accept the newcomer's signed webhooks (local secrets) and tell
the resident honestly that nobody could be paged.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from redis import Redis
from redis.exceptions import RedisError

from tests.e2e.serving import free_port, wait_for

pytestmark = pytest.mark.e2e

# Everything a newcomer would not have set (and the test runner might have).
UNSET = ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
         "TWILIO_FROM_NUMBER", "META_APP_SECRET", "META_VERIFY_TOKEN", "ONCALL_ROTA_FILE",
         "ONCALL_FALLBACK_NUMBER", "SLACK_BOT_TOKEN", "PUBLIC_BASE_URL", "ORGANISATION_NAME",
         "CONTACT_HUB_ENV", "PORT")


def _newcomer_env(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env.update(CONTACT_HUB_HOME=str(tmp_path / "instance"), PORT=str(port),
               SWEEP_INTERVAL_SECONDS="2", TMPDIR=str(tmp_path / "tmp"))
    return env


def _start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], dict[str, str], str]:
    port = free_port()
    env = _newcomer_env(tmp_path, port)
    # Its own process group, as a shell gives a foreground job: Ctrl-C goes to the group. And
    # Ctrl-C heard, as in a terminal, even when this suite runs as a background job (which
    # starts with SIGINT ignored, and an ignored signal stays ignored across exec): a handler
    # of our own while it starts, reset to the default in the child.
    ignoring = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with (tmp_path / "serve.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "contact_hub", "serve"], env=env,
                stdout=log, stderr=subprocess.STDOUT, process_group=0,
            )
    finally:
        signal.signal(signal.SIGINT, ignoring)
    base = f"http://127.0.0.1:{port}"
    try:
        # (session 32) up to 2 minutes, as tests/e2e/serving.py: a newcomer's first start (its
        # own Redis, the router's models) took over 45 s on 2 cores beside another suite run.
        wait_for(lambda: requests.get(base + "/readyz", timeout=1).status_code == 200, process,
                 timeout=120.0)
    except BaseException:
        # Never left running: a leaked child is reported (ResourceWarning) against whichever
        # test that worker runs next.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return process, env, base


def _ctrl_c(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGINT)


def _try(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "contact_hub", "try", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def newcomer_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("newcomer")


@pytest.fixture(scope="module")
def newcomer(newcomer_home: Path):
    """One `serve` for the `try` tests (each `try` is its own resident and contact): starting
    the service costs more than any of them."""
    process, env, base = _start(newcomer_home)
    try:
        yield env, base
    finally:
        if process.poll() is None:
            _ctrl_c(process)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_try_sms_shows_an_honest_emergency_reply_and_where_to_look(newcomer, newcomer_home):
    env, base = newcomer
    out = _try(env, "sms", "I can smell gas in the kitchen", "--from", "07700 900123")

    assert "could not alert our on-call team" in out  # nobody is configured to be paged
    assert "alerting the on-call team" not in out and "alerting our on-call" not in out
    assert "0800 111 999" in out and "999" in out
    assert "flags: nobody_paged" in out
    assert "/api/v1/contacts/" in out and "tokens create --role agent" in out
    secrets = json.loads((newcomer_home / "instance" / "local-secrets.json").read_text())
    assert secrets["twilio_auth_token"] not in out  # the token signs; it is never shown
    assert oct((newcomer_home / "instance" / "local-secrets.json").stat().st_mode)[-3:] == "600"


def test_try_an_ordinary_text_gets_its_acknowledgement(newcomer):
    env, _ = newcomer
    out = _try(env, "sms", "The kitchen tap has been dripping all week")
    assert "service_request, routed" in out
    assert "Your housing team: thanks, we have your message." in out
    assert "dry run: stored, not sent" in out


def test_try_a_call_walks_the_ivr_and_leaves_an_emergency_message(newcomer):
    env, _ = newcomer
    out = _try(env, "call", "Water is coming through the bathroom light", "--press", "1")
    assert "This call is free" in out
    assert "We cannot put you through to our on-call team" in out  # no false promise
    assert "(the caller leaves a message) Water is coming through the bathroom light" in out
    assert "emergency, routed" in out


def test_try_messenger_is_signed_with_the_local_app_secret(newcomer):
    env, _ = newcomer
    out = _try(env, "messenger", "Can I get my bins collected on a different day?")
    assert "routed" in out and "messenger to" in out


def test_try_email_through_the_local_mailbox_gets_safety_advice_and_a_reference(
    newcomer, newcomer_home
):
    env, _ = newcomer
    # The mailbox is read once the worker is up, which can trail /readyz on a busy machine.
    out = _try(env, "email", "I can smell gas in the hallway outside my flat",
               "--from", "Jane.Resident@example.com", "--wait", "90")

    assert "(emailed housing@contact-hub.localhost from Jane.Resident@example.com)" in out
    assert "emergency, routed" in out
    assert "[safety_advice, email to jane.resident@example.com, dry run: stored, not sent]" \
        in out
    assert "could not alert our on-call team" in out and "0800 111 999" in out
    mailbox = newcomer_home / "instance" / "mailbox"
    assert list((mailbox / "new").iterdir()) == []  # taken in: marked seen
    assert len(list((mailbox / "cur").iterdir())) == 1
    assert oct(mailbox.stat().st_mode)[-3:] == "700"


def test_try_an_ordinary_email_gets_its_acknowledgement_with_a_reference(newcomer):
    env, _ = newcomer
    out = _try(env, "email", "The kitchen tap has been dripping all week", "--wait", "90")
    assert "service_request, routed" in out
    assert "[acknowledgement, email to resident@example.com, dry run: stored, not sent]" in out
    reference = out.split("Contact ", 1)[1].split(" ", 1)[0]
    assert f"Your reference is {reference}." in out


def test_a_webhook_without_the_local_secret_is_refused(newcomer):
    _, base = newcomer
    response = requests.post(base + "/webhooks/twilio/sms", data={"From": "+447700900123"},
                             timeout=5)
    assert response.status_code == 403


def test_ctrl_c_stops_in_order_with_no_traceback_and_no_files_left(tmp_path):
    process, _, _ = _start(tmp_path)
    redis_url = wait_for(lambda: _embedded_redis_url(tmp_path), process)
    time.sleep(1.0)  # the worker is up and polling
    _ctrl_c(process)
    process.wait(timeout=60)
    out = (tmp_path / "serve.log").read_text()

    assert process.returncode == 0, out
    assert "Traceback" not in out
    assert "Stopped." in out
    with pytest.raises(RedisError):  # the embedded Redis went, last
        Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing left in the temp directory


def test_a_second_ctrl_c_stops_at_once(tmp_path):
    process, _, _ = _start(tmp_path)
    _ctrl_c(process)
    time.sleep(0.3)
    _ctrl_c(process)
    process.wait(timeout=20)
    out = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in out
    # at once (130), unless the ordinary stop had already finished before the second one
    assert (process.returncode, "stopped at once" in out) in ((130, True), (0, False)), out


def _embedded_redis_url(tmp_path: Path) -> str | None:
    """The embedded Redis's URL, as `serve` announced it."""
    for line in (tmp_path / "serve.log").read_text().splitlines():
        if "embedded Redis" in line and " at " in line:
            return line.rsplit(" at ", 1)[1].strip()
    return None
