"""Residents' photos and files, served to signed-in staff only (never by a public link)."""

from __future__ import annotations

from flask import Response

from contact_hub.domain.access import roles
from contact_hub.web.context import container
from contact_hub.web.pages.access import not_found, page_blueprint, record_read, require

bp = page_blueprint("media", __name__)
# Shown in the browser (a photo, a PDF); anything else is a download.
INLINE_TYPES = ("image/", "application/pdf")


@bp.get("/media/<int:attachment_id>")
@require(roles.WORK_CONTACTS)
def attachment(attachment_id: int) -> Response:
    copy = container().media.staff_copy(attachment_id)
    if copy is None:
        not_found(f"There is no kept file {attachment_id}.")
    assert copy is not None
    record_read("contact", copy.contact_id)  # a photo of someone's home is their record too
    disposition = "inline" if copy.content_type.startswith(INLINE_TYPES) else "attachment"
    return Response(copy.data, mimetype=copy.content_type, headers={
        "Content-Disposition": f'{disposition}; filename="{copy.filename}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        # A file is never a page: no scripts, even if a browser were to render it as one.
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
    })
