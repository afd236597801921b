"""OpenAPI paths and schemas for residents' records (customers_api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.domain.contacts.adjustments import ADJUSTMENTS
from contact_hub.services.complaints.letters import REPLY_CHANNELS
from contact_hub.web.params import ID_SCHEMA
from routing.types import VULNERABILITIES

_ERR = {"$ref": "#/components/schemas/Error"}
_ID = {"name": "id", "in": "path", "required": True, "schema": ID_SCHEMA}
_PROFILE = {"$ref": "#/components/schemas/Customer"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "unknown field or value, or no reason", "401": "missing or invalid "
             "bearer token", "403": "the token's role is not allowed", "404": "no such customer"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


_NEEDS = {
    "display_name": {"type": ["string", "null"], "maxLength": 200},
    "preferred_channel": {"enum": [*REPLY_CHANNELS, None]},
    "vulnerabilities": {"type": "array", "items": {"enum": list(VULNERABILITIES)},
                        "description": "recorded vulnerabilities; the router uses them (e.g. "
                                       "no heating for an elderly household is an emergency)"},
    "reasonable_adjustments": {"type": "array", "items": {"enum": list(ADJUSTMENTS)}},
}

CUSTOMER_PATHS: dict[str, Any] = {
    "/customers/{id}": {
        "get": {
            "summary": "A resident's record: identities, vulnerabilities, reasonable "
                       "adjustments, latest contacts on every channel, and who changed what",
            "parameters": [_ID],
            "responses": {"200": {"description": "the record", **_json(_PROFILE)},
                          **_errors("401", "403", "404")}},
        "patch": {
            "summary": "Correct a resident's record; every change needs a reason and is "
                       "audited with the agent's name",
            "parameters": [_ID],
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["reason"],
                "properties": {**_NEEDS, "reason": {"type": "string", "minLength": 1}}})},
            "responses": {"200": {"description": "the record afterwards", **_json(_PROFILE)},
                          **_errors("400", "401", "403", "404")}},
    },
    "/customers/{id}/identities": {"post": {
        "summary": "Link a phone, email or social id to this resident (audited): moved from "
                   "another record with the contacts it sent (a record left with none is "
                   "folded in, its vulnerabilities kept), or added",
        "parameters": [_ID],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["kind", "value", "reason"], "properties": {
                "kind": {"enum": ["phone", "email", "messenger", "instagram"]},
                "value": {"type": "string", "example": "07400 123456"},
                "reason": {"type": "string", "minLength": 1}}})},
        "responses": {"200": {"description": "the record afterwards", **_json(_PROFILE)},
                      "409": {"description": "already this resident's", **_json(_ERR)},
                      **_errors("400", "401", "403", "404")}}},
    "/customers/{id}/identities/{identity_id}/unlink": {"post": {
        "summary": "Unlink one identity (audited): it and the contacts it sent move to a new "
                   "resident record, which is returned",
        "parameters": [_ID, {"name": "identity_id", "in": "path", "required": True,
                             "schema": ID_SCHEMA}],
        "requestBody": {"required": True, **_json({
            "type": "object", "required": ["reason"], "properties": {
                "reason": {"type": "string", "minLength": 1}}})},
        "responses": {"201": {"description": "the new record", **_json(_PROFILE)},
                      "409": {"description": "the resident's only identity", **_json(_ERR)},
                      **_errors("400", "401", "403", "404")}}},
}

CUSTOMER_SCHEMAS: dict[str, Any] = {
    "Customer": {"type": "object", "properties": {
        "id": {"type": "integer"},
        **{name: schema for name, schema in _NEEDS.items() if name != "reasonable_adjustments"},
        "reasonable_adjustments": {"type": "array", "items": {"type": "object", "properties": {
            "code": {"enum": list(ADJUSTMENTS)}, "meaning": {"type": "string"}}}},
        "identities": {"type": "array", "items": {"type": "object"}},
        "recent_contacts": {"type": "array", "items": {"$ref": "#/components/schemas/Contact"}},
        "changes": {"type": "array", "items": {"type": "object"}},
        "suggested_links": {"type": "array", "description": "other records whose identity "
                            "the property register gives to the same household member",
                            "items": {"type": "object"}}}},
}
