"""Dashboard page."""

from __future__ import annotations

from flask import render_template

from contact_hub.domain import staff_roles as roles
from contact_hub.web.pages.access import page_blueprint, require

bp = page_blueprint("dashboard", __name__)


@bp.get("/dashboard")
@require(roles.VIEW_DASHBOARD)
def dashboard() -> str:
    return render_template("placeholder.html", title="Dashboard")
