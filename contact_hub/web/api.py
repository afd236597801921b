"""JSON API v1 for agents and operators. Views parse, call one query or service, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.contacts.filters import ContactFilters
from contact_hub.domain.contacts.types import ContactStatus
from contact_hub.web import params, serializers
from contact_hub.web.auth import audited_read, permitted, require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.openapi import document
from contact_hub.web.repairs import api as repairs_api
from routing.types import CATEGORIES

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CONTACT_STATUSES = (ContactStatus.RECEIVED, ContactStatus.ROUTED, ContactStatus.NEEDS_ATTENTION)
OUTBOX_STATUSES = (
    "queued", "sending", "sent", "simulated", "delivered", "read",
    "failed", "undelivered", "suppressed", "unknown",
)


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())


@bp.get("/contacts")
@require(roles.WORK_CONTACTS)
def list_contacts() -> Response:
    filters = ContactFilters(
        channel=request.args.get("channel") or None,
        category=params.choice(request.args, "category", CATEGORIES),
        status=params.choice(request.args, "status", CONTACT_STATUSES),
    )
    limit, offset = params.paging(request.args)
    result = container().queries.contacts.contacts(
        filters, request.args.get("customer") or None, limit, offset)
    return jsonify(serializers.page(result, serializers.contact_summary))


@bp.get("/contacts/<int:contact_id>")
@require(roles.WORK_CONTACTS)
@audited_read("contact", "contact_id")
def get_contact(contact_id: int) -> Response:
    detail = container().queries.contacts.contact(contact_id)
    if detail is None:
        raise ApiError(404, f"no contact {contact_id}")
    return jsonify(_with_repair(serializers.contact_detail(detail), contact_id))


@bp.post("/contacts/<int:contact_id>/reclassify")
@require(roles.WORK_CONTACTS)
def reclassify_contact(contact_id: int) -> tuple[Response, int]:
    body = params.json_body()
    container().reclassifier.reclassify(
        contact_id,
        category=str(body.get("category", "")),
        reason=str(body.get("reason", "")),
        actor=g.actor,
        queue=body.get("queue"),
    )
    detail = container().queries.contacts.contact(contact_id)
    assert detail is not None
    return jsonify(_with_repair(serializers.contact_detail(detail), contact_id)), 200


def _with_repair(body: dict[str, Any], contact_id: int) -> dict[str, Any]:
    """The contact's JSON with the repair it opened (its target and work order), if any."""
    repair = container().repairs.repair_of(contact_id)
    body["repair"] = repairs_api.as_json(repair) if repair is not None else None
    return body


@bp.get("/outbox")
@require(roles.WORK_CONTACTS)
def list_outbox() -> Response:
    status = params.choice(request.args, "status", OUTBOX_STATUSES)
    contact_id = (params.integer(request.args, "contact_id", minimum=1,
                                 maximum=params.MAX_ID)
                  if "contact_id" in request.args else None)
    limit, offset = params.paging(request.args)
    result = container().queries.contacts.outbox(status, contact_id, limit, offset)
    staff_numbers = permitted(roles.SEE_ONCALL_NUMBERS)
    return jsonify(serializers.page(
        result, lambda message: serializers.outbound(message, staff_numbers)))
