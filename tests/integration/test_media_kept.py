"""Residents' photos and files are downloaded by a job into the file store, checked by
their content, bounded in size, scanned when a scanner is set, linked to the contact and
shown to signed-in staff only. Providers are local fakes speaking their wire format."""

from __future__ import annotations

import base64
import contextlib
import sys
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from sqlalchemy import select

from contact_hub.services.media.sources import Credential, MediaUnavailable, WebLinks
from contact_hub.storage import models
from contact_hub.storage.access.models import AccessRead
from contact_hub.storage.media.files import FileMissing
from tests.helpers import ACCOUNT_SID, AUTH_TOKEN, sms_form
from tests.media_files import EXE_AS_JPEG, PDF, jpeg, png
from tests.meta_helpers import (
    APP_SECRET,
    PAGE_TOKEN,
    VERIFY_TOKEN,
    WHATSAPP_NUMBER_ID,
    WHATSAPP_TOKEN,
    messenger,
    post_signed,
    whatsapp,
)
from tests.workspace_helpers import signed_in

TWILIO_AUTH = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
# Exits 1 (found) when the file holds the marker, as clamscan does for a virus.
SCANNER = (f"{sys.executable} -c \"import sys; "
           "sys.exit(1 if b'EICAR-TEST' in sys.stdin.buffer.read() else 0)\"")


@pytest.fixture
def settings(settings, media_host, fake_graph):
    return settings.with_overrides(
        twilio_account_sid=ACCOUNT_SID, twilio_from_number="+443300000000",
        twilio_api_base_url=media_host.url,  # Twilio's media links live under its API
        meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN,
        meta_page_access_token=PAGE_TOKEN, meta_graph_base_url=fake_graph.url,
        meta_whatsapp_phone_number_id=WHATSAPP_NUMBER_ID, meta_whatsapp_token=WHATSAPP_TOKEN,
        meta_http_timeout=2.0, media_max_bytes=64 * 1024, media_max_attempts=2,
        media_scan_command=SCANNER,
    )


def mms(client, twilio, media_host, *files: tuple[bytes, str], sid: str = "SM" + "b" * 32):
    form = sms_form("Photo of the mould", sid=sid, NumMedia=str(len(files)))
    for n, (data, kind) in enumerate(files):
        path = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}/Media/ME{n}"
        form[f"MediaUrl{n}"] = media_host.host(path, data, kind, auth=TWILIO_AUTH)
        form[f"MediaContentType{n}"] = kind
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200


def attachments(container) -> list[models.Attachment]:
    with container.sessions() as session:
        return list(session.scalars(select(models.Attachment).order_by(models.Attachment.id)))


def test_mms_photos_are_downloaded_with_twilios_auth_and_kept(
    client, twilio, container, run_jobs, media_host
):
    photo = jpeg()
    mms(client, twilio, media_host, (photo, "image/jpeg"), (PDF, "application/pdf"))
    run_jobs()
    first, second = attachments(container)
    assert (first.status, first.detected_type, first.size_bytes) == (
        "kept", "image/jpeg", len(photo))
    assert (second.status, second.detected_type) == ("kept", "application/pdf")
    assert container.media.store.get(first.stored_key) == photo
    assert all(r["auth"] == TWILIO_AUTH for r in media_host.requests)


def test_a_disguised_or_oversized_or_infected_file_is_refused_and_not_kept(
    client, twilio, container, run_jobs, media_host
):
    infected = png() + b"EICAR-TEST"  # a real photo carrying the scanner's test marker
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (64 * 1024)
    mms(client, twilio, media_host, (EXE_AS_JPEG, "image/jpeg"), (big, "image/png"),
        (infected, "image/png"))
    run_jobs()
    disguised, oversized, scanned = attachments(container)
    assert disguised.status == "refused" and "x-msdownload" in disguised.error
    assert oversized.status == "refused" and "larger than" in oversized.error
    assert scanned.status == "refused" and "virus scanner" in scanned.error
    assert not any(a.stored_key for a in (disguised, oversized, scanned))


def test_messenger_and_whatsapp_media_are_kept(client, container, run_jobs, media_host,
                                               fake_graph):
    photo, voice_photo = png(), jpeg()
    cdn = media_host.host("/v/t1.15752-9/damp.png", photo, "image/png")
    post_signed(client, messenger("", mid="m_photo_1", attachments=[
        {"type": "image", "payload": {"url": cdn}}]))
    fake_graph.media["1045678901234567"] = (voice_photo, "image/jpeg")
    fake_graph.token = WHATSAPP_TOKEN
    payload = whatsapp("", wamid="wamid.photo1")
    payload["entry"][0]["changes"][0]["value"]["messages"][0].update(
        {"type": "image", "image": {"id": "1045678901234567", "mime_type": "image/jpeg",
                                     "caption": "Mould in the bathroom"}})
    post_signed(client, payload)
    run_jobs()
    by_url = {a.url: a for a in attachments(container)}
    assert by_url[cdn].status == "kept" and by_url[cdn].detected_type == "image/png"
    whatsapp_media = by_url["whatsapp-media:1045678901234567"]
    assert whatsapp_media.status == "kept"
    assert container.media.store.get(whatsapp_media.stored_key) == voice_photo


def test_the_job_is_safe_to_run_twice_and_retries_an_outage_then_gives_up(
    client, twilio, container, run_jobs, media_host
):
    media_host.failures = [503]
    mms(client, twilio, media_host, (png(), "image/png"))
    container.inbound.process(_only_contact(container))
    with pytest.raises(MediaUnavailable):
        container.media.keep(_only_contact(container))
    [waiting] = attachments(container)
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    container.media.keep(_only_contact(container))
    container.media.keep(_only_contact(container))  # a second run changes nothing
    [kept] = attachments(container)
    assert (kept.status, kept.attempts) == ("kept", 2)
    media_host.failures = [503, 503]
    mms(client, twilio, media_host, (png(), "image/png"), sid="SM" + "c" * 32)
    later = attachments(container)[-1]
    for _ in range(2):
        with contextlib.suppress(MediaUnavailable):  # the first try fails and is retried
            container.media.keep(later.contact_id)
    gave_up = attachments(container)[-1]
    assert gave_up.status == "failed" and "gave up after 2 tries" in gave_up.error


def test_links_elsewhere_are_never_fetched(client, twilio, container, run_jobs, media_host):
    form = sms_form("look", sid="SM" + "d" * 32, NumMedia="1", MediaContentType0="image/png",
                    MediaUrl0="http://169.254.169.254/latest/meta-data")
    twilio.post(client, "/webhooks/twilio/sms", form)
    run_jobs()
    [row] = attachments(container)
    assert row.status == "failed" and "no source" in row.error
    assert media_host.requests == []


def test_kept_media_is_shown_to_signed_in_staff_only(
    client, twilio, container, run_jobs, media_host, app
):
    photo = jpeg()
    mms(client, twilio, media_host, (photo, "image/jpeg"))
    run_jobs()
    [row] = attachments(container)
    signed_out = app.test_client().get(f"/media/{row.id}")
    assert signed_out.status_code == 302 and "/login" in signed_out.headers["Location"]
    signed_in(client, container)
    page = client.get(f"/contacts/{row.contact_id}").get_data(as_text=True)
    assert f'src="/media/{row.id}"' in page
    served = client.get(f"/media/{row.id}")
    assert served.status_code == 200 and served.data == photo
    assert served.mimetype == "image/jpeg"
    assert served.headers["Cache-Control"] == "private, no-store"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert client.get("/media/999999").status_code == 404
    with container.sessions() as session:
        audited = session.scalars(select(AccessRead.record_id).where(
            AccessRead.record_type == "contact")).all()
    assert audited == [str(row.contact_id)] * 2  # the contact page, then its photo


def test_graph_attachments_are_fetched_raw_with_a_bearer_token(media_host):
    """The email backends' hook: a credential for the Graph API's prefix (bootstrap wires
    it with the mailbox's token) asks for the attachment's raw `$value`."""
    photo = png()
    media_host.host("/v1.0/users/box/messages/AAMk/attachments/AAMkA1/$value", photo,
                    "image/png", auth="Bearer graph-token")
    links = WebLinks(2.0, [Credential(media_host.url + "/v1.0/",
                                      headers=lambda: {"Authorization": "Bearer graph-token"},
                                      suffix="/$value")])
    fetched = links.fetch(media_host.url + "/v1.0/users/box/messages/AAMk/attachments/AAMkA1"
                          "#damp.png", 1024 * 1024)
    assert fetched.data == photo


def _only_contact(container: Any) -> int:
    with container.sessions() as session:
        return session.scalars(select(models.Contact.id)).one()


def test_erasing_the_resident_removes_their_kept_files(
    client, twilio, container, run_jobs, media_host
):
    mms(client, twilio, media_host, (jpeg(), "image/jpeg"))
    run_jobs()
    [row] = attachments(container)
    key = row.stored_key
    with container.sessions() as session:
        customer_id = session.get(models.Contact, row.contact_id).customer_id
    container.privacy.erasure.erase(customer_id, "dpo@magna.example", "erasure request")
    container.media.sweep()
    [erased] = attachments(container)
    assert (erased.status, erased.stored_key, erased.url) == ("erased", None, "[removed]")
    with pytest.raises(FileMissing):
        container.media.store.get(key)


def test_the_api_lists_a_contacts_kept_files_as_its_openapi_document_describes(
    client, twilio, container, run_jobs, media_host
):
    photo = jpeg()
    mms(client, twilio, media_host, (photo, "image/jpeg"), (EXE_AS_JPEG, "image/jpeg"))
    run_jobs()
    kept, refused = attachments(container)
    assert (kept.status, refused.status) == ("kept", "refused")
    agent = {"Authorization": "Bearer " + container.tokens.create("agent", "test agent")}
    body = client.get(f"/api/v1/contacts/{kept.contact_id}", headers=agent).get_json()
    # The kept photo only: its facts and where staff open it, never its bytes.
    assert body["media"] == [{"id": kept.id, "content_type": "image/jpeg",
                              "size_bytes": len(photo), "filename": kept.filename,
                              "url": f"/media/{kept.id}"}]
    assert len(body["attachments"]) == 2  # the provider's links are listed as before
    listed = client.get("/api/v1/contacts", headers=agent).get_json()["items"]
    assert "media" not in listed[0]
    document = client.get("/api/v1/openapi.json").get_json()
    contact = document["components"]["schemas"]["Contact"]
    assert contact["properties"]["media"]["items"] == {"$ref": "#/components/schemas/MediaFile"}
    Draft202012Validator({**document, "$ref": "#/components/schemas/Contact"}).validate(body)
    with pytest.raises(ValidationError):  # the schema holds the media's shape
        Draft202012Validator({**document, "$ref": "#/components/schemas/Contact"}).validate(
            {**body, "media": [{"id": kept.id, "url": 7}]})
