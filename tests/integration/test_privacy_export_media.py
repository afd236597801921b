"""A subject access export carries the person's kept photos and files themselves (in the
zip and in the folder the CLI writes), each named by its attachment in the JSON."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from contact_hub.cli import main
from contact_hub.storage import models
from tests.integration.test_web_form import form_page
from tests.media_files import PDF, png


def test_the_export_holds_the_kept_files(client, container, run_jobs, tmp_path, monkeypatch):
    photo = png(20, 20)
    token, submission = form_page(client)
    answer = client.post("/contact", content_type="multipart/form-data", data={
        "csrf_token": token, "submission": submission, "description": "Mould in the bedroom",
        "reply_by": "email", "email": "a.okafor@example.org",
        "photos": [(io.BytesIO(photo), "wall.png"), (io.BytesIO(PDF), "letter.pdf")],
    })
    assert answer.status_code == 200
    run_jobs()
    with container.sessions() as session:
        [contact] = session.scalars(select(models.Contact)).all()
        kept = session.scalars(select(models.Attachment).order_by(models.Attachment.id)).all()
    assert [a.status for a in kept] == ["kept", "kept"]
    admin = {"Authorization": "Bearer " + container.tokens.create("admin", "Dana (DPO)")}

    response = client.get(f"/api/v1/customers/{contact.customer_id}/export?format=zip",
                          headers=admin)

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    [data_name] = [n for n in archive.namelist() if n.endswith("/data.json")]
    stem = data_name.rsplit("/", 1)[0]
    data = json.loads(archive.read(data_name))
    [listed] = [c["attachments"] for c in data["contacts"]]
    assert [archive.read(f"{stem}/{a['file']}") for a in listed] == [photo, PDF]
    assert listed[0]["file"].endswith(".png") and listed[1]["file"].endswith(".pdf")

    container.media.store.delete(kept[1].stored_key)  # lost from the store since
    monkeypatch.setenv("DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("CONTACT_HUB_HOME", str(container.settings.home))  # its media store
    assert main(["privacy", "export", "--customer", str(contact.customer_id),
                 "--out", str(tmp_path / "out")]) == 0
    [folder] = (tmp_path / "out").iterdir()
    written = json.loads((folder / "data.json").read_text())
    [listed] = [c["attachments"] for c in written["contacts"]]
    assert (folder / listed[0]["file"]).read_bytes() == photo
    assert "file" not in listed[1] and "no longer" in listed[1]["file_missing"]
