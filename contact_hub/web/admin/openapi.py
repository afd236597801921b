"""OpenAPI paths and schemas for the admin API (admin_api.py): tokens and the access audit."""

from __future__ import annotations

from typing import Any

from contact_hub.services.access.audit import RECORD_TYPES
from contact_hub.services.access.tokens import MAX_EXPIRY_DAYS, ROLES
from contact_hub.web.openapi_parts import ERR as _ERR
from contact_hub.web.openapi_parts import PATH_ID as _ID
from contact_hub.web.openapi_parts import WHEN as _WHEN
from contact_hub.web.openapi_parts import json_content as _json
from contact_hub.web.openapi_parts import ref as _ref
from contact_hub.web.params import OFFSET_SCHEMA


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "invalid request", "401": "missing or invalid bearer token",
             "403": "needs the admin role", "404": "no such token"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


ADMIN_PATHS: dict[str, Any] = {
    "/tokens": {
        "get": {
            "summary": "Every API token, without its secret (admins)",
            "responses": {"200": {"description": "the tokens", **_json({
                "type": "object", "properties": {"items": {"type": "array",
                                                           "items": _ref("ApiToken")}}})},
                          **_errors("401", "403")}},
        "post": {
            "summary": "Create a token; the response is the only time its secret is shown "
                       "(admins)",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["role"], "properties": {
                    "role": {"type": "string", "enum": list(ROLES)},
                    "name": {"type": "string", "maxLength": 100,
                             "description": "who holds it; shown in audit trails"},
                    "expires_in_days": {"type": "integer", "minimum": 1,
                                        "maximum": MAX_EXPIRY_DAYS}}})},
            "responses": {"201": {"description": "the new token", **_json(_ref("NewApiToken"))},
                          **_errors("400", "401", "403")}},
    },
    "/tokens/{id}/revoke": {"post": {
        "summary": "Revoke a token at once (admins)",
        "parameters": [_ID],
        "responses": {"200": {"description": "the token, revoked", **_json(_ref("ApiToken"))},
                      **_errors("400", "401", "403", "404")}}},
    "/audit/access": {"get": {
        "summary": "Who read which resident's record (customer, contact, complaint) through "
                   "the API, newest first (admins)",
        "parameters": [
            _query("actor", {"type": "string"}, "the token's name (or token-ID)"),
            _query("record_type", {"type": "string", "enum": list(RECORD_TYPES)}, "kind"),
            _query("record_id", {"type": "string"},
                   "a customer or contact id, or a complaint reference"),
            _query("since", {"type": "string", "format": "date-time"},
                   "ISO 8601; a time without an offset is UTC"),
            _query("limit", {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                   "page size"),
            _query("offset", OFFSET_SCHEMA, "items to skip"),
        ],
        "responses": {"200": {"description": "a page of reads", **_json({
            "type": "object", "properties": {
                "items": {"type": "array", "items": _ref("AccessRead")},
                "total": {"type": "integer"}, "limit": {"type": "integer"},
                "offset": {"type": "integer"}, "next_offset": {"type": ["integer", "null"]}}})},
            **_errors("400", "401", "403")}}},
}

_TOKEN = {"type": "object", "properties": {
    "id": {"type": "integer"}, "role": {"type": "string", "enum": list(ROLES)},
    "name": {"type": ["string", "null"]},
    "state": {"type": "string", "enum": ["active", "expired", "revoked"]},
    "created_at": {"type": "string", "format": "date-time"},
    "expires_at": _WHEN, "revoked_at": _WHEN}}

ADMIN_SCHEMAS: dict[str, Any] = {
    "ApiToken": _TOKEN,
    "NewApiToken": {"allOf": [_ref("ApiToken"), {"type": "object", "required": ["token"],
                    "properties": {"token": {"type": "string", "description": "the secret: "
                                             "shown only in this response"}}}]},
    "AccessRead": {"type": "object", "properties": {
        "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
        "actor": {"type": "string"}, "role": {"type": "string"},
        "token_id": {"type": ["integer", "null"]},
        "via": {"type": "string", "enum": ["api", "web"]},
        "record_type": {"type": "string", "enum": list(RECORD_TYPES)},
        "record_id": {"type": "string"}}},
}
