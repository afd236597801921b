"""JSON API v1 for agents and operators. Views parse, call one query or service, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.services import queries
from contact_hub.storage import repository as repo
from contact_hub.web import serializers
from contact_hub.web.auth import require_role
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")

CATEGORIES = ("emergency", "complaint", "service_request")
CONTACT_STATUSES = ("received", "routed", "needs_attention")
OUTBOX_STATUSES = (
    "queued", "sending", "sent", "simulated", "delivered", "read",
    "failed", "undelivered", "suppressed", "unknown",
)


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())


@bp.get("/contacts")
@require_role("agent")
def list_contacts() -> Response:
    filters = repo.ContactFilters(
        channel=request.args.get("channel") or None,
        category=_choice("category", CATEGORIES),
        status=_choice("status", CONTACT_STATUSES),
    )
    limit, offset = _paging()
    with container().sessions() as session:
        result = queries.list_contacts(
            session, filters, request.args.get("customer") or None, limit, offset
        )
        return jsonify(serializers.page(result, serializers.contact_summary))


@bp.get("/contacts/<int:contact_id>")
@require_role("agent")
def get_contact(contact_id: int) -> Response:
    with container().sessions() as session:
        detail = queries.contact_detail(session, contact_id)
        if detail is None:
            raise ApiError(404, f"no contact {contact_id}")
        return jsonify(serializers.contact_detail(detail))


@bp.post("/contacts/<int:contact_id>/reclassify")
@require_role("agent")
def reclassify_contact(contact_id: int) -> tuple[Response, int]:
    body = _json_body()
    container().reclassifier.reclassify(
        contact_id,
        category=str(body.get("category", "")),
        reason=str(body.get("reason", "")),
        actor=g.actor,
        queue=body.get("queue"),
    )
    with container().sessions() as session:
        detail = queries.contact_detail(session, contact_id)
        assert detail is not None
        return jsonify(serializers.contact_detail(detail)), 200


@bp.get("/outbox")
@require_role("agent")
def list_outbox() -> Response:
    status = _choice("status", OUTBOX_STATUSES)
    contact_id = _integer("contact_id", minimum=1) if "contact_id" in request.args else None
    limit, offset = _paging()
    with container().sessions() as session:
        result = queries.list_outbound(session, status, contact_id, limit, offset)
        return jsonify(serializers.page(result, serializers.outbound))


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "expected a JSON object body")
    return body


def _choice(name: str, options: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    if value in (None, ""):
        return None
    if value not in options:
        raise ApiError(400, f"{name}: must be one of {', '.join(options)}")
    return value


def _integer(name: str, *, minimum: int, maximum: int | None = None, default: Any = None) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        if default is None:
            raise ApiError(400, f"{name}: required")
        return int(default)
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}: must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ApiError(400, f"{name}: out of range")
    return value


def _paging() -> tuple[int, int]:
    limit = _integer("limit", minimum=1, maximum=200, default=50)
    offset = _integer("offset", minimum=0, default=0)
    return limit, offset
