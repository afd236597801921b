"""The managers' dashboard: charts from real queries, each with its numbers as a table
and as CSV from the same figure."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template, request

from contact_hub.domain.access import roles
from contact_hub.domain.workspace.dashboard import Figure
from contact_hub.services.workspace import queries as workspace_queries
from contact_hub.web.context import container
from contact_hub.web.pages.access import not_found, page_blueprint, require

bp = page_blueprint("dashboard", __name__)


def _period() -> int:
    raw = request.args.get("days", "30")
    days = int(raw) if raw.isdigit() else 0
    if days not in workspace_queries.DASHBOARD_PERIODS:
        not_found("The dashboard shows the last 30 or 90 days.")
    return days


def _figures(days: int) -> list[Figure]:
    c = container()
    charts = c.queries.workspace.dashboard_figures(c.clock(), days, c.redis)
    lines = workspace_queries.inbox_lines(c.agent_work.summary(), c.clock())
    return [*workspace_queries.queue_figures(lines), *charts]


@bp.get("/dashboard")
@require(roles.VIEW_DASHBOARD)
def dashboard() -> str:
    days = _period()
    return render_template("dashboard.html", figures=_figures(days), days=days,
                           periods=workspace_queries.DASHBOARD_PERIODS)


@bp.get("/dashboard/<key>.csv")
@require(roles.VIEW_DASHBOARD)
def figure_csv(key: str) -> Response:
    days = _period()
    figure = next((f for f in _figures(days) if f.key == key), None)
    if figure is None:
        not_found(f"There is no chart called {key}.")
    assert figure is not None
    out = io.StringIO()
    csv.writer(out).writerows(figure.rows())
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={key}-last-{days}-days.csv"})
