"""Alerts and the on-call rota over the JSON API: list, detail, acknowledge, resolve."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.alerts.model import Actor, Via
from contact_hub.services.escalation.service import AlertNotFound
from contact_hub.web import params
from contact_hub.web.alerts import serializers as show
from contact_hub.web.auth import permitted, require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.serializers import page

bp = Blueprint("alerts_api", __name__, url_prefix="/api/v1")

STATES = ("open", "acknowledged", "resolved")


@bp.get("/oncall")
@require(roles.VIEW_ONCALL)
def oncall() -> Response:
    """Who is on call now, or at `?at=` (ISO 8601; a time without an offset is UTC)."""
    rota = container().oncall.at(moment(request.args.get("at"), "at"))
    return jsonify(show.on_call(rota, mobiles=permitted(roles.SEE_ONCALL_NUMBERS)))


@bp.get("/alerts")
@require(roles.VIEW_ONCALL)
def list_alerts() -> Response:
    state = params.choice(request.args, "state", STATES)
    limit, offset = params.paging(request.args)
    return jsonify(page(container().queries.alerts.alerts(state, limit, offset),
                        show.alert_summary))


@bp.get("/alerts/<int:alert_id>")
@require(roles.VIEW_ONCALL)
def get_alert(alert_id: int) -> Response:
    alert = container().queries.alerts.alert(alert_id)
    if alert is None:
        raise ApiError(404, f"no alert {alert_id}")
    return jsonify(show.alert_detail(alert))


@bp.post("/alerts/<int:alert_id>/acknowledge")
@require(roles.ANSWER_ALERTS)
def acknowledge(alert_id: int) -> Response:
    return _change(alert_id, "acknowledge")


@bp.post("/alerts/<int:alert_id>/resolve")
@require(roles.ANSWER_ALERTS)
def resolve(alert_id: int) -> Response:
    return _change(alert_id, "resolve")


def _change(alert_id: int, action: str) -> Response:
    name = params.json_body(required=False).get("by")
    actor = Actor(str(name)[:200] if name else f"API user ({g.role})")
    service = container().escalation
    try:
        outcome = (service.acknowledge if action == "acknowledge" else service.resolve)(
            alert_id, actor, Via.API)
    except AlertNotFound:
        raise ApiError(404, f"no alert {alert_id}") from None
    return jsonify({"id": outcome.alert_id, "state": outcome.state, "changed": outcome.changed})


def moment(raw: str | None, name: str) -> datetime | None:
    """An ISO 8601 query parameter (a time without an offset is UTC); 400 if malformed."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace(" ", "+"))  # "+" arrives as a space
    except ValueError:
        raise ApiError(400, f"{name}: must be an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
