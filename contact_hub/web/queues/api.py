"""Agents' queues: what is waiting, the next most urgent contact, reply, release, resolve.

Views parse, call one service, render; the agent is the API token's name.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, request

from contact_hub.domain.access import roles
from contact_hub.web import params, serializers
from contact_hub.web.auth import permitted, record_read, require
from contact_hub.web.context import container
from contact_hub.web.errors import ApiError

bp = Blueprint("queues", __name__, url_prefix="/api/v1")


@bp.get("/queues")
@require(roles.WORK_CONTACTS)
def list_queues() -> Response:
    summaries = container().agent_work.summary()
    return jsonify({"items": [serializers.queue_summary(s) for s in summaries]})


@bp.post("/queues/<queue>/next")
@require(roles.WORK_CONTACTS)
def next_contact(queue: str) -> Response:
    contact_id = container().agent_work.claim_next(queue, g.actor)
    if contact_id is None:
        return Response(status=204)
    response = _detail(contact_id)
    record_read("contact", contact_id)
    return response


@bp.post("/contacts/<int:contact_id>/reply")
@require(roles.WORK_CONTACTS)
def reply(contact_id: int) -> tuple[Response, int]:
    body = params.json_body()
    key = request.headers.get("Idempotency-Key") or None
    outbound_id = container().agent_work.reply(contact_id, g.actor, str(body.get("body", "")), key)
    message = container().queries.contacts.outbound(outbound_id)
    assert message is not None
    return jsonify(serializers.outbound(message)), 201


@bp.post("/contacts/<int:contact_id>/resolve")
@require(roles.WORK_CONTACTS)
def resolve(contact_id: int) -> Response:
    body = params.json_body(required=False)
    container().agent_work.resolve(contact_id, g.actor, str(body.get("note") or "") or None)
    return _detail(contact_id)


@bp.post("/contacts/<int:contact_id>/release")
@require(roles.WORK_CONTACTS)
def release(contact_id: int) -> Response:
    container().agent_work.release(contact_id, g.actor, admin=permitted(roles.RELEASE_ANY))
    return _detail(contact_id)


def _detail(contact_id: int) -> Response:
    detail = container().queries.contacts.contact(contact_id)
    if detail is None:
        raise ApiError(404, f"no contact {contact_id}")
    return jsonify(serializers.contact_detail(detail))
