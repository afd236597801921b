"""Residents' records: identities, vulnerabilities, reasonable adjustments, history; and
linking or unlinking an identity (one resident across channels), audited."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify

from contact_hub.domain.access import roles
from contact_hub.web import params, serializers
from contact_hub.web.auth import audited_read, record_read, require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

bp = Blueprint("customers", __name__, url_prefix="/api/v1")


@bp.get("/customers/<int:customer_id>")
@require(roles.WORK_CONTACTS)
@audited_read("customer", "customer_id")
def get_customer(customer_id: int) -> Response:
    return _profile(customer_id)


@bp.patch("/customers/<int:customer_id>")
@require(roles.EDIT_RESIDENT)
def update_customer(customer_id: int) -> Response:
    body = dict(params.json_body())
    reason = str(body.pop("reason", "") or "")
    container().customers.update(customer_id, g.actor, body, reason)
    response = _profile(customer_id)
    record_read("customer", customer_id)  # the answer is the whole record
    return response


@bp.post("/customers/<int:customer_id>/identities")
@require(roles.EDIT_RESIDENT)
def link_identity(customer_id: int) -> tuple[Response, int]:
    """Link a phone, email or social id to this resident (moved from another record with
    the contacts it sent, or added); `reason` is required and kept."""
    body = params.json_body()
    container().identity_links.link(customer_id, _text(body, "kind"), _text(body, "value"),
                                    g.actor, _text(body, "reason"))
    response = _profile(customer_id)
    record_read("customer", customer_id)
    return response, 200


@bp.post("/customers/<int:customer_id>/identities/<int:identity_id>/unlink")
@require(roles.EDIT_RESIDENT)
def unlink_identity(customer_id: int, identity_id: int) -> tuple[Response, int]:
    """Move one identity, with the contacts it sent, to a new resident record of its own;
    answers with the new record."""
    body = params.json_body()
    new_id = container().identity_links.unlink(customer_id, identity_id, g.actor,
                                               _text(body, "reason"))
    response = _profile(new_id)
    record_read("customer", new_id)
    return response, 201


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"{name}: text")
    return value or ""


def _profile(customer_id: int) -> Response:
    c = container()
    body = serializers.customer_profile(c.queries.contacts.customer(customer_id))
    body["suggested_links"] = [
        {"customer_id": s.customer_id, "identity_id": s.identity_id, "kind": s.kind,
         "value": s.value, "household_member": s.member_name,
         "why": "the property register gives this address to the same household member"}
        for s in c.identity_links.suggested(customer_id)]
    return jsonify(body)

