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


@pytest.mark.parametrize(("path", "word"), [
    ("/api/v1/contacts/2147483648", "id: must be a whole number from 1 to 2147483647"),
    ("/api/v1/contacts/99999999999999999999999", "id: must be"),
    ("/api/v1/customers/0", "id: must be"),
    ("/api/v1/alerts/4294967296", "id: must be"),
    ("/api/v1/contacts?offset=2147483648", "offset: out of range"),
    ("/api/v1/outbox?contact_id=2147483648", "contact_id: out of range"),
    ("/api/v1/contacts?customer=%00", "customer: must not contain control characters"),
    ("/api/v1/contacts?channel=sms%0d%0aX", "channel: must not contain control characters"),
    ("/api/v1/complaints/CMP%00", "path: must not contain control characters"),
])
def test_out_of_range_ids_and_control_characters_are_400(client, container, path, word):
    headers = {"Authorization": "Bearer " + container.tokens.create("admin", "test admin")}
    response = client.get(path, headers=headers)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.json["error"]["message"].startswith(word)


def test_a_customer_filter_that_is_no_id_we_could_hold_finds_nobody(client, container):
    headers = {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}
    for customer in ("2147483648", "²", "9" * 30):
        response = client.get(f"/api/v1/contacts?customer={customer}", headers=headers)
        assert (response.status_code, response.json["total"]) == (200, 0)


@pytest.mark.parametrize("body", [
    b'{"body": "hello\\u0000there"}', b'{"body": "\\ud800"}', b'{"\\u0000": "x", "body": "a"}',
    b'{"body": ' + b"[" * 5000 + b"]" * 5000 + b"}", b'{"body": 1' + b"0" * 5000 + b"}",
    b'{"body": "x"' + b', "a": {"b": [' * 40 + b"1" + b"]}" * 40 + b"}",
])
def test_unstorable_or_hostile_json_bodies_are_400(client, container, twilio, run_jobs, body):
    twilio.post(client, PATH, sms_form("hello"))
    run_jobs()
    headers = {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}
    response = client.post("/api/v1/contacts/1/reply", data=body, headers=headers,
                           content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.json["error"]["code"] == "bad_request"
