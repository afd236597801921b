"""Complaint cases and the complaints report under /api/v1 (thin: parse, one call, render)."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.complaints.reports import CSV_COLUMNS, report_csv_rows
from contact_hub.web import params
from contact_hub.web.auth import audited_read, permitted, require
from contact_hub.web.complaints import forms
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.serializers import envelope

bp = Blueprint("complaints_api", __name__, url_prefix="/api/v1")


@bp.post("/complaints")
@require(roles.RECORD_COMPLAINTS)
def record_complaint() -> tuple[Response, int]:
    new = forms.new_complaint(params.json_body())
    view = container().complaints.record(new, g.actor)
    return jsonify(view.to_dict()), 201


@bp.get("/complaints")
@require(roles.VIEW_COMPLAINTS)
def list_complaints() -> Response:
    filters, overdue = forms.filters(request.args)
    limit, offset = params.paging(request.args)
    items, total = container().complaints.search(filters, overdue, limit, offset)
    return jsonify(envelope(items, total, limit, offset))


@bp.get("/complaints/<reference>")
@require(roles.VIEW_COMPLAINTS)
@audited_read("complaint", "reference")
def get_complaint(reference: str) -> Response:
    return jsonify(container().complaints.get(reference).to_dict())


@bp.post("/complaints/<reference>/<action>")
@require(roles.HANDLE_COMPLAINTS)
def act_on_complaint(reference: str, action: str) -> Response:
    perform = forms.ACTIONS.get(action)
    if perform is None:
        raise ApiError(404, f"no complaint action {action}; one of {', '.join(forms.ACTIONS)}")
    if action in forms.ADMIN_ACTIONS and not permitted(roles.DECLINE_COMPLAINTS):
        raise ApiError(403, roles.refusal(g.role, roles.DECLINE_COMPLAINTS, signed_in=False),
                       "forbidden")
    body = params.json_body(required=False)
    return jsonify(perform(container().complaints, reference, g.actor, body).to_dict())


@bp.post("/complaints/<reference>/actions/<action_id>/complete")
@require(roles.HANDLE_COMPLAINTS)
def complete_outstanding_action(reference: str, action_id: str) -> Response:
    body = params.json_body(required=False)
    view = container().complaints.complete_action(
        reference, action_id, actor=g.actor, at=forms.moment(body, "at")
    )
    return jsonify(view.to_dict())


@bp.put("/buildings/<building_id>")
@require(roles.REGISTER_HOMES)
def register_building(building_id: str) -> Response:
    body = params.json_body()
    name = forms.required_text(body, "name")
    higher_risk = forms.flag(body, "higher_risk")
    container().complaints.register_building(building_id, name, higher_risk)
    return jsonify({"id": building_id, "name": name, "higher_risk": higher_risk})


@bp.get("/reports/complaints")
@require(roles.VIEW_COMPLAINTS)
def complaints_report() -> Response:
    start, end = forms.period(request.args)
    report = container().complaints.report(start, end)
    if not _wants_csv():
        return jsonify(report)
    filename = f"complaints-{start.isoformat()}-{end.isoformat()}.csv"
    return _csv_attachment(report_csv_rows(report), filename)


def _wants_csv() -> bool:
    """``?format=csv``, or an Accept header that prefers CSV to JSON."""
    return request.args.get("format") == "csv" or (
        request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv"
    )


def _csv_attachment(rows: list[dict[str, str]], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})
