"""Staged uploads a crash orphaned (staged, but no contact was ever stored to name them)
are removed by the media sweep once they are old; staged files a contact names, and new
ones, are left alone."""

from __future__ import annotations

import io
import os
from datetime import timedelta

from sqlalchemy import select

from contact_hub.services.media.keeper import ORPHAN_AFTER
from contact_hub.services.media.sources import stage_upload, staged_key
from contact_hub.storage import models
from contact_hub.storage.media.files import FileMissing
from tests.integration.test_web_form import form_page
from tests.media_files import png


def age(container, key: str, by: timedelta) -> None:
    """Make the staged file look written `by` ago (by the service's clock)."""
    stamp = (container.clock() - by).timestamp()
    os.utime(container.settings.media_directory / key, (stamp, stamp))


def test_old_orphaned_uploads_are_swept_and_named_or_new_ones_kept(
    client, container, run_jobs
):
    store = container.media.store
    photo = png(16, 16)
    # What a web form request had staged when the process died before the contact was in.
    orphan = staged_key(stage_upload(store, photo, "image/png"))
    recent = staged_key(stage_upload(store, photo, "image/png"))
    token, submission = form_page(client)
    answer = client.post("/contact", content_type="multipart/form-data", data={
        "csrf_token": token, "submission": submission, "description": "Mould on the wall",
        "reply_by": "email", "email": "a@example.org", "photos": [(io.BytesIO(photo), "m.png")],
    })
    assert answer.status_code == 200
    with container.sessions() as session:
        [attachment] = session.scalars(select(models.Attachment)).all()
    named = staged_key(attachment.url)
    assert orphan and recent and named
    age(container, orphan, ORPHAN_AFTER + timedelta(minutes=1))
    age(container, named, ORPHAN_AFTER * 3)  # its contact waits for its media job
    age(container, recent, ORPHAN_AFTER - timedelta(minutes=5))

    container.media.sweep()  # every worker's timer

    try:
        store.get(orphan)
        raise AssertionError("the orphaned upload is still there")
    except FileMissing:
        pass
    assert store.get(recent) == photo and store.get(named) == photo
    assert container.media.remove_orphaned_uploads() == 0  # nothing more to do
    run_jobs()  # the named one is kept for its contact as ever
    with container.sessions() as session:
        [attachment] = session.scalars(select(models.Attachment)).all()
    assert attachment.status == "kept" and store.get(attachment.stored_key) == photo

