"""Admin-only API: API tokens (list without secrets, create, revoke) and the access audit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.domain.privacy.access_reads import ReadFilters
from contact_hub.services.access.audit import RECORD_TYPES, AccessEntry
from contact_hub.services.access.tokens import MAX_EXPIRY_DAYS, TokenInfo
from contact_hub.web import params
from contact_hub.web.alerts.api import moment
from contact_hub.web.auth import require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError
from contact_hub.web.serializers import envelope, iso

bp = Blueprint("admin_api", __name__, url_prefix="/api/v1")


@bp.get("/tokens")
@require(roles.MANAGE_ACCESS)
def list_tokens() -> Response:
    return jsonify({"items": [_token(info) for info in container().tokens.list()]})


@bp.post("/tokens")
@require(roles.MANAGE_ACCESS)
def create_token() -> tuple[Response, int]:
    body = params.json_body()
    days = body.get("expires_in_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        raise ApiError(400, f"expires_in_days: a whole number from 1 to {MAX_EXPIRY_DAYS}")
    name = body.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > 100):
        raise ApiError(400, "name: text of at most 100 characters")
    token, info = container().tokens.issue(str(body.get("role", "")), name, days)
    return jsonify({**_token(info), "token": token}), 201


@bp.post("/tokens/<int:token_id>/revoke")
@require(roles.MANAGE_ACCESS)
def revoke_token(token_id: int) -> Response:
    return jsonify(_token(container().tokens.revoke(token_id)))


@bp.get("/audit/access")
@require(roles.MANAGE_ACCESS)
def access_audit() -> Response:
    filters = ReadFilters(
        actor=request.args.get("actor") or None,
        record_type=params.choice(request.args, "record_type", RECORD_TYPES),
        record_id=request.args.get("record_id") or None,
        since=moment(request.args.get("since"), "since"),
    )
    limit, offset = params.paging(request.args)
    items, total = container().access_audit.search(filters, limit, offset)
    return jsonify(envelope([_read(entry) for entry in items], total, limit, offset))


def _token(info: TokenInfo) -> dict[str, Any]:
    return {"id": info.id, "role": info.role, "name": info.name, "state": info.state,
            "created_at": iso(info.created_at), "expires_at": iso(info.expires_at),
            "revoked_at": iso(info.revoked_at)}


def _read(entry: AccessEntry) -> dict[str, Any]:
    return {"id": entry.id, "at": iso(entry.at), "actor": entry.actor, "role": entry.role,
            "token_id": entry.token_id, "via": entry.via, "record_type": entry.record_type,
            "record_id": entry.record_id}
