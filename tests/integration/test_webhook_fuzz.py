"""A hostile-input battery against every webhook, signed where the webhook checks a
signature so the parser is reached: whatever arrives, the answer is never a 5xx.

Twilio's SMS and voice paths get signed forms of hostile fields and query strings; Slack
gets signed payloads of any JSON (deep, odd member types); Graph gets any JSON, deep
nesting included; Meta gets signed deep nesting and hostile subscription handshakes.
Bounded for CI: a few dozen examples per test (FUZZ_EXAMPLES scales them)."""

from __future__ import annotations

import json
import os
import time
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.signature import SignatureVerifier

from contact_hub.settings import Settings
from tests.meta_helpers import APP_SECRET, VERIFY_TOKEN, post_signed

SLACK_SECRET = "slack-signing-secret-for-fuzzing"
CLIENT_STATE = "graph-client-state-for-fuzzing"
FORM = "application/x-www-form-urlencoded"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4")) * 10
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

TWILIO_PATHS = [
    "/webhooks/twilio/sms", "/webhooks/twilio/sms/status", "/webhooks/twilio/voice",
    "/webhooks/twilio/voice/menu", "/webhooks/twilio/voice/emergency",
    "/webhooks/twilio/voice/dial-status", "/webhooks/twilio/voice/screen",
    "/webhooks/twilio/voice/screen-result", "/webhooks/twilio/voice/advisor-status",
    "/webhooks/twilio/voice/recorded", "/webhooks/twilio/voice/recording",
    "/webhooks/twilio/voice/transcription", "/webhooks/twilio/voice/status",
    "/webhooks/twilio/voice/page/{key}", "/webhooks/twilio/voice/page/{key}/ack",
]
TWILIO_FIELDS = [
    "From", "To", "Body", "MessageSid", "SmsSid", "NumMedia", "MediaUrl0",
    "MediaContentType0", "MessageStatus", "ErrorCode", "CallSid", "CallStatus", "Digits",
    "SpeechResult", "Confidence", "RecordingUrl", "RecordingSid", "RecordingDuration",
    "TranscriptionText", "TranscriptionStatus", "DialCallStatus", "AnsweredBy", "Caller",
]
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "", " ", "\x00", "gas\x00leak", "-1", "0", "2147483648", "9" * 400, "1e309", "NaN",
        "+447400123456", "whatsapp:+447400123456", "client:anonymous", "CA" + "a" * 32,
        "https://" + "a" * 2100, "../../etc/passwd", "\u202e", "🏚️", "x" * 5000,
        "completed", "no-answer", "1", "#", "*",
    ]),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE, inner, max_size=3),
    max_leaves=15,
)


def nested(depth: int, leaf: str = "1") -> str:
    return '{"a": [' * depth + leaf + "]}" * depth


DEEP = st.integers(min_value=60, max_value=3000).map(nested)


@pytest.fixture
def settings(settings: Settings) -> Settings:  # noqa: F811 - every webhook's secrets set
    return settings.with_overrides(
        slack_signing_secret=SLACK_SECRET, meta_app_secret=APP_SECRET,
        meta_verify_token=VERIFY_TOKEN, graph_tenant_id="tenant", graph_client_id="client",
        graph_client_secret="secret", graph_mailbox="repairs@example.org",  # noqa: S106
        graph_client_state=CLIENT_STATE,
    )


def server_error(response: Any) -> str:
    return f"{response.status_code}: {response.get_data(as_text=True)[:300]}"


@FUZZ
@given(path=st.sampled_from(TWILIO_PATHS), key=HOSTILE.filter(lambda k: "/" not in k),
       form=st.dictionaries(st.sampled_from(TWILIO_FIELDS) | HOSTILE, HOSTILE, max_size=8),
       query=st.dictionaries(st.sampled_from(["attempt", "tier", "option", "x"]), HOSTILE,
                             max_size=2))
def test_signed_twilio_forms_never_cause_a_server_error(client, twilio, path, key, form, query):
    url = path.format(key=quote(key or "k", safe=""))
    if query:
        url += "?" + urlencode(query)
    response = twilio.post(client, url, form)
    assert response.status_code < 500, server_error(response)


def slack_post(client: Any, payload: str | None, extra: dict[str, str] | None = None,
               timestamp: str | None = None) -> Any:
    fields = {**({"payload": payload} if payload is not None else {}), **(extra or {})}
    body = urlencode(fields)
    timestamp = timestamp or str(int(time.time()))
    signature = SignatureVerifier(SLACK_SECRET).generate_signature(timestamp=timestamp,
                                                                   body=body)
    return client.post("/webhooks/slack/interactions", data=body, content_type=FORM,
                       headers={"X-Slack-Request-Timestamp": timestamp,
                                "X-Slack-Signature": signature})


BLOCK_ACTIONS = st.fixed_dictionaries(
    {"type": st.just("block_actions") | JSON_VALUE},
    optional={
        "user": st.fixed_dictionaries({}, optional={"id": JSON_VALUE, "username": JSON_VALUE,
                                                    "name": JSON_VALUE}) | JSON_VALUE,
        "actions": st.lists(st.fixed_dictionaries({}, optional={
            "action_id": st.sampled_from(["alert_acknowledge", "alert_resolve"]) | JSON_VALUE,
            "value": st.sampled_from(["1", "2147483648", "²", "-1"]) | JSON_VALUE}),
            max_size=2) | JSON_VALUE,
        "channel": JSON_VALUE, "container": JSON_VALUE, "message": JSON_VALUE,
        "response_url": JSON_VALUE,
    },
)


@FUZZ
@given(payload=st.one_of(BLOCK_ACTIONS.map(json.dumps), JSON_VALUE.map(json.dumps), DEEP,
                         HOSTILE, st.none()))
def test_signed_slack_payloads_never_cause_a_server_error(client, payload):
    response = slack_post(client, payload)
    assert response.status_code < 500, server_error(response)


@pytest.mark.parametrize("payload", [
    {"type": "block_actions", "user": {"id": "U1"}, "channel": "c",
     "actions": [{"action_id": "alert_acknowledge", "value": "1"}]},
    {"type": "block_actions", "user": "U1", "container": [1],
     "actions": [{"action_id": ["alert_acknowledge"], "value": "1"}]},
    {"type": "block_actions", "user": {"id": "U1"}, "actions": 5},
])
def test_slack_payloads_with_odd_member_types_are_answered_cleanly(client, payload):
    response = slack_post(client, json.dumps(payload))
    assert response.status_code in (200, 400), server_error(response)


def test_deeply_nested_slack_payload_is_400(client):
    response = slack_post(client, nested(5000))
    assert response.status_code == 400
    assert "nested" in response.json["error"]["message"]


@FUZZ
@given(body=st.one_of(JSON_VALUE.map(json.dumps), DEEP,
                      st.fixed_dictionaries({"value": st.lists(st.fixed_dictionaries({}, optional={
                          "clientState": st.just(CLIENT_STATE) | JSON_VALUE,
                          "resource": JSON_VALUE, "changeType": JSON_VALUE,
                          "resourceData": JSON_VALUE, "subscriptionId": JSON_VALUE,
                      }), max_size=3)}).map(json.dumps)),
       token=st.none() | HOSTILE)
def test_graph_notifications_never_cause_a_server_error(client, body, token):
    url = "/webhooks/graph" + (f"?validationToken={quote(token)}" if token is not None else "")
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code < 500, server_error(response)


def test_deeply_nested_graph_notification_is_400_without_authentication(client):
    response = client.post("/webhooks/graph", data=nested(20000),
                           content_type="application/json")
    assert response.status_code == 400


@FUZZ
@given(body=DEEP.map(str.encode), args=st.dictionaries(
    st.sampled_from(["hub.mode", "hub.verify_token", "hub.challenge"]) | HOSTILE, HOSTILE,
    max_size=4))
def test_meta_deep_nesting_and_hostile_handshakes_never_cause_a_server_error(
    client, body, args
):
    assert post_signed(client, body).status_code == 400
    response = client.get("/webhooks/meta?" + urlencode(args))
    assert response.status_code < 500, server_error(response)


def test_a_signed_click_with_a_plus_signed_timestamp_is_not_a_server_error(client):
    """(session 36) Slack's check reads the timestamp with int(), which takes "+1733...": the
    header went into the click's job id as sent, and RQ refused the "+"."""
    click = json.dumps({"type": "block_actions", "user": {"id": "U1"},
                        "actions": [{"action_id": "alert_acknowledge", "value": "1"}]})
    response = slack_post(client, click, timestamp=f"+{int(time.time())}")
    assert response.status_code == 200, server_error(response)
