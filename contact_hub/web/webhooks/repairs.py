"""The repairs system's status updates on work orders: signed (403 otherwise), checked
(400 with the reason), applied once per event id."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from channels import repairs_system
from channels.base import PayloadInvalid
from contact_hub.metrics import count_webhook
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.webhooks.signing import repairs_signature, signed

bp = Blueprint("repairs_webhooks", __name__, url_prefix="/webhooks")


@bp.post("/repairs")
@signed("repairs", repairs_signature)
def status_update() -> tuple[Response, int]:
    """One status update (docs/repairs.md); 200 with `duplicate` true for a replayed id."""
    services = container()
    try:
        update = repairs_system.parse_update(request.get_data(cache=True))
    except PayloadInvalid as error:
        count_webhook(services.dispatcher, "repairs", "bad_request")
        raise ApiError(400, str(error)) from None
    applied = services.work_orders.receive(update)
    count_webhook(services.dispatcher, "repairs", "accepted")
    return jsonify({"received": update.event_id, "duplicate": not applied}), 200



