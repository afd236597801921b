"""Residents' records: identities, vulnerabilities, reasonable adjustments, history."""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify

from contact_hub.domain.access import roles
from contact_hub.web import params, serializers
from contact_hub.web.auth import audited_read, record_read, require
from contact_hub.web.context import container

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


def _profile(customer_id: int) -> Response:
    records = container().customers
    with container().sessions() as session:
        return jsonify(serializers.customer_profile(records.profile(session, customer_id)))

