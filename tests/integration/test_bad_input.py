"""Hostile and malformed requests get a clear 4xx, never a 500, and store nothing bad."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from contact_hub.storage import models
from tests.helpers import sms_form

PATH = "/webhooks/twilio/sms"
FORM = "application/x-www-form-urlencoded"
HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def contacts(container) -> int:
    with container.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.Contact))


@pytest.mark.parametrize("missing", ["MessageSid", "From", "To"])
def test_signed_form_missing_a_required_field_is_400(client, twilio, container, missing):
    form = sms_form("hello")
    del form[missing]
    response = twilio.post(client, PATH, form)
    assert response.status_code == 400
    assert missing in response.json["error"]["message"]
    assert contacts(container) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("NumMedia", "lots"), ("NumMedia", "-1"), ("NumMedia", "99"), ("MessageSid", "SM../../x")],
)
def test_signed_form_with_malformed_fields_is_400(client, twilio, container, field, value):
    response = twilio.post(client, PATH, sms_form("hello", **{field: value}))
    assert response.status_code == 400
    assert contacts(container) == 0


def test_media_count_without_urls_is_400(client, twilio):
    assert twilio.post(client, PATH, sms_form("pic", NumMedia="1")).status_code == 400


def test_json_body_is_400_not_500(client):
    response = client.post(PATH, json={"Body": "hi"})
    assert response.status_code == 400
    assert "form-urlencoded" in response.json["error"]["message"]


def test_oversized_body_is_413(client, container):
    big = "x" * (container.settings.max_request_bytes + 10)
    response = client.post(PATH, data={"Body": big}, content_type=FORM)
    assert response.status_code == 413
    assert contacts(container) == 0


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_wrong_method_is_405(client, method):
    assert getattr(client, method)(PATH).status_code == 405


def test_unknown_path_is_404_json(client):
    response = client.get("/webhooks/twilio/nope")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


@HYPOTHESIS
@given(body=st.text(max_size=400), sender=st.text(max_size=400), media=st.text(max_size=3))
def test_any_signed_form_is_answered_without_a_server_error(
    client, twilio, container, body, sender, media
):
    form = sms_form(body, sender=sender or "x", sid="SMhypothesis", NumMedia=media)
    response = twilio.post(client, PATH, form)
    assert response.status_code in (200, 400)


@HYPOTHESIS
@given(
    raw=st.binary(max_size=2000),
    content_type=st.sampled_from([FORM, "application/json", "text/plain", "multipart/form-data"]),
    # Header values as a client can send them: printable ASCII (no CR/LF injection).
    signature=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
)
def test_arbitrary_bytes_never_cause_a_server_error(
    client, container, raw, content_type, signature
):
    headers = {"X-Twilio-Signature": signature}
    response = client.post(PATH, data=raw, content_type=content_type, headers=headers)
    assert response.status_code in (400, 403, 413)
    assert contacts(container) == 0


def test_unicode_and_control_characters_are_stored_faithfully(client, twilio, container):
    text = "Damp 🏚️ in bedroom\x00\u202e ñ — “quoted”"
    response = twilio.post(client, PATH, sms_form(text))
    assert response.status_code == 200
    with container.sessions() as session:
        stored = session.scalars(select(models.Contact)).one().text
    assert stored.replace("\x00", "") == text.replace("\x00", "")


@pytest.mark.parametrize("path", ["/api/v1/contacts", "/api/v1/outbox", "/api/v1/alerts",
                                  "/api/v1/complaints"])
@pytest.mark.parametrize(("query", "word"), [("limit=0", "limit: out of range"),
                                             ("limit=201", "limit: out of range"),
                                             ("offset=-1", "offset: out of range"),
                                             ("limit=ten", "limit: must be a whole number")])
def test_every_api_list_pages_the_same_way(client, container, path, query, word):
    headers = {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}
    response = client.get(f"{path}?{query}", headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["message"] == word
    fine = client.get(f"{path}?limit=1&offset=0", headers=headers).json
    assert (fine["limit"], fine["offset"], fine["next_offset"]) == (1, 0, None)


@pytest.mark.parametrize("path", ["/api/v1/complaints", "/api/v1/contacts/1/reclassify"])
def test_api_body_that_is_not_an_object_is_400(client, container, path):
    headers = {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}
    response = client.post(path, json=["a", "list"], headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["message"] == "expected a JSON object body"
