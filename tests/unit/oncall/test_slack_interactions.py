"""Button clicks from Slack: signature checks with slack_sdk's own signing, payload parsing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import Clock, SignatureVerifier

from channels.base import SignatureInvalid
from channels.slack import (
    AlertAction,
    AlertInteraction,
    InteractionInvalid,
    parse_interaction,
    verify_request,
)

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = 1_782_868_440  # 2026-07-01 01:14 UTC
FIXTURE = Path(__file__).parent / "fixtures" / "slack_block_actions_acknowledge.json"


class FixedClock(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def payload() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text())


def form_body(data: dict[str, Any]) -> bytes:
    return urlencode({"payload": json.dumps(data)}).encode()


def signed_headers(body: bytes, timestamp: int = NOW, secret: str = SECRET) -> dict[str, str]:
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded"}


def test_request_signed_by_slack_is_accepted_and_parsed():
    body = form_body(payload())
    verify_request(SECRET, body, signed_headers(body), clock=FixedClock(NOW + 2))
    assert parse_interaction(body) == AlertInteraction(
        action=AlertAction.ACKNOWLEDGE, alert_id="ALR-2026-000417", user_id="U04PSHAH01",
        user_name="priya.shah",
        response_url="https://hooks.slack.com/actions/T0EXAMPLE1/8731234567890/abcdefABCDEF0123456789",
        channel_id="C0EMERGENC", message_ts="1774750440.000101",
    )


def test_header_names_are_matched_whatever_their_case():
    body = form_body(payload())
    headers = {k.lower(): v for k, v in signed_headers(body).items()}
    verify_request(SECRET, body, headers, clock=FixedClock(NOW))


@pytest.mark.parametrize(
    ("body_change", "headers_change", "clock_at"),
    [
        (b"&x=1", {}, NOW),
        (b"", {"X-Slack-Signature": "v0=" + "0" * 64}, NOW),
        (b"", {}, NOW + 5 * 60 + 1),
        (b"", {}, NOW - 5 * 60 - 1),
        (b"", {"X-Slack-Request-Timestamp": "yesterday"}, NOW),
        (b"", {"X-Slack-Signature": None}, NOW),
    ],
    ids=["tampered-body", "wrong-signature", "replayed-after-5-min", "from-the-future",
         "timestamp-not-a-number", "no-signature"],
)
def test_requests_not_signed_by_slack_just_now_are_refused(body_change, headers_change, clock_at):
    body = form_body(payload())
    headers = {k: v for k, v in (signed_headers(body) | headers_change).items() if v is not None}
    with pytest.raises(SignatureInvalid):
        verify_request(SECRET, body + body_change, headers, clock=FixedClock(clock_at))


def test_request_four_minutes_old_is_still_accepted():
    body = form_body(payload())
    verify_request(SECRET, body, signed_headers(body), clock=FixedClock(NOW + 4 * 60))


def test_signed_with_another_apps_secret_is_refused():
    body = form_body(payload())
    with pytest.raises(SignatureInvalid):
        verify_request(SECRET, body, signed_headers(body, secret="another-secret"),
                       clock=FixedClock(NOW))


@pytest.mark.parametrize("secret", [None, ""])
def test_missing_signing_secret_refuses_everything(secret):
    body = form_body(payload())
    with pytest.raises(SignatureInvalid, match="SLACK_SIGNING_SECRET"):
        verify_request(secret, body, signed_headers(body), clock=FixedClock(NOW))


def test_resolve_button_is_parsed_as_resolve():
    data = payload()
    data["actions"][0] |= {"action_id": "alert_resolve", "block_id": "alert:ALR-9:open",
                           "value": "ALR-9"}
    interaction = parse_interaction(form_body(data))
    assert interaction is not None
    assert (interaction.action, interaction.alert_id) == (AlertAction.RESOLVE, "ALR-9")


@pytest.mark.parametrize(
    "change",
    [{"type": "view_submission"}, {"actions": [{"action_id": "something_else", "value": "x"}]},
     {"actions": []}],
    ids=["other-payload-type", "other-button", "no-actions"],
)
def test_interactions_that_are_not_our_buttons_are_ignored(change):
    assert parse_interaction(form_body(payload() | change)) is None


@pytest.mark.parametrize(
    "body",
    [b"", b"token=abc", b"payload=not-json", b"payload=%5B1%2C2%5D",
     form_body(payload() | {"user": {}}),
     form_body(payload() | {"actions": [{"action_id": "alert_acknowledge", "value": ""}]}),
     # (session 36, found by the webhook fuzz test) a user id that is not Slack's letters and
     # digits went into the click's job id, which RQ refused: a 500
     form_body(payload() | {"user": {"id": [None]}}),
     form_body(payload() | {"user": {"id": "U1 ; x"}})],
    ids=["empty", "no-payload-field", "not-json", "json-list", "no-user", "no-alert-id",
         "user-id-a-list", "user-id-not-letters-and-digits"],
)
def test_malformed_interactions_are_rejected_for_a_400(body):
    with pytest.raises(InteractionInvalid):
        parse_interaction(body)
