"""The property register: properties and tenancies (with their households)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from contact_hub.domain.access import roles
from contact_hub.web import params
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.homes.serializers import property_json, tenancy_json

bp = Blueprint("homes", __name__, url_prefix="/api/v1")


@bp.get("/properties/<reference>")
@require(roles.WORK_CONTACTS)
def get_property(reference: str) -> Response:
    return jsonify(property_json(container().homes.property(reference)))


@bp.put("/properties/<reference>")
@require(roles.REGISTER_HOMES)
def put_property(reference: str) -> Response:
    body = params.json_body()
    return jsonify(property_json(container().homes.put_property(reference, body)))


@bp.get("/tenancies/<reference>")
@require(roles.WORK_CONTACTS)
def get_tenancy(reference: str) -> Response:
    return jsonify(tenancy_json(container().homes.tenancy(reference)))


@bp.put("/tenancies/<reference>")
@require(roles.REGISTER_HOMES)
def put_tenancy(reference: str) -> Response:
    body = params.json_body()
    return jsonify(tenancy_json(container().homes.put_tenancy(reference, body)))
