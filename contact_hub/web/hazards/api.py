"""Awaab's Law hazard cases: list, show, and record what has been done."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain import hazards as rules
from contact_hub.domain.access import roles
from contact_hub.services.hazards.cases import HazardCaseView
from contact_hub.services.homes.listing import HomeFilters
from contact_hub.web import listing, params
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

bp = Blueprint("hazards", __name__, url_prefix="/api/v1")
STATUSES = ("open", "closed")


@bp.get("/hazards")
@require(roles.WORK_CONTACTS)
def list_hazards() -> Response:
    filters = HomeFilters(**listing.home_filters(request.args, STATUSES))
    return listing.page(request.args, container().hazards.list, filters, as_json)


@bp.get("/hazards/<reference>")
@require(roles.WORK_CONTACTS)
def get_hazard(reference: str) -> Response:
    return jsonify(as_json(container().hazards.get(reference)))


@bp.post("/hazards/<reference>/steps")
@require(roles.WORK_CONTACTS)
def record_step(reference: str) -> Response:
    body = params.json_body()
    found = body.get("hazard_found")
    if found is not None and not isinstance(found, bool):
        raise ApiError(400, "hazard_found: true or false")
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        raise ApiError(400, "note: text")
    view = container().hazards.record(
        reference, str(body.get("step") or ""), g.actor, at=params.moment(body.get("at")),
        note=note, hazard_found=found)
    return jsonify(as_json(view))


def as_json(view: HazardCaseView) -> dict[str, Any]:
    """The case as the API shows it."""
    return {
        "reference": view.reference, "kind": view.kind, "hazard": view.hazard,
        "status": view.status, "property": view.place.to_dict() if view.place else None,
        "customer_id": view.customer_id, "aware_at": view.aware_at.isoformat(),
        "deadlines": rules.to_json(view.deadlines), "overdue": view.overdue,
        "contacts": [{"id": cid, "reference": ref} for cid, ref in view.contacts],
        "findings": view.findings, "alternative_accommodation": view.alternative_accommodation,
        "closed_at": view.closed_at.isoformat() if view.closed_at else None,
        "retain_until": view.retain_until.isoformat() if view.retain_until else None,
        "work_order": {"reference": view.work_order_ref, "status": view.work_order_status,
                       "updates": [{"status": status, "at": at.isoformat(), "work_order": ref,
                                    "note": note}
                                   for status, at, ref, note in view.work_order_updates]},
    }
