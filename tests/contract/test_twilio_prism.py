"""Contract test: our outbound SMS, sent by the official twilio client, is a request that
Twilio's own OpenAPI document accepts (Prism validates it and fails on any violation)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from channels.base import ChannelRejected, OutboundMessage
from channels.twilio_transport import TwilioSmsTransport
from contact_hub.domain.contacts.replies import acknowledgement
from tests.helpers import ACCOUNT_SID, MOBILE

pytestmark = pytest.mark.prism

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path(os.environ.get("TWILIO_SPEC", ROOT.parent / "shared/specs/twilio_api_v2010.json"))
PRISM = ROOT / ".cache/prism/node_modules/.bin/prism"


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the Twilio contract test)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory):
    binary = str(PRISM) if PRISM.exists() else shutil.which("prism")
    if binary is None:
        _missing("Prism is not installed (npm install --prefix .cache/prism @stoplight/prism-cli)")
    if not SPEC.exists():
        _missing(f"Twilio's OpenAPI document not found at {SPEC}")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [binary, "mock", "--errors", "-h", "127.0.0.1", "-p", str(port), str(SPEC)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("Prism exited:\n" + log_path.read_text())
        try:
            requests.get(base + "/", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.5)
    else:
        process.kill()
        raise AssertionError("Prism did not start in 90 s:\n" + log_path.read_text())
    yield base, log_path
    process.terminate()
    process.wait(timeout=10)
    log.close()


def validation_problems(log_path: Path) -> list[str]:
    """Prism's validator lines that report an error or a failed rule."""
    return [
        line
        for line in log_path.read_text().splitlines()
        if "[VALIDATOR]" in line and ("✖" in line or "did not pass" in line)
    ]


def _transport(base: str, account_sid: str = ACCOUNT_SID) -> TwilioSmsTransport:
    return TwilioSmsTransport(
        account_sid=account_sid,
        auth_token="contract-test-token",
        from_number="+443300000000",
        api_base_url=base,
        timeout=10,
        status_callback="https://hub.example.org/webhooks/twilio/sms/status",
    )


def test_acknowledgement_request_satisfies_twilios_spec(prism):
    base, log_path = prism
    message = OutboundMessage(
        channel="sms",  # type: ignore[arg-type]
        recipient=MOBILE,
        body=acknowledgement("CH-7K3QM9P", "service_request", "Magna Housing"),
        idempotency_key="ack-contract",
    )

    result = _transport(base).send(message)

    assert result.provider_message_id.startswith("SM")
    assert result.status == "sent"
    assert validation_problems(log_path) == []


def test_a_request_the_spec_refuses_is_reported_as_rejected(prism):
    # Proves the contract check can fail: an account SID that breaks Twilio's pattern.
    base, log_path = prism
    message = OutboundMessage(
        channel="sms",  # type: ignore[arg-type]
        recipient=MOBILE,
        body="hello",
        idempotency_key="bad-contract",
    )
    with pytest.raises(ChannelRejected):
        _transport(base, account_sid="ACnot-a-valid-sid").send(message)
    assert validation_problems(log_path)  # the same check the test above relies on
