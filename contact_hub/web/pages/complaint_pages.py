"""Complaints page."""

from __future__ import annotations

from flask import render_template

from contact_hub.domain import staff_roles as roles
from contact_hub.web.pages.access import page_blueprint, require

bp = page_blueprint("complaint_pages", __name__)


@bp.get("/complaints")
@require(roles.VIEW_COMPLAINTS)
def cases() -> str:
    return render_template("placeholder.html", title="Complaints")
