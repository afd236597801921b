"""OpenAPI paths and schemas for emergency alerts and the on-call rota (alerts_api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.web.openapi_parts import ERR as _ERR
from contact_hub.web.openapi_parts import PATH_ID as _ID
from contact_hub.web.openapi_parts import WHEN as _WHEN
from contact_hub.web.openapi_parts import json_content as _json
from contact_hub.web.openapi_parts import ref as _ref


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "malformed query", "401": "missing or invalid bearer token",
             "403": "the token's role is not allowed", "404": "no such alert"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


def _change_path(summary: str) -> dict[str, Any]:
    return {"post": {
        "summary": summary, "parameters": [_ID],
        "requestBody": {"required": False, **_json({"type": "object", "properties": {
            "by": {"type": "string", "maxLength": 200,
                   "description": "who did it (default: the API user's role)"}}})},
        "responses": {"200": {"description": "the alert's state afterwards; changed is false "
                                             "when it was already in that state",
                              **_json(_ref("AlertChange"))},
                      **_errors("401", "403", "404")}}}


ALERT_PATHS: dict[str, Any] = {
    "/alerts": {"get": {
        "summary": "List emergency alerts, newest first",
        "parameters": [
            {"name": "state", "in": "query", "required": False, "description": "alert state",
             "schema": {"enum": ["open", "acknowledged", "resolved"]}},
            {"name": "limit", "in": "query", "required": False, "description": "page size",
             "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
            {"name": "offset", "in": "query", "required": False, "description": "items to skip",
             "schema": {"type": "integer", "minimum": 0, "default": 0}}],
        "responses": {"200": {"description": "a page of alerts", **_json({
            "type": "object", "required": ["items", "total", "limit", "offset"],
            "properties": {"items": {"type": "array", "items": _ref("Alert")},
                           "total": {"type": "integer"}, "limit": {"type": "integer"},
                           "offset": {"type": "integer"},
                           "next_offset": {"type": ["integer", "null"]}}})},
                      **_errors("400", "401", "403")}}},
    "/alerts/{id}": {"get": {
        "summary": "One alert: the incident, its contacts, timeline and every page sent",
        "parameters": [_ID],
        "responses": {"200": {"description": "the alert", **_json(_ref("AlertDetail"))},
                      **_errors("401", "403", "404")}}},
    "/alerts/{id}/acknowledge": _change_path(
        "Acknowledge an alert: paging stops and the residents are told help is on the way"),
    "/alerts/{id}/resolve": _change_path("Resolve an alert (stops paging too)"),
    "/oncall": {"get": {
        "summary": "Who is on call now (or at a given time), tier by tier, and the page order",
        "parameters": [{"name": "at", "in": "query", "required": False,
                        "schema": {"type": "string", "format": "date-time"},
                        "description": "ISO 8601; a time without an offset is UTC"}],
        "responses": {"200": {"description": "the rota at that moment", **_json(_ref("OnCall"))},
                      **_errors("400", "401", "403")}}},
}

_CHANGE = {"type": ["object", "null"], "properties": {
    "by": {"type": ["string", "null"]}, "at": _WHEN,
    "via": {"type": ["string", "null"], "enum": ["slack", "sms", "voice", "api", None]}}}
_ALERT = {"type": "object", "properties": {
    "id": {"type": "integer"},
    "state": {"type": "string", "enum": ["open", "acknowledged", "resolved"]},
    "ack_code": {"type": "string", "description": "the code on-call staff text back (ACK code)"},
    "hazards": {"type": "array", "items": {"type": "string"}},
    "opened_at": {"type": "string", "format": "date-time"},
    "step_index": {"type": "integer"}, "next_step_at": _WHEN,
    "acknowledged": _CHANGE, "resolved": _CHANGE}}
_RESPONDER = {"type": "object", "properties": {
    "tier": {"type": "string"}, "name": {"type": ["string", "null"]},
    "mobile": {"type": ["string", "null"]}, "slack_user_id": {"type": ["string", "null"]},
    "covering_for": {"type": ["string", "null"]}, "fallback": {"type": "boolean"}}}

ALERT_SCHEMAS: dict[str, Any] = {
    "Alert": _ALERT,
    "AlertDetail": {"allOf": [_ref("Alert"), {"type": "object", "properties": {
        "incident": {"type": "object"},
        "contacts": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "reference": {"type": "string"},
            "channel": {"type": "string"}, "received_at": {"type": "string",
                                                           "format": "date-time"}}}},
        "timeline": {"type": "array", "items": {"type": "object", "properties": {
            "at": {"type": "string", "format": "date-time"}, "kind": {"type": "string"},
            "actor": {"type": "string"}, "via": {"type": ["string", "null"]},
            "detail": {"type": "object"}}}},
        "notifications": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string"}, "step": {"type": "integer"},
            "tier": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]},
            "status": {"type": "string"},
            "outbound_id": {"type": ["integer", "null"]}}}}}}]},
    "AlertChange": {"type": "object", "required": ["id", "state", "changed"], "properties": {
        "id": {"type": "integer"},
        "state": {"type": "string", "enum": ["open", "acknowledged", "resolved"]},
        "changed": {"type": "boolean"}}},
    "Responder": _RESPONDER,
    "OnCall": {"type": "object", "properties": {
        "at": {"type": "string", "format": "date-time"},
        "tiers": {"type": "array", "items": {"type": "object", "properties": {
            "tier": {"type": "string"}, "source": {"type": "string"},
            "person": {"type": ["string", "null"]}, "paged": _ref("Responder")}}},
        "page_order": {"type": "array", "items": _ref("Responder")},
        "fallback_configured": {"type": "boolean"}}},
}
