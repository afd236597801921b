"""Privacy for admins: subject access export, erasure, legal holds, the retention dry run."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.services.privacy import HoldView, RetentionPlan
from contact_hub.web import params
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

bp = Blueprint("privacy", __name__, url_prefix="/api/v1")

EXPORT_FORMATS = ("json", "pdf", "zip")
MAX_ID = 2**31 - 1  # ids are 32-bit in the database; anything larger exists nowhere


def _id(value: int, what: str) -> int:
    if value > MAX_ID:
        raise ApiError(404, f"no {what} {value}")
    return value


@bp.get("/customers/<int:customer_id>/export")
@require(roles.PRIVACY)
def export_customer(customer_id: int) -> Response:
    kind = params.choice(request.args, "format", EXPORT_FORMATS) or "json"
    bundle = container().privacy.access.export(_id(customer_id, "customer"), g.actor)
    if kind == "json":
        return jsonify(bundle.data)
    body, mimetype = ((bundle.pdf_bytes(), "application/pdf") if kind == "pdf"
                      else (bundle.zip_bytes(), "application/zip"))
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{bundle.stem}.{kind}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/customers/<int:customer_id>/erase")
@require(roles.PRIVACY)
def erase_customer(customer_id: int) -> Response:
    body = params.json_body(required=False)
    reason = body.get("reason") or ""
    if not isinstance(reason, str):
        raise ApiError(400, "reason: must be text")
    report = container().privacy.erasure.erase(_id(customer_id, "customer"), g.actor, reason)
    return jsonify(report.to_dict())


@bp.get("/customers/<int:customer_id>/holds")
@require(roles.PRIVACY)
def list_holds(customer_id: int) -> Response:
    holds = container().privacy.holds.list(_id(customer_id, "customer"))
    return jsonify({"items": [_hold(hold) for hold in holds]})


@bp.post("/customers/<int:customer_id>/holds")
@require(roles.PRIVACY)
def place_hold(customer_id: int) -> tuple[Response, int]:
    reason = params.json_body().get("reason")
    if not isinstance(reason, str):
        raise ApiError(400, "reason: required (why must this person's records be kept?)")
    hold = container().privacy.holds.place(_id(customer_id, "customer"), reason, g.actor)
    return jsonify(_hold(hold)), 201


@bp.post("/holds/<int:hold_id>/release")
@require(roles.PRIVACY)
def release_hold(hold_id: int) -> Response:
    return jsonify(_hold(container().privacy.holds.release(_id(hold_id, "legal hold"), g.actor)))


@bp.get("/privacy/retention")
@require(roles.PRIVACY)
def retention_dry_run() -> Response:
    return jsonify(_plan(container().privacy.retention.plan()))


def _hold(hold: HoldView) -> dict[str, Any]:
    data = asdict(hold)
    for name in ("set_at", "released_at"):
        data[name] = data[name].isoformat() if data[name] else None
    return data


def _plan(plan: RetentionPlan) -> dict[str, Any]:
    return {"would_anonymise": plan.counts(),
            "items": [asdict(item) for item in plan.items]}
