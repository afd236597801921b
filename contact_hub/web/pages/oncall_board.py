"""On call page."""

from __future__ import annotations

from flask import render_template

from contact_hub.domain import staff_roles as roles
from contact_hub.web.pages.access import page_blueprint, require

bp = page_blueprint("oncall_board", __name__)


@bp.get("/oncall")
@require(roles.VIEW_ONCALL)
def board() -> str:
    return render_template("placeholder.html", title="On call")
