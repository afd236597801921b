"""End to end: start `contact-hub serve` as a user would, post Twilio-signed webhooks over
HTTP, and watch the contact get stored, routed and acknowledged through the API.

Runs twice: with nothing configured (embedded SQLite + embedded Redis, the fresh-machine
path) and against the machine's PostgreSQL and Redis when they answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.e2e.serving import running_service, wait_for
from tests.helpers import AUTH_TOKEN, TwilioSigner, sms_form

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["embedded", "external"])
def service(request: pytest.FixtureRequest, tmp_path: Path):
    with running_service(request.param, tmp_path, {"TWILIO_AUTH_TOKEN": AUTH_TOKEN}) as running:
        yield running


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
        sent = detail["outbound"] and all(
            message["status"] not in ("queued", "sending") for message in detail["outbound"]
        )  # the send job may still be on its way when the row first shows
        return detail if detail["status"] == "routed" and sent else None

    detail = wait_for(acknowledged)
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
