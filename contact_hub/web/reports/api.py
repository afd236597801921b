"""Reports and learning under /api/v1 (thin: parse, one call, render).

``GET /reports/annual?year=`` answers JSON, CSV, a printable HTML page or a PDF, chosen by
``format`` or the Accept header; every format prints the same sections
(``domain.reports.layout``)."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, render_template, request

from contact_hub.domain.access import roles
from contact_hub.domain.complaints.model import (
    IndependenceTrigger,
    OmbudsmanDetermination,
    RootCauseKind,
)
from contact_hub.domain.reports.layout import sections
from contact_hub.domain.reports.quarterly import charts
from contact_hub.services.reports.text import report_csv
from contact_hub.web import params
from contact_hub.web.auth import require
from contact_hub.web.complaints.forms import moment, period, required_text
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.reports import forms

bp = Blueprint("reports_api", __name__, url_prefix="/api/v1")
FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html",
           "pdf": "application/pdf"}


@bp.get("/reports/annual")
@require(roles.VIEW_DASHBOARD)
def annual_report() -> Response:
    year = params.integer(request.args, "year", minimum=2000, maximum=2999)
    chosen = _format()
    report = container().reports.annual(year)
    name = f"complaints-annual-report-{year}-{(year + 1) % 100:02d}"
    if chosen == "csv":
        return _attachment(report_csv(report), "text/csv", f"{name}.csv")
    if chosen == "html":
        return Response(render_template("reports/annual.html", report=report,
                                        sections=sections(report)), mimetype="text/html")
    if chosen == "pdf":
        from contact_hub.services.reports.pdf import render_pdf  # fpdf2 loads at the first PDF

        return _attachment(render_pdf(report), "application/pdf", f"{name}.pdf")
    return jsonify(report)


@bp.get("/reports/quarterly")
@require(roles.VIEW_DASHBOARD)
def quarterly_report() -> Response:
    """Trends by quarter for the governing body: JSON, HTML with charts, or PDF."""
    year = params.integer(request.args, "year", minimum=2000, maximum=2999)
    upto = params.integer(request.args, "upto", minimum=1, maximum=4, default=4)
    chosen = _format()
    trends = container().quarterly.trends(year, upto)
    if chosen == "html":
        return Response(render_template("reports/quarterly.html", trends=trends,
                                        charts=charts(trends)), mimetype="text/html")
    if chosen == "pdf":
        name = f"complaints-quarterly-{year}-q{upto}.pdf"
        from contact_hub.services.reports.pdf import render_quarterly_pdf

        return _attachment(render_quarterly_pdf(trends), "application/pdf", name)
    if chosen == "csv":
        raise ApiError(400, "format: json, html or pdf for the quarterly report")
    return jsonify(trends)


@bp.put("/reports/annual/<int:year>/governing-body-response")
@require(roles.GOVERN)
def governing_body_response(year: int) -> Response:
    response = forms.governing_body_response(params.json_body())
    container().reports.respond_for_governing_body(year, response, g.actor)
    return jsonify(container().reports.annual(year)["governing_body_response"])


@bp.put("/reports/annual/<int:year>/self-assessment/<provision>")
@require(roles.PREPARE_REPORTS)
def self_assessment_commentary(year: int, provision: str) -> Response:
    text = required_text(params.json_body(), "commentary")
    container().reports.comment_on_provision(year, provision, text, g.actor)
    rows = container().reports.annual(year)["self_assessment"]
    return jsonify(next(row for row in rows if row["provision"] == provision))


@bp.get("/reports/contacts")
@require(roles.VIEW_DASHBOARD)
def contact_kpis() -> Response:
    """Contact KPIs for ``from`` to ``to`` (London dates, both included)."""
    start, end = period(request.args)
    return jsonify(container().contact_kpis.kpis(start, end))


@bp.get("/reports/vocabulary")
@require(roles.VIEW_COMPLAINTS)
def vocabulary() -> Response:
    """The lists a complaint is classified against, for forms and integrations."""
    configured = container().settings.complaint_vocabulary()
    return jsonify({
        "categories": [{"code": c, "label": label}
                       for c, label in configured.categories.entries],
        "service_areas": [{"code": c, "label": label}
                          for c, label in configured.service_areas.entries],
        "root_causes": [k.value for k in RootCauseKind],
        "independence_triggers": [t.value for t in IndependenceTrigger],
        "ombudsman_determinations": [d.value for d in OmbudsmanDetermination],
    })


@bp.put("/complaints/<reference>/classification")
@require(roles.HANDLE_COMPLAINTS)
def classify(reference: str) -> Response:
    body = params.json_body()
    found, triggers, team, detail = forms.classification(body)
    view = container().learning.classify(
        reference, actor=g.actor, at=moment(body, "at"), classification=found,
        triggers=triggers, subject_team=team, detail=detail)
    return jsonify(view.to_dict())


@bp.post("/complaints/<reference>/root-causes")
@require(roles.HANDLE_COMPLAINTS)
def add_root_cause(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.add_root_cause(
        reference, actor=g.actor, at=moment(body, "at"), cause=forms.root_cause(body))
    return jsonify(view.to_dict())


@bp.post("/complaints/<reference>/lessons")
@require(roles.HANDLE_COMPLAINTS)
def record_lesson(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.record_lesson(
        reference, actor=g.actor, at=moment(body, "at"), lesson=forms.lesson(body))
    return jsonify(view.to_dict())


@bp.post("/complaints/<reference>/improvements")
@require(roles.HANDLE_COMPLAINTS)
def agree_improvement(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.agree_improvement(
        reference, actor=g.actor, at=moment(body, "at"), improvement=forms.improvement(body))
    return jsonify(view.to_dict())


@bp.post("/complaints/<reference>/improvements/<improvement_id>/complete")
@require(roles.HANDLE_COMPLAINTS)
def complete_improvement(reference: str, improvement_id: str) -> Response:
    body = params.json_body(required=False)
    view = container().learning.complete_improvement(
        reference, improvement_id, actor=g.actor, at=moment(body, "at"))
    return jsonify(view.to_dict())


@bp.put("/complaints/<reference>/ombudsman")
@require(roles.GOVERN)
def record_ombudsman(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.record_ombudsman(
        reference, actor=g.actor, at=moment(body, "at"), case=forms.ombudsman(body))
    return jsonify(view.to_dict())


@bp.put("/complaints/<reference>/handler")
@require(roles.ASSIGN_HANDLERS)
def assign_handler(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.assign(
        reference, actor=g.actor, at=moment(body, "at"), handler=forms.handler(body))
    return jsonify(view.to_dict())


@bp.post("/complaints/<reference>/withdrawal")
@require(roles.HANDLE_COMPLAINTS)
def withdraw(reference: str) -> Response:
    body = params.json_body()
    view = container().learning.withdraw(
        reference, actor=g.actor, at=moment(body, "at"), reason=required_text(body, "reason"))
    return jsonify(view.to_dict())


def _format() -> str:
    """``?format=``, else the Accept header's best match, else JSON."""
    asked = request.args.get("format")
    if asked is not None:
        if asked not in FORMATS:
            raise ApiError(400, f"format: one of {', '.join(FORMATS)}")
        return asked
    best = request.accept_mimetypes.best_match(list(FORMATS.values()))
    return next((name for name, mime in FORMATS.items() if mime == best), "json")


def _attachment(body: str | bytes, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={filename}"})
