"""Hostile and malformed Meta deliveries: a clear 4xx (or a 200 that skips what it cannot
read), never a 500, and nothing unstorable reaches PostgreSQL or SQLite."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from contact_hub.storage import models
from tests.meta_helpers import APP_SECRET, PATH, VERIFY_TOKEN, post_signed

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "\x00", "\ud800", "gas\x00leak\udfff", "x" * 5000, "\u202e", "🏚️", "", " ",
        "https://" + "a" * 2100, "m_../../etc", "1" * 400,
    ]),
)
VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False) | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=20,
)
PARTY = st.one_of(VALUE, st.fixed_dictionaries({"id": VALUE}))
MESSAGING_EVENT = st.fixed_dictionaries(
    {"sender": PARTY, "recipient": PARTY},
    optional={
        "timestamp": VALUE,
        "message": st.fixed_dictionaries({}, optional={
            "mid": VALUE, "text": VALUE, "is_echo": VALUE, "quick_reply": VALUE,
            "attachments": st.lists(st.fixed_dictionaries(
                {"type": VALUE, "payload": st.fixed_dictionaries({}, optional={
                    "url": VALUE, "coordinates": VALUE})}), max_size=3),
        }),
        "postback": st.fixed_dictionaries({}, optional={
            "mid": VALUE, "title": VALUE, "payload": VALUE}),
        "delivery": st.fixed_dictionaries({}, optional={"mids": VALUE}),
    },
)
WHATSAPP_MESSAGE = st.fixed_dictionaries(
    {"from": st.one_of(VALUE, st.from_regex(r"\A44\d{10}\Z")), "id": VALUE, "type": st.one_of(
        VALUE, st.sampled_from(["text", "image", "location", "interactive", "button", "x"]))},
    optional={"text": VALUE, "image": VALUE, "location": VALUE, "interactive": VALUE,
              "button": VALUE},
)
WHATSAPP_VALUE = st.fixed_dictionaries({}, optional={
    "metadata": VALUE, "contacts": VALUE, "messages": st.lists(WHATSAPP_MESSAGE, max_size=3),
    "statuses": st.lists(st.fixed_dictionaries({"id": VALUE, "status": VALUE},
                                               optional={"errors": VALUE}), max_size=2),
})


@pytest.fixture
def settings(settings):  # noqa: F811 - the integration settings, with Meta's secrets
    return settings.with_overrides(meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN)


def contacts(container) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.Contact))


@HYPOTHESIS
@given(raw=st.binary(max_size=2000), signature=st.text(
    st.characters(min_codepoint=32, max_codepoint=126), max_size=80))
def test_unsigned_bytes_are_forbidden_never_a_server_error(client, container, raw, signature):
    response = client.post(
        PATH, data=raw, content_type="application/json",
        headers={"X-Hub-Signature-256": signature},
    )
    assert response.status_code == 403
    assert contacts(container) == 0


@HYPOTHESIS
@given(raw=st.binary(max_size=2000))
def test_signed_bytes_are_refused_cleanly(client, container, raw):
    response = post_signed(client, raw)
    assert response.status_code in (200, 400)


@HYPOTHESIS
@given(kind=st.sampled_from(["page", "instagram"]), events=st.lists(MESSAGING_EVENT, max_size=3))
def test_signed_messenger_shapes_of_any_content_never_fail(client, container, kind, events):
    payload = {"object": kind, "entry": [{"id": "1", "time": 1, "messaging": events}]}
    response = post_signed(client, json.dumps(payload).encode())
    assert response.status_code == 200, response.get_data(as_text=True)


@HYPOTHESIS
@given(values=st.lists(WHATSAPP_VALUE, max_size=2))
def test_signed_whatsapp_shapes_of_any_content_never_fail(client, container, values):
    changes = [{"field": "messages", "value": value} for value in values]
    payload = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": changes}]}
    response = post_signed(client, json.dumps(payload).encode())
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client, method):
    assert getattr(client, method)(PATH).status_code == 405


def test_hostile_content_in_the_right_places_is_stored_faithfully_or_skipped(client, container):
    def event(sender: str, mid: str, text: str) -> dict:
        return {"sender": {"id": sender}, "recipient": {"id": "1"}, "timestamp": 1,
                "message": {"mid": mid, "text": text,
                            "attachments": [{"type": "image", "payload": {"url": "x" * 3000}}]}}

    events = [
        event("9" * 320, "m_" + "a" * 198, "gas\x00 smell \ud800 🏚️ \u202e"),  # at the limits
        event("9" * 321, "m_too_long_sender", "hello"),  # over them: skipped, not stored
        event("1", "m_" + "a" * 199, "hello"),
    ]
    payload = {"object": "page", "entry": [{"id": "1", "messaging": events}]}

    response = post_signed(client, json.dumps(payload).encode())

    assert response.status_code == 200
    with container.sessions() as session:
        [stored] = session.scalars(select(models.Contact)).all()
    assert stored.text == "gas smell ? 🏚️ \u202e"
    assert len(stored.sender) == 320 and len(stored.provider_message_id) == 200
    assert stored.raw_payload["message"]["text"] == stored.text
