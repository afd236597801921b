"""The property register: properties and tenancies (with their households)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from contact_hub.web import params
from contact_hub.web.auth import require_role
from contact_hub.web.context import container
from contact_hub.web.homes.serializers import property_json, tenancy_json

bp = Blueprint("homes", __name__, url_prefix="/api/v1")


@bp.get("/properties/<reference>")
@require_role("agent")
def get_property(reference: str) -> Response:
    return jsonify(property_json(container().homes.property(reference)))


@bp.put("/properties/<reference>")
@require_role("admin")
def put_property(reference: str) -> Response:
    body = params.json_body()
    return jsonify(property_json(container().homes.put_property(reference, body)))


@bp.get("/tenancies/<reference>")
@require_role("agent")
def get_tenancy(reference: str) -> Response:
    return jsonify(tenancy_json(container().homes.tenancy(reference)))


@bp.put("/tenancies/<reference>")
@require_role("admin")
def put_tenancy(reference: str) -> Response:
    body = params.json_body()
    return jsonify(tenancy_json(container().homes.put_tenancy(reference, body)))
