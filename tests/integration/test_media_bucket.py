"""The file store in an S3-compatible bucket, through boto3, against a local S3 server
(moto's, speaking S3's wire format): what the media job keeps is in the bucket."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy import select

from contact_hub.bootstrap import build_file_store
from contact_hub.services.media.sources import stage_upload, staged_key
from contact_hub.storage import models
from contact_hub.storage.media.files import FileMissing
from contact_hub.storage.media.s3_files import BucketStore
from tests.integration.test_web_form import form_page
from tests.media_files import png

BUCKET = "housing-media"
REGION = "eu-west-2"
KEYS = {"aws_access_key_id": "test-key-id", "aws_secret_access_key": "test-secret"}


@pytest.fixture(scope="module")
def s3_url() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_url: str) -> Any:
    """An empty bucket, and a client of our own to look inside it."""
    client = boto3.client("s3", endpoint_url=s3_url, region_name=REGION, **KEYS)
    if BUCKET not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
        client.create_bucket(Bucket=BUCKET,
                             CreateBucketConfiguration={"LocationConstraint": REGION})
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    return client


@pytest.fixture
def settings(settings, s3_url, bucket):
    return settings.with_overrides(
        media_s3_bucket=BUCKET, media_s3_prefix="contact-hub", media_s3_endpoint_url=s3_url,
        media_s3_region=REGION, media_s3_access_key_id=KEYS["aws_access_key_id"],
        media_s3_secret_access_key=KEYS["aws_secret_access_key"])


def test_a_bucket_store_keeps_reads_and_removes_files(settings):
    store = build_file_store(settings)
    assert isinstance(store, BucketStore)
    photo = png()
    store.put("contacts/1/2.png", photo, "image/png")
    assert store.get("contacts/1/2.png") == photo
    store.delete("contacts/1/2.png")
    with pytest.raises(FileMissing):
        store.get("contacts/1/2.png")
    with pytest.raises(ValueError):
        store.put("../outside", photo, "image/png")


def test_the_bucket_store_lists_staged_uploads_by_age(settings):
    """What the media sweep asks to find uploads a crash orphaned."""
    store = build_file_store(settings)
    key = staged_key(stage_upload(store, png(), "image/png"))
    assert key is not None
    now = datetime.now(UTC)
    assert store.keys_older_than("incoming", now + timedelta(minutes=1), 10) == [key]
    assert store.keys_older_than("incoming", now - timedelta(hours=1), 10) == []
    store.delete(key)


def test_a_web_form_photo_is_kept_in_the_bucket(client, container, run_jobs, bucket):
    token, submission = form_page(client)
    photo = png(24, 24)
    answer = client.post("/contact", content_type="multipart/form-data", data={
        "csrf_token": token, "submission": submission, "description": "Mould on the wall",
        "reply_by": "email", "email": "a@example.org", "photos": [(io.BytesIO(photo), "m.png")],
    })
    assert answer.status_code == 200
    run_jobs()
    with container.sessions() as session:
        [row] = session.scalars(select(models.Attachment)).all()
    assert row.status == "kept"
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"contact-hub/{row.stored_key}"]  # the staged upload was removed
    kept = bucket.get_object(Bucket=BUCKET, Key=keys[0])
    assert kept["Body"].read() == photo and kept["ContentType"] == "image/png"
