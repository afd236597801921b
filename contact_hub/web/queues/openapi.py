"""OpenAPI paths and schemas for the agents' queues (queues_api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.services.workspace.agent_work import CLAIM_LEASE, MAX_REPLY_CHARACTERS, WORK_QUEUES
from contact_hub.web.params import ID_SCHEMA

_ERR = {"$ref": "#/components/schemas/Error"}
_ID = {"name": "id", "in": "path", "required": True, "schema": ID_SCHEMA}
_CONTACT = {"$ref": "#/components/schemas/Contact"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "malformed request", "401": "missing or invalid bearer token",
             "403": "the token's role is not allowed", "404": "no such contact or queue",
             "409": "not allowed in the contact's current state"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


def _contact_action(summary: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary, "parameters": [_ID],
        "responses": {"200": {"description": "the contact afterwards", **_json(_CONTACT)},
                      **_errors("401", "403", "404", "409")}}
    if body is not None:
        operation["requestBody"] = {"required": False, **_json(body)}
    return {"post": operation}


QUEUE_PATHS: dict[str, Any] = {
    "/queues": {"get": {
        "summary": "Every agent queue with its open contacts, how many are held, by priority",
        "responses": {"200": {"description": "the queues", **_json({
            "type": "object", "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Queue"}}}})},
                      **_errors("401", "403")}}},
    "/queues/{queue}/next": {"post": {
        "summary": "Take the most urgent free contact in a queue (priority, then oldest); "
                   f"it is yours for {int(CLAIM_LEASE.total_seconds() // 60)} minutes, then "
                   "offered again unless resolved",
        "parameters": [{"name": "queue", "in": "path", "required": True,
                        "schema": {"enum": list(WORK_QUEUES)}}],
        "responses": {"200": {"description": "the contact, with the customer's history on "
                                             "every channel", **_json(_CONTACT)},
                      "204": {"description": "nothing waiting in this queue"},
                      **_errors("401", "403", "404")}}},
    "/contacts/{id}/reply": {"post": {
        "summary": "Reply to the resident on the channel they used (a caller by text), "
                   "through the outbox; the same request twice sends once",
        "parameters": [_ID, {"name": "Idempotency-Key", "in": "header", "required": False,
                             "description": "send once per key (default: once per text)",
                             "schema": {"type": "string", "maxLength": 200}}],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["body"], "properties": {
                "body": {"type": "string", "minLength": 1,
                         "maxLength": MAX_REPLY_CHARACTERS}}})},
        "responses": {"201": {"description": "the outbox row (suppressed, with the reason, "
                                             "if the resident opted out)",
                              **_json({"$ref": "#/components/schemas/OutboundMessage"})},
                      **_errors("400", "401", "403", "404")}}},
    "/contacts/{id}/resolve": _contact_action(
        "Mark the contact dealt with (it leaves its queue); audited with a note",
        {"type": "object", "properties": {"note": {"type": "string", "maxLength": 1000}}}),
    "/contacts/{id}/release": _contact_action(
        "Give a held contact back to its queue (its holder, or an admin)"),
}

QUEUE_SCHEMAS: dict[str, Any] = {
    "Queue": {"type": "object", "properties": {
        "queue": {"type": "string", "enum": list(WORK_QUEUES)},
        "open": {"type": "integer", "description": "routed and not yet resolved"},
        "held": {"type": "integer", "description": "taken by an agent (lease not lapsed)"},
        "waiting": {"type": "integer", "description": "open and free to take"},
        "by_priority": {"type": "object", "additionalProperties": {"type": "integer"},
                        "description": "open contacts by priority (1 most urgent; 0: unrouted)"},
        "oldest_received_at": {"type": ["string", "null"], "format": "date-time"}}},
}
