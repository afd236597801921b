"""The public web form at /contact: a resident reports a problem without signing in, is
answered by email or text, sees safety advice at once in an emergency, and the form
resists abuse (CSRF, honeypot, rate limit, disguised or oversized uploads)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from sqlalchemy import select

from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.settings import Settings
from contact_hub.storage import models
from tests.media_files import EXE_AS_JPEG, PDF, SCRIPT_WITH_JPEG_HEADER, png
from tests.workspace_helpers import csrf_token

MOBILE = "07400 123456"
MOBILE_E164 = "+447400123456"
_SUBMISSION = re.compile(r'name="submission" type="hidden" value="([0-9a-f]{32})"')


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Small limits, so that going over them is quick to show."""
    return settings.with_overrides(media_max_bytes=64 * 1024, web_form_per_hour=3)


def form_page(client: Any) -> tuple[str, str]:
    html = client.get("/contact").get_data(as_text=True)
    match = _SUBMISSION.search(html)
    assert match, "no submission id in the form"
    return csrf_token(html), match.group(1)


def send(client: Any, files: list[tuple[bytes, str]] = (), **fields: Any) -> Any:  # type: ignore[assignment]
    token, submission = form_page(client)
    data: dict[str, Any] = {
        "csrf_token": token, "submission": submission, "description": "The boiler is broken",
        "reply_by": "email", "email": "Resident@Example.org", **fields,
    }
    if files:
        data["photos"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post("/contact", data=data, content_type="multipart/form-data")


def contacts(container: Any) -> list[models.Contact]:
    with container.sessions() as session:
        rows = list(session.scalars(select(models.Contact).order_by(models.Contact.id)))
        for row in rows:
            list(row.attachments)
        return rows


def outbound(container: Any) -> list[models.OutboundMessage]:
    with container.sessions() as session:
        return list(session.scalars(select(models.OutboundMessage).order_by(
            models.OutboundMessage.id)))


def test_the_form_is_public_accessible_and_carries_its_protections(client):
    page = client.get("/contact")
    html = page.get_data(as_text=True)
    assert page.status_code == 200  # no sign-in
    assert '<label class="field__label" for="description">' in html
    assert '<legend class="field__label">How should we reply?</legend>' in html
    assert 'name="csrf_token"' in html and 'name="website"' in html  # CSRF and honeypot
    assert 'aria-hidden="true"' in html and "call 999" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_report_becomes_a_web_contact_acknowledged_by_email(client, container, run_jobs):
    answer = send(client)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "We have your message" in html
    run_jobs()
    [contact] = contacts(container)
    assert contact.channel == "web" and contact.reference in html
    assert contact.sender == "resident@example.org" and contact.reply_channel == "email"
    assert contact.status == "routed"
    [ack] = outbound(container)
    assert (ack.kind, ack.channel, ack.recipient) == (
        "acknowledgement", "email", "resident@example.org")
    assert contact.reference in ack.body


def test_an_emergency_shows_safety_advice_at_once_and_texts_it(client, container, run_jobs):
    answer = send(client, description="I can smell gas in the kitchen", reply_by="text",
                  phone=MOBILE, email="")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "What to do now" in html
    assert "0800 111 999" in html  # the gas advice, on the page before any job has run
    [advice] = outbound(container)
    assert (advice.kind, advice.channel, advice.recipient, advice.priority) == (
        "safety_advice", "sms", MOBILE_E164, "critical")
    run_jobs()
    [contact] = contacts(container)
    assert contact.category == "emergency"
    with container.sessions() as session:
        assert session.scalars(select(models.ContactEvent.kind).where(
            models.ContactEvent.contact_id == contact.id)).all()
    # No second acknowledgement after the advice.
    assert [m.kind for m in outbound(container)].count("acknowledgement") == 0


def test_sending_the_same_form_twice_stores_one_contact(client, container, settings):
    token, submission = form_page(client)
    data = {"csrf_token": token, "submission": submission, "description": "Broken window",
            "reply_by": "email", "email": "a@example.org"}
    first = client.post("/contact", data={**data, "photos": [(io.BytesIO(png()), "a.png")]},
                        content_type="multipart/form-data")
    second = client.post("/contact", data={**data, "photos": [(io.BytesIO(png()), "a.png")]},
                         content_type="multipart/form-data")
    assert first.status_code == second.status_code == 200
    [contact] = contacts(container)
    assert len(contact.attachments) == 1
    staged = list((settings.media_directory / "incoming").iterdir())
    assert len(staged) == 1  # the second send's copy was not left behind


def test_without_the_csrf_token_nothing_is_stored(client, container):
    _, submission = form_page(client)
    answer = client.post("/contact", data={"submission": submission, "description": "x",
                                           "reply_by": "email", "email": "a@example.org"})
    assert answer.status_code == 400
    assert "This form had expired" in answer.get_data(as_text=True)
    assert contacts(container) == []


def test_the_honeypot_thanks_a_bot_and_stores_nothing(client, container):
    answer = send(client, website="http://spam.example")
    assert answer.status_code == 200 and "Thank you" in answer.get_data(as_text=True)
    assert contacts(container) == []


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"reply_by": "text", "phone": "020 7946 0018", "email": ""}, "phone", "landline"),
    ({"reply_by": "text", "phone": "hello", "email": ""}, "phone", "UK mobile"),
    ({"reply_by": "email", "email": "not-an-address"}, "email", "Enter an email address"),
    ({"description": ""}, "description", "Tell us what the problem is"),
])
def test_a_way_to_reply_that_cannot_work_is_shown_beside_its_field(
    client, container, fields, field, message
):
    answer = send(client, **fields)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert f'id="{field}-error"' in html and message in html
    assert contacts(container) == []


def test_each_address_may_send_only_so_many_an_hour(container, app):
    client = app.test_client()
    limit = container.webform.limits.per_hour
    for _ in range(limit):
        assert send(client).status_code == 200
    refused = send(client)
    assert refused.status_code == 429 and "Too many reports" in refused.get_data(as_text=True)
    other = app.test_client()
    token, submission = form_page(other)
    assert other.post("/contact", data={
        "csrf_token": token, "submission": submission, "description": "Leak",
        "reply_by": "email", "email": "b@example.org",
    }, environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code == 200
    assert len(contacts(container)) == limit + 1


@pytest.mark.parametrize(("content", "name"), [
    (EXE_AS_JPEG, "damp.jpg"), (SCRIPT_WITH_JPEG_HEADER, "photo.jpeg"), (b"hello", "a.pdf"),
])
def test_an_upload_that_is_not_a_photo_or_pdf_is_refused_by_its_content(
    client, container, content, name
):
    answer = send(client, files=[(content, name)])
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="photos-error"' in html and "is not a photo or a PDF" in html
    assert contacts(container) == []


def test_uploads_over_the_size_or_count_limit_are_refused(client, container):
    limits = container.webform.limits
    too_many = send(client, files=[(png(), f"p{n}.png") for n in range(limits.max_files + 1)])
    assert too_many.status_code == 400 and "Attach at most" in too_many.get_data(as_text=True)
    huge = send(client, files=[(b"\x89PNG\r\n\x1a\n" + b"\x00" * (limits.max_bytes + 1),
                                 "big.png")])
    assert huge.status_code in (400, 413)
    assert "larger than" in huge.get_data(as_text=True) or "too large" in huge.get_data(
        as_text=True)
    assert contacts(container) == []


def test_photos_and_pdfs_are_kept_and_linked_to_the_contact(client, container, run_jobs):
    photo = png()
    answer = send(client, files=[(photo, "damp.png"), (PDF, "letter.pdf")])
    assert answer.status_code == 200
    run_jobs()
    [contact] = contacts(container)
    kept = contact.attachments
    assert [(a.status, a.detected_type, a.filename) for a in kept] == [
        ("kept", "image/png", "damp.png"), ("kept", "application/pdf", "letter.pdf")]
    assert container.media.store.get(kept[0].stored_key) == photo
    assert all(a.stored_key.startswith(f"contacts/{contact.id}/") for a in kept)


@pytest.mark.parametrize(("body", "content_type"), [
    (b'{"description": "leak"}', "application/json"),
    (b"--xyz\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nleak",
     "multipart/form-data; boundary=xyz"),  # never closed
    (b"\xff\xfe\x00garbage" * 50, "multipart/form-data; boundary=nothing-matches"),
    (b"description=%ZZ%&reply_by=email&&&=", "application/x-www-form-urlencoded"),
    (b"description=%00leak&reply_by=email", "application/x-www-form-urlencoded"),
], ids=["json", "unterminated multipart", "binary garbage", "bad escapes", "nul"])
def test_hostile_requests_get_a_clear_4xx_and_store_nothing(client, container, body,
                                                              content_type):
    answer = client.post("/contact", data=body, content_type=content_type)
    assert 400 <= answer.status_code < 500
    assert contacts(container) == []


def test_a_body_over_the_upload_allowance_is_a_413_page_with_the_form(client, container):
    limits = container.webform.limits
    token, submission = form_page(client)
    allowance = limits.max_files * limits.max_bytes + 64 * 1024
    answer = client.post("/contact", data={
        "csrf_token": token, "submission": submission, "description": "x" * allowance,
        "reply_by": "email", "email": "a@example.org"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 413 and "The files were too large to send" in html
    assert '<form method="post"' in html
    assert contacts(container) == []


def test_with_the_database_down_an_emergency_still_gets_advice_and_is_told_to_phone(
    settings, clock
):
    down = build(settings.with_overrides(
        database_url="postgresql+psycopg://postgres@127.0.0.1:1/nowhere"), clock=clock)
    down.redis.flushdb()  # a fresh hourly count for this address
    try:
        client = create_app(container=down).test_client()
        answer = send(client, description="I can smell gas in the hallway")
        html = answer.get_data(as_text=True)
        assert answer.status_code == 503
        assert "Your message was not sent" in html and "0800 111 999" in html
        assert "What to do now" in html and "alerting" not in html  # no false promise
        ordinary = send(client, description="The gate hinge is loose")
        assert ordinary.status_code == 503
        assert "What to do now" not in ordinary.get_data(as_text=True)
    finally:
        down.close()
