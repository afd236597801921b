"""Repairs against the landlord's service standards: list (soonest due first), show,
change the priority (audited) and record the repair done or cancelled."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.repairs import RepairPriority
from contact_hub.services.repairs.requests import STATUSES, RepairFilters, RepairView
from contact_hub.web import listing, params
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

bp = Blueprint("repairs", __name__, url_prefix="/api/v1")
PRIORITIES = tuple(p.value for p in RepairPriority)


@bp.get("/repairs")
@require(roles.WORK_CONTACTS)
def list_repairs() -> Response:
    filters = RepairFilters(**listing.home_filters(request.args, STATUSES),
                            priority=params.choice(request.args, "priority", PRIORITIES))
    return listing.page(request.args, container().repairs.list, filters, as_json)


@bp.get("/repairs/<reference>")
@require(roles.WORK_CONTACTS)
def get_repair(reference: str) -> Response:
    return jsonify(as_json(container().repairs.get(reference)))


@bp.put("/repairs/<reference>/priority")
@require(roles.WORK_CONTACTS)
def set_priority(reference: str) -> Response:
    body = params.json_body()
    view = container().repairs.set_priority(
        reference, _text(body, "priority"), g.actor, _text(body, "reason"))
    return jsonify(as_json(view))


@bp.post("/repairs/<reference>/finish")
@require(roles.WORK_CONTACTS)
def finish(reference: str) -> Response:
    body = params.json_body()
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        raise ApiError(400, "note: text")
    view = container().repairs.finish(reference, _text(body, "status"), g.actor, note,
                                      params.moment(body.get("at")))
    return jsonify(as_json(view))


def _text(body: Any, name: str) -> str:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"{name}: text")
    return value or ""


def as_json(view: RepairView) -> dict[str, Any]:
    """The repair as the API (and the contact's JSON) shows it."""
    return {
        "reference": view.reference,
        "contact": {"id": view.contact_id, "reference": view.contact_reference},
        "customer_id": view.customer_id,
        "property": view.place.to_dict() if view.place else None,
        "priority": view.priority, "priority_set_by": view.priority_set_by,
        "target": {"code": view.target.code, "words": view.target.words},
        "reported_at": view.reported_at.isoformat(), "due_at": view.due_at.isoformat(),
        "status": view.status,
        "completed_at": view.completed_at.isoformat() if view.completed_at else None,
        "overdue": view.overdue,
        "work_order": {
            "reference": view.work_order_ref, "status": view.work_order_status,
            "updates": [{"status": u.status, "at": u.at.isoformat(),
                         "work_order": u.work_order_ref, "note": u.note}
                        for u in view.work_order_updates]},
    }
