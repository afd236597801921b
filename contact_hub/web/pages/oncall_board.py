"""The on-call board: open emergencies with who was paged, how and when, the next
escalation step, acknowledge and resolve buttons; the rota for the next 14 days."""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from contact_hub.domain.access import roles
from contact_hub.domain.alerts.model import Actor, Via
from contact_hub.domain.working_days import london_date
from contact_hub.services.escalation.service import AlertNotFound
from contact_hub.services.workspace import queries as workspace_queries
from contact_hub.web.context import container
from contact_hub.web.pages.access import not_found, page_blueprint, require
from contact_hub.web.pages.forms import ActionForm

bp = page_blueprint("oncall_board", __name__)


@bp.get("/oncall")
@require(roles.VIEW_ONCALL)
def board() -> str:
    c = container()
    alerts = c.queries.workspace.alert_lines()
    rota = workspace_queries.rota_days(c.oncall, london_date(c.clock()))
    tiers = [cell.tier for cell in rota[0].cells] if rota else []
    return render_template(
        "oncall.html", alerts=alerts, rota=rota, tiers=tiers, rota_error=c.oncall.error,
        form=ActionForm(), refresh=c.settings.workspace_refresh_seconds, now=c.clock(),
    )


@bp.post("/oncall/alerts/<int:alert_id>/<action>")
@require(roles.ANSWER_ALERTS)
def answer(alert_id: int, action: str) -> Any:
    if action not in ("acknowledge", "resolve"):
        not_found(f"There is no alert action {action}.")
    ActionForm()
    service = container().escalation
    change = service.acknowledge if action == "acknowledge" else service.resolve
    try:
        outcome = change(alert_id, Actor(g.member.name), Via.WEB)
    except AlertNotFound:
        not_found(f"There is no alert {alert_id}.")
        raise
    done = "acknowledged" if action == "acknowledge" else "resolved"
    if outcome.changed:
        flash(f"Alert {alert_id} {done} by you: paging has stopped." if done == "acknowledged"
              else f"Alert {alert_id} resolved.", "success")
    else:
        flash(f"Alert {alert_id} was already {outcome.state}.", "info")
    return _back()


def _back() -> Response:
    return redirect(url_for("oncall_board.board"))
